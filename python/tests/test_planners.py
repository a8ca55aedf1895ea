"""Every planner gives from Python the JSON `nqi plan NAME --json` prints for the same project and
options; results are stored as `nqi plan --save` stores them."""

import json

import pytest

import nqi

# (planner, Python keywords, `nqi plan` arguments after the planner; PROJECT is the sample)
RUNS = [
    ("route", {}, ["PROJECT"]),
    ("route", {"te": True}, ["PROJECT", "--te"]),
    ("route", {"per_hop_ms": 0.05}, ["PROJECT", "--per-hop-ms", "0.05"]),
    ("latency", {}, ["PROJECT"]),
    ("latency", {"round_trip": True}, ["PROJECT", "--round-trip"]),
    ("resilience", {}, ["PROJECT"]),
    ("resilience", {"n2": True}, ["PROJECT", "--n2"]),
    ("capacity", {}, ["PROJECT"]),
    ("capacity", {"failures": False, "target": 0.5, "modules": [(400, 3), (800, 5)]},
     ["PROJECT", "--normal-only", "--target", "0.5", "--module", "400:3", "--module", "800:5"]),
    ("fabric", {"gpus": 4096}, ["--gpus", "4096"]),
    ("fabric", {"gpus": 16384, "topology": "leaf_spine", "switch_cost": 20000},
     ["--gpus", "16384", "--topology", "leaf-spine", "--switch-cost", "20000"]),
    ("dci", {"link": 2}, ["PROJECT", "--link", "2"]),
    ("dci", {"link": 2, "buffer_mb": 64}, ["PROJECT", "--link", "2", "--buffer-mb", "64"]),
    ("ingest", {"site": "ING-CAR-SH"}, ["PROJECT", "--site", "ING-CAR-SH"]),
    # `from` is a Python keyword: the window is given by the options' keys, start and end.
    ("satellite", {"walker": ["36/6/1:53:1200"], "bbox": "110,30,114,34",
                   "start": "2024-01-13T00:00:00Z", "end": "2024-01-13T01:00:00Z", "step": 300},
     ["PROJECT", "--walker", "36/6/1:53:1200", "--bbox", "110,30,114,34",
      "--from", "2024-01-13T00:00:00Z", "--to", "2024-01-13T01:00:00Z", "--step", "300"]),
    ("satellite", {"walker": "36/6/1:53:1200", "station": ["GS-KS", "39.9,116.4"],
                   "path": "BJ:GS-KS", "isl": True, "start": "2024-01-13T00:00:00Z",
                   "end": "2024-01-13T01:00:00Z", "step": 300},
     ["PROJECT", "--walker", "36/6/1:53:1200", "--station", "GS-KS", "--station", "39.9,116.4",
      "--path", "BJ:GS-KS", "--isl", "--from", "2024-01-13T00:00:00Z",
      "--to", "2024-01-13T01:00:00Z", "--step", "300"]),
]

# What the planners' registry adds to the compute planners' JSON to say what it was computed
# for (their stored results' schema requires these fields), and `nqi plan` does not print.


@pytest.fixture(scope="module")
def project(sample):
    return nqi.Project.open(sample, readonly=True)


def run_id(run):
    return f"{run[0]}-{'-'.join(run[2][1:]) or 'defaults'}"


def nqi_planner(name):
    return {planner["name"]: planner for planner in nqi.planners()}[name]


def test_every_planner_is_covered():
    assert {run[0] for run in RUNS} == {planner["name"] for planner in nqi.planners()}


@pytest.mark.parametrize("planner, keywords, arguments", RUNS, ids=map(run_id, RUNS))
def test_json_is_exactly_what_nqi_plan_prints(project, sample, cli_json, planner, keywords,
                                              arguments):
    result = project.plan(planner, **keywords)
    printed = cli_json("plan", planner, *[sample if a == "PROJECT" else a for a in arguments],
                       "--json")
    assert result.json == printed
    assert result.planner == planner
    assert isinstance(result.json, dict) and result.key.startswith(planner)


