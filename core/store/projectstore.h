#pragma once

#include "core/model/network.h"

#include <QByteArray>
#include <QString>

namespace nqi::core {

/// What a project file was when it was read, to tell whether anyone changed it since.
struct FileStamp
{
    qint64 device = 0;
    qint64 inode = 0;
    qint64 size = -1; ///< -1: no file
    qint64 modifiedNs = 0;
    qint64 changedNs = 0; ///< the inode's change time, which no program can set back
    QByteArray sha256;    ///< of the whole file

    bool isNull() const { return size < 0; }
    /// Same file and content. Files that differ only in their metadata compare by content.
    bool sameContent(const FileStamp &other) const
    {
        return size == other.size && sha256 == other.sha256;
    }
    bool sameMetadata(const FileStamp &other) const
    {
        return device == other.device && inode == other.inode && size == other.size &&
               modifiedNs == other.modifiedNs && changedNs == other.changedNs;
    }
};

/**
 * Reads and writes projects: GeoPackage files (SQLite) that any GIS opens.
 *
 * Layers `sites` (Point), `links` (MultiLineString along the geodesic) and `regions`
 * (MultiPolygon), all EPSG:4326, cut at the antimeridian so that every longitude is within
 * -180..180; attribute tables `demands` and `constellations`; `nqi_settings` holds the schema
 * version and project settings. The layout is documented in docs/file-format.md.
 */
class ProjectStore
{
public:
    /// The schema this version writes. Older schemas are migrated on open.
    static constexpr int kSchemaVersion = 6;

    /// Opens a project. Throws Failure naming the file (and table, feature) when it cannot.
    /// An older schema is migrated in a temporary copy: the file itself is never changed.
    static Network load(const QString &path);
    /// Opens a project and gives the stamp of the file it read (for save's check).
    static Network load(const QString &path, FileStamp &stamp);

    /**
     * Saves atomically: the project is written to a temporary file beside the target, flushed to
     * disk and renamed over it, so a crash at any moment leaves either the old or the new file.
     * Throws Failure and leaves the target untouched on any error. A read-only file is refused
     * ("read-only: save as another file"); the mode, owner and group of the file replaced are
     * kept; a symbolic link stays and the file it names is replaced.
     *
     * With a stamp (from load, or from the last save), the file on disk must still be the one it
     * describes: a project changed by someone else since is refused, not overwritten. The stamp
     * then describes the file just written.
     */
    static void save(const Network &network, const QString &path);
    static void save(const Network &network, const QString &path, FileStamp &stamp);

    /// The stamp of a file as it is on disk now (a null stamp when there is none).
    static FileStamp stamp(const QString &path);

    /// The schema version stored in a project file, or throws Failure if it is not a project.
    static int schemaVersion(const QString &path);
};

} // namespace nqi::core
