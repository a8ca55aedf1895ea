// Writes a layer through GDAL: GeoJSON, KML, GeoPackage, Shapefile and other vector drivers.

#include "core/io/gdal_p.h"
#include "core/io/layertable_p.h"
#include "core/io/outputfile.h"
#include "core/model/diagnostic.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSysInfo>
#include <QThread>

#include <cerrno>
#include <cstdio>
#include <limits>
#include <optional>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace nqi::core {

using namespace gdal;

namespace {

GDALDriverH driverForSuffix(const QString &suffix, const QString &path)
{
    static const std::pair<const char16_t *, const char *> kKnown[] = {
        {u"geojson", "GeoJSON"},    {u"json", "GeoJSON"},   {u"kml", "KML"}, {u"gpkg", "GPKG"},
        {u"shp", "ESRI Shapefile"}, {u"fgb", "FlatGeobuf"}, {u"gml", "GML"},
    };
    for (const auto &[extension, name] : kKnown) {
        if (suffix == QStringView(extension))
            return GDALGetDriverByName(name);
    }
    // Any other vector driver that can create files and claims the extension.
    for (int i = 0; i < GDALGetDriverCount(); ++i) {
        GDALDriverH driver = GDALGetDriver(i);
        const char *vector = GDALGetMetadataItem(driver, GDAL_DCAP_VECTOR, nullptr);
        const char *create = GDALGetMetadataItem(driver, GDAL_DCAP_CREATE, nullptr);
        const char *extensions = GDALGetMetadataItem(driver, GDAL_DMD_EXTENSIONS, nullptr);
        if (vector && create && extensions &&
            QString::fromUtf8(extensions).split(u' ').contains(suffix)) {
            return driver;
        }
    }
    throw Failure(makeError(path, 0, {},
                            u"unknown export format \".%1\"; use .csv, .geojson, "
                            ".kml, .gpkg or .shp"_qs.arg(suffix)));
}

// Formats written as XML 1.0, which cannot hold C0 controls (but tab and line breaks), lone
// surrogates, U+FFFE or U+FFFF: GDAL writes them as they are and no reader opens the file.
bool writesXml(GDALDriverH driver)
{
    const QString name = QString::fromLatin1(GDALGetDriverShortName(driver));
    static const QStringList kXml{u"KML"_qs,    u"LIBKML"_qs, u"GML"_qs, u"GPX"_qs,
                                  u"GeoRSS"_qs, u"ODS"_qs,    u"XLSX"_qs};
    return kXml.contains(name);
}

// Free space in a folder is below a megabyte: the usual reason a driver's write failed.
bool diskFull(const QString &folder)
{
    struct statvfs fs = {};
    return ::statvfs(QFile::encodeName(folder).constData(), &fs) == 0 &&
           quint64(fs.f_bavail) * fs.f_frsize < 1024 * 1024;
}

// GDAL's last error on one line, without the /proc/self/fd/N/ through which it was given the
// scratch folder's files (a path for this process alone): their names are what it means.
QString gdalError()
{
    static const QRegularExpression descriptor(u"/proc/self/fd/[0-9]+/?"_qs);
    return lastGdalError().simplified().remove(descriptor);
}

// GDAL's reason, on one line and short (its messages can quote whole SQL statements).
QString gdalReason(const QString &folder)
{
    QString reason = gdalError();
    if (reason.size() > 200)
        reason = reason.left(200) + u"..."_qs;
    if (diskFull(folder))
        return fileErrorText(ENOSPC) + u" (GDAL: "_qs + reason + u')';
    return reason;
}

// Reads the written file back: it must open and hold the layer with every feature.
void verifyWritten(const QString &written,
                   const LayerTable &table,
                   const QString &path,
                   bool replacing)
{
    CPLErrorReset();
    DatasetHandle dataset(GDALOpenEx(QFile::encodeName(written).constData(),
                                     GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    QString problem;
    if (!dataset) {
        problem = u"it does not open again (%1)"_qs.arg(gdalError().left(200));
    } else {
        OGRLayerH layer = GDALDatasetGetLayerByName(dataset.get(), table.name.toUtf8().constData());
        if (!layer && GDALDatasetGetLayerCount(dataset.get()) == 1)
            layer = GDALDatasetGetLayer(dataset.get(), 0);
        // GPX files have fixed layers: points are its waypoints, lines its tracks.
        if (!layer &&
            QByteArray(GDALGetDriverShortName(GDALGetDatasetDriver(dataset.get()))) == "GPX")
            layer = GDALDatasetGetLayerByName(
                dataset.get(),
                table.geometryType == LayerTable::GeometryType::Point ? "waypoints" : "tracks");
        if (!layer) {
            problem = u"layer %1 is missing when it is read back"_qs.arg(table.name);
        } else {
            const GIntBig count = OGR_L_GetFeatureCount(layer, TRUE);
            if (count != GIntBig(table.rows.size())) {
                problem = u"%1 of %2 features read back"_qs.arg(count).arg(table.rows.size());
            }
        }
    }
    if (problem.isEmpty())
        return;
    // A full disk is the usual cause: drivers do not all report a failed write.
    const bool full = diskFull(QFileInfo(written).absolutePath());
    throw Failure(makeError(
        path, 0, {},
        u"cannot write: %1 (%2); %3"_qs.arg(
            full ? fileErrorText(ENOSPC) : u"the written file is incomplete"_qs, problem,
            nothingChangedText(replacing))));
}

/// The start of the name of an export's scratch folder: the target's name (the first 120 bytes
/// of it, so that the whole name fits in a file name), before the process and its host
/// (.NAME.nqi-export-PID@HOST-XXXXXX).
QString scratchPrefix(const QFileInfo &target)
{
    return u"."_qs + shortenedName(target.fileName(), 120) + u".nqi-export-"_qs;
}

QString scratchOwner()
{
    return u"%1@%2"_qs.arg(QCoreApplication::applicationPid())
        .arg(shortenedName(QSysInfo::machineHostName(), 64));
}

/// The names of the regular files in an open folder, or with @p regularOnly false of everything
/// in it (read through a copy of the descriptor).
QStringList filesIn(int folder, bool regularOnly = true)
{
    QStringList names;
    const int copy = ::fcntl(folder, F_DUPFD_CLOEXEC, 0);
    DIR *dir = copy >= 0 ? ::fdopendir(copy) : nullptr;
    if (!dir) {
        if (copy >= 0)
            ::close(copy);
        return names;
    }
    ::rewinddir(dir);
    while (const struct dirent *entry = ::readdir(dir)) {
        const QByteArray name(entry->d_name);
        if (name == "." || name == "..")
            continue;
        struct stat st = {};
        if (!regularOnly ||
            (::fstatat(folder, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)))
            names << QFile::decodeName(name);
    }
    ::closedir(dir);
    names.sort();
    return names;
}

/**
 * A folder of NQI's own beside an export's target, in which GDAL writes. It is held open and
 * reached, listed and removed through its descriptor (GDAL writes through /proc/self/fd), so
 * that a link or another folder put in its place by anyone who may write beside the target is
 * never written into, read from or emptied. SIGTERM and the like remove it too.
 */
class ScratchFolder
{
public:
    /// Beside @p replaced, in its folder as held open; for a device or pipe (/dev/stdout,
    /// written where it is), in the temporary folder instead.
    ScratchFolder(const ReplacementTarget &replaced, const QString &path)
    {
        const QFileInfo target(replaced.target());
        const bool stream = replaced.exists() && !replaced.isRegular();
        const QString folder = stream ? QDir::tempPath() : replaced.heldFolder();
        auto fail = [&](int error) {
            if (m_parent >= 0)
                ::close(m_parent);
            // A stream's scratch folder goes in the temporary folder, which TMPDIR may name.
            QString problem = u"cannot create a temporary folder beside it: "_qs;
            if (stream && !qEnvironmentVariableIsEmpty("TMPDIR"))
                problem = u"cannot create a temporary folder in %1, the temporary folder "
                          "(TMPDIR names it; set it to a folder you may write): "_qs.arg(
                              folder.isEmpty() ? qEnvironmentVariable("TMPDIR") : folder);
            else if (stream)
                problem = u"cannot create a temporary folder in %1, the temporary folder: "_qs.arg(
                    folder);
            throw Failure(makeError(path, 0, {}, problem + fileErrorText(error)));
        };
        // A folder one may write but not read (0733) is held without reading it (no lock on it
        // then, see lockForMoves).
        m_parent = ::open(QFile::encodeName(folder).constData(),
                          O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (m_parent < 0 && errno == EACCES)
            m_parent = ::open(QFile::encodeName(folder).constData(),
                              O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (m_parent < 0)
            fail(errno);
        // A signal between the folder's making and its registration waits, then removes it.
        const SignalsDeferred deferred;
        static const char kLetters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (int attempt = 0; attempt < 100 && m_fd < 0; ++attempt) {
            QByteArray random(6, 'x');
            for (char &c : random)
                c = kLetters[QRandomGenerator::global()->bounded(int(sizeof kLetters) - 1)];
            const QByteArray name =
                QFile::encodeName(scratchPrefix(target) + scratchOwner() + u'-') + random;
            // Made with no permissions at all: a folder of this user put in its place (only a
            // rename away for anyone who may write beside it) would have to have none either.
            if (::mkdirat(m_parent, name.constData(), 0) != 0) {
                if (errno == EEXIST)
                    continue;
                fail(errno);
            }
            m_name = name;
            // The folder just made, or another put in its place (by anyone who may write beside
            // the target): held without following a link, it must be this user's, with no
            // permissions and empty, or it is not ours. (The count of links to a folder is no
            // proof: btrfs and others say 1.)
            const int held = ::openat(m_parent, name.constData(),
                                      O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            struct stat st = {};
            const bool fresh = held >= 0 && ::fstat(held, &st) == 0 && S_ISDIR(st.st_mode) &&
                               st.st_uid == ::geteuid() && (st.st_mode & 07777) == 0;
            // 0700 through the descriptor (/proc), then opened for reading through it.
            const QByteArray self = "/proc/self/fd/" + QByteArray::number(held);
            if (fresh && ::chmod(self.constData(), 0700) != 0) {
                // The open below says what is wrong.
            }
            m_fd = fresh ? ::openat(held, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
            if (held >= 0)
                ::close(held);
            if (m_fd < 0 || !filesIn(m_fd, false).isEmpty()) {
                if (m_fd >= 0)
                    ::close(m_fd);
                ::close(m_parent);
                throw Failure(makeError(
                    path, 0, {},
                    u"the temporary folder made beside it was replaced by another program "
                    "before it could be used; nothing was written"_qs));
            }
        }
        if (m_fd < 0)
            fail(EEXIST);
        m_slot = registerRemoveFolderOnSignal(m_fd, m_parent, QFile::decodeName(m_name));
        m_path = descriptorPath(m_fd, QDir(folder).filePath(QFile::decodeName(m_name)));
    }
    ~ScratchFolder()
    {
        // Unregistered once removed: a signal meanwhile removes what is left (twice is safe).
        if (m_fd >= 0)
            removeFolderAt(m_fd, m_parent, m_name.constData());
        unregisterRemoveOnSignal(m_slot);
        if (m_fd >= 0)
            ::close(m_fd);
        if (m_parent >= 0)
            ::close(m_parent);
    }
    ScratchFolder(const ScratchFolder &) = delete;
    ScratchFolder &operator=(const ScratchFolder &) = delete;

    /// Where GDAL writes: the folder through its descriptor where there is /proc.
    QString path() const { return m_path; }
    QString filePath(const QString &name) const { return m_path + u'/' + name; }
    QStringList files() const { return filesIn(m_fd); }
    /// Gives the files @p names in it @p mode.
    void setModes(const QStringList &names, mode_t mode) const
    {
        for (const QString &file : names) {
            if (::fchmodat(m_fd, QFile::encodeName(file).constData(), mode, 0) != 0) {
                // Reading back or moving the file says what is wrong.
            }
        }
    }
    /// The folder that holds it, open (for a lock while files move into place).
    int parent() const { return m_parent; }

private:
    int m_parent = -1;
    int m_fd = -1;
    QByteArray m_name;
    QString m_path;
    int m_slot = -1;
};

/// Waits up to a minute for the lock on the target's folder that exports take while they move
/// their files into place (another export there moves its own). Throws Failure, holding no lock,
/// when it does not come (any program that may read the folder can hold it) or when a signal
/// came meanwhile: then nothing is to be moved.
void lockForMoves(int folder, const QString &folderPath, const QString &path)
{
    const auto interrupted = [&] {
        return Failure(makeError(path, 0, {}, u"interrupted; nothing was replaced"_qs));
    };
    QElapsedTimer clock;
    clock.start();
    while (::flock(folder, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR)
            return; // a file system without such locks: moved without one
        if (SignalsDeferred::pending())
            throw interrupted();
        if (clock.elapsed() > 60000) {
            throw Failure(makeError(
                path, 0, {},
                u"cannot move the new files into place: folder %1 stayed locked (flock) by "
                "another program for a minute; nothing was replaced, try again"_qs.arg(
                    folderPath)));
        }
        QThread::msleep(20);
    }
    if (SignalsDeferred::pending()) {
        ::flock(folder, LOCK_UN);
        throw interrupted();
    }
}

/**
 * How each column of @p table is written by @p driver (named @p name): Integer64, Real or
 * String, the column's own type where the format holds it. Throws Failure, before anything is
 * written, for a value the format would change.
 */
std::vector<OGRFieldType> fieldTypesFor(GDALDriverH driver,
                                        const QString &name,
                                        const QString &suffix,
                                        const LayerTable &table,
                                        const QString &path)
{
    const char *types = GDALGetMetadataItem(driver, GDAL_DMD_CREATIONFIELDDATATYPES, nullptr);
    const bool integer64 =
        !types || QString::fromLatin1(types).split(u' ').contains(u"Integer64"_qs);
    // MapInfo has no empty values: an empty number would read back as 0.
    const bool nulls = name != u"MapInfo File";
    auto fits32 = [](const QString &value) {
        const qlonglong number = value.toLongLong();
        return number >= std::numeric_limits<int>::min() &&
               number <= std::numeric_limits<int>::max();
    };
    // GDAL's GPX reader types a field by its values: when every value of a text column looks
    // like a number, it reads them as numbers (007 as 7, 1e5 as 100000, 12345678901 as
    // 2147483647). The first value that would not read back as written, or none.
    auto misreadInGpx = [&](qsizetype c) -> std::optional<qsizetype> {
        static const QRegularExpression integer(u"^-?[0-9]+$"_qs);
        std::optional<qsizetype> changed;
        for (qsizetype r = 0; r < table.rows.size(); ++r) {
            const QString &value = table.rows[r][c];
            if (value.isEmpty())
                continue;
            bool number = false;
            const double real = value.toDouble(&number);
            if (!number)
                return std::nullopt; // the column reads as text
            const bool same = integer.match(value).hasMatch()
                                  ? fits32(value) && QString::number(value.toLongLong()) == value
                                  : QString::number(real, 'g', 15) == value;
            if (!same && !changed)
                changed = r;
        }
        return changed;
    };
    std::vector<OGRFieldType> fieldTypes;
    for (qsizetype c = 0; c < table.columns.size(); ++c) {
        const LayerTable::FieldType type = table.types[c];
        if (type == LayerTable::FieldType::Text && name == u"GPX") {
            if (const auto r = misreadInGpx(c)) {
                throw Failure(makeError(
                    path, 0, u"row %1, column %2"_qs.arg(*r + 1).arg(table.columns[c]),
                    u"every value of the column looks like a number, so GDAL's GPX reader (and "
                    "so QGIS) reads them as numbers, and \"%1\" would not read back as written: "
                    "export as .geojson or .gpkg, which keep text as text"_qs.arg(
                        table.rows[*r][c])));
            }
        }
        bool empty = false;
        bool wide = false; // an integer beyond 32 bits
        for (qsizetype r = 0; r < table.rows.size(); ++r) {
            const QString &value = table.rows[r][c];
            empty = empty || value.isEmpty();
            if (type == LayerTable::FieldType::Integer && !value.isEmpty() && !fits32(value)) {
                wide = true;
                if (name == u"GPX") {
                    // The file would hold it, but GDAL's GPX reader (and so QGIS) reads it as
                    // 2147483647.
                    throw Failure(makeError(
                        path, 0, u"row %1, column %2"_qs.arg(r + 1).arg(table.columns[c]),
                        u"%1 is above 2147483647: GDAL's GPX reader (and so QGIS) would read "
                        "it as 2147483647; export as .geojson or .gpkg, which keep it"_qs.arg(
                            value)));
                }
            }
            if (type == LayerTable::FieldType::Text && suffix == u"mif" &&
                (value.contains(u'\n') || value.contains(u'\r'))) {
                throw Failure(makeError(
                    path, 0, u"row %1, column %2"_qs.arg(r + 1).arg(table.columns[c]),
                    u"holds a line break, which a MapInfo .mif writes as the two characters "
                    "\\n: export as .tab, .gpkg or .geojson, which keep it"_qs));
            }
            if (type == LayerTable::FieldType::Text && suffix == u"tab" &&
                value.toUtf8().size() > 254) {
                throw Failure(makeError(
                    path, 0, u"row %1, column %2"_qs.arg(r + 1).arg(table.columns[c]),
                    u"holds %1 bytes of text; a MapInfo .tab holds up to 254 bytes in a field "
                    "(it would be cut): export as .mif, .gpkg or .geojson, which keep it whole"_qs
                        .arg(value.toUtf8().size())));
            }
        }
        if (type == LayerTable::FieldType::Text || (!nulls && empty))
            fieldTypes.push_back(OFTString); // as text, an empty value stays empty
        else if (type == LayerTable::FieldType::Real)
            fieldTypes.push_back(OFTReal);
        else if (integer64)
            fieldTypes.push_back(OFTInteger64);
        else
            fieldTypes.push_back(wide ? OFTString : OFTInteger); // text keeps every digit
    }
    return fieldTypes;
}

} // namespace

void writeWithGdal(const LayerTable &table,
                   const QString &path,
                   const QStringList &inputs,
                   const QString &format)
{
    ensureGdal();
    const QString named = QFileInfo(path).suffix().toLower();
    const QString suffix = format.isEmpty() ? named : format.toLower();
    if (suffix.isEmpty()) {
        throw Failure(makeError(path, 0, {},
                                u"has no extension, which names the format: give a file name "
                                "ending in .csv, .geojson, .kml, .gpkg or .shp, or name the "
                                "format (nqi export --format)"_qs));
    }
    // Formats of several files named after the first: GDAL writes them only under a name with
    // that extension, in lower case whatever the case asked for (Sites.SHP would be written as
    // Sites.shp, which the name given does not open), and takes a name that is the extension
    // alone (.shp) for a folder.
    static const std::pair<const char16_t *, const char16_t *> kSeveralFiles[] = {
        {u"shp", u"a Shapefile is several files named after its .shp (.shp, .shx, .dbf)"},
        {u"tab", u"a MapInfo .tab is several files named after it (.tab, .dat, .map, .id)"},
        {u"mif", u"a MapInfo .mif is two files named after it (.mif, .mid)"},
    };
    for (const auto &[extension, what] : kSeveralFiles) {
        if (suffix != QStringView(extension))
            continue;
        const QFileInfo given(path);
        if (given.suffix() != QStringView(extension) || given.completeBaseName().isEmpty())
            throw Failure(makeError(
                path, 0, {},
                u"%1, in lower case: give a file name ending in .%2, such as %3.%2"_qs.arg(
                    QStringView(what), QStringView(extension), table.name)));
    }
    GDALDriverH driver = driverForSuffix(suffix, path);
    const bool xml = writesXml(driver);
    const QString driverName = QString::fromLatin1(GDALGetDriverShortName(driver));
    const std::vector<OGRFieldType> fieldType =
        fieldTypesFor(driver, driverName, suffix, table, path);
    // Checked before anything is written: a folder, a read-only file, a missing folder.
    const ReplacementTarget replaced(path);
    const QFileInfo target(replaced.target());
    // Write in a scratch folder beside the target, then move the file(s) into place.
    const ScratchFolder scratch(replaced, path);
    // Streamed to a device or pipe (/dev/stdout), the file is named for its format meanwhile.
    // SQLite keeps a journal beside its file, named after it (NAME-journal): a name near the
    // file system's 255 bytes leaves the journal none, so GeoPackage and SQLite files are
    // written under a short name and take the target's when moved into place.
    const bool journalled = driverName == u"GPKG" || driverName == u"SQLite";
    const QString temporaryName = journalled ? u"export."_qs + suffix
                                  : replaced.isRegular() || named == suffix
                                      ? target.fileName()
                                      : target.fileName() + u'.' + suffix;
    const QString temporary = scratch.filePath(temporaryName);
    // GPX keeps fields other than its own only in <extensions>.
    const char *gpxOptions[] = {"GPX_USE_EXTENSIONS=YES", nullptr};
    CPLErrorReset();
    {
        DatasetHandle dataset(GDALCreate(
            driver, QFile::encodeName(temporary).constData(), 0, 0, 0, GDT_Unknown,
            driverName == u"GPX" ? const_cast<char **>(gpxOptions) : nullptr));
        if (!dataset)
            throw Failure(
                makeError(path, 0, {}, u"cannot create: "_qs + gdalReason(scratch.path())));
        const SrsHandle srs = wgs84();
        // Lines are MultiLineStrings, cut at the antimeridian: one type for the whole layer
        // (GeoPackage and FlatGeobuf layers declare it), a part on each side where a line
        // crosses (RFC 7946's rule, which QGIS draws right).
        const OGRwkbGeometryType geometryType =
            table.geometryType == LayerTable::GeometryType::Point ? wkbPoint : wkbMultiLineString;
        // GeoJSON: full double precision; Shapefile: UTF-8 text (written to a .cpg file).
        const char *geojsonOptions[] = {"RFC7946=NO", "SIGNIFICANT_FIGURES=17", nullptr};
        const char *shapefileOptions[] = {"ENCODING=UTF-8", nullptr};
        char **options = nullptr;
        if (suffix == u"geojson" || suffix == u"json")
            options = const_cast<char **>(geojsonOptions);
        else if (suffix == u"shp")
            options = const_cast<char **>(shapefileOptions);
        OGRLayerH layer = GDALDatasetCreateLayer(dataset.get(), table.name.toUtf8().constData(),
                                                 srs.get(), geometryType, options);
        if (!layer)
            throw Failure(
                makeError(path, 0, {}, u"cannot create layer: "_qs + gdalReason(scratch.path())));
        for (qsizetype c = 0; c < table.columns.size(); ++c) {
            OGRFieldDefnH field = OGR_Fld_Create(table.columns[c].toUtf8().constData(),
                                                 fieldType[size_t(c)]);
            const OGRErr error = OGR_L_CreateField(layer, field, TRUE);
            OGR_Fld_Destroy(field);
            if (error != OGRERR_NONE) {
                throw Failure(makeError(path, 0, {},
                                        u"cannot create field %1: %2"_qs.arg(
                                            table.columns[c], gdalReason(scratch.path()))));
            }
        }
        const bool transactions = GDALDatasetStartTransaction(dataset.get(), FALSE) == OGRERR_NONE;
        OGRFeatureDefnH definition = OGR_L_GetLayerDefn(layer);
        // Drivers may reorder, rename or merge fields (KML maps "name" to its own Name field,
        // Shapefile cuts names to 10 characters): look each column's field up once.
        QList<int> fieldIndex;
        for (qsizetype c = 0; c < table.columns.size(); ++c) {
            int index = OGR_FD_GetFieldIndex(definition, table.columns[c].toUtf8().constData());
            if (index < 0 && c < OGR_FD_GetFieldCount(definition))
                index = OGR_FD_GetFieldIndex(definition,
                                             table.columns[c].left(10).toUtf8().constData());
            fieldIndex << index;
        }
        for (qsizetype r = 0; r < table.rows.size(); ++r) {
            FeatureHandle feature(OGR_F_Create(definition));
            const QStringList &row = table.rows[r];
            for (qsizetype c = 0; c < row.size(); ++c) {
                const int field = fieldIndex[c];
                if (row[c].isEmpty() || field < 0)
                    continue;
                if (fieldType[size_t(c)] == OFTString)
                    OGR_F_SetFieldString(
                        feature.get(), field,
                        (xml ? xmlPrintable(row[c]) : row[c]).toUtf8().constData());
                else if (fieldType[size_t(c)] == OFTReal)
                    OGR_F_SetFieldDouble(feature.get(), field, row[c].toDouble());
                else
                    OGR_F_SetFieldInteger64(feature.get(), field, row[c].toLongLong());
            }
            const QList<QList<LatLon>> &parts = table.geometries[r];
            OGRGeometryH geometry = OGR_G_CreateGeometry(geometryType);
            if (geometryType == wkbPoint) {
                const LatLon &p = parts.constFirst().constFirst();
                OGR_G_AddPoint_2D(geometry, p.longitudeDeg, p.latitudeDeg);
            } else {
                for (const QList<LatLon> &points : parts) {
                    OGRGeometryH part = OGR_G_CreateGeometry(wkbLineString);
                    for (const LatLon &p : points)
                        OGR_G_AddPoint_2D(part, p.longitudeDeg, p.latitudeDeg);
                    OGR_G_AddGeometryDirectly(geometry, part);
                }
            }
            OGR_F_SetGeometryDirectly(feature.get(), geometry);
            if (OGR_L_CreateFeature(layer, feature.get()) != OGRERR_NONE) {
                throw Failure(makeError(path, 0, u"row %1"_qs.arg(r + 1),
                                        u"cannot write: "_qs + gdalReason(scratch.path())));
            }
        }
        if (transactions && GDALDatasetCommitTransaction(dataset.get()) != OGRERR_NONE)
            throw Failure(
                makeError(path, 0, {}, u"cannot write: "_qs + gdalReason(scratch.path())));
    }
    if (CPLGetLastErrorType() >= CE_Failure)
        throw Failure(makeError(path, 0, {}, u"cannot write: "_qs + gdalReason(scratch.path())));
    // Read back whatever mode the umask gave the files (0200 leaves them unreadable), then the
    // mode of a new file: 0666 less the umask, whatever the driver chose.
    // GDAL takes some names (one without the format's extension, or that is the extension
    // alone, such as .fgb) for a folder to fill: then nothing is the file asked for.
    if (!scratch.files().contains(temporaryName)) {
        const bool extended = QFileInfo(temporaryName).suffix() == suffix &&
                              !QFileInfo(temporaryName).completeBaseName().isEmpty();
        throw Failure(makeError(
            path, 0, {},
            extended ? u"GDAL's %1 driver writes a folder of files, not one file, which export "
                       "does not do: choose another format; nothing was written"_qs.arg(driverName)
                     : u"GDAL's %1 driver wrote a folder of files for this name, not one file: "
                       "give a file name ending in .%2, such as %3.%2; nothing was "
                       "written"_qs.arg(driverName, suffix, table.name)));
    }
    // A GeoPackage or SQLite file is one file: what SQLite leaves beside it in the scratch
    // folder (a journal kept by OGR_SQLITE_JOURNAL=PERSIST) is its own, not the export's.
    const QStringList made = journalled ? QStringList{temporaryName} : scratch.files();
    scratch.setModes(made, 0600);
    verifyWritten(temporary, table, path, replaced.exists());
    scratch.setModes(made, 0666 & ~processUmask());
    if (!replaced.isRegular()) {
        // A device or pipe: its one file goes there as a stream.
        if (made.size() != 1) {
            throw Failure(
                makeError(path, 0, {},
                          u"is not a file (a device, a pipe or standard output), and this "
                          "format writes several files: give a file name"_qs));
        }
        QFile written(temporary);
        if (!written.open(QIODevice::ReadOnly))
            throw Failure(makeError(path, 0, {}, u"cannot read back: "_qs + written.errorString()));
        OutputFile output(path);
        while (!written.atEnd())
            output.writeAll(written.read(1 << 20));
        output.commit();
        return;
    }
    // Check every destination first, then move every file the driver made (a Shapefile is
    // several) next to the target.
    // Each is replaced in the target's folder as held from the checks on, never looked up by its
    // path again (a folder on the way may have been renamed, or swapped for a link, meanwhile).
    std::vector<ReplacementTarget> destinations;
    for (const QString &name : made) {
        const bool main = name == temporaryName;
        const QString destination = main ? path : target.absoluteDir().filePath(name);
        // A Shapefile's .dbf (or any file beside it) is never an input, under any name.
        refuseOutputThatIsInput(destination, inputs, u"the export"_qs);
        if (main)
            destinations.push_back(replaced);
        else
            destinations.emplace_back(destination, replaced);
    }
    // On disk before the moves, so that the folder is locked for the moves alone.
    for (const QString &name : made) {
        if (const int error = syncPath(scratch.filePath(name))) {
            throw Failure(makeError(path, 0, {},
                                    u"cannot write: %1 (while flushing it to disk); %2"_qs.arg(
                                        fileErrorText(error), nothingChangedText(replaced.exists()))));
        }
    }
    // All of them or none: a signal waits until the last is in place, and another export to
    // the same folder moves its files before or after these, not among them. One file is one
    // rename, whole or not at all: no lock, which any program that may read the folder could
    // hold.
    const SignalsDeferred deferred;
    if (made.size() > 1)
        lockForMoves(scratch.parent(), target.absolutePath(), path);
    const auto unlock = qScopeGuard([&] {
        if (made.size() > 1)
            ::flock(scratch.parent(), LOCK_UN);
    });
    for (qsizetype i = 0; i < made.size(); ++i)
        destinations[size_t(i)].replaceWith(scratch.filePath(made[i]));
}

} // namespace nqi::core
