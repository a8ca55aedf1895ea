"""NQI Workbench from Python: projects, edits, imports and planners.

The same C++ core and planners as the ``nqi`` command and the workbench: a planner's
``Result.json`` is the JSON ``nqi plan NAME --json`` prints, the tables are pandas DataFrames
with the columns ``nqi export`` writes, and every edit is checked by the model, which refuses a
bad value with the message the command line gives (``nqi.Error``). docs/python.md has a worked
example.

    >>> import nqi
    >>> p = nqi.Project.open("east-data-west-computing.gpkg")
    >>> r = p.plan("resilience", n2=True)
    >>> r.tables["links"].nlargest(10, "worstUtilization")
"""

import io
import os
import warnings

import pandas as pd

from . import _nqi

__all__ = ["Error", "Warning", "Project", "Result", "planners", "lock_holder"]

Error = _nqi.Error


class Warning(UserWarning):  # noqa: A001 - nqi.Warning, as nqi.Error
    """Something an import left out or assumed (the command line prints it as a warning)."""


# The types of the columns `nqi export` writes (every other column is text).
_COLUMN_TYPES = {
    "sites": {"id": "int64", "lat": "float64", "lon": "float64", "gpus": "Int64",
              "power_mw": "float64"},
    "links": {"id": "int64", "capacity_gbps": "float64", "length_km": "float64",
              "igp_metric": "Int64", "parallel_count": "int64", "route_factor": "float64",
              "cost": "float64", "availability": "float64", "route_length_km": "float64",
              "latency_ms": "float64"},
    "demands": {"id": "int64", "rate_gbps": "float64", "max_latency_ms": "float64",
                "volume_tb": "float64", "window_h": "float64"},
}


def _frame(csv, layer):
    """A layer's CSV text (exactly as `nqi export` writes it) as a typed DataFrame."""
    frame = pd.read_csv(io.BytesIO(csv), dtype=str, keep_default_na=False)
    for column, dtype in _COLUMN_TYPES[layer].items():
        if column in frame.columns:
            values = pd.to_numeric(frame[column].replace("", None))
            frame[column] = values.astype(dtype)
    return frame


def planners():
    """Every planner, as a list of dicts: name; options as its descriptor declares them (name,
    key in the JSON options, type, default, required, minimum, maximum, minimum_exclusive, unit,
    label and help in English and Chinese, choices, the `nqi plan` flag); configurations (result
    key, title); tables (name, columns) that Result.tables gives."""
    return _nqi.planners()


def lock_holder(path):
    """Who holds a project's write lock ("alice on host (nqi import, process 42) since ..."),
    or None."""
    return _nqi.lock_holder(os.fspath(path))


_DESCRIPTORS = {planner["name"]: planner for planner in _nqi.planners()}


def _tables(planner, json):
    """The result's arrays of objects as DataFrames, named by their path in the JSON ("links",
    "te.demands"), with the columns its planner's schema names first."""
    tables = {}
    for path, columns in _DESCRIPTORS[planner]["tables"]:
        value = json
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if not isinstance(value, list):
            continue  # an optional part the run did not give (route's "te")
        extra = []
        for row in value:
            extra.extend(key for key in row if key not in columns and key not in extra)
        tables[path] = pd.DataFrame.from_records(value, columns=list(columns) + extra)
    return tables


class Result:
    """A planner's result.

    json:    the JSON `nqi plan NAME --json` prints, as a dict
    tables:  its arrays of objects as DataFrames ("links", "demands", "disconnected", ...)
    key:     the key it is stored under ("resilience+n2", "fabric:ZJK")
    options: the options it ran with, as runPlanner and the project store them
    """

    def __init__(self, planner, json, options, key, created_utc=None, current=True):
        self.planner = planner
        self.json = json
        self.options = options
        self.key = key
        self.created_utc = created_utc
        self.current = current
        self._tables = None

    @property
    def tables(self):
        if self._tables is None:
            self._tables = _tables(self.planner, self.json)
        return self._tables

    def __repr__(self):
        names = ", ".join(self.tables) or "none"
        return f"<nqi.Result {self.key}: tables {names}>"


class _Hybrid:
    """A method that is a constructor on the class and an action on an instance
    (Project.import_files(paths) makes a project; p.import_files(paths) adds to p)."""

    def __init__(self, on_class, on_instance):
        self.on_class = on_class
        self.on_instance = on_instance
        self.__doc__ = on_instance.__doc__

    def __get__(self, instance, owner):
        if instance is None:
            return self.on_class.__get__(None, owner)
        return self.on_instance.__get__(instance, owner)


