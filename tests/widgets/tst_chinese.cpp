#include "core/model/network.h"
#include "core/store/projectstore.h"
#include "mainwindow.h"
#include "widgets/basemap.h"
#include "widgets/commands.h"
#include "widgets/document.h"
#include "widgets/inspector.h"
#include "widgets/kindnames.h"
#include "widgets/mapcanvas.h"
#include "widgets/modelmessages.h"
#include "widgets/projectdock.h"
#include "widgets/resultsview.h"
#include "widgets/satellitepanel.h"
#include "widgets/siteitem.h"
#include "widgets/taskmanager.h"

#include <QAbstractButton>
#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QTranslator>
#include <QUndoStack>
#include <QXmlStreamReader>

#include <qcustomplot.h>

#include <functional>
#include <set>
#include <tuple>

using namespace nqi;
using namespace nqi::core;

namespace {

// Latin words a Chinese interface keeps: protocols, formats, units, product and language names,
// a link's ends (A 端).
const QStringList kAllowedWords{
    u"IGP"_qs,    u"ECMP"_qs,    u"TE"_qs,    u"SRLG"_qs,  u"SLA"_qs,        u"N-1"_qs, u"N-2"_qs,
    u"CSV"_qs,    u"GeoJSON"_qs, u"KML"_qs,   u"PDF"_qs,   u"GeoPackage"_qs, u"FRR"_qs, u"VRP"_qs,
    u"IOS-XR"_qs, u"Junos"_qs,   u"ODT"_qs,   u"HTML"_qs,  u"TLE"_qs,        u"GPU"_qs, u"DCI"_qs,
    u"SGP4"_qs,   u"ISL"_qs,     u"IS-IS"_qs, u"ASCII"_qs, u"Gbps"_qs,       u"km"_qs,  u"ms"_qs,
    u"MW"_qs,     u"TB"_qs,      u"UTC"_qs,   u"NQI"_qs,   u"English"_qs,    u"A"_qs,   u"B"_qs,
    u"Slurm"_qs,  u"MPI"_qs};

// The Latin words of a text shown in Chinese that are not allowed; `data` (site codes, values
// the user typed) is taken out first, as are access letters "(&F)" and HTML tags.
QStringList englishWords(QString text, const QStringList &data = {})
{
    for (const QString &value : data)
        text.remove(value);
    static const QRegularExpression accessLetter(u"\\(&.\\)"_qs);
    static const QRegularExpression tag(u"<[^>]*>"_qs);
    static const QRegularExpression word(u"[A-Za-z][A-Za-z0-9]*(?:[-+][A-Za-z0-9]+)*"_qs);
    text.remove(accessLetter).remove(tag).remove(u"Gb/s"_qs);
    QStringList words;
    for (const QRegularExpressionMatch &match : word.globalMatch(text)) {
        if (!kAllowedWords.contains(match.captured()))
            words << match.captured();
    }
    return words;
}

// The access letter of a menu text ("Save &As…": 'A'), upper case; null when it has none.
QChar accessLetter(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) != u'&')
            return text.at(i + 1).toUpper();
        ++i; // "&&" is a literal ampersand
    }
    return {};
}

struct MenuEntry
{
    QString menu; ///< the menu's titles as shown: "文件(&F) > 导出(&E)"; "menu bar" for the bar
    QString text;
};

// Every menu's actions, in order: the menu bar's titles, then each menu and submenu.
QList<MenuEntry> menuEntries(const app::MainWindow &window)
{
    QList<MenuEntry> entries;
    std::function<void(const QString &, const QList<QAction *> &)> walk =
        [&](const QString &path, const QList<QAction *> &actions) {
            for (QAction *action : actions) {
                if (action->isSeparator() || action->text().isEmpty())
                    continue;
                entries.append({path, action->text()});
                if (QMenu *menu = action->menu())
                    walk(path == u"menu bar" ? action->text() : path + u" > "_qs + action->text(),
                         menu->actions());
            }
        };
    walk(u"menu bar"_qs, window.menuBar()->actions());
    return entries;
}

// Sites S1 and S2 joined by link 1, each added as the user adds it (an undoable command).
void addTwoSitesAndALink(app::MainWindow &window)
{
    for (const auto &[code, lat, lon] :
         {std::tuple{u"S1"_qs, 39.9, 116.4}, std::tuple{u"S2"_qs, 31.2, 121.5}}) {
        Site site;
        site.code = code;
        site.name = code;
        site.latitudeDeg = lat;
        site.longitudeDeg = lon;
        QVERIFY(!widgets::pushCommand(
            std::make_unique<widgets::AddSiteCommand>(window.document(), site)));
    }
    Link link;
    link.siteA = 1;
    link.siteB = 2;
    link.capacityGbps = 100;
    QVERIFY(
        !widgets::pushCommand(std::make_unique<widgets::AddLinkCommand>(window.document(), link)));
}

