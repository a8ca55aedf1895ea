#include "widgets/inspector.h"

#include "core/model/namelist.h"
#include "core/model/numbers.h"
#include "widgets/commands.h"
#include "widgets/document.h"
#include "widgets/kindnames.h"
#include "widgets/messagebar.h"
#include "widgets/modelmessages.h"
#include "widgets/resultsview.h"
#include "widgets/wheelguard.h"

#include <QComboBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScrollArea>
#include <QStackedWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

namespace nqi {
namespace widgets {

using namespace nqi::core;

namespace {

enum Page { Empty, Sites, Links };

struct FieldSpec
{
    const char16_t *name;
    const char *label;
};

// Site fields editable on several sites at once; the rest only for one.
bool sharedSiteField(const QString &name)
{
    return name == u"region" || name == u"role";
}

std::optional<double> parseOptionalNumber(const QString &text, bool &ok)
{
    ok = true;
    if (text.trimmed().isEmpty())
        return std::nullopt;
    const double value = text.trimmed().toDouble(&ok);
    ok = ok && std::isfinite(value);
    return value;
}

} // namespace

Inspector::Inspector(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_messageBar(new MessageBar(this))
    , m_scroll(new QScrollArea(this))
{
    // The message bar stays in view above the form, which scrolls (the link form is long).
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    m_messageBar->setObjectName(u"inspectorMessageBar"_qs);
    m_messageBarLayout = new QVBoxLayout;
    m_messageBarLayout->setContentsMargins(6, 6, 6, 0);
    m_messageBarLayout->addWidget(m_messageBar);
    outer->addLayout(m_messageBarLayout);
    outer->addWidget(m_scroll, 1);
    connect(m_messageBar, &MessageBar::dismissed, this, &Inspector::endRefusal);
    auto *form = new QWidget(m_scroll);
    form->setObjectName(u"inspectorForm"_qs);
    m_scroll->setObjectName(u"inspectorScroll"_qs);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(true);

    m_pages = new QStackedWidget(form);
    m_summary = new QLabel(form);
    m_kind = new QComboBox(form);
    m_medium = new QComboBox(form);
    m_linkDerived = new QLabel(form);
    m_resultsTitle = new QLabel(tr("<b>Planner results</b> (double-click to show)"), form);
    m_results = new QListWidget(form);
    auto *layout = new QVBoxLayout(form);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    layout->addWidget(m_summary);
    layout->addWidget(m_pages);
    layout->addWidget(m_resultsTitle);
    m_results->setObjectName(u"inspectorResults"_qs);
    m_results->setMaximumHeight(m_results->fontMetrics().height() * 6);
    layout->addWidget(m_results);
    connect(m_results, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT resultRequested(item->data(Qt::UserRole).toString());
    });
    connect(document, &Document::plannerResultChanged, this, &Inspector::refreshResults);
    layout->addStretch(1);

    auto *empty = new QLabel(tr("Select sites or links on the map or in the Project dock to "
                                "edit them here."),
                             form);
    empty->setWordWrap(true);
    empty->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_pages->addWidget(empty);

    auto *sitePage = new QWidget(form);
    auto *siteForm = new QFormLayout(sitePage);
    const FieldSpec siteFields[] = {
        {u"code", QT_TR_NOOP("Code")},           {u"name", QT_TR_NOOP("Name")},
        {u"lat", QT_TR_NOOP("Latitude (°)")},    {u"lon", QT_TR_NOOP("Longitude (°)")},
        {u"region", QT_TR_NOOP("Region")},       {u"gpus", QT_TR_NOOP("GPUs")},
        {u"power_mw", QT_TR_NOOP("Power (MW)")}, {u"role", QT_TR_NOOP("Role")},
    };
    for (const SiteKind kind : {SiteKind::NationalHub, SiteKind::DcCluster, SiteKind::MetroDc,
                                SiteKind::EdgeDc, SiteKind::IngestSite, SiteKind::Pop,
                                SiteKind::GroundStation, SiteKind::Enterprise, SiteKind::Other}) {
        m_kind->addItem(siteKindTitle(kind), int(kind));
    }
    siteForm->addRow(tr("Kind"), m_kind);
    connect(m_kind, &QComboBox::activated, this, &Inspector::applySiteKind);
    for (const FieldSpec &spec : siteFields) {
        auto *edit = new QLineEdit(sitePage);
        const QString name = QString::fromUtf16(spec.name);
        edit->setObjectName(u"site_"_qs + name);
        m_siteFields.insert(name, edit);
        siteForm->addRow(tr(spec.label), edit);
        edit->installEventFilter(this);
        connect(edit, &QLineEdit::editingFinished, this, [this, name] { applySiteField(name); });
    }
    m_pages->addWidget(sitePage);

    auto *linkPage = new QWidget(form);
    auto *linkForm = new QFormLayout(linkPage);
    for (const QString &name : linkMediumNames()) {
        const LinkMedium medium = *linkMediumFromString(name);
        m_medium->addItem(linkMediumTitle(medium), int(medium));
    }
    linkForm->addRow(tr("Medium"), m_medium);
    connect(m_medium, &QComboBox::activated, this, &Inspector::applyLinkMedium);
    const FieldSpec linkFields[] = {
        {u"capacity_gbps", QT_TR_NOOP("Capacity per circuit (Gbps)")},
        {u"parallel_count", QT_TR_NOOP("Parallel circuits")},
        {u"length_km", QT_TR_NOOP("Route length (km)")},
        {u"route_factor", QT_TR_NOOP("Route factor")},
        {u"igp_metric", QT_TR_NOOP("IGP metric")},
        {u"srlg", QT_TR_NOOP("SRLGs (; separated)")},
        {u"cost", QT_TR_NOOP("Cost per year")},
        {u"availability", QT_TR_NOOP("Availability")},
        {u"name", QT_TR_NOOP("Name")},
    };
    for (const FieldSpec &spec : linkFields) {
        auto *edit = new QLineEdit(linkPage);
        const QString name = QString::fromUtf16(spec.name);
        edit->setObjectName(u"link_"_qs + name);
        m_linkFields.insert(name, edit);
        linkForm->addRow(tr(spec.label), edit);
        edit->installEventFilter(this);
        connect(edit, &QLineEdit::editingFinished, this, [this, name] { applyLinkField(name); });
    }
    m_linkDerived->setWordWrap(true);
    linkForm->addRow(m_linkDerived);
    m_pages->addWidget(linkPage);
    m_scroll->setWidget(form);
    WheelGuard::install(form);

    connect(document, &Document::siteChanged, this, &Inspector::refresh);
    connect(document, &Document::linkChanged, this, &Inspector::refresh);
    connect(document, &Document::networkReset, this, [this] { setSelection({}, {}); });
    connect(document, &Document::siteRemoved, this, [this](SiteId id) {
        m_sites.removeAll(id);
        refresh();
    });
    connect(document, &Document::linkRemoved, this, [this](LinkId id) {
        m_links.removeAll(id);
        refresh();
    });
    refresh();
}

// A field that has focus while its window closes finishes editing after this destructor: it must
// not reach the Inspector's members, gone by then.
Inspector::~Inspector()
{
    for (QLineEdit *field : std::as_const(m_siteFields))
        field->disconnect(this);
    for (QLineEdit *field : std::as_const(m_linkFields))
        field->disconnect(this);
}

QLineEdit *Inspector::siteField(const QString &name) const
{
    return m_siteFields.value(name);
}
QLineEdit *Inspector::linkField(const QString &name) const
{
    return m_linkFields.value(name);
}
QString Inspector::message() const
{
    return m_messageBar->text();
}

void Inspector::setSelection(const QList<SiteId> &sites, const QList<LinkId> &links)
{
    m_sites = sites;
    m_links = links;
    m_messageBar->clear();
    unmarkField();
    refresh();
}

int Inspector::heightForWidth(int width) const
{
    const int form = m_scroll->minimumSizeHint().height();
    if (m_messageBar->isHidden())
        return form;
    return m_messageBarLayout->totalHeightForWidth(width) + form;
}

bool Inspector::eventFilter(QObject *watched, QEvent *event)
{
    auto *field = qobject_cast<QLineEdit *>(watched);
    const bool key = event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress;
    if (!field || !key)
        return QWidget::eventFilter(watched, event);
    auto *keyEvent = static_cast<QKeyEvent *>(event);
    const bool undo = keyEvent->matches(QKeySequence::Undo) && !field->isUndoAvailable();
    const bool redo = keyEvent->matches(QKeySequence::Redo) && !field->isRedoAvailable();
    if (undo || redo) {
        if (event->type() == QEvent::ShortcutOverride) {
            // Left unclaimed (a line edit claims them always), they reach the window's Undo and
            // Redo actions.
            event->ignore();
            return true;
        }
        // No action took the keys (the Inspector outside the window): the document's stack.
        if (undo)
            m_document->undoStack()->undo();
        else
            m_document->undoStack()->redo();
        return true;
    }
    // Esc restores the stored value of a refused or edited field.
    if (keyEvent->key() == Qt::Key_Escape && keyEvent->modifiers() == Qt::NoModifier &&
        (field == m_refusedField || field->isModified())) {
        if (event->type() == QEvent::KeyPress) {
            if (field == m_refusedField)
                endRefusal();
            else
                refresh();
            field->selectAll();
        }
        event->accept();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void Inspector::refuse(QLineEdit *field, const QString &text)
{
    unmarkField();
    m_messageBar->showMessage(text, MessageBar::Level::Critical);
    if (!field) {
        refresh();
        return;
    }
    m_refusedField = field;
    field->setStyleSheet(
        u"QLineEdit { border: 2px solid #d9534f; border-radius: 2px; background: #fdecea;"
        " color: #202020; }"_qs);
    field->setToolTip(text);
    field->setAccessibleDescription(text);
    // Enter pressed: the text selected, ready to be typed over; focus gone elsewhere: left there.
    if (field->hasFocus())
        field->selectAll();
}

void Inspector::unmarkField()
{
    if (!m_refusedField)
        return;
    m_refusedField->setStyleSheet({});
    m_refusedField->setToolTip({});
    m_refusedField->setAccessibleDescription({});
    m_refusedField = nullptr;
}

void Inspector::endRefusal()
{
    m_messageBar->clear();
    if (!m_refusedField)
        return;
    unmarkField();
    refresh();
}

void Inspector::editDone(QLineEdit *field, bool applied)
{
    // A refused value corrected back to the stored one ends the refusal as an edit does.
    if (applied || (field && field == m_refusedField))
        endRefusal();
}

// Only the page shown counts for the stack's size: the long link form must not give the empty
// Inspector scroll bars.
void Inspector::showPage(int page)
{
    for (int i = 0; i < m_pages->count(); ++i) {
        const auto policy = i == page ? QSizePolicy::Preferred : QSizePolicy::Ignored;
        m_pages->widget(i)->setSizePolicy(policy, policy);
    }
    m_pages->setCurrentIndex(page);
}

void Inspector::refresh()
{
    m_refreshing = true;
    const Network &network = m_document->network();
    if (!m_sites.isEmpty()) {
        showPage(Sites);
        const bool single = m_sites.size() == 1;
        QList<const Site *> sites;
        for (SiteId id : std::as_const(m_sites)) {
            if (const Site *site = network.site(id))
                sites << site;
        }
        if (sites.isEmpty()) {
            m_refreshing = false;
            setSelection({}, {});
            return;
        }
        const Site &first = *sites.constFirst();
        m_summary->setText(
            single ? u"<b>%1</b> · %2"_qs.arg(first.name.toHtmlEscaped(), first.code)
                   : tr("<b>%n sites</b> (fields they share)", nullptr, int(sites.size())));
        auto same = [&sites](auto field) {
            for (const Site *site : sites) {
                if (field(*site) != field(*sites.constFirst()))
                    return false;
            }
            return true;
        };
        const bool sameKind = same([](const Site &s) { return s.kind; });
        m_kind->setCurrentIndex(sameKind ? m_kind->findData(int(first.kind)) : -1);
        const QHash<QString, QString> values{
            {u"code"_qs, first.code},
            {u"name"_qs, first.name},
            {u"lat"_qs, formatNumber(first.latitudeDeg)},
            {u"lon"_qs, formatNumber(first.longitudeDeg)},
            {u"region"_qs, same([](const Site &s) { return s.region; }) ? first.region : QString()},
            {u"gpus"_qs, first.gpus ? QString::number(*first.gpus) : QString()},
            {u"power_mw"_qs, formatNumber(first.powerMw)},
            {u"role"_qs, same([](const Site &s) { return s.role; }) ? first.role : QString()},
        };
        for (auto it = m_siteFields.cbegin(); it != m_siteFields.cend(); ++it) {
            const bool editable = single || sharedSiteField(it.key());
            it.value()->setEnabled(editable);
            if (it.value() != m_refusedField)
                it.value()->setText(editable ? values.value(it.key()) : QString());
            it.value()->setPlaceholderText(editable ? QString() : tr("(differs)"));
        }
    } else if (!m_links.isEmpty()) {
        showPage(Links);
        QList<const Link *> links;
        for (LinkId id : std::as_const(m_links)) {
            if (const Link *link = network.link(id))
                links << link;
        }
        if (links.isEmpty()) {
            m_refreshing = false;
            setSelection({}, {});
            return;
        }
        const Link &first = *links.constFirst();
        const Site *a = network.site(first.siteA);
        const Site *b = network.site(first.siteB);
        m_summary->setText(links.size() == 1
                               ? tr("<b>%1 – %2</b> · link #%3").arg(a->code, b->code).arg(first.id)
                               : tr("<b>%n links</b> (values of the first; edits apply to all)",
                                    nullptr, int(links.size())));
        m_medium->setCurrentIndex(m_medium->findData(int(first.medium)));
        const QHash<QString, QString> values{
            {u"capacity_gbps"_qs, formatNumber(first.capacityGbps)},
            {u"parallel_count"_qs, QString::number(first.parallelCount)},
            {u"length_km"_qs, formatNumber(first.lengthKm)},
            {u"route_factor"_qs, formatNumber(first.routeFactor)},
            {u"igp_metric"_qs, first.igpMetric ? QString::number(*first.igpMetric) : QString()},
            {u"srlg"_qs, joinNameList(first.srlgs)},
            {u"cost"_qs, formatNumber(first.cost)},
            {u"availability"_qs, formatNumber(first.availability)},
            {u"name"_qs, first.name},
        };
        for (auto it = m_linkFields.cbegin(); it != m_linkFields.cend(); ++it) {
            if (it.value() != m_refusedField)
                it.value()->setText(values.value(it.key()));
        }
        m_linkFields.value(u"length_km"_qs)
            ->setPlaceholderText(
                tr("%1 (geodesic × route factor)").arg(network.lengthKm(first), 0, 'f', 1));
        m_linkFields.value(u"route_factor"_qs)
            ->setPlaceholderText(tr("%1 (project)").arg(network.settings().routeFactor));
        m_linkDerived->setText(tr("Geodesic %1 km · route %2 km · %3 ms one way in fibre")
                                   .arg(network.geodesicKm(first), 0, 'f', 1)
                                   .arg(network.lengthKm(first), 0, 'f', 1)
                                   .arg(network.latencyMs(first), 0, 'f', 3));
    } else {
        showPage(Empty);
        m_summary->setText(tr("<b>Nothing selected</b>"));
    }
    refreshResults();
    m_refreshing = false;
}

// Results stored against one site (fabric:CODE, ingest:CODE) or one link (dci:ID).
void Inspector::refreshResults()
{
    m_results->clear();
    const Network &network = m_document->network();
    QString subject;
    if (m_sites.size() == 1 && m_links.isEmpty()) {
        if (const Site *site = network.site(m_sites.constFirst()))
            subject = site->code;
    } else if (m_links.size() == 1 && m_sites.isEmpty()) {
        subject = QString::number(m_links.constFirst());
    }
    if (!subject.isEmpty()) {
        for (const auto &[key, result] : network.plannerResults()) {
            if (key.section(u':', 1).compare(subject, Qt::CaseInsensitive) != 0)
                continue;
            if (key.startsWith(u"dci:") != !m_links.isEmpty())
                continue;
            auto *item = new QListWidgetItem(
                tr("%1 · %2").arg(ResultsView::title(key), result.createdUtc), m_results);
            item->setData(Qt::UserRole, key);
        }
    }
    m_resultsTitle->setVisible(m_results->count() > 0);
    m_results->setVisible(m_results->count() > 0);
}

// One object's edit: refused with a message (the field keeps the text) when the text did not
// parse or the model rejects the result; else added to the lists the undo command is built from.
template <typename T>
bool Inspector::collectEdit(QLineEdit *field,
                            const T &original,
                            const T &changed,
                            bool parsed,
                            const QString &text,
                            QList<T> &before,
                            QList<T> &after)
{
    if (!parsed) {
        refuse(field, tr("\"%1\" is not a valid number; nothing was changed.").arg(text));
        return false;
    }
    if (changed == original)
        return true;
    const Diagnostics problems = m_document->network().check(changed);
    if (!problems.isEmpty()) {
        refuse(field, diagnosticText(problems.constFirst()) + tr("; nothing was changed."));
        return false;
    }
    before << original;
    after << changed;
    return true;
}

void Inspector::applySiteKind()
{
    if (m_refreshing || m_sites.isEmpty() || m_kind->currentIndex() < 0)
        return;
    const auto kind = SiteKind(m_kind->currentData().toInt());
    QList<Site> before;
    QList<Site> after;
    for (SiteId id : std::as_const(m_sites)) {
        const Site *site = m_document->network().site(id);
        if (!site || site->kind == kind)
            continue;
        before << *site;
        Site changed = *site;
        changed.kind = kind;
        after << changed;
    }
    if (after.isEmpty())
        return;
    if (const auto problem = pushCommand(std::make_unique<UpdateSitesCommand>(
            m_document, before, after, tr("Change Kind to %1").arg(siteKindTitle(kind))))) {
        refuse(nullptr, diagnosticText(*problem) + tr("; nothing was changed."));
        return;
    }
    editDone(nullptr, true);
}

void Inspector::applySiteField(const QString &name)
{
    if (m_refreshing || m_sites.isEmpty())
        return;
    QLineEdit *field = m_siteFields.value(name);
    const QString text = field->text().trimmed();
    const Network &network = m_document->network();
    QList<Site> before;
    QList<Site> after;
    for (SiteId id : std::as_const(m_sites)) {
        const Site *site = network.site(id);
        if (!site)
            continue;
        Site changed = *site;
        bool ok = true;
        if (name == u"code") {
            changed.code = text;
        } else if (name == u"name") {
            changed.name = text;
        } else if (name == u"lat" || name == u"lon") {
            const std::optional<double> value = parseOptionalNumber(text, ok);
            ok = ok && value.has_value();
            if (ok)
                (name == u"lat" ? changed.latitudeDeg : changed.longitudeDeg) = *value;
        } else if (name == u"region") {
            changed.region = text;
        } else if (name == u"role") {
            changed.role = text;
        } else if (name == u"gpus") {
            if (text.isEmpty()) {
                changed.gpus.reset();
            } else {
                changed.gpus = text.toLongLong(&ok);
            }
        } else if (name == u"power_mw") {
            changed.powerMw = parseOptionalNumber(text, ok);
        }
        if (!collectEdit(field, *site, changed, ok, text, before, after))
            return;
    }
    if (after.isEmpty()) {
        editDone(field, false);
        return;
    }
    const QString label = after.size() == 1 ? tr("Update Site %1").arg(after.constFirst().code)
                                            : tr("Update %n Sites", nullptr, int(after.size()));
    if (const auto problem =
            pushCommand(std::make_unique<UpdateSitesCommand>(m_document, before, after, label))) {
        refuse(field, diagnosticText(*problem) + tr("; nothing was changed."));
        return;
    }
    editDone(field, true);
}

void Inspector::applyLinkMedium()
{
    if (m_refreshing || m_links.isEmpty() || m_medium->currentIndex() < 0)
        return;
    const auto medium = LinkMedium(m_medium->currentData().toInt());
    QList<Link> before;
    QList<Link> after;
    for (LinkId id : std::as_const(m_links)) {
        const Link *link = m_document->network().link(id);
        if (!link || link->medium == medium)
            continue;
        before << *link;
        Link changed = *link;
        changed.medium = medium;
        after << changed;
    }
    if (!after.isEmpty()) {
        if (const auto problem = pushCommand(std::make_unique<UpdateLinksCommand>(
                m_document, before, after,
                tr("Change Medium to %1").arg(linkMediumTitle(medium))))) {
            refuse(nullptr, diagnosticText(*problem) + tr("; nothing was changed."));
            return;
        }
        editDone(nullptr, true);
    }
}

void Inspector::applyLinkField(const QString &name)
{
    if (m_refreshing || m_links.isEmpty())
        return;
    QLineEdit *field = m_linkFields.value(name);
    const QString text = field->text().trimmed();
    const Network &network = m_document->network();
    QList<Link> before;
    QList<Link> after;
    for (LinkId id : std::as_const(m_links)) {
        const Link *link = network.link(id);
        if (!link)
            continue;
        Link changed = *link;
        bool ok = true;
        if (name == u"capacity_gbps") {
            const std::optional<double> value = parseOptionalNumber(text, ok);
            ok = ok && value.has_value();
            if (ok)
                changed.capacityGbps = *value;
        } else if (name == u"parallel_count") {
            changed.parallelCount = text.toInt(&ok);
        } else if (name == u"length_km") {
            changed.lengthKm = parseOptionalNumber(text, ok);
        } else if (name == u"route_factor") {
            changed.routeFactor = parseOptionalNumber(text, ok);
        } else if (name == u"cost") {
            changed.cost = parseOptionalNumber(text, ok);
        } else if (name == u"availability") {
            changed.availability = parseOptionalNumber(text, ok);
        } else if (name == u"igp_metric") {
            if (text.isEmpty())
                changed.igpMetric.reset();
            else
                changed.igpMetric = text.toLongLong(&ok);
        } else if (name == u"srlg") {
            changed.srlgs = splitNameList(text);
        } else if (name == u"name") {
            changed.name = text;
        }
        if (!collectEdit(field, *link, changed, ok, text, before, after))
            return;
    }
    if (after.isEmpty()) {
        editDone(field, false);
        return;
    }
    if (const auto problem = pushCommand(std::make_unique<UpdateLinksCommand>(
            m_document, before, after,
            after.size() == 1 ? tr("Update Link #%1").arg(after.constFirst().id)
                              : tr("Update %n Links", nullptr, int(after.size()))))) {
        refuse(field, diagnosticText(*problem) + tr("; nothing was changed."));
        return;
    }
    editDone(field, true);
}

} // namespace widgets
} // namespace nqi
