"""gunicorn.conf.py (read by gunicorn from the working directory: the Dockerfile and make load)."""

import gc
import runpy
import subprocess
import sys
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


# Minor page faults of 2,000 calls at each depth within 400 frames, the most at any depth: where a
# call opens a new 16 KB frame chunk, each call maps (and faults) one afresh. Run in a new
# interpreter, whose frames start in its first chunk (a test runner's own frames may have left
# any amount of room), with or without the worker's padded frame around it.
PROBE = """
import resource, runpy, sys

def leaf():
    return None

def at_depth(depth):
    if depth:
        return at_depth(depth - 1)
    for _ in range(2000):
        leaf()

def worst():
    found = 0
    for depth in range(400):
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        at_depth(depth)
        found = max(found, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
    return found

class Worker:
    def run(self):
        return worst()

worker = Worker()
if sys.argv[2] == "padded":
    runpy.run_path(sys.argv[1])["post_worker_init"](worker=worker)
print(worker.run())
"""


def worst_page_faults(mode):
    done = subprocess.run([sys.executable, "-c", PROBE, str(CONF), mode], capture_output=True, text=True,  # noqa: S603 — our probe
                          check=True, timeout=120)
    return int(done.stdout)


def test_the_request_loop_runs_in_one_large_frame_and_maps_no_frame_memory_per_call():
    without_pad = worst_page_faults("plain")
    assert without_pad >= 2000, "no depth crossed a chunk boundary: the measurement saw nothing"
    assert worst_page_faults("padded") < 100


def test_a_worker_imports_the_urls_and_compiles_the_templates_before_its_first_request(monkeypatch):
    """``impactportal.warmup``: the first requests to each worker paid for both (625 ms and
    409 ms on the small data set), the load test's p99 outliers."""
    from django.template import engines
    from django.template.loaders.cached import Loader
    from django.urls import clear_url_caches, get_resolver

    engine = engines["django"].engine
    cached = next(loader for loader in engine.template_loaders if isinstance(loader, Loader))
    cached.reset()
    clear_url_caches()
    assert not get_resolver()._populated
    hooks = runpy.run_path(str(CONF))
    threshold_before = gc.get_threshold()
    try:
        hooks["post_worker_init"](worker=Worker(lambda: None))
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold_before)
    assert get_resolver()._populated
    root = Path(engine.dirs[0])
    names = {path.relative_to(root).as_posix() for path in root.rglob("*.html")}
    assert len(names) > 200 and names <= set(cached.get_template_cache)  # every one of them compiled


def test_without_django_configured_the_warm_up_does_nothing():
    done = subprocess.run([sys.executable, "-c", "from impactportal.warmup import warm_up_if_configured as w; "
                           "print(w())"], capture_output=True, text=True, check=True, timeout=60,  # noqa: S603
                          cwd=CONF.parent, env={"PATH": "/usr/bin:/bin"})
    assert done.stdout.strip() == "None"
