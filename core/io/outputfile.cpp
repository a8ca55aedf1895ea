#include "core/io/outputfile.h"

#include "core/model/diagnostic.h"
#include "core/store/projectlock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSysInfo>

#include <atomic>
#include <bitset>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <mutex>

#include <dirent.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <pwd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace nqi::core {

namespace {

QByteArray encoded(const QString &path)
{
    return QFile::encodeName(path);
}

QString sizeText(qint64 bytes)
{
    return QLocale::c().toString(bytes) + u" bytes"_qs;
}

// Follows a chain of symbolic links, also one that ends at a name that does not exist yet.
QString followLinks(const QString &path)
{
    QString current = QFileInfo(path).absoluteFilePath();
    for (int depth = 0; depth < 40; ++depth) {
        const QFileInfo info(current);
        if (!info.isSymLink())
            return QDir::cleanPath(current);
        if (info.exists())
            return info.canonicalFilePath();
        const QString next = info.symLinkTarget(); // absolute, resolved against the link's folder
        if (next.isEmpty())
            return QDir::cleanPath(current);
        current = next;
    }
    return QDir::cleanPath(current);
}


} // namespace

// The kernel's protected_symlinks rule, kept whatever the system's setting: in a sticky folder
// anyone may write (/tmp), a link is followed only when it belongs to the writer or to the
// folder's owner; another user's link there could lead the writer to replace any file it may
// write. Empty when every link on the way may be followed.
QString foreignLinkReason(const QString &path)
{
    // Every component of the path, and every link a link leads to, in turn.
    QStringList pending = QDir::cleanPath(QFileInfo(path).absoluteFilePath())
                              .split(u'/', Qt::SkipEmptyParts);
    QString current;
    for (int steps = 0; !pending.isEmpty() && steps < 400; ++steps) {
        const QString folder = current.isEmpty() ? u"/"_qs : current;
        const QString name = pending.takeFirst();
        current = folder == u"/" ? QString(u'/' + name) : QString(folder + u'/' + name);
        struct stat link = {};
        if (::lstat(encoded(current).constData(), &link) != 0 || !S_ISLNK(link.st_mode))
            continue;
        struct stat dir = {};
        if (::stat(encoded(folder).constData(), &dir) == 0 && (dir.st_mode & S_ISVTX) &&
            (dir.st_mode & S_IWOTH) && link.st_uid != ::geteuid() && link.st_uid != dir.st_uid) {
            return u"leads through %1, a symbolic link another user (%2) made in %3, a folder "
                   "anyone may write in: NQI does not follow it, since it could lead anywhere "
                   "you may write; choose another name"_qs.arg(current, accountName(link.st_uid),
                                                               folder);
        }
        // Followed: what it leads to, then the rest of the path.
        const QString next = QDir::cleanPath(QFileInfo(current).symLinkTarget());
        if (next.isEmpty())
            return {};
        pending = next.split(u'/', Qt::SkipEmptyParts) + pending;
        current.clear();
    }
    return {};
}

namespace {

// The descriptors open when the process started (0, 1, 2 and any the shell opened: 3> FILE),
// recorded before main() runs: only these may be named as outputs (/dev/fd/N, /dev/stdout).
// A descriptor opened later is NQI's own (a project, a scratch file, PROJ's database).
constexpr int kRecordedDescriptors = 1024;
std::bitset<kRecordedDescriptors> &inheritedDescriptors()
{
    static std::bitset<kRecordedDescriptors> descriptors;
    return descriptors;
}
const bool descriptorsRecorded = [] {
    for (int fd = 0; fd < kRecordedDescriptors; ++fd)
        inheritedDescriptors()[size_t(fd)] = ::fcntl(fd, F_GETFD) != -1;
    return true;
}();

/// What a path names when it (or a link on the way) names an open file rather than a file in a
/// folder: /dev/stdout, /dev/fd/N, /proc/self/fd/N (another process's /proc/PID/fd/N too).
struct Descriptor
{
    bool named = false; ///< the path names an open file: written where it is, never replaced
    int own = -1;       ///< this process's descriptor it names, when it is one
};

Descriptor descriptorOf(const QString &path)
{
    static const QRegularExpression descriptorPath(
        u"^/(?:dev/fd|proc/(self|thread-self|[0-9]+)(?:/task/[0-9]+)?/fd)/([0-9]+)$"_qs);
    QString current = QFileInfo(path).absoluteFilePath();
    for (int depth = 0; depth < 40; ++depth) {
        // /dev/shm is a plain file system (a device itself is told by its type, not its name).
        if (current == u"/dev/stdin")
            return {true, 0};
        if (current == u"/dev/stdout")
            return {true, 1};
        if (current == u"/dev/stderr")
            return {true, 2};
        if (const QRegularExpressionMatch match = descriptorPath.match(current); match.hasMatch()) {
            const QString process = match.captured(1);
            const bool ours = process.isEmpty() || !process.front().isDigit() ||
                              process.toLongLong() == QCoreApplication::applicationPid();
            return {true, ours ? match.captured(2).toInt() : -1};
        }
        const QFileInfo info(current);
        if (!info.isSymLink())
            return {};
        current = info.symLinkTarget();
        if (current.isEmpty())
            return {};
    }
    return {};
}

bool throughDevices(const QString &path)
{
    return descriptorOf(path).named;
}

// The companion files of a Shapefile (or of a MapInfo table): an input is all of them.
QStringList withCompanions(const QStringList &inputs)
{
    static const QStringList kShapefile{u"shp"_qs, u"shx"_qs, u"dbf"_qs, u"prj"_qs, u"cpg"_qs,
                                        u"qix"_qs, u"sbn"_qs, u"sbx"_qs, u"qpj"_qs};
    static const QStringList kMapInfo{u"tab"_qs, u"dat"_qs, u"map"_qs, u"id"_qs, u"ind"_qs};
    QStringList all = inputs;
    for (const QString &input : inputs) {
        const QFileInfo info(input);
        const QString suffix = info.suffix().toLower();
        const QStringList *family = kShapefile.contains(suffix) ? &kShapefile
                                    : kMapInfo.contains(suffix) ? &kMapInfo
                                                                : nullptr;
        if (!family)
            continue;
        const QDir dir = info.absoluteDir();
        for (const QString &name : dir.entryList(QDir::Files | QDir::System | QDir::Hidden)) {
            const QFileInfo other(dir.filePath(name));
            if (other.completeBaseName() == info.completeBaseName() &&
                family->contains(other.suffix().toLower()))
                all << other.filePath();
        }
    }
    return all;
}

// The file an output named path would write, as the file system names it: links followed (also
// /proc/self/cwd and /proc/self/fd/N), "." and ".." gone, its folder reached through no link.
QString fileOnDisk(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists()) {
        if (const QString canonical = info.canonicalFilePath(); !canonical.isEmpty())
            return canonical;
    }
    const QFileInfo followed(followLinks(path));
    const QString folder = QFileInfo(followed.absolutePath()).canonicalFilePath();
    return folder.isEmpty() ? followed.absoluteFilePath()
                            : QDir(folder).filePath(followed.fileName());
}

