"""gunicorn.conf.py (read by gunicorn from the working directory: the Dockerfile and make load)."""

import gc
import resource
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


class Worker:
    def __init__(self, loop):
        self.run = loop


def test_a_worker_freezes_what_it_imported_and_collects_less_often():
    hooks = runpy.run_path(str(CONF))
    frozen_before, threshold_before = gc.get_freeze_count(), gc.get_threshold()
    try:
        hooks["post_worker_init"](worker=Worker(lambda: None))
        assert gc.get_freeze_count() > frozen_before  # the project's objects left the collector's reach
        assert gc.get_threshold() == hooks["GC_THRESHOLD"]
        assert gc.get_threshold()[0] >= 10_000 > threshold_before[0]  # not every ~150 objects a page makes
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold_before)


def leaf():
    return None


def at_depth(depth, calls):
    """Calls ``leaf`` ``calls`` times from ``depth`` frames below here."""
    if depth:
        return at_depth(depth - 1, calls)
    for _ in range(calls):
        leaf()
    return None


def worst_page_faults(calls=2000):
    """The most minor page faults ``calls`` calls cost at any depth within 400 frames of here: at
    a depth where a call opens a new 16 KB frame chunk, each call maps (and faults) one afresh."""
    worst = 0
    for depth in range(400):
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        at_depth(depth, calls)
        worst = max(worst, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
    return worst


def test_the_request_loop_runs_in_one_large_frame_and_maps_no_frame_memory_per_call():
    hooks = runpy.run_path(str(CONF))
    seen = []
    worker = Worker(lambda: seen.append(worst_page_faults()))
    threshold_before = gc.get_threshold()
    try:
        hooks["post_worker_init"](worker=worker)
        worker.run()  # what gunicorn calls next: the request loop, inside the padded frame
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold_before)
    without_pad = worst_page_faults()
    assert without_pad >= 2000, "no depth crossed a chunk boundary: the measurement saw nothing"
    assert seen[0] < 100, seen
