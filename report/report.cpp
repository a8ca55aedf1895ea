#include "report/report.h"

#include "report/odf.h"

#include "core/io/outputfile.h"
#include "core/model/diagnostic.h"
#include "core/model/physics.h"
#include "planners/capacity/capacity.h"
#include "planners/registry.h"
#include "planners/satellite/satellite.h"
#include "widgets/basemap.h"
#include "widgets/charts.h"
#include "widgets/mapimage.h"
#include "widgets/resultformat.h"
#include "widgets/maptransform.h"
#include "widgets/satelliteoverlay.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QBuffer>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPageSize>
#include <QPainter>
#include <QPalette>
#include <QPdfWriter>
#include <QSemaphore>
#include <QSet>
#include <QStyleOptionGraphicsItem>
#include <QSvgGenerator>
#include <QSvgRenderer>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentWriter>
#include <QTextFrame>
#include <QTextTable>
#include <QThread>

#include <qcustomplot.h>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <tuple>

namespace nqi::report {
namespace {

namespace resultformat = widgets::resultformat;

[[noreturn]] void refuse(const QString &file, const QString &message)
{
    throw core::Failure(core::makeError(file, 0, u"report"_qs, message));
}

constexpr double kPageMarginMm = 18; // A4 pages in every format

QString number(double value, int decimals = 1)
{
    return QLocale(QLocale::English).toString(value, 'f', decimals);
}

// Text of the project as the report prints it: the characters XML 1.0 does not allow (C0
// controls but tab and line breaks, unpaired surrogates, U+FFFE and U+FFFF), which no ODT reader
// opens and which HTML parsers and the PDF's SVG charts refuse, become U+FFFD; with oneLine, so do
// line breaks and tabs (a name in a heading, a table cell or a note stays on its line). Markup is
// escaped by the writers (QTextDocument's HTML and ODF), never here.
QString printable(const QString &text, bool oneLine = false)
{
    return core::xmlPrintable(text, oneLine);
}

// Charts in the PDF are vector: the QCustomPlot is drawn into SVG and the SVG onto the page by
// this text object. HTML and ODT get a raster copy (they cannot hold the object).
class ChartObject : public QObject, public QTextObjectInterface
{
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)

public:
    static constexpr int kType = QTextFormat::UserObject + 1;
    static constexpr int kIndex = QTextFormat::UserProperty + 1;

    /// An SVG (vector) or an image, as wide as the text, height / width = aspect.
    int add(QByteArray svg, QImage image, double aspect, double widthFraction = 1.0)
    {
        m_charts.push_back({std::move(svg), std::move(image), aspect, widthFraction});
        return int(m_charts.size()) - 1;
    }
    QSizeF intrinsicSize(QTextDocument *document, int, const QTextFormat &format) override
    {
        // The text width: the page less the root frame's margins (print() sets them).
        const QTextFrameFormat frame = document->rootFrame()->frameFormat();
        const double width = document->pageSize().width() > 0
                                 ? document->pageSize().width() - frame.leftMargin() -
                                       frame.rightMargin() - 2 * frame.padding() - 2
                                 : 600.0;
        const Chart &chart = m_charts.at(size_t(format.intProperty(kIndex)));
        return {width * chart.widthFraction, width * chart.widthFraction * chart.aspect};
    }
    void drawObject(QPainter *painter,
                    const QRectF &rect,
                    QTextDocument *,
                    int,
                    const QTextFormat &format) override
    {
        const Chart &chart = m_charts.at(size_t(format.intProperty(kIndex)));
        if (!chart.svg.isEmpty()) {
            QSvgRenderer renderer(chart.svg);
            renderer.render(painter, rect);
        } else {
            painter->save();
            painter->setRenderHint(QPainter::SmoothPixmapTransform);
            painter->drawImage(rect, chart.image);
            painter->restore();
        }
    }

private:
    struct Chart
    {
        QByteArray svg;
        QImage image;
        double aspect = 0.5;
        double widthFraction = 1.0;
    };
    std::deque<Chart> m_charts;
};

// A planner's progress inside the report's: its fraction is one step of the report's, and
// cancelling the report cancels it (heard at the planner's next report).
class StepProgress
{
public:
    StepProgress(planners::Progress *parent, double from, double to)
        : m_progress([this, parent, from, to](double fraction, const std::string &stage) {
            if (!parent)
                return;
            parent->report(from + (to - from) * fraction, stage);
            if (parent->isCancelled())
                m_progress.cancel();
        })
    {
        if (parent && parent->isCancelled())
            m_progress.cancel();
    }
    planners::Progress &progress() { return m_progress; }

private:
    planners::Progress m_progress;
};

// The report's maps, drawn without a canvas from one copy of the network (the links' paths and
// the sites' labels are made once per report, not once per figure) by the map's own renderers:
// in whatever thread writes the report.
class MapFigures
{
public:
    MapFigures(const core::Network &network, bool zh);
    /// The network fitted (no centre) or around a place (longitude, latitude); links coloured
    /// by utilisation when given. withBasemap says whether the world basemap is in the picture.
    QImage render(const QHash<core::LinkId, double> &utilization,
                  const QString &legend,
                  std::optional<QPointF> centre,
                  double metresPerPixel,
                  bool *withBasemap) const;
    /// A constellation's coverage heat map over its area (the map fitted to the area), drawn by
    /// the workbench's satellite overlay over the network.
    QImage renderCoverage(const planners::satellite::CoverageResult &coverage,
                          bool *withBasemap) const;

private:
    widgets::MapImage m_image;
    static constexpr QSize kSize{1498, 948}; // the canvas's view: the figures keep their look
};

// QCustomPlot is a widget: charts are made and drawn on the GUI thread. From another thread the
// work is posted there and waited for, Cancel heard meanwhile (the work then runs to no one, on
// its own copies). Needs the GUI thread's event loop to run.
template <class Work>
auto onGuiThread(Work work, const planners::Progress *progress) -> decltype(work())
{
    using Result = decltype(work());
    QCoreApplication *application = QCoreApplication::instance();
    if (!application || QThread::currentThread() == application->thread())
        return work();
    struct Shared
    {
        QSemaphore done;
        std::optional<Result> result;
        std::atomic<bool> abandoned{false};
    };
    auto shared = std::make_shared<Shared>();
    QMetaObject::invokeMethod(
        application,
        [shared, work = std::move(work)] {
            if (!shared->abandoned.load())
                shared->result = work();
            shared->done.release();
        },
        Qt::QueuedConnection);
    while (!shared->done.tryAcquire(1, 50)) {
        if (progress && progress->isCancelled()) {
            shared->abandoned.store(true);
            throw planners::Cancelled{};
        }
    }
    return std::move(*shared->result);
}

// Builds the document section by section in one language.
/// The result a chapter prints: the first of its configurations the project holds current, else
/// the first it holds at all (stale: computed again in that configuration with its stored
/// options, the user's choice of configuration, target and prices kept), else its first.
QString chapterResult(const core::Network &network,
                      const planners::PlannerDescriptor &planner,
                      const planners::ReportChapterDescriptor &chapter)
{
    QStringList keys;
    for (const QString &configuration :
         chapter.configurations.isEmpty() ? QStringList{QString()} : chapter.configurations)
        keys << planners::ResultKey{planner.name, configuration, {}}.toString();
    for (const QString &key : keys)
        if (planners::readStoredResult(network, key).current)
            return key;
    for (const QString &key : keys)
        if (network.plannerResult(key))
            return key;
    return keys.front();
}

class Builder
{
public:
    Builder(const core::Network &network,
            const Options &options,
            bool vectorCharts,
            planners::Progress *progress = nullptr)
        : m_network(network)
        , m_options(options)
        , m_zh(options.language.startsWith(u"zh"_qs))
        , m_vectorCharts(vectorCharts)
        , m_progress(progress)
        , m_cursor(&m_document)
    {

        // Chinese text in the Simplified Chinese design of Noto CJK, in both languages.
        QFont font;
        font.setFamilies(m_zh ? QStringList{u"Noto Sans CJK SC"_qs, u"DejaVu Sans"_qs}
                              : QStringList{u"DejaVu Sans"_qs, u"Noto Sans CJK SC"_qs});
        font.setPointSizeF(10);
        m_document.setDefaultFont(font);
        m_document.setDocumentMargin(0);
        m_document.setDefaultStyleSheet(
            u"h1 { color: #0d2f5e; } h2 { color: #1e5aa8; } th { background: #e3ecf7; }"_qs);
    }

    QString t(const char16_t *en, const char16_t *zh) const
    {
        return QString::fromUtf16(m_zh ? zh : en);
    }

