#include "planners/common/progress.h"

#include <algorithm>

namespace nqi::planners {

void Progress::report(double fraction, const std::string &stage)
{
    fraction = std::clamp(fraction, 0.0, 1.0);
    m_fraction.store(fraction, std::memory_order_relaxed);
    if (m_callback)
        m_callback(fraction, stage);
}

} // namespace nqi::planners
