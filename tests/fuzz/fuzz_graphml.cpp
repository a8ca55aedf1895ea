// The GraphML importer (Topology Zoo files): any bytes as a .graphml file, imported into an empty
// network, leniently and strictly. A Failure is the importer refusing bad input.

#include "core/io/importer.h"
#include "core/model/diagnostic.h"
#include "tests/fuzz/fuzzcommon.h"

using namespace nqi;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool ready = (fuzz::quietMessages(), true);
    Q_UNUSED(ready);

    const QString path = fuzz::writeInput(u"fuzz.graphml"_qs, data, size);
    for (const bool strict : {false, true}) {
        core::Network network;
        core::ImportOptions options;
        options.strict = strict;
        try {
            core::Importer::importFiles(network, {path}, options);
        } catch (const core::Failure &) {
        }
    }
    return 0;
}
