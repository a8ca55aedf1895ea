#include "../core/testnetworks.h"
#include "reportdialog.h"
#include "widgets/document.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QListWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace nqi;

// File > Report writes the report as a background task: the results it must compute, its maps
// and its files are made off the GUI thread, so the window answers meanwhile. Runs on the
// offscreen platform.
class TestReportResponsiveness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void windowAnswersWhileTheReportIsWritten();
};

void TestReportResponsiveness::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

// The maps of a generated 2,000-site mesh with no stored results: the report computes routing
// and every single failure (a few seconds on two cores) and draws its maps, while a 10 ms timer
// never waits more than 250 ms. (Written on the GUI thread, the event loop waited seconds.)
void TestReportResponsiveness::windowAnswersWhileTheReportIsWritten()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    widgets::Document document;
    // 2,000 sites, 6,000 links, 200 demands.
    document.reset(tests::syntheticNetwork(2000, 3, 200), {});
    QObject owner;
    const QString output = dir.filePath(u"large-report.html"_qs);
    app::ReportDialog dialog(&document, &owner, output);
    auto *sections = dialog.findChild<QListWidget *>();
    QVERIFY(sections);
    for (int i = 0; i < sections->count(); ++i) {
        QListWidgetItem *item = sections->item(i);
        item->setCheckState(item->data(Qt::UserRole).toString() == u"map" ? Qt::Checked
                                                                          : Qt::Unchecked);
    }
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    QElapsedTimer clock;
    qint64 last = 0, longestGapMs = 0;
    int ticks = 0;
    QTimer tick;
    tick.setInterval(10);
    connect(&tick, &QTimer::timeout, this, [&] {
        const qint64 now = clock.elapsed();
        longestGapMs = std::max(longestGapMs, now - last);
        last = now;
        ++ticks;
    });
    clock.start();
    tick.start();
    const bool written = dialog.writeReport();
    tick.stop();
    qInfo("report of 2,000 sites written in %lld ms, %d ticks; the longest gap %lld ms",
          clock.elapsed(), ticks, longestGapMs);
    QVERIFY(written);
    QVERIFY(QFileInfo(output).size() > 100000);
    QVERIFY2(dialog.notes().join(u' ').contains(u"computed"_qs),
             qPrintable(dialog.notes().join(u' ')));
    QVERIFY2(longestGapMs < 250, qPrintable(u"the event loop waited %1 ms"_qs.arg(longestGapMs)));
}

QTEST_MAIN(TestReportResponsiveness)
#include "tst_reportresponsiveness.moc"
