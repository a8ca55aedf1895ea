#include "planners/common/threadpool.h"

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace nqi::planners {
namespace {

class Pool
{
public:
    ~Pool()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        for (std::thread &thread : m_threads)
            thread.join();
    }

    // Called by the thread whose nice value the pool's threads share: new threads take it.
    void post(std::function<void()> task, int threads)
    {
        {
            const std::lock_guard lock(m_mutex);
            m_tasks.push_back(std::move(task));
            while (int(m_threads.size()) < threads)
                m_threads.emplace_back([this] { serve(); });
        }
        m_wake.notify_one();
    }

private:
    void serve()
    {
        for (;;) {
            std::function<void()> task;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stopping || !m_tasks.empty(); });
                if (m_tasks.empty())
                    return;
                task = std::move(m_tasks.front());
                m_tasks.pop_front();
            }
            task();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_tasks;
    std::vector<std::thread> m_threads;
    bool m_stopping = false;
};

int thisThreadsNice()
{
#ifdef __linux__
    return getpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)));
#else
    return 0;
#endif
}

} // namespace

void postToWorkerThreads(std::function<void()> task, int threads)
{
    static std::mutex mutex;
    // Never destroyed: at exit the kept threads end with the process. Joining them from a static
    // destructor could wait forever on one still serving a caller that is itself being torn
    // down (a map render in Qt's pool when the application quits).
    static auto &pools = *new std::map<int, std::unique_ptr<Pool>>;
    Pool *pool = nullptr;
    {
        const std::lock_guard lock(mutex);
        std::unique_ptr<Pool> &entry = pools[thisThreadsNice()];
        if (!entry)
            entry = std::make_unique<Pool>();
        pool = entry.get();
    }
    pool->post(std::move(task), threads);
}

} // namespace nqi::planners
