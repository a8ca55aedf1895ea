#pragma once

#include "core/model/network.h"

#include <QString>
#include <QStringList>

namespace nqi::core {

struct ImportOptions
{
    bool strict = false;               ///< warnings become errors
    double defaultCapacityGbps = 10.0; ///< for GraphML edges without a link speed
    /// Read VRT files too (they refer to other files; still never to the network).
    bool allowVrt = false;
};

struct ImportReport
{
    Diagnostics warnings; ///< things left out or assumed, each naming file and line/feature
    QStringList notes;    ///< summary lines ("Abilene.graphml: 11 sites, 14 links")
    qsizetype sitesAdded = 0;
    qsizetype linksAdded = 0;
    qsizetype demandsAdded = 0;
};

/**
 * Imports files into a network, all or nothing: on any error it throws Failure and the network is
 * unchanged. Formats: GraphML (Topology Zoo), CSV (sites, links or demands by header) and any
 * vector format GDAL reads (point layers are sites, line layers links). Files holding sites are
 * read before those whose links and demands refer to them.
 */
class Importer
{
public:
    static ImportReport
    importFiles(Network &network, const QStringList &paths, const ImportOptions &options = {});
};

} // namespace nqi::core
