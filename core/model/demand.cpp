#include "core/model/demand.h"

namespace nqi::core {

double Demand::effectiveRateGbps() const
{
    if (rateGbps)
        return *rateGbps;
    if (volumeTb && windowHours && *windowHours > 0.0)
        return *volumeTb * 8000.0 / (*windowHours * 3600.0); // TB -> Gb, hours -> s
    return 0.0;
}

} // namespace nqi::core
