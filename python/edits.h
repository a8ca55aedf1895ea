#pragma once

#include "core/model/network.h"

#include <QStringList>

#include <pybind11/pybind11.h>

// Edits from Python keyword arguments. The keywords are the column names of `nqi export` CSV
// files (latitude and longitude also for lat and lon); values are converted and parsed as the
// CSV importer parses cells, and every change goes through the model's add/update/remove, which
// validates first: a bad value raises the model's own message and changes nothing.
namespace nqi::python {

namespace py = pybind11;

/// The keywords an add or update of each kind takes, in CSV column order.
QStringList siteFields();
QStringList linkFields();
QStringList demandFields();

core::SiteId addSite(core::Network &network, const py::dict &fields);
core::LinkId addLink(core::Network &network, const py::dict &fields);
core::DemandId addDemand(core::Network &network, const py::dict &fields);

/// site: its id or its code.
void updateSite(core::Network &network, const py::handle &site, const py::dict &fields);
void updateLink(core::Network &network, core::LinkId id, const py::dict &fields);
void updateDemand(core::Network &network, core::DemandId id, const py::dict &fields);

/// A site with its links and the demands that start or end there.
void removeSite(core::Network &network, const py::handle &site);
void removeLink(core::Network &network, core::LinkId id);
void removeDemand(core::Network &network, core::DemandId id);

/// The site a Python value names: an id (int) or a code (str); throws Failure naming where.
const core::Site &
siteNamed(const core::Network &network, const py::handle &value, const QString &where);

} // namespace nqi::python
