#include "planners/common/progress.h"

#include <algorithm>

namespace nqi::planners {

void Progress::report(double fraction, const std::string &stage)
{
    fraction = std::clamp(fraction, 0.0, 1.0);
    // Never backwards: workers report as they finish, and a later report may arrive first.
    double shown = m_fraction.load(std::memory_order_relaxed);
    while (fraction > shown &&
           !m_fraction.compare_exchange_weak(shown, fraction, std::memory_order_relaxed)) {
    }
    fraction = std::max(fraction, shown);
    if (m_callback)
        m_callback(fraction, stage);
}

} // namespace nqi::planners
