// Never lose the user's work: the nqi command against outputs that are inputs, two writers at
// once, a full disk, a read-only project, a project reached through a symbolic link.
//
// NQI_CLI_UNDER_TEST in the environment runs another nqi (an older build, to see these fail).

#include "core/io/outputfile.h"
#include "core/store/projectstore.h"
#include "tests/core/testnetworks.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utility>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

QString cli()
{
    const QString other = qEnvironmentVariable("NQI_CLI_UNDER_TEST");
    return other.isEmpty() ? QStringLiteral(NQI_CLI) : other;
}

Run finish(QProcess &process)
{
    Run run;
    if (!process.waitForFinished(300000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

Run runNqi(const QStringList &arguments)
{
    QProcess process;
    process.start(cli(), arguments);
    return finish(process);
}

// nqi started in a folder, so that outputs can be named relative to it.
Run runNqiIn(const QString &folder, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(folder);
    process.start(cli(), arguments);
    return finish(process);
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeText(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

QJsonObject info(const QString &project)
{
    return QJsonDocument::fromJson(runNqi({u"info"_qs, project, u"--json"_qs}).out.toUtf8())
        .object();
}

int siteCount(const QString &project)
{
    return info(project).value(u"sites"_qs).toInt(-1);
}

// A CSV of one site with a code of its own.
QString siteCsv(const QDir &dir, const QString &code, int n)
{
    const QString path = dir.filePath(code + u".csv"_qs);
    writeText(path, u"code,name,lat,lon,kind\n%1,Site %1,%2,%3,metro_dc\n"_qs.arg(code)
                        .arg(25.0 + n * 0.1)
                        .arg(100.0 + n * 0.1)
                        .toUtf8());
    return path;
}

// Temporary files NQI leaves behind in a folder (there must be none).
QStringList leftovers(const QDir &dir)
{
    QStringList found;
    for (const QString &name :
         dir.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)) {
        if (name.contains(u".nqi-"_qs) || name.contains(u".saving-"_qs) ||
            name.startsWith(u".~lock."_qs))
            found << name;
    }
    return found;
}

// Another program holding a project's lock: a process that locks the lock file (flock), writes
// the holder's lines (the workbench of `user`, since 2026-12-06 04:10 UTC) and sleeps.
bool holdLock(QProcess &holder, const QString &lockFile, const QString &user, int seconds)
{
    holder.start(
        u"python3"_qs,
        {u"-c"_qs,
         u"import fcntl,os,socket,sys,time\n"
         "f=open(sys.argv[1],'w'); fcntl.flock(f,fcntl.LOCK_EX)\n"
         "f.write('user: %s\\nhost: %s\\nprogram: nqi-workbench\\npid: %d\\n"
         "since: 2026-12-06T04:10:00Z\\n'%(sys.argv[2],socket.gethostname(),os.getpid()))\n"
         "f.flush(); print('held', flush=True); time.sleep(float(sys.argv[3]))\n"_qs,
         lockFile, user, QString::number(seconds)});
    return holder.waitForReadyRead(10000);
}

// The resilience sweep of a project in two parts (part-1.json, part-2.json in its folder), for
// nqi merge, which writes its -o under any name.
QStringList resilienceParts(const QString &project)
{
    QStringList parts;
    for (int shard = 1; shard <= 2; ++shard) {
        const QString part =
            QFileInfo(project).absoluteDir().filePath(u"part-%1.json"_qs.arg(shard));
        const Run run = runNqi({u"plan"_qs, u"resilience"_qs, project, u"--shard"_qs,
                                u"%1/2"_qs.arg(shard), u"-o"_qs, part});
        if (run.exitCode != 0)
            return {};
        parts << part;
    }
    return parts;
}

// What a refused output left in place: every file's bytes (a link: where it leads).
QMap<QString, QByteArray> snapshot(const QDir &dir)
{
    QMap<QString, QByteArray> files;
    for (const QFileInfo &info :
         dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)) {
        files.insert(info.fileName(), info.isSymLink()
                                          ? u"-> "_qs.toUtf8() + info.symLinkTarget().toUtf8()
                                          : contents(info.filePath()));
    }
    return files;
}

// A small file system that is full: a tmpfs mounted for the test (needs root, as CI runs).
class FullDisk
{
public:
    explicit FullDisk(const QString &where)
        : m_path(where)
    {
        QDir().mkpath(m_path);
        m_mounted = ::mount("nqi-test-full", QFile::encodeName(m_path).constData(), "tmpfs", 0,
                            "size=4m,mode=0755") == 0;
    }
    ~FullDisk()
    {
        if (m_mounted)
            ::umount2(QFile::encodeName(m_path).constData(), MNT_DETACH);
    }
    bool mounted() const { return m_mounted; }
    QString path() const { return m_path; }

    // Fills what is left with one file; freeing it makes room again.
    void fill() const
    {
        QFile filler(QDir(m_path).filePath(u"filler"_qs));
        if (!filler.open(QIODevice::WriteOnly | QIODevice::Append))
            return;
        const QByteArray block(4096, 'x');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
        // Leave nothing: bytes below a page.
        while (filler.write("x", 1) == 1 && filler.flush()) {
        }
    }

private:
    QString m_path;
    bool m_mounted = false;
};

// The name of the export's scratch folder in @p folder (the folder whose name holds @p marker:
// ".nqi-export-", or ".NAME.nqi-export-" for the target's) once GDAL has written at least
// @p files files into it; empty when the export ended first or @p timeoutMs went by.
QString scratchWithFiles(const QDir &folder,
                         const QProcess &exporter,
                         const QString &marker,
                         int files,
                         int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (exporter.state() != QProcess::NotRunning && clock.elapsed() < timeoutMs) {
        for (const QFileInfo &info :
             folder.entryInfoList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot)) {
            if (info.fileName().contains(marker) &&
                QDir(info.filePath()).entryList(QDir::Files | QDir::Hidden).size() >= files)
                return info.fileName();
        }
        QThread::msleep(2);
    }
    return {};
}

} // namespace

class TestSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // An output that is an input.
    void exportOverTheProjectIsRefused();
    void importIntoOneOfItsSourcesIsRefused();
    void addressCsvOverTheProjectIsRefused();
    void reportTablesOverTheProjectAreRefused();
    void configIntoTheProjectsFolderKeepsEverything();

    // Two writers.
    void twoImportsAtOnceLoseNothing();
    void lockedProjectNamesItsHolder();
    void staleLockIsTakenOver();
    void planSaveKeepsAnImportMadeWhileItRan();

    // The disk.
    void fullDiskKeepsTheOldFile_data();
    void fullDiskKeepsTheOldFile();
    void slurmJobFolderIsWholeOrNotThere();
    void outputToDevFullFails_data();
    void outputToDevFullFails();
    void standardOutputToDevFullFails();

    // The file being replaced.
    void readOnlyProjectIsNotReplaced();
    void immutableFileIsNamed();
    void appendOnlyFileAndFoldersAreNamed();
    void longNamesAreWritten();
    void ownerOnlyWritableUmaskWorks();
    void readOnlyFileSystemIsNamed();
    void ownerAndModeAreKept();
    void symbolicLinkStays();
    void newOutputsFollowTheUmask();

    // Found by trying to break the above.
    void shapefileCompanionsAreInputsToo();
    void standardOutputIsWrittenNotReplaced();
    void outputOverALockedProjectIsRefused();
    void lockFilesNqiDidNotWrite();
    void readOnlyProjectIsRefusedBeforeOutputs();
    void terminatedWriterLeavesNoLock();
    void killedWriterLeavesNothing();
    void terminatedExportLeavesNoScratchFolder();
    void foldersNamedLikeScratchAreLeftAlone();
    void terminatedWhileWaitingToMoveReplacesNothing();
    void anotherUsersLinkInASharedFolderIsNotFollowed();
    void anotherUsersFileInASharedFolderIsLeftAlone();
    void oneFileExportsTakeNoFolderLock();
    void folderSwappedForALinkMidExportIsNotFollowed();
    void folderSwappedMidSaveRemovesOnlyItsOwnLock();
    void descriptorsNqiDidNotInheritAreNoOutputs();
    void oddFilesAtLockAndCompanionNamesAreLeftAlone();
    void scratchFolderSwappedForALinkEmptiesNothing();
    void twoShapefileExportsNeverMix();

    // An output over a project's lock file or its SQLite files.
    void outputOverAnInputsLockFileIsRefused();
    void outputOverSqliteCompanionsIsRefused();
    void outputThroughALinkToALockIsRefused();
    void outputNamedLikeAnotherProjectsLockIsRefused();

private:
    QTemporaryDir m_dir;
    QString m_project; // a copy of the sample, made per test by copy()

    QString copy(const QString &name = u"p.gpkg"_qs)
    {
        const QString path = QDir(m_dir.path()).filePath(name);
        QFile::remove(path);
        QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), path);
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                        QFileDevice::ReadGroup | QFileDevice::ReadOther);
        return path;
    }
};

void TestSafety::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFileInfo::exists(QStringLiteral(NQI_SAMPLE_PROJECT)));
    qInfo("nqi under test: %s", qPrintable(cli()));
}

void TestSafety::exportOverTheProjectIsRefused()
{
    const QString project = copy();
    const QByteArray before = contents(project);
    const Run run = runNqi({u"export"_qs, project, u"--layer"_qs, u"sites"_qs, u"-o"_qs, project});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"input"_qs), qPrintable(run.err));
    QCOMPARE(contents(project), before);
    // The same file under another name (a hard link) is the same file.
    const QString alias = QDir(m_dir.path()).filePath(u"alias.gpkg"_qs);
    QFile::remove(alias);
    QCOMPARE(::link(QFile::encodeName(project).constData(), QFile::encodeName(alias).constData()),
             0);
    const Run viaLink =
        runNqi({u"export"_qs, project, u"--layer"_qs, u"sites"_qs, u"-o"_qs, alias});
    QCOMPARE(viaLink.exitCode, 1);
    QCOMPARE(contents(project), before);
    QFile::remove(alias);
}

void TestSafety::importIntoOneOfItsSourcesIsRefused()
{
    const QDir dir(m_dir.path());
    const QString sites = siteCsv(dir, u"SRC"_qs, 1);
    const QByteArray before = contents(sites);
    const Run run = runNqi({u"import"_qs, sites, u"-o"_qs, sites, u"--force"_qs});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"input"_qs), qPrintable(run.err));
    QCOMPARE(contents(sites), before);
}

void TestSafety::addressCsvOverTheProjectIsRefused()
{
    const QString project = copy();
    const QByteArray before = contents(project);
    const Run run = runNqi({u"address"_qs, project, u"--csv"_qs, project, u"--no-save"_qs});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"input"_qs), qPrintable(run.err));
    QCOMPARE(contents(project), before);
}

void TestSafety::reportTablesOverTheProjectAreRefused()
{
    // A report lists 100 rows of a long table and writes it whole beside itself as
    // <report>-sites.csv: a project of that name (Topology Zoo Kdl: 726 sites) is never
    // replaced by it, nor by the report itself.
    const QString project = QDir(m_dir.path()).filePath(u"r-sites.csv"_qs);
    QFile::remove(project);
    const Run made = runNqi(
        {u"import"_qs, QStringLiteral(NQI_SHARED_DIR "/datasets/topology-zoo/graphml/Kdl.graphml"),
         u"-o"_qs, project});
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    const QByteArray before = contents(project);
    const QString report = QDir(m_dir.path()).filePath(u"r.html"_qs);
    Run run = runNqi({u"report"_qs, project, u"-o"_qs, report, u"--sections"_qs, u"sites"_qs});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"input"_qs), qPrintable(run.err));
    QCOMPARE(contents(project), before);
    QVERIFY(!QFileInfo::exists(report)); // nothing is written when one output cannot be
    const QString named = copy(u"named.html"_qs);
    const QByteArray namedBefore = contents(named);
    run = runNqi({u"report"_qs, named, u"-o"_qs, named, u"--sections"_qs, u"summary"_qs});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(contents(named), namedBefore);
}

