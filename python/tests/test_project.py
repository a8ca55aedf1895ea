"""Opening projects and reading them as DataFrames, compared with what the nqi command says of
the same file."""

import pandas as pd
import pandas.testing
import pytest

import nqi


@pytest.fixture(scope="module")
def project(sample):
    return nqi.Project.open(sample, readonly=True)


def test_frames_have_the_counts_nqi_info_gives(project, sample, cli_json):
    info = cli_json("info", sample, "--json")
    assert info["sites"] > 0 and info["links"] > 0 and info["demands"] > 0
    assert project.sites.shape[0] == info["sites"]
    assert project.links.shape[0] == info["links"]
    assert project.demands.shape[0] == info["demands"]
    assert project.name == info["name"]
    assert project.settings["currency"] == info["currency"]
    assert project.settings["route_factor"] == info["routeFactor"]


@pytest.mark.parametrize("layer", ["sites", "links", "demands"])
def test_frames_are_what_nqi_export_writes(project, sample, run_cli, tmp_path, layer):
    exported = tmp_path / f"{layer}.csv"
    run_cli("export", sample, "--layer", layer, "-o", exported)
    # The same columns in the same order, and the same values read back from the file.
    expected = nqi._frame(exported.read_bytes(), layer)
    frame = getattr(project, layer)
    assert list(frame.columns) == list(pd.read_csv(exported, nrows=0).columns)
    pandas.testing.assert_frame_equal(frame, expected)


def test_numeric_columns_are_typed(project):
    sites, links, demands = project.sites, project.links, project.demands
    assert sites["id"].dtype == "int64" and sites["lat"].dtype == "float64"
    assert str(sites["gpus"].dtype) == "Int64"  # empty cells are <NA>, not 0
    assert links["capacity_gbps"].dtype == "float64"
    assert links["parallel_count"].dtype == "int64"
    assert demands["rate_gbps"].dtype == "float64"
    assert demands["rate_gbps"].isna().any()  # volume demands have no rate
    assert (sites["name"] != "").all()


def test_frames_are_copies(project):
    before = project.sites.shape
    frame = project.sites
    frame.drop(frame.index, inplace=True)
    assert project.sites.shape == before


def test_read_only_open_takes_no_lock(sample):
    with nqi.Project.open(sample, readonly=True) as p:
        assert p.readonly
        assert nqi.lock_holder(sample) is None


def test_opening_a_missing_file_says_which(tmp_path):
    missing = tmp_path / "missing.gpkg"
    with pytest.raises(nqi.Error) as error:
        nqi.Project.open(missing)
    assert str(missing) in str(error.value)
    assert error.value.file is not None
    assert nqi.lock_holder(missing) is None  # the lock taken first is let go


def test_new_project_and_settings():
    p = nqi.Project.new(name="Plan B", currency="EUR", route_factor=1.3)
    assert p.path is None
    assert p.settings["currency"] == "EUR" and p.settings["route_factor"] == 1.3
    assert p.sites.empty and list(p.sites.columns)[:3] == ["id", "code", "name"]
    with pytest.raises(nqi.Error, match="ISO 4217"):
        nqi.Project.new(currency="euro")
    with pytest.raises(nqi.Error, match="route factor 0.5 must be at least 1"):
        nqi.Project.new(route_factor=0.5)


def test_import_files_as_nqi_import_does(sample, shared_dir, run_cli, tmp_path, cli_json):
    zoo = f"{shared_dir}/datasets/topology-zoo/graphml/Abilene.graphml"
    imported = nqi.Project.import_files([zoo], name="Abilene")
    cli_project = tmp_path / "abilene.gpkg"
    run_cli("import", zoo, "-o", cli_project, "--name", "Abilene")
    info = cli_json("info", cli_project, "--json")
    assert imported.name == "Abilene"
    assert nqi.Project.import_files(zoo).name == "Abilene"  # named after the first file
    assert (len(imported.sites), len(imported.links)) == (info["sites"], info["links"])
    from_cli = nqi.Project.open(cli_project, readonly=True)
    for layer in ["sites", "links", "demands"]:
        pandas.testing.assert_frame_equal(getattr(imported, layer), getattr(from_cli, layer))


def test_import_into_a_project_is_all_or_nothing(tmp_path):
    p = nqi.Project.new(name="x")
    sites = tmp_path / "sites.csv"
    sites.write_text("code,lat,lon\nA,1,2\nB,3,4\n")
    links = tmp_path / "links.csv"
    links.write_text("a,b,capacity_gbps\nA,B,100\nA,C,100\n")
    with pytest.raises(nqi.Error) as error:
        p.import_files([sites, links])
    assert "links.csv:3" in str(error.value) and 'unknown site code "C"' in str(error.value)
    assert p.sites.empty and p.links.empty
    report = p.import_files([sites])
    assert report["sites_added"] == 2 and len(p.sites) == 2


def test_a_project_is_never_imported_into_itself(sample_copy):
    with nqi.Project.open(sample_copy) as p:
        with pytest.raises(nqi.Error, match="the project"):
            p.import_files([sample_copy])


def test_a_project_is_opened_not_constructed():
    # nqi.Project(path) made an object that failed on first use (its repr raised AttributeError).
    with pytest.raises(TypeError, match=r"nqi\.Project\.open\(path\)"):
        nqi.Project("/tmp/x.gpkg")
