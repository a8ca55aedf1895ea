"""The project's lock and the atomic, checked save: Python writes projects as the nqi command
does, and never overwrites what another program wrote."""

import os
import sqlite3
import subprocess
import sys
import threading

import pytest

import nqi


def holder_process(path):
    """Another process that opens the project for writing and holds it until its stdin closes."""
    child = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, nqi; p = nqi.Project.open(sys.argv[1]); print('open', flush=True); "
         "sys.stdin.read(); p.close()", path],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    assert child.stdout.readline().strip() == "open"
    return child


def test_a_second_writable_open_says_who_holds_the_lock(sample_copy, run_cli, tmp_path):
    with nqi.Project.open(sample_copy) as p:
        with pytest.raises(nqi.Error) as error:
            nqi.Project.open(sample_copy)
        message = str(error.value)
        assert "is locked for writing by" in message
        assert f"(nqi Python module, process {os.getpid()})" in message
        assert "readonly=True" in message and "wait=SECONDS" in message
        assert "nqi Python module" in nqi.lock_holder(sample_copy)
        # The command line honours it too, and reading is never refused.
        done = run_cli("plan", "route", sample_copy, "--save", check=False)
        assert done.returncode != 0 and "nqi Python module" in done.stderr
        run_cli("info", sample_copy)
        nqi.Project.open(sample_copy, readonly=True)
    assert nqi.lock_holder(sample_copy) is None
    nqi.Project.open(sample_copy).close()


def test_another_process_holds_the_lock(sample_copy):
    child = holder_process(sample_copy)
    try:
        with pytest.raises(nqi.Error, match=f"nqi Python module, process {child.pid}"):
            nqi.Project.open(sample_copy)
    finally:
        child.stdin.close()
        child.wait(timeout=60)
    nqi.Project.open(sample_copy).close()


def test_wait_for_the_holder_to_finish(sample_copy):
    child = holder_process(sample_copy)
    # The holder lets go a moment after this open starts waiting (the wait releases the GIL).
    release = threading.Timer(1.0, child.stdin.close)
    release.start()
    try:
        with nqi.Project.open(sample_copy, wait=30) as p:
            assert p.path == sample_copy
    finally:
        release.join()
        child.wait(timeout=60)


def test_save_refuses_a_file_another_writer_changed(sample_copy):
    p = nqi.Project.open(sample_copy)
    p.add_site(code="MINE", lat=30, lon=100)
    # A program that ignores the lock writes the file meanwhile.
    with sqlite3.connect(sample_copy) as db:
        db.execute("PRAGMA user_version = 7")
    with pytest.raises(nqi.Error) as error:
        p.save()
    assert "changed on disk since it was opened" in str(error.value)
    assert "nothing was saved" in str(error.value)
    with sqlite3.connect(sample_copy) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (7,)
    assert "MINE" not in set(nqi.Project.open(sample_copy, readonly=True).sites["code"])
    p.close()


def test_saves_are_read_back_by_the_command_line(sample_copy, cli_json):
    with nqi.Project.open(sample_copy) as p:
        p.add_site(code="MINE", lat=30, lon=100)
        p.save()
        p.update_site("MINE", name="Mine")  # saved twice: the stamp follows each save
        p.save()
    assert cli_json("info", sample_copy, "--json")["sites"] == 60
    again = nqi.Project.open(sample_copy, readonly=True)
    assert again.sites.set_index("code").loc["MINE", "name"] == "Mine"


def test_read_only_closed_and_new_projects_are_not_saved_in_place(sample_copy, tmp_path):
    readonly = nqi.Project.open(sample_copy, readonly=True)
    with pytest.raises(nqi.Error, match="opened read-only"):
        readonly.save()
    closed = nqi.Project.open(sample_copy)
    closed.close()
    with pytest.raises(nqi.Error, match="was closed"):
        closed.save()
    with pytest.raises(nqi.Error, match="no file yet: save it with save_as"):
        nqi.Project.new().save()


def test_save_as_takes_the_new_file_and_its_lock(sample_copy, tmp_path):
    other = str(tmp_path / "other.gpkg")
    with nqi.Project.open(sample_copy, readonly=True) as p:
        p.add_site(code="MINE", lat=30, lon=100)
        p.save_as(other)
        assert p.path == other and not p.readonly
        assert "nqi Python module" in nqi.lock_holder(other)
        assert nqi.lock_holder(sample_copy) is None
        with pytest.raises(nqi.Error, match="already exists; give overwrite=True"):
            p.save_as(sample_copy)
        p.save_as(sample_copy, overwrite=True)
        assert nqi.lock_holder(other) is None
    assert "MINE" in set(nqi.Project.open(other, readonly=True).sites["code"])
    assert "MINE" in set(nqi.Project.open(sample_copy, readonly=True).sites["code"])


def test_a_failed_save_leaves_no_lock_and_no_file(tmp_path):
    folder = tmp_path / "missing-folder"
    p = nqi.Project.new(name="x")
    with pytest.raises(nqi.Error):
        p.save_as(folder / "x.gpkg")
    assert not folder.exists() and p.path is None
