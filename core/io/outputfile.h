#pragma once

#include <QIODevice>

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

#include <sys/types.h>

struct stat;

namespace nqi::core {

/**
 * The checks and the last step of replacing a file atomically, for writers that make their
 * temporary file themselves (SQLite for projects, GDAL for exports) and for OutputFile.
 *
 * The constructor follows symbolic links to the file they name, refuses a folder, a read-only
 * file, a missing folder, a project another program holds, a project's lock file (any file named
 * like one, `.~lock.NAME#`) and an SQLite database's -wal, -shm and -journal files, and remembers
 * the mode and owner of the file to be replaced.
 * replaceWith() flushes the new file to disk, gives it that mode and owner (a new file keeps
 * 0666 less the umask), renames it over the target and makes the rename durable.
 *
 * The target's folder is held open from the constructor on, and every later step (temporary
 * files, the rename, the flush) reaches it through that descriptor where there is /proc: a
 * folder on the way renamed meanwhile, or swapped for a link by anyone who may write beside it,
 * changes nothing about where the file goes.
 */
class ReplacementTarget
{
public:
    explicit ReplacementTarget(const QString &path);
    /// The file named by @p path's last name in the folder @p beside holds (the files that go
    /// with an export's file, such as a Shapefile's .dbf beside its .shp): checked as the
    /// constructor above checks a file, in that folder as held, not looked up by its path again.
    /// A symbolic link there is refused, not followed.
    ReplacementTarget(const QString &path, const ReplacementTarget &beside);

    /// The path as given (for messages) and the file replaced (a link's target).
    QString path() const { return m_path; }
    QString target() const { return m_target; }
    /// False when the target exists and is not a regular file (a terminal, a pipe, /dev/full).
    bool isRegular() const { return m_regular; }
    bool exists() const { return m_exists; }
    /// A new name in the target's folder for a temporary file (not created), through the folder
    /// held open (a /proc/self/fd path: for this process's own use, never shown).
    QString temporaryPath() const;
    /// The target's folder, as held open: a /proc/self/fd path where there is /proc.
    QString heldFolder() const { return m_heldFolder; }
    /// @p name in the target's folder, as held open.
    QString inHeldFolder(const QString &name) const { return m_heldFolder + u'/' + name; }
    /// Throws Failure when the target became a folder or read-only since the constructor ran.
    void recheck() const;
    /// Moves a completely written temporary file into place. Throws Failure (and leaves the
    /// target as it was) when any step fails; the temporary file is then removed. lastCheck
    /// runs after the file is on disk, right before the rename (a save's "changed since?").
    /// @p prepared: the file was flushed and given the mode and owner through prepare().
    void replaceWith(const QString &temporary,
                     const std::function<void()> &lastCheck = {},
                     bool prepared = false) const;
    /// Gives an open new file the mode, owner and group of the file it will replace (nothing
    /// when there is none). Throws Failure.
    void prepare(int fd) const;
    /// Makes a new name in the target's folder durable (fsync of the folder). Throws Failure.
    void flushFolder() const;

    /// The target in its folder as held open.
    QString placed() const;

private:
    QString m_path;
    QString m_target;
    std::shared_ptr<const int> m_folder; ///< the target's folder, open (O_PATH)
    QString m_heldFolder;
    bool m_exists = false;
    bool m_regular = true;
    mode_t m_mode = 0;
    uid_t m_owner = 0;
    gid_t m_group = 0;
};

/**
 * A file written so that it replaces nothing until it is completely written and checked.
 *
 * The data goes to a new file beside the target, with no name until commit() (O_TMPFILE, so that
 * a writer killed on the way leaves nothing; a named one where the file system cannot). commit()
 * checks that every write succeeded, flushes the file to disk (fsync), names it, gives it the
 * mode and owner of the file it replaces (a new file gets 0666 less the process's umask), renames
 * it over the target and makes the rename durable.
 * Any failure leaves the target as it was and throws Failure in words ("disk full", "read-only
 * file system", ...). A target reached through a symbolic link is written where the link points,
 * so the link stays. A target that exists and is not a regular file (a terminal, a pipe,
 * /dev/full) is written directly, every write checked. A read-only target or a folder is refused.
 *
 * As a QIODevice it can be handed to QPdfWriter or QTextStream: a failed write is remembered and
 * reported by commit(). Destroying an uncommitted OutputFile removes its temporary file.
 */
class OutputFile : public QIODevice
{
public:
    /// Checks the target and opens the temporary file. Throws Failure when it cannot.
    explicit OutputFile(const QString &path);
    ~OutputFile() override;

    /// Writes all of data or throws Failure (a write error is not deferred to commit()).
    void writeAll(const QByteArray &data);
    /// Flushes, checks and moves the file into place. Throws Failure; the target is unchanged then.
    void commit();
    /// What commit() does before it moves the file into place: checks every write and flushes
    /// the data to disk, so that commit() has only the rename left. For an output that must go
    /// in place together with another change (a project saved): sync, change, then commit.
    /// Throws Failure; the target is unchanged.
    void sync();

