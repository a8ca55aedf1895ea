#include "python/plannerrun.h"

#include "planners/registry.h"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

namespace nqi::python {
namespace {

// What the planner's thread leaves for the waiting one.
struct Shared
{
    std::mutex mutex;
    std::condition_variable finished;
    bool done = false;
    double fraction = 0.0; ///< the highest reported
    std::string stage;     ///< reported with it
    bool reported = false;
    QJsonObject json;
    std::exception_ptr error;
};

// Cancels the planner and waits for its thread (without the GIL, which the planner's
// thread never needs) when the waiting ends early: Ctrl+C, or the callback raised.
class Joiner
{
public:
    Joiner(std::thread &thread, planners::Progress &progress)
        : m_thread(thread)
        , m_progress(progress)
    {
    }
    ~Joiner()
    {
        if (!m_thread.joinable())
            return;
        m_progress.cancel();
        py::gil_scoped_release release;
        m_thread.join();
    }
    Joiner(const Joiner &) = delete;
    Joiner &operator=(const Joiner &) = delete;

private:
    std::thread &m_thread;
    planners::Progress &m_progress;
};

constexpr std::chrono::milliseconds kPoll{50};

} // namespace

QJsonObject runPlanner(const QString &planner,
                       std::shared_ptr<const core::Network> network,
                       const QJsonObject &options,
                       const py::object &progress)
{
    auto shared = std::make_shared<Shared>();
    auto control =
        std::make_shared<planners::Progress>([shared](double fraction, const std::string &stage) {
            // Planners report from several threads: only what is further along counts.
            const std::lock_guard lock(shared->mutex);
            if (!shared->reported || fraction > shared->fraction) {
                shared->fraction = fraction;
                shared->stage = stage;
                shared->reported = true;
            }
        });
    std::thread worker([shared, control, planner, network, options] {
        QJsonObject json;
        std::exception_ptr error;
        try {
            json = planners::runPlanner(planner, *network, options, *control);
        } catch (...) {
            error = std::current_exception();
        }
        const std::lock_guard lock(shared->mutex);
        shared->json = std::move(json);
        shared->error = error;
        shared->done = true;
        shared->finished.notify_all();
    });
    const Joiner joiner(worker, *control);

    const bool reporting = !progress.is_none();
    double sent = -1.0;
    std::string stage;
    for (;;) {
        bool done = false, reported = false;
        double fraction = 0.0;
        {
            py::gil_scoped_release release;
            std::unique_lock lock(shared->mutex);
            shared->finished.wait_for(lock, kPoll, [&] { return shared->done; });
            done = shared->done;
            reported = shared->reported;
            fraction = shared->fraction;
            stage = shared->stage;
        }
        // Ctrl+C: Python's handler raises KeyboardInterrupt here; the joiner cancels.
        if (PyErr_CheckSignals() != 0)
            throw py::error_already_set();
        if (reporting && reported && fraction > sent) {
            sent = fraction;
            progress(fraction, stage);
        }
        if (done)
            break;
    }
    {
        py::gil_scoped_release release;
        worker.join();
    }
    if (shared->error)
        std::rethrow_exception(shared->error);
    if (reporting && sent < 1.0)
        progress(1.0, stage.empty() ? std::string("done") : stage);
    return shared->json;
}

} // namespace nqi::python
