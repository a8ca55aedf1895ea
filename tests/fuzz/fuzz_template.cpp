// Device configuration templates: the first byte chooses the dialect, the rest is a Mustache
// template put in an override folder and rendered by configgen::generate over a network of four
// routers. A Failure is a template error reported with its line.

#include "core/model/diagnostic.h"
#include "planners/configgen/configgen.h"
#include "tests/fuzz/fuzzcommon.h"

using namespace nqi;
using namespace nqi::planners;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool ready = (fuzz::quietMessages(), true);
    Q_UNUSED(ready);
    if (size == 0)
        return 0;

    using addressing::Dialect;
    const Dialect dialects[] = {Dialect::Frr, Dialect::Vrp, Dialect::IosXr, Dialect::Junos};
    configgen::Options options;
    options.dialect = dialects[data[0] % 4];
    options.version = u"fuzz"_qs;
    options.templateFolder = fuzz::scratchFolder();
    // The renderer's own time bound well inside libFuzzer's -timeout=10: a slow template is
    // refused with a message (as a user sees it), not reported as a hang.
    options.renderTimeLimitMs = 1000;
    fuzz::writeInput(configgen::templateFileName(options.dialect), data + 1, size - 1);
    try {
        const auto configs = configgen::generate(fuzz::smallNetwork(), options);
        (void)configs;
    } catch (const core::Failure &) {
    }
    return 0;
}
