"""Objects of the permission-matrix world for monitoring: indicators, snapshots, reports and steering-group review (issue 14)
(imported at the end of conftest)."""

from .conftest import builder  # noqa: F401