void TestSafety::configIntoTheProjectsFolderKeepsEverything()
{
    // The reproducer: `nqi config P --dialect frr -o . --force` in P's folder.
    QTemporaryDir folder;
    const QString project = QDir(folder.path()).filePath(u"p.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    const QString notes = QDir(folder.path()).filePath(u"notes.txt"_qs);
    QVERIFY(writeText(notes, "my notes\n"));
    const QByteArray before = contents(project);
    QProcess process;
    process.setWorkingDirectory(folder.path());
    process.start(cli(), {u"config"_qs, project, u"--dialect"_qs, u"frr"_qs, u"-o"_qs, u"."_qs,
                          u"--force"_qs, u"--no-save"_qs});
    const Run run = finish(process);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(contents(project), before);
    QCOMPARE(contents(notes), QByteArray("my notes\n"));
}

void TestSafety::twoImportsAtOnceLoseNothing()
{
    // Ten trials of two imports at once: whatever exits 0 is in the project; what does not says
    // who holds the lock. With --wait both always get in.
    const QDir dir(m_dir.path());
    for (int trial = 0; trial < 10; ++trial) {
        const QString project = copy();
        const int before = siteCount(project);
        const bool wait = trial % 2 == 1;
        QProcess a, b;
        QStringList first{u"import"_qs, siteCsv(dir, u"A%1"_qs.arg(trial), trial), u"--into"_qs,
                          project};
        QStringList second{u"import"_qs, siteCsv(dir, u"B%1"_qs.arg(trial), trial + 20),
                           u"--into"_qs, project};
        if (wait) {
            first << u"--wait"_qs << u"120"_qs;
            second << u"--wait"_qs << u"120"_qs;
        }
        a.start(cli(), first);
        b.start(cli(), second);
        const Run ra = finish(a);
        const Run rb = finish(b);
        int added = 0;
        for (const Run *r : {&ra, &rb}) {
            if (r->exitCode == 0) {
                ++added;
            } else {
                QVERIFY2(!wait, qPrintable(r->err));
                QCOMPARE(r->exitCode, 1);
                QVERIFY2(r->err.contains(u"is locked for writing by"_qs), qPrintable(r->err));
            }
        }
        QCOMPARE(siteCount(project), before + added);
        if (wait)
            QCOMPARE(added, 2);
        QVERIFY2(leftovers(dir).isEmpty(), qPrintable(leftovers(dir).join(u' ')));
    }
}

void TestSafety::lockedProjectNamesItsHolder()
{
    const QString project = copy();
    const QString lockFile = QDir(m_dir.path()).filePath(u".~lock.p.gpkg#"_qs);
    // Another program holds the lock: a process that locks the file and sleeps.
    QProcess holder;
    QVERIFY(holdLock(holder, lockFile, u"alice"_qs, 4));
    const QByteArray before = contents(project);
    const Run refused =
        runNqi({u"import"_qs, siteCsv(QDir(m_dir.path()), u"LK1"_qs, 3), u"--into"_qs, project});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(u"is locked for writing by alice on"_qs),
             qPrintable(refused.err));
    QVERIFY2(refused.err.contains(u"nqi-workbench"_qs), qPrintable(refused.err));
    QVERIFY2(refused.err.contains(u"2026-12-06 04:10 UTC"_qs), qPrintable(refused.err));
    QVERIFY2(refused.err.contains(u"--wait"_qs), qPrintable(refused.err));
    QCOMPARE(contents(project), before);
    // --wait outlasts the holder.
    const Run waited = runNqi({u"import"_qs, siteCsv(QDir(m_dir.path()), u"LK2"_qs, 4),
                               u"--into"_qs, project, u"--wait"_qs, u"60"_qs});
    QCOMPARE(waited.exitCode, 0);
    holder.waitForFinished(10000);
    QVERIFY(!QFileInfo::exists(lockFile));
    // A bad --wait is wrong usage (exit 2), whether or not the command then locks.
    for (const QStringList &arguments :
         {QStringList{u"import"_qs, siteCsv(QDir(m_dir.path()), u"LK3"_qs, 5), u"--into"_qs,
                      project, u"--wait"_qs, u"abc"_qs},
          QStringList{u"address"_qs, project, u"--no-save"_qs, u"--wait"_qs, u"2.5"_qs},
          QStringList{u"plan"_qs, u"route"_qs, project, u"--save"_qs, u"--wait"_qs, u"-1"_qs}}) {
        const Run bad = runNqi(arguments);
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(u"--wait"_qs), qPrintable(bad.err));
    }
}

void TestSafety::staleLockIsTakenOver()
{
    const QString project = copy();
    const QString lockFile = QDir(m_dir.path()).filePath(u".~lock.p.gpkg#"_qs);
    // A lock file whose process is gone (killed): nothing holds it.
    QProcess gone;
    gone.start(u"true"_qs, QStringList());
    gone.waitForFinished();
    const qint64 deadPid = gone.processId() > 0 ? gone.processId() : 999999;
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    QVERIFY(writeText(
        lockFile, u"user: carol\nhost: %1\nprogram: nqi import\npid: %2\n"
                  "started: 1\nsince: 2026-12-06T03:00:00Z\n"_qs.arg(QString::fromLocal8Bit(host))
                      .arg(deadPid)
                      .toUtf8()));
    const Run run =
        runNqi({u"import"_qs, siteCsv(QDir(m_dir.path()), u"ST1"_qs, 5), u"--into"_qs, project});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(u"stale lock of carol"_qs), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(lockFile));
    // A lock from another host cannot be checked from here: respected, with what to do.
    QVERIFY(writeText(lockFile, "user: dave\nhost: elsewhere.example\nprogram: nqi import\n"
                                "pid: 4242\nsince: 2026-12-06T03:00:00Z\n"));
    const Run other =
        runNqi({u"import"_qs, siteCsv(QDir(m_dir.path()), u"ST2"_qs, 6), u"--into"_qs, project});
    QCOMPARE(other.exitCode, 1);
    QVERIFY2(other.err.contains(u"dave on elsewhere.example"_qs), qPrintable(other.err));
    QVERIFY2(other.err.contains(u"remove the lock file"_qs), qPrintable(other.err));
    QFile::remove(lockFile);
    // A file of that name that is not a lock (no host or process) is someone's: it used to be
    // taken over as stale, its text gone. Left as it is, the project untouched.
    QVERIFY(writeText(lockFile, "my precious notes\n"));
    const QByteArray before = contents(project);
    const Run notes =
        runNqi({u"import"_qs, siteCsv(QDir(m_dir.path()), u"ST3"_qs, 7), u"--into"_qs, project});
    QCOMPARE(notes.exitCode, 1);
    QVERIFY2(notes.err.contains(u"is not a lock (it begins “my precious notes”), so it is left "
                                "as it is"_qs),
             qPrintable(notes.err));
    QFile kept(lockFile);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("my precious notes\n"));
    QVERIFY(contents(project) == before);
    QFile::remove(lockFile);
}

void TestSafety::planSaveKeepsAnImportMadeWhileItRan()
{
    // A planner's --save must not overwrite an import made while it ran: a network on which
    // resilience takes seconds, and an import started once the planner holds the project.
    const QString project = QDir(m_dir.path()).filePath(u"big.gpkg"_qs);
    QFile::remove(project);
    nqi::core::ProjectStore::save(nqi::tests::syntheticNetwork(1500, 3, 20000), project);
    const int sites = siteCount(project);
    const QString lockFile = QDir(m_dir.path()).filePath(u".~lock.big.gpkg#"_qs);
    QProcess plan;
    plan.setStandardOutputFile(QProcess::nullDevice());
    plan.start(cli(), {u"plan"_qs, u"resilience"_qs, project, u"--save"_qs});
    QVERIFY(plan.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(lockFile) || plan.state() == QProcess::NotRunning,
                             20000);
    const bool overlapped = plan.state() != QProcess::NotRunning;
    const QString sitesFile = siteCsv(QDir(m_dir.path()), u"DURING"_qs, 7);
    // At once: refused while the planner holds the project (or done, if it finished first).
    const Run atOnce = runNqi({u"import"_qs, sitesFile, u"--into"_qs, project});
    if (atOnce.exitCode != 0) {
        QVERIFY2(atOnce.err.contains(u"is locked for writing by"_qs), qPrintable(atOnce.err));
        QVERIFY2(atOnce.err.contains(u"nqi plan resilience"_qs), qPrintable(atOnce.err));
        // With --wait it goes in once the planner has stored its result.
        const Run waited =
            runNqi({u"import"_qs, sitesFile, u"--into"_qs, project, u"--wait"_qs, u"240"_qs});
        QVERIFY2(waited.exitCode == 0, qPrintable(waited.err));
    }
    const Run planned = finish(plan);
    QVERIFY2(planned.exitCode == 0, qPrintable(planned.err));
    const QJsonObject after = info(project);
    QCOMPARE(after.value(u"sites"_qs).toInt(), sites + 1); // the import's site is kept
    QVERIFY2(after.value(u"results"_qs).toObject().contains(u"resilience"_qs),
             qPrintable(QString::fromUtf8(QJsonDocument(after).toJson())));
    QVERIFY2(overlapped, "the planner finished before the import started: no overlap tested");
}

void TestSafety::fullDiskKeepsTheOldFile_data()
{
    QTest::addColumn<QString>("output");      // the file (or folder) name on the full disk
    QTest::addColumn<QStringList>("command"); // {} for the project copied there

    const QString project = QStringLiteral(NQI_SAMPLE_PROJECT);
    for (const char *suffix : {"csv", "geojson", "kml", "gpkg", "shp"}) {
        QTest::addRow("export .%s", suffix)
            << u"out."_qs + QLatin1StringView(suffix)
            << QStringList{u"export"_qs, project, u"--layer"_qs, u"links"_qs, u"-o"_qs, u"@"_qs};
    }
    QTest::newRow("address --csv")
        << u"addresses.csv"_qs
        << QStringList{u"address"_qs, project, u"--no-save"_qs, u"--csv"_qs, u"@"_qs};
    for (const char *suffix : {"pdf", "html", "odt"}) {
        QTest::addRow("report .%s", suffix)
            << u"report."_qs + QLatin1StringView(suffix)
            << QStringList{u"report"_qs,        project,  u"--sections"_qs,
                           u"summary,sites"_qs, u"-o"_qs, u"@"_qs};
    }
    QTest::newRow("import --into (project save)")
        << u"p.gpkg"_qs << QStringList{u"import"_qs, u"#sites"_qs, u"--into"_qs, u"@"_qs};
    QTest::newRow("plan --save (project save)")
        << u"p.gpkg"_qs << QStringList{u"plan"_qs, u"route"_qs, u"@"_qs, u"--save"_qs};
}

void TestSafety::fullDiskKeepsTheOldFile()
{
    QFETCH(QString, output);
    QFETCH(QStringList, command);
    if (::geteuid() != 0)
        QSKIP("mounting a small file system needs root (CI runs as root)");
    QTemporaryDir where;
    const FullDisk disk(where.filePath(u"full"_qs));
    if (!disk.mounted())
        QSKIP("cannot mount a tmpfs here");
    const QDir dir(disk.path());
    const QString target = dir.filePath(output);
    // The old file: the sample project for saves, a small file for the other outputs.
    QByteArray old = "the old file, which must stay\n";
    if (output == u"p.gpkg") {
        QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), target));
        old = contents(target);
    } else {
        QVERIFY(writeText(target, old));
    }
    const QString sites = siteCsv(QDir(m_dir.path()), u"FULL"_qs, 8);
    for (QString &argument : command) {
        if (argument == u"@")
            argument = target;
        else if (argument == u"#sites")
            argument = sites;
    }
    disk.fill();
    const Run run = runNqi(command);
    QVERIFY2(run.exitCode != 0, qPrintable(u"exit 0; stderr: "_qs + run.err));
    QVERIFY2(run.err.contains(u"disk full"_qs), qPrintable(run.err));
    // Files are reached through /proc/self/fd, a path for nqi alone: never one to show.
    QVERIFY2(!run.err.contains(u"/proc/self"_qs), qPrintable(run.err));
    QCOMPARE(contents(target), old);
    QStringList left = leftovers(dir);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(u' ')));
}

