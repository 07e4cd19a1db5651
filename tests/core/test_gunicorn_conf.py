"""gunicorn.conf.py (read by gunicorn from the working directory: the Dockerfile and make load)."""

import gc
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def test_a_worker_freezes_what_it_imported_before_serving():
    hooks = runpy.run_path(str(CONF))
    frozen_before = gc.get_freeze_count()
    try:
        hooks["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > frozen_before  # the project's objects left the collector's reach
    finally:
        gc.unfreeze()
