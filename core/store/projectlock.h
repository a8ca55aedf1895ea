#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace nqi::core {

/// Who holds a project's write lock, as its lock file says.
struct LockHolder
{
    QString user;
    QString host;
    qint64 pid = 0;
    QString program;  ///< "nqi import", "nqi-workbench", ...
    QDateTime since;  ///< UTC
    QString lockFile; ///< where the lock file is
    /// Who owns the lock file, when that is not @c user (a file another user left, or a file
    /// server that maps users differently); empty otherwise.
    QString fileOwner;

    /// "alice on build1 (nqi import, process 4242) since 2026-12-06 04:10 UTC".
    QString toString() const;
};

/**
 * The write lock of a project, the way LibreOffice users know it: a lock file beside the project
 * (`.~lock.NAME.gpkg#`) naming user, host, program, process and time, held for as long as the
 * project may be written (the whole command; the whole time the workbench has it open).
 *
 * The lock file is also locked with flock(2), so the kernel releases it when the holder dies:
 * a lock file left by a process that no longer runs is stale, and is taken over with a note.
 * A lock file from another host whose process cannot be checked from here is respected, and
 * the message says how to remove it by hand.
 */
class ProjectLock
{
public:
    struct Options
    {
        QString program;     ///< written into the lock file
        int waitSeconds = 0; ///< wait this long for the holder to finish before refusing
    };

    /// Takes the lock of the project at path (the file a symbolic link names). Throws Failure
    /// naming the holder when another process holds it (after waiting, if asked).
    ProjectLock(const QString &projectPath, const Options &options);
    /// Releases the lock: the lock file is removed.
    ~ProjectLock();
    ProjectLock(const ProjectLock &) = delete;
    ProjectLock &operator=(const ProjectLock &) = delete;

    /// A note when a stale lock file was taken over, else empty.
    QString note() const { return m_note; }
    QString lockFile() const { return m_lockFile; }

    /// The live holder of a project's lock, if any (another process, or this one).
    static std::optional<LockHolder> holder(const QString &projectPath);
    /// The lock file's name for a project: `.~lock.NAME#` in the project's folder.
    static QString lockFileFor(const QString &projectPath);
    /// Throws Failure when this process took the lock of @p projectPath (as given) and the path
    /// no longer leads beside the lock file it holds: a folder on the way was moved or replaced
    /// (by a link to another project's folder, say) since. Saves check this before writing.
    static void checkStillHeld(const QString &projectPath);

private:
    QString m_lockFile;
    /// The lock file reached through its folder held open (/proc/self/fd/N/NAME where there is
    /// /proc): a folder on the way renamed or swapped meanwhile changes nothing about which lock
    /// file is made, read or removed.
    QString m_lockPath;
    int m_folder = -1;
    QString m_note;
    int m_fd = -1;
    int m_cleanupSlot = -1; ///< removed if a signal ends the process
};

} // namespace nqi::core