// `.~lock.NAME#`, in any case: a file system that ignores case takes any spelling for the lock.
bool namedLikeALock(const QString &fileName)
{
    return fileName.size() > 8 && fileName.startsWith(u".~lock."_qs, Qt::CaseInsensitive) &&
           fileName.endsWith(u'#');
}

bool isSqliteDatabase(const QString &path)
{
    QFile file(path);
    return QFileInfo(path).isFile() && file.open(QIODevice::ReadOnly) &&
           file.read(16) == QByteArrayView("SQLite format 3\0", 16);
}

// "nqi-workbench holds open (alice on build1, process 4242, since 2026-12-06 04:10 UTC)".
QString holdsOpen(const LockHolder &holder)
{
    QStringList who;
    if (!holder.user.isEmpty() || !holder.host.isEmpty()) {
        who << (holder.user.isEmpty() ? u"someone"_qs : holder.user) +
                   (holder.host.isEmpty() ? QString() : u" on "_qs + holder.host);
    }
    if (holder.pid > 0)
        who << u"process "_qs + QString::number(holder.pid);
    if (holder.since.isValid())
        who << u"since "_qs + holder.since.toUTC().toString(u"yyyy-MM-dd HH:mm"_qs) + u" UTC"_qs;
    const QString program = holder.program.isEmpty() ? u"another program"_qs : holder.program;
    return who.isEmpty() ? program + u" holds open"_qs
                         : u"%1 holds open (%2)"_qs.arg(program, who.join(u", "_qs));
}

// Why an output named path must not be written, or empty: it is a project's lock file, or any
// file named like one (NQI never replaces nor makes a lock it did not take), or the write-ahead
// log, shared-memory index or rollback journal of an SQLite database (a project) beside it,
// whose replacement loses or damages the database's latest changes. Each is told from the file
// the path leads to, so links and other spellings of the same name change nothing. The message
// names the path as given and the project as the user would (an input as given).
QString protectedFileReason(const QString &path, const QStringList &inputs)
{
    const QString onDisk = fileOnDisk(path);
    const QString givenName = QFileInfo(path).fileName();
    const QString diskName = QFileInfo(onDisk).fileName();
    const QString subject =
        givenName == diskName ? path : u"%1 (a link to %2)"_qs.arg(path, onDisk);
    // The project beside it, named as the user knows it: an input as given, else beside the
    // path as given (or, through a link, where the link leads).
    auto projectName = [&](const QString &project) {
        struct stat projectStat = {};
        const bool exists = ::stat(encoded(project).constData(), &projectStat) == 0;
        for (const QString &input : inputs) {
            struct stat inputStat = {};
            if (exists && !input.isEmpty() && ::stat(encoded(input).constData(), &inputStat) == 0 &&
                inputStat.st_dev == projectStat.st_dev && inputStat.st_ino == projectStat.st_ino)
                return input;
        }
        const QString name = QFileInfo(project).fileName();
        if (givenName != diskName)
            return project;
        const QString folder = QFileInfo(path).path();
        return folder == u"." && !path.startsWith(u"./"_qs) ? name : folder + u'/' + name;
    };

    const bool lockName = namedLikeALock(diskName) || namedLikeALock(givenName);
    if (lockName) {
        const QString name = namedLikeALock(diskName) ? diskName : givenName;
        const QString project = QFileInfo(onDisk).dir().filePath(name.mid(7, name.size() - 8));
        const bool isItsLock =
            QFileInfo::exists(project) && fileOnDisk(ProjectLock::lockFileFor(project)) == onDisk;
        if (!isItsLock) {
            return u"%1 is named like the lock file of a project %2; NQI never replaces nor "
                   "makes a lock file it did not take"_qs.arg(subject, projectName(project));
        }
        if (const std::optional<LockHolder> holder = ProjectLock::holder(project)) {
            return u"%1 is the lock file of %2, which %3"_qs.arg(subject, projectName(project),
                                                                 holdsOpen(*holder));
        }
        return u"%1 is the lock file of %2 (nobody holds it now); NQI never replaces nor makes "
               "a lock file it did not take"_qs.arg(subject, projectName(project));
    }

    static const std::pair<QStringView, QStringView> kCompanions[] = {
        {u"-wal", u"the write-ahead log"},
        {u"-shm", u"the shared-memory index"},
        {u"-journal", u"the rollback journal"}};
    for (const QString &name : {diskName, givenName}) {
        for (const auto &[suffix, what] : kCompanions) {
            if (name.size() <= suffix.size() || !name.endsWith(suffix, Qt::CaseInsensitive))
                continue;
            const QString base = name.left(name.size() - suffix.size());
            const QString database = name == diskName
                                         ? QFileInfo(onDisk).dir().filePath(base)
                                         : QFileInfo(path).absoluteDir().filePath(base);
            const std::optional<LockHolder> holder = ProjectLock::holder(database);
            if (!holder && !isSqliteDatabase(database))
                continue;
            const QString of = u"%1 is %2 of %3"_qs.arg(subject, what, projectName(database));
            if (holder)
                return of + u", which "_qs + holdsOpen(*holder);
            return of + u" (an SQLite database, which needs it as it is)"_qs;
        }
    }
    return {};
}

} // namespace

