#pragma once

#include "planners/common/threadpool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

namespace nqi::planners {

/// The most threads a planner starts (an option asking for more is refused by the front ends).
inline constexpr int kMaxThreads = 256;

/// Threads a planner uses: one per core.
inline int workerCount()
{
    return std::max(1, int(std::thread::hardware_concurrency()));
}

/**
 * Calls fn(index, worker) for every index in [0, count) on up to @p workers threads: the calling
 * thread and helpers from threads kept for the purpose (postToWorkerThreads), so a call starts
 * no thread. worker is 0..workers-1, distinct among the threads running at once, for per-thread
 * scratch. Indexes are handed out in small chunks in order. The first exception thrown by fn
 * stops the others and is rethrown here. A helper that has not started by the time the calling
 * thread has run out of indexes does nothing, so a parallelFor inside another never waits for
 * threads busy elsewhere.
 */
template <typename Fn>
void parallelFor(int count, int workers, Fn &&fn)
{
    workers = std::clamp(workers, 1, std::clamp(count, 1, kMaxThreads));
    std::atomic<int> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr error;
    std::mutex errorMutex;
    const int chunk = std::max(1, std::min(64, count / (workers * 16)));
    auto work = [&](int worker) {
        try {
            for (;;) {
                const int first = next.fetch_add(chunk);
                if (first >= count || failed.load())
                    return;
                const int last = std::min(count, first + chunk);
                for (int index = first; index < last; ++index)
                    fn(index, worker);
            }
        } catch (...) {
            const std::lock_guard lock(errorMutex);
            if (!error)
                error = std::current_exception();
            failed.store(true);
        }
    };
    if (workers == 1) {
        work(0);
    } else {
        // Helpers may start after this call returned (their pool was busy): they then find the
        // job closed and leave without touching this frame.
        struct Job
        {
            std::mutex mutex;
            std::condition_variable idle;
            int running = 0;
            bool closed = false;
            int nextWorker = 1;
            std::function<void(int)> work;
        };
        auto job = std::make_shared<Job>();
        job->work = work;
        for (int helper = 1; helper < workers; ++helper) {
            postToWorkerThreads(
                [job] {
                    int worker = 0;
                    {
                        const std::lock_guard lock(job->mutex);
                        if (job->closed)
                            return;
                        ++job->running;
                        worker = job->nextWorker++;
                    }
                    job->work(worker);
                    const std::lock_guard lock(job->mutex);
                    if (--job->running == 0)
                        job->idle.notify_all();
                },
                workers - 1);
        }
        work(0);
        std::unique_lock lock(job->mutex);
        job->closed = true;
        job->idle.wait(lock, [&] { return job->running == 0; });
    }
    if (error)
        std::rethrow_exception(error);
}

} // namespace nqi::planners
