#include "core/store/projectlock.h"

#include "core/io/outputfile.h"
#include "core/model/diagnostic.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QThread>

#include <cerrno>
#include <chrono>
#include <mutex>
#include <vector>

#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace nqi::core {

namespace {

QByteArray encoded(const QString &path)
{
    return QFile::encodeName(path);
}

QString hostName()
{
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0)
        return u"localhost"_qs;
    return QString::fromLocal8Bit(name);
}

QString userName()
{
    // The account's name, as other users know it (the environment may lack $USER).
    if (const struct passwd *entry = ::getpwuid(::geteuid()); entry && entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
    for (const char *variable : {"USER", "LOGNAME", "USERNAME"}) {
        const QString value = qEnvironmentVariable(variable);
        if (!value.isEmpty())
            return value;
    }
    return QString::number(::geteuid());
}

// The start time of a process in clock ticks since boot (field 22 of /proc/PID/stat), which
// tells a process from a later one that was given the same id. 0 when it does not run.
qint64 processStart(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_qs.arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    // The command name (field 2) is in parentheses and may hold spaces: count after its end.
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return 0;
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    // A zombie (exited, not yet reaped by its parent) holds nothing any more.
    if (fields.isEmpty() || fields[0] == "Z" || fields[0] == "X")
        return 0;
    return fields.size() > 19 ? fields[19].toLongLong() : 0;
}

struct LockContent
{
    LockHolder holder;
    qint64 started = 0; ///< the holder's start time (processStart), to detect a reused id
};

QByteArray format(const LockContent &content)
{
    const LockHolder &h = content.holder;
    QString text =
        u"NQI Workbench project lock: the project beside this file is being written.\n"_qs;
    text += u"user: "_qs + h.user + u'\n';
    text += u"host: "_qs + h.host + u'\n';
    text += u"program: "_qs + h.program + u'\n';
    text += u"pid: "_qs + QString::number(h.pid) + u'\n';
    text += u"started: "_qs + QString::number(content.started) + u'\n';
    text += u"since: "_qs + h.since.toString(Qt::ISODate) + u'\n';
    return text.toUtf8();
}

// Reads a lock file's content; fields it cannot read stay empty (an older or foreign file).
LockContent parse(const QByteArray &data, const QString &lockFile)
{
    LockContent content;
    LockHolder &h = content.holder;
    h.lockFile = lockFile;
    for (const QByteArray &raw : data.left(4096).split('\n')) {
        const QString line = QString::fromUtf8(raw);
        const qsizetype colon = line.indexOf(u": "_qs);
        if (colon < 0)
            continue;
        const QString key = line.left(colon);
        // Keep what is shown short and on one line, whatever the file holds.
        QString value = line.mid(colon + 2).left(200).simplified();
        for (QChar &c : value) {
            if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
                c = u'?'; // terminal escapes from a file anyone may write are never printed
        }
        if (key == u"user")
            h.user = value;
        else if (key == u"host")
            h.host = value;
        else if (key == u"program")
            h.program = value;
        else if (key == u"pid")
            h.pid = value.toLongLong();
        else if (key == u"started")
            content.started = value.toLongLong();
        else if (key == u"since")
            h.since = QDateTime::fromString(value, Qt::ISODate);
    }
    return content;
}

QByteArray readAll(int fd)
{
    QByteArray data;
    char buffer[4096];
    if (::lseek(fd, 0, SEEK_SET) < 0)
        return data;
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || data.size() > 65536)
            break;
        data.append(buffer, n);
    }
    return data;
}

// Reads the lock file open as @p fd (@p text, when given, receives what it holds). The process
// it names writes it, so it belongs to the user it names; one that names another user than its
// owner (any user may leave a file in a shared folder such as /tmp, or a file server may map
// users differently) says who made it.
LockContent readLock(int fd, const QString &lockFile, QByteArray *text = nullptr)
{
    const QByteArray data = readAll(fd);
    if (text)
        *text = data;
    LockContent content = parse(data, lockFile);
    if (struct stat st = {}; ::fstat(fd, &st) == 0) {
        if (const QString owner = accountName(st.st_uid); owner != content.holder.user)
            content.holder.fileOwner = owner;
    }
    return content;
}