QString shortenedName(const QString &name, qsizetype bytes)
{
    QString cut = name;
    while (!cut.isEmpty() && cut.toUtf8().size() > bytes)
        cut.chop(1);
    return cut;
}

QString nothingChangedText(bool replacing)
{
    return replacing ? u"the file on disk was not changed"_qs : u"nothing was written"_qs;
}

namespace {

/// A file's or folder's attribute flags (chattr: FS_IMMUTABLE_FL, FS_APPEND_FL, ...); 0 when
/// they cannot be read.
int attributeFlags(const QString &path, bool folder)
{
    const int fd = ::open(encoded(path).constData(),
                          O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (folder ? O_DIRECTORY : 0));
    if (fd < 0)
        return 0;
    int flags = 0;
    if (::ioctl(fd, FS_IOC_GETFLAGS, &flags) != 0)
        flags = 0;
    ::close(fd);
    return flags;
}

/// Why a file cannot be replaced, with what to do about it; empty when it can be.
QString readOnlyReason(const struct stat &st, const QString &target)
{
    const int flags = attributeFlags(target, false);
    if (flags & FS_IMMUTABLE_FL) {
        return u"read-only: it is flagged immutable (chattr +i), so nobody may change it; save as "
               "another file, or have root lift the flag first (chattr -i)"_qs;
    }
    if (flags & FS_APPEND_FL) {
        return u"read-only: it is flagged append-only (chattr +a), so it may grow but not be "
               "replaced; save as another file, or have root lift the flag first (chattr -a)"_qs;
    }
    // Root may write anything, so the mode is asked too: a file nobody may write is read-only.
    if (::access(encoded(target).constData(), W_OK) == 0 && (st.st_mode & 0222) != 0)
        return {};
    const int error = (st.st_mode & 0222) == 0 ? EACCES : errno;
    if (error == EROFS)
        return u"on a read-only file system: save as a file on another one"_qs;
    if (error == EPERM) {
        return u"read-only: it is flagged so that nobody may change it (lsattr shows how); save "
               "as another file, or have root lift the flag first"_qs;
    }
    if (st.st_uid != ::geteuid() && ::geteuid() != 0) {
        return u"read-only for you: it belongs to %1; save as another file, or ask them to "
               "make it writable for you"_qs.arg(accountName(st.st_uid));
    }
    return u"read-only: save as another file, or make it writable first (chmod u+w)"_qs;
}

} // namespace

bool othersFileInSharedFolder(const QString &folder, const struct stat &st)
{
    if (st.st_uid == ::geteuid())
        return false;
    struct stat dir = {};
    return ::stat(encoded(folder).constData(), &dir) == 0 && (dir.st_mode & S_ISVTX) &&
           (dir.st_mode & (S_IWOTH | S_IWGRP)) && st.st_uid != dir.st_uid;
}

namespace {

/// The kernel's protected_regular and protected_fifos rules, kept whatever the system's setting
/// and for root too: in a sticky folder others may write in (/tmp), a file or pipe that belongs
/// neither to the writer nor to the folder's owner is neither replaced nor written to. Its owner
/// made it there first: they could read or change what is written into it (a replaced file
/// keeps its owner), or keep the writer waiting on a pipe. Empty when it may be written.
QString sharedFolderReason(const QString &folder, const struct stat &st, const QString &shown = {})
{
    if (!othersFileInSharedFolder(folder, st))
        return {};
    return u"belongs to %1 and is in %2, a folder others may write in (sticky, such as /tmp): NQI "
           "neither replaces nor writes to another user's %3 there, since its owner could read "
           "or change what is written into it; choose another name"_qs.arg(
               accountName(st.st_uid), shown.isEmpty() ? folder : shown,
               S_ISFIFO(st.st_mode) ? u"pipe"_qs : u"file"_qs);
}

/// Why nothing can be replaced in a folder, with what to do about it; empty when it can be.
/// @p st describes the file to replace, when there is one.
QString folderReason(const QString &folder, const struct stat *st, const QString &shown = {})
{
    const int flags = attributeFlags(folder, true);
    if (flags & FS_IMMUTABLE_FL) {
        return u"folder %1 is flagged immutable (chattr +i): nothing in it may be made or "
               "replaced; write to another folder, or have root lift the flag (chattr -i)"_qs.arg(
                   folder);
    }
    if (flags & FS_APPEND_FL) {
        return u"folder %1 is flagged append-only (chattr +a): files may be made there but not "
               "moved into place; write to another folder, or have root lift the flag "
               "(chattr -a)"_qs.arg(folder);
    }
    struct stat dir = {};
    if (st && ::geteuid() != 0 && st->st_uid != ::geteuid() &&
        ::stat(encoded(folder).constData(), &dir) == 0 && (dir.st_mode & S_ISVTX) &&
        dir.st_uid != ::geteuid()) {
        return u"belongs to %1, in folder %2 where only a file's owner may replace it (a shared "
               "folder such as /tmp); save as another file"_qs.arg(
                   accountName(st->st_uid), shown.isEmpty() ? folder : shown);
    }
    return {};
}

} // namespace