// nqi slurm on a file system that fills up part way through a job folder used to leave the
// project, job.json and some scripts: a folder a later nqi slurm took as a whole job of its own.
// Now, whatever room there is, the folder is whole or not there.
void TestSafety::slurmJobFolderIsWholeOrNotThere()
{
    if (::geteuid() != 0)
        QSKIP("mounting a small file system needs root (CI runs as root)");
    QTemporaryDir where;
    const FullDisk disk(where.filePath(u"full"_qs));
    if (!disk.mounted())
        QSKIP("cannot mount a tmpfs here");
    const QDir dir(disk.path());
    const QString project = QDir(m_dir.path()).filePath(u"slurm.gpkg"_qs);
    QFile::remove(project);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    const QString job = dir.filePath(u"job"_qs);
    int failed = 0;
    int whole = 0;
    for (qint64 room = 0; room <= 200 * 1024; room += 8 * 1024) {
        disk.fill();
        QFile filler(dir.filePath(u"filler"_qs));
        QVERIFY(filler.resize(std::max<qint64>(0, filler.size() - room)));
        const Run run = runNqi({u"slurm"_qs, u"resilience"_qs, project, u"--tasks"_qs, u"3"_qs,
                                u"-o"_qs, job});
        if (run.exitCode == 0) {
            ++whole;
            for (const QString &name : {u"job.json"_qs, u"project.gpkg"_qs, u"shards.sbatch"_qs,
                                        u"merge.sbatch"_qs, u"submit.sh"_qs, u"README.md"_qs})
                QVERIFY2(QFileInfo::exists(QDir(job).filePath(name)), qPrintable(name));
        } else {
            ++failed;
            QVERIFY2(run.err.contains(u"disk full"_qs), qPrintable(run.err));
            QVERIFY2(!QFileInfo::exists(job), qPrintable(u"room %1: "_qs.arg(room) +
                                                         QDir(job).entryList().join(u' ')));
        }
        QDir(job).removeRecursively();
        QFile::remove(dir.filePath(u"filler"_qs));
    }
    QVERIFY(failed > 0 && whole > 0);
}

void TestSafety::outputToDevFullFails_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QStringList>("command");
    const QString project = QStringLiteral(NQI_SAMPLE_PROJECT);
    for (const char *suffix : {"csv", "geojson", "kml", "gpkg"}) {
        QTest::addRow("export .%s", suffix)
            << QString::fromLatin1(suffix)
            << QStringList{u"export"_qs, project, u"--layer"_qs, u"sites"_qs, u"-o"_qs, u"@"_qs};
    }
    QTest::newRow("address --csv")
        << u"csv"_qs << QStringList{u"address"_qs, project, u"--no-save"_qs, u"--csv"_qs, u"@"_qs};
    for (const char *suffix : {"pdf", "html", "odt"}) {
        QTest::addRow("report .%s", suffix)
            << QString::fromLatin1(suffix) << QStringList{u"report"_qs,  project,  u"--sections"_qs,
                                                          u"summary"_qs, u"-o"_qs, u"@"_qs};
    }
}

void TestSafety::outputToDevFullFails()
{
    QFETCH(QString, suffix);
    QFETCH(QStringList, command);
    struct stat before = {};
    QVERIFY(::stat("/dev/full", &before) == 0 && S_ISCHR(before.st_mode));
    // The format follows the extension: a link with one names /dev/full.
    const QString link = QDir(m_dir.path()).filePath(u"full."_qs + suffix);
    QFile::remove(link);
    QVERIFY(QFile::link(u"/dev/full"_qs, link));
    for (QString &argument : command) {
        if (argument == u"@")
            argument = link;
    }
    Run run = runNqi(command);
    QVERIFY2(run.exitCode != 0, qPrintable(u"exit 0; stderr: "_qs + run.err));
    QVERIFY2(run.err.contains(u"disk full"_qs), qPrintable(run.err));
    struct stat after = {};
    QVERIFY(::stat("/dev/full", &after) == 0);
    QVERIFY2(S_ISCHR(after.st_mode), "/dev/full was replaced");
    QVERIFY(QFileInfo(link).isSymLink());
    // And named directly (CSV through the address plan's `--csv`).
    if (command.constFirst() == u"address") {
        command.last() = u"/dev/full"_qs;
        run = runNqi(command);
        QVERIFY(run.exitCode != 0);
        QVERIFY(::stat("/dev/full", &after) == 0 && S_ISCHR(after.st_mode));
    }
}

void TestSafety::standardOutputToDevFullFails()
{
    // `nqi info P --json > /dev/full` and a CSV to standard output: the lost output is an error.
    for (const QString &arguments :
         {u"info \"$1\" --json"_qs, u"address \"$1\" --no-save --csv -"_qs}) {
        QProcess process;
        process.start(u"sh"_qs, {u"-c"_qs, u"\"$0\" "_qs + arguments + u" > /dev/full"_qs, cli(),
                                 QStringLiteral(NQI_SAMPLE_PROJECT)});
        const Run run = finish(process);
        QVERIFY2(run.exitCode == 1, qPrintable(arguments + u": "_qs + run.err));
        QVERIFY2(run.err.contains(u"cannot write to standard output: disk full"_qs),
                 qPrintable(run.err));
    }
}

void TestSafety::readOnlyProjectIsNotReplaced()
{
    const QString project = copy();
    QVERIFY(QFile::setPermissions(project, QFileDevice::ReadOwner | QFileDevice::ReadGroup |
                                               QFileDevice::ReadOther));
    const QByteArray before = contents(project);
    struct stat st = {};
    ::stat(QFile::encodeName(project).constData(), &st);
    const ino_t inode = st.st_ino;
    const Run run =
        runNqi({u"import"_qs, siteCsv(QDir(m_dir.path()), u"RO1"_qs, 9), u"--into"_qs, project});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"read-only: save as another file"_qs), qPrintable(run.err));
    QCOMPARE(contents(project), before);
    ::stat(QFile::encodeName(project).constData(), &st);
    QCOMPARE(st.st_ino, inode);
    QCOMPARE(st.st_mode & 0777, mode_t(0444));
    // An export over a read-only file is refused the same way.
    const QString readOnlyCsv = QDir(m_dir.path()).filePath(u"ro.csv"_qs);
    QVERIFY(writeText(readOnlyCsv, "keep\n"));
    QVERIFY(QFile::setPermissions(readOnlyCsv, QFileDevice::ReadOwner));
    const Run exported = runNqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs,
                                 u"sites"_qs, u"-o"_qs, readOnlyCsv});
    QCOMPARE(exported.exitCode, 1);
    QCOMPARE(contents(readOnlyCsv), QByteArray("keep\n"));
}

namespace {

/// Sets or clears the immutable flag (chattr +i / -i); false where the file system or the
/// process cannot.
bool setAttribute(const QString &path, int flag, bool on)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd < 0)
        return false;
    int flags = 0;
    bool ok = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
    if (ok) {
        flags = on ? (flags | flag) : (flags & ~flag);
        ok = ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
    ::close(fd);
    return ok;
}

bool setImmutable(const QString &path, bool immutable)
{
    return setAttribute(path, FS_IMMUTABLE_FL, immutable);
}

} // namespace

void TestSafety::immutableFileIsNamed()
{
    // A file flagged immutable cannot be written whatever its mode, by root too: the advice is
    // the flag, not chmod, which would not help.
    const QString project = copy(u"immutable.gpkg"_qs);
    const QString csv = QDir(m_dir.path()).filePath(u"immutable.csv"_qs);
    QVERIFY(writeText(csv, "keep\n"));
    if (!setImmutable(project, true))
        QSKIP("this file system or process cannot flag a file immutable (chattr +i)");
    const bool csvFlagged = setImmutable(csv, true);
    const QByteArray before = contents(project);
    const Run saved = runNqi({u"plan"_qs, u"resilience"_qs, project, u"--save"_qs});
    const Run exported = runNqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs,
                                 u"sites"_qs, u"-o"_qs, csv});
    setImmutable(project, false);
    setImmutable(csv, false);
    QVERIFY(csvFlagged);
    QCOMPARE(saved.exitCode, 1);
    QVERIFY2(saved.err.contains(u"flagged immutable (chattr +i)"_qs), qPrintable(saved.err));
    QVERIFY2(saved.err.contains(u"chattr -i"_qs), qPrintable(saved.err));
    QVERIFY2(!saved.err.contains(u"chmod"_qs), qPrintable(saved.err));
    QCOMPARE(contents(project), before);
    QCOMPARE(exported.exitCode, 1);
    QVERIFY2(exported.err.contains(u"flagged immutable (chattr +i)"_qs), qPrintable(exported.err));
    QCOMPARE(contents(csv), QByteArray("keep\n"));
}

void TestSafety::appendOnlyFileAndFoldersAreNamed()
{
    // An append-only file passes access(2): it was replaced only to fail at the rename, after
    // the whole computation, with "permission denied". A flagged folder left temporaries.
    QTemporaryDir dir;
    const QDir folder(dir.path());
    const QString project = folder.filePath(u"a.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    const QString csv = folder.filePath(u"a.csv"_qs);
    QVERIFY(writeText(csv, "keep\n"));
    if (!setAttribute(csv, FS_APPEND_FL, true))
        QSKIP("this file system or process cannot flag a file append-only (chattr +a)");
    QVERIFY(setAttribute(project, FS_APPEND_FL, true));
    const QByteArray before = contents(project);
    const Run exported = runNqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs,
                                 u"sites"_qs, u"-o"_qs, csv});
    const Run saved = runNqi({u"plan"_qs, u"resilience"_qs, project, u"--save"_qs});
    setAttribute(csv, FS_APPEND_FL, false);
    setAttribute(project, FS_APPEND_FL, false);
    QCOMPARE(exported.exitCode, 1);
    QVERIFY2(exported.err.contains(u"flagged append-only (chattr +a)"_qs), qPrintable(exported.err));
    QCOMPARE(contents(csv), QByteArray("keep\n"));
    QCOMPARE(saved.exitCode, 1);
    QVERIFY2(saved.err.contains(u"flagged append-only (chattr +a)"_qs), qPrintable(saved.err));
    QCOMPARE(contents(project), before);

    // Folders flagged append-only or immutable: said before anything is made, nothing left.
    for (const int flag : {int(FS_APPEND_FL), int(FS_IMMUTABLE_FL)}) {
        const QString flagged = folder.filePath(u"flagged"_qs);
        QVERIFY(QDir().mkpath(flagged));
        QVERIFY(writeText(QDir(flagged).filePath(u"old.csv"_qs), "keep\n"));
        QVERIFY(setAttribute(flagged, flag, true));
        QList<Run> runs;
        for (const QString &name : {u"new.csv"_qs, u"old.csv"_qs, u"new.gpkg"_qs}) {
            runs << runNqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs,
                            u"sites"_qs, u"-o"_qs, QDir(flagged).filePath(name)});
        }
        const QStringList left =
            QDir(flagged).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        setAttribute(flagged, flag, false);
        const QString said = flag == FS_APPEND_FL ? u"is flagged append-only (chattr +a)"_qs
                                                  : u"is flagged immutable (chattr +i)"_qs;
        for (const Run &run : runs) {
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains(u"folder "_qs) && run.err.contains(said), qPrintable(run.err));
        }
        QCOMPARE(left, QStringList{u"old.csv"_qs});
        QCOMPARE(contents(QDir(flagged).filePath(u"old.csv"_qs)), QByteArray("keep\n"));
        QVERIFY(QDir(flagged).removeRecursively());
    }
}

void TestSafety::longNamesAreWritten()
{
    // A name near the 255-byte limit: the temporary name beside it (".NAME.nqi-...") was too
    // long, so the output failed after the computation.
    QTemporaryDir dir;
    const QDir folder(dir.path());
    const QString json = folder.filePath(QString(240, u'a') + u".json"_qs);
    const QString gpkg = folder.filePath(QString(225, u'b') + u".gpkg"_qs);
    const QString chinese = folder.filePath(QString(80, QChar(0x7f51)) + u".csv"_qs); // 240 bytes
    const Run planned = runNqi({u"plan"_qs, u"resilience"_qs, QStringLiteral(NQI_SAMPLE_PROJECT),
                                u"--json"_qs, u"-o"_qs, json});
    QVERIFY2(planned.exitCode == 0, qPrintable(planned.err));
    QVERIFY(QFileInfo(json).size() > 1000);
    for (const QString &target : {gpkg, chinese}) {
        const Run exported = runNqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT),
                                     u"--layer"_qs, u"sites"_qs, u"-o"_qs, target});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        QVERIFY(QFileInfo(target).size() > 1000);
    }
    QVERIFY2(leftovers(folder).isEmpty(), qPrintable(leftovers(folder).join(u' ')));
}

