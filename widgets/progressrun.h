#pragma once

// runWithProgress, the blocking form of a task, is declared with the TaskManager that runs it.
#include "widgets/taskmanager.h"