    /// The file that will be replaced (the symbolic link's target when the path is a link).
    QString target() const { return m_target.target(); }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    [[noreturn]] void fail(int error) const;
    /// Gives the unnamed temporary file a name beside the target (the step before the rename).
    void name();
    /// Links the unnamed file to @p name: 0 or errno.
    int link(const QByteArray &name) const;
    /// Closes the file. Throws Failure.
    void closeFile();

    ReplacementTarget m_target;
    /// The temporary file's name; empty while it has none (O_TMPFILE) and when writing directly.
    QString m_temporary;
    bool m_direct = true; ///< writing directly to a device or pipe, nothing to replace
    int m_fd = -1;
    int m_cleanupSlot = -1;
    int m_error = 0; ///< errno of the first failed write, reported by commit()
    qint64 m_written = 0;
    bool m_committed = false;
};

/// Writes data to path through OutputFile. Throws Failure.
void writeFileAtomically(const QString &path, const QByteArray &data);

/// What an errno means to a user: "disk full (no space left on device)", "read-only file
/// system", "input/output error (the disk reported a failure)", ...
QString fileErrorText(int error);

/// The file a path names once symbolic links are followed; the path itself when it names nothing.
QString resolvedOutputPath(const QString &path);

/// Throws Failure when output names the same file (or folder) as one of inputs, or a folder that
/// holds one of them when asFolder is set: an input is never an output. An input Shapefile
/// counts with its companion files (.dbf, .shx, .prj, ...). Nor is any output a project's lock
/// file, a file named like one (`.~lock.NAME#`: NQI never replaces a lock it did not take) or
/// the -wal, -shm or -journal file of an SQLite database (a project), input or not, under any
/// spelling of its path or through links; the message names the file, what it is and who holds
/// the project, as the user named them (an input as given, a link with where it leads).
void refuseOutputThatIsInput(const QString &output,
                             const QStringList &inputs,
                             const QString &outputRole = {},
                             bool asFolder = false);

/// The process's file-creation mask (read without changing it).
mode_t processUmask();

/**
 * Files to remove when the process is ended by SIGTERM, SIGINT, SIGHUP or SIGPIPE: temporary
 * files and held lock files, which would otherwise stay behind (the signal then takes its
 * default course). Registering returns a slot for unregisterRemoveOnSignal, or -1 when full.
 * The handlers are installed only where a signal still has its default action.
 */
int registerRemoveOnSignal(const QString &path);
/// The same for a scratch folder NQI made, given as the open folder, the open folder that holds
/// it and its name there: the files in it, then the folder. Through the descriptors, so that a
/// link or another folder put in its place is neither followed nor emptied.
int registerRemoveFolderOnSignal(int folder, int parent, const QString &name);
void unregisterRemoveOnSignal(int slot);

/// Removes every file in an open folder, then the folder, named @p name in the open folder
/// @p parent, if that name still leads to it (a folder renamed away and another put in its
/// place: neither is removed). Async-signal-safe.
void removeFolderAt(int folder, int parent, const char *name);

/**
 * While one lives, SIGTERM, SIGINT, SIGHUP and SIGPIPE (where NQI handles them) wait until it
 * is gone: for moves that belong together (a Shapefile's files into place), so that a signal
 * ends the process after all of them or before the first, never between two.
 */
class SignalsDeferred
{
public:
    SignalsDeferred();
    ~SignalsDeferred();
    /// Whether a signal is waiting: the moves should not begin.
    static bool pending();
    SignalsDeferred(const SignalsDeferred &) = delete;
    SignalsDeferred &operator=(const SignalsDeferred &) = delete;
};

/// @p name cut to at most @p bytes of UTF-8 (whole characters): a name built on a file's name
/// (".NAME.nqi-...") then fits in a file name.
QString shortenedName(const QString &name, qsizetype bytes);

/// What a failed output left: "the file on disk was not changed" when it would have replaced
/// one, "nothing was written" otherwise.
QString nothingChangedText(bool replacing);

/// Makes a file's contents durable (fsync). Returns errno, 0 on success.
int syncPath(const QString &path);

/// The name of the account @p uid, as other users know it ("user 1234" when it has none).
QString accountName(uid_t uid);

/// Whether @p path names the file open as @p fd (same device and inode); with @p followLink
/// false, a link at that name does not count, even to that file.
bool namesFile(const QString &path, int fd, bool followLink);

/// The path that reaches what @p fd holds open whatever happens to its names meanwhile
/// (/proc/self/fd/N, for this process alone), or @p otherwise where there is no /proc.
QString descriptorPath(int fd, const QString &otherwise);

/**
 * The kernel's protected_regular and protected_fifos rule, kept whatever the system's setting
 * and for root too: whether @p st describes a file that belongs neither to this process's user
 * nor to the owner of @p folder, a sticky folder others may write in (/tmp). Such a file is
 * neither replaced nor written to: its owner made it there first.
 */
bool othersFileInSharedFolder(const QString &folder, const struct stat &st);

/// Why @p path may not be followed: it leads through a symbolic link another user made in a
/// sticky folder anyone may write in (the kernel's protected_symlinks rule, kept whatever the
/// system's setting). Empty when every link on the way may be followed.
QString foreignLinkReason(const QString &path);

} // namespace nqi::core
