// The compute planners' input: a JSON object of options (the keys `nqi plan` stores with --save
// and a project's stored results carry) run through planners::runPlanner for fabric, dci and
// ingest over a small network with a volume demand, and the text as an ingest volume ("1.5PB").
// A Failure is the planner refusing its options.

#include "core/model/diagnostic.h"
#include "planners/common/progress.h"
#include "planners/compute/ingest.h"
#include "planners/registry.h"
#include "tests/fuzz/fuzzcommon.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace nqi;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool ready = (fuzz::quietMessages(), true);
    Q_UNUSED(ready);

    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)planners::ingest::parseTerabytes(QString::fromUtf8(bytes));

    const QJsonObject options = QJsonDocument::fromJson(bytes).object();
    if (options.isEmpty())
        return 0;
    for (const char16_t *name : {u"fabric", u"dci", u"ingest"}) {
        planners::Progress progress;
        try {
            planners::runPlanner(QString::fromUtf16(name), fuzz::smallNetwork(), options, progress);
        } catch (const core::Failure &) {
        }
    }
    return 0;
}
