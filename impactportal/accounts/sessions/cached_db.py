"""``SESSION_ENGINE`` with Redis: sessions read from the shared cache, written through to the
database, and read from it (see the package) when the cache lacks them."""

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDatabaseStore

from . import PreparedRead


class SessionStore(PreparedRead, CachedDatabaseStore):
    pass
