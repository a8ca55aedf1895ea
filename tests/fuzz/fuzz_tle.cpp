// The TLE reader: any bytes as a TLE file, read strictly from disk (UTF-8 check included) and
// leniently from text; the first line also as a Walker shell ("T/P/F:INC:ALT_KM"). A Failure is
// the reader refusing bad input.

#include "core/model/diagnostic.h"
#include "planners/satellite/tle.h"
#include "tests/fuzz/fuzzcommon.h"

using namespace nqi;
using namespace nqi::planners::satellite;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool ready = (fuzz::quietMessages(), true);
    Q_UNUSED(ready);

    const QString path = fuzz::writeInput(u"fuzz.tle"_qs, data, size);
    try {
        readTleFile(path, false);
    } catch (const core::Failure &) {
    }
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    try {
        readTle(text, u"fuzz.tle"_qs, true);
    } catch (const core::Failure &) {
    }
    try {
        parseWalker(text.section(u'\n', 0, 0));
    } catch (const core::Failure &) {
    }
    return 0;
}