def test_keys_and_options_are_the_stored_ones(project):
    assert project.plan("resilience", n2=True).key == "resilience+n2"
    assert project.plan("resilience").key == "resilience"
    assert project.plan("route", te=True).key == "route+te"
    assert project.plan("latency", round_trip=True).key == "latency+rtt"
    assert project.plan("capacity", failures=False).key == "capacity+normal"
    assert project.plan("fabric", gpus=512, site="ZJK").key == "fabric:ZJK"
    assert project.plan("dci", link=2).key == "dci:2"
    result = project.plan("resilience", n2=True)
    # Every option that says what was computed, as `nqi plan --save` stores them; not threads.
    stored = [o["key"] for o in nqi_planner("resilience")["options"] if o["key"] != "threads"]
    assert sorted(result.options) == sorted(stored)
    assert (result.options["n2"], result.options["perHopMs"]) == (True, 0)
    # A stored result's options run it again.
    assert project.plan("resilience", **result.options).json == result.json


def test_tables_are_dataframes_of_the_json_arrays(project):
    result = project.plan("resilience", n2=True)
    schema = dict({p["name"]: p for p in nqi.planners()}["resilience"]["tables"])
    assert set(result.tables) == set(schema)
    for name, columns in schema.items():
        table = result.tables[name]
        assert list(table.columns[:len(columns)]) == columns  # in the schema's order
        assert len(table) == len(result.json[name])
        for row, record in zip(table.to_dict("records"), result.json[name]):
            assert {key: row[key] for key in record} == record
    links = result.tables["links"]
    busiest = links.nlargest(1, "worstUtilization").iloc[0]
    assert busiest["worstUtilization"] == result.json["maxWorstUtilization"]
    te = project.plan("route", te=True)
    assert "te.links" in te.tables and "te.links" not in project.plan("route").tables


def test_unknown_planners_and_options_are_refused(project):
    with pytest.raises(nqi.Error, match='resilience: there is no option "n3"; the options are '
                                        r'n2, (\w+, )*per_hop_ms, (\w+, )*threads'):
        project.plan("resilience", n3=True)
    with pytest.raises(nqi.Error, match='unknown planner "flow"; the planners are route'):
        project.plan("flow")
    with pytest.raises(nqi.Error, match="resilience: --n2: must be true or false, not a string"):
        project.plan("resilience", n2="yes")
    with pytest.raises(nqi.Error, match="capacity: --target: 1.5 is out of range: give above 0 "
                                        "and at most 1"):
        project.plan("capacity", target=1.5)
    with pytest.raises(nqi.Error, match='fabric: --gpus: "0" is out of range 1..10000000'):
        project.plan("fabric", gpus=0)
    with pytest.raises(nqi.Error, match="fabric: --gpus is required"):
        project.plan("fabric")
    with pytest.raises(nqi.Error, match='--site: there is no site "NOWHERE" in the project'):
        project.plan("ingest", site="NOWHERE")


# (Python keywords, `nqi plan` arguments): a bad value is refused with the words of the command
# line, after its "nqi plan NAME: " or "nqi: error: PROJECT: ".
BAD_VALUES = [
    ("capacity", {"target": 70}, ["--target", "70"]),
    ("capacity", {"modules": [(400,)]}, ["--module", "400"]),
    ("capacity", {"exact_limit": -1}, ["--exact-limit", "-1"]),
    ("route", {"threads": 2.5}, ["--threads", "2.5"]),
    ("route", {"max_paths": 2000}, ["--max-paths", "2000"]),
    ("latency", {"circles": [1, -2]}, ["--circles", "1,-2"]),
    ("latency", {"kinds": ["bogus"]}, ["--kinds", "bogus"]),
    ("fabric", {"gpus": 2.5}, ["--gpus", "2.5"]),
    ("fabric", {"gpus": 8, "topology": "ring"}, ["--gpus", "8", "--topology", "ring"]),
    ("dci", {"link": 9999}, ["PROJECT", "--link", "9999"]),
    ("ingest", {"site": "NOWHERE"}, ["PROJECT", "--site", "NOWHERE"]),
    ("satellite", {"walker": ["72/22/1:53:550"]}, ["--walker", "72/22/1:53:550"]),
    ("satellite", {"walker": "72/6/1:53:550", "start": "yesterday"},
     ["--walker", "72/6/1:53:550", "--from", "yesterday"]),
]