// Whether a lock file's text is a lock's: empty (being written, or left by a crash), or naming
// the host and process that wrote it. Anything else is someone's file under that name: it is
// never taken over, rewritten or removed.
bool isLockText(const QByteArray &text, const LockContent &content)
{
    return text.trimmed().isEmpty() ||
           (!content.holder.host.isEmpty() && content.holder.pid > 0);
}

Failure notALock(const QString &projectPath, const QString &lockFile, const QByteArray &text)
{
    QString start = QString::fromUtf8(text.left(40)).simplified();
    for (QChar &c : start)
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            c = u'?';
    return Failure(makeError(
        projectPath, 0, {},
        u"its lock file %1 is not a lock (it begins “%2”), so it is left as it is: move it away "
        "and try again"_qs.arg(lockFile, start)));
}

// Does the process the lock file names still run here? Unknown (nullopt) for another host.
std::optional<bool> holderRuns(const LockContent &content)
{
    // Not a lock file NQI wrote (no host or process): nobody it names can hold it.
    if (content.holder.host.isEmpty() || content.holder.pid <= 0)
        return false;
    if (content.holder.host != hostName())
        return std::nullopt;
    const qint64 started = processStart(content.holder.pid);
    if (started == 0)
        return false;
    return content.started == 0 || content.started == started;
}

QString projectTarget(const QString &projectPath)
{
    return resolvedOutputPath(projectPath);
}

enum class Attempt { Taken, Held, Retry };

// The locks this process holds: the project's path as given (absolute) and the locked file.
struct HeldLock
{
    QString project;
    int fd = -1;
};
std::mutex heldLocksMutex;
std::vector<HeldLock> &heldLocks()
{
    static std::vector<HeldLock> locks;
    return locks;
}

} // namespace

QString LockHolder::toString() const
{
    QString text = user.isEmpty() ? u"someone"_qs : user;
    if (!host.isEmpty())
        text += u" on "_qs + host;
    QStringList what;
    if (!program.isEmpty())
        what << program;
    if (pid > 0)
        what << u"process %1"_qs.arg(pid);
    if (!what.isEmpty())
        text += u" ("_qs + what.join(u", "_qs) + u')';
    if (since.isValid())
        text += u" since "_qs + since.toUTC().toString(u"yyyy-MM-dd HH:mm"_qs) + u" UTC"_qs;
    if (!fileOwner.isEmpty()) {
        text += user.isEmpty() ? u" (its lock file was made by %1)"_qs.arg(fileOwner)
                               : u" (its lock file was made by %1, not %2)"_qs.arg(fileOwner, user);
    }
    return text;
}

QString ProjectLock::lockFileFor(const QString &projectPath)
{
    const QFileInfo project(projectTarget(projectPath));
    return project.absoluteDir().filePath(u".~lock."_qs + project.fileName() + u'#');
}

