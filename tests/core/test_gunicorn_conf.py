"""gunicorn.conf.py (read by gunicorn from the working directory: the Dockerfile and make load)."""

import gc
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def test_a_worker_freezes_what_it_imported_and_collects_less_often():
    hooks = runpy.run_path(str(CONF))
    frozen_before, threshold_before = gc.get_freeze_count(), gc.get_threshold()
    try:
        hooks["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > frozen_before  # the project's objects left the collector's reach
        assert gc.get_threshold() == hooks["GC_THRESHOLD"]
        assert gc.get_threshold()[0] >= 10_000 > threshold_before[0]  # not every ~150 objects a page makes
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold_before)
