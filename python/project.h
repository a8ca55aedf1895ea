#pragma once

#include "core/io/importer.h"
#include "core/model/network.h"
#include "core/store/projectlock.h"
#include "core/store/projectstore.h"

#include <QString>

#include <memory>
#include <mutex>

namespace nqi::python {

/**
 * A project as the Python module holds it: the network, the file it was read from and, when
 * opened for writing, the file's lock (held from reading to closing, as the command line holds
 * it from reading to saving) and the stamp that save checks, so that a file another program
 * wrote meanwhile is never overwritten.
 *
 * The file operations release the GIL; they work on a copy of the network taken while it is
 * held, so other Python threads may go on meanwhile.
 */
class Project
{
public:
    /// The program a lock file names while Python holds a project.
    static QString lockProgram();

    /// Reads a project. Writable: takes the lock first (waiting up to waitSeconds for another
    /// writer), then reads, as `nqi import --into` does. Read-only takes no lock.
    static std::unique_ptr<Project> open(const QString &path, bool readOnly, int waitSeconds);
    /// A new project in memory, with no file until saveAs.
    static std::unique_ptr<Project> create(const core::ProjectSettings &settings);

    /// A copy in memory: no file, no lock (saveAs gives it one).
    std::unique_ptr<Project> copy() const;

    core::Network &network() { return m_network; }
    const core::Network &network() const { return m_network; }
    const QString &path() const { return m_path; }
    bool isReadOnly() const { return m_readOnly; }
    bool holdsLock() const { return bool(m_lock); }
    /// A note when opening took over a stale lock file, else empty.
    QString lockNote() const { return m_lock ? m_lock->note() : QString(); }

    /// Imports files as `nqi import` does, all or nothing; never the project's own file.
    core::ImportReport importFiles(const QStringList &paths, const core::ImportOptions &options);

    /// Saves to the file it was read from, atomically, refusing when the file changed on disk
    /// since it was read or last saved, or when the project was opened read-only.
    void save();
    /// Saves to another file (taking its lock) and goes on with that file, writable. An existing
    /// file is replaced only with overwrite.
    void saveAs(const QString &path, bool overwrite);
    /// Lets go of the lock; the network stays in memory, read-only.
    void close();

private:
    Project() = default;

    core::Network m_network;
    QString m_path; ///< empty: in memory only
    bool m_readOnly = true;
    bool m_closed = false;
    std::unique_ptr<core::ProjectLock> m_lock;
    core::FileStamp m_stamp;
    std::mutex m_fileMutex; ///< one file operation at a time (they run without the GIL)
};

} // namespace nqi::python