ProjectLock::ProjectLock(const QString &projectPath, const Options &options)
    : m_lockFile(lockFileFor(projectPath))
{
    const QString folder = QFileInfo(m_lockFile).absolutePath();
    if (!QFileInfo(folder).isDir())
        throw Failure(makeError(projectPath, 0, {}, u"folder %1 does not exist"_qs.arg(folder)));
    m_folder = ::open(encoded(folder).constData(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (m_folder < 0) {
        throw Failure(makeError(
            projectPath, 0, {},
            u"cannot make the lock file %1: %2"_qs.arg(m_lockFile, fileErrorText(errno))));
    }
    const QString heldFolder = descriptorPath(m_folder, folder);
    m_lockPath = heldFolder + u'/' + QFileInfo(m_lockFile).fileName();
    // Thrown out of the constructor, the folder is let go here (the destructor does not run).
    auto releaseFolder = qScopeGuard([this] {
        ::close(m_folder);
        m_folder = -1;
    });

    LockContent mine;
    mine.holder.user = userName();
    mine.holder.host = hostName();
    mine.holder.pid = QCoreApplication::applicationPid();
    mine.holder.program =
        options.program.isEmpty() ? QCoreApplication::applicationName() : options.program;
    mine.started = processStart(mine.holder.pid);

    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(std::max(0, options.waitSeconds));
    std::optional<LockHolder> lastHolder;
    for (;;) {
        Attempt attempt = Attempt::Retry;
        // Only a plain file is a lock file: a link, folder or pipe of that name is refused, never
        // written to or removed (O_NONBLOCK: a pipe must not block the open).
        // One with another name too (a hard link) could be any file: it is not rewritten.
        struct stat existing = {};
        if (::lstat(encoded(m_lockPath).constData(), &existing) == 0 &&
            (!S_ISREG(existing.st_mode) || existing.st_nlink != 1)) {
            throw Failure(makeError(projectPath, 0, {},
                                    u"its lock file %1 is not a plain file (a link, folder or "
                                    "pipe, or a file with other names too); move it away and try "
                                    "again"_qs.arg(m_lockFile)));
        }
        int fd = ::open(encoded(m_lockPath).constData(),
                        O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
        int openError = fd < 0 ? errno : 0;
        bool othersFile = fd < 0 && (openError == EACCES || openError == EPERM);
        struct stat st = {};
        if (fd >= 0 && ::fstat(fd, &st) == 0 && othersFileInSharedFolder(heldFolder, st)) {
            // Another user's lock file in a folder others may write in (/tmp) is read, never
            // written to, by root neither (the kernel's protected_regular rule, whatever the
            // system's setting): its owner could change what it says while it is held.
            ::close(fd);
            fd = -1;
            othersFile = true;
            openError = EACCES;
        }
        if (othersFile) {
            // Another user's lock file: read who holds it; a stale one is removed if the folder
            // lets us, which it must for us to save there at all.
            fd = ::open(encoded(m_lockPath).constData(),
                        O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
            struct stat opened = {};
            if (fd >= 0 && (::fstat(fd, &opened) != 0 || !S_ISREG(opened.st_mode))) {
                ::close(fd); // swapped for a pipe or the like since it was looked at: again
                continue;
            }
            if (fd >= 0) {
                QByteArray text;
                const LockContent other = readLock(fd, m_lockFile, &text);
                const bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0;
                ::close(fd);
                fd = -1;
                if (!held && !isLockText(text, other))
                    throw notALock(projectPath, m_lockFile, text);
                // A holder on another host cannot be checked from here: respected.
                if (held || holderRuns(other) != false) {
                    attempt = Attempt::Held;
                    lastHolder = other.holder;
                } else if (::unlink(encoded(m_lockPath).constData()) == 0) {
                    m_note = u"a stale lock of %1 was removed (that process no longer runs)"_qs.arg(
                        other.holder.toString());
                    continue;
                } else {
                    throw Failure(makeError(
                        projectPath, 0, {},
                        u"its lock file %1 is stale (%2 no longer runs) but is not ours to "
                        "remove: ask its owner or an administrator to remove it"_qs.arg(
                            m_lockFile, other.holder.toString())));
                }
            }
        }
        if (fd < 0 && attempt != Attempt::Held) {
            throw Failure(makeError(projectPath, 0, {},
                                    u"cannot make the lock file %1: %2; a project is written only "
                                    "while it is locked, so its folder must be writable"_qs.arg(
                                        m_lockFile, fileErrorText(openError))));
        }
        if (fd < 0) {
            // Held by another user's process: wait or refuse below.
        } else if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            attempt = Attempt::Held;
            lastHolder = readLock(fd, m_lockFile).holder;
        } else {
            // The holder removes the file before it lets go: make sure this is still the file
            // that the name refers to.
            struct stat opened = {};
            if (namesFile(m_lockPath, fd, true) && ::fstat(fd, &opened) == 0 &&
                opened.st_nlink == 1) {
                QByteArray old;
                const LockContent previous = readLock(fd, m_lockFile, &old);
                if (!isLockText(old, previous)) {
                    ::close(fd);
                    throw notALock(projectPath, m_lockFile, old);
                }
                if (!old.trimmed().isEmpty() && holderRuns(previous) != false) {
                    // Not locked, but written by a process that runs (an older program that did
                    // not lock the file) or that cannot be checked from here: respect it.
                    attempt = Attempt::Held;
                    lastHolder = previous.holder;
                    if (!holderRuns(previous).has_value() && options.waitSeconds <= 0) {
                        ::close(fd);
                        throw Failure(makeError(
                            projectPath, 0, {},
                            u"is locked for writing by %1 (lock file %2). If that program no "
                            "longer runs on %3, remove the lock file and try again"_qs.arg(
                                previous.holder.toString(), m_lockFile, previous.holder.host)));
                    }
                } else {
                    if (!old.trimmed().isEmpty()) {
                        m_note = u"a stale lock of %1 was taken over (that process no longer "
                                 "runs)"_qs.arg(previous.holder.toString());
                    }
                    // Ours from here (this process holds its flock): killed with SIGTERM or
                    // Ctrl+C while writing or syncing it, the lock file goes with the process.
                    m_cleanupSlot = registerRemoveOnSignal(m_lockPath);
                    mine.holder.since = QDateTime::currentDateTimeUtc();
                    const QByteArray text = format(mine);
                    if (::ftruncate(fd, 0) != 0 ||
                        ::pwrite(fd, text.constData(), size_t(text.size()), 0) != text.size()) {
                        const int error = errno;
                        unregisterRemoveOnSignal(m_cleanupSlot);
                        m_cleanupSlot = -1;
                        ::unlink(encoded(m_lockPath).constData());
                        ::close(fd);
                        throw Failure(makeError(projectPath, 0, {},
                                                u"cannot write the lock file %1: %2"_qs.arg(
                                                    m_lockFile, fileErrorText(error))));
                    }
                    (void)::fsync(fd);
                    attempt = Attempt::Taken;
                }
            }
        }
        if (attempt == Attempt::Taken) {
            m_fd = fd;
            releaseFolder.dismiss();
            const std::lock_guard guard(heldLocksMutex);
            heldLocks().push_back({QFileInfo(projectPath).absoluteFilePath(), m_fd});
            return;
        }
        if (fd >= 0)
            ::close(fd);
        if (attempt == Attempt::Held && std::chrono::steady_clock::now() >= deadline) {
            const QString who = lastHolder ? lastHolder->toString() : u"another program"_qs;
            throw Failure(makeError(
                projectPath, 0, {},
                options.waitSeconds > 0
                    ? u"is still locked for writing by %1 after waiting %2 s (lock file %3)"_qs
                          .arg(who)
                          .arg(options.waitSeconds)
                          .arg(m_lockFile)
                    : u"is locked for writing by %1 (lock file %2); try again when %3"_qs.arg(
                          who, m_lockFile,
                          lastHolder && lastHolder->program.contains(u"workbench"_qs)
                              ? u"that workbench has closed the project"_qs
                              : u"it is done"_qs)));
        }
        QThread::msleep(attempt == Attempt::Held ? 100 : 1);
    }
}

ProjectLock::~ProjectLock()
{
    if (m_fd < 0)
        return;
    // Remove the name first, then let go: a waiting process that opened the old file sees that
    // it no longer has this name and opens the new one. Only our own lock file is removed: the
    // name in the folder held, still naming the file this process locked.
    unregisterRemoveOnSignal(m_cleanupSlot);
    {
        const std::lock_guard guard(heldLocksMutex);
        std::erase_if(heldLocks(), [this](const HeldLock &held) { return held.fd == m_fd; });
    }
    if (namesFile(m_lockPath, m_fd, false))
        ::unlink(encoded(m_lockPath).constData());
    ::close(m_fd);
    ::close(m_folder);
}

void ProjectLock::checkStillHeld(const QString &projectPath)
{
    const QString project = QFileInfo(projectPath).absoluteFilePath();
    std::vector<int> held;
    {
        const std::lock_guard guard(heldLocksMutex);
        for (const HeldLock &lock : heldLocks())
            if (lock.project == project)
                held.push_back(lock.fd);
    }
    if (held.empty())
        return; // not locked by this process: nothing to compare with
    const QString lockFile = lockFileFor(projectPath);
    for (int fd : held) {
        if (namesFile(lockFile, fd, true))
            return;
    }
    throw Failure(makeError(
        projectPath, 0, {},
        u"its folder was moved or replaced while NQI worked on it (the lock NQI holds is no "
        "longer beside it), so nothing was saved there; find where the project went and save "
        "it again"_qs));
}

std::optional<LockHolder> ProjectLock::holder(const QString &projectPath)
{
    const QString lockFile = lockFileFor(projectPath);
    // Only a plain file is a lock file; a pipe of that name must not keep this waiting.
    const int fd =
        ::open(encoded(lockFile).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return std::nullopt;
    struct stat st = {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return std::nullopt;
    }
    const LockContent content = readLock(fd, lockFile);
    // flock with a shared lock fails only while someone holds it exclusively.
    const bool locked = ::flock(fd, LOCK_SH | LOCK_NB) != 0;
    ::close(fd);
    if (locked || holderRuns(content) != false) {
        if (content.holder.pid == 0 && !locked)
            return std::nullopt; // an empty file nobody holds
        return content.holder;
    }
    return std::nullopt;
}

} // namespace nqi::core
