#include "mainwindow.h"
#include "widgets/commands.h"
#include "widgets/document.h"
#include "widgets/inspector.h"
#include "widgets/mapcanvas.h"
#include "widgets/satelliteoverlay.h"
#include "widgets/satellitepanel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>
#include <QWheelEvent>

using namespace nqi;
using namespace nqi::core;

namespace {

// The part of a widget the user can see: its rectangle clipped by every ancestor up to the
// window (the viewports of scroll areas among them), in the widget's coordinates.
QRect visiblePart(const QWidget *widget)
{
    if (!widget->isVisible())
        return {};
    QRect visible = widget->rect();
    QPoint offset;
    for (const QWidget *w = widget; !w->isWindow(); w = w->parentWidget()) {
        offset += w->pos();
        visible &= w->parentWidget()->rect().translated(-offset);
    }
    return visible;
}

// The visible labels under a widget that show the text.
QList<QLabel *> labelsSaying(const QWidget *root, const QString &text)
{
    QList<QLabel *> found;
    for (QLabel *label : root->findChildren<QLabel *>()) {
        if (label->isVisible() && label->text().contains(text))
            found << label;
    }
    return found;
}

// A wheel turn over a widget as the window system delivers it (spontaneous: Qt passes it on to
// the parents the widget leaves it to, and gives wheel focus).
void turnWheel(QWidget *widget, int angleDelta)
{
    const QPointF at = QRectF(widget->rect()).center();
    QWheelEvent wheel(at, widget->mapToGlobal(at), QPoint(), QPoint(0, angleDelta), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    // As QTest delivers its key events: sendEvent would make it not spontaneous.
    QSpontaneKeyEvent::setSpontaneous(&wheel);
    qApp->notify(widget, &wheel);
}

QScrollArea *scrollAreaAround(QWidget *widget)
{
    for (QWidget *w = widget->parentWidget(); w; w = w->parentWidget()) {
        if (auto *area = qobject_cast<QScrollArea *>(w))
            return area;
    }
    return nullptr;
}

// A field's value as text, whatever kind of field it is.
QString valueOf(QWidget *field)
{
    if (auto *date = qobject_cast<QDateTimeEdit *>(field))
        return date->dateTime().toString(Qt::ISODate);
    if (auto *spin = qobject_cast<QAbstractSpinBox *>(field))
        return spin->text();
    if (auto *combo = qobject_cast<QComboBox *>(field))
        return combo->currentText();
    if (auto *slider = qobject_cast<QAbstractSlider *>(field))
        return QString::number(slider->value());
    return {};
}

void type(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

} // namespace

// The Inspector and the Satellites dock in the window as it opens: errors shown where the user
// looks, the document's undo from a field, the wheel that scrolls a form rather than changing
// the value under the pointer. Runs on the offscreen platform.
class TestInspector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void refusedValueIsShownAtTheTopAndKeptInTheField_data();
    void refusedValueIsShownAtTheTopAndKeptInTheField();
    void closingTheMessageRestoresTheStoredValue();
    void messagesShowNamesAsText();
    void undoShortcutInAFieldUndoesTheDocument();
    void undoShortcutInAFieldOutsideTheWindow();
    void closedWhileAFieldIsEditedChangesNothing();
    void wheelOverAnUnfocusedFieldScrollsTheDock_data();
    void wheelOverAnUnfocusedFieldScrollsTheDock();
    void wheelOverTheInspectorsKindLeavesTheSite();
    void emptyInspectorHasNoScrollBars_data();
    void emptyInspectorHasNoScrollBars();
    void satelliteRangeRuleAndIslPairingChangeWhatThePanelComputes();

private:
    // The window at the size it opens with (or the one given), one site S1 selected.
    static SiteId addAndSelectSite(app::MainWindow &window);
};

void TestInspector::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

SiteId TestInspector::addAndSelectSite(app::MainWindow &window)
{
    Site site;
    site.code = u"S1"_qs;
    site.name = u"Beijing"_qs;
    site.latitudeDeg = 39.9;
    site.longitudeDeg = 116.4;
    const auto problem =
        widgets::pushCommand(std::make_unique<widgets::AddSiteCommand>(window.document(), site));
    if (problem)
        qFatal("%s", qPrintable(problem->toString()));
    const SiteId id = window.document()->network().sites().back().id;
    window.canvas()->selectObjects({id}, {});
    return id;
}

void TestInspector::refusedValueIsShownAtTheTopAndKeptInTheField_data()
{
    QTest::addColumn<QSize>("windowSize");
    QTest::newRow("as opened") << QSize();
    QTest::newRow("1440x900") << QSize(1440, 900);
}

void TestInspector::refusedValueIsShownAtTheTopAndKeptInTheField()
{
    QFETCH(QSize, windowSize);
    app::MainWindow window;
    if (windowSize.isValid())
        window.resize(windowSize);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    const SiteId id = addAndSelectSite(window);
    widgets::Inspector *inspector = window.inspector();
    auto *dock = window.findChild<QDockWidget *>(u"InspectorDock"_qs);
    QVERIFY(dock && dock->isVisible());
    const Network before = window.document()->network();
    const int commands = window.document()->undoStack()->count();

    Site refused = *before.site(id);
    refused.latitudeDeg = 200;
    const Diagnostics problems = before.check(refused);
    QVERIFY(!problems.isEmpty());
    const QString modelSays = problems.constFirst().message;

    QLineEdit *latitude = inspector->siteField(u"lat"_qs);
    type(latitude, u"200"_qs);
    QVERIFY(window.document()->network() == before);
    QCOMPARE(window.document()->undoStack()->count(), commands);

    // The model's words, in full view inside the dock.
    const QList<QLabel *> shown = labelsSaying(inspector, modelSays);
    QVERIFY2(!shown.isEmpty(), qPrintable(inspector->message()));
    for (QLabel *label : shown) {
        QVERIFY2(visiblePart(label) == label->rect(),
                 qPrintable(u"the message %1 of %2 is outside the dock's visible part"_qs.arg(
                     QDebug::toString(visiblePart(label)), QDebug::toString(label->rect()))));
    }
    QVERIFY(inspector->message().contains(modelSays));
    // The Inspector as a whole does not scroll (its form does, below the message).
    if (QScrollArea *around = scrollAreaAround(inspector))
        QVERIFY(!around->verticalScrollBar()->isVisible());

    // The field keeps what the user typed, selected to be corrected, and says what is wrong.
    QCOMPARE(latitude->text(), u"200"_qs);
    QVERIFY(latitude->hasFocus());
    QCOMPARE(latitude->selectedText(), u"200"_qs);
    QVERIFY2(latitude->toolTip().contains(modelSays), qPrintable(latitude->toolTip()));

    // Corrected, it is applied and the message goes.
    type(latitude, u"45.5"_qs);
    QCOMPARE(window.document()->network().site(id)->latitudeDeg, 45.5);
    QVERIFY(inspector->message().isEmpty());
    QVERIFY(labelsSaying(inspector, modelSays).isEmpty());
    QVERIFY(!latitude->toolTip().contains(modelSays));
    window.document()->undoStack()->setClean();
}

void TestInspector::closingTheMessageRestoresTheStoredValue()
{
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    const SiteId id = addAndSelectSite(window);
    widgets::Inspector *inspector = window.inspector();
    QLineEdit *longitude = inspector->siteField(u"lon"_qs);
    type(longitude, u"east"_qs);
    QVERIFY(inspector->message().contains(u"\"east\" is not a valid number"_qs));
    QCOMPARE(longitude->text(), u"east"_qs);

    auto *close = inspector->findChild<QAbstractButton *>(u"messageBarClose"_qs);
    QVERIFY(close && close->isVisible());
    QTest::mouseClick(close, Qt::LeftButton);
    QVERIFY(inspector->message().isEmpty());
    QCOMPARE(longitude->text().toDouble(), window.document()->network().site(id)->longitudeDeg);
    QVERIFY(longitude->toolTip().isEmpty());

    // Esc does the same from the field.
    type(longitude, u"east"_qs);
    QVERIFY(!inspector->message().isEmpty());
    QTest::keyClick(longitude, Qt::Key_Escape);
    QVERIFY(inspector->message().isEmpty());
    QCOMPARE(longitude->text().toDouble(), window.document()->network().site(id)->longitudeDeg);

    // An edit of another field that succeeds ends the refusal too: the refused text goes.
    type(longitude, u"east"_qs);
    QCOMPARE(longitude->text(), u"east"_qs);
    type(inspector->siteField(u"name"_qs), u"Peking"_qs);
    QCOMPARE(window.document()->network().site(id)->name, u"Peking"_qs);
    QVERIFY(inspector->message().isEmpty());
    QCOMPARE(longitude->text().toDouble(), window.document()->network().site(id)->longitudeDeg);
    window.document()->undoStack()->setClean();
}

void TestInspector::messagesShowNamesAsText()
{
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    addAndSelectSite(window);
    widgets::Inspector *inspector = window.inspector();
    const QString markup = u"<b>x</b><img src=\"q.png\">"_qs;
    QLineEdit *code = inspector->siteField(u"code"_qs);
    code->setFocus();
    code->setText(markup);
    QTest::keyClick(code, Qt::Key_Return);
    const QList<QLabel *> shown = labelsSaying(inspector, markup);
    QVERIFY2(!shown.isEmpty(), qPrintable(inspector->message()));
    for (QLabel *label : shown)
        QCOMPARE(label->textFormat(), Qt::PlainText);
    window.document()->undoStack()->setClean();
}

void TestInspector::undoShortcutInAFieldUndoesTheDocument()
{
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    const SiteId id = addAndSelectSite(window);
    const Network &network = window.document()->network();
    QLineEdit *name = window.inspector()->siteField(u"name"_qs);
    type(name, u"Alpha"_qs);
    QCOMPARE(network.site(id)->name, u"Alpha"_qs);
    QVERIFY(name->hasFocus());

    // The field has nothing of its own to undo: the document's last edit is undone, and redone.
    QTest::keySequence(name, QKeySequence::Undo);
    QCOMPARE(network.site(id)->name, u"Beijing"_qs);
    QCOMPARE(name->text(), u"Beijing"_qs);
    QTest::keySequence(name, QKeySequence::Redo);
    QCOMPARE(network.site(id)->name, u"Alpha"_qs);
    QCOMPARE(name->text(), u"Alpha"_qs);

    // Typing not yet applied is the field's own to undo; the document keeps its state.
    QTest::keyClicks(name, u"bet"_qs);
    QCOMPARE(name->text(), u"Alphabet"_qs);
    QTest::keySequence(name, QKeySequence::Undo);
    QCOMPARE(name->text(), u"Alpha"_qs);
    QCOMPARE(network.site(id)->name, u"Alpha"_qs);
    QCOMPARE(window.document()->undoStack()->index(), 2);
    QTest::keySequence(name, QKeySequence::Undo);
    QCOMPARE(network.site(id)->name, u"Beijing"_qs);
    window.document()->undoStack()->setClean();
}

// Without the window's Undo action (the Inspector on its own) the field reaches the document's
// stack itself.
void TestInspector::undoShortcutInAFieldOutsideTheWindow()
{
    widgets::Document document;
    Site site;
    site.code = u"S1"_qs;
    site.name = u"Beijing"_qs;
    QVERIFY(!widgets::pushCommand(std::make_unique<widgets::AddSiteCommand>(&document, site)));
    widgets::Inspector inspector(&document);
    inspector.setSelection({document.network().sites().front().id}, {});
    inspector.show();
    QVERIFY(QTest::qWaitForWindowActive(&inspector));
    QLineEdit *name = inspector.siteField(u"name"_qs);
    type(name, u"Alpha"_qs);
    QCOMPARE(document.network().sites().front().name, u"Alpha"_qs);
    QTest::keySequence(name, QKeySequence::Undo);
    QCOMPARE(document.network().sites().front().name, u"Beijing"_qs);
    QTest::keySequence(name, QKeySequence::Redo);
    QCOMPARE(document.network().sites().front().name, u"Alpha"_qs);
}

// The field that has focus finishes editing as its window closes, after the Inspector's own
// members are gone: it must not reach them (it crashed), nor apply what was typed.
void TestInspector::closedWhileAFieldIsEditedChangesNothing()
{
    widgets::Document document;
    Site site;
    site.code = u"S1"_qs;
    site.name = u"Beijing"_qs;
    QVERIFY(!widgets::pushCommand(std::make_unique<widgets::AddSiteCommand>(&document, site)));
    auto *inspector = new widgets::Inspector(&document);
    inspector->setSelection({document.network().sites().front().id}, {});
    inspector->show();
    QVERIFY(QTest::qWaitForWindowActive(inspector));
    QLineEdit *name = inspector->siteField(u"name"_qs);
    name->setFocus();
    QVERIFY(name->hasFocus());
    QTest::keyClicks(name, u"Zed"_qs);
    delete inspector;
    QCOMPARE(document.network().sites().front().name, u"Beijing"_qs);
    QCOMPARE(document.undoStack()->count(), 1);
}

void TestInspector::wheelOverAnUnfocusedFieldScrollsTheDock_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("spin box") << u"QDoubleSpinBox"_qs;
    QTest::newRow("date and time") << u"QDateTimeEdit"_qs;
    QTest::newRow("combo box") << u"QComboBox"_qs;
    QTest::newRow("slider") << u"QSlider"_qs;
    QTest::newRow("chart") << u"QCustomPlot"_qs;
}

