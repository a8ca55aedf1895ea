// parallelFor: every index once, distinct worker ids, errors carried back, nesting, priorities,
// and no thread started per call.

#include "planners/common/parallel.h"

#include <QDir>
#include <QTest>

#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

using namespace nqi;

namespace {

int threadCount()
{
    return int(QDir(u"/proc/self/task"_qs).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

} // namespace

class TestParallel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyIndexOnceWithDistinctWorkers();
    void firstErrorIsRethrown();
    void nestedCallsFinish();
    void noThreadStartedPerCall();
    void helpersRunAtTheCallersNiceValue();
};

void TestParallel::everyIndexOnceWithDistinctWorkers()
{
    for (int workers : {1, 2, 3, 8}) {
        std::vector<std::atomic<int>> seen(5000);
        std::mutex mutex;
        std::set<int> workerIds;
        planners::parallelFor(5000, workers, [&](int index, int worker) {
            ++seen[size_t(index)];
            const std::lock_guard lock(mutex);
            workerIds.insert(worker);
        });
        for (const auto &count : seen)
            QCOMPARE(count.load(), 1);
        QVERIFY(*workerIds.begin() >= 0);
        QVERIFY(*workerIds.rbegin() < workers);
    }
}

void TestParallel::firstErrorIsRethrown()
{
    try {
        planners::parallelFor(1000, 2, [](int index, int) {
            if (index == 500)
                throw std::runtime_error("index 500");
        });
        QFAIL("no exception");
    } catch (const std::runtime_error &error) {
        QCOMPARE(QString::fromUtf8(error.what()), u"index 500"_qs);
    }
}

void TestParallel::nestedCallsFinish()
{
    std::atomic<int> total{0};
    planners::parallelFor(
        16, 2, [&](int, int) { planners::parallelFor(100, 2, [&](int, int) { ++total; }); });
    QCOMPARE(total.load(), 1600);
}

void TestParallel::noThreadStartedPerCall()
{
    // Threads that ever ran work: a few kept ones, not one more per call.
    std::set<long> threads;
    std::mutex mutex;
    std::atomic<int> total{0};
    const int before = threadCount();
    for (int call = 0; call < 200; ++call) {
        planners::parallelFor(64, 2, [&](int, int) {
            ++total;
            std::this_thread::sleep_for(std::chrono::microseconds(50)); // both threads get work
            const long id = long(syscall(SYS_gettid));
            const std::lock_guard lock(mutex);
            threads.insert(id);
        });
    }
    QCOMPARE(total.load(), 200 * 64);
    // With a thread started per call, 200 calls ran on some 200 threads.
    QVERIFY2(
        threads.size() <= size_t(threadCount()),
        qPrintable(u"%1 threads ran work, %2 exist"_qs.arg(threads.size()).arg(threadCount())));
    QVERIFY(threadCount() <= before + 1);
}

void TestParallel::helpersRunAtTheCallersNiceValue()
{
#ifdef __linux__
    // A thread lowered as the workbench lowers its planners' threads gets helpers as low.
    std::set<int> nices;
    std::mutex mutex;
    std::thread lowered([&] {
        (void)setpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)), 15);
        planners::parallelFor(2000, 2, [&](int, int) {
            const int nice = getpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)));
            const std::lock_guard lock(mutex);
            nices.insert(nice);
        });
    });
    lowered.join();
    QCOMPARE(nices, std::set<int>{15});
    // and this thread's calls still get helpers at its own.
    const int own = getpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)));
    nices.clear();
    planners::parallelFor(2000, 2, [&](int, int) {
        const int nice = getpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)));
        const std::lock_guard lock(mutex);
        nices.insert(nice);
    });
    QCOMPARE(nices, std::set<int>{own});
#else
    QSKIP("per-thread nice values are Linux's");
#endif
}

QTEST_GUILESS_MAIN(TestParallel)
#include "tst_parallel.moc"
