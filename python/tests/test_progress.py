"""Long runs: the GIL is released, progress is reported from the calling thread in growing
fractions, and Ctrl+C or a KeyboardInterrupt from the callback cancels the planner and leaves the
project as it was."""

import itertools
import os
import signal
import threading
import time

import pytest

import nqi

# N-2 over the Cogentco topology with a demand between every pair of its 186 sites takes tens of
# seconds; cancelled, it stops within a fraction of one.
CANCELLED_WITHIN_S = 10.0


@pytest.fixture(scope="module")
def big(shared_dir):
    project = nqi.Project.import_files(
        [f"{shared_dir}/datasets/topology-zoo/graphml/Cogentco.graphml"], name="Cogentco")
    for a, b in itertools.combinations(project.sites["code"], 2):
        project.add_demand(source=a, destination=b, rate_gbps=1)
    return project


def test_progress_is_called_from_this_thread_and_grows(sample):
    p = nqi.Project.open(sample, readonly=True)
    calls = []
    caller = threading.get_ident()

    def progress(fraction, stage):
        assert threading.get_ident() == caller  # with the GIL, in the caller's thread
        calls.append((fraction, stage))

    result = p.plan("resilience", n2=True, progress=progress)
    assert result.json["scenarios"] > 0
    fractions = [fraction for fraction, _ in calls]
    assert fractions and fractions[-1] == 1.0
    assert all(0.0 <= f <= 1.0 for f in fractions)
    assert fractions == sorted(fractions) and len(set(fractions)) == len(fractions)
    assert all(isinstance(stage, str) and stage for _, stage in calls)
    # A planner that reports nothing still says it is done.
    done = []
    p.plan("fabric", gpus=64, progress=lambda f, s: done.append(f))
    assert done == [1.0]


def test_other_threads_run_while_a_planner_runs(big):
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.001)

    thread = threading.Thread(target=tick)
    thread.start()
    try:
        started = time.monotonic()
        big.plan("resilience")
        finished = time.monotonic()
    finally:
        stop.set()
        thread.join()
    during = [t for t in ticks if started < t < finished]
    assert len(during) > 10


def test_keyboard_interrupt_from_the_callback_cancels(big):
    before = big.results, big._p.digest()

    def progress(fraction, stage):
        if fraction > 0.0:
            raise KeyboardInterrupt

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        big.plan("resilience", n2=True, store=True, progress=progress)
    assert time.monotonic() - started < CANCELLED_WITHIN_S
    assert big.results.equals(before[0]) and big._p.digest() == before[1]


def test_another_exception_from_the_callback_cancels_and_is_raised(big):
    def progress(fraction, stage):
        raise ValueError("stop here")

    started = time.monotonic()
    with pytest.raises(ValueError, match="stop here"):
        big.plan("resilience", n2=True, store=True, progress=progress)
    assert time.monotonic() - started < CANCELLED_WITHIN_S
    assert big.results.empty


def test_ctrl_c_cancels(big):
    before = big._p.digest()
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            big.plan("resilience", n2=True, store=True)
    finally:
        timer.cancel()
    assert time.monotonic() - started < CANCELLED_WITHIN_S
    assert big.results.empty and big._p.digest() == before
    # The project still plans after a cancelled run.
    assert big.plan("route").json["maxUtilization"] >= 0