    /// How many steps the report takes (results, maps, the file), for its progress.
    void setSteps(int steps) { m_steps = std::max(1, steps); }
    /// Throws planners::Cancelled when the report was cancelled.
    void checkCancelled() const
    {
        if (m_progress && m_progress->isCancelled())
            throw planners::Cancelled{};
    }
    /// A step is done (a result in hand, a map drawn): the progress moves on, Cancel is heard.
    void step(const std::string &stage = {})
    {
        checkCancelled();
        ++m_stepsDone;
        if (m_progress)
            m_progress->report(std::min(0.99, double(m_stepsDone) / m_steps), stage);
    }
    /// The progress of the step under way (a planner run for the report).
    StepProgress stepProgress() const
    {
        return StepProgress(m_progress, std::min(0.99, double(m_stepsDone) / m_steps),
                            std::min(0.99, double(m_stepsDone + 1) / m_steps));
    }

    // A planner's result under a key ("resilience" is N-1, "resilience+n2" N-2; see
    // planners::ResultKey): stored and current, else computed now in that configuration (with a
    // note). Which run gave it is kept for the methods' table of runs.
    QJsonObject result(const QString &key)
    {
        if (const auto it = m_results.find(key); it != m_results.end())
            return it->second;
        // A stored result is read only when it fits its planner's schema (a damaged one is
        // stale, never a source of figures) and the network is as it was.
        const planners::StoredResult read = planners::readStoredResult(m_network, key);
        const core::PlannerResult *stored = read.stored;
        const planners::ResultKey parsed = planners::ResultKey::parse(key);
        const QString name = runName(key);
        QJsonObject json;
        if (read.current) {
            json = read.json;
            m_runs.push_back({key, stored->createdUtc, stored->optionsObject(), false});
        } else {
            StepProgress running = stepProgress();
            planners::Progress &progress = running.progress();
            // Again with the options it ran with (module prices, target, ...), in the
            // configuration the key names whatever the stored options say.
            const QJsonObject options = planners::optionsForKey(m_network, key);
            json = planners::runPlanner(parsed.planner, m_network, options, progress);
            m_runs.push_back(
                {key, QDateTime::currentDateTimeUtc().toString(Qt::ISODate), options, true});
            if (!stored)
                m_notes << t(u"The project holds no %1 result; it was computed for this "
                             "report.",
                             u"项目中没有%1结果，本报告已计算。")
                               .arg(name);
            else if (!read.problem.isEmpty())
                m_notes << t(u"The %1 result stored in the project could not be used (%2); it "
                             "was computed again for this report.",
                             u"项目中保存的%1结果无法使用（%2），本报告已重新计算。")
                               .arg(name, printable(read.problem, true));
            else
                m_notes
                    << t(u"The %1 result stored in the project was stale (the network "
                         "changed since it ran); it was computed again for this "
                         "report.",
                         u"项目中保存的%1结果已过期（网络在其计算后有改动），本报告已重新计算。")
                           .arg(name);
        }
        m_results[key] = json;
        step();
        return json;
    }

    /// A result the project holds, current and fit to print; empty otherwise (never computed:
    /// the optional configurations, N-2 and TE, appear only when the user ran them).
    QJsonObject storedResult(const QString &key)
    {
        if (const auto it = m_results.find(key); it != m_results.end())
            return it->second;
        const planners::StoredResult read = planners::readStoredResult(m_network, key);
        if (!read.current)
            return {};
        m_runs.push_back({key, read.stored->createdUtc, read.stored->optionsObject(), false});
        m_results[key] = read.json;
        return read.json;
    }

    /// When a place sees a satellite, as the ground-satellite rule says: "at 25° elevation or
    /// more", "within 1,090 km slant range" (Hypatia's), or both.
    QString gslRuleText(const planners::satellite::GslRule &rule) const
    {
        if (rule.minElevationDeg && rule.maxRangeKm)
            return t(u"at %1° elevation or more within %2 km slant range",
                     u"仰角不低于 %1° 且斜距不超过 %2 km")
                .arg(number(*rule.minElevationDeg, 0), number(*rule.maxRangeKm, 0));
        if (rule.maxRangeKm)
            return t(u"within %1 km slant range", u"斜距不超过 %1 km")
                .arg(number(*rule.maxRangeKm, 0));
        return t(u"at %1° elevation or more", u"仰角不低于 %1°")
            .arg(number(rule.minElevationDeg.value_or(0.0), 0));
    }

    QString chapterKey(const planners::PlannerDescriptor &planner,
                       const planners::ReportChapterDescriptor &chapter) const
    {
        return chapterResult(m_network, planner, chapter);
    }
    QStringList requiredKeys() const { return requiredResults(m_network); }

    /// A planner and its run configuration in words: "resilience (N-1: single failures)".
    QString runName(const QString &key) const
    {
        const planners::ResultKey parsed = planners::ResultKey::parse(key);
        const QString configuration =
            planners::configurationTitle(parsed, m_zh ? u"zh"_qs : u"en"_qs);
        QString name = parsed.planner;
        if (!parsed.subject.isEmpty())
            name += u' ' + parsed.subject;
        return configuration.isEmpty() ? name : t(u"%1 (%2)", u"%1（%2）").arg(name, configuration);
    }

    /// The results the report prints, in the order the planners are registered and their
    /// configurations declared: those its chapters and maps need (requiredKeys(), computed when
    /// the project holds no current one) and every other result the project holds current (N-2,
    /// TE, a fabric at a site, a planner added later), never computed. A stored one left out
    /// gets a note saying why.
    const QStringList &reportKeys()
    {
        if (m_keysKnown)
            return m_keys;
        m_keysKnown = true;
        QStringList keys = requiredKeys();
        for (const QString &key : keys)
            result(key);
        for (const auto &[key, stored] : m_network.plannerResults()) {
            if (keys.contains(key) || !planners::plannerDescriptor(key))
                continue;
            const planners::StoredResult read = planners::readStoredResult(m_network, stored);
            if (!read.usable()) {
                m_notes << t(u"The %1 result stored in the project could not be used (%2); run "
                             "the planner again.",
                             u"项目中保存的%1结果无法使用（%2），请重新运行规划器。")
                               .arg(runName(key), printable(read.problem, true));
                continue;
            }
            if (!read.current) {
                m_notes << t(u"The %1 result stored in the project is stale (the network changed "
                             "since it ran); it is left out of this report: run the planner "
                             "again to include it.",
                             u"项目中保存的%1结果已过期（网络在其计算后有改动），本报告未收录；"
                             u"重新运行规划器即可收录。")
                               .arg(runName(key));
                continue;
            }
            storedResult(key);
            keys.append(key);
        }
        // Planners in registry order, then configurations in declaration order, then subjects.
        QStringList planners;
        for (const planners::PlannerDescriptor &planner : planners::plannerDescriptors())
            planners << planner.name;
        const auto rank = [&planners](const QString &key) {
            const planners::ResultKey parsed = planners::ResultKey::parse(key);
            return std::tuple(planners.indexOf(parsed.planner),
                              planners::configurations(parsed.planner)
                                  .indexOf(parsed.configuration),
                              parsed.subject);
        };
        std::stable_sort(keys.begin(), keys.end(),
                         [&rank](const QString &a, const QString &b) { return rank(a) < rank(b); });
        m_keys = keys;
        return m_keys;
    }

    /// A result as a title: its planner's, its subject, its run configuration ("Resilience —
    /// N-2: single failures and link pairs", "GPU fabric at ZJK").
    QString resultTitle(const QString &key) const
    {
        const planners::ResultKey parsed = planners::ResultKey::parse(key);
        const planners::PlannerDescriptor *planner = planners::plannerDescriptor(parsed.planner);
        QString title = planner ? planner->title.in(m_options.language) : parsed.planner;
        if (!parsed.subject.isEmpty())
            title = planner && planner->reads == planners::Reads::Link
                        ? t(u"%1 %2", u"%1 %2").arg(title, parsed.subject)
                        : t(u"%1 at %2", u"%2 的%1").arg(title, parsed.subject);
        const QString configuration = planners::configurationTitle(parsed, m_options.language);
        return configuration.isEmpty() ? title : t(u"%1 — %2", u"%1——%2").arg(title, configuration);
    }

    /// A result's table as its planner's descriptor declares it (see resultTable()).
    const planners::TableDescriptor *tableOf(const QString &key, const QString &rows) const
    {
        const planners::PlannerDescriptor *planner = planners::plannerDescriptor(key);
        return planner ? planner->table(rows) : nullptr;
    }

    void resultTable(const QString &key, const planners::TableDescriptor &table, qsizetype limit);

