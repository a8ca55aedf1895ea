#pragma once

// Shared by the libFuzzer harnesses: a scratch folder for inputs that readers take as files, a
// small network to import into or render for, and quiet Qt messages (a fuzzer runs millions of
// inputs; their warnings would only slow it).

#include "core/model/network.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

namespace nqi::fuzz {

/// Once per process: drops Qt's debug, info and warning messages (fatal ones still abort).
void quietMessages();

/// A folder of this process's own, under /dev/shm when it exists (no disk writes per input),
/// removed when the process exits.
const QString &scratchFolder();

/// Writes the input to scratchFolder()/fileName, replacing what was there; returns the path.
QString writeInput(const QString &fileName, const uint8_t *data, size_t size);

/// Four sites (BJ, SH, GZ, CD), a ring of four links, two demands (one given as a volume per
/// window) and its address plan: what links, demands, templates and planners refer to.
const core::Network &smallNetwork();

} // namespace nqi::fuzz
