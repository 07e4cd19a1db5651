"""Financing objects of the permission-matrix world (imported at the end of conftest). Each part
of the financing app adds its builder in its own section below."""

from .conftest import builder  # noqa: F401

# --- MKBA analyses ---
# --- outcome contracts, claims, payments, social impact bonds, open data ---
# --- instruments, financing mix, impact funds ---