    /// newPage starts a chapter on a new page (in the PDF; HTML and ODT readers paginate alike).
    void heading(const QString &text, int level, bool newPage = false)
    {
        QTextBlockFormat block;
        if (newPage && m_document.characterCount() > 1)
            block.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
        block.setTopMargin(level == 1 ? 18 : 10);
        block.setBottomMargin(6);
        block.setHeadingLevel(level);
        QTextCharFormat chars;
        chars.setFontWeight(QFont::Bold);
        chars.setFontPointSize(level == 1 ? 18 : level == 2 ? 13 : 11);
        chars.setForeground(QColor(level == 1 ? 0x0d2f5e : 0x1e5aa8));
        m_cursor.insertBlock(block, chars);
        m_cursor.insertText(printable(text, true));
        m_cursor.setCharFormat({});
    }

    void paragraph(const QString &text)
    {
        QTextBlockFormat block;
        block.setBottomMargin(4);
        m_cursor.insertBlock(block, QTextCharFormat());
        m_cursor.insertText(printable(text));
    }

    void pageBreak()
    {
        QTextBlockFormat block;
        block.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysAfter);
        m_cursor.insertBlock(block);
    }

    /// groupRows: rows of one cell, a group's title across the table (bold).
    void table(const QStringList &headers,
               const QList<QStringList> &rows,
               const QList<int> &numeric = {},
               const QList<int> &groupRows = {})
    {
        QTextTableFormat format;
        format.setHeaderRowCount(1);
        format.setCellPadding(3);
        format.setCellSpacing(0);
        format.setBorder(0.5);
        format.setBorderBrush(QColor(0xb0, 0xbe, 0xc5));
        format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
        format.setWidth(QTextLength(QTextLength::PercentageLength, 100));
        m_cursor.movePosition(QTextCursor::End);
        QTextTable *table = m_cursor.insertTable(int(rows.size()) + 1, int(headers.size()), format);
        QTextCharFormat header;
        header.setFontWeight(QFont::Bold);
        header.setBackground(QColor(OdfLook{}.headingBackground)); // as in the ODT
        QTextCharFormat small;
        small.setFontPointSize(8.5);
        for (int c = 0; c < headers.size(); ++c) {
            QTextTableCell cell = table->cellAt(0, c);
            cell.setFormat(header);
            QTextCursor at = cell.firstCursorPosition();
            at.insertText(printable(headers[c], true), header);
        }
        QTextCharFormat group = small;
        group.setFontWeight(QFont::Bold);
        group.setForeground(QColor(0x1e5aa8));
        for (int r = 0; r < rows.size(); ++r) {
            if (groupRows.contains(r)) {
                table->mergeCells(r + 1, 0, 1, int(headers.size()));
                QTextCursor at = table->cellAt(r + 1, 0).firstCursorPosition();
                at.insertText(printable(rows[r].value(0), true), group);
                continue;
            }
            for (int c = 0; c < headers.size() && c < rows[r].size(); ++c) {
                QTextTableCell cell = table->cellAt(r + 1, c);
                cell.setFormat(small); // an empty cell as high as the others
                QTextCursor at = cell.firstCursorPosition();
                at.setBlockCharFormat(small);
                if (numeric.contains(c)) {
                    QTextBlockFormat right = at.blockFormat();
                    right.setAlignment(Qt::AlignRight);
                    at.setBlockFormat(right);
                }
                at.insertText(printable(rows[r][c], true), small);
            }
        }
        m_cursor.movePosition(QTextCursor::End);
    }

    /// widthFraction narrows a PDF figure (two maps to a page).
    void
    image(const QString &name, const QImage &image, double widthPoints, double widthFraction = 1.0)
    {
        if (m_vectorCharts && widthPoints >= 400) {
            // In the PDF, figures span the text width whatever the page's resolution.
            QTextBlockFormat block;
            block.setAlignment(Qt::AlignHCenter);
            m_cursor.insertBlock(block);
            QTextCharFormat format;
            format.setObjectType(ChartObject::kType);
            format.setProperty(ChartObject::kIndex,
                               m_charts.add({}, image,
                                            double(image.height()) / std::max(1, image.width()),
                                            widthFraction));
            m_cursor.insertText(QString(QChar::ObjectReplacementCharacter), format);
            return;
        }
        m_document.addResource(QTextDocument::ImageResource, QUrl(name), image);
        m_images[name] = image;
        QTextImageFormat format;
        format.setName(name);
        format.setWidth(widthPoints);
        format.setHeight(widthPoints * image.height() / std::max(1, image.width()));
        QTextBlockFormat block;
        block.setAlignment(Qt::AlignHCenter);
        m_cursor.insertBlock(block);
        m_cursor.insertImage(format);
    }

    /// A map figure, two to a page in the PDF; a step of the report's progress.
    void mapImage(const QString &name, const QImage &map)
    {
        image(name, map, 480, 0.82);
        step("map drawn");
    }

    // A QCustomPlot chart, 480 x 240 points: vector in PDF, an image elsewhere. setUp fills the
    // plot (false: no chart); it runs on the GUI thread (a plot is a widget) on its own copies.
    void chart(std::function<bool(QCustomPlot &)> setUp)
    {
        struct Drawn
        {
            bool shown = false;
            QByteArray svg;
            QImage raster;
        };
        const int width = 960, height = 480;
        QFont font = m_document.defaultFont();
        font.setPointSizeF(15); // about 8 pt on the page (the chart is drawn at half size)
        const bool vector = m_vectorCharts;
        const Drawn drawn = onGuiThread(
            [setUp = std::move(setUp), font, vector] {
                Drawn result;
                QCustomPlot plot;
                if (!setUp(plot))
                    return result;
                result.shown = true;
                plot.resize(width, height);
                plot.setFont(font);
                for (QCPAxis *axis : {plot.xAxis, plot.yAxis}) {
                    axis->setTickLabelFont(font);
                    axis->setLabelFont(font);
                }
                plot.legend->setFont(font);
                plot.replot();
                if (vector) {
                    QBuffer buffer(&result.svg);
                    QSvgGenerator generator;
                    generator.setOutputDevice(&buffer);
                    generator.setSize(QSize(width, height));
                    generator.setViewBox(QRect(0, 0, width, height));
                    QCPPainter painter(&generator);
                    plot.toPainter(&painter, width, height);
                    painter.end();
                } else {
                    result.raster = plot.toPixmap(width, height, 2.0).toImage();
                }
                return result;
            },
            m_progress);
        if (!drawn.shown)
            return;
        QTextBlockFormat block;
        block.setAlignment(Qt::AlignHCenter);
        m_cursor.insertBlock(block);
        if (vector) {
            QTextCharFormat format;
            format.setObjectType(ChartObject::kType);
            format.setProperty(ChartObject::kIndex, m_charts.add(drawn.svg, {}, 0.5));
            m_cursor.insertText(QString(QChar::ObjectReplacementCharacter), format);
        } else {
            const QString name = u"chart%1.png"_qs.arg(++m_chartCount);
            m_document.addResource(QTextDocument::ImageResource, QUrl(name), drawn.raster);
            m_images[name] = drawn.raster;
            QTextImageFormat format;
            format.setName(name);
            format.setWidth(480);
            format.setHeight(240);
            m_cursor.insertImage(format);
        }
    }

    /// A failure scenario as the resilience planner names it ("normal", "link 5 A-B", "site A",
    /// "srlg NAME", "links 5+7"), in the report's language.
    /// Printable on one line: scenario names carry SRLG names and reach the charts' labels too.
    QString scenario(const QString &stored) const { return scenarioText(stored, m_zh); }
    static QString scenarioText(const QString &stored, bool chinese)
    {
        const QString name = printable(stored, true);
        if (!chinese)
            return name;
        if (name == u"normal")
            return u"正常"_qs;
        for (const auto &[en, zh] :
             {std::pair{u"links "_qs, u"链路 "_qs}, std::pair{u"link "_qs, u"链路 "_qs},
              std::pair{u"site "_qs, u"站点 "_qs}, std::pair{u"srlg "_qs, u"SRLG "_qs}})
            if (name.startsWith(en))
                return zh + name.mid(en.size());
        return name;
    }

    /// A constellation's coverage of the sites' area over a day (computed once per report).
    /// Throws Failure.
    const planners::satellite::PlanResult &coveragePlan(const core::Constellation &constellation);

    void cover();
    void summary();
    void map();
    void sites();
    void chapter(const planners::PlannerDescriptor &planner,
                 const planners::ReportChapterDescriptor &chapter);
    void results();
    void methods();

