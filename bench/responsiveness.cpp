// How the workbench answers while a planner runs: the window (offscreen) holds a synthetic
// network (bench/synthetic.h), resilience starts from the Plan menu's action, a 10 ms timer
// ticks, and a wheel notch zooms the map a second into the run. Prints the longest gap between
// ticks while the planner runs (the map's own response to the zoom apart), the run time, how
// long the zoomed map took to be drawn again, and how long the GUI thread took to take the
// result in (stored, the Results dock filled).
// Usage: QT_QPA_PLATFORM=offscreen nqi_bench_responsiveness [SITES LINKS DEMANDS]

#include "bench/synthetic.h"

#include "mainwindow.h"
#include "widgets/document.h"
#include "widgets/mapcanvas.h"
#include "widgets/taskmanager.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>
#include <QUndoStack>
#include <QWheelEvent>

#include <algorithm>
#include <vector>

using namespace nqi;

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // the user's settings stay as they are
    const QStringList arguments = QApplication::arguments();
    const int sites = arguments.value(1, u"2000"_qs).toInt();
    const int links = arguments.value(2, u"6000"_qs).toInt();
    const int demands = arguments.value(3, u"20000"_qs).toInt();
    QTextStream out(stdout);

    app::MainWindow window;
    window.resize(1600, 1000);
    window.show();
    window.document()->reset(syntheticNetwork(sites, links, demands), {});
    widgets::MapCanvas *canvas = window.canvas();
    canvas->zoomToFit();
    QElapsedTimer settle;
    settle.start();
    while (!canvas->isLayerImageCurrent() && settle.elapsed() < 60000)
        QApplication::processEvents(QEventLoop::AllEvents, 20);

    QAction *resilience = nullptr;
    for (QAction *menu : window.menuBar()->actions())
        if (menu->menu() && menu->text() == u"&Plan")
            for (QAction *item : menu->menu()->actions())
                if (item->text() == u"Re&silience: Every Single Failure")
                    resilience = item;
    if (!resilience)
        return 1;

    QElapsedTimer clock;
    std::vector<qint64> gaps;
    qint64 zoomGap = 0; // the longest while the map answers the zoom
    qint64 last = 0, finishedAt = -1, landedAt = -1, wheelAt = -1, redrawnAt = -1;
    bool running = false, modal = false;
    // The task's end is seen here before the window takes the result in (connected first).
    QObject::connect(widgets::TaskManager::instance(), &widgets::TaskManager::taskAdded, &window,
                     [&](widgets::Task *task) {
                         QObject::connect(task, &widgets::Task::finished, &window, [&] {
                             finishedAt = clock.elapsed();
                             running = false;
                         });
                     });
    QTimer tick;
    tick.setInterval(10);
    QObject::connect(&tick, &QTimer::timeout, &window, [&] {
        const qint64 now = clock.elapsed();
        const bool zooming = wheelAt >= 0 && redrawnAt < 0;
        if (running && zooming)
            zoomGap = std::max(zoomGap, now - last);
        else if (running)
            gaps.push_back(now - last);
        else if (finishedAt >= 0 && landedAt < 0)
            landedAt = now;
        last = now;
        if (running && (QApplication::activeModalWidget() || QGuiApplication::modalWindow()))
            modal = true;
        if (running && wheelAt < 0 && now > 1000) {
            const QPointF middle(canvas->viewport()->width() / 2.0,
                                 canvas->viewport()->height() / 2.0);
            QWheelEvent wheel(middle, canvas->viewport()->mapToGlobal(middle), QPoint(),
                              QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                              false);
            QApplication::sendEvent(canvas->viewport(), &wheel);
            wheelAt = clock.elapsed();
            last = wheelAt;
        }
        if (zooming && canvas->isLayerImageCurrent() && canvas->isBasemapCurrent())
            redrawnAt = now;
    });
    clock.start();
    running = true;
    tick.start();
    resilience->trigger();
    while (landedAt < 0)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    tick.stop();

    std::sort(gaps.begin(), gaps.end());
    const qint64 longest = gaps.empty() ? 0 : gaps.back();
    const qint64 p99 = gaps.empty() ? 0 : gaps[gaps.size() * 99 / 100];
    out << "| resilience on " << sites << " sites, " << links << " links, " << demands
        << " demands: run time (s) | " << finishedAt / 1000.0 << " |\n";
    out << "| longest gap between 10 ms ticks while it runs (ms) | " << longest << " |\n";
    out << "| 99th percentile gap (ms) | " << p99 << " |\n";
    out << "| modal window during the run | " << (modal ? "yes" : "no") << " |\n";
    out << "| wheel zoom: map drawn again after (ms) | "
        << (redrawnAt >= 0 ? QString::number(redrawnAt - wheelAt) : u"not during the run"_qs)
        << " |\n";
    out << "| longest gap while the map answers the zoom (ms) | " << zoomGap << " |\n";
    out << "| result taken in on the GUI thread (stored, Results dock) (ms) | "
        << landedAt - finishedAt << " |\n";
    window.document()->undoStack()->setClean();
    return 0;
}