void TestInspector::wheelOverAnUnfocusedFieldScrollsTheDock()
{
    QFETCH(QString, kind);
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.satellitesDock()->raise();
    widgets::SatellitePanel *panel = window.satellitePanel();
    QVERIFY(QTest::qWaitForWindowExposed(panel->window()));
    QTRY_VERIFY(panel->isVisible());
    QScrollArea *area = scrollAreaAround(panel);
    QVERIFY(area);
    QScrollBar *bar = area->verticalScrollBar();
    QVERIFY2(bar->maximum() > 0, "the Satellites dock is expected to scroll at this size");

    QWidget *field = nullptr;
    for (QWidget *candidate : panel->findChildren<QWidget *>()) {
        auto *combo = qobject_cast<QComboBox *>(candidate);
        if (candidate->inherits(qPrintable(kind)) && candidate->isVisible() &&
            (!combo || combo->count() > 1)) {
            field = candidate;
            break;
        }
    }
    QVERIFY(field);
    if (auto *slider = qobject_cast<QSlider *>(field)) // free to move either way
        slider->setValue((slider->minimum() + slider->maximum()) / 2);
    area->ensureWidgetVisible(field);
    window.canvas()->setFocus();
    QVERIFY(!field->hasFocus());
    const QString value = valueOf(field);
    const int scrolled = bar->value();
    const int delta = scrolled < bar->maximum() ? -120 : 120; // down unless at the bottom

    turnWheel(field, delta);
    QCOMPARE(valueOf(field), value);
    QVERIFY(!field->hasFocus());
    QVERIFY2(bar->value() != scrolled, "the wheel did not scroll the dock");

    if (kind == u"QCustomPlot")
        return; // no use for the wheel at all
    // Chosen by the user, the field takes the wheel.
    area->ensureWidgetVisible(field);
    field->setFocus();
    turnWheel(field, 120);
    if (valueOf(field) == value) // at the end of its range
        turnWheel(field, -120);
    QVERIFY2(valueOf(field) != value, qPrintable(valueOf(field)));
}