void TestSafety::ownerOnlyWritableUmaskWorks()
{
    // With umask 0477 a new file is 0200: reopening it by name to flush it (done already
    // through its descriptor) failed with "permission denied", and GDAL could not read back
    // what it wrote. Run as another user, since root reads anything.
    if (::geteuid() != 0)
        QSKIP("running nqi as another user needs root (CI runs as root)");
    if (QStandardPaths::findExecutable(u"setpriv"_qs).isEmpty())
        QSKIP("setpriv (util-linux) is not installed");
    QTemporaryDir dir;
    QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                  QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                                  QFileDevice::WriteOther | QFileDevice::ExeOther));
    const QDir folder(dir.path());
    const QString project = folder.filePath(u"u.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QVERIFY(QFile::setPermissions(project, QFileDevice::ReadOwner | QFileDevice::ReadOther));
    // The build may sit where another user cannot reach it (a clone in a 0700 folder): a copy
    // of the program beside the files.
    const QString program = folder.filePath(u"nqi"_qs);
    QVERIFY(QFile::copy(cli(), program));
    QVERIFY(QFile::setPermissions(program, QFileDevice::ReadOwner | QFileDevice::ExeOwner |
                                               QFileDevice::ReadOther | QFileDevice::ExeOther));
    for (const QString &output : {u"r.json"_qs, u"s.geojson"_qs, u"s.gpkg"_qs, u"s.csv"_qs}) {
        const QString target = folder.filePath(output);
        const QString command =
            output == u"r.json"
                ? u"umask 0477 && \"$0\" plan resilience \"$1\" --json -o \"$2\""_qs
                : u"umask 0477 && \"$0\" export \"$1\" --layer sites -o \"$2\""_qs;
        QProcess process;
        process.start(u"setpriv"_qs, {u"--reuid=65534"_qs, u"--regid=65534"_qs,
                                      u"--clear-groups"_qs, u"sh"_qs, u"-c"_qs, command, program,
                                      project, target});
        const Run run = finish(process);
        QVERIFY2(run.exitCode == 0, qPrintable(output + u": "_qs + run.err));
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(target).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0200));
        QCOMPARE(st.st_uid, uid_t(65534));
        QVERIFY(QFileInfo(target).size() > 100);
    }
    QVERIFY2(leftovers(folder).isEmpty(), qPrintable(leftovers(folder).join(u' ')));
    // A folder one may write in but not read (0733): the folder's flush is not asked of it,
    // and GDAL's scratch folder is made there without reading it.
    QVERIFY(folder.mkdir(u"drop"_qs));
    const QString drop = folder.filePath(u"drop"_qs);
    QCOMPARE(::chmod(QFile::encodeName(drop).constData(), 0733), 0);
    for (const QString &output : {u"s.csv"_qs, u"s.geojson"_qs}) {
        QProcess process;
        process.start(u"setpriv"_qs, {u"--reuid=65534"_qs, u"--regid=65534"_qs,
                                      u"--clear-groups"_qs, program, u"export"_qs, project,
                                      u"--layer"_qs, u"sites"_qs, u"-o"_qs,
                                      QDir(drop).filePath(output)});
        const Run run = finish(process);
        QVERIFY2(run.exitCode == 0, qPrintable(output + u": "_qs + run.err));
        QVERIFY(QFileInfo(QDir(drop).filePath(output)).size() > 100);
    }
    QCOMPARE(QDir(drop).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             (QStringList{u"s.csv"_qs, u"s.geojson"_qs}));
}

void TestSafety::readOnlyFileSystemIsNamed()
{
    // A file on a file system mounted read-only: the advice is another file system.
    const FullDisk disk(QDir(m_dir.path()).filePath(u"readonly"_qs));
    if (!disk.mounted())
        QSKIP("mounting a small file system for the test needs root (CI runs as root)");
    const QString csv = QDir(disk.path()).filePath(u"sites.csv"_qs);
    QVERIFY(writeText(csv, "keep\n"));
    QCOMPARE(::mount(nullptr, QFile::encodeName(disk.path()).constData(), nullptr,
                     MS_REMOUNT | MS_RDONLY, nullptr),
             0);
    const Run exported = runNqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs,
                                 u"sites"_qs, u"-o"_qs, csv});
    QCOMPARE(exported.exitCode, 1);
    QVERIFY2(exported.err.contains(u"on a read-only file system"_qs), qPrintable(exported.err));
    QVERIFY2(!exported.err.contains(u"chmod"_qs), qPrintable(exported.err));
    QCOMPARE(contents(csv), QByteArray("keep\n"));
}

void TestSafety::ownerAndModeAreKept()
{
    if (::geteuid() != 0)
        QSKIP("giving a file to another user needs root (CI runs as root)");
    const QString project = copy();
    QCOMPARE(::chown(QFile::encodeName(project).constData(), 4321, 4322), 0);
    QCOMPARE(::chmod(QFile::encodeName(project).constData(), 0640), 0);
    const Run run =
        runNqi({u"import"_qs, siteCsv(QDir(m_dir.path()), u"OWN1"_qs, 10), u"--into"_qs, project});
    QCOMPARE(run.exitCode, 0);
    struct stat st = {};
    QCOMPARE(::stat(QFile::encodeName(project).constData(), &st), 0);
    QCOMPARE(st.st_uid, uid_t(4321));
    QCOMPARE(st.st_gid, gid_t(4322));
    QCOMPARE(st.st_mode & 07777, mode_t(0640));
    QCOMPARE(siteCount(project), 60);
    // The same for an export replacing a file.
    const QString csv = QDir(m_dir.path()).filePath(u"owned.csv"_qs);
    QVERIFY(writeText(csv, "old\n"));
    QCOMPARE(::chown(QFile::encodeName(csv).constData(), 4321, 4322), 0);
    QCOMPARE(::chmod(QFile::encodeName(csv).constData(), 0604), 0);
    QCOMPARE(runNqi({u"export"_qs, project, u"--layer"_qs, u"sites"_qs, u"-o"_qs, csv}).exitCode,
             0);
    QCOMPARE(::stat(QFile::encodeName(csv).constData(), &st), 0);
    QCOMPARE(st.st_uid, uid_t(4321));
    QCOMPARE(st.st_mode & 07777, mode_t(0604));
}

void TestSafety::symbolicLinkStays()
{
    const QString project = copy(u"real.gpkg"_qs);
    QTemporaryDir elsewhere;
    const QString link = QDir(elsewhere.path()).filePath(u"link.gpkg"_qs);
    QVERIFY(QFile::link(project, link));
    const Run run =
        runNqi({u"import"_qs, siteCsv(QDir(m_dir.path()), u"LNK1"_qs, 11), u"--into"_qs, link});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(siteCount(project), 60);
    QCOMPARE(siteCount(link), 60);
    QVERIFY(leftovers(QDir(elsewhere.path())).isEmpty());
    // An export through a link replaces the file the link names.
    const QString csv = QDir(m_dir.path()).filePath(u"target.csv"_qs);
    QVERIFY(writeText(csv, "old\n"));
    const QString csvLink = QDir(elsewhere.path()).filePath(u"sites.csv"_qs);
    QVERIFY(QFile::link(csv, csvLink));
    QCOMPARE(
        runNqi({u"export"_qs, project, u"--layer"_qs, u"sites"_qs, u"-o"_qs, csvLink}).exitCode, 0);
    QVERIFY(QFileInfo(csvLink).isSymLink());
    QVERIFY(contents(csv).startsWith("id,"));
}

void TestSafety::newOutputsFollowTheUmask()
{
    // New files get 0666 less the umask (here 022: 0644), like any program's.
    const QString csv = QDir(m_dir.path()).filePath(u"new-umask.csv"_qs);
    const QString project = QDir(m_dir.path()).filePath(u"new-umask.gpkg"_qs);
    QFile::remove(csv);
    QFile::remove(project);
    QProcess process;
    process.setProgram(u"sh"_qs);
    process.setArguments({u"-c"_qs,
                          u"umask 027 && \"$0\" export \"$1\" --layer sites -o \"$2\" && "
                          "\"$0\" import \"$3\" -o \"$4\""_qs,
                          cli(), QStringLiteral(NQI_SAMPLE_PROJECT), csv,
                          siteCsv(QDir(m_dir.path()), u"UM1"_qs, 12), project});
    process.start();
    const Run run = finish(process);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(QFileInfo(csv).permissions() & 0x7777,
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser |
                 QFileDevice::WriteUser | QFileDevice::ReadGroup);
    QCOMPARE(QFileInfo(project).permissions() & 0x7777,
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser |
                 QFileDevice::WriteUser | QFileDevice::ReadGroup);
}

void TestSafety::shapefileCompanionsAreInputsToo()
{
    QTemporaryDir dir;
    const QString project = QDir(dir.path()).filePath(u"p.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    const QByteArray before = contents(project);
    // An export's .dbf that is a link to the project: the project was overwritten (exit 0).
    QVERIFY(QFile::link(project, QDir(dir.path()).filePath(u"out.dbf"_qs)));
    Run run = runNqi({u"export"_qs, project, u"--layer"_qs, u"sites"_qs, u"-o"_qs,
                      QDir(dir.path()).filePath(u"out.shp"_qs)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"input"_qs), qPrintable(run.err));
    QCOMPARE(contents(project), before);
    // A new project that is a link to a Shapefile's .dbf being imported.
    const QString shp = QDir(dir.path()).filePath(u"in.shp"_qs);
    QCOMPARE(runNqi({u"export"_qs, project, u"--layer"_qs, u"sites"_qs, u"-o"_qs, shp}).exitCode,
             0);
    const QString dbf = QDir(dir.path()).filePath(u"in.dbf"_qs);
    const QByteArray dbfBefore = contents(dbf);
    const QString linked = QDir(dir.path()).filePath(u"x.gpkg"_qs);
    QVERIFY(QFile::link(dbf, linked));
    run = runNqi({u"import"_qs, shp, u"-o"_qs, linked, u"--force"_qs});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"input"_qs), qPrintable(run.err));
    QCOMPARE(contents(dbf), dbfBefore);
}

void TestSafety::standardOutputIsWrittenNotReplaced()
{
    // `--csv /dev/stdout >> log` replaced the log (OLD lost); to a pipe it failed.
    const QString log = QDir(m_dir.path()).filePath(u"log.txt"_qs);
    QVERIFY(writeText(log, "OLD\n"));
    QProcess appended;
    appended.start(u"sh"_qs,
                   {u"-c"_qs, u"\"$0\" address \"$1\" --no-save --csv /dev/stdout >> \"$2\""_qs,
                    cli(), QStringLiteral(NQI_SAMPLE_PROJECT), log});
    Run run = finish(appended);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(contents(log).startsWith("OLD\nsite,interface,"));
    QProcess piped;
    piped.start(u"sh"_qs,
                {u"-c"_qs, u"\"$0\" address \"$1\" --no-save --csv /dev/stdout | head -1"_qs, cli(),
                 QStringLiteral(NQI_SAMPLE_PROJECT)});
    run = finish(piped);
    QVERIFY2(run.out.startsWith(u"site,interface,"_qs), qPrintable(run.err));
}

void TestSafety::outputOverALockedProjectIsRefused()
{
    // While another program holds a project, no output replaces it either.
    const QString project = copy();
    const QString lockFile = QDir(m_dir.path()).filePath(u".~lock.p.gpkg#"_qs);
    QProcess holder;
    QVERIFY(holdLock(holder, lockFile, u"erin"_qs, 3));
    const QByteArray before = contents(project);
    const Run run = runNqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs,
                            u"sites"_qs, u"-o"_qs, project});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"locked for writing by erin"_qs), qPrintable(run.err));
    QCOMPARE(contents(project), before);
    holder.waitForFinished(10000);
    QFile::remove(lockFile);
}

void TestSafety::lockFilesNqiDidNotWrite()
{
    const QString project = copy();
    const QString lockFile = QDir(m_dir.path()).filePath(u".~lock.p.gpkg#"_qs);
    // Text that is no lock NQI wrote, held by nobody, blocked the project for ever; then it was
    // taken over, its text gone. It is someone's file: refused with what to do, and kept.
    QVERIFY(writeText(lockFile, "hello\n"));
    Run run =
        runNqi({u"import"_qs, siteCsv(QDir(m_dir.path()), u"GB1"_qs, 13), u"--into"_qs, project});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"is not a lock (it begins “hello”), so it is left as it is: move "
                              "it away and try again"_qs),
             qPrintable(run.err));
    QCOMPARE(contents(lockFile), QByteArray("hello\n"));
    // Empty (a crash while it was written): taken over.
    QVERIFY(writeText(lockFile, ""));
    run = runNqi({u"import"_qs, siteCsv(QDir(m_dir.path()), u"GB1"_qs, 13), u"--into"_qs, project});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(lockFile));
    // A pipe of that name was written to and removed: refused, and kept.
    QCOMPARE(::mkfifo(QFile::encodeName(lockFile).constData(), 0644), 0);
    run = runNqi({u"import"_qs, siteCsv(QDir(m_dir.path()), u"GB2"_qs, 14), u"--into"_qs, project});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"not a plain file"_qs), qPrintable(run.err));
    struct stat st = {};
    QVERIFY(::lstat(QFile::encodeName(lockFile).constData(), &st) == 0 && S_ISFIFO(st.st_mode));
    QFile::remove(lockFile);
}

