#include "core/store/projectstore.h"
#include "planners/common/progress.h"
#include "report/report.h"
#include "widgets/basemap.h"
#include "widgets/mapcanvas.h"
#include "widgets/mapimage.h"

#include <QApplication>
#include <QFile>
#include <QFutureWatcher>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <exception>
#include <optional>
#include <stdexcept>

using namespace nqi;

// The report writer draws its maps without a widget and runs in any thread: the map figures
// come from the map's layer renderers (widgets::MapImage), not from a hidden map canvas waited
// for with processEvents, so a report is written in a worker as the workbench writes it.
class TestReportThread : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void mapImageDrawsInAWorkerThread();
    void reportWrittenInAWorkerThread_data();
    void reportWrittenInAWorkerThread();
    void cancelledReportWritesNothing();

private:
    core::Network m_sample;
    QTemporaryDir m_dir;
};

namespace {

// Runs work in a pool thread and waits with the event loop running (the charts are drawn on
// the GUI thread); the work's exception, if any, is rethrown here as it was thrown.
template <class Work>
auto inWorker(Work work) -> decltype(work())
{
    using Result = decltype(work());
    auto failure = std::make_shared<std::exception_ptr>();
    QFuture<std::optional<Result>> future =
        QtConcurrent::run([work = std::move(work), failure]() -> std::optional<Result> {
            try {
                if (QThread::currentThread() == QCoreApplication::instance()->thread())
                    throw std::logic_error("not a worker thread");
                return work();
            } catch (...) {
                *failure = std::current_exception();
                return std::nullopt;
            }
        });
    while (!future.isFinished())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (*failure)
        std::rethrow_exception(*failure);
    return *future.result();
}

// Pixels of a colour (within a few levels: antialiasing).
int pixelsOf(const QImage &image, const QColor &colour)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    int count = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x)
            if (std::abs(qRed(line[x]) - colour.red()) <= 6 &&
                std::abs(qGreen(line[x]) - colour.green()) <= 6 &&
                std::abs(qBlue(line[x]) - colour.blue()) <= 6)
                ++count;
    }
    return count;
}

// The images of a self-contained HTML report, in document order (the maps come first when the
// report has no logo and starts with its maps).
QList<QImage> htmlImages(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString html = QString::fromUtf8(file.readAll());
    QList<QImage> images;
    static const QRegularExpression data(u"src=\"data:image/png;base64,([^\"]+)\""_qs);
    for (auto it = data.globalMatch(html); it.hasNext();)
        images << QImage::fromData(QByteArray::fromBase64(it.next().captured(1).toLatin1()), "PNG");
    return images;
}

} // namespace

void TestReportThread::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_sample = core::ProjectStore::load(QStringLiteral(NQI_SAMPLE_PROJECT));
    QVERIFY(m_sample.links().size() > 50);
}

// A map of the sample drawn in a worker thread shows the links in their utilisation colour,
// the sites' legend and the basemap, and is the same picture as one drawn on the GUI thread.
void TestReportThread::mapImageDrawsInAWorkerThread()
{
    const auto basemap =
        widgets::Basemap::loadData(widgets::Basemap::defaultPath()).data; // null: no qgis-common
    widgets::MapImageView view;
    for (const core::Link &link : m_sample.links())
        view.utilization.insert(link.id, link.id % 2 ? 0.3 : 0.95); // green and red
    view.utilizationTitle = u"Utilisation"_qs;
    const QImage worker = inWorker([&] {
        const widgets::MapImage maps(m_sample, basemap);
        return maps.render(view);
    });
    QCOMPARE(worker.size(), view.sizePx);
    const int green = pixelsOf(worker, widgets::MapCanvas::utilizationColour(0.3));
    const int red = pixelsOf(worker, widgets::MapCanvas::utilizationColour(0.95));
    QVERIFY2(green > 2000 && red > 2000, qPrintable(u"%1 green, %2 red"_qs.arg(green).arg(red)));
    if (basemap) // land drawn over the sea
        QVERIFY(pixelsOf(worker, QColor(246, 244, 238)) > 100000);
    const widgets::MapImage maps(m_sample, basemap);
    QCOMPARE(maps.render(view), worker);
    // Around a place at a given scale: the links near it, thicker than a pixel.
    view.centre = core::LatLon{39.9, 116.4};
    view.metresPerPixel = 1000;
    QVERIFY(pixelsOf(maps.render(view), widgets::MapCanvas::utilizationColour(0.3)) > 2000);
}

