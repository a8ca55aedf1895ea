#pragma once

#include <functional>

namespace nqi::planners {

/**
 * Runs @p task on one of the threads kept for parallelFor, started when first needed and kept
 * until the program ends, so that a parallelFor does not pay for starting threads. Threads are
 * kept per nice value (on Linux each thread has its own, and a new thread takes its creator's):
 * a task runs at the nice value of the thread that posts it, so a planner running at a lowered
 * priority in the workbench does not get helpers at the GUI thread's priority, and the map
 * does not get helpers at the planners' lowered one. At least @p threads threads serve that
 * nice value afterwards.
 */
void postToWorkerThreads(std::function<void()> task, int threads);

} // namespace nqi::planners