    /// The finished document. The chart handler is registered only now: asking for the layout
    /// earlier would lay the document out again on every insertion.
    QTextDocument &document()
    {
        m_document.documentLayout()->registerHandler(ChartObject::kType, &m_charts);
        return m_document;
    }
    /// A long table: the first kMaxRows rows (sorted by what matters most) in the report, and
    /// every row in a CSV file beside it, which the report names.
    static constexpr qsizetype kMaxRows = 100;
    /// A planner's table: its first rows, sorted by what matters most (resultTable()).
    static constexpr qsizetype kTableRows = 20;
    void longTable(const QString &what,
                   const QString &file,
                   const QStringList &headers,
                   const QList<QStringList> &rows,
                   const QList<int> &numeric)
    {
        if (rows.size() <= kMaxRows) {
            table(headers, rows, numeric);
            return;
        }
        const QString name = m_csvBase.isEmpty()
                                 ? QString()
                                 : QFileInfo(m_csvBase).fileName() + u'-' + file + u".csv"_qs;
        paragraph(t(u"The first %1 of %2 %3 are listed; all of them are in %4 beside this "
                    "report.",
                    u"下表列出 %2 %3中的前 %1 项；全部见本报告旁的 %4。")
                      .arg(kMaxRows)
                      .arg(rows.size())
                      .arg(what, name.isEmpty() ? t(u"a CSV file", u"CSV 文件") : name));
        table(headers, rows.first(kMaxRows), numeric);
        if (!m_csvBase.isEmpty())
            m_csv[m_csvBase + u'-' + file + u".csv"_qs] = {headers, rows};
    }
    void setCsvBase(const QString &base) { m_csvBase = base; }
    /// Full tables to write beside the report: path -> header and rows.
    const std::map<QString, std::pair<QStringList, QList<QStringList>>> &csvFiles() const
    {
        return m_csv;
    }
    const std::map<QString, QImage> &images() const { return m_images; }
    QStringList notes() const { return m_notes; }

private:
    const core::Network &m_network;
    const Options &m_options;
    bool m_zh;
    bool m_vectorCharts;
    planners::Progress *m_progress = nullptr;
    int m_steps = 1;
    int m_stepsDone = 0;
    int m_chartCount = 0;
    ChartObject m_charts;
    QTextDocument m_document;
    QTextCursor m_cursor;
    std::map<QString, QJsonObject> m_results;
    QStringList m_keys;
    bool m_keysKnown = false;
    /// The tables the chapters printed (key and rows), and each planner's arrays printed (a TE
    /// run's IGP links are those of the IGP run): the results chapter prints the rest.
    QSet<QString> m_shownTables;
    std::map<QString, QList<QJsonValue>> m_shownArrays;
    /// The runs whose figures the report prints: key, when, options, computed for the report.
    struct Run
    {
        QString key;
        QString createdUtc;
        QJsonObject options;
        bool computedHere = false;
    };
    std::vector<Run> m_runs;
    std::map<QString, QImage> m_images;
    std::unique_ptr<MapFigures> m_maps;
    std::map<core::ConstellationId, planners::satellite::PlanResult> m_coverage;
    MapFigures &maps()
    {
        if (!m_maps)
            m_maps = std::make_unique<MapFigures>(m_network, m_zh);
        return *m_maps;
    }
    QString m_csvBase;
    std::map<QString, std::pair<QStringList, QList<QStringList>>> m_csv;
    QStringList m_notes;
};

void Builder::cover()
{
    if (!m_options.logo.isEmpty()) {
        const QImage logo(m_options.logo);
        if (logo.isNull())
            refuse(m_options.logo, t(u"not an image", u"不是图像文件"));
        image(u"logo.png"_qs, logo, 120);
    }
    heading(m_network.settings().name.isEmpty() ? t(u"Network plan", u"网络规划")
                                                : m_network.settings().name,
            1);
    paragraph(t(u"Network planning report", u"网络规划报告"));
    if (!m_options.author.isEmpty() || !m_network.settings().author.isEmpty())
        paragraph(t(u"Author: ", u"作者：") +
                  (m_options.author.isEmpty() ? m_network.settings().author : m_options.author));
    paragraph(t(u"Date: ", u"日期：") + QDate::currentDate().toString(Qt::ISODate));
    if (!m_network.settings().description.isEmpty())
        paragraph(m_network.settings().description);
    pageBreak();
}

void Builder::summary()
{
    heading(t(u"Executive summary", u"摘要"), 1);
    QList<QStringList> rows{
        {t(u"Network", u"网络")},
        {t(u"Sites", u"站点"), QString::number(m_network.sites().size())},
        {t(u"Links", u"链路"), QString::number(m_network.links().size())},
        {t(u"Fibre route length (km)", u"光缆路由长度（km）"), number(m_network.totalFiberKm())},
        {t(u"Total demand (Gbps)", u"总需求（Gbps）"), number(m_network.totalDemandGbps())},
    };
    QList<int> groups{0};
    // Each constellation's coverage of the sites' area over a day (coveragePlan).
    if (m_network.constellations().empty() || m_network.sites().empty()) {
        rows.append({t(u"Satellite coverage", u"卫星覆盖"),
                     t(u"not planned in this project", u"本项目未规划")});
    }
    for (const core::Constellation &constellation : m_network.constellations()) {
        if (m_network.sites().empty())
            break;
        try {
            const planners::satellite::PlanResult &plan = coveragePlan(constellation);
            const auto &c = *plan.coverage;
            rows.append({t(u"Satellite coverage: %1", u"卫星覆盖：%1").arg(constellation.name),
                         t(u"%1 satellites; over the sites' area for 24 h from %2, a satellite "
                           "%3: %4 % on average, at least %5 %, longest gap %6 s",
                           u"%1 颗卫星；自 %2 起 24 小时、可见条件：%3，站点所在区域平均覆盖 "
                           "%4 %，最低 %5 %，最长中断 %6 秒")
                             .arg(plan.satellites)
                             .arg(plan.from.toString(u"yyyy-MM-dd hh:mm 'UTC'"_qs))
                             .arg(gslRuleText(plan.gsl))
                             .arg(number(c.meanPercent))
                             .arg(number(c.minPercent))
                             .arg(number(c.maxGapSeconds, 0))});
        } catch (const core::Failure &failure) {
            rows.append({t(u"Satellite coverage: %1", u"卫星覆盖：%1").arg(constellation.name),
                         failure.diagnostic().message});
        }
    }
    // Every result's headline figures, as its planner's descriptor declares them, under the
    // result's title and run configuration ("Resilience — N-2: single failures and link pairs").
    for (const QString &key : reportKeys()) {
        const planners::PlannerDescriptor *planner = planners::plannerDescriptor(key);
        const QJsonObject json = result(key);
        QList<QStringList> figures;
        for (const planners::FigureDescriptor &figure : planner->figures) {
            const QString value = resultformat::text(resultformat::valueAt(json, figure.field),
                                                     figure.format, m_options.language);
            if (value.isEmpty())
                continue; // not in this configuration (TE's figures of an IGP run)
            const QString unit = resultformat::withFields(figure.unit, json);
            figures.append({figure.label.in(m_options.language),
                            unit.isEmpty() ? value : value + u' ' + unit});
        }
        if (figures.isEmpty())
            continue;
        groups.append(int(rows.size()));
        rows.append({resultTitle(key)});
        rows.append(figures);
    }
    table({t(u"Figure", u"指标"), t(u"Value", u"数值")}, rows, {1}, groups);
}