namespace {

constexpr int kCleanupSlots = 64;
constexpr size_t kCleanupPathBytes = 4096;
char g_cleanupPaths[kCleanupSlots][kCleanupPathBytes];
std::atomic<bool> g_cleanupUsed[kCleanupSlots];
/// For a scratch folder: the folder and the folder holding it, open (-1 for a file's slot).
std::atomic<int> g_cleanupFolder[kCleanupSlots];
std::atomic<int> g_cleanupParent[kCleanupSlots];
/// While set, a cleanup signal waits (see SignalsDeferred) in g_pendingSignal.
std::atomic<int> g_deferring{0};
std::atomic<int> g_pendingSignal{0};

void removeFolderContents(int folder, int depth = 0)
{
    // Async-signal-safe calls only (getdents64, unlinkat, lseek, openat, close): the signal
    // handler uses it. Files removed while the folder is read may hide others from that
    // reading, so it is read again until nothing is left to remove. A folder in it (GDAL makes
    // one for some names) is emptied and removed, a few levels down.
    alignas(8) char buffer[4096];
    for (int pass = 0; pass < 16; ++pass) {
        bool removed = false;
        ::lseek(folder, 0, SEEK_SET);
        for (ssize_t n; (n = ::getdents64(folder, buffer, sizeof buffer)) > 0;) {
            for (ssize_t at = 0; at < n;) {
                const auto *entry = reinterpret_cast<const struct dirent64 *>(buffer + at);
                at += entry->d_reclen;
                const char *name = entry->d_name;
                if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
                    continue;
                if (::unlinkat(folder, name, 0) == 0) {
                    removed = true;
                } else if (errno == EISDIR && depth < 4) {
                    const int inner =
                        ::openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                    if (inner >= 0) {
                        removeFolderContents(inner, depth + 1);
                        ::close(inner);
                    }
                    removed = ::unlinkat(folder, name, AT_REMOVEDIR) == 0 || removed;
                }
            }
        }
        if (!removed)
            break;
    }
}

} // namespace

void removeFolderAt(int folder, int parent, const char *name)
{
    removeFolderContents(folder);
    // Removed by name only while the name still leads to this folder (async-signal-safe calls).
    struct stat held = {};
    struct stat named = {};
    if (::fstat(folder, &held) == 0 &&
        ::fstatat(parent, name, &named, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(named.st_mode) &&
        named.st_dev == held.st_dev && named.st_ino == held.st_ino)
        ::unlinkat(parent, name, AT_REMOVEDIR);
}

namespace {

extern "C" void removeRegisteredAndDie(int signal)
{
    if (g_deferring.load() > 0) {
        // Files are being moved into place: end once they all are, not between two of them.
        g_pendingSignal.store(signal);
        return;
    }
    // Only async-signal-safe calls here: unlink, unlinkat, those of removeFolderContents,
    // signal, raise. A scratch folder is reached through its open descriptor, never its name:
    // a link put in its place is not followed (the last unlinkat leaves a link alone).
    for (int i = 0; i < kCleanupSlots; ++i) {
        if (!g_cleanupUsed[i].load())
            continue;
        const int folder = g_cleanupFolder[i].load();
        if (folder >= 0) {
            removeFolderAt(folder, g_cleanupParent[i].load(), g_cleanupPaths[i]);
        } else {
            ::unlink(g_cleanupPaths[i]);
        }
    }
    ::signal(signal, SIG_DFL);
    ::raise(signal);
}

void installCleanupHandlers()
{
    static std::once_flag once;
    std::call_once(once, [] {
        for (const int sig : {SIGTERM, SIGINT, SIGHUP, SIGPIPE}) {
            struct sigaction current = {};
            if (::sigaction(sig, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
                struct sigaction action = {};
                action.sa_handler = removeRegisteredAndDie;
                sigemptyset(&action.sa_mask);
                ::sigaction(sig, &action, nullptr);
            }
        }
    });
}

int registerCleanup(const QByteArray &bytes, int folder, int parent)
{
    if (size_t(bytes.size()) >= kCleanupPathBytes)
        return -1;
    installCleanupHandlers();
    static std::mutex mutex;
    const std::lock_guard lock(mutex);
    for (int i = 0; i < kCleanupSlots; ++i) {
        if (!g_cleanupUsed[i].load()) {
            std::memcpy(g_cleanupPaths[i], bytes.constData(), size_t(bytes.size()) + 1);
            g_cleanupFolder[i].store(folder);
            g_cleanupParent[i].store(parent);
            g_cleanupUsed[i].store(true);
            return i;
        }
    }
    return -1;
}

} // namespace

int registerRemoveOnSignal(const QString &path)
{
    return registerCleanup(encoded(path), -1, -1);
}

int registerRemoveFolderOnSignal(int folder, int parent, const QString &name)
{
    return registerCleanup(encoded(name), folder, parent);
}

SignalsDeferred::SignalsDeferred()
{
    installCleanupHandlers(); // a signal's default action would not wait
    ++g_deferring;
}

bool SignalsDeferred::pending()
{
    return g_pendingSignal.load() != 0;
}

SignalsDeferred::~SignalsDeferred()
{
    if (--g_deferring == 0) {
        if (const int signal = g_pendingSignal.exchange(0))
            ::raise(signal);
    }
}

void unregisterRemoveOnSignal(int slot)
{
    if (slot >= 0 && slot < kCleanupSlots)
        g_cleanupUsed[slot].store(false);
}

QString fileErrorText(int error)
{
    switch (error) {
    case ENOSPC:
        return u"disk full (no space left on device)"_qs;
    case EDQUOT:
        return u"disk quota exceeded"_qs;
    case EIO:
        return u"input/output error (the disk or file system reported a failure)"_qs;
    case EROFS:
        return u"read-only file system"_qs;
    case EACCES:
    case EPERM:
        return u"permission denied"_qs;
    case EFBIG:
        return u"file too large for the file system"_qs;
    case ENOENT:
        return u"no such file or folder"_qs;
    case ENOTDIR:
        return u"a part of the path is not a folder"_qs;
    case EISDIR:
        return u"is a folder"_qs;
    case ENAMETOOLONG:
        return u"file name too long"_qs;
    default:
        return QString::fromLocal8Bit(std::strerror(error));
    }
}

QString resolvedOutputPath(const QString &path)
{
    return followLinks(path);
}

mode_t processUmask()
{
    QFile status(u"/proc/self/status"_qs);
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("Umask:")) {
                bool ok = false;
                const uint mask = line.mid(6).trimmed().toUInt(&ok, 8);
                if (ok)
                    return mode_t(mask);
            }
        }
    }
    // Without /proc the mask can only be read by setting it: do it once, under a lock.
    static std::mutex mutex;
    const std::lock_guard lock(mutex);
    const mode_t mask = ::umask(022);
    ::umask(mask);
    return mask;
}