// Every text the window shows or may show (hidden pages and docks too): labels, buttons, group
// boxes, tabs, tooltips, list entries, table headers, text fields and placeholders, charts'
// axes and legends, docks' and toolbars' titles, menus.
QStringList interfaceTexts(app::MainWindow &window)
{
    QStringList texts{window.windowTitle()};
    for (const MenuEntry &entry : menuEntries(window))
        texts << entry.text;
    for (QWidget *widget : window.findChildren<QWidget *>()) {
        texts << widget->toolTip() << widget->windowTitle();
        if (auto *label = qobject_cast<QLabel *>(widget))
            texts << label->text();
        if (auto *button = qobject_cast<QAbstractButton *>(widget))
            texts << button->text();
        if (auto *box = qobject_cast<QGroupBox *>(widget))
            texts << box->title();
        if (auto *field = qobject_cast<QLineEdit *>(widget))
            texts << field->text() << field->placeholderText();
        if (auto *tabs = qobject_cast<QTabBar *>(widget))
            for (int i = 0; i < tabs->count(); ++i)
                texts << tabs->tabText(i) << tabs->tabToolTip(i);
        if (auto *combo = qobject_cast<QComboBox *>(widget))
            for (int i = 0; i < combo->count(); ++i)
                texts << combo->itemText(i) << combo->itemData(i, Qt::ToolTipRole).toString();
        if (auto *toolbar = qobject_cast<QToolBar *>(widget))
            for (QAction *action : toolbar->actions())
                texts << action->text() << action->toolTip();
        if (auto *view = qobject_cast<QAbstractItemView *>(widget); view && view->model()) {
            const QAbstractItemModel *model = view->model();
            for (int column = 0; column < model->columnCount(); ++column)
                texts << model->headerData(column, Qt::Horizontal).toString();
            for (int row = 0; row < std::min(model->rowCount(), 20); ++row)
                for (int column = 0; column < model->columnCount(); ++column)
                    texts << model->index(row, column).data().toString();
        }
        if (auto *plot = qobject_cast<QCustomPlot *>(widget)) {
            for (QCPAxis *axis : plot->axisRect()->axes())
                texts << axis->label();
            for (int i = 0; i < plot->graphCount(); ++i)
                texts << plot->graph(i)->name();
        }
    }
    texts.removeAll(QString());
    return texts;
}

// The English words of the texts, each with the first text that shows it.
std::map<QString, QString> englishWordsOf(const QStringList &texts, const QStringList &data)
{
    std::map<QString, QString> words;
    for (const QString &text : texts)
        for (const QString &word : englishWords(text, data))
            words.emplace(word, text);
    return words;
}

// The action of a menu (by the path of titles menuEntries gives) with the text.
QAction *menuAction(app::MainWindow &window, const QString &text)
{
    std::function<QAction *(const QList<QAction *> &)> find =
        [&](const QList<QAction *> &actions) -> QAction * {
        for (QAction *action : actions) {
            if (action->text() == text)
                return action;
            if (action->menu())
                if (QAction *found = find(action->menu()->actions()))
                    return found;
        }
        return nullptr;
    };
    return find(window.menuBar()->actions());
}

} // namespace

Q_DECLARE_METATYPE(nqi::core::Diagnostic)

// The workbench in Simplified Chinese: menus keep the English access letters, and what the user
// reads (menus, undo texts, the Inspector's refusals, site kinds, failure names) has no English
// words but technical ones. Runs on the offscreen platform.
class TestChinese : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void everyEntryIsTranslated();
    void translationsKeepAccessLettersAndPlaceholders();
    void menusKeepTheEnglishAccessLetters();
    void accessLettersAreUniqueInEachMenu();
    void menuTextsAreChinese();
    void siteKindsAreNamedInChinese();
    void siteRemovalIsNamedInChinese();
    void inspectorRefusalsAreChinese_data();
    void inspectorRefusalsAreChinese();
    void modelChecksAreChinese_data();
    void modelChecksAreChinese();
    void englishKeepsTheModelsWords();
    void plannerRunAndItsFailuresAreChinese();
    void languageSwitchesWithoutRestart();
    void mapFitsItsLegendsAfterLanguageSwitch();
    void mapColouringFollowsALanguageSwitch();

private:
    void installChinese();
    void removeChinese();
    QTranslator m_translator;
    bool m_installed = false;
};

void TestChinese::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_translator.load(u":/nqi/translations/nqi_zh_CN.qm"_qs));
}

void TestChinese::cleanupTestCase()
{
    removeChinese();
}

// As main() does for --lang zh: the translator, and the locale run configurations are named by.
void TestChinese::installChinese()
{
    if (!m_installed)
        QVERIFY(QApplication::installTranslator(&m_translator));
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    m_installed = true;
}

void TestChinese::removeChinese()
{
    if (m_installed)
        QApplication::removeTranslator(&m_translator);
    QLocale::setDefault(QLocale::c());
    m_installed = false;
}

