#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace nqi::planners {

/// The most threads a planner starts (an option asking for more is refused by the front ends).
inline constexpr int kMaxThreads = 256;

/// Threads a planner uses: one per core.
inline int workerCount()
{
    return std::max(1, int(std::thread::hardware_concurrency()));
}

/**
 * Calls fn(index, worker) for every index in [0, count) on workerCount() threads (worker is
 * 0..workers-1, for per-thread scratch). Indexes are handed out in small chunks in order. The
 * first exception thrown by fn stops the others and is rethrown here.
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
    std::vector<std::thread> threads;
    for (int worker = 1; worker < workers; ++worker)
        threads.emplace_back(work, worker);
    work(0);
    for (std::thread &thread : threads)
        thread.join();
    if (error)
        std::rethrow_exception(error);
}

} // namespace nqi::planners