@pytest.mark.parametrize("planner, keywords, arguments", BAD_VALUES,
                         ids=[f"{b[0]}-{'-'.join(b[2])}" for b in BAD_VALUES])
def test_a_bad_value_gets_the_command_lines_message(project, sample, run_cli, planner, keywords,
                                                    arguments):
    needs_project = planner in ("route", "latency", "resilience", "capacity")
    given = [sample if a == "PROJECT" else a for a in arguments]
    done = run_cli("plan", planner, *([sample] if needs_project else []), *given, check=False)
    assert done.returncode in (1, 2)
    said = done.stderr.splitlines()[0]
    said = said.split(": ", 1)[1] if done.returncode == 2 else said.split(": ", 3)[3]
    with pytest.raises(nqi.Error) as error:
        project.plan(planner, **keywords)
    assert str(error.value).split(": ", 1)[1] == said


def test_planners_lists_options_with_types_defaults_and_help():
    planners = {planner["name"]: planner for planner in nqi.planners()}
    assert list(planners) == ["route", "latency", "resilience", "capacity", "fabric", "dci",
                              "ingest", "satellite"]
    n2 = {o["name"]: o for o in planners["resilience"]["options"]}["n2"]
    assert (n2["type"], n2["default"], n2["flag"], n2["required"]) == ("bool", False, "--n2",
                                                                      False)
    assert n2["help"]
    capacity = {o["name"]: o for o in planners["capacity"]["options"]}
    assert capacity["target"]["default"] == 0.7
    assert capacity["module"]["default"][0] == {"gbps": 100, "cost": 1}
    fabric = {o["name"]: o for o in planners["fabric"]["options"]}
    assert fabric["gpus"]["required"] and fabric["gpus"]["type"] == "int"
    assert fabric["nic_gbps"]["type"] == "float" and type(fabric["nic_gbps"]["default"]) is float
    assert fabric["switch_cost"]["default"] is None and not fabric["switch_cost"]["required"]
    assert fabric["topology"]["choices"] == ["rail_optimized", "leaf_spine"]
    assert fabric["topology"]["default"] == "rail_optimized"
    assert (fabric["gpus"]["minimum"], fabric["gpus"]["maximum"]) == (1, 10000000)
    assert capacity["target"]["minimum_exclusive"] and capacity["failures"]["flag"] == (
        "--normal-only")
    assert fabric["nic_gbps"]["unit"] == "Gb/s" and fabric["gpus"]["help_zh"] != (
        fabric["gpus"]["help"])
    assert ("resilience+n2", "N-2: single failures and link pairs") in [
        tuple(c) for c in planners["resilience"]["configurations"]]


def project_options(path):
    return nqi.Project.open(path, readonly=True).plan("resilience", n2=True).options


def test_store_then_save_and_nqi_info_lists_it(sample_copy, cli_json):
    with nqi.Project.open(sample_copy) as p:
        p.plan("resilience", n2=True, store=True)
        assert "resilience+n2" not in cli_json("info", sample_copy, "--json")["results"]
        assert list(p.results["key"]) == ["resilience+n2"]
        p.save()
    info = cli_json("info", sample_copy, "--json")
    assert info["results"]["resilience+n2"]["current"] is True
    assert info["results"]["resilience+n2"]["configuration"] == (
        "N-2: single failures and link pairs")
    stored = nqi.Project.open(sample_copy, readonly=True).result("resilience+n2")
    assert stored.current and stored.options == project_options(sample_copy)
    assert stored.json == nqi.Project.open(sample_copy, readonly=True).plan(
        "resilience", n2=True).json