QString accountName(uid_t uid)
{
    char buffer[1024];
    struct passwd entry = {};
    struct passwd *found = nullptr;
    if (::getpwuid_r(uid, &entry, buffer, sizeof buffer, &found) == 0 && found)
        return QString::fromLocal8Bit(found->pw_name);
    return u"user %1"_qs.arg(uid);
}

bool namesFile(const QString &path, int fd, bool followLink)
{
    struct stat opened = {};
    struct stat named = {};
    const QByteArray name = encoded(path);
    const int found =
        followLink ? ::stat(name.constData(), &named) : ::lstat(name.constData(), &named);
    return found == 0 && ::fstat(fd, &opened) == 0 && opened.st_dev == named.st_dev &&
           opened.st_ino == named.st_ino;
}

QString descriptorPath(int fd, const QString &otherwise)
{
    const QString viaDescriptor = u"/proc/self/fd/%1"_qs.arg(fd);
    return QFileInfo(viaDescriptor).exists() ? viaDescriptor : otherwise;
}

int syncPath(const QString &path)
{
    // O_NONBLOCK: a name swapped for a pipe meanwhile must not keep this waiting for a writer.
    int fd = ::open(encoded(path).constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0 && errno == EACCES) {
        // A file its owner may only write (umask 0477 and the like); not a folder one may only
        // write in (0733), which stays EACCES.
        fd = ::open(encoded(path).constData(), O_WRONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
        if (fd < 0)
            return errno == EISDIR ? EACCES : errno;
    }
    if (fd < 0)
        return errno;
    int error = 0;
    if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS)
        error = errno;
    if (::close(fd) != 0 && error == 0 && errno != EINTR)
        error = errno;
    return error;
}

void refuseOutputThatIsInput(const QString &output,
                             const QStringList &inputs,
                             const QString &outputRole,
                             bool asFolder)
{
    const QString role = outputRole.isEmpty() ? u"the output"_qs : outputRole;
    // A project's lock file or its SQLite companions: never an output, input or not.
    if (const QString reason = protectedFileReason(output, inputs); !reason.isEmpty())
        throw Failure(makeError({}, 0, role, reason + u": choose another output file"_qs));
    struct stat out = {};
    if (::stat(encoded(output).constData(), &out) != 0)
        return; // a name that does not exist is no input
    for (const QString &input : withCompanions(inputs)) {
        struct stat in = {};
        if (input.isEmpty() || ::stat(encoded(input).constData(), &in) != 0)
            continue;
        if (in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
            throw Failure(
                makeError(output, 0, {},
                          u"%1 is the same file as the input %2: an input is never "
                          "replaced by an output; write to another file"_qs.arg(role, input)));
        }
        if (!asFolder || !S_ISDIR(out.st_mode))
            continue;
        // Does the folder hold the input, at any depth?
        QString folder = QFileInfo(QFileInfo(input).canonicalFilePath()).absolutePath();
        for (int depth = 0; depth < 256 && !folder.isEmpty(); ++depth) {
            struct stat dir = {};
            if (::stat(encoded(folder).constData(), &dir) == 0 && dir.st_dev == out.st_dev &&
                dir.st_ino == out.st_ino) {
                throw Failure(makeError(output, 0, {},
                                        u"%1 holds the input %2: it is never replaced; write to "
                                        "another folder"_qs.arg(role, input)));
            }
            const QString parent = QFileInfo(folder).absolutePath();
            if (parent == folder)
                break;
            folder = parent;
        }
    }
}

// --- ReplacementTarget --------------------------------------------------------------------------

