"""Objects of the permission-matrix world for the broker team workspace: toolbox, answers, team, spending and the action agenda (issue 13)
(imported at the end of conftest)."""

from .conftest import builder  # noqa: F401
