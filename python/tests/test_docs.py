"""docs/python.md's code runs as written."""

import csv
import os
import re
import shutil

import pytest

import nqi


@pytest.fixture(scope="module")
def blocks(source_dir):
    with open(os.path.join(source_dir, "docs", "python.md"), encoding="utf-8") as f:
        text = f.read()
    found = re.findall(r"^```python\n(.*?)^```$", text, flags=re.DOTALL | re.MULTILINE)
    assert len(found) == 2, "the worked example and the edits"
    return found


def test_the_worked_example_runs_as_written(blocks, shared_dir, tmp_path, monkeypatch, cli_json,
                                            capsys):
    # Its paths are relative to the checkout: ../shared beside the folder it runs in.
    work = tmp_path / "main"
    work.mkdir()
    os.symlink(os.path.abspath(shared_dir), tmp_path / "shared")
    monkeypatch.chdir(work)
    exec(compile(blocks[0], "docs/python.md", "exec"), {"__name__": "__doc__"})

    printed = capsys.readouterr().out
    assert "resilience" in printed and "100%" in printed
    with open(work / "busiest-links.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 10
    utilizations = [float(row["worstUtilization"]) for row in rows]
    assert utilizations == sorted(utilizations, reverse=True) and utilizations[0] > 0
    info = cli_json("info", work / "geant.gpkg", "--json")
    assert info["results"]["resilience"]["current"] is True
    assert info["demands"] == info["sites"] * (info["sites"] - 1) // 2


def test_the_edits_run_on_the_sample(blocks, sample, tmp_path):
    copy = tmp_path / "sample.gpkg"
    shutil.copyfile(sample, copy)
    with nqi.Project.open(copy) as p:
        sites, links, demands = len(p.sites), len(p.links), len(p.demands)
        exec(compile(blocks[1], "docs/python.md", "exec"), {"p": p, "nqi": nqi})
        # ZW2 came and went with its link and demand; demand 12 is gone; link 5 has 800 Gbps.
        assert (len(p.sites), len(p.links), len(p.demands)) == (sites, links, demands - 1)
        assert p.links.set_index("id").loc[5, "capacity_gbps"] == 800


def test_the_options_table_names_every_option_in_order(source_dir):
    with open(os.path.join(source_dir, "docs", "python.md"), encoding="utf-8") as f:
        rows = dict(re.findall(r"^\| (\w+) \| (.*) \|$", f.read(), flags=re.MULTILINE))
    for planner in nqi.planners():
        named = re.findall(r"`(\w+)`", rows[planner["name"]])
        named = [name for name in named if name not in ("--normal-only",)]
        assert named == [o["name"] for o in planner["options"]], planner["name"]