void TestSafety::readOnlyProjectIsRefusedBeforeOutputs()
{
    // nqi config replaced its folder, then failed to store the plan in a read-only project.
    QTemporaryDir dir;
    const QString project = QDir(dir.path()).filePath(u"p.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QVERIFY(QFile::setPermissions(project, QFileDevice::ReadOwner | QFileDevice::ReadGroup));
    const QString folder = QDir(dir.path()).filePath(u"cfg"_qs);
    const Run run = runNqi({u"config"_qs, project, u"--dialect"_qs, u"frr"_qs, u"-o"_qs, folder});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"read-only"_qs), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(folder));
    const QString table = QDir(dir.path()).filePath(u"a.csv"_qs);
    QCOMPARE(runNqi({u"address"_qs, project, u"--csv"_qs, table}).exitCode, 1);
    QVERIFY(!QFileInfo::exists(table));
}

void TestSafety::terminatedWriterLeavesNoLock()
{
    // SIGTERM (a closed terminal, a killed job) left the lock file and the temporaries behind.
    const QString project = QDir(m_dir.path()).filePath(u"term.gpkg"_qs);
    QFile::remove(project);
    nqi::core::ProjectStore::save(nqi::tests::syntheticNetwork(1500, 3, 20000), project);
    const QByteArray before = contents(project);
    const QString lockFile = QDir(m_dir.path()).filePath(u".~lock.term.gpkg#"_qs);
    QProcess plan;
    plan.setStandardOutputFile(QProcess::nullDevice());
    plan.start(cli(), {u"plan"_qs, u"resilience"_qs, project, u"--save"_qs});
    QVERIFY(plan.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(lockFile) || plan.state() == QProcess::NotRunning,
                             20000);
    if (plan.state() == QProcess::NotRunning)
        QSKIP("the planner finished before it could be stopped");
    plan.terminate(); // SIGTERM
    QVERIFY(plan.waitForFinished(20000));
    QCOMPARE(plan.exitStatus(), QProcess::CrashExit);
    QVERIFY(!QFileInfo::exists(lockFile));
    QVERIFY2(leftovers(QDir(m_dir.path())).isEmpty(),
             qPrintable(leftovers(QDir(m_dir.path())).join(u' ')));
    QCOMPARE(contents(project), before);
}

void TestSafety::killedWriterLeavesNothing()
{
    // A writer ended by SIGKILL (mpirun ending a job, the OOM killer) cannot clean up: its
    // half-written output stayed beside the target as .NAME.nqi-PID-XXXXXX.
    QTemporaryDir dir;
    const QDir folder(dir.path());
    const QString existing = folder.filePath(u"result.json"_qs);
    QVERIFY(writeText(existing, "keep\n"));
    for (const QString &target : {existing, folder.filePath(u"new.json"_qs)}) {
        int ready[2];
        QCOMPARE(::pipe(ready), 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            ::close(ready[0]);
            try {
                nqi::core::OutputFile file(target);
                file.writeAll(QByteArray(1 << 20, 'x'));
                (void)!::write(ready[1], "w", 1);
            } catch (...) {
                (void)!::write(ready[1], "e", 1);
            }
            for (;;)
                ::pause();
        }
        ::close(ready[1]);
        char state = 0;
        const ssize_t got = ::read(ready[0], &state, 1);
        ::close(ready[0]);
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        QCOMPARE(got, ssize_t(1));
        QCOMPARE(state, 'w');
        QStringList names = folder.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        QCOMPARE(names, QStringList{u"result.json"_qs});
        QCOMPARE(contents(existing), QByteArray("keep\n"));
    }
    // Written to the end, the output is there with the mode a new file gets.
    const QString written = folder.filePath(u"done.json"_qs);
    nqi::core::writeFileAtomically(written, "{}\n");
    QCOMPARE(contents(written), QByteArray("{}\n"));
    QCOMPARE(QFileInfo(written).permissions() & 0x0fff,
             QFileInfo(existing).permissions() & 0x0fff);
    QCOMPARE(folder.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             (QStringList{u"done.json"_qs, u"result.json"_qs}));
}

void TestSafety::terminatedExportLeavesNoScratchFolder()
{
    // SIGTERM while GDAL wrote a Shapefile left its scratch folder, .nqi-export-XXXXXX with the
    // half-written files, beside the target.
    QTemporaryDir dir;
    const QDir folder(dir.path());
    const QString project = folder.filePath(u"big.gpkg"_qs);
    nqi::core::ProjectStore::save(nqi::tests::syntheticNetwork(1000, 3, 150000), project);
    const QStringList before =
        folder.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    QProcess exporter;
    exporter.setStandardOutputFile(QProcess::nullDevice());
    exporter.start(cli(), {u"export"_qs, project, u"--layer"_qs, u"demands"_qs, u"-o"_qs,
                           folder.filePath(u"demands.shp"_qs)});
    QVERIFY(exporter.waitForStarted());
    // Wait until GDAL has written into the scratch folder.
    if (scratchWithFiles(folder, exporter, u".demands.shp.nqi-export-"_qs, 1, 60000).isEmpty()) {
        exporter.waitForFinished();
        QSKIP("the export finished before it could be stopped");
    }
    exporter.terminate(); // SIGTERM
    QVERIFY(exporter.waitForFinished(20000));
    QCOMPARE(exporter.exitStatus(), QProcess::CrashExit);
    QCOMPARE(folder.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), before);
}

void TestSafety::foldersNamedLikeScratchAreLeftAlone()
{
    // An export removed folders named like its scratch folders of processes gone (kill -9
    // leaves one): anyone who may write beside the target could rename a folder of yours to
    // such a name, and the export deleted the files in it. A name proves nothing: such
    // folders are left alone.
    QTemporaryDir dir;
    const QDir folder(dir.path());
    QProcess gone;
    gone.start(u"true"_qs, QStringList());
    QVERIFY(gone.waitForStarted());
    const qint64 deadPid = gone.processId();
    QVERIFY(gone.waitForFinished());
    const QString renamed =
        u".sites.shp.nqi-export-%1@%2-aaaaaa"_qs.arg(deadPid).arg(QSysInfo::machineHostName());
    QVERIFY(folder.mkdir(renamed));
    for (const QString &file : {u"sites.shp"_qs, u"sites.csv"_qs, u"notes.txt"_qs})
        QVERIFY(writeText(folder.filePath(renamed + u'/' + file), "precious\n"));
    const Run run = runNqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs,
                            u"sites"_qs, u"-o"_qs, folder.filePath(u"sites.shp"_qs)});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QDir(folder.filePath(renamed)).entryList(QDir::Files),
             (QStringList{u"notes.txt"_qs, u"sites.csv"_qs, u"sites.shp"_qs}));
    QVERIFY(QFileInfo(folder.filePath(u"sites.shp"_qs)).size() > 100);
}

void TestSafety::terminatedWhileWaitingToMoveReplacesNothing()
{
    // SIGTERM while an export waited for the lock on the folder (another export moving its
    // Shapefile in): the wait was cut short and the files moved without the lock, beside the
    // other export's; then the process ended. Now nothing is moved.
    QTemporaryDir dir;
    const QDir folder(dir.path());
    const QString target = folder.filePath(u"held.shp"_qs);
    QCOMPARE(runNqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs, u"links"_qs,
                     u"-o"_qs, target})
                 .exitCode,
             0);
    const QMap<QString, QByteArray> before = snapshot(folder);
    const int held = ::open(QFile::encodeName(folder.path()).constData(), O_RDONLY | O_DIRECTORY);
    QVERIFY(held >= 0);
    QCOMPARE(::flock(held, LOCK_EX), 0);
    QProcess exporter;
    exporter.setStandardOutputFile(QProcess::nullDevice());
    exporter.start(cli(), {u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs,
                           u"sites"_qs, u"-o"_qs, target});
    QVERIFY(exporter.waitForStarted());
    // Written and read back (a Shapefile's five files), it waits for the lock.
    QVERIFY(!scratchWithFiles(folder, exporter, u".nqi-export-"_qs, 5, 30000).isEmpty());
    QThread::msleep(300);
    exporter.terminate(); // SIGTERM
    const bool ended = exporter.waitForFinished(20000);
    ::flock(held, LOCK_UN);
    ::close(held);
    QVERIFY(ended);
    QCOMPARE(exporter.exitStatus(), QProcess::CrashExit);
    QCOMPARE(snapshot(folder), before);
}

void TestSafety::oneFileExportsTakeNoFolderLock()
{
    // The folder lock keeps two Shapefile exports' files apart. Any program that may read the
    // folder can hold it, and a one-file export waited for it too (a minute, then failed),
    // although its one rename needs no lock.
    QTemporaryDir dir;
    const QDir folder(dir.path());
    const int held = ::open(QFile::encodeName(folder.path()).constData(), O_RDONLY | O_DIRECTORY);
    QVERIFY(held >= 0);
    QCOMPARE(::flock(held, LOCK_EX), 0);
    const auto release = qScopeGuard([&] {
        ::flock(held, LOCK_UN);
        ::close(held);
    });
    for (const QString &name : {u"sites.geojson"_qs, u"sites.gpkg"_qs, u"sites.csv"_qs}) {
        QProcess exporter;
        exporter.start(cli(), {u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs,
                               u"sites"_qs, u"-o"_qs, folder.filePath(name)});
        QVERIFY2(exporter.waitForFinished(20000), qPrintable(name));
        QVERIFY2(exporter.exitCode() == 0, exporter.readAllStandardError().constData());
        QVERIFY(QFileInfo(folder.filePath(name)).size() > 0);
    }
}

void TestSafety::folderSwappedForALinkMidExportIsNotFollowed()
{
    // The checks ran on the path, and the files were moved in by the path afterwards: a folder
    // on the way renamed and replaced by a link meanwhile (by anyone who may write beside it,
    // such as another user in /tmp) sent the export into the folder the link led to, over its
    // files. Now the target's folder is held from the checks on: the files go into the folder
    // checked, under its new name.
    QTemporaryDir dir;
    QDir base(dir.path());
    QVERIFY(base.mkdir(u"d"_qs) && base.mkdir(u"victim"_qs));
    const QDir victim(base.filePath(u"victim"_qs));
    for (const QString &name : {u"held.shp"_qs, u"held.shx"_qs, u"held.dbf"_qs})
        QVERIFY(writeText(victim.filePath(name), "precious\n"));
    const QMap<QString, QByteArray> before = snapshot(victim);
    const QDir d(base.filePath(u"d"_qs));
    // The export waits for the folder's lock once its Shapefile is written and checked.
    const int held = ::open(QFile::encodeName(d.path()).constData(), O_RDONLY | O_DIRECTORY);
    QVERIFY(held >= 0);
    QCOMPARE(::flock(held, LOCK_EX), 0);
    QProcess exporter;
    exporter.start(cli(), {u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs,
                           u"links"_qs, u"-o"_qs, d.filePath(u"held.shp"_qs)});
    QVERIFY(exporter.waitForStarted());
    const bool waiting = !scratchWithFiles(d, exporter, u".nqi-export-"_qs, 5, 30000).isEmpty();
    QThread::msleep(300);
    const bool swapped = base.rename(u"d"_qs, u"d.old"_qs) &&
                         QFile::link(victim.path(), base.filePath(u"d"_qs));
    ::flock(held, LOCK_UN);
    ::close(held);
    QVERIFY(exporter.waitForFinished(60000));
    QVERIFY(waiting && swapped);
    QCOMPARE(snapshot(victim), before);
    QVERIFY2(exporter.exitCode() == 0, exporter.readAllStandardError().constData());
    const QDir moved(base.filePath(u"d.old"_qs));
    for (const QString &name : {u"held.shp"_qs, u"held.shx"_qs, u"held.dbf"_qs})
        QVERIFY2(QFileInfo(moved.filePath(name)).size() > 0, qPrintable(name));

    // The same while GDAL writes (the files that go with the exported one were looked up by
    // their path once written): the export stopped while it writes a large network's links.
    const QString project = base.filePath(u"large.gpkg"_qs);
    nqi::core::ProjectStore::save(nqi::tests::syntheticNetwork(3000, 3, 0), project);
    for (const QString &suffix : {u"geojson"_qs, u"shp"_qs}) {
        const QString name = u"links."_qs + suffix;
        QVERIFY(base.mkdir(u"e"_qs));
        QVERIFY(writeText(victim.filePath(name), "precious\n"));
        const QMap<QString, QByteArray> victimBefore = snapshot(victim);
        QProcess writer;
        writer.start(cli(), {u"export"_qs, project, u"--layer"_qs, u"links"_qs, u"-o"_qs,
                             base.filePath(u"e/"_qs + name)});
        QVERIFY(writer.waitForStarted());
        const bool writing =
            !scratchWithFiles(QDir(base.filePath(u"e"_qs)), writer, u".nqi-export-"_qs, 1, 30000)
                 .isEmpty();
        ::kill(pid_t(writer.processId()), SIGSTOP);
        const bool moving = base.rename(u"e"_qs, u"e.old"_qs) &&
                            QFile::link(victim.path(), base.filePath(u"e"_qs));
        ::kill(pid_t(writer.processId()), SIGCONT);
        QVERIFY(writer.waitForFinished(60000));
        QVERIFY2(writing && moving, qPrintable(name));
        QCOMPARE(snapshot(victim), victimBefore);
        QVERIFY2(writer.exitCode() == 0, writer.readAllStandardError().constData());
        QVERIFY2(QFileInfo(base.filePath(u"e.old/"_qs + name)).size() > 0, qPrintable(name));
        QVERIFY(QFile::remove(base.filePath(u"e"_qs)) && QDir(base.filePath(u"e.old"_qs)).removeRecursively());
    }
}