// A result's table as its planner's descriptor declares it: its columns (those with a value in
// some row), its rows ordered by what matters most when they do not all fit (the value the map
// colours by, else the first percentage, yes/no or number column), at most limit of them with
// every row in a CSV file beside the report; a one-row summary as figure and value. A column of
// worst scenarios (resilience's top-k) follows as its own table: the first rows' scenarios, one
// line each.
void Builder::resultTable(const QString &key,
                          const planners::TableDescriptor &table,
                          qsizetype limit)
{
    using planners::Format;
    const QString language = m_options.language;
    const QJsonObject json = result(key);
    const planners::ResultKey parsed = planners::ResultKey::parse(key);
    m_shownTables.insert(key + u'/' + table.rows);
    if (table.rows.isEmpty()) {
        QList<QStringList> rows;
        for (const planners::ColumnDescriptor &column : table.columns) {
            const QString value =
                resultformat::text(resultformat::cellValue(json, column), column.format, language);
            if (!value.isEmpty())
                rows.append({resultformat::withFields(column.header.in(language), json), value});
        }
        this->table({t(u"Figure", u"指标"), t(u"Value", u"数值")}, rows, {1});
        return;
    }
    const QJsonValue array = resultformat::valueAt(json, table.rows);
    m_shownArrays[parsed.planner].append(array);
    QList<QJsonObject> rows;
    for (const QJsonValue &row : array.toArray())
        rows.append(row.toObject());
    if (rows.isEmpty())
        return;

    // The columns with a value in some row; worst-scenario columns go to a table of their own.
    std::vector<const planners::ColumnDescriptor *> columns, scenarioColumns;
    for (const planners::ColumnDescriptor &column : table.columns) {
        const bool any = std::any_of(rows.begin(), rows.end(), [&column](const QJsonObject &row) {
            const QJsonValue value = resultformat::cellValue(row, column);
            return !value.isUndefined() && !value.isNull() &&
                   !(value.isArray() && value.toArray().isEmpty()) &&
                   !(value.isString() && value.toString().isEmpty());
        });
        if (!any)
            continue;
        (column.format == Format::Scenarios ? scenarioColumns : columns).push_back(&column);
    }

    // What orders the rows: the map's colouring of them, else the first column that ranks.
    QString sortField;
    Format sortFormat = Format::Number;
    QString sortName;
    bool coloured = false;
    if (const planners::PlannerDescriptor *planner = planners::plannerDescriptor(key))
        for (const planners::MapColouringDescriptor &map : planner->map)
            if (map.rows == table.rows && !map.value.isEmpty()) {
                sortField = map.value;
                sortFormat = Format::Percent;
                sortName = map.legend.in(language);
                coloured = true;
                break;
            }
    for (const Format rank : {Format::Percent, Format::Bool, Format::Number}) {
        if (!sortField.isEmpty())
            break;
        for (const planners::ColumnDescriptor *column : columns)
            if (column->format == rank && column->element < 0) {
                sortField = column->field;
                sortFormat = rank;
                sortName = column->header.in(language);
                break;
            }
    }
    for (const planners::ColumnDescriptor *column : columns)
        if (column->field == sortField)
            sortName = column->header.in(language);
    const bool truncated = rows.size() > limit;
    // Sorted only by a key that tells rows apart (not "over its bound" when none is).
    const bool sorted =
        !sortField.isEmpty() &&
        std::any_of(rows.begin(), rows.end(), [&](const QJsonObject &row) {
            return resultformat::sortValue(resultformat::valueAt(row, sortField), sortFormat) !=
                   resultformat::sortValue(resultformat::valueAt(rows.front(), sortField),
                                           sortFormat);
        });
    QList<QJsonObject> ordered = rows;
    if (sorted)
        std::stable_sort(ordered.begin(), ordered.end(),
                         [&](const QJsonObject &a, const QJsonObject &b) {
                             return resultformat::sortValue(resultformat::valueAt(a, sortField),
                                                            sortFormat) >
                                    resultformat::sortValue(resultformat::valueAt(b, sortField),
                                                            sortFormat);
                         });
    const QList<QJsonObject> &shown = (truncated || coloured) && sorted ? ordered : rows;

    QStringList headers;
    QList<int> numeric;
    for (const planners::ColumnDescriptor *column : columns) {
        if (resultformat::isNumeric(column->format))
            numeric << int(headers.size());
        headers << resultformat::withFields(column->header.in(language), json);
    }
    // Long lists (the demands a failure cuts) end with "… (+40)" on the page; the CSV has all.
    const auto cells = [&](const QJsonObject &row,
                           const std::vector<const planners::ColumnDescriptor *> &of,
                           int itemsShown = 12) {
        QStringList texts;
        for (const planners::ColumnDescriptor *column : of)
            texts << resultformat::text(resultformat::cellValue(row, *column), column->format,
                                        language, itemsShown);
        return texts;
    };
    // Rows that list a part of a count (N-2's cuts): say so, beside the count the figures give.
    if (const qint64 whole = resultformat::listedOf(table, json); whole > 0)
        paragraph(t(u"“%1” lists %2 of the %3 (%4); the figures count all %3.",
                    u"“%1”列出全部 %3 项中的 %2 项（%4）；上方数字计入全部 %3 项。")
                      .arg(table.title.in(language))
                      .arg(rows.size())
                      .arg(whole)
                      .arg(table.listed.in(language)));
    if (truncated) {
        // Every row, every column (the worst scenarios too) in a CSV file beside the report.
        // "route+te" and "te.links": route-te-links, no word twice in a row.
        QStringList words = QString(key + u'-' + table.rows)
                                .replace(QRegularExpression(u"[^A-Za-z0-9_-]"_qs), u"-"_qs)
                                .split(u'-', Qt::SkipEmptyParts);
        words.erase(std::unique(words.begin(), words.end()), words.end());
        const QString file = words.join(u'-');
        const QString name = m_csvBase.isEmpty()
                                 ? QString()
                                 : QFileInfo(m_csvBase).fileName() + u'-' + file + u".csv"_qs;
        // "links" of "Traffic engineering: links"
        QString what = table.title.in(language);
        if (const qsizetype colon = what.lastIndexOf(u": "_qs); colon >= 0)
            what = what.mid(colon + 2);
        if (const qsizetype colon = what.lastIndexOf(u'：'); colon >= 0)
            what = what.mid(colon + 1);
        if (!m_zh)
            what = what.toLower();
        const QString where = name.isEmpty() ? t(u"a CSV file", u"CSV 文件") : name;
        const QString order =
            !sorted ? QString()
            : sortFormat == Format::Bool
                ? t(u", sorted by “%1”, yes first", u"，按“%1”排序，“是”在前").arg(sortName)
                : t(u", sorted by “%1”, highest first", u"，按“%1”从高到低排序").arg(sortName);
        paragraph(t(u"%1 of %2 %3 shown%4; all of them are in %5 beside this report.",
                    u"共 %2 项%3，列出 %1 项%4；全部见本报告旁的 %5。")
                      .arg(limit)
                      .arg(rows.size())
                      .arg(what, order, where));
        if (!m_csvBase.isEmpty()) {
            std::vector<const planners::ColumnDescriptor *> all = columns;
            all.insert(all.end(), scenarioColumns.begin(), scenarioColumns.end());
            QStringList csvHeaders;
            for (const planners::ColumnDescriptor *column : all)
                csvHeaders << resultformat::withFields(column->header.in(language), json);
            QList<QStringList> csvRows;
            for (const QJsonObject &row : shown)
                csvRows.append(cells(row, all, 0));
            m_csv[m_csvBase + u'-' + file + u".csv"_qs] = {csvHeaders, csvRows};
        }
    }
    QList<QStringList> texts;
    for (qsizetype r = 0; r < std::min(limit, shown.size()); ++r)
        texts.append(cells(shown[r], columns));
    this->table(headers, texts, numeric);

    // The worst scenarios of the rows that matter most: their leading columns (what the row
    // is: a link's id and ends), then each scenario on a line of its own.
    constexpr qsizetype kScenarioRows = 10;
    constexpr int kScenariosEach = 5;
    for (const planners::ColumnDescriptor *column : scenarioColumns) {
        std::vector<const planners::ColumnDescriptor *> naming;
        for (const planners::ColumnDescriptor *c : columns) {
            if (c->format != Format::Integer && c->format != Format::Text)
                break;
            naming.push_back(c);
        }
        QStringList scenarioHeaders;
        for (const planners::ColumnDescriptor *c : naming)
            scenarioHeaders << c->header.in(language);
        QList<int> numericHeaders;
        for (int c = 0; c < int(naming.size()); ++c)
            if (resultformat::isNumeric(naming[size_t(c)]->format))
                numericHeaders << c;
        scenarioHeaders << t(u"Rank", u"排名") << t(u"Scenario", u"场景")
                        << t(u"Utilisation", u"利用率") << t(u"Load (Gbps)", u"负载（Gbps）");
        const int first = int(naming.size());
        QList<QStringList> lines;
        qsizetype listed = 0;
        for (const QJsonObject &row : ordered) {
            if (listed == kScenarioRows)
                break;
            const QJsonArray scenarios = resultformat::cellValue(row, *column).toArray();
            if (scenarios.isEmpty())
                continue;
            ++listed;
            const QStringList name = cells(row, naming);
            for (int i = 0; i < std::min<int>(kScenariosEach, int(scenarios.size())); ++i) {
                QStringList line = i == 0 ? name : QStringList(QList<QString>(first));
                const QJsonValue loadGbps = scenarios[i][u"loadGbps"_qs];
                line << QString::number(i + 1)
                     << resultformat::scenarioText(scenarios[i][u"scenario"_qs].toString(),
                                                   language)
                     << resultformat::percentText(scenarios[i][u"utilization"_qs].toDouble())
                     << (loadGbps.isDouble() ? resultformat::numberText(loadGbps.toDouble())
                                             : QString());
                lines.append(line);
            }
        }
        if (lines.isEmpty())
            continue;
        paragraph(t(u"%1 of the %2 %3 with the highest %4 (at most %5 each, the worst first):",
                    u"“%4”最高的 %2 项%3的%1（每项至多 %5 个，最坏的在前）：")
                      .arg(column->header.in(language))
                      .arg(listed)
                      .arg(m_zh ? table.title.in(language) : table.title.in(language).toLower())
                      .arg(m_zh ? sortName : sortName.toLower())
                      .arg(kScenariosEach));
        this->table(scenarioHeaders, lines, numericHeaders + QList<int>{first, first + 2, first + 3});
    }
}