ReplacementTarget::ReplacementTarget(const QString &path)
    : m_path(path)
{
    if (path.isEmpty())
        throw Failure(makeError(path, 0, {}, u"no file name given"_qs));
    if (!throughDevices(path)) {
        if (const QString reason = foreignLinkReason(path); !reason.isEmpty())
            throw Failure(makeError(path, 0, {}, reason));
    }
    m_target = followLinks(path);
    // Not a project's lock file nor its SQLite companions, under any name (also /dev/stdout
    // redirected to one, or /proc/self/cwd/NAME, which are written where they are).
    if (const QString reason = protectedFileReason(path, {}); !reason.isEmpty())
        throw Failure(makeError({}, 0, {}, reason + u": choose another output file"_qs));
    // A project another program is writing is not replaced by an output either.
    if (const std::optional<LockHolder> holder = ProjectLock::holder(fileOnDisk(path));
        holder && !(holder->pid == QCoreApplication::applicationPid() &&
                    holder->host == QSysInfo::machineHostName())) {
        throw Failure(
            makeError(path, 0, {},
                      u"is a project locked for writing by %1; write to another file"_qs.arg(
                          holder->toString())));
    }
    if (const Descriptor descriptor = descriptorOf(path); descriptor.named) {
        if (descriptor.own == 0) {
            throw Failure(makeError(path, 0, {},
                                    u"is standard input, not an output: give a file name"_qs));
        }
        if (descriptor.own > 0 && (descriptor.own >= kRecordedDescriptors ||
                                   !inheritedDescriptors()[size_t(descriptor.own)])) {
            throw Failure(makeError(
                path, 0, {},
                u"names descriptor %1, which was not open when NQI started (such numbers are NQI's "
                "own files): give a file name, or open the descriptor for NQI in the shell "
                "(-o /dev/fd/%1 %1> FILE)"_qs.arg(descriptor.own)));
        }
        // /dev/stdout and the like: an open file, a terminal or a pipe, written where it is.
        m_exists = true;
        m_regular = false;
        m_target = QFileInfo(path).absoluteFilePath();
        m_heldFolder = QFileInfo(m_target).absolutePath(); // written where it is, not replaced
        return;
    }
    struct stat st = {};
    if (::stat(encoded(m_target).constData(), &st) == 0) {
        m_exists = true;
        if (S_ISDIR(st.st_mode)) {
            throw Failure(makeError(path, 0, {}, u"is a folder; give the name of a file"_qs));
        }
        if (const QString reason = sharedFolderReason(QFileInfo(m_target).absolutePath(), st);
            !reason.isEmpty())
            throw Failure(makeError(path, 0, {}, reason));
        m_regular = S_ISREG(st.st_mode);
        if (m_regular) {
            if (const QString reason = readOnlyReason(st, m_target); !reason.isEmpty())
                throw Failure(makeError(path, 0, {}, reason));
            if (const QString reason = folderReason(QFileInfo(m_target).absolutePath(), &st);
                !reason.isEmpty())
                throw Failure(makeError(path, 0, {}, reason));
        }
        m_mode = st.st_mode & 07777;
        m_owner = st.st_uid;
        m_group = st.st_gid;
    } else if (errno != ENOENT) {
        throw Failure(makeError(path, 0, {}, u"cannot write: "_qs + fileErrorText(errno)));
    }
    const QString folder = QFileInfo(m_target).absolutePath();
    if (!QFileInfo(folder).isDir())
        throw Failure(makeError(path, 0, {}, u"folder %1 does not exist"_qs.arg(folder)));
    if (!m_exists) {
        if (const QString reason = folderReason(folder, nullptr); !reason.isEmpty())
            throw Failure(makeError(path, 0, {}, reason));
    }
    // Held from here on, and checked to be the folder just looked at.
    const int held = ::open(encoded(folder).constData(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (held < 0)
        throw Failure(makeError(
            path, 0, {}, u"cannot write in folder %1: %2"_qs.arg(folder, fileErrorText(errno))));
    m_folder = std::shared_ptr<const int>(new int(held), [](const int *fd) {
        ::close(*fd);
        delete fd;
    });
    if (!namesFile(folder, held, true)) {
        throw Failure(makeError(path, 0, {},
                                u"folder %1 was replaced by another program while it was looked "
                                "at; nothing was written"_qs.arg(folder)));
    }
    m_heldFolder = descriptorPath(held, folder);
}

QString ReplacementTarget::placed() const
{
    return inHeldFolder(QFileInfo(m_target).fileName());
}

ReplacementTarget::ReplacementTarget(const QString &path, const ReplacementTarget &beside)
    : m_path(path)
    , m_target(QFileInfo(beside.m_target).dir().filePath(QFileInfo(path).fileName()))
    , m_folder(beside.m_folder)
    , m_heldFolder(beside.m_heldFolder)
{
    if (const QString reason = protectedFileReason(m_target, {}); !reason.isEmpty())
        throw Failure(makeError({}, 0, {}, reason + u": choose another output file"_qs));
    const QString shownFolder = QFileInfo(m_target).absolutePath();
    struct stat st = {};
    if (::lstat(encoded(placed()).constData(), &st) != 0) {
        if (errno != ENOENT)
            throw Failure(makeError(path, 0, {}, u"cannot write: "_qs + fileErrorText(errno)));
        return;
    }
    m_exists = true;
    if (S_ISLNK(st.st_mode)) {
        throw Failure(makeError(path, 0, {},
                                u"is a symbolic link: a file that goes with the one exported is "
                                "replaced where it is, never through a link; remove the link or "
                                "export under another name"_qs));
    }
    if (S_ISDIR(st.st_mode))
        throw Failure(makeError(path, 0, {}, u"is a folder; give the name of a file"_qs));
    if (!S_ISREG(st.st_mode)) {
        throw Failure(makeError(path, 0, {},
                                u"is not a plain file (a pipe, device or socket): a file that goes "
                                "with the one exported replaces only a file; move it away or "
                                "export under another name"_qs));
    }
    if (const QString reason = sharedFolderReason(m_heldFolder, st, shownFolder); !reason.isEmpty())
        throw Failure(makeError(path, 0, {}, reason));
    if (const QString reason = readOnlyReason(st, placed()); !reason.isEmpty())
        throw Failure(makeError(path, 0, {}, reason));
    if (const QString reason = folderReason(m_heldFolder, &st, shownFolder); !reason.isEmpty())
        throw Failure(makeError(path, 0, {}, reason));
    m_mode = st.st_mode & 07777;
    m_owner = st.st_uid;
    m_group = st.st_gid;
}

void ReplacementTarget::prepare(int fd) const
{
    if (!m_exists)
        return; // a new file keeps 0666 less the umask
    if (::fchmod(fd, m_mode) != 0) {
        throw Failure(makeError(m_path, 0, {},
                                u"cannot write: %1 (while keeping the file's mode); %2"_qs.arg(
                                    fileErrorText(errno), u"the file on disk was not changed"_qs)));
    }
    struct stat st = {};
    if (::fstat(fd, &st) == 0 && (st.st_uid != m_owner || st.st_gid != m_group)) {
        if (::fchown(fd, m_owner, m_group) != 0 && ::fchown(fd, uid_t(-1), m_group) != 0) {
            // Only root can give a file to another user: the new file stays the writer's, as
            // it does with every editor that saves by renaming.
        }
    }
}

QString ReplacementTarget::temporaryPath() const
{
    const QFileInfo info(m_target);
    // The target's name cut to 200 bytes, so that the temporary name fits in a file name.
    return inHeldFolder(
        u".%1.nqi-%2-%3"_qs.arg(shortenedName(info.fileName(), 200))
            .arg(QCoreApplication::applicationPid())
            .arg(QRandomGenerator::global()->generate() & 0xffffff, 6, 16, QChar(u'0')));
}

void ReplacementTarget::recheck() const
{
    struct stat st = {};
    if (::stat(encoded(placed()).constData(), &st) != 0)
        return;
    if (S_ISDIR(st.st_mode))
        throw Failure(makeError(m_path, 0, {}, u"is a folder; give the name of a file"_qs));
    if (S_ISREG(st.st_mode)) {
        if (const QString reason = readOnlyReason(st, placed()); !reason.isEmpty())
            throw Failure(makeError(m_path, 0, {}, reason));
    }
}

void ReplacementTarget::replaceWith(const QString &temporary,
                                    const std::function<void()> &lastCheck,
                                    bool prepared) const
{
    const QByteArray temp = encoded(temporary);
    auto failWith = [&](int error, const QString &what) {
        ::unlink(temp.constData());
        throw Failure(makeError(
            m_path, 0, {},
            u"cannot write: %1%2; %3"_qs.arg(fileErrorText(error), what,
                                             nothingChangedText(m_exists))));
    };
    if (const int error = prepared ? 0 : syncPath(temporary))
        failWith(error, u" (while flushing it to disk)"_qs);
    if (m_exists && !prepared) {
        // Keep what the user gave the file being replaced: its mode, its owner and its group.
        if (::chmod(temp.constData(), m_mode) != 0)
            failWith(errno, u" (while keeping the file's mode)"_qs);
        struct stat st = {};
        if (::stat(temp.constData(), &st) == 0 && (st.st_uid != m_owner || st.st_gid != m_group)) {
            if (::chown(temp.constData(), m_owner, m_group) != 0 &&
                ::chown(temp.constData(), uid_t(-1), m_group) != 0) {
                // Only root can give a file to another user: the new file stays the
                // writer's, as it does with every editor that saves by renaming.
            }
        }
    }
    recheck();
    if (lastCheck) {
        try {
            lastCheck();
        } catch (...) {
            ::unlink(temp.constData());
            throw;
        }
    }
    if (::rename(temp.constData(), encoded(placed()).constData()) != 0)
        failWith(errno, u" (while moving the new file into place)"_qs);
    flushFolder();
}

void ReplacementTarget::flushFolder() const
{
    // A folder one may write in but not read (EACCES) cannot be flushed: no failure.
    if (const int error = syncPath(m_heldFolder); error && error != EACCES) {
        throw Failure(makeError(m_path, 0, {},
                                u"written, but the folder could not be flushed to disk: "_qs +
                                    fileErrorText(error)));
    }
}

// --- OutputFile ---------------------------------------------------------------------------------

OutputFile::OutputFile(const QString &path)
    : m_target(path)
{
    if (m_target.exists() && !m_target.isRegular()) {
        // A terminal, a pipe or a device: nothing to replace, write to it directly.
        // Appending: /dev/stdout redirected with >> keeps what the file held.
        m_fd = ::open(encoded(m_target.target()).constData(), O_WRONLY | O_APPEND | O_CLOEXEC);
        if (m_fd < 0) {
            throw Failure(makeError(path, 0, {}, u"cannot write: "_qs + fileErrorText(errno)));
        }
    } else {
        m_direct = false;
        // A file with no name in the target's folder (O_TMPFILE): a writer killed before commit
        // (SIGKILL, the OOM killer, a power cut) leaves nothing behind. It gets its name at
        // commit, right before the rename. Where the file system cannot (some network and FUSE
        // file systems), a named temporary file, removed on SIGTERM and the like.
        // It is named through /proc/self/fd (any user may; by the descriptor alone only root,
        // on kernels before 6.10): without /proc, a named file from the start.
        if (QFileInfo(u"/proc/self/fd"_qs).isDir()) {
            m_fd = ::open(encoded(m_target.heldFolder()).constData(),
                          O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
        }
        for (int attempt = 0; attempt < 100 && m_fd < 0; ++attempt) {
            m_temporary = m_target.temporaryPath();
            m_fd = ::open(encoded(m_temporary).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                          0666);
            if (m_fd < 0 && errno != EEXIST) {
                throw Failure(makeError(
                    path, 0, {},
                    u"cannot write in folder %1: %2"_qs.arg(
                        QFileInfo(m_target.target()).absolutePath(), fileErrorText(errno))));
            }
        }
        if (m_fd < 0)
            throw Failure(makeError(path, 0, {}, u"cannot make a temporary file beside it"_qs));
        if (!m_temporary.isEmpty())
            m_cleanupSlot = registerRemoveOnSignal(m_temporary);
    }
    QIODevice::open(QIODevice::WriteOnly | QIODevice::Unbuffered);
}

OutputFile::~OutputFile()
{
    unregisterRemoveOnSignal(m_cleanupSlot);
    if (m_fd >= 0)
        ::close(m_fd);
    if (!m_committed && !m_temporary.isEmpty())
        ::unlink(encoded(m_temporary).constData());
}

qint64 OutputFile::readData(char *, qint64)
{
    return -1;
}

qint64 OutputFile::writeData(const char *data, qint64 maxSize)
{
    if (m_error != 0 || m_fd < 0)
        return -1;
    qint64 done = 0;
    while (done < maxSize) {
        const ssize_t n = ::write(m_fd, data + done, size_t(maxSize - done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            m_error = errno;
            setErrorString(fileErrorText(m_error));
            return -1;
        }
        if (n == 0) {
            m_error = ENOSPC; // a device that takes nothing more
            setErrorString(fileErrorText(m_error));
            return -1;
        }
        done += n;
    }
    m_written += done;
    return done;
}

void OutputFile::fail(int error) const
{
    const bool replacing = m_target.exists() && m_target.isRegular();
    throw Failure(makeError(
        m_target.path(), 0, {},
        u"cannot write: %1 after %2; %3"_qs.arg(fileErrorText(error), sizeText(m_written),
                                                replacing ? u"the file on disk was not changed"_qs
                                                          : u"nothing was replaced"_qs)));
}

void OutputFile::writeAll(const QByteArray &data)
{
    if (write(data) != data.size())
        fail(m_error ? m_error : EIO);
}

void OutputFile::commit()
{
    if (m_committed)
        return;
    sync();
    if (!m_direct) {
        // The mode and owner of the file it replaces, given through the descriptor before the
        // file has a name; then a new target gets its name at once, the file complete (nothing
        // to leave behind at any moment), and one that exists is replaced by a rename.
        m_target.prepare(m_fd);
        if (m_temporary.isEmpty()) {
            if (!m_target.exists() &&
                link(encoded(m_target.placed())) == 0) {
                closeFile();
                m_committed = true;
                m_target.flushFolder(); // the new name made durable
                return;
            }
            name();
        }
    }
    closeFile();
    if (m_direct) { // written directly: nothing to move
        m_committed = true;
        return;
    }
    m_target.replaceWith(m_temporary, {}, true); // removes the temporary file when it throws
    m_committed = true;
}

void OutputFile::closeFile()
{
    const int fd = m_fd;
    m_fd = -1;
    QIODevice::close();
    if (::close(fd) != 0 && errno != EINTR)
        fail(errno);
}

int OutputFile::link(const QByteArray &name) const
{
    // Through /proc, as any user may; failing that, by the descriptor itself, which needs
    // CAP_DAC_READ_SEARCH (root has it).
    const QByteArray self = "/proc/self/fd/" + QByteArray::number(m_fd);
    if (::linkat(AT_FDCWD, self.constData(), AT_FDCWD, name.constData(), AT_SYMLINK_FOLLOW) == 0)
        return 0;
    const int error = errno;
    if (error != ENOENT) // ENOENT: no /proc
        return error;
    return ::linkat(m_fd, "", AT_FDCWD, name.constData(), AT_EMPTY_PATH) == 0 ? 0 : errno;
}

void OutputFile::name()
{
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString name = m_target.temporaryPath();
        const int error = link(encoded(name));
        if (error == 0) {
            m_temporary = name;
            m_cleanupSlot = registerRemoveOnSignal(m_temporary);
            return;
        }
        if (error != EEXIST) {
            throw Failure(makeError(
                m_target.path(), 0, {},
                u"cannot write: %1 (while naming the new file); %2"_qs.arg(
                    fileErrorText(error), nothingChangedText(m_target.exists()))));
        }
    }
    throw Failure(makeError(m_target.path(), 0, {}, u"cannot name the new file beside it"_qs));
}

void OutputFile::sync()
{
    if (m_committed)
        return;
    if (m_error != 0)
        fail(m_error);
    // Written directly, a device must take every byte and say so at the end too; some cannot
    // sync at all (a terminal, a pipe), which is no failure.
    if (::fsync(m_fd) != 0 && (!m_direct || (errno != EINVAL && errno != EROFS && errno != ENOTSUP)))
        fail(errno);
}

void writeFileAtomically(const QString &path, const QByteArray &data)
{
    OutputFile file(path);
    file.writeAll(data);
    file.commit();
}

} // namespace nqi::core