void TestSafety::folderSwappedMidSaveRemovesOnlyItsOwnLock()
{
    // A save whose project folder was renamed and replaced by a link to another project's
    // folder while it wrote: the save landed where it began, but its lock file was removed by
    // its path at the end, which by then was the other project's lock file, held by a running
    // program (a third writer could then take that project too); its own stayed behind.
    QTemporaryDir dir;
    QDir base(dir.path());
    QVERIFY(base.mkdir(u"a"_qs) && base.mkdir(u"other"_qs));
    const QString project = base.filePath(u"a/big.gpkg"_qs);
    nqi::core::ProjectStore::save(nqi::tests::syntheticNetwork(1500, 3, 20000), project);
    QVERIFY(QFile::copy(project, base.filePath(u"other/big.gpkg"_qs)));
    const QString otherLock = base.filePath(u"other/.~lock.big.gpkg#"_qs);
    QProcess holder;
    QVERIFY(holdLock(holder, otherLock, u"alice"_qs, 120));
    const auto stopHolder = qScopeGuard([&] {
        holder.kill();
        holder.waitForFinished();
    });
    QProcess importer;
    importer.start(cli(), {u"import"_qs, siteCsv(base, u"MV1"_qs, 4), u"--into"_qs, project});
    QVERIFY(importer.waitForStarted());
    // Until the save writes its temporary file (the project lock held, the target checked), and
    // has written into it: the file open. (Stopped between making the file and opening it, the
    // save went on by a path the swap had moved, and failed safely, "cannot open": the test
    // failed now and then on that, not on what it checks.)
    bool saving = false;
    QElapsedTimer clock;
    clock.start();
    while (!saving && clock.elapsed() < 60000 && importer.state() == QProcess::Running) {
        const QDir folder(base.filePath(u"a"_qs));
        for (const QFileInfo &temporary :
             folder.entryInfoList({u".big.gpkg.saving-*"_qs}, QDir::Files | QDir::Hidden))
            saving = saving || temporary.size() > 0;
        if (!saving)
            QThread::usleep(500);
    }
    ::kill(pid_t(importer.processId()), SIGSTOP);
    const bool swapped = base.rename(u"a"_qs, u"a.moved"_qs) &&
                         QFile::link(base.filePath(u"other"_qs), base.filePath(u"a"_qs));
    ::kill(pid_t(importer.processId()), SIGCONT);
    QVERIFY(importer.waitForFinished(120000));
    QVERIFY(saving && swapped);
    QVERIFY2(importer.exitCode() == 0, importer.readAllStandardError().constData());
    QVERIFY(QFileInfo::exists(otherLock));
    QVERIFY(!QFileInfo::exists(base.filePath(u"a.moved/.~lock.big.gpkg#"_qs)));
    QCOMPARE(siteCount(base.filePath(u"a.moved/big.gpkg"_qs)), 1501);

    // Swapped while a planner computes, before the save begins: the save went by the path, into
    // the other folder, over the other project (a copy: nothing told them apart; nobody had it
    // open). Now nothing is saved, and the run says why.
    holder.kill();
    holder.waitForFinished();
    QFile::remove(otherLock);
    QVERIFY(QFile::remove(base.filePath(u"a"_qs)) && base.rename(u"a.moved"_qs, u"a"_qs));
    QVERIFY(QFile::remove(base.filePath(u"other/big.gpkg"_qs)) &&
            QFile::copy(project, base.filePath(u"other/big.gpkg"_qs)));
    const QByteArray otherBefore = contents(base.filePath(u"other/big.gpkg"_qs));
    const QByteArray ownBefore = contents(project);
    QProcess planner;
    planner.setStandardOutputFile(QProcess::nullDevice());
    planner.start(cli(), {u"plan"_qs, u"resilience"_qs, project, u"--save"_qs});
    QVERIFY(planner.waitForStarted());
    const QString ownLock = base.filePath(u"a/.~lock.big.gpkg#"_qs);
    clock.restart();
    while (!QFileInfo::exists(ownLock) && clock.elapsed() < 60000 &&
           planner.state() == QProcess::Running)
        QThread::usleep(500);
    const bool locked = QFileInfo::exists(ownLock);
    const bool replaced = base.rename(u"a"_qs, u"a.moved"_qs) &&
                          QFile::link(base.filePath(u"other"_qs), base.filePath(u"a"_qs));
    QVERIFY(planner.waitForFinished(300000));
    QVERIFY(locked && replaced);
    const QString said = QString::fromUtf8(planner.readAllStandardError());
    QCOMPARE(planner.exitCode(), 1);
    QVERIFY2(said.contains(u"moved or replaced while NQI worked on it"_qs), qPrintable(said));
    QVERIFY(contents(base.filePath(u"other/big.gpkg"_qs)) == otherBefore);
    QVERIFY(contents(base.filePath(u"a.moved/big.gpkg"_qs)) == ownBefore);
    QVERIFY(!QFileInfo::exists(otherLock));
    QVERIFY(!QFileInfo::exists(base.filePath(u"a.moved/.~lock.big.gpkg#"_qs)));
}

void TestSafety::descriptorsNqiDidNotInheritAreNoOutputs()
{
    // -o /dev/fd/N names an open file: one the shell gave nqi is written, but a number nqi did
    // not inherit is one of its own files by the time it writes (PROJ's database got the
    // export appended, the scratch file streamed into itself until the disk was full); and
    // standard input is no output. A path through /proc/self/cwd is a file like any other: it
    // was appended to.
    // (Numbers nqi does not reach here, so that a regression cannot write into a file of
    // nqi's own, as /dev/fd/7, PROJ's database, was.)
    QTemporaryDir dir;
    const QString project = QStringLiteral(NQI_SAMPLE_PROJECT);
    for (const QString &output : {u"/dev/fd/900"_qs, u"/proc/self/fd/901"_qs}) {
        const Run run = runNqi({u"export"_qs, project, u"--layer"_qs, u"sites"_qs, u"--format"_qs,
                                u"geojson"_qs, u"-o"_qs, output});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"which was not open when NQI started"_qs), qPrintable(run.err));
    }
    const Run input = runNqi({u"export"_qs, project, u"--layer"_qs, u"sites"_qs, u"--format"_qs,
                              u"csv"_qs, u"-o"_qs, u"/dev/stdin"_qs});
    QCOMPARE(input.exitCode, 1);
    QVERIFY2(input.err.contains(u"is standard input, not an output"_qs), qPrintable(input.err));
    // A descriptor the shell opened for nqi is written.
    const QString given = dir.filePath(u"given.csv"_qs);
    QProcess shell;
    shell.start(u"bash"_qs, {u"-c"_qs, u"\"$0\" export \"$1\" --layer sites --format csv "
                                      "-o /dev/fd/3 3> \"$2\""_qs,
                            cli(), project, given});
    QVERIFY(shell.waitForFinished(60000));
    QVERIFY2(shell.exitCode() == 0, shell.readAllStandardError().constData());
    QVERIFY(contents(given).startsWith("id,code,name"));
    // Through /proc/self/cwd: replaced.
    QVERIFY(writeText(dir.filePath(u"x.csv"_qs), "old\n"));
    const Run cwd = runNqiIn(dir.path(), {u"export"_qs, project, u"--layer"_qs, u"sites"_qs,
                                          u"-o"_qs, u"/proc/self/cwd/x.csv"_qs});
    QVERIFY2(cwd.exitCode == 0, qPrintable(cwd.err));
    QVERIFY(contents(dir.filePath(u"x.csv"_qs)).startsWith("id,code,name"));
}

void TestSafety::oddFilesAtLockAndCompanionNamesAreLeftAlone()
{
    // A lock file with a second name (a hard link to any file) was taken over as stale and
    // rewritten, losing that file; a pipe at a Shapefile's .dbf was replaced without a word.
    QTemporaryDir dir;
    const QDir folder(dir.path());
    const QString project = folder.filePath(u"p.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    const QString precious = folder.filePath(u"precious.conf"_qs);
    QVERIFY(writeText(precious, "precious\n"));
    QCOMPARE(::link(QFile::encodeName(precious).constData(),
                    QFile::encodeName(folder.filePath(u".~lock.p.gpkg#"_qs)).constData()),
             0);
    const Run locked =
        runNqi({u"import"_qs, siteCsv(folder, u"HL1"_qs, 2), u"--into"_qs, project});
    QCOMPARE(locked.exitCode, 1);
    QVERIFY2(locked.err.contains(u"is not a plain file"_qs), qPrintable(locked.err));
    QCOMPARE(contents(precious), QByteArray("precious\n"));
    QCOMPARE(siteCount(project), 59);

    const QString pipe = folder.filePath(u"x.dbf"_qs);
    QCOMPARE(::mkfifo(QFile::encodeName(pipe).constData(), 0600), 0);
    const Run shapefile = runNqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs,
                                  u"sites"_qs, u"-o"_qs, folder.filePath(u"x.shp"_qs)});
    QCOMPARE(shapefile.exitCode, 1);
    QVERIFY2(shapefile.err.contains(u"x.dbf: is not a plain file"_qs), qPrintable(shapefile.err));
    struct stat st = {};
    QCOMPARE(::lstat(QFile::encodeName(pipe).constData(), &st), 0);
    QVERIFY(S_ISFIFO(st.st_mode));
    QVERIFY(!QFileInfo::exists(folder.filePath(u"x.shp"_qs)));
}

void TestSafety::anotherUsersLinkInASharedFolderIsNotFollowed()
{
    // /tmp and the like: a link another user made there could lead root's export over any
    // file (the kernel's protected_symlinks, off on some systems, is the rule kept).
    if (::geteuid() != 0)
        QSKIP("making a link of another user needs root (CI runs as root)");
    QTemporaryDir dir;
    const QDir folder(dir.path());
    QVERIFY(folder.mkdir(u"shared"_qs));
    const QString shared = folder.filePath(u"shared"_qs);
    QCOMPARE(::chmod(QFile::encodeName(shared).constData(), 01777), 0);
    const QString secret = folder.filePath(u"secret.conf"_qs);
    QVERIFY(writeText(secret, "secret\n"));
    const QString link = QDir(shared).filePath(u"report.csv"_qs);
    QVERIFY(QFile::link(secret, link));
    QCOMPARE(::lchown(QFile::encodeName(link).constData(), 65534, 65534), 0);
    const QString dangling = QDir(shared).filePath(u"new.csv"_qs);
    QVERIFY(QFile::link(folder.filePath(u"planted.csv"_qs), dangling));
    QCOMPARE(::lchown(QFile::encodeName(dangling).constData(), 65534, 65534), 0);
    for (const QString &output : {link, dangling}) {
        const Run run = runNqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs,
                                u"sites"_qs, u"-o"_qs, output});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"a symbolic link another user (nobody) made"_qs),
                 qPrintable(run.err));
    }
    // Nor as a folder on the way: shared/evil -> a folder only root may write in.
    QVERIFY(folder.mkdir(u"rootonly"_qs));
    const QString evil = QDir(shared).filePath(u"evil"_qs);
    QVERIFY(QFile::link(folder.filePath(u"rootonly"_qs), evil));
    QCOMPARE(::lchown(QFile::encodeName(evil).constData(), 65534, 65534), 0);
    for (const QString &name : {u"out.csv"_qs, u"out.geojson"_qs}) {
        const Run run = runNqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs,
                                u"sites"_qs, u"-o"_qs, evil + u'/' + name});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"leads through "_qs + evil), qPrintable(run.err));
    }
    // nqi config wrote a whole folder of configurations there.
    const Run config = runNqi({u"config"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--dialect"_qs,
                               u"frr"_qs, u"--no-save"_qs, u"-o"_qs, evil + u"/cfg"_qs});
    QCOMPARE(config.exitCode, 1);
    QVERIFY2(config.err.contains(u"leads through "_qs + evil), qPrintable(config.err));
    QVERIFY(QDir(folder.filePath(u"rootonly"_qs))
                .isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
    QCOMPARE(contents(secret), QByteArray("secret\n"));
    QVERIFY(!QFileInfo::exists(folder.filePath(u"planted.csv"_qs)));
    // A link of your own there is followed.
    QCOMPARE(::lchown(QFile::encodeName(link).constData(), 0, 0), 0);
    QCOMPARE(runNqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs, u"sites"_qs,
                     u"-o"_qs, link})
                 .exitCode,
             0);
    QVERIFY(QFileInfo(link).isSymLink());
    QVERIFY(contents(secret).startsWith("id,"));
}

