"""Failed sign-ins per connection, across user names (password spraying).

django-axes locks a user name + IP pair after five failures; someone trying one common password
on many user names never meets that lock. Here every failed sign-in from a connection counts
(``user_login_failed``: the login page, the admin's and the API token endpoint alike), and a
connection past ``LOGIN_FAILURE_RATE_PER_IP`` (django-ratelimit's "30/h") is refused before any
password is checked: the login page answers 429 with a page that says so, the token endpoint a
JSON 429, and any other way in (``LoginLimitBackend``) refuses as a wrong password would.

Only failures count: a town hall signs in from one address all morning. The address is the one
``impactportal.proxies`` trusts (``RATELIMIT_IP_META_KEY``)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django_ratelimit.core import get_usage

GROUP = "accounts.login-failures"


def _usage(request, increment: bool):
    return get_usage(request, group=GROUP, key="ip", rate=settings.LOGIN_FAILURE_RATE_PER_IP, increment=increment)


def limited_for(request) -> int:
    """0 while this connection may try to sign in; else the seconds until it may try again.
    Counts nothing."""
    usage = _usage(request, increment=False)
    if usage is None or usage["count"] < usage["limit"]:
        return 0
    return max(1, usage["time_left"])


def is_limited(request) -> bool:
    return limited_for(request) > 0


def count_failure(sender, credentials=None, request=None, **kwargs) -> None:
    """``user_login_failed`` receiver (connected in ``impactportal.apps``)."""
    if request is not None and getattr(request, "META", None) is not None:
        _usage(request, increment=True)


class LoginLimitBackend:
    """First in ``AUTHENTICATION_BACKENDS`` after axes: a connection past its limit gets no user
    from any backend. It never signs anyone in itself, and has no ``get_user`` on purpose: the
    test client's ``force_login`` (and ``login()`` without a backend) takes the first backend
    that has one as the session's."""

    def authenticate(self, request, **credentials):
        if request is not None and is_limited(request):
            raise PermissionDenied
        return None


class LoginLimitMixin:
    """For the login view: a connection past its limit gets a page that says so (429)."""

    def post(self, request, *args, **kwargs):
        if is_limited(request):
            return render(request, "registration/login_limited.html", status=429)
        return super().post(request, *args, **kwargs)