void TestInspector::wheelOverTheInspectorsKindLeavesTheSite()
{
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    const SiteId id = addAndSelectSite(window);
    QComboBox *kind = nullptr;
    for (QComboBox *box : window.inspector()->findChildren<QComboBox *>()) {
        if (box->isVisible())
            kind = box;
    }
    QVERIFY(kind);
    window.canvas()->setFocus();
    const Network before = window.document()->network();
    turnWheel(kind, -120);
    turnWheel(kind, 120);
    turnWheel(kind, 120);
    QVERIFY(!kind->hasFocus());
    QVERIFY(window.document()->network() == before);
    QCOMPARE(kind->currentData().toInt(), int(before.site(id)->kind));
    window.document()->undoStack()->setClean();
}

void TestInspector::emptyInspectorHasNoScrollBars_data()
{
    refusedValueIsShownAtTheTopAndKeptInTheField_data();
}

void TestInspector::emptyInspectorHasNoScrollBars()
{
    QFETCH(QSize, windowSize);
    app::MainWindow window;
    if (windowSize.isValid())
        window.resize(windowSize);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *dock = window.findChild<QDockWidget *>(u"InspectorDock"_qs);
    QVERIFY(dock && dock->isVisible());
    QVERIFY(window.inspector()->message().isEmpty());
    QTest::qWait(50); // layouts settle
    for (QScrollBar *bar : dock->findChildren<QScrollBar *>())
        QVERIFY2(!bar->isVisible(),
                 qPrintable(u"a %1 scroll bar in the empty Inspector (%2 in a dock of %3)"_qs.arg(
                     bar->orientation() == Qt::Vertical ? u"vertical"_qs : u"horizontal"_qs,
                     QDebug::toString(window.inspector()->minimumSizeHint()),
                     QDebug::toString(dock->size()))));
}