void TestSafety::anotherUsersFileInASharedFolderIsLeftAlone()
{
    // /tmp and the like: a file or pipe another user made there first, at the name of root's
    // output, was replaced (the new file kept its owner and 0666: theirs to read and change) or
    // written to (a pipe: nqi waited forever), and a pipe named like the output's lock file
    // kept nqi waiting too (the kernel's protected_regular and protected_fifos are the rules).
    if (::geteuid() != 0)
        QSKIP("making another user's files needs root (CI runs as root)");
    QTemporaryDir dir;
    const QDir shared(dir.filePath(u"shared"_qs));
    QVERIFY(QDir(dir.path()).mkdir(u"shared"_qs));
    QCOMPARE(::chmod(QFile::encodeName(shared.path()).constData(), 01777), 0);
    auto theirs = [&](const QString &name, bool pipe, const QByteArray &text = "theirs\n") {
        const QString path = shared.filePath(name);
        if (pipe)
            return ::mkfifo(QFile::encodeName(path).constData(), 0666) == 0 &&
                   ::chown(QFile::encodeName(path).constData(), 65534, 65534) == 0 &&
                   ::chmod(QFile::encodeName(path).constData(), 0666) == 0;
        return writeText(path, text) &&
               ::chown(QFile::encodeName(path).constData(), 65534, 65534) == 0 &&
               ::chmod(QFile::encodeName(path).constData(), 0666) == 0;
    };
    // Within a minute, or not at all.
    auto exportTo = [](const QString &output) {
        QProcess process;
        process.start(cli(), {u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs,
                              u"sites"_qs, u"-o"_qs, output});
        Run run;
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            run.err = u"still running after 60 s"_qs;
            return run;
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    };
    for (const QString &name : {u"report.csv"_qs, u"report.geojson"_qs}) {
        QVERIFY(theirs(name, false));
        const Run run = exportTo(shared.filePath(name));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"belongs to nobody"_qs) &&
                     run.err.contains(u"another user's file there"_qs),
                 qPrintable(run.err));
        QCOMPARE(contents(shared.filePath(name)), QByteArray("theirs\n"));
    }
    QVERIFY(theirs(u"pipe.csv"_qs, true));
    const Run pipe = exportTo(shared.filePath(u"pipe.csv"_qs));
    QCOMPARE(pipe.exitCode, 1);
    QVERIFY2(pipe.err.contains(u"another user's pipe there"_qs), qPrintable(pipe.err));
    // A pipe named like the output's lock file is no lock: the export is written.
    QVERIFY(theirs(u".~lock.out.csv#"_qs, true));
    const Run besidePipe = exportTo(shared.filePath(u"out.csv"_qs));
    QVERIFY2(besidePipe.exitCode == 0, qPrintable(besidePipe.err));
    QVERIFY(contents(shared.filePath(u"out.csv"_qs)).startsWith("id,"));
    // A lock file another user left naming root (process 1 runs): respected, but said to be
    // theirs, not root's.
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    QVERIFY(theirs(u".~lock.claimed.csv#"_qs, false,
                   u"user: root\nhost: %1\nprogram: nqi-workbench\npid: 1\n"_qs
                       .arg(QString::fromLocal8Bit(host))
                       .toUtf8()));
    const Run claimed = exportTo(shared.filePath(u"claimed.csv"_qs));
    QCOMPARE(claimed.exitCode, 1);
    QVERIFY2(claimed.err.contains(u"its lock file was made by nobody, not root"_qs),
             qPrintable(claimed.err));
    QVERIFY(!QFileInfo::exists(shared.filePath(u"claimed.csv"_qs)));
    // The folder's owner's files are theirs to share: replaced, keeping owner and mode.
    QCOMPARE(::chown(QFile::encodeName(shared.path()).constData(), 65534, 65534), 0);
    QVERIFY(theirs(u"owners.csv"_qs, false));
    QCOMPARE(exportTo(shared.filePath(u"owners.csv"_qs)).exitCode, 0);
    QVERIFY(contents(shared.filePath(u"owners.csv"_qs)).startsWith("id,"));
    QCOMPARE(::chown(QFile::encodeName(shared.path()).constData(), 0, 0), 0);

    // Root's save of its project there: another user's (stale) lock file was opened and written
    // to (theirs to change while root held it), and their file named like a save's temporary
    // was removed on its name alone.
    const QString project = shared.filePath(u"p.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    // Their file of that name that is no lock is theirs: refused and kept.
    QVERIFY(theirs(u".~lock.p.gpkg#"_qs, false, "theirs\n"));
    const Run notALock =
        runNqi({u"import"_qs, siteCsv(QDir(dir.path()), u"SH0"_qs, 2), u"--into"_qs, project});
    QCOMPARE(notALock.exitCode, 1);
    QVERIFY2(notALock.err.contains(u"is not a lock"_qs), qPrintable(notALock.err));
    QCOMPARE(contents(shared.filePath(u".~lock.p.gpkg#"_qs)), QByteArray("theirs\n"));
    QVERIFY(QFile::remove(shared.filePath(u".~lock.p.gpkg#"_qs)));
    // Their stale lock (its process gone).
    QProcess gone;
    gone.start(u"true"_qs, QStringList());
    gone.waitForFinished();
    char thisHost[256] = {};
    ::gethostname(thisHost, sizeof thisHost - 1);
    const QByteArray stale = u"user: nobody\nhost: %1\nprogram: nqi\npid: %2\nstarted: 1\n"_qs
                                 .arg(QString::fromLocal8Bit(thisHost))
                                 .arg(gone.processId() > 0 ? gone.processId() : 999999)
                                 .toUtf8();
    QVERIFY(theirs(u".~lock.p.gpkg#"_qs, false, stale));
    // Held open here: what root may write into their lock file shows, even once it is removed.
    QFile seen(shared.filePath(u".~lock.p.gpkg#"_qs));
    QVERIFY(seen.open(QIODevice::ReadOnly));
    QVERIFY(theirs(u".p.gpkg.saving-999999"_qs, false, "their work\n"));
    const Run saved =
        runNqi({u"import"_qs, siteCsv(QDir(dir.path()), u"SH1"_qs, 3), u"--into"_qs, project});
    QVERIFY2(saved.exitCode == 0, qPrintable(saved.err));
    QVERIFY(seen.seek(0));
    QCOMPARE(seen.readAll(), stale);
    QCOMPARE(contents(shared.filePath(u".p.gpkg.saving-999999"_qs)), QByteArray("their work\n"));
    QVERIFY(!QFileInfo::exists(shared.filePath(u".~lock.p.gpkg#"_qs)));
    // Their lock from another host cannot be checked from here: respected, not removed as
    // stale.
    const QByteArray elsewhere =
        "user: nobody\nhost: build7.example\nprogram: nqi-workbench\npid: 4242\n";
    QVERIFY(theirs(u".~lock.p.gpkg#"_qs, false, elsewhere));
    const Run respected =
        runNqi({u"import"_qs, siteCsv(QDir(dir.path()), u"SH2"_qs, 4), u"--into"_qs, project});
    QCOMPARE(respected.exitCode, 1);
    QVERIFY2(respected.err.contains(u"locked for writing by nobody on build7.example"_qs),
             qPrintable(respected.err));
    QCOMPARE(contents(shared.filePath(u".~lock.p.gpkg#"_qs)), elsewhere);
}

void TestSafety::scratchFolderSwappedForALinkEmptiesNothing()
{
    // Anyone who may write in the target's folder could rename the export's scratch folder and
    // put a link to another folder in its place: SIGTERM's cleanup (and the normal one) then
    // emptied the folder the link led to.
    QTemporaryDir dir;
    const QDir folder(dir.path());
    QVERIFY(folder.mkdir(u"out"_qs) && folder.mkdir(u"victim"_qs));
    QDir out(folder.filePath(u"out"_qs));
    const QDir victim(folder.filePath(u"victim"_qs));
    for (const QString &name : {u"a.txt"_qs, u"b.txt"_qs})
        QVERIFY(writeText(victim.filePath(name), "precious\n"));
    const QString project = folder.filePath(u"big.gpkg"_qs);
    nqi::core::ProjectStore::save(nqi::tests::syntheticNetwork(1000, 3, 150000), project);
    for (const bool terminate : {true, false}) {
        QProcess exporter;
        exporter.setStandardOutputFile(QProcess::nullDevice());
        exporter.start(cli(), {u"export"_qs, project, u"--layer"_qs, u"demands"_qs, u"-o"_qs,
                               out.filePath(u"demands.shp"_qs)});
        QVERIFY(exporter.waitForStarted());
        const QString scratch =
            scratchWithFiles(out, exporter, u".nqi-export-"_qs, 1, 60000);
        if (scratch.isEmpty()) {
            exporter.waitForFinished();
            QSKIP("the export finished before its folder could be swapped");
        }
        QVERIFY(out.rename(scratch, u".moved"_qs));
        QVERIFY(QFile::link(victim.absolutePath(), out.filePath(scratch)));
        if (terminate)
            exporter.terminate(); // SIGTERM
        QVERIFY(exporter.waitForFinished(60000));
        QCOMPARE(victim.entryList(QDir::Files), (QStringList{u"a.txt"_qs, u"b.txt"_qs}));
        QCOMPARE(contents(victim.filePath(u"a.txt"_qs)), QByteArray("precious\n"));
        // The link is left as it was put, and the real folder (wherever it went) emptied.
        QVERIFY(QFileInfo(out.filePath(scratch)).isSymLink());
        QVERIFY(QDir(out.filePath(u".moved"_qs)).isEmpty(QDir::Files | QDir::Hidden));
        QFile::remove(out.filePath(scratch));
        out.rmdir(u".moved"_qs);
        if (!terminate) {
            QCOMPARE(exporter.exitCode(), 0);
            QVERIFY(QFileInfo(out.filePath(u"demands.dbf"_qs)).size() > 1000000);
        }
    }
}

void TestSafety::twoShapefileExportsNeverMix()
{
    // A Shapefile is several files moved into place one by one: two exports to the same name
    // at once could leave one's .shp beside the other's .dbf.
    QTemporaryDir dir;
    const QDir folder(dir.path());
    const QString project = QStringLiteral(NQI_SAMPLE_PROJECT);
    const QStringList layers{u"sites"_qs, u"links"_qs};
    const QStringList parts{u"shp"_qs, u"shx"_qs, u"dbf"_qs};
    QMap<QString, QMap<QString, QByteArray>> reference;
    for (const QString &layer : layers) {
        const QString file = folder.filePath(layer + u".shp"_qs);
        QCOMPARE(runNqi({u"export"_qs, project, u"--layer"_qs, layer, u"-o"_qs, file}).exitCode, 0);
        for (const QString &part : parts)
            reference[layer][part] = contents(folder.filePath(layer + u'.' + part));
    }
    const QString target = folder.filePath(u"both.shp"_qs);
    for (int round = 0; round < 30; ++round) {
        QProcess first, second;
        for (QProcess *process : {&first, &second})
            process->setStandardOutputFile(QProcess::nullDevice());
        first.start(cli(), {u"export"_qs, project, u"--layer"_qs, layers[0], u"-o"_qs, target});
        second.start(cli(), {u"export"_qs, project, u"--layer"_qs, layers[1], u"-o"_qs, target});
        QVERIFY(first.waitForFinished(60000) && second.waitForFinished(60000));
        QCOMPARE(first.exitCode(), 0);
        QCOMPARE(second.exitCode(), 0);
        const QString winner =
            contents(folder.filePath(u"both.shp"_qs)) == reference[layers[0]][u"shp"_qs] ? layers[0]
                                                                                     : layers[1];
        for (const QString &part : parts) {
            QVERIFY2(contents(folder.filePath(u"both."_qs + part)) == reference[winner][part],
                     qPrintable(u"round %1: both.%2 is not %3's"_qs.arg(round).arg(part, winner)));
        }
        QVERIFY2(leftovers(folder).isEmpty(), qPrintable(leftovers(folder).join(u' ')));
    }
}

