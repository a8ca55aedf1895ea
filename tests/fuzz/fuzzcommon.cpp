#include "tests/fuzz/fuzzcommon.h"

#include "planners/addressing/addressing.h"

#include <QDir>
#include <QFile>
#include <QtGlobal>

#include <cstdlib>
#include <filesystem>

#include <unistd.h>

namespace nqi::fuzz {

namespace {

void dropMessages(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg) {
        fprintf(stderr, "qFatal: %s\n", qPrintable(message));
        std::abort();
    }
}

std::filesystem::path g_scratch;

void removeScratch()
{
    std::error_code ignored;
    std::filesystem::remove_all(g_scratch, ignored);
}

} // namespace

void quietMessages()
{
    qInstallMessageHandler(dropMessages);
}

const QString &scratchFolder()
{
    static const QString folder = [] {
        const std::filesystem::path base = std::filesystem::exists("/dev/shm")
                                               ? std::filesystem::path("/dev/shm")
                                               : std::filesystem::temp_directory_path();
        g_scratch = base / ("nqi-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(g_scratch);
        std::atexit(removeScratch);
        return QString::fromStdString(g_scratch.string());
    }();
    return folder;
}

QString writeInput(const QString &fileName, const uint8_t *data, size_t size)
{
    const QString path = QDir(scratchFolder()).filePath(fileName);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(reinterpret_cast<const char *>(data), qint64(size)) != qint64(size)) {
        fprintf(stderr, "fuzz: cannot write %s\n", qPrintable(path));
        std::abort();
    }
    return path;
}

const core::Network &smallNetwork()
{
    static const core::Network network = [] {
        core::Network n;
        const struct
        {
            const char16_t *code;
            const char16_t *name;
            double lat, lon;
        } sites[] = {{u"BJ", u"北京 Beijing", 39.9075, 116.3972},
                     {u"SH", u"上海 Shanghai", 31.2222, 121.4581},
                     {u"GZ", u"Guangzhou", 23.1255, 113.2574},
                     {u"CD", u"Chengdu", 30.6667, 104.0667}};
        QList<core::SiteId> ids;
        for (const auto &s : sites) {
            core::Site site;
            site.code = QString::fromUtf16(s.code);
            site.name = QString::fromUtf16(s.name);
            site.latitudeDeg = s.lat;
            site.longitudeDeg = s.lon;
            site.region = site.code;
            site.role = ids.isEmpty() ? u"route_reflector"_qs : QString();
            ids << n.addSite(site);
        }
        for (int i = 0; i < ids.size(); ++i) {
            core::Link link;
            link.siteA = ids[i];
            link.siteB = ids[(i + 1) % ids.size()];
            link.capacityGbps = 100.0;
            link.igpMetric = 10 * (i + 1);
            link.name = u"ring %1"_qs.arg(i + 1);
            n.addLink(link);
        }
        core::Demand rate;
        rate.source = ids[0];
        rate.destination = ids[1];
        rate.rateGbps = 40.0;
        n.addDemand(rate);
        core::Demand volume;
        volume.source = ids[3];
        volume.destination = ids[0];
        volume.volumeTb = 500.0;
        volume.windowHours = 12.0;
        n.addDemand(volume);
        n.setAddressPlan(planners::addressing::plan(n).plan);
        return n;
    }();
    return network;
}

} // namespace nqi::fuzz