MapFigures::MapFigures(const core::Network &network, bool zh)
    : m_image(network, widgets::Basemap::loadData(widgets::Basemap::defaultPath()).data)
{
    // The legends in the report's language.
    if (zh)
        m_image.setLegendTexts(
            {u"站点"_qs,
             {u"低于 50%"_qs, u"50–70%"_qs, u"70–80%"_qs, u"80–100%"_qs, u"高于 100%"_qs}});
}

QImage MapFigures::render(const QHash<core::LinkId, double> &utilization,
                          const QString &legend,
                          std::optional<QPointF> centre,
                          double metresPerPixel,
                          bool *withBasemap) const
{
    widgets::MapImageView view;
    view.sizePx = kSize;
    if (centre) {
        view.centre = core::LatLon{centre->y(), centre->x()};
        view.metresPerPixel = metresPerPixel;
    }
    view.utilization = utilization;
    view.utilizationTitle = utilization.isEmpty() ? QString() : legend;
    *withBasemap = m_image.hasBasemap();
    return m_image.render(view);
}

QImage MapFigures::renderCoverage(const planners::satellite::CoverageResult &coverage,
                                  bool *withBasemap) const
{
    double west = 180, east = -180, south = 90, north = -90;
    for (const core::LatLon &centre : coverage.cellCentres) {
        west = std::min(west, centre.longitudeDeg - coverage.gridDeg / 2);
        east = std::max(east, centre.longitudeDeg + coverage.gridDeg / 2);
        south = std::min(south, centre.latitudeDeg - coverage.gridDeg / 2);
        north = std::max(north, centre.latitudeDeg + coverage.gridDeg / 2);
    }
    // The workbench's satellite overlay draws the heat map (an item, not a widget: any thread).
    auto overlay = std::make_shared<widgets::SatelliteOverlay>();
    overlay->setFootprintsVisible(false);
    overlay->setHeatMapVisible(true);
    overlay->setCoverage(coverage);
    // The area with a margin of a tenth: metres per pixel on the ground at its middle.
    const QPointF a = widgets::mercator::toScene(north, west);
    const QPointF b = widgets::mercator::toScene(south, east);
    const double unitsPerPixel = 1.1 * std::max(std::abs(b.x() - a.x()) / kSize.width(),
                                                std::abs(b.y() - a.y()) / kSize.height());
    const double middle = (north + south) / 2;
    widgets::MapImageView view;
    view.sizePx = kSize;
    view.centre = core::LatLon{middle, (west + east) / 2};
    view.metresPerPixel = unitsPerPixel * widgets::mercator::groundScale(middle);
    view.overlay = [overlay](QPainter &painter, double) {
        const QStyleOptionGraphicsItem option;
        overlay->paint(&painter, &option, nullptr);
    };
    *withBasemap = m_image.hasBasemap();
    return m_image.render(view);
}

const planners::satellite::PlanResult &
Builder::coveragePlan(const core::Constellation &constellation)
{
    if (const auto it = m_coverage.find(constellation.id); it != m_coverage.end())
        return it->second;
    // The sites' area (their box, a degree around it) over a day from midnight UTC of the
    // report's date, on a 1-degree grid.
    double west = 180, east = -180, south = 90, north = -90;
    for (const core::Site &site : m_network.sites()) {
        west = std::min(west, site.longitudeDeg);
        east = std::max(east, site.longitudeDeg);
        south = std::min(south, site.latitudeDeg);
        north = std::max(north, site.latitudeDeg);
    }
    // With the constellation's own ground-satellite rule (minimum elevation, Hypatia's slant
    // range, or both); coverage needs no inter-satellite links.
    planners::satellite::PlanOptions options =
        planners::satellite::PlanOptions::forConstellation(constellation);
    options.isl = false;
    planners::satellite::Area area;
    area.name = t(u"the sites' area", u"站点所在区域");
    area.westDeg = std::max(-180.0, west - 1.0);
    area.eastDeg = std::min(180.0, east + 1.0);
    area.southDeg = std::max(-89.0, south - 1.0);
    area.northDeg = std::min(89.0, north + 1.0);
    options.area = area;
    options.from = QDateTime(QDateTime::currentDateTimeUtc().date(), QTime(0, 0), Qt::UTC);
    options.to = options.from->addDays(1);
    StepProgress running = stepProgress();
    planners::satellite::PlanResult plan = planners::satellite::plan(options, running.progress());
    const planners::satellite::PlanResult &kept =
        m_coverage.emplace(constellation.id, std::move(plan)).first->second;
    step("coverage computed");
    return kept;
}

void Builder::map()
{
    // Maps go two to a page, each heading on the page of its map: the network and its normal
    // state first, then the worst case, the hub regions and the constellations' coverage.
    heading(t(u"Network map", u"网络地图"), 1, true);
    bool withBasemap = true;
    mapImage(u"map.png"_qs, maps().render({}, {}, std::nullopt, 0, &withBasemap));
    if (!withBasemap)
        m_notes << t(u"The maps are drawn without the world basemap (qgis-common is not "
                     "installed).",
                     u"地图未绘制世界底图（未安装 qgis-common）。");
    paragraph(t(u"Sites by kind and links by medium, drawn by the workbench's map canvas.",
                u"站点按类型、链路按介质绘制，与工作台地图画布相同。"));

    // Each result's maps as its planner declares them (utilisation in the normal state, the
    // worst case under single failures, under link pairs when the user ran that), the first on
    // the network's page, then two to a page.
    int pagedMaps = -1; // maps since the network's page: a new page before every other one
    QHash<core::LinkId, double> regional; // the last of the maps the report needs
    QString regionalLegend;
    const QStringList required = requiredKeys();
    for (const QString &key : reportKeys()) {
        const planners::PlannerDescriptor *planner = planners::plannerDescriptor(key);
        const planners::ResultKey parsed = planners::ResultKey::parse(key);
        if (!planner || !parsed.subject.isEmpty())
            continue; // the network as a whole only
        const QString configuration =
            planner->configurations.size() > 1
                ? planners::configurationTitle(parsed, m_options.language)
                : QString();
        for (const planners::MapColouringDescriptor &colouring : planner->map) {
            if (colouring.reportHeading.isEmpty() ||
                colouring.target != planners::MapColouringDescriptor::Target::Links)
                continue;
            QHash<core::LinkId, double> values;
            for (const QJsonValue &row :
                 resultformat::valueAt(result(key), colouring.rows).toArray())
                values.insert(row[colouring.id].toInteger(), row[colouring.value].toDouble());
            const QString title = colouring.reportHeading.in(m_options.language);
            const QString legend = colouring.legend.in(m_options.language);
            heading(configuration.isEmpty() ? title
                                            : t(u"%1 — %2", u"%1——%2").arg(title, configuration),
                    2, pagedMaps++ % 2 == 0);
            QString file = u"map-"_qs + key + u'-' + colouring.value + u".png"_qs;
            file.replace(QRegularExpression(u"[^A-Za-z0-9.-]"_qs), u"-"_qs);
            mapImage(file,
                     maps().render(values,
                                   configuration.isEmpty()
                                       ? legend
                                       : t(u"%1 (%2)", u"%1（%2）").arg(legend, configuration),
                                   std::nullopt, 0, &withBasemap));
            if (required.contains(key)) {
                regional = values;
                regionalLegend = legend;
            }
        }
    }

    // Each national hub's region: the area within about 500 km.
    for (const core::Site &hub : m_network.sites()) {
        if (hub.kind != core::SiteKind::NationalHub)
            continue;
        heading(t(u"Hub region: %1", u"枢纽区域：%1").arg(hub.name.isEmpty() ? hub.code : hub.name),
                2, pagedMaps++ % 2 == 0);
        mapImage(u"map-"_qs + hub.code + u".png"_qs,
                 maps().render(regional, regionalLegend,
                               QPointF(hub.longitudeDeg, hub.latitudeDeg), 1000.0, &withBasemap));
    }

    // Each constellation's coverage of the sites' area.
    for (const core::Constellation &constellation : m_network.constellations()) {
        if (m_network.sites().empty())
            break;
        const planners::satellite::PlanResult *plan = nullptr;
        try {
            plan = &coveragePlan(constellation);
        } catch (const core::Failure &failure) {
            m_notes << t(u"No coverage map of %1: %2", u"未绘制 %1 的覆盖图：%2")
                           .arg(printable(constellation.name, true),
                                printable(failure.diagnostic().message, true));
            continue;
        }
        heading(t(u"Satellite coverage: %1", u"卫星覆盖：%1").arg(constellation.name), 2,
                pagedMaps++ % 2 == 0);
        mapImage(u"map-coverage-%1.png"_qs.arg(constellation.id),
                 maps().renderCoverage(*plan->coverage, &withBasemap));
        paragraph(t(u"Share of the day each %1° cell sees a satellite %2, from red (never) "
                    "through amber to green (always); %3 % of the area on average.",
                    u"每个 %1° 网格一天中可见卫星（%2）的时间比例：红色（从不）经琥珀色到"
                    u"绿色（始终）；区域平均覆盖 %3 %。")
                      .arg(number(plan->coverage->gridDeg, 0))
                      .arg(gslRuleText(plan->gsl))
                      .arg(number(plan->coverage->meanPercent)));
    }
}

