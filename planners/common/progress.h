#pragma once

#include <atomic>
#include <functional>
#include <string>

namespace nqi::planners {

/**
 * Progress and cancellation shared between a planner and whoever runs it (CLI or a GUI worker).
 * Thread safe: the planner reports from its thread, the caller cancels from another.
 */
class Progress
{
public:
    using Callback = std::function<void(double fraction, const std::string &stage)>;

    Progress() = default;
    explicit Progress(Callback callback)
        : m_callback(std::move(callback))
    {
    }

    /// Reports progress in 0..1; cheap enough to call often. What is shown never goes back: a
    /// report below an earlier one (workers finishing out of order) leaves the fraction as is.
    void report(double fraction, const std::string &stage = {});
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
    double fraction() const { return m_fraction.load(std::memory_order_relaxed); }

private:
    Callback m_callback;
    std::atomic<bool> m_cancelled{false};
    std::atomic<double> m_fraction{0.0};
};

/// Thrown by a planner that noticed Progress::isCancelled(); it leaves no partial result.
struct Cancelled
{
};

} // namespace nqi::planners
