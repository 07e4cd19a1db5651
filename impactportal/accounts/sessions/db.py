"""``SESSION_ENGINE`` without a shared cache: sessions in the database (see the package)."""

from . import SessionStore  # noqa: F401 — the engine's store, found by this module's name