void Builder::sites()
{
    heading(t(u"Sites", u"站点"), 1, true);
    QList<QStringList> rows;
    for (const core::Site &site : m_network.sites())
        rows.append({site.code, site.name, core::toString(site.kind), site.region,
                     number(site.latitudeDeg, 4), number(site.longitudeDeg, 4)});
    longTable(t(u"sites", u"个站点"), u"sites"_qs,
              {t(u"Code", u"代码"), t(u"Name", u"名称"), t(u"Kind", u"类型"), t(u"Region", u"地区"),
               t(u"Latitude", u"纬度"), t(u"Longitude", u"经度")},
              rows, {4, 5});
}

// A planner's chapter as it declares it: the heading, its words on the result, its charts,
// then its tables (the second on under their titles); what it says instead when the first table
// is empty.
void Builder::chapter(const planners::PlannerDescriptor &planner,
                      const planners::ReportChapterDescriptor &chapter)
{
    heading(chapter.heading.in(m_options.language), 1, true);
    const QString key = chapterKey(planner, chapter);
    const QJsonObject json = result(key);
    if (chapter.prose)
        for (const QString &text : chapter.prose(json, key, m_options.language))
            paragraph(text);
    if (!chapter.tables.empty() && !chapter.none.isEmpty() &&
        resultformat::valueAt(json, chapter.tables.front()).toArray().isEmpty()) {
        paragraph(chapter.none.in(m_options.language));
        return;
    }
    // The busiest rows of a chart of pairs when there are more than a page can show bar by bar.
    constexpr int kChartRows = 300;
    for (const int chart : chapter.charts)
        this->chart([key, chart, json, language = m_options.language](QCustomPlot &plot) {
            return widgets::drawResultChart(plot, key, chart, json, language, kChartRows);
        });
    bool first = true;
    for (const QString &rows : chapter.tables) {
        const planners::TableDescriptor *table = tableOf(key, rows);
        if (!table)
            continue;
        // A table with no rows says so (an empty project, a plan that adds nothing).
        const bool empty = resultformat::valueAt(json, rows).toArray().isEmpty();
        if (!first && !empty)
            heading(table->title.in(m_options.language), 2);
        if (empty)
            paragraph(t(u"%1: none.", u"%1：无。").arg(table->title.in(m_options.language)));
        else
            resultTable(key, *table, chapter.rows);
        first = false;
    }
}

// Every other table of every result the report prints, as its planner's descriptor declares
// it: the results of a planner no chapter is written for, the optional configurations (N-2,
// TE), the tables the chapters leave out.
void Builder::results()
{
    bool headed = false;
    for (const QString &key : reportKeys()) {
        const planners::PlannerDescriptor *planner = planners::plannerDescriptor(key);
        const QJsonObject json = result(key);
        const QString name = planners::ResultKey::parse(key).planner;
        bool titled = false;
        for (const planners::TableDescriptor &table : planner->tables) {
            if (m_shownTables.contains(key + u'/' + table.rows))
                continue;
            const QJsonValue rows = resultformat::valueAt(json, table.rows);
            if (!table.rows.isEmpty() &&
                (rows.toArray().isEmpty() || m_shownArrays[name].contains(rows)))
                continue; // none, or printed already (a TE run's IGP links)
            if (!headed)
                heading(t(u"Results of every planner run", u"各规划运行的结果"), 1, true);
            headed = true;
            if (!titled)
                heading(resultTitle(key), 2);
            titled = true;
            heading(table.title.in(m_options.language), 3);
            resultTable(key, table, kTableRows);
        }
    }
}

void Builder::methods()
{
    heading(t(u"Methods and assumptions", u"方法与假设"), 1);
    paragraph(t(u"Fibre latency: %1 µs per km of route (group index %2 of standard single-mode "
                "fibre, ITU-T G.652); route length = the link's given length, else the geodesic "
                "distance on WGS84 (Karney's algorithm, GeographicLib) times the route factor "
                "(project default %3).",
                u"光纤时延：每公里路由 %1 µs（标准单模光纤群折射率 %2，ITU-T G.652）；路由长度取"
                u"链路给定长度，否则为 WGS84 大地线距离（Karney 算法，GeographicLib）乘以路由系数"
                u"（项目默认 %3）。")
                  .arg(number(core::physics::kFibreMicrosPerKm, 4),
                       number(core::physics::kFibreGroupIndex, 3),
                       number(m_network.settings().routeFactor, 2)));
    // How each planner whose result the report prints computes, and what a configuration of it
    // adds (N-2, traffic engineering), as the planners declare it.
    QStringList said;
    for (const QString &key : reportKeys()) {
        const planners::PlannerDescriptor *planner = planners::plannerDescriptor(key);
        const planners::ResultKey parsed = planners::ResultKey::parse(key);
        if (!said.contains(planner->name) && !planner->method.isEmpty())
            paragraph(planner->method.in(m_options.language));
        said << planner->name;
        for (const planners::ConfigurationDescriptor &configuration : planner->configurations) {
            const QString which = planner->name + u'+' + configuration.suffix;
            if (configuration.suffix == parsed.configuration && !said.contains(which) &&
                !configuration.method.isEmpty()) {
                paragraph(configuration.method.in(m_options.language));
                said << which;
            }
        }
    }
    // Every figure's run: planner, configuration, options and time.
    if (!m_runs.empty()) {
        heading(t(u"The runs behind the figures", u"图表数据所依据的规划运行"), 2);
        QList<QStringList> rows;
        for (const Run &run : m_runs) {
            // As the flags of `nqi plan NAME` that run it again.
            const planners::PlannerDescriptor *planner = planners::plannerDescriptor(run.key);
            const QString options =
                planner ? planners::commandLineFlags(*planner, run.options).join(u' ') : QString();
            rows.append({runName(run.key), run.createdUtc,
                         options.isEmpty() ? t(u"the defaults", u"默认值") : options,
                         run.computedHere ? t(u"computed for this report", u"为本报告计算")
                                          : t(u"stored in the project", u"项目中保存")});
        }
        table({t(u"Planner (configuration)", u"规划器（配置）"),
               t(u"Run (UTC)", u"运行时间（UTC）"), t(u"Options", u"选项"), t(u"Source", u"来源")},
              rows);
    }
    paragraph(
        t(u"Generated by NQI Workbench %1.", u"由 NQI Workbench %1 生成。").arg(m_options.version));
    for (const QString &note : std::as_const(m_notes))
        paragraph(t(u"Note: ", u"注：") + note);
}

// Qt writes the document's title (the project's name) into <title> as it is, unescaped
// (QTextHtmlExporter): it is escaped here. Every other text Qt writes is escaped, so the title is
// all between the first "<title>" and the last "</title>".
QString escapeTitle(QString html)
{
    const QString open = u"<title>"_qs, close = u"</title>"_qs;
    const qsizetype start = html.indexOf(open);
    const qsizetype end = html.lastIndexOf(close);
    if (start < 0 || end < start + open.size())
        return html;
    const qsizetype from = start + open.size();
    const QString title = html.mid(from, end - from);
    return html.replace(from, end - from, printable(title).toHtmlEscaped());
}

// The HTML report: its title escaped and its images inside it (data URLs).
QByteArray inlineImages(QString html, const std::map<QString, QImage> &images)
{
    html = escapeTitle(std::move(html));
    for (const auto &[name, image] : images) {
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        html.replace(u"src=\""_qs + name + u'"', u"src=\"data:image/png;base64,"_qs +
                                                     QString::fromLatin1(png.toBase64()) + u'"');
    }
    return html.toUtf8();
}

} // namespace

std::optional<Format> formatOf(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"pdf")
        return Format::Pdf;
    if (suffix == u"odt")
        return Format::Odt;
    if (suffix == u"html" || suffix == u"htm")
        return Format::Html;
    return std::nullopt;
}