// The Satellites dock's maximum slant range (alone or with the minimum elevation) and ISL
// pairing (nqi's +Grid or Hypatia's with its shift) reach what it computes, start as the chosen
// constellation keeps them, and leave the wheel to the dock like its other fields.
void TestInspector::satelliteRangeRuleAndIslPairingChangeWhatThePanelComputes()
{
    widgets::Document document;
    for (const auto &[code, latitude, longitude] :
         {std::tuple{u"BJ"_qs, 39.9, 116.4}, std::tuple{u"KS"_qs, 39.47, 75.99}}) {
        Site site;
        site.code = code;
        site.latitudeDeg = latitude;
        site.longitudeDeg = longitude;
        QVERIFY(!widgets::pushCommand(std::make_unique<widgets::AddSiteCommand>(&document, site)));
    }
    widgets::SatelliteOverlay overlay;
    widgets::SatellitePanel panel(&document, &overlay);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setStartTime(QDateTime(QDate(2024, 1, 13), QTime(0, 0), Qt::UTC));
    QVERIFY(panel.addWalker(u"36/6/1:53:1200"_qs, u"Sparse"_qs, 25.0)); // 6 planes of 6

    auto *range = panel.findChild<QDoubleSpinBox *>(u"gslMaxRangeKm"_qs);
    auto *withElevation = panel.findChild<QCheckBox *>(u"gslMinElevation"_qs);
    auto *pairing = panel.findChild<QComboBox *>(u"islPairing"_qs);
    auto *shift = panel.findChild<QSpinBox *>(u"islShift"_qs);
    QVERIFY(range && withElevation && pairing && shift);
    QAbstractButton *isl = nullptr;
    for (QCheckBox *box : panel.findChildren<QCheckBox *>())
        if (box->text().startsWith(u"Inter-satellite links"_qs))
            isl = box;
    QVERIFY(isl);
    // As the constellation keeps them: the elevation alone, nqi's +Grid.
    QCOMPARE(range->text(), u"none"_qs);
    QVERIFY(!withElevation->isEnabled());
    QCOMPARE(pairing->currentText(), u"+Grid"_qs);
    QVERIFY(!shift->isEnabled());
    QCOMPARE(shift->maximum(), 5);
    QCOMPARE(isl->text(), u"Inter-satellite links (+Grid)"_qs);

    // The wheel over each new field, not chosen, scrolls past it.
    panel.setFocus();
    for (QWidget *field : std::initializer_list<QWidget *>{range, pairing, shift}) {
        const QString value = valueOf(field);
        turnWheel(field, 120);
        turnWheel(field, -120);
        QCOMPARE(valueOf(field), value);
        QVERIFY(!field->hasFocus());
    }

    const auto meanInView = [&panel] {
        return panel.computeCoverage() ? panel.coverage()->meanSatellitesInView : -1.0;
    };
    const auto setRange = [range](const QString &km) {
        range->setFocus();
        range->selectAll();
        QTest::keyClicks(range, km);
        QTest::keyClick(range, Qt::Key_Return);
    };
    const double byElevation = meanInView();
    QVERIFY(byElevation > 0.0);
    // 3,000 km reaches below 25 degrees at 1,200 km (25 degrees is 2,205 km away): alone it links
    // more satellites; with the minimum elevation, the elevation decides.
    setRange(u"3000"_qs);
    QCOMPARE(range->value(), 3000.0);
    QVERIFY(withElevation->isEnabled() && withElevation->isChecked());
    QCOMPARE(meanInView(), byElevation);
    QTest::mouseClick(withElevation, Qt::LeftButton);
    QVERIFY(!withElevation->isChecked());
    const double byFarRange = meanInView();
    QVERIFY2(byFarRange > byElevation * 1.2,
             qPrintable(u"%1 %2"_qs.arg(byFarRange).arg(byElevation)));
    // 1,500 km is nearer than 25 degrees: both limits link fewer.
    setRange(u"1500"_qs);
    QTest::mouseClick(withElevation, Qt::LeftButton);
    QVERIFY(withElevation->isChecked());
    const double byNearRange = meanInView();
    QVERIFY2(byNearRange > 0.0 && byNearRange < byElevation * 0.8,
             qPrintable(u"%1 %2"_qs.arg(byNearRange).arg(byElevation)));

    // Beijing to Kashgar over nqi's +Grid, then Hypatia's with shift 1.
    setRange(u"0"_qs);
    QCOMPARE(range->text(), u"none"_qs);
    panel.setPathEnds(u"BJ"_qs, u"KS"_qs, true);
    QVERIFY(panel.computePath());
    QVERIFY(panel.path()->hasIsl);
    QVERIFY2(panel.pathSummary().contains(u"Inter-satellite links (+Grid): "_qs),
             qPrintable(panel.pathSummary()));
    const std::vector<double> overPlusGrid = panel.path()->islMs;
    pairing->setCurrentIndex(pairing->findText(u"Hypatia's"_qs));
    QVERIFY(shift->isEnabled());
    shift->setValue(1);
    QCOMPARE(isl->text(), u"Inter-satellite links (Hypatia's +Grid, shift 1)"_qs);
    QVERIFY(panel.computePath());
    QVERIFY2(panel.pathSummary().contains(u"Inter-satellite links (Hypatia's +Grid, shift 1): "_qs),
             qPrintable(panel.pathSummary()));
    const std::vector<double> overHypatia = panel.path()->islMs;
    QCOMPARE(overHypatia.size(), overPlusGrid.size());
    int differ = 0;
    for (size_t k = 0; k < overHypatia.size(); ++k)
        differ += !(overHypatia[k] == overPlusGrid[k] ||
                    (std::isnan(overHypatia[k]) && std::isnan(overPlusGrid[k])));
    QVERIFY2(differ > 0, "the shift changed no path");
    // Shift 0 pairs the satellites as nqi's +Grid does: the same paths again.
    shift->setValue(0);
    QVERIFY(panel.computePath());
    QCOMPARE(panel.path()->islMs.size(), overPlusGrid.size());
    for (size_t k = 0; k < overPlusGrid.size(); ++k)
        QVERIFY(panel.path()->islMs[k] == overPlusGrid[k] ||
                (std::isnan(panel.path()->islMs[k]) && std::isnan(overPlusGrid[k])));

    // A constellation kept with Hypatia's rules brings them when chosen; one added keeps the
    // range rule of the fields.
    Constellation kept;
    kept.name = u"Kept"_qs;
    kept.shells = {{72, 6, 1, 53.0, 550.0}};
    kept.gslMaxRangeKm = 1089.686;
    kept.gslMinElevation = false;
    kept.islPattern = IslPattern::Hypatia;
    kept.islShift = 7;
    QVERIFY(
        !widgets::pushCommand(std::make_unique<widgets::AddConstellationCommand>(&document, kept)));
    QComboBox *chosen = nullptr;
    for (QComboBox *box : panel.findChildren<QComboBox *>())
        if (box->findText(u"Kept"_qs) >= 0)
            chosen = box;
    QVERIFY(chosen);
    chosen->setCurrentIndex(chosen->findText(u"Kept"_qs));
    QCOMPARE(range->value(), 1089.686);
    QVERIFY(withElevation->isEnabled() && !withElevation->isChecked());
    QCOMPARE(pairing->currentText(), u"Hypatia's"_qs);
    QCOMPARE(shift->maximum(), 11);
    QCOMPARE(shift->value(), 7);
    QVERIFY(panel.addWalker(u"60/6/1:53:1000"_qs, u"Added"_qs, 30.0));
    const Constellation &added = document.network().constellations().back();
    QCOMPARE(added.gslMaxRangeKm, std::optional<double>(1089.686));
    QCOMPARE(added.gslMinElevation, false);
}

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
