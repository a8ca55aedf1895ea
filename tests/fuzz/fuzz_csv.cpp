// The CSV reader and importer: any bytes as a CSV file, parsed row by row and imported (sites,
// links or demands by header) into an empty network and into one whose sites links refer to.
// A Failure is the reader refusing bad input, not a finding.

#include "core/io/csvreader.h"
#include "core/io/importer.h"
#include "core/model/diagnostic.h"
#include "tests/fuzz/fuzzcommon.h"

using namespace nqi;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool ready = (fuzz::quietMessages(), true);
    Q_UNUSED(ready);

    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    try {
        core::CsvReader reader(bytes, u"fuzz.csv"_qs);
        core::CsvRow row;
        while (reader.next(row)) {
        }
    } catch (const core::Failure &) {
    }

    const QString path = fuzz::writeInput(u"fuzz.csv"_qs, data, size);
    for (const bool withSites : {false, true}) {
        core::Network network = withSites ? fuzz::smallNetwork() : core::Network();
        try {
            core::Importer::importFiles(network, {path});
        } catch (const core::Failure &) {
        }
    }
    return 0;
}
