"""How long a sign-in lasts: at most ``SESSION_COOKIE_AGE`` seconds from signing in (a working
day), and it ends sooner after ``SESSION_IDLE_TIMEOUT`` seconds without a request (0: no idle
limit).

Django alone keeps a session for ``SESSION_COOKIE_AGE`` from its last save, and saving it on
every request (``SESSION_SAVE_EVERY_REQUEST``) would write the session row on every page. Here
the session remembers when its user signed in and when it last saw them; the last-seen moment is
written at most once per ``SESSION_ACTIVITY_INTERVAL`` seconds (default 300): a signed-in user's
pages cost one session write per five minutes, and the idle limit is kept to within that
interval. Each write also moves the session's expiry (the cookie's and the database row's) to the
moment it would time out, so an abandoned session is gone from the browser and from
``clearsessions`` without the portal seeing it again."""

from datetime import UTC, datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.utils import timezone
from django.utils.translation import gettext as _

from impactportal.api import is_api

SIGNED_IN_AT = "_portal_signed_in_at"
SEEN_AT = "_portal_seen_at"


def _now() -> int:
    # Django's clock (the session's expiry is Django's too), not time.time(), which tests move
    # for the page cache (the ``cache_clock`` fixture).
    return int(timezone.now().timestamp())


def _stamp(session, signed_in_at: int, now: int) -> None:
    session[SIGNED_IN_AT] = signed_in_at
    session[SEEN_AT] = now
    ends = signed_in_at + settings.SESSION_COOKIE_AGE
    if settings.SESSION_IDLE_TIMEOUT:
        ends = min(ends, now + settings.SESSION_IDLE_TIMEOUT)
    session.set_expiry(datetime.fromtimestamp(ends, tz=UTC))


def stamp_sign_in(sender, request, user, **kwargs) -> None:
    """``user_logged_in`` receiver (connected in ``impactportal.apps``): saved with the sign-in's
    own session write."""
    session = getattr(request, "session", None)
    if session is not None:
        now = _now()
        _stamp(session, now, now)


IDLE, WORKING_DAY = "idle", "working-day"


def timed_out(session, now: int) -> str | None:
    """Why the session has ended (``IDLE`` or ``WORKING_DAY``), or None while it lasts."""
    signed_in_at, seen_at = session.get(SIGNED_IN_AT), session.get(SEEN_AT)
    if signed_in_at is None or seen_at is None:
        return None
    if now - signed_in_at >= settings.SESSION_COOKIE_AGE:
        return WORKING_DAY
    idle = settings.SESSION_IDLE_TIMEOUT
    return IDLE if idle and now - seen_at >= idle else None


class SessionTimeoutMiddleware:
    """After ``AuthenticationMiddleware`` and ``MessageMiddleware``: a timed-out session is
    signed out before the view runs (a page behind login then sends the user to sign in, with a
    message that says why)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if session.session_key is not None and SESSION_KEY in session:  # a signed-in session
            now = _now()
            reason = timed_out(session, now)
            if reason:
                logout(request)
                if not is_api(request):
                    messages.info(request, _("U bent afgemeld omdat u een tijd niet actief was. Log opnieuw in.")
                                  if reason == IDLE else
                                  _("U bent afgemeld omdat u al lang bent ingelogd. Log opnieuw in."))
            elif session.get(SEEN_AT) is None or (  # without an idle limit only the sign-in counts
                    settings.SESSION_IDLE_TIMEOUT and now - session[SEEN_AT] >= settings.SESSION_ACTIVITY_INTERVAL):
                _stamp(session, session.get(SIGNED_IN_AT, now), now)
        return self.get_response(request)