void TestReportThread::reportWrittenInAWorkerThread_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("html") << u"report.html"_qs;
    QTest::newRow("pdf") << u"report.pdf"_qs;
    QTest::newRow("odt") << u"report.odt"_qs;
}

// report::write in a worker thread writes every format, with its progress moving on to the end;
// its maps (read back from the HTML) show the links and are those written on the GUI thread.
void TestReportThread::reportWrittenInAWorkerThread()
{
    QFETCH(QString, file);
    const QString path = m_dir.filePath(u"worker-"_qs + file);
    report::Options options;
    options.sections = {u"map"_qs, u"links"_qs, u"demands"_qs, u"failures"_qs};
    auto fractions = std::make_shared<QList<double>>();
    auto stages = std::make_shared<QStringList>();
    const QStringList notes = inWorker([&] {
        planners::Progress progress([fractions, stages](double fraction, const std::string &stage) {
            // Only the report's own steps (planners report from their threads too).
            if (stage.ends_with("written") || stage.ends_with("drawn")) {
                fractions->append(fraction);
                stages->append(QString::fromStdString(stage));
            }
        });
        return report::write(m_sample, path, options, &progress);
    });
    QVERIFY(!notes.isEmpty()); // the sample holds no results: computed for the report
    QVERIFY(QFileInfo(path).size() > 10000);
    QVERIFY2(stages->count(u"map drawn"_qs) >= 3, qPrintable(stages->join(u", "_qs)));
    QVERIFY(std::is_sorted(fractions->cbegin(), fractions->cend()));
    QCOMPARE(fractions->constLast(), 1.0);
    if (!file.endsWith(u".html"_qs))
        return;

    const QList<QImage> worker = htmlImages(path);
    QVERIFY(worker.size() >= 3);
    // The network map by medium, then utilisation: links drawn in the normal state's colours.
    for (const QImage &map : worker.first(3)) {
        QCOMPARE(map.size(), QSize(1498, 948));
        QVERIFY(map.pixelColor(0, 0).isValid());
    }
    QVERIFY(pixelsOf(worker[1], widgets::MapCanvas::utilizationColour(0.1)) > 2000);
    // Written on the GUI thread: the same maps.
    const QString here = m_dir.filePath(u"gui-"_qs + file);
    report::write(m_sample, here, options);
    const QList<QImage> gui = htmlImages(here);
    QCOMPARE(gui.size(), worker.size());
    for (qsizetype i = 0; i < 3; ++i)
        QCOMPARE(gui[i], worker[i]);
}

// Cancelled in a worker (as the task manager cancels: Progress::cancel() from another thread),
// the report throws planners::Cancelled and writes no file: before it starts, and once its
// first map is drawn.
void TestReportThread::cancelledReportWritesNothing()
{
    const QString path = m_dir.filePath(u"cancelled.pdf"_qs);
    report::Options options;
    options.sections = {u"map"_qs};
    planners::Progress before;
    before.cancel();
    QVERIFY_THROWS_EXCEPTION(planners::Cancelled, inWorker([&] {
                                 return report::write(m_sample, path, options, &before);
                             }));
    QVERIFY(!QFileInfo::exists(path));

    planners::Progress *self = nullptr;
    int maps = 0;
    planners::Progress during([&](double, const std::string &stage) {
        if (stage == "map drawn" && ++maps == 1)
            self->cancel();
    });
    self = &during;
    QVERIFY_THROWS_EXCEPTION(planners::Cancelled, inWorker([&] {
                                 return report::write(m_sample, path, options, &during);
                             }));
    QCOMPARE(maps, 1);
    QVERIFY(!QFileInfo::exists(path));
}

QTEST_MAIN(TestReportThread)
#include "tst_reportthread.moc"