def test_a_stored_result_goes_stale_when_the_network_changes(sample_copy):
    p = nqi.Project.open(sample_copy)
    p.plan("route", store=True)
    p.update_link(1, capacity_gbps=100)
    results = p.results.set_index("key")
    assert not results.loc["route", "current"]
    assert results.loc["route", "note"] == "the network changed since it ran"
    with pytest.raises(nqi.Error, match='result nothing: the project holds none of this key; '
                                        'it holds route'):
        p.result("nothing")
    p.close()


# One JSON everywhere: for every planner, on the sample project, `nqi plan NAME --json`, Python's
# p.plan(NAME) and planners::runPlanner with the same options as JSON keys (as the workbench
# runs planners) give the same JSON. The least each planner needs; fabric takes no project.
EVERY_PLANNER = {"route": {}, "latency": {}, "resilience": {}, "capacity": {},
                 "fabric": {"gpus": 4096}, "dci": {"link": 2}, "ingest": {"site": "ING-CAR-SH"},
                 "satellite": {"walker": "36/6/1:53:1200"}}  # the sample keeps no constellation


@pytest.mark.parametrize("planner", EVERY_PLANNER)
def test_one_json_everywhere(project, sample, cli_json, planner):
    assert set(EVERY_PLANNER) == {p["name"] for p in nqi.planners()}
    options = {o["name"]: o for o in nqi_planner(planner)["options"]}
    keywords = EVERY_PLANNER[planner]
    arguments = [] if planner == "fabric" else [sample]
    for name, value in keywords.items():
        arguments += [options[name]["flag"], str(value)]
    printed = cli_json("plan", planner, *arguments, "--json")
    from_python = project.plan(planner, **keywords).json
    by_key = {options[name]["key"]: value for name, value in keywords.items()}
    from_registry = project._p._run_planner(planner, json.dumps(by_key))
    assert printed == from_python == from_registry


def test_satellite_takes_its_window_as_start_and_end(project, sample, cli_json):
    options = {o["name"]: o for o in nqi_planner("satellite")["options"]}
    # The flags are --from and --to; Python names them start and end (from is a keyword).
    assert (options["start"]["key"], options["start"]["flag"]) == ("start", "--from")
    assert (options["end"]["key"], options["end"]["flag"]) == ("end", "--to")
    assert options["walker"]["default"] == [] and options["station"]["default"] == []
    result = project.plan("satellite", walker=["36/6/1:53:1200"], bbox="110,30,114,34",
                          start="2024-01-13T00:00:00Z", end="2024-01-13T01:00:00Z", step=300)
    assert result.key == "satellite"
    assert result.json["coverage"]["from"] == "2024-01-13T00:00:00Z"
    assert result.options["start"] == "2024-01-13T00:00:00Z"
    assert result.options["walker"] == ["36/6/1:53:1200"]
    # A stored result's options run it again; a time with a zone is kept in UTC.
    assert project.plan("satellite", **result.options).json == result.json
    assert project.plan("satellite", walker="36/6/1:53:1200", bbox="110,30,114,34",
                        start="2024-01-13T08:00:00+08:00", end="2024-01-13T09:00:00+08:00",
                        step=300).json == result.json


def test_satellite_needs_satellites_and_a_whole_window(project):
    with pytest.raises(nqi.Error, match="the project has no constellations: give --walker or "
                                        "--tle"):
        project.plan("satellite")
    with pytest.raises(nqi.Error, match="give both --from and --to"):
        project.plan("satellite", walker="72/6/1:53:550", start="2024-01-13T00:00:00Z")
    with pytest.raises(nqi.Error, match="--isl-shift applies to --isl-pattern hypatia only"):
        project.plan("satellite", walker="72/6/1:53:550", isl_shift=1)
    with pytest.raises(nqi.Error, match='"XX" is neither a site code of the project nor LAT,LON'):
        project.plan("satellite", walker="72/6/1:53:550", path="XX:BJ",
                     start="2024-01-13T00:00:00Z", end="2024-01-13T00:10:00Z")
