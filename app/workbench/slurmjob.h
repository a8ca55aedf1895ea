#pragma once

#include "core/model/diagnostic.h"
#include "scaleout.h"

#include <optional>

class QWidget;

namespace nqi::widgets {
class Document;
}

namespace nqi::workbench {

/**
 * The open project's resilience sweep as a Slurm job folder, written as `nqi slurm` writes it
 * (scaleout::writeSlurmJob): a copy of the network as it is in the window, unsaved edits
 * included. Throws Failure.
 */
scaleout::SlurmJobFolder
writeSlurmJob(const widgets::Document &document, const scaleout::SlurmJob &job, const QString &dir);

/**
 * Stores the merged result of a job folder (its result.json, job.json beside it) in the open
 * project through an undo command, under the key `nqi plan resilience --save` uses. Refused
 * with the problem when the file is not such a result or the project was edited since the
 * job folder was written (stale figures). nullopt when stored; key names the result stored.
 */
std::optional<core::Diagnostic>
importClusterResult(widgets::Document *document, const QString &resultPath, QString *key = nullptr);

/// Plan > Export Slurm Job…: asks the shards, partition, time limit and folder, then writes it.
void exportSlurmJobDialog(QWidget *parent,
                          const widgets::Document &document,
                          const planners::resilience::Options &options);
/// Plan > Import Cluster Result…: asks for the result.json and stores it (message on refusal).
/// Returns the key stored, empty when nothing was.
QString importClusterResultDialog(QWidget *parent, widgets::Document *document);

} // namespace nqi::workbench
