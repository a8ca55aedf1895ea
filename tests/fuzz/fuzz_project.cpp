// The project loader: any bytes as a GeoPackage project file, opened with
// core::ProjectStore::load (schema check, migration of older schemas in a copy, every layer and
// table read into the model). A Failure is the store refusing the file.

#include "core/model/diagnostic.h"
#include "core/store/projectstore.h"
#include "tests/fuzz/fuzzcommon.h"

#include <QFile>

using namespace nqi;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool ready = (fuzz::quietMessages(), true);
    Q_UNUSED(ready);

    // A journal or write-ahead log left beside the file by the input before would be read with
    // this one: each input stands alone.
    const QString path = fuzz::writeInput(u"fuzz.gpkg"_qs, data, size);
    for (const char16_t *suffix : {u"-journal", u"-wal", u"-shm"})
        QFile::remove(path + QString::fromUtf16(suffix));
    try {
        const core::Network network = core::ProjectStore::load(path);
        (void)network.digest();
    } catch (const core::Failure &) {
    }
    return 0;
}
