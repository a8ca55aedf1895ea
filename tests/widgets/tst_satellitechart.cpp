#include "mainwindow.h"
#include "widgets/document.h"
#include "widgets/satellitepanel.h"

#include <QDockWidget>
#include <QFontMetrics>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTest>

#include <qcustomplot.h>

using namespace nqi;

// The Satellites dock at its size in the default layout (the window on a 1600x1000 screen, no
// window manager: 1440x900): the panel fits the dock's width, and the coverage chart is tall
// enough, with tick labels apart, both axes' titles inside the dock and the legend off the
// curves. Runs on the offscreen platform.
class TestSatelliteChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void coverageChartIsReadableAtTheDefaultSize();
};

void TestSatelliteChart::coverageChartIsReadableAtTheDefaultSize()
{
    app::MainWindow window;
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    window.satellitesDock()->raise();
    widgets::SatellitePanel *panel = window.satellitePanel();
    panel->setStartTime(QDateTime(QDate(2024, 1, 13), QTime(0, 0), Qt::UTC));
    QVERIFY(panel->addWalker(u"120/12/1:53:1200"_qs, u"Walker"_qs, 25.0));
    panel->setArea(u"110,30,114,34"_qs);
    QVERIFY(panel->computeCoverage());
    QTest::qWait(100);

    // No scrolling sideways: the panel fits the dock.
    auto *scroll = qobject_cast<QScrollArea *>(window.satellitesDock()->widget());
    QVERIFY(scroll);
    QVERIFY2(panel->minimumSizeHint().width() <= scroll->viewport()->width(),
             qPrintable(u"panel %1 px, dock %2 px"_qs.arg(panel->minimumSizeHint().width())
                            .arg(scroll->viewport()->width())));
    QVERIFY(!scroll->horizontalScrollBar()->isVisible());

    QCustomPlot *chart = panel->chart();
    chart->replot();
    QVERIFY2(chart->height() >= widgets::SatellitePanel::kChartMinimumHeight,
             qPrintable(QString::number(chart->height())));
    // The curves have most of it: the legend is under the plot, not over the curves.
    const QRect plot = chart->axisRect()->rect();
    QVERIFY(plot.height() >= 150);
    QVERIFY(!chart->legend->outerRect().intersects(plot));
    // Both axes' titles inside the visible chart.
    QVERIFY(chart->yAxis2->visible());
    QVERIFY(chart->axisRect()->outerRect().right() <= chart->width());
    QVERIFY(chart->mapTo(scroll->viewport(), QPoint(chart->width(), 0)).x() <=
            scroll->viewport()->width());
    // Tick labels stay apart on every axis.
    for (QCPAxis *axis : chart->axisRect()->axes()) {
        const QVector<double> ticks = axis->tickVector();
        const QVector<QString> labels = axis->tickVectorLabels();
        QVERIFY(ticks.size() >= 2);
        QVERIFY(ticks.size() <= 7);
        const QFontMetrics metrics(axis->tickLabelFont());
        for (qsizetype i = 1; i < ticks.size(); ++i) {
            const double gap =
                std::abs(axis->coordToPixel(ticks[i]) - axis->coordToPixel(ticks[i - 1]));
            const int needed = axis->orientation() == Qt::Horizontal
                                   ? (metrics.horizontalAdvance(labels[i]) +
                                      metrics.horizontalAdvance(labels[i - 1])) /
                                             2 +
                                         4
                                   : metrics.height() + 2;
            QVERIFY2(
                gap >= needed,
                qPrintable(u"%1 and %2: %3 px apart"_qs.arg(labels[i - 1], labels[i]).arg(gap)));
        }
    }
    window.document()->undoStack()->setClean();
}

QTEST_MAIN(TestSatelliteChart)
#include "tst_satellitechart.moc"