class Project:
    """A project: a GeoPackage file (or one in memory) with its sites, links, demands and
    stored planner results.

    Open one with Project.open(path) (writable: it takes the project's lock, as the commands
    that save do; readonly=True takes none), make one with Project.new(...) or
    Project.import_files(paths). Edits and stored results stay in memory until save() or
    save_as(path). Close it (or use `with`) to let go of the lock.
    """

    def __init__(self, handle, description=None):
        if not isinstance(handle, _nqi._Project):
            raise TypeError(f"nqi.Project({handle!r}): open a project with "
                            f"nqi.Project.open(path), make one with nqi.Project.new() or "
                            f"nqi.Project.import_files(paths)")
        self._p = handle
        self._version = 0
        self._frames = {}
        self._description = description

    # ---- opening and making ------------------------------------------------------------

    @classmethod
    def open(cls, path, readonly=False, wait=0):
        """Read a project. Writable (the default): its lock is taken first and held until
        close(), and nqi.Error names whoever holds it already (wait up to `wait` seconds for
        them). readonly=True takes no lock; save() is then refused."""
        if isinstance(wait, bool) or not isinstance(wait, int) or not 0 <= wait <= 86400:
            raise Error(f"wait: {wait!r} is not a whole number of seconds in 0..86400")
        project = cls(_nqi._Project.open(os.fspath(path), readonly=readonly, wait=wait))
        if project._p.lock_note:
            warnings.warn(f"{path}: {project._p.lock_note}", Warning, stacklevel=2)
        return project

    @classmethod
    def new(cls, name="", author="", description="", route_factor=1.5, currency="CNY"):
        """A new, empty project in memory (save_as gives it a file)."""
        return cls(_nqi._Project.new(name=name, author=author, description=description,
                                     route_factor=route_factor, currency=currency))

    def _import_into(self, paths, strict=False, default_capacity_gbps=10.0):
        """Import GraphML (Topology Zoo), CSV and GDAL vector files as `nqi import` does, all
        or nothing. Returns a dict: sites_added, links_added, demands_added, warnings (each
        also given as a nqi.Warning), notes."""
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        report = self._p.import_files([os.fspath(p) for p in paths], strict=strict,
                                      default_capacity_gbps=default_capacity_gbps)
        self._changed()
        for warning in report["warnings"]:
            warnings.warn(warning["text"], Warning, stacklevel=3)
        return report

    def _import_new(cls, paths, name=None, strict=False, default_capacity_gbps=10.0,
                    route_factor=1.5, currency="CNY"):
        """A new project in memory from files, as `nqi import -o` makes one; its name is the
        first file's unless given."""
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        if name is None:
            name = os.path.splitext(os.path.basename(os.fspath(paths[0])))[0] if paths else ""
        project = cls.new(name=name, route_factor=route_factor, currency=currency)
        project._import_into(paths, strict=strict, default_capacity_gbps=default_capacity_gbps)
        return project

    import_files = _Hybrid(classmethod(_import_new), _import_into)

    def copy(self):
        """A copy in memory (no file, no lock): edit it and plan on it freely."""
        return Project(self._p.copy(), f"copy of {self._name()}")

    def fail(self, links=(), sites=()):
        """A what-if copy with these links (ids) and sites (codes or ids) failed: gone, with a
        failed site's links and the demands that start or end there, as the resilience planner
        fails them. This project is left as it is."""
        links = [int(link) for link in links]
        sites = list(sites)
        down = [f"link {link}" for link in links] + [f"site {site}" for site in sites]
        return Project(self._p.fail(links=links, sites=sites),
                       f"{self._name()} with {', '.join(down) or 'nothing'} down")

    # ---- what it holds -----------------------------------------------------------------

    @property
    def path(self):
        """The file, or None for a project in memory."""
        return self._p.path

    @property
    def readonly(self):
        return self._p.readonly

    @property
    def settings(self):
        """name, author, description, route_factor, currency."""
        return self._p.settings

    @property
    def name(self):
        return self._p.settings["name"]

    def _layer(self, layer):
        cached = self._frames.get(layer)
        if cached is None or cached[0] != self._version:
            cached = (self._version, _frame(self._p.csv(layer), layer))
            self._frames[layer] = cached
        return cached[1].copy()

    @property
    def sites(self):
        """The sites as a DataFrame, columns as `nqi export --layer sites` writes them. A copy:
        change the project through add_site, update_site and remove_site."""
        return self._layer("sites")

    @property
    def links(self):
        """The links as a DataFrame, columns as `nqi export --layer links` writes them."""
        return self._layer("links")

    @property
    def demands(self):
        """The demands as a DataFrame, columns as `nqi export --layer demands` writes them."""
        return self._layer("demands")

    # ---- edits: checked by the model, nqi.Error on a bad value, nothing changed then ------

    def _changed(self):
        self._version += 1

    def add_site(self, **fields):
        """Add a site: code, lat (or latitude), lon (or longitude), and optionally id, name,
        kind, region, gpus, power_mw, role, attributes. Returns its id."""
        site = self._p.add_site(fields)
        self._changed()
        return site

    def update_site(self, site, **fields):
        """Change fields of a site (its code or id)."""
        self._p.update_site(site, fields)
        self._changed()

    def remove_site(self, site):
        """Remove a site (its code or id) with its links and the demands that start or end
        there."""
        self._p.remove_site(site)
        self._changed()

    def add_link(self, **fields):
        """Add a link: a, b (site codes or ids), capacity_gbps, and optionally id, length_km,
        medium, igp_metric, srlg, parallel_count, route_factor, cost, availability, name.
        Returns its id."""
        link = self._p.add_link(fields)
        self._changed()
        return link

    def update_link(self, link, **fields):
        """Change fields of a link (its id)."""
        self._p.update_link(link, fields)
        self._changed()

    def remove_link(self, link):
        self._p.remove_link(link)
        self._changed()

    def add_demand(self, **fields):
        """Add a demand: source, destination (site codes or ids), rate_gbps (or volume_tb with
        window_h), and optionally id, class (or demand_class), max_latency_ms, protection,
        regions, name. Returns its id."""
        demand = self._p.add_demand(fields)
        self._changed()
        return demand

    def update_demand(self, demand, **fields):
        """Change fields of a demand (its id)."""
        self._p.update_demand(demand, fields)
        self._changed()

    def remove_demand(self, demand):
        self._p.remove_demand(demand)
        self._changed()

    # ---- planners ----------------------------------------------------------------------

    def plan(self, planner, progress=None, store=False, **options):
        """Run a planner (nqi.planners() lists them and their options) and return its Result.

        progress(fraction, stage) is called as it goes, from this thread, with fractions that
        only grow; Ctrl+C (or KeyboardInterrupt raised by progress) cancels it and leaves the
        project as it was. store=True keeps the result in the project under its key, as
        `nqi plan --save` does (written by the next save())."""
        json, used, key = self._p.plan(planner, options, progress, store)
        return Result(planner, json, used, key)

    @property
    def results(self):
        """The stored results, as `nqi info` lists them: key, planner, configuration, subject,
        created_utc, current, note (why it is stale)."""
        return pd.DataFrame.from_records(
            self._p.results(),
            columns=["key", "planner", "configuration", "subject", "created_utc", "current",
                     "note"])

    def result(self, key):
        """A stored result by its key ("resilience+n2"); nqi.Error when there is none or it does
        not fit its planner's schema. Result.current says whether the network changed since."""
        json, options, key, created, current = self._p.result(key)
        planner = key.split(":")[0].split("+")[0]
        return Result(planner, json, options, key, created_utc=created, current=current)

    def remove_result(self, key):
        self._p.remove_result(key)

    # ---- saving ------------------------------------------------------------------------

    def save(self):
        """Save to the file it was read from, atomically; refused (nqi.Error, nothing written)
        when the file changed on disk since it was read or last saved, or the project was
        opened read-only."""
        self._p.save()

    def save_as(self, path, overwrite=False):
        """Save to another file (taking its lock) and go on with that file. An existing file is
        replaced only with overwrite=True."""
        self._p.save_as(os.fspath(path), overwrite=overwrite)

    def close(self):
        """Let go of the lock. The project stays readable in memory; save() is refused."""
        self._p.close()

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.close()

    def _name(self):
        return self._description or self.name or self.path or "project"

    def __repr__(self):
        sites, links, demands = self._p.counts()
        where = self.path or "in memory"
        mode = " (read-only)" if self.path and self.readonly else ""
        return (f"<nqi.Project {self._name()!r}: {sites} sites, {links} links, {demands} demands;"
                f" {where}{mode}>")
