#include "planrun.h"

#include "planners/registry.h"

namespace nqi::cli {

int runPlannerCommand(const planners::PlannerDescriptor &,
                      const QStringList &,
                      Streams,
                      const PlanCommandExtension &)
{
    return Failed;
}

} // namespace nqi::cli
