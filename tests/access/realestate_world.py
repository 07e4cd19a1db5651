"""Objects of the permission-matrix world for ecosystem map, coalitions, regional collaboration, real estate and events (issue 12)
(imported at the end of conftest)."""

from .conftest import builder  # noqa: F401
