// Map rendering benchmark: 10,000 sites and 30,000 links between nearby sites over the world
// basemap at 1920x1080, offscreen. Prints frame times while panning and zooming (median, p95)
// and the time of a complete re-render (basemap image in the worker + all items).
// Usage: QT_QPA_PLATFORM=offscreen nqi_bench_render [SITES LINKS]

#include "core/store/projectstore.h"
#include "widgets/basemap.h"
#include "widgets/document.h"
#include "widgets/mapcanvas.h"
#include "widgets/networklayers.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPainter>
#include <QScrollBar>
#include <QTest>

#include <QTextStream>
#include <thread>

#include <algorithm>
#include <random>

using namespace nqi;
using namespace nqi::core;

namespace {

Network realisticNetwork(int siteCount, int linkCount)
{
    // Sites clustered around 200 "cities" over the populated world; links to near neighbours.
    std::mt19937 random(7);
    std::uniform_real_distribution<double> lat(-40, 60);
    std::uniform_real_distribution<double> lon(-125, 150);
    std::normal_distribution<double> spread(0.0, 1.5);
    QList<std::pair<double, double>> cities;
    for (int c = 0; c < 200; ++c)
        cities << std::pair{lat(random), lon(random)};
    Network network;
    for (int i = 0; i < siteCount; ++i) {
        const auto [cityLat, cityLon] = cities[i % cities.size()];
        Site site;
        site.code = u"S"_qs + QString::number(i + 1);
        site.name = u"Site "_qs + QString::number(i + 1);
        site.kind = i % 200 == 0  ? SiteKind::NationalHub
                    : i % 20 == 0 ? SiteKind::MetroDc
                                  : SiteKind::Pop;
        site.latitudeDeg = std::clamp(cityLat + spread(random), -80.0, 80.0);
        site.longitudeDeg = std::clamp(cityLon + spread(random), -179.0, 179.0);
        network.addSite(site);
    }
    for (int l = 0; l < linkCount; ++l) {
        const int a = l % siteCount;
        int b = a + 200 * (1 + int(random() % 3)); // same city cluster
        if (l % 10 == 0)
            b = a + 1; // to the next city
        b %= siteCount;
        if (b == a)
            b = (a + 1) % siteCount;
        Link link;
        link.siteA = a + 1;
        link.siteB = b + 1;
        link.capacityGbps = 100.0 * (1 + l % 8);
        network.addLink(link);
    }
    return network;
}

struct Stats
{
    double median = 0;
    double p95 = 0;
};

Stats stats(QList<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return {samples[samples.size() / 2], samples[int(samples.size() * 0.95)]};
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList arguments = QApplication::arguments();
    const int sites = arguments.value(1, u"10000"_qs).toInt();
    const int links = arguments.value(2, u"30000"_qs).toInt();
    QTextStream out(stdout);

    // Opening the sample project in a new map canvas, as the workbench does at start: read the
    // project, build its map items, load the basemap and draw it.
    qint64 sampleMs = 0;
    {
        QElapsedTimer open;
        open.start();
        widgets::Document sample;
        widgets::MapCanvas sampleCanvas(&sample);
        sampleCanvas.resize(1920, 1080);
        sampleCanvas.show();
        sample.reset(core::ProjectStore::load(QStringLiteral(NQI_SAMPLE_PROJECT)),
                     QStringLiteral(NQI_SAMPLE_PROJECT));
        sampleCanvas.zoomToFit();
        while (!sampleCanvas.isBasemapCurrent() && open.elapsed() < 60000)
            QTest::qWait(2);
        sampleMs = open.elapsed();
    }

    widgets::Document document;
    widgets::MapCanvas canvas(&document);
    canvas.resize(1920, 1080);
    canvas.show();
    if (!QTest::qWaitForWindowExposed(&canvas))
        return 1;
    QElapsedTimer timer;
    timer.start();
    document.reset(realisticNetwork(sites, links), {});
    const qint64 buildMs = timer.elapsed();
    canvas.centreOn(30, 10, 20000); // the world
    for (int waited = 0; !canvas.isBasemapCurrent() && waited < 60000; waited += 20)
        QTest::qWait(20);
    if (!canvas.isBasemapCurrent()) {
        out << "the basemap did not render (is qgis-common installed?)\n";
        return 1;
    }

    // Complete re-render: the basemap image of the whole view (worker thread) ...
    const auto data = canvas.basemap()->data();
    QList<double> basemapMs;
    for (int i = 0; i < 10; ++i) {
        QImage image(canvas.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&image);
        const QRectF scene = canvas.mapToScene(canvas.viewport()->rect()).boundingRect();
        timer.restart();
        widgets::Basemap::draw(painter, *data, scene, image.width() / scene.width(), true);
        basemapMs << timer.nsecsElapsed() / 1e6;
    }
    // ... the links and sites layer image (worker thread) ...
    QList<double> layersMs;
    {
        // The same snapshot the canvas hands its worker, drawn here on the bench's thread.
        for (int i = 0; i < 10; ++i) {
            canvas.zoomBy(1.0);
            for (int waited = 0; !canvas.isLayerImageCurrent() && waited < 60000; waited += 5)
                QTest::qWait(5);
        }
        const QRectF scene = canvas.mapToScene(canvas.viewport()->rect()).boundingRect();
        for (int i = 0; i < 10; ++i) {
            QImage image(canvas.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::transparent);
            QPainter painter(&image);
            timer.restart();
            widgets::NetworkLayers::draw(painter, *canvas.layerSnapshot(), scene,
                                         image.width() / scene.width());
            layersMs << timer.nsecsElapsed() / 1e6;
        }
    }
    // ... and both at once, as the canvas does them (each in its worker, sharing the cores).
    QList<double> bothMs;
    {
        const QRectF scene = canvas.mapToScene(canvas.viewport()->rect()).boundingRect();
        const auto snapshot = canvas.layerSnapshot();
        for (int i = 0; i < 10; ++i) {
            QImage base(canvas.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
            QImage layers(canvas.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
            layers.fill(Qt::transparent);
            timer.restart();
            std::thread basemapThread([&] {
                QPainter painter(&base);
                widgets::Basemap::draw(painter, *data, scene, base.width() / scene.width(), true);
            });
            {
                QPainter painter(&layers);
                widgets::NetworkLayers::draw(painter, *snapshot, scene,
                                             layers.width() / scene.width());
            }
            basemapThread.join();
            bothMs << timer.nsecsElapsed() / 1e6;
        }
    }
    // ... and the view painted from those images, with the items' bookkeeping (GUI thread).
    QList<double> itemsMs;
    for (int i = 0; i < 10; ++i) {
        timer.restart();
        canvas.viewport()->repaint();
        itemsMs << timer.nsecsElapsed() / 1e6;
    }
    // Frames while panning (scroll by 25 px) and zooming (wheel steps), synchronous repaints.
    QList<double> panMs;
    for (int i = 0; i < 60; ++i) {
        canvas.horizontalScrollBar()->setValue(canvas.horizontalScrollBar()->value() +
                                               (i < 30 ? 25 : -25));
        timer.restart();
        canvas.viewport()->repaint();
        panMs << timer.nsecsElapsed() / 1e6;
    }
    QList<double> zoomMs;
    for (int i = 0; i < 40; ++i) {
        canvas.zoomBy(i < 20 ? 1.1 : 1 / 1.1);
        timer.restart();
        canvas.viewport()->repaint();
        zoomMs << timer.nsecsElapsed() / 1e6;
    }
    // Hit test under the cursor (what a click or a hover does), at points across the view.
    QList<double> hitMs;
    for (int i = 0; i < 40; ++i) {
        const QPoint at(canvas.viewport()->width() * (i % 8 + 1) / 9,
                        canvas.viewport()->height() * (i / 8 + 1) / 6);
        timer.restart();
        const auto found = canvas.items(at);
        hitMs << timer.nsecsElapsed() / 1e6;
        (void)found;
    }
    const Stats hit = stats(hitMs);
    // The mouse moving over the map (no button): what the scene does for hover and the cursor.
    QList<double> moveMs;
    for (int i = 0; i < 40; ++i) {
        const QPoint at(canvas.viewport()->width() * (i % 8 + 1) / 9,
                        canvas.viewport()->height() * (i / 8 + 1) / 6);
        timer.restart();
        QTest::mouseMove(canvas.viewport(), at);
        QCoreApplication::processEvents();
        moveMs << timer.nsecsElapsed() / 1e6;
    }
    const Stats move = stats(moveMs);
    const Stats basemap = stats(basemapMs);
    const Stats items = stats(itemsMs);
    const Stats layers = stats(layersMs);
    const Stats pan = stats(panMs);
    const Stats zoom = stats(zoomMs);
    out << "| measure (" << sites << " sites, " << links
        << " links, 1920x1080, world view) | median (ms) | p95 (ms) |\n";
    out << "|---|---:|---:|\n";
    out << "| open the sample project until its map shows (59 sites, basemap loaded) | " << sampleMs
        << " | |\n";
    out << "| build the map items from a new network | " << buildMs << " | |\n";
    out << "| basemap image, whole view (worker thread) | " << basemap.median << " | "
        << basemap.p95 << " |\n";
    out << "| links and sites image, whole view (worker thread) | " << layers.median << " | "
        << layers.p95 << " |\n";
    out << "| complete re-render, both images on 2 cores | " << stats(bothMs).median << " | "
        << stats(bothMs).p95 << " |\n";
    out << "| view painted from the images (GUI thread) | " << items.median << " | " << items.p95
        << " |\n";
    out << "| frame while panning | " << pan.median << " | " << pan.p95 << " |\n";
    out << "| frame while zooming | " << zoom.median << " | " << zoom.p95 << " |\n";
    out << "| mouse move over the map | " << move.median << " | " << move.p95 << " |\n";
    out << "| hit test under the cursor (a click) | " << hit.median << " | " << hit.p95 << " |\n";
    return 0;
}
