"""Failed sign-ins per connection, across user names (password spraying).

django-axes locks a user name + IP pair after five failures; someone trying one common password
on many user names never meets that lock. Here every failed sign-in from a connection counts
(``user_login_failed``: the login page, the admin's and the API token endpoint alike), and a
connection past ``LOGIN_FAILURE_RATE_PER_IP`` (django-ratelimit's "30/h") is refused before any
password is checked: the login page answers 429 with a page that says so, the token endpoint a
JSON 429, and any other way in (``LoginLimitBackend``) refuses as a wrong password would.

Only failures count: a town hall signs in from one address all morning. The address is the one
``impactportal.proxies`` trusts (``RATELIMIT_IP_META_KEY``).

Likewise per user name (``LOGIN_FAILURE_RATE_PER_USERNAME``, "100/h": ASVS 2.2.1), across
connections: a user name tried from many addresses is refused the same way for the rest of the hour,
whether or not an account has it (the answer tells nothing about which names exist). The name
counted is ``login_name`` of what was typed, here and in the login form alike: an account's e-mail
address counts as the account's user name, before the password is checked and when it fails. (The
check counted the address as typed and the failure under the user name: past the limit an unknown
address was refused and a known one never, which told them apart.)"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django_ratelimit.core import get_usage

GROUP = "accounts.login-failures"
# Failed sign-ins per user name, from any number of connections (a botnet, IPv6 addresses at will):
# the user name + IP lockout never meets them. Counted for every name alike, existing or not.
USERNAME_GROUP = "accounts.login-failures.username"


def _usage(request, increment: bool):
    return get_usage(request, group=GROUP, key="ip", rate=settings.LOGIN_FAILURE_RATE_PER_IP, increment=increment)


def login_name(typed: str) -> str:
    """The user name that ``typed`` (on a login form: a user name or an e-mail address) signs in as,
    and that the limits count: an address that belongs to exactly one active account is that
    account's user name; anything else stays as typed. A user name that is an address (a self
    sign-up's) is that account's own. The same answer for a name it returned (so failures the form
    reports under the resolved name land in the same count)."""
    typed = str(typed or "")
    if "@" not in typed:
        return typed
    users = get_user_model()._default_manager
    # Only an active account's name: an unconfirmed sign-up named after a colleague's address
    # (which it can never confirm) would otherwise stop that colleague signing in with it.
    if users.filter(username__iexact=typed, is_active=True).exists():
        return typed
    owners = list(users.filter(email__iexact=typed.strip(), is_active=True).values_list("username", flat=True)[:2])
    # Two accounts with one address: neither is meant, as if the address were unknown.
    return owners[0] if len(owners) == 1 else typed


def _username(credentials) -> str:
    """The name a failure with ``credentials`` counts under (``login_name``, case and spaces aside)."""
    return login_name(str((credentials or {}).get("username") or "").strip()).strip().lower()[:150]


def _username_usage(request, username: str, increment: bool):
    if not username:
        return None
    return get_usage(request, group=USERNAME_GROUP, key=lambda group, request: username,
                     rate=settings.LOGIN_FAILURE_RATE_PER_USERNAME, increment=increment)


def username_limited_for(request, username) -> int:
    """0 while ``username`` may be tried; else the seconds until it may be again. Counts nothing."""
    usage = _username_usage(request, _username({"username": username}), increment=False)
    if usage is None or usage["count"] < usage["limit"]:
        return 0
    return max(1, usage["time_left"])


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
        _username_usage(request, _username(credentials), increment=True)


class LoginLimitBackend:
    """First in ``AUTHENTICATION_BACKENDS`` after axes: a connection past its limit gets no user
    from any backend. It never signs anyone in itself, and has no ``get_user`` on purpose: the
    test client's ``force_login`` (and ``login()`` without a backend) takes the first backend
    that has one as the session's."""

    def authenticate(self, request, **credentials):
        if request is not None and (is_limited(request) or username_limited_for(request, _username(credentials))):
            raise PermissionDenied
        return None


class LoginLimitMixin:
    """For the login view: a connection past its limit gets a page that says so (429); so does a name
    past its limit, counted as ``login_name`` (``username_limited_for``)."""

    def post(self, request, *args, **kwargs):
        if is_limited(request):
            return render(request, "registration/login_limited.html", status=429)
        if username_limited_for(request, request.POST.get("username", "")):
            return render(request, "registration/login_limited.html", {"for_username": True}, status=429)
        return super().post(request, *args, **kwargs)
