#include "slurmjob.h"

#include "widgets/commands.h"
#include "widgets/document.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QRegularExpression>

namespace nqi::workbench {

scaleout::SlurmJobFolder
writeSlurmJob(const widgets::Document &document, const scaleout::SlurmJob &job, const QString &dir)
{
    const QString name = document.filePath().isEmpty()
                             ? QCoreApplication::translate("SlurmJob", "Untitled project")
                             : QFileInfo(document.filePath()).fileName();
    return scaleout::writeSlurmJob(document.network(), name, job, dir);
}

std::optional<core::Diagnostic>
importClusterResult(widgets::Document *document, const QString &resultPath, QString *key)
{
    core::PlannerResult stored;
    try {
        stored = scaleout::readJobResult(resultPath, document->network());
    } catch (const core::Failure &failure) {
        return failure.diagnostic();
    }
    const QString storedKey = stored.planner;
    const auto problem = widgets::pushCommand(std::make_unique<widgets::SetPlannerResultCommand>(
        document, std::move(stored),
        QCoreApplication::translate("SlurmJob", "Import Cluster Result")));
    if (!problem && key)
        *key = storedKey;
    return problem;
}

void exportSlurmJobDialog(QWidget *parent,
                          const widgets::Document &document,
                          const planners::resilience::Options &options)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("SlurmJob", text);
    };
    bool ok = false;
    scaleout::SlurmJob job;
    job.options = options;
    job.tasks = QInputDialog::getInt(parent, tr("Export Slurm Job"),
                                     tr("Shards (array tasks), each on one node's CPUs:"), 16, 1,
                                     100000, 1, &ok);
    if (!ok)
        return;
    job.cpusPerTask =
        QInputDialog::getInt(parent, tr("Export Slurm Job"),
                             tr("CPUs per task (threads of a shard):"), 1, 1, 4096, 1, &ok);
    if (!ok)
        return;
    job.partition = QInputDialog::getText(parent, tr("Export Slurm Job"),
                                          tr("Partition (empty: the cluster's default):"),
                                          QLineEdit::Normal, {}, &ok)
                        .trimmed();
    if (!ok)
        return;
    // Asked again until Slurm would take it: nothing asked so far is lost to a typing error.
    static const QRegularExpression timeLimit(u"^([0-9]+(-[0-9]+)?(:[0-9]+){0,2})?$"_qs);
    for (;;) {
        job.time = QInputDialog::getText(parent, tr("Export Slurm Job"),
                                         tr("Time limit per task, e.g. 30:00 (empty: the "
                                            "partition's); the merge jobs get it too:"),
                                         QLineEdit::Normal, job.time, &ok)
                       .trimmed();
        if (!ok)
            return;
        if (timeLimit.match(job.time).hasMatch())
            break;
        QMessageBox::warning(parent, tr("Export Slurm Job"),
                             tr("\"%1\" is not a Slurm time limit: give minutes (30), "
                                "HH:MM:SS or D-HH:MM:SS.")
                                 .arg(job.time));
    }
    const QString base = document.filePath().isEmpty()
                             ? QDir::homePath()
                             : QFileInfo(document.filePath()).absolutePath();
    const QString dir = QFileDialog::getExistingDirectory(
        parent, tr("Folder for the Slurm job (new or empty)"), base);
    if (dir.isEmpty())
        return;
    try {
        const scaleout::SlurmJobFolder folder = writeSlurmJob(document, job, dir);
        QMessageBox::information(
            parent, tr("Export Slurm Job"),
            tr("Wrote the job folder %1 (%2 shards). Copy it to the cluster and run submit.sh "
               "there; its README says what each file is. Then import its result.json with "
               "Plan > Import Cluster Result.")
                .arg(QDir::toNativeSeparators(folder.dir))
                .arg(job.tasks));
    } catch (const core::Failure &failure) {
        QMessageBox::warning(parent, tr("Export Slurm Job"), failure.diagnostic().toString());
    }
}

QString importClusterResultDialog(QWidget *parent, widgets::Document *document)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("SlurmJob", text);
    };
    const QString path = QFileDialog::getOpenFileName(
        parent, tr("Import Cluster Result"), {}, tr("Merged result (result.json);;JSON (*.json)"));
    if (path.isEmpty())
        return {};
    QString key;
    if (const auto problem = importClusterResult(document, path, &key)) {
        QMessageBox::warning(parent, tr("Import Cluster Result"), problem->toString());
        return {};
    }
    return key;
}

} // namespace nqi::workbench
