"""Edits go through the model: a bad value raises nqi.Error with the message the command line
prints for it, and changes nothing."""

import pytest

import nqi


@pytest.fixture
def project(sample):
    return nqi.Project.open(sample, readonly=True)


def cli_error(run_cli, project_path, csv_path, text):
    """What `nqi import --into` prints for a CSV file holding text, after 'nqi: error: '."""
    csv_path.write_text(text)
    done = run_cli("import", csv_path, "--into", project_path, check=False)
    assert done.returncode != 0
    (line,) = [line for line in done.stderr.splitlines() if line.startswith("nqi: error: ")]
    return line[len("nqi: error: "):]


@pytest.mark.parametrize("csv, edit", [
    ("id,a,b,capacity_gbps\n900,BJ,TJ,-1\n",
     lambda p: p.add_link(id=900, a="BJ", b="TJ", capacity_gbps=-1)),
    ("a,b,capacity_gbps\nBJ,BJ,100\n",
     lambda p: p.add_link(a="BJ", b="BJ", capacity_gbps=100)),
    ("code,lat,lon\nNEW,91,10\n",
     lambda p: p.add_site(code="NEW", latitude=91, longitude=10)),
    ("code,lat,lon\nbj,30,110\n",
     lambda p: p.add_site(code="bj", lat=30, lon=110)),
    ("source,destination,rate_gbps\nBJ,SH,-5\n",
     lambda p: p.add_demand(source="BJ", destination="SH", rate_gbps=-5)),
    ("source,destination,rate_gbps,volume_tb\nBJ,SH,,5\n",
     lambda p: p.add_demand(source="BJ", destination="SH", volume_tb=5, **{"class": "inference"})),
])
def test_a_bad_edit_raises_the_message_of_the_command_line(project, sample_copy, run_cli,
                                                           tmp_path, csv, edit):
    before = project.links, project.sites, project.demands
    with pytest.raises(nqi.Error) as error:
        edit(project)
    csv_file = tmp_path / "bad.csv"
    # The command line names the file and line, then the same object and message.
    assert cli_error(run_cli, sample_copy, csv_file, csv) == f"{csv_file}:2: {error.value}"
    assert error.value.file is None and error.value.where and error.value.message
    for frame, after in zip(before, (project.links, project.sites, project.demands)):
        assert frame.equals(after)  # nothing changed


def test_update_checks_as_the_model_does(project):
    link = int(project.links["id"].iloc[0])
    with pytest.raises(nqi.Error) as error:
        project.update_link(link, capacity_gbps=0)
    assert str(error.value) == f"link #{link}: capacity 0 Gbps must be positive"
    with pytest.raises(nqi.Error, match="no such link to update"):
        project.update_link(99999, capacity_gbps=10)
    with pytest.raises(nqi.Error, match="an id never changes"):
        project.update_link(link, id=link + 1000)
    project.update_link(link, capacity_gbps=123.5, srlg=["X", "Y"], name="renamed")
    row = project.links.set_index("id").loc[link]
    assert row["capacity_gbps"] == 123.5 and row["srlg"] == "X;Y" and row["name"] == "renamed"


def test_unknown_fields_and_bad_types_are_refused(project):
    with pytest.raises(nqi.Error) as error:
        project.add_site(code="Q1", lat=1, lon=2, colour="red")
    assert 'there is no field "colour"' in str(error.value)
    assert "lat (or latitude)" in str(error.value)
    with pytest.raises(nqi.Error, match=r"'fast' is not a number"):
        project.add_link(a="BJ", b="SH", capacity_gbps="fast")
    with pytest.raises(nqi.Error, match=r'"2.5" is not a whole number'):
        project.add_link(a="BJ", b="SH", capacity_gbps=10, parallel_count=2.5)
    with pytest.raises(nqi.Error, match='unknown kind "castle"; use one of national_hub'):
        project.add_site(code="Q1", lat=1, lon=2, kind="castle")
    with pytest.raises(nqi.Error, match='no site has the code "NOWHERE"'):
        project.add_link(a="BJ", b="NOWHERE", capacity_gbps=10)
    with pytest.raises(nqi.Error, match="latitude is missing"):
        project.add_site(code="Q1", lon=2)
    with pytest.raises(nqi.Error, match="give lat or latitude, not both"):
        project.add_site(code="Q1", lat=1, latitude=1, lon=2)


def test_add_update_remove(project):
    sites, links, demands = len(project.sites), len(project.links), len(project.demands)
    site = project.add_site(code="NEWDC", name="New DC", kind="dc_cluster", latitude=35.5,
                            longitude=105.25, gpus=4096, attributes={"tier": 3})
    link = project.add_link(a="NEWDC", b="BJ", capacity_gbps=400, medium="dci_wave")
    demand = project.add_demand(source="NEWDC", destination="BJ", volume_tb=50, window_h=12,
                                demand_class="ingest_bulk")
    new = project.sites.set_index("id").loc[site]
    assert (new["code"], new["kind"], new["gpus"], new["attributes"]) == (
        "NEWDC", "dc_cluster", 4096, '{"tier":3}')
    assert project.links.set_index("id").loc[link, "a"] == "NEWDC"
    assert project.demands.set_index("id").loc[demand, "class"] == "ingest_bulk"
    project.update_site("NEWDC", gpus=None, role="core")
    assert project.sites.set_index("id").loc[site, "gpus"] is pd_na()
    project.remove_demand(demand)
    project.remove_site(site)  # with its links
    assert (len(project.sites), len(project.links), len(project.demands)) == (
        sites, links, demands)
    with pytest.raises(nqi.Error, match=f"demand #{demand}: no such demand"):
        project.remove_demand(demand)


def test_removing_a_site_removes_its_links_and_demands(project):
    """The workbench's rule too: a site goes with everything that hangs off it."""
    bj = int(project.sites.set_index("code").loc["BJ", "id"])
    links = project.links[(project.links["a"] == "BJ") | (project.links["b"] == "BJ")]
    demands = project.demands[(project.demands["source"] == "BJ") |
                              (project.demands["destination"] == "BJ")]
    assert len(links) > 1 and len(demands) > 1
    sites_before, links_before, demands_before = (
        len(project.sites), len(project.links), len(project.demands))
    project.remove_site("BJ")
    assert (len(project.sites), len(project.links), len(project.demands)) == (
        sites_before - 1, links_before - len(links), demands_before - len(demands))
    assert "BJ" not in set(project.links["a"]) | set(project.links["b"])
    assert "BJ" not in set(project.demands["source"]) | set(project.demands["destination"])
    with pytest.raises(nqi.Error, match=f"no site has the id {bj}"):
        project.remove_site(bj)


def pd_na():
    import pandas as pd
    return pd.NA


def test_what_if_copy_fails_links_and_sites(project):
    links = [int(i) for i in project.links["id"].iloc[:2]]
    site = project.sites["code"].iloc[0]
    what_if = project.copy().fail(links=links, sites=[site])
    assert set(links).isdisjoint(what_if.links["id"])
    assert site not in set(what_if.sites["code"])
    assert not ((what_if.links["a"] == site) | (what_if.links["b"] == site)).any()
    assert not ((what_if.demands["source"] == site) |
                (what_if.demands["destination"] == site)).any()
    # The project itself is as it was, and the copy has no file.
    assert set(links) <= set(project.links["id"]) and what_if.path is None
    with pytest.raises(nqi.Error, match="link #424242: no such link"):
        project.fail(links=[424242])
    # A failed link routes nothing: the route planner on the copy agrees.
    loads = what_if.plan("route").tables["links"]
    assert set(links).isdisjoint(loads["id"])
