#pragma once

#include "core/model/network.h"

#include <QString>

namespace nqi::core {

/**
 * Reads and writes projects: GeoPackage files (SQLite) that any GIS opens.
 *
 * Layers `sites` (Point) and `links` (LineString along the geodesic) and `regions` (Polygon), all
 * EPSG:4326; attribute tables `demands` and `constellations`; `nqi_settings` holds the schema
 * version and project settings. The layout is documented in docs/file-format.md.
 */
class ProjectStore
{
public:
    /// The schema this version writes. Older schemas are migrated on open.
    static constexpr int kSchemaVersion = 4;

    /// Opens a project. Throws Failure naming the file (and table, feature) when it cannot.
    /// An older schema is migrated in a temporary copy: the file itself is never changed.
    static Network load(const QString &path);

    /**
     * Saves atomically: the project is written to a temporary file beside the target, flushed to
     * disk and renamed over it, so a crash at any moment leaves either the old or the new file.
     * Throws Failure and leaves the target untouched on any error.
     */
    static void save(const Network &network, const QString &path);

    /// The schema version stored in a project file, or throws Failure if it is not a project.
    static int schemaVersion(const QString &path);
};

} // namespace nqi::core
