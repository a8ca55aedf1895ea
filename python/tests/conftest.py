"""Fixtures for the tests of the Python API: the nqi command to compare with, the sample project
(copied before anything writes it) and the shared datasets. ctest passes their paths."""

import json
import os
import shutil
import subprocess

import pytest


def _path(variable):
    value = os.environ.get(variable)
    if not value:
        pytest.fail(f"{variable} is not set: run the tests through ctest (ctest -L python)")
    return value


@pytest.fixture(scope="session")
def cli():
    return _path("NQI_CLI")


@pytest.fixture(scope="session")
def sample():
    """The build's sample project, read-only: tests that write use sample_copy."""
    return _path("NQI_SAMPLE_PROJECT")


@pytest.fixture(scope="session")
def shared_dir():
    return _path("NQI_SHARED_DIR")


@pytest.fixture(scope="session")
def source_dir():
    return _path("NQI_SOURCE_DIR")


@pytest.fixture
def sample_copy(sample, tmp_path):
    path = tmp_path / "sample.gpkg"
    shutil.copyfile(sample, path)
    return str(path)


@pytest.fixture
def run_cli(cli):
    """Runs `nqi ARGS...`; returns the CompletedProcess (text)."""

    def run(*arguments, check=True):
        done = subprocess.run([cli, *map(str, arguments)], capture_output=True, text=True,
                              env={**os.environ, "LC_ALL": "C.UTF-8"})
        if check and done.returncode != 0:
            pytest.fail(f"nqi {' '.join(map(str, arguments))} failed ({done.returncode}):\n"
                        f"{done.stderr}")
        return done

    return run


@pytest.fixture
def cli_json(run_cli):
    """The JSON `nqi ARGS...` prints."""

    def run(*arguments):
        return json.loads(run_cli(*arguments).stdout)

    return run
