// Report of a 5,000-site network (15,000 links, 20,000 demands): the planners run once and their
// results are stored, then the report is timed in each format, as a user re-writing a report
// of a planned project would see it. Usage: nqi_bench_report [SITES LINKS DEMANDS [PROJECT]]
// With PROJECT, the planned network is saved there, or read from there when the file exists
// (to time the report again without running the planners again).

#include "bench/synthetic.h"

#include "core/store/projectstore.h"
#include "planners/registry.h"
#include "report/report.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTextStream>

using namespace nqi;

namespace {

int writeReports(const core::Network &network, QTextStream &out)
{
    QTemporaryDir dir;
    QElapsedTimer timer;
    for (const QString &name : {u"report.pdf"_qs, u"report.html"_qs, u"report.odt"_qs}) {
        report::Options options;
        options.version = u"bench"_qs;
        timer.start();
        report::write(network, dir.filePath(name), options);
        out << "| report " << name << " (" << QFileInfo(dir.filePath(name)).size() / 1024
            << " KiB) | " << timer.elapsed() / 1000.0 << " s |\n";
        out.flush();
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList arguments = QApplication::arguments();
    const int sites = arguments.value(1, u"5000"_qs).toInt();
    const int links = arguments.value(2, u"15000"_qs).toInt();
    const int demands = arguments.value(3, u"20000"_qs).toInt();
    const QString project = arguments.value(4);
    QTextStream out(stdout);
    QElapsedTimer timer;
    timer.start();
    if (!project.isEmpty() && QFileInfo::exists(project)) {
        const core::Network network = core::ProjectStore::load(project);
        out << "| planned project read from " << project << " | " << timer.elapsed() / 1000.0
            << " s |\n";
        return writeReports(network, out);
    }

    core::Network network = syntheticNetwork(sites, links, demands);
    for (const QString &planner : {u"route"_qs, u"latency"_qs, u"resilience"_qs, u"capacity"_qs}) {
        planners::Progress progress;
        const QJsonObject json = planners::runPlanner(planner, network, {}, progress);
        core::PlannerResult result;
        result.planner = planner;
        result.createdUtc = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        result.inputDigest = network.digest();
        result.json = QJsonDocument(json).toJson(QJsonDocument::Compact);
        network.setPlannerResult(result);
    }
    out << "| planners run once and stored (" << sites << " sites, " << links << " links, "
        << demands << " demands) | " << timer.elapsed() / 1000.0 << " s |\n";
    out.flush();
    if (!project.isEmpty())
        core::ProjectStore::save(network, project);
    return writeReports(network, out);
}