void TestSafety::outputOverAnInputsLockFileIsRefused()
{
    // The workbench holds lk.gpkg; `nqi merge ... -o '.~lock.lk.gpkg#'` replaced its lock with
    // JSON, and the next `nqi plan route lk.gpkg --save` took the "stale" lock over and saved
    // under the running workbench.
    QTemporaryDir dir;
    const QDir folder(dir.path());
    QVERIFY(folder.mkdir(u"sub"_qs));
    const QString project = folder.filePath(u"lk.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    const QStringList parts = resilienceParts(project);
    QCOMPARE(parts.size(), 2);
    const QString lockFile = folder.filePath(u".~lock.lk.gpkg#"_qs);
    QProcess holder;
    QVERIFY(holdLock(holder, lockFile, u"alice"_qs, 120));
    const QMap<QString, QByteArray> before = snapshot(folder);
    const QByteArray lockBytes = contents(lockFile);
    QVERIFY(lockBytes.contains("nqi-workbench"));

    const QString name = u".~lock.lk.gpkg#"_qs;
    const QStringList spellings{name,
                                u"./"_qs + name,
                                u"sub/../"_qs + name,
                                u"../"_qs + QFileInfo(dir.path()).fileName() + u'/' + name,
                                lockFile,
                                u"/proc/self/cwd/"_qs + name};
    for (const QString &output : spellings) {
        const QList<QStringList> commands{
            {u"merge"_qs, parts.at(0), parts.at(1), u"-o"_qs, output},
            {u"plan"_qs, u"resilience"_qs, u"lk.gpkg"_qs, u"-o"_qs, output},
            {u"address"_qs, u"lk.gpkg"_qs, u"--no-save"_qs, u"--csv"_qs, output},
            {u"export"_qs, u"lk.gpkg"_qs, u"--layer"_qs, u"sites"_qs, u"-o"_qs, output}};
        for (const QStringList &command : commands) {
            const QString what = command.join(u' ');
            const Run run = runNqiIn(dir.path(), command);
            QVERIFY2(run.exitCode == 1, qPrintable(what + u": exit 0; "_qs + run.err));
            QVERIFY2(run.err.contains(output + u" is the lock file of "_qs), qPrintable(run.err));
            QVERIFY2(run.err.contains(u"lk.gpkg, which nqi-workbench holds open"_qs),
                     qPrintable(run.err));
            QVERIFY2(run.err.contains(u"choose another output file"_qs), qPrintable(run.err));
            QVERIFY2(contents(lockFile) == lockBytes, qPrintable(what));
            QVERIFY2(snapshot(folder) == before, qPrintable(what));
        }
    }
    // The lock still holds: the project is not saved under the workbench.
    const Run save = runNqi({u"plan"_qs, u"route"_qs, project, u"--save"_qs});
    QCOMPARE(save.exitCode, 1);
    QVERIFY2(save.err.contains(u"is locked for writing by alice on"_qs), qPrintable(save.err));
    // Nor is the project itself written to under another spelling of its name.
    const QString other = copy(u"other.gpkg"_qs);
    const Run appended = runNqiIn(dir.path(), {u"address"_qs, other, u"--no-save"_qs, u"--csv"_qs,
                                               u"/proc/self/cwd/lk.gpkg"_qs});
    QCOMPARE(appended.exitCode, 1);
    QVERIFY2(appended.err.contains(u"locked for writing by alice"_qs), qPrintable(appended.err));
    QCOMPARE(snapshot(folder), before);
    holder.kill();
    holder.waitForFinished(10000);
}

void TestSafety::outputOverSqliteCompanionsIsRefused()
{
    // `-o lk.gpkg-wal` wrote JSON over the write-ahead log of the project the workbench had
    // open: the changes not yet in lk.gpkg itself were lost, the project damaged.
    QTemporaryDir dir;
    const QDir folder(dir.path());
    const QString project = folder.filePath(u"lk.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    const QStringList parts = resilienceParts(project);
    QCOMPARE(parts.size(), 2);
    QVERIFY(
        writeText(folder.filePath(u"lk.gpkg-wal"_qs), "the latest changes, not yet in lk.gpkg"));
    QVERIFY(writeText(folder.filePath(u"lk.gpkg-shm"_qs), QByteArray(32768, '\0')));
    const QMap<QString, QByteArray> before = snapshot(folder);
    const QList<std::pair<QString, QString>> companions{
        {u"lk.gpkg-wal"_qs, u"the write-ahead log of "_qs},
        {u"lk.gpkg-shm"_qs, u"the shared-memory index of "_qs},
        {u"lk.gpkg-journal"_qs, u"the rollback journal of "_qs}}; // not there: not made either
    for (const auto &[name, what] : companions) {
        for (const QString &output : QStringList{name, u"./"_qs + name, folder.filePath(name)}) {
            const QList<QStringList> commands{
                {u"merge"_qs, parts.at(0), parts.at(1), u"-o"_qs, output},
                {u"plan"_qs, u"resilience"_qs, project, u"-o"_qs, output},
                {u"address"_qs, project, u"--no-save"_qs, u"--csv"_qs, output}};
            for (const QStringList &command : commands) {
                const Run run = runNqiIn(dir.path(), command);
                QVERIFY2(run.exitCode == 1,
                         qPrintable(command.join(u' ') + u": exit 0; "_qs + run.err));
                QVERIFY2(run.err.contains(output + u" is "_qs + what), qPrintable(run.err));
                QVERIFY2(run.err.contains(u"choose another output file"_qs), qPrintable(run.err));
                QVERIFY2(snapshot(folder) == before, qPrintable(command.join(u' ')));
            }
        }
    }
    // A file named so beside something that is no SQLite database is an output like any other.
    QVERIFY(writeText(folder.filePath(u"notes.txt"_qs), "notes\n"));
    const Run plain = runNqiIn(
        dir.path(), {u"address"_qs, project, u"--no-save"_qs, u"--csv"_qs, u"notes.txt-wal"_qs});
    QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
    QVERIFY(contents(folder.filePath(u"notes.txt-wal"_qs)).startsWith("site,interface,"));
}

void TestSafety::outputThroughALinkToALockIsRefused()
{
    QTemporaryDir dir;
    const QDir folder(dir.path());
    const QString project = folder.filePath(u"lk.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    const QStringList parts = resilienceParts(project);
    QCOMPARE(parts.size(), 2);
    const QString lockFile = folder.filePath(u".~lock.lk.gpkg#"_qs);
    QProcess holder;
    QVERIFY(holdLock(holder, lockFile, u"alice"_qs, 120));
    QVERIFY(writeText(folder.filePath(u"lk.gpkg-wal"_qs), "the latest changes"));
    // A link beside them (relative), a link from elsewhere (absolute), a link to a link.
    QTemporaryDir elsewhere;
    const QDir away(elsewhere.path());
    QVERIFY(QFile::link(u".~lock.lk.gpkg#"_qs, folder.filePath(u"result.json"_qs)));
    QVERIFY(QFile::link(lockFile, away.filePath(u"result.json"_qs)));
    QVERIFY(QFile::link(away.filePath(u"result.json"_qs), away.filePath(u"chain.json"_qs)));
    QVERIFY(QFile::link(folder.filePath(u"lk.gpkg-wal"_qs), away.filePath(u"wal.json"_qs)));
    const QMap<QString, QByteArray> before = snapshot(folder);
    const QMap<QString, QByteArray> beforeAway = snapshot(away);
    const QList<std::pair<QString, QString>> links{
        {folder.filePath(u"result.json"_qs), u"is the lock file of "_qs},
        {away.filePath(u"result.json"_qs), u"is the lock file of "_qs},
        {away.filePath(u"chain.json"_qs), u"is the lock file of "_qs},
        {away.filePath(u"wal.json"_qs), u"is the write-ahead log of "_qs}};
    for (const auto &[link, what] : links) {
        for (const QStringList &command :
             {QStringList{u"merge"_qs, parts.at(0), parts.at(1), u"-o"_qs, link},
              QStringList{u"address"_qs, project, u"--no-save"_qs, u"--csv"_qs, link}}) {
            const Run run = runNqi(command);
            QVERIFY2(run.exitCode == 1,
                     qPrintable(command.join(u' ') + u": exit 0; "_qs + run.err));
            QVERIFY2(run.err.contains(link + u" (a link to "_qs), qPrintable(run.err));
            QVERIFY2(run.err.contains(what), qPrintable(run.err));
            QVERIFY2(run.err.contains(u"choose another output file"_qs), qPrintable(run.err));
            QVERIFY2(snapshot(folder) == before, qPrintable(command.join(u' ')));
            QVERIFY2(snapshot(away) == beforeAway, qPrintable(command.join(u' ')));
        }
    }
    const Run save = runNqi({u"plan"_qs, u"route"_qs, project, u"--save"_qs});
    QCOMPARE(save.exitCode, 1);
    QVERIFY2(save.err.contains(u"is locked for writing by alice on"_qs), qPrintable(save.err));
    holder.kill();
    holder.waitForFinished(10000);
}

void TestSafety::outputNamedLikeAnotherProjectsLockIsRefused()
{
    // `nqi export a.gpkg -o .~lock.b.gpkg#` while the workbench holds b.gpkg: b is no input,
    // but its lock is not NQI's to replace either. Nor is any file named like a lock.
    QTemporaryDir dir;
    const QDir folder(dir.path());
    const QString a = folder.filePath(u"a.gpkg"_qs);
    const QString b = folder.filePath(u"b.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), a));
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), b));
    const QStringList parts = resilienceParts(a);
    QCOMPARE(parts.size(), 2);
    const QString sites = siteCsv(folder, u"LKB"_qs, 15);
    const QString lockFile = folder.filePath(u".~lock.b.gpkg#"_qs);
    QProcess holder;
    QVERIFY(holdLock(holder, lockFile, u"bob"_qs, 120));
    QVERIFY(writeText(folder.filePath(u"b.gpkg-wal"_qs), "b's latest changes"));
    const QMap<QString, QByteArray> before = snapshot(folder);
    struct Case
    {
        QString output;
        QString says;
    };
    const QList<Case> cases{
        {u".~lock.b.gpkg#"_qs, u".~lock.b.gpkg# is the lock file of b.gpkg, which nqi-workbench "
                               "holds open"_qs},
        {u"b.gpkg-wal"_qs, u"b.gpkg-wal is the write-ahead log of b.gpkg, which nqi-workbench "
                           "holds open"_qs},
        {u"b.gpkg-journal"_qs, u"b.gpkg-journal is the rollback journal of b.gpkg"_qs},
        // A project nobody holds now, one that does not exist, a lock's name in other case.
        {u".~lock.a.gpkg#"_qs, u".~lock.a.gpkg# is the lock file of a.gpkg"_qs},
        {u".~lock.nowhere.gpkg#"_qs, u".~lock.nowhere.gpkg# is named like the lock file of"_qs},
        {u".~LOCK.b.gpkg#"_qs, u".~LOCK.b.gpkg# is "_qs}};
    for (const Case &c : cases) {
        const QList<QStringList> commands{
            {u"export"_qs, u"a.gpkg"_qs, u"--layer"_qs, u"sites"_qs, u"-o"_qs, c.output},
            {u"merge"_qs, parts.at(0), parts.at(1), u"-o"_qs, c.output},
            {u"address"_qs, u"a.gpkg"_qs, u"--no-save"_qs, u"--csv"_qs, c.output},
            {u"import"_qs, sites, u"-o"_qs, c.output, u"--force"_qs}};
        for (const QStringList &command : commands) {
            const Run run = runNqiIn(dir.path(), command);
            QVERIFY2(run.exitCode == 1,
                     qPrintable(command.join(u' ') + u": exit 0; "_qs + run.err));
            QVERIFY2(run.err.contains(c.says), qPrintable(run.err));
            QVERIFY2(run.err.contains(u"choose another output file"_qs), qPrintable(run.err));
            QVERIFY2(snapshot(folder) == before, qPrintable(command.join(u' ')));
        }
    }
    holder.kill();
    holder.waitForFinished(10000);
}

QTEST_GUILESS_MAIN(TestSafety)
#include "tst_safety.moc"