// resources/translations/update.sh refreshes the .ts from the code; every entry it leaves
// unfinished shows English in the Chinese interface.
void TestChinese::everyEntryIsTranslated()
{
    QFile file(QStringLiteral(NQI_SOURCE_DIR "/resources/translations/nqi_zh_CN.ts"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    QStringList unfinished;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name") {
            context = xml.readElementText();
        } else if (xml.name() == u"source") {
            source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            const bool isUnfinished = xml.attributes().value(u"type"_qs) == u"unfinished";
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (isUnfinished || text.trimmed().isEmpty())
                unfinished << context + u": "_qs + source;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(unfinished.isEmpty(), qPrintable(unfinished.join(u'\n')));
}

// In every context, not only the menus: buttons and dialogs' menus too. A placeholder lost in
// translation drops a value from what the user reads.
void TestChinese::translationsKeepAccessLettersAndPlaceholders()
{
    QFile file(QStringLiteral(NQI_SOURCE_DIR "/resources/translations/nqi_zh_CN.ts"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString source;
    bool numerus = false;
    QStringList problems;
    static const QRegularExpression placeholder(u"%L?\\d|%n"_qs);
    auto placeholders = [](const QString &text) {
        QStringList found;
        for (const QRegularExpressionMatch &match : placeholder.globalMatch(text))
            found << match.captured().remove(u'L');
        found.sort();
        return found;
    };
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"message") {
            numerus = xml.attributes().value(u"numerus"_qs) == u"yes";
        } else if (xml.name() == u"source") {
            source = xml.readElementText();
        } else if ((xml.name() == u"translation" && !numerus) || xml.name() == u"numerusform") {
            const QString translation = xml.readElementText();
            const QChar letter = accessLetter(source);
            if (!letter.isNull() && (accessLetter(translation) != letter ||
                                     !translation.contains(u"(&"_qs + letter + u')'))) {
                problems << source + u" => "_qs + translation + u": not \"(&"_qs + letter +
                                u")\""_qs;
            }
            QStringList wanted = placeholders(source);
            if (!source.contains(u"%n"_qs))
                wanted.removeAll(u"%n"_qs);
            if (placeholders(translation) != wanted)
                problems << source + u" => "_qs + translation + u": placeholders differ"_qs;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestChinese::menusKeepTheEnglishAccessLetters()
{
    removeChinese();
    QList<MenuEntry> english;
    {
        app::MainWindow window;
        english = menuEntries(window);
    }
    installChinese();
    app::MainWindow window;
    const QList<MenuEntry> chinese = menuEntries(window);
    QCOMPARE(chinese.size(), english.size());
    QStringList problems;
    for (qsizetype i = 0; i < english.size(); ++i) {
        const QChar letter = accessLetter(english[i].text);
        const QString &text = chinese[i].text;
        // "撤销(&U)", "打开(&O)…": the English letter in brackets after the Chinese words.
        if (accessLetter(text) != letter ||
            (!letter.isNull() && !text.contains(u"(&"_qs + letter + u')'))) {
            problems << english[i].menu + u": "_qs + english[i].text + u" => "_qs + text;
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestChinese::accessLettersAreUniqueInEachMenu()
{
    installChinese();
    app::MainWindow window;
    QMap<QString, QMultiMap<QChar, QString>> letters; // menu -> letter -> texts
    for (const MenuEntry &entry : menuEntries(window)) {
        if (const QChar letter = accessLetter(entry.text); !letter.isNull())
            letters[entry.menu].insert(letter, entry.text);
    }
    QVERIFY(letters.size() >= 6);
    // Unique per menu, in English and so in Chinese too.
    QStringList duplicates;
    for (auto menu = letters.cbegin(); menu != letters.cend(); ++menu) {
        for (const QChar letter : menu->uniqueKeys()) {
            if (menu->count(letter) > 1)
                duplicates << menu.key() + u": "_qs + menu->values(letter).join(u", "_qs);
        }
    }
    QVERIFY2(duplicates.isEmpty(), qPrintable(duplicates.join(u'\n')));
}

void TestChinese::menuTextsAreChinese()
{
    installChinese();
    app::MainWindow window;
    QStringList problems;
    for (const MenuEntry &entry : menuEntries(window)) {
        // Open Recent lists projects by their paths (data, not interface text), also of files
        // gone since (the settings outlive a test run's folders).
        if (QFileInfo::exists(entry.text) || entry.menu.endsWith(QObject::tr("Open &Recent")) ||
            entry.menu.endsWith(u"最近打开(&R)"_qs) || QDir::isAbsolutePath(entry.text))
            continue;
        if (const QStringList words = englishWords(entry.text); !words.isEmpty())
            problems << entry.menu + u": "_qs + entry.text + u" ("_qs + words.join(u", "_qs) + u')';
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

// The kind is stored as its code (ingest_site) and shown by its name in the Inspector's list,
// its undo text, the Project dock and the map's tooltip.
void TestChinese::siteKindsAreNamedInChinese()
{
    installChinese();
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    addTwoSitesAndALink(window);
    window.canvas()->selectObjects({2}, {});
    QComboBox *kind = nullptr;
    for (QComboBox *box : window.inspector()->findChildren<QComboBox *>()) {
        if (box->isVisible() && box->findData(int(SiteKind::IngestSite)) >= 0)
            kind = box;
    }
    QVERIFY(kind);
    for (int i = 0; i < kind->count(); ++i)
        QVERIFY2(englishWords(kind->itemText(i)).isEmpty(), qPrintable(kind->itemText(i)));
    const QString title = widgets::siteKindTitle(SiteKind::IngestSite);
    QCOMPARE(title, u"数据入算站点"_qs);

    kind->setCurrentIndex(kind->findData(int(SiteKind::IngestSite)));
    Q_EMIT kind->activated(kind->currentIndex());
    QCOMPARE(int(window.document()->network().site(2)->kind), int(SiteKind::IngestSite));
    const QString undo = window.document()->undoStack()->undoText();
    QVERIFY2(undo.contains(title), qPrintable(undo));
    // Add Site, Add Link, Change Kind: each named in Chinese.
    const QUndoStack *stack = window.document()->undoStack();
    QCOMPARE(stack->count(), 4);
    for (int i = 0; i < stack->count(); ++i) {
        const QString text = stack->text(i);
        QVERIFY2(englishWords(text, {u"S1"_qs, u"S2"_qs}).isEmpty(), qPrintable(text));
    }

    QTableView *sites = window.projectDock()->view(widgets::ObjectTableModel::Kind::Sites);
    const QAbstractItemModel *model = sites->model();
    QStringList column;
    for (int row = 0; row < model->rowCount(); ++row)
        column << model->index(row, 3).data().toString();
    QCOMPARE(column.size(), 2);
    QVERIFY2(column.contains(title), qPrintable(column.join(u", "_qs)));
    for (const QString &text : std::as_const(column))
        QVERIFY2(englishWords(text).isEmpty(), qPrintable(text));

    const QString tip = window.canvas()->siteItem(2)->toolTip();
    QVERIFY2(tip.contains(title) && !tip.contains(u"ingest_site"_qs), qPrintable(tip));
    window.document()->undoStack()->setClean();
}

// Deleting a site says in Chinese what went with it.
void TestChinese::siteRemovalIsNamedInChinese()
{
    installChinese();
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    addTwoSitesAndALink(window);
    Demand demand;
    demand.source = 2;
    demand.destination = 1;
    demand.rateGbps = 10;
    QVERIFY(!widgets::pushCommand(
        std::make_unique<widgets::AddDemandCommand>(window.document(), demand)));
    window.canvas()->selectObjects({1}, {});
    QTest::keySequence(&window, QKeySequence::Delete);
    QVERIFY(window.document()->network().links().empty());
    QVERIFY(window.document()->network().demands().empty());
    QCOMPARE(window.document()->undoStack()->undoText(), u"删除站点 S1 及其 1 条链路、1 个需求"_qs);
    window.document()->undoStack()->setClean();
}

void TestChinese::inspectorRefusalsAreChinese_data()
{
    QTest::addColumn<bool>("link");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::newRow("latitude") << false << u"lat"_qs << u"95"_qs;
    QTest::newRow("longitude") << false << u"lon"_qs << u"200"_qs;
    QTest::newRow("code not valid") << false << u"code"_qs << u"x y"_qs;
    QTest::newRow("code used") << false << u"code"_qs << u"S1"_qs;
    QTest::newRow("GPUs") << false << u"gpus"_qs << u"-1"_qs;
    QTest::newRow("power") << false << u"power_mw"_qs << u"-5"_qs;
    QTest::newRow("not a number") << false << u"lat"_qs << u"north"_qs;
    QTest::newRow("capacity") << true << u"capacity_gbps"_qs << u"0"_qs;
    QTest::newRow("parallel") << true << u"parallel_count"_qs << u"0"_qs;
    QTest::newRow("length") << true << u"length_km"_qs << u"-1"_qs;
    QTest::newRow("length too long") << true << u"length_km"_qs << u"123456"_qs;
    QTest::newRow("route factor") << true << u"route_factor"_qs << u"0.5"_qs;
    QTest::newRow("IGP metric") << true << u"igp_metric"_qs << u"0"_qs;
    QTest::newRow("cost") << true << u"cost"_qs << u"-1"_qs;
    QTest::newRow("availability") << true << u"availability"_qs << u"2"_qs;
}

// The model's refusals are English in core (the CLI says them so); the Inspector says them in
// the interface's language.
void TestChinese::inspectorRefusalsAreChinese()
{
    QFETCH(bool, link);
    QFETCH(QString, field);
    QFETCH(QString, value);
    installChinese();
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    addTwoSitesAndALink(window);
    if (link)
        window.canvas()->selectObjects({}, {1});
    else
        window.canvas()->selectObjects({2}, {});
    widgets::Inspector *inspector = window.inspector();
    QLineEdit *edit = link ? inspector->linkField(field) : inspector->siteField(field);
    QVERIFY(edit);
    const Network before = window.document()->network();
    edit->setFocus();
    edit->setText(value);
    QTest::keyClick(edit, Qt::Key_Return);
    const QString message = inspector->message();
    QVERIFY2(!message.isEmpty(), "the value was not refused");
    QVERIFY(window.document()->network() == before);
    const QStringList words = englishWords(message, {value, u"S1"_qs, u"S2"_qs});
    QVERIFY2(words.isEmpty(), qPrintable(message + u" ("_qs + words.join(u", "_qs) + u')'));
    window.document()->undoStack()->setClean();
}

void TestChinese::modelChecksAreChinese_data()
{
    QTest::addColumn<Diagnostic>("problem");
    Network network;
    Site a;
    a.code = u"X1"_qs;
    a.latitudeDeg = 30;
    a.longitudeDeg = 110;
    network.addSite(a);
    Site b = a;
    b.code = u"X2"_qs;
    b.latitudeDeg = 31;
    network.addSite(b);
    auto add = [](const char *name, const Diagnostics &problems) {
        QVERIFY2(!problems.isEmpty(), name);
        QTest::newRow(name) << problems.constFirst();
    };
    Site site = *network.site(1);
    site.id = -4;
    add("site id", network.check(site));
    Link link;
    link.siteA = 1;
    link.siteB = 7;
    link.capacityGbps = 10;
    add("end B", network.check(link));
    link.siteB = 1;
    add("self-loop", network.check(link));
    link.siteB = 2;
    link.srlgs = QStringList{u" "_qs};
    add("SRLG name", network.check(link));
    Demand demand;
    demand.source = 1;
    demand.destination = 9;
    demand.rateGbps = 1;
    add("destination", network.check(demand));
    demand.destination = 1;
    add("same site", network.check(demand));
    demand.destination = 2;
    demand.rateGbps = -1;
    add("rate", network.check(demand));
    demand.rateGbps.reset();
    add("no rate", network.check(demand));
    demand.volumeTb = -2;
    demand.windowHours = 4;
    add("volume", network.check(demand));
    demand.volumeTb = 2;
    demand.windowHours = 0;
    add("window", network.check(demand));
    demand.windowHours = 4;
    demand.maxLatencyMs = 0;
    add("latency bound", network.check(demand));
}

// Every check of sites, links and demands the table knows, as the model words it now: a model
// message reworded without the table shows English again.
void TestChinese::modelChecksAreChinese()
{
    QFETCH(Diagnostic, problem);
    installChinese();
    const QString text = widgets::diagnosticText(problem);
    const QStringList words = englishWords(text, {u"X1"_qs, u"X2"_qs});
    QVERIFY2(words.isEmpty(), qPrintable(text + u" ("_qs + words.join(u", "_qs) + u')'));
}

void TestChinese::englishKeepsTheModelsWords()
{
    removeChinese();
    Network network;
    Site site;
    site.code = u"S1"_qs;
    site.latitudeDeg = 95;
    const Diagnostics problems = network.check(site);
    QVERIFY(!problems.isEmpty());
    QCOMPARE(widgets::diagnosticText(problems.constFirst()), problems.constFirst().toString());
    QCOMPARE(widgets::diagnosticText(problems.constFirst()),
             u"site S1: latitude 95 is out of range -90..90 degrees"_qs);
    installChinese();
    QCOMPARE(widgets::diagnosticText(problems.constFirst()),
             u"站点 S1：纬度 95 超出范围 -90..90 度"_qs);
}

// The planner's undo text and its result: failures named in Chinese ("链路 22 NJ-SZH"), the
// site codes and SRLG names being the project's own.
void TestChinese::plannerRunAndItsFailuresAreChinese()
{
    installChinese();
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    const Network &network = window.document()->network();
    QStringList data; // the project's own names, longest first so none is left half removed
    for (const Site &site : network.sites())
        data << site.code << site.name;
    for (const Link &link : network.links())
        data << link.srlgs << link.name;
    for (const Demand &demand : network.demands())
        data << demand.name;
    data.removeAll(QString());
    data.removeDuplicates();
    std::sort(data.begin(), data.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });

    widgets::Task *task = window.runPlanner(u"resilience"_qs, {});
    QVERIFY(task);
    QVERIFY2(englishWords(task->description()).isEmpty(), qPrintable(task->description()));
    QSignalSpy ended(task, &widgets::Task::ended);
    QVERIFY(ended.wait(120000));
    QTRY_VERIFY(window.document()->network().plannerResult(u"resilience"_qs));
    const QString undo = window.document()->undoStack()->undoText();
    QVERIFY2(englishWords(undo).isEmpty(), qPrintable(undo));

    widgets::ResultsView *results = window.resultsView();
    QCOMPARE(results->currentPlanner(), u"resilience"_qs);
    QStringList problems;
    QStringList plannerProblems; // why a demand was not served, as the planner words it
    for (const QString &table : results->tableNames()) {
        results->showTable(table);
        const QAbstractItemModel *model = results->table()->model();
        QVERIFY(model->rowCount() > 0);
        for (int column = 0; column < model->columnCount(); ++column) {
            const QString header = model->headerData(column, Qt::Horizontal).toString();
            if (!englishWords(header).isEmpty())
                problems << table + u": "_qs + header;
            for (int row = 0; row < model->rowCount(); ++row) {
                const QString text = model->index(row, column).data().toString();
                const QStringList words = englishWords(text, data);
                if (words.isEmpty())
                    continue;
                if (const QString translated = widgets::messageText(text); translated != text) {
                    plannerProblems << text;
                    QVERIFY2(englishWords(translated, data).isEmpty(), qPrintable(translated));
                } else {
                    problems << table + u": "_qs + text + u" ("_qs + words.join(u", "_qs) + u')';
                }
            }
        }
    }
    problems.removeDuplicates();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    // The sample has 1+1 demands without two disjoint paths: their problem in Chinese too.
    QVERIFY2(plannerProblems.isEmpty(), qPrintable(plannerProblems.join(u'\n')));
    window.document()->undoStack()->setClean();
}

// View > Language switches at once: the window shows the open project in Chinese with nothing
// in English that a start in Chinese would have translated (menus, toolbar, docks, Inspector,
// Results, Satellites, status bar), and keeps the document (its unsaved edit, undo history and
// file), the selection, the map's view and tool, the docks' places and what the Satellites dock
// computed; and back to English.
void TestChinese::languageSwitchesWithoutRestart()
{
    removeChinese();
    QSettings().remove(u"language"_qs);
    // A copy of its own: another test holding the sample open would make this window read-only,
    // with the lock's holder named in the window.
    QTemporaryDir copy;
    const QString project = copy.filePath(u"sample.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(project));
    QCOMPARE(window.menuBar()->actions().constFirst()->text(), u"&File"_qs);
    widgets::Document *document = window.document();
    const QString path = document->filePath();
    const Network &network = document->network();
    const SiteId first = network.sites().front().id;
    // An unsaved edit, a selection, a tool, a view, and coverage computed in the Satellites dock.
    Site moved = *network.site(first);
    moved.latitudeDeg += 0.5;
    QVERIFY(!widgets::pushCommand(std::make_unique<widgets::UpdateSitesCommand>(
        document, QList<Site>{*network.site(first)}, QList<Site>{moved}, u"Move Site"_qs)));
    QVERIFY(document->isModified());
    window.canvas()->selectObjects({first}, {});
    window.canvas()->setTool(widgets::MapCanvas::Tool::Pan);
    window.canvas()->centreOn(30.0, 110.0, 3000.0);
    const QPointF centre =
        window.canvas()->mapToScene(window.canvas()->viewport()->rect().center());
    widgets::SatellitePanel *panel = window.satellitePanel();
    window.satellitesDock()->show();
    window.satellitesDock()->raise();
    panel->setStartTime(QDateTime(QDate(2024, 1, 13), QTime(0, 0), Qt::UTC));
    QVERIFY(panel->addWalker(u"36/6/1:53:1200"_qs, u"Walker"_qs, 25.0));
    panel->setArea(u"110,30,114,34"_qs);
    QVERIFY(panel->computeCoverage());
    QVERIFY(!panel->summary().isEmpty());
    const int undoCount = document->undoStack()->count();
    const QString undoText = document->undoStack()->undoText();
    const QRect geometry = window.geometry();
    // Where each dock is: area, shown, floating, width (the height follows the toolbar's, whose
    // text is taller in Chinese).
    const auto layout = [&window] {
        QStringList docks;
        for (QDockWidget *dock : window.findChildren<QDockWidget *>())
            docks << u"%1 %2 %3 %4 %5"_qs.arg(dock->objectName())
                         .arg(int(window.dockWidgetArea(dock)))
                         .arg(dock->isVisible())
                         .arg(dock->isFloating())
                         .arg(dock->width() / 8);
        docks.sort();
        return docks;
    };
    const QStringList docks = layout();

    // A message box (the old behaviour: "applies when NQI Workbench starts again") is closed,
    // so that the test fails rather than waits.
    QTimer closer;
    connect(&closer, &QTimer::timeout, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->accept();
    });
    closer.start(100);
    QAction *chinese = menuAction(window, u"简体中文"_qs);
    QVERIFY(chinese);
    chinese->trigger();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QTest::qWait(50);
    QCOMPARE(QSettings().value(u"language"_qs).toString(), u"zh"_qs);
    QTRY_COMPARE(window.menuBar()->actions().constFirst()->text(), u"文件(&F)"_qs);
    for (QAction *menu : window.menuBar()->actions())
        QVERIFY2(englishWords(menu->text()).isEmpty(), qPrintable(menu->text()));
    for (QDockWidget *dock : window.findChildren<QDockWidget *>())
        QVERIFY2(englishWords(dock->windowTitle()).isEmpty(), qPrintable(dock->windowTitle()));
    QCOMPARE(window.satellitesDock()->windowTitle(), u"卫星"_qs);
    QStringList panelLabels;
    for (const QLabel *label : panel->findChildren<QLabel *>())
        panelLabels << label->text();
    for (const char *label : {"Area", "Grid", "Minimum elevation", "Max slant range (km)", "Window",
                              "Step", "From", "To", "ISL pairing", "Shift"}) {
        const QString translated =
            QCoreApplication::translate("nqi::widgets::SatellitePanel", label);
        QVERIFY2(translated != QLatin1String(label) && panelLabels.contains(translated), label);
    }
    QVERIFY2(englishWords(panel->summary(), {u"110,30,114,34"_qs}).isEmpty(),
             qPrintable(panel->summary()));
    QAction *ticked = menuAction(window, u"简体中文"_qs);
    QVERIFY(ticked && ticked->isChecked());

    // The same project, edit, history, selection, view, tool and layout.
    QCOMPARE(window.document(), document);
    QCOMPARE(document->filePath(), path);
    QVERIFY(document->isModified());
    QCOMPARE(document->undoStack()->count(), undoCount);
    QCOMPARE(document->undoStack()->undoText(), undoText);
    QCOMPARE(document->network().site(first)->latitudeDeg, moved.latitudeDeg);
    QCOMPARE(window.canvas()->selectedSites(), QList<SiteId>{first});
    QCOMPARE(window.inspector()->siteField(u"code"_qs)->text(), moved.code);
    QStringList status; // what the status bar shows
    for (QLabel *label : window.statusBar()->findChildren<QLabel *>())
        if (label->isVisible())
            status << label->text();
    QVERIFY2(status.contains(u"1 个站点, 0 条链路"_qs), qPrintable(status.join(u" | "_qs)));
    QCOMPARE(window.canvas()->tool(), widgets::MapCanvas::Tool::Pan);
    QCOMPARE(window.canvas()->mapToScene(window.canvas()->viewport()->rect().center()), centre);
    QCOMPARE(window.geometry(), geometry);
    QCOMPARE(layout(), docks);
    QVERIFY(panel->coverage());
    QCOMPARE(window.satellitePanel(), panel);

    // Nothing left in English that a start in Chinese translates: the window made now, in
    // Chinese, on the same project in the same state, shows every English word this one shows.
    QStringList data; // the project's own names, and the history's words (made in English)
    for (const Site &site : network.sites())
        data << site.code << site.name;
    for (const Link &link : network.links())
        data << link.srlgs << link.name;
    data << undoText;
    data.removeAll(QString());
    std::sort(data.begin(), data.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    std::map<QString, QString> restarted;
    {
        app::MainWindow fresh;
        fresh.show();
        QVERIFY(QTest::qWaitForWindowExposed(&fresh));
        QVERIFY(fresh.openProject(path));
        fresh.canvas()->selectObjects({first}, {});
        fresh.satellitesDock()->show();
        restarted = englishWordsOf(interfaceTexts(fresh), data);
    }
    QStringList left;
    for (const auto &[word, text] : englishWordsOf(interfaceTexts(window), data))
        if (!restarted.contains(word))
            left << word + u" in \""_qs + text + u'"';
    QVERIFY2(left.isEmpty(), qPrintable(left.join(u'\n')));

    // And back.
    QAction *english = menuAction(window, u"English"_qs);
    QVERIFY(english);
    english->trigger();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QTRY_COMPARE(window.menuBar()->actions().constFirst()->text(), u"&File"_qs);
    QCOMPARE(window.satellitesDock()->windowTitle(), u"Satellites"_qs);
    QCOMPARE(QSettings().value(u"language"_qs).toString(), u"en"_qs);
    QCOMPARE(document->undoStack()->count(), undoCount);
    QCOMPARE(window.canvas()->selectedSites(), QList<SiteId>{first});

    // A planner running while the language changes goes on, and its result lands.
    QPointer<widgets::Task> task = window.runPlanner(u"resilience"_qs, {{u"n2"_qs, true}});
    QVERIFY(task);
    QSignalSpy ended(task.data(), &widgets::Task::ended);
    menuAction(window, u"简体中文"_qs)->trigger();
    QCOMPARE(window.menuBar()->actions().constFirst()->text(), u"文件(&F)"_qs);
    QVERIFY(ended.count() > 0 || ended.wait(120000));
    QTRY_COMPARE(document->undoStack()->count(), undoCount + 1);
    QVERIFY(document->network().plannerResult(u"resilience+n2"_qs));
    QTRY_COMPARE(window.resultsView()->currentPlanner(), u"resilience+n2"_qs);
    menuAction(window, u"English"_qs)->trigger();
    document->undoStack()->setClean();
    QSettings().remove(u"language"_qs);
}

namespace {

// The region a widget has painted since the last reset.
class PaintRecorder : public QObject
{
public:
    QRegion painted;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            painted += static_cast<QPaintEvent *>(event)->region();
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

// The map's legends (the site kinds' title and names) are drawn in the language in use, so a
// switch changes their sizes: the map draws them again at once, keeps the labels clear of them
// and fits a fitted view into what they leave free (it kept the fit and the labels made for the
// other language's legends until the view was moved).
void TestChinese::mapFitsItsLegendsAfterLanguageSwitch()
{
    removeChinese();
    widgets::Document document;
    widgets::MapCanvas canvas(&document);
    canvas.resize(900, 600);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    document.reset(ProjectStore::load(QStringLiteral(NQI_SAMPLE_PROJECT)), {});
    canvas.zoomToFit();
    PaintRecorder recorder;
    canvas.viewport()->installEventFilter(&recorder);
    // Settled: nothing more to paint (the basemap, when there is one, drawn).
    QTRY_VERIFY_WITH_TIMEOUT(canvas.isBasemapCurrent() || widgets::Basemap::defaultPath().isEmpty(),
                             30000);
    QTest::qWait(300);
    const QList<QRect> english = canvas.legendRects();
    QCOMPARE(english.size(), 1); // the site kinds
    for (const bool zh : {true, false}) {
        recorder.painted = QRegion();
        zh ? installChinese() : removeChinese(); // a LanguageChange event to every widget
        const QList<QRect> legends = canvas.legendRects();
        QCOMPARE(legends == english, !zh); // "站点" and the kinds' names are narrower
        for (const QRect &legend : legends)
            QTRY_VERIFY2(recorder.painted.contains(legend),
                         qPrintable(u"legend %1,%2 %3x%4 not drawn again"_qs.arg(legend.x())
                                        .arg(legend.y())
                                        .arg(legend.width())
                                        .arg(legend.height())));
        for (const Site &site : document.network().sites()) {
            const widgets::SiteItem *item = canvas.siteItem(site.id);
            if (!item->isLabelVisible())
                continue;
            const QRectF label = item->labelRect().translated(canvas.mapFromScene(item->pos()));
            for (const QRect &legend : legends)
                QVERIFY2(!label.intersects(legend), qPrintable(site.code));
        }
        const QTransform fitted = canvas.transform();
        const QPointF centre = canvas.mapToScene(canvas.viewport()->rect().center());
        canvas.zoomToFit();
        QCOMPARE(canvas.transform(), fitted);
        QCOMPARE(canvas.mapToScene(canvas.viewport()->rect().center()), centre);
    }
}

// The map's colouring comes from the result that last coloured it (routing), not from the one the
// Results dock shows (a fabric colours no links): after a language switch its legend is in the
// new language too (it kept the English title until another result was shown).
void TestChinese::mapColouringFollowsALanguageSwitch()
{
    removeChinese();
    QSettings().remove(u"language"_qs);
    QTemporaryDir copy;
    const QString project = copy.filePath(u"sample.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(project));
    for (const auto &[planner, options] :
         {std::pair{u"route"_qs, QJsonObject{}},
          std::pair{u"fabric"_qs, QJsonObject{{u"site"_qs, u"ZJK"_qs}, {u"gpus"_qs, 1024}}}}) {
        widgets::Task *task = window.runPlanner(planner, options);
        QVERIFY(task);
        QSignalSpy finished(task, &widgets::Task::finished);
        QVERIFY(finished.wait(60000));
    }
    window.resultsView()->showPlanner(u"route"_qs);
    const QString english = window.canvas()->utilizationLegendTitle();
    QVERIFY2(english.startsWith(u"Utilisation"_qs), qPrintable(english));
    window.resultsView()->showPlanner(u"fabric:ZJK"_qs);
    QCOMPARE(window.canvas()->utilizationLegendTitle(), english); // a fabric colours no links

    QTimer closer;
    connect(&closer, &QTimer::timeout, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->accept();
    });
    closer.start(100);
    QAction *chinese = menuAction(window, u"简体中文"_qs);
    QVERIFY(chinese);
    chinese->trigger();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QTRY_COMPARE(window.menuBar()->actions().constFirst()->text(), u"文件(&F)"_qs);
    QCOMPARE(window.resultsView()->currentPlanner(), u"fabric:ZJK"_qs);
    const QString title = window.canvas()->utilizationLegendTitle();
    QVERIFY2(title.startsWith(u"利用率"_qs) && englishWords(title).isEmpty(), qPrintable(title));
    QAction *english2 = menuAction(window, u"English"_qs);
    QVERIFY(english2);
    english2->trigger();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QTRY_COMPARE(window.menuBar()->actions().constFirst()->text(), u"&File"_qs);
    QCOMPARE(window.canvas()->utilizationLegendTitle(), english);
    QSettings().remove(u"language"_qs);
}

QTEST_MAIN(TestChinese)
#include "tst_chinese.moc"
