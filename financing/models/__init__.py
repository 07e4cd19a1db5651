# ruff: noqa: I001  (one section per part, in the order of the issue)
"""Models of financing with impact, one module per part (issue 11)."""

# --- MKBA analyses ---
from .mkba import *  # noqa: F401,F403
# --- outcome contracts, claims, payments, social impact bonds, open data ---
from .outcomes import *  # noqa: F401,F403
# --- instruments, financing mix, impact funds ---
from .instruments import *  # noqa: F401,F403