namespace {

// The report's own sections, around the planners' chapters: before them up to "sites".
struct FixedSection
{
    QString name;
    planners::Text title;
    void (Builder::*build)();
};

const std::vector<FixedSection> &fixedSections()
{
    static const std::vector<FixedSection> sections{
        {u"cover"_qs, {u"Cover"_qs, u"封面"_qs}, &Builder::cover},
        {u"summary"_qs, {u"Executive summary"_qs, u"摘要"_qs}, &Builder::summary},
        {u"map"_qs, {u"Maps"_qs, u"地图"_qs}, &Builder::map},
        {u"sites"_qs, {u"Sites"_qs, u"站点"_qs}, &Builder::sites},
        {u"results"_qs, {u"Results of every planner run"_qs, u"各规划运行的结果"_qs},
         &Builder::results},
        {u"methods"_qs, {u"Methods and assumptions"_qs, u"方法与假设"_qs}, &Builder::methods}};
    return sections;
}
constexpr size_t kSectionsBeforeChapters = 4;

// Every section in report order, with what writes it: the report's own, the planners' chapters
// in registry order after "sites".
struct Section
{
    QString name;
    planners::Text title;
    std::function<void(Builder &)> build;
};

std::vector<Section> sections()
{
    std::vector<Section> all;
    const auto fixed = [&all](const FixedSection &section) {
        all.push_back({section.name, section.title,
                       [build = section.build](Builder &builder) { (builder.*build)(); }});
    };
    for (size_t i = 0; i < kSectionsBeforeChapters; ++i)
        fixed(fixedSections()[i]);
    for (const planners::PlannerDescriptor &planner : planners::plannerDescriptors())
        for (const planners::ReportChapterDescriptor &chapter : planner.chapters)
            all.push_back({chapter.section, chapter.title,
                           [&planner, &chapter](Builder &builder) {
                               builder.chapter(planner, chapter);
                           }});
    for (size_t i = kSectionsBeforeChapters; i < fixedSections().size(); ++i)
        fixed(fixedSections()[i]);
    return all;
}

} // namespace

QStringList sectionNames()
{
    QStringList names;
    for (const Section &section : sections())
        names << section.name;
    return names;
}

QStringList requiredResults(const core::Network &network)
{
    QStringList keys;
    for (const planners::PlannerDescriptor &planner : planners::plannerDescriptors()) {
        if (planner.reads != planners::Reads::Network)
            continue;
        if (std::any_of(planner.map.begin(), planner.map.end(),
                        [](const planners::MapColouringDescriptor &map) {
                            return !map.reportHeading.isEmpty();
                        }))
            keys << planner.name;
        for (const planners::ReportChapterDescriptor &chapter : planner.chapters)
            keys << chapterResult(network, planner, chapter);
    }
    keys.removeDuplicates();
    return keys;
}

QString sectionTitle(const QString &name, const QString &language)
{
    for (const Section &section : sections())
        if (section.name == name)
            return section.title.in(language);
    return name;
}

namespace {

// Fills the builder with the sections asked for, in report order.
void build(Builder &builder, const Options &options, const QString &file)
{
    const QStringList names = sectionNames();
    for (const QString &section : options.sections)
        if (!names.contains(section))
            refuse(file, u"unknown section \"%1\"; the sections are %2"_qs.arg(
                             section, names.join(u", "_qs)));
    for (const Section &section : sections())
        if (options.sections.isEmpty() || options.sections.contains(section.name))
            section.build(builder);
}

void setUpPages(QPagedPaintDevice &device)
{
    device.setPageSize(QPageSize(QPageSize::A4));
    device.setPageMargins(QMarginsF(kPageMarginMm, kPageMarginMm, kPageMarginMm, kPageMarginMm),
                          QPageLayout::Millimeter);
}

// Prints the document on the device's pages, laid out for the device itself (its resolution,
// the area inside its margins), with the page number centred in a footer band. (Left to
// itself, QTextDocument::print lays out a copy with 2 cm margins inside the device's own, and
// text objects sized from the page, the charts, then overflow those margins.)
void printPages(QTextDocument &document, QPagedPaintDevice &device)
{
    setUpPages(device);
    document.documentLayout()->setPaintDevice(&device);
    QTextFrameFormat frame = document.rootFrame()->frameFormat();
    frame.setMargin(0);
    document.rootFrame()->setFrameFormat(frame);
    const double footer = 8.0 / 25.4 * device.logicalDpiY(); // 8 mm
    const QSizeF body(device.width(), device.height() - footer);
    document.setPageSize(body);
    const int pages = document.pageCount();

    QPainter painter(&device);
    QFont font = document.defaultFont();
    font.setPointSizeF(font.pointSizeF() * 0.8);
    for (int page = 0; page < pages; ++page) {
        if (page > 0)
            device.newPage();
        const QRectF view(QPointF(0, page * body.height()), body);
        painter.save();
        painter.translate(0, -view.top());
        painter.setClipRect(view);
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = view;
        context.palette.setColor(QPalette::Text, Qt::black);
        document.documentLayout()->draw(&painter, context);
        painter.restore();
        painter.setFont(font);
        painter.setPen(QColor(90, 90, 90));
        painter.drawText(QRectF(0, body.height(), body.width(), footer),
                         Qt::AlignHCenter | Qt::AlignBottom, QString::number(page + 1));
    }
}

} // namespace

QStringList print(const core::Network &network, const Options &options, QPagedPaintDevice *device)
{
    Builder builder(network, options, true);
    build(builder, options, u"preview"_qs);
    QTextDocument &document = builder.document();
    document.setMetaInformation(QTextDocument::DocumentTitle, network.settings().name);
    printPages(document, *device);
    return builder.notes();
}

QStringList write(const core::Network &network,
                  const QString &output,
                  const Options &options,
                  planners::Progress *progress)
{
    const std::optional<Format> format = formatOf(output);
    if (!format)
        refuse(output, u"the report format follows the extension: .pdf, .odt or .html"_qs);
    Builder builder(network, options, *format == Format::Pdf, progress);
    // The steps, for the progress: the results (and each constellation's coverage), each map,
    // the file.
    const qsizetype hubs =
        std::count_if(network.sites().begin(), network.sites().end(), [](const core::Site &site) {
            return site.kind == core::SiteKind::NationalHub;
        });
    const qsizetype constellations = qsizetype(network.constellations().size());
    const bool maps = options.sections.isEmpty() || options.sections.contains(u"map"_qs);
    builder.setSteps(int(5 + constellations + (maps ? 4 + hubs + constellations : 0)));
    const QFileInfo target(output);
    builder.setCsvBase(target.absolutePath() + u'/' + target.completeBaseName());
    build(builder, options, output);

    // Every file is made in memory and every target checked before anything is replaced.
    std::vector<std::pair<QString, QByteArray>> files;
    // The full tables beside the report (CSV, UTF-8, quoted where needed).
    for (const auto &[path, table] : builder.csvFiles()) {
        auto field = [](QString text) {
            if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n'))
                text = u'"' + text.replace(u"\""_qs, u"\"\""_qs) + u'"';
            return text;
        };
        QByteArray csv;
        auto line = [&](const QStringList &cells) {
            QStringList quoted;
            for (const QString &cell : cells)
                quoted.append(field(cell));
            csv += quoted.join(u',').toUtf8() + '\n';
        };
        line(table.first);
        for (const QStringList &row : table.second)
            line(row);
        files.emplace_back(path, csv);
    }
    QTextDocument &document = builder.document();
    document.setMetaInformation(QTextDocument::DocumentTitle, network.settings().name);
    QByteArray bytes;
    switch (*format) {
    case Format::Pdf: {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        {
            QPdfWriter pdf(&buffer);
            pdf.setResolution(300);
            pdf.setTitle(network.settings().name);
            pdf.setCreator(u"NQI Workbench "_qs + options.version);
            printPages(document, pdf);
        }
        if (!bytes.trimmed().endsWith("%%EOF"))
            refuse(output, u"the PDF was not completely written; nothing was replaced"_qs);
        break;
    }
    case Format::Odt: {
        // The ODF writer closes its device: it goes to memory.
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QTextDocumentWriter writer(&buffer, "odf");
        if (!writer.write(&document))
            refuse(output, u"cannot write the ODT document"_qs);
        OdfLook look;
        look.language = options.language;
        look.marginMm = kPageMarginMm;
        bytes = polishOdt(bytes, look, output);
        break;
    }
    case Format::Html:
        bytes = inlineImages(document.toHtml(), builder.images());
        break;
    }
    files.emplace_back(output, bytes);
    builder.step(*format == Format::Pdf   ? "PDF written"
                 : *format == Format::Odt ? "ODT written"
                                          : "HTML written");

    std::vector<std::unique_ptr<core::OutputFile>> outputs;
    for (const auto &[path, data] : files) {
        core::refuseOutputThatIsInput(path, options.inputs, u"the report"_qs);
        outputs.push_back(std::make_unique<core::OutputFile>(path));
    }
    for (size_t i = 0; i < files.size(); ++i)
        outputs[i]->writeAll(files[i].second);
    // Cancelled until now, nothing was replaced; from here every file is.
    builder.checkCancelled();
    // Flushed and checked: only now is anything replaced (the report last).
    for (const auto &file : outputs)
        file->commit();
    if (progress)
        progress->report(1.0, "report written");
    return builder.notes();
}

} // namespace nqi::report

#include "report.moc"
