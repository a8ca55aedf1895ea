#pragma once

#include "core/model/network.h"
#include "planners/common/progress.h"

#include <QPagedPaintDevice>
#include <QString>
#include <QStringList>

#include <optional>

namespace nqi::report {

enum class Format { Pdf, Odt, Html };
/// From the file name: .pdf, .odt, .html / .htm.
std::optional<Format> formatOf(const QString &path);

/// The report's sections in report order: cover, summary, map, sites, then the chapters the
/// planners declare (demands, links, failures, capacity, ...: planners::ReportChapterDescriptor),
/// then results (every other table of every planner result printed) and methods.
QStringList sectionNames();
/**
 * The results every report needs whatever the project holds, as the planners declare them: those
 * their chapters print (in the configuration the project holds current, else the chapter's
 * first) and those drawn on the report's maps, in registry order. The report computes those the
 * project holds no current one of.
 */
QStringList requiredResults(const core::Network &network);
/// A section's title in a language ("zh...": Chinese), as the report dialog lists it.
QString sectionTitle(const QString &name, const QString &language);

struct Options
{
    QString language = u"en"_qs; ///< en or zh
    QStringList sections;        ///< empty: all
    QString author;
    QString logo;       ///< an image for the cover, optional
    QString version;    ///< of the program, for the colophon
    QStringList inputs; ///< files read (the project): the report and its tables never replace one
};

/**
 * Writes a report of the network and its planner results to output (PDF, ODT or
 * self-contained HTML, by extension). Results stored in the project are used when current;
 * otherwise the planner runs now and the report says so. Returns the notes (planners run
 * again, figures left out). Throws Failure; nothing is written then: every file (the report and
 * the full tables beside it) is made in memory and checked before the first one replaces anything.
 *
 * Runs in any thread (a QGuiApplication must exist; the maps are drawn into images, as print
 * layouts draw theirs, and work on the offscreen platform). The charts are QCustomPlot widgets:
 * from a thread other than the GUI thread they are drawn there, so its event loop must run.
 * progress, when given, moves on with each result, map and file, and cancelling it throws
 * planners::Cancelled with nothing written.
 */
QStringList write(const core::Network &network,
                  const QString &output,
                  const Options &options,
                  planners::Progress *progress = nullptr);

/**
 * Lays the report out on a paged device (a printer, a print preview) as write() does for a PDF:
 * A4, 18 mm margins, vector charts. Long tables show their first rows, as in the PDF. Returns
 * the notes. Throws Failure for an unknown section.
 */
QStringList print(const core::Network &network, const Options &options, QPagedPaintDevice *device);

} // namespace nqi::report
