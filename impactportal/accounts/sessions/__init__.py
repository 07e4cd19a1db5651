"""Django's database and cached-database session engines, with the session's row read by SQL
compiled once per process (``IdsQuery``), as ``accounts.backends`` reads the user's.

Every page a signed-in user opens reads the session (from the database, or from the database when
the shared cache lacks it): ``Session.objects.get(session_key=…, expire_date__gt=now)`` cost
about 0.5 ms of CPU to build and compile, several times the database's answer. The same row is
read by its key; a session whose expiry date has passed is treated as missing, as that query
treats it. Writing, cycling and deleting sessions are Django's own (cycling with the one addition below).

A session signed in through the organisation's identity provider has a row naming its key
(``accounts.SingleSignOnSession``, for the IdP's back-channel logout) and says so itself
(``SINGLE_SIGN_ON_KEY``): when its key changes (``cycle_key``: the code of two-factor
authentication), the row moves to the new key before the old one is deleted, which would take the
row along.

``SESSION_ENGINE`` names ``impactportal.accounts.sessions.db`` or ``….cached_db``."""

from functools import cache

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.db import router
from django.utils import timezone

from impactportal.prepared import IdsQuery

COLUMNS = ("session_key", "session_data", "expire_date")
SINGLE_SIGN_ON_KEY = "_portal_single_sign_on"  # true in a session signed in through the IdP


@cache
def _session_query(model) -> IdsQuery:
    return IdsQuery(lambda keys: model.objects.filter(session_key__in=keys).values_list(*COLUMNS),
                    stand_in=lambda number: f"-stand-in-{number}")  # no session key has a '-'


class PreparedRead:
    """Mixed into a database-backed ``SessionStore`` before it."""

    def _get_session_from_db(self):
        model = self.model
        rows = _session_query(model).rows([self.session_key], using=router.db_for_read(model)) if self.session_key else []
        if rows and rows[0][2] > timezone.now():
            return model(**dict(zip(COLUMNS, rows[0], strict=True)))
        self._session_key = None
        return None

    def cycle_key(self):
        old_key = self.session_key
        if not (old_key and self.get(SINGLE_SIGN_ON_KEY)):
            return super().cycle_key()
        from impactportal.accounts.models import SingleSignOnSession

        data = self._session  # Django's cycle_key, with the row moved in between
        self.create()
        self._session_cache = data
        SingleSignOnSession.objects.filter(session_id=old_key).update(session_id=self.session_key)
        self.delete(old_key)
        return None


class SessionStore(PreparedRead, DatabaseStore):
    pass
