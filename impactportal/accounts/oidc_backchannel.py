"""OpenID Connect Back-Channel Logout 1.0: the organisation's identity provider (IdP) ends a
person's portal sessions when it ends theirs (they signed out elsewhere, left the organisation, an
administrator ended their sessions), by a POST from server to server to
``/oidc/backchannel-logout/`` with a signed ``logout_token``. Only while single sign-on is on
(``oidc.enabled``; otherwise 404, as the rest of ``/oidc/``), and only for sessions signed in
through the IdP.

Remembered at the sign-in (``remember_sign_in``, from ``oidc_flow.CallbackView``): the ID token's
``sub`` and, when the IdP sends it, ``sid``, against the portal's session (``SingleSignOnSession``,
which goes with the session). A logout token with a ``sid`` ends the session of that IdP session; one
with only a ``sub`` ends every session that person signed in through the IdP. Password sessions stay.

The token is checked as the spec's section 2.6 says: first what costs nothing (its size, its claims
read unverified: ``iss`` the configured issuer, ``aud`` this client, ``iat`` recent, ``exp`` when
present, the back-channel-logout event, ``sub`` and/or ``sid``, no ``nonce``, a ``jti``), so that
garbage costs neither a request to the IdP nor a query; then the signature against the IdP's keys,
as the ID token's (``oidc_flow.PortalOIDCBackend``); then the ``jti``, refused when seen within the
token's lifetime (the shared cache). Only then are sessions looked up and deleted, each through
the session engine (a cached session leaves the cache too), and one audit entry written per user
(the user's key and the number of sessions: no claim of the IdP). A refused token is a JSON 400
and counts towards ``FAILURE_RATE`` per address (past it: 429 before any check); nothing is 500."""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from importlib import import_module

import jwt
import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponseNotAllowed, JsonResponse
from django_ratelimit.core import get_usage

from .oidc import _issuer
from .oidc_flow import PortalOIDCBackend, ProviderUnavailable
from .sessions import SINGLE_SIGN_ON_KEY

LOGGER = logging.getLogger("impactportal.accounts.oidc")

EVENT = "http://schemas.openid.net/event/backchannel-logout"
MAX_AGE = 600  # seconds: an older logout token (``iat``) is refused, and a ``jti`` is remembered this long
LEEWAY = 60  # seconds of clock difference between the IdP and the portal
MAX_TOKEN_LENGTH = 16_000  # characters; a logout token is a few hundred
FAILURE_GROUP = "accounts.oidc-backchannel-failures"
FAILURE_RATE = "60/m"  # refused logout tokens per address; an IdP that signs its tokens meets none
AUDIT_EVENT = "oidc-backchannel-logout"


class InvalidLogoutToken(Exception):
    """Why a logout token is refused (the ``error_description`` of the 400)."""


# --- the sign-in ----------------------------------------------------------------------------------


def remember_sign_in(request, user, *, subject: str, idp_session: str) -> None:
    """After a single sign-on: this session is ``user``'s through the IdP's ``subject`` (and IdP
    session ``idp_session``, when the ID token names one). Without a subject nothing is kept."""
    from .models import SingleSignOnSession

    if not subject:
        return
    session = request.session
    session[SINGLE_SIGN_ON_KEY] = True
    if session.session_key is None:  # the login replaced another user's session: give it its key now
        session.save()
    SingleSignOnSession.objects.update_or_create(
        session_id=session.session_key,
        defaults={"user": user, "subject": subject[:255], "idp_session": idp_session[:255]})


# --- the logout token ----------------------------------------------------------------------------


def check_claims(claims: dict, *, issuer: str, client_id: str, now: int) -> None:
    """The logout token's claims (section 2.4 and 2.6); raises ``InvalidLogoutToken``."""
    if not issuer or str(claims.get("iss", "")).rstrip("/") != issuer.rstrip("/"):
        raise InvalidLogoutToken("iss is not the configured issuer")
    audience = claims.get("aud")
    audiences = [audience] if isinstance(audience, str) else audience if isinstance(audience, list) else []
    if client_id not in audiences or ("azp" in claims and claims["azp"] != client_id):
        raise InvalidLogoutToken("aud is not this client")
    iat = claims.get("iat")
    if not isinstance(iat, int | float) or isinstance(iat, bool) or not now - MAX_AGE - LEEWAY <= iat <= now + LEEWAY:
        raise InvalidLogoutToken("iat is missing or not recent")
    exp = claims.get("exp")
    if "exp" in claims and (not isinstance(exp, int | float) or isinstance(exp, bool) or exp < now - LEEWAY):
        raise InvalidLogoutToken("exp has passed")
    events = claims.get("events")
    if not isinstance(events, dict) or not isinstance(events.get(EVENT), dict):
        raise InvalidLogoutToken("events has no back-channel logout event")
    sub, sid = claims.get("sub"), claims.get("sid")
    if ("sub" in claims and not (isinstance(sub, str) and sub)) or ("sid" in claims and not (isinstance(sid, str) and sid)):
        raise InvalidLogoutToken("sub or sid is not a string")
    if not (sub or sid):
        raise InvalidLogoutToken("neither sub nor sid")
    if "nonce" in claims:
        raise InvalidLogoutToken("a logout token has no nonce")
    if not isinstance(claims.get("jti"), str) or not claims["jti"]:
        raise InvalidLogoutToken("jti is missing")


def verified_claims(token: str) -> dict:
    """The claims of a valid logout token: checked unverified first (no request, no query), then the
    signature against the IdP's keys, then the claims of the verified token."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise InvalidLogoutToken("logout_token is missing or too long")
    issuer, client_id = _issuer(), settings.PORTAL_OIDC_CLIENT_ID.strip()
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as exc:
        raise InvalidLogoutToken("logout_token is not a JWT") from exc
    check_claims(unverified, issuer=issuer, client_id=client_id, now=int(time.time()))
    try:
        claims = PortalOIDCBackend().verify_token(token)  # as the ID token's signature (no nonce expected)
    except (ProviderUnavailable, SuspiciousOperation, jwt.PyJWTError, requests.RequestException,
            ValueError, KeyError, TypeError, AttributeError) as exc:
        LOGGER.warning("Back-channel logout refused: %s: %s", type(exc).__name__, exc)
        raise InvalidLogoutToken("the signature could not be verified") from exc
    check_claims(claims, issuer=issuer, client_id=client_id, now=int(time.time()))
    return claims


def first_use(claims: dict) -> bool:
    """Is this the first time the token's ``jti`` is seen (within ``MAX_AGE``)? Remembers it."""
    digest = hashlib.sha256(f"{claims['iss']}\x00{claims['jti']}".encode()).hexdigest()
    return cache.add(f"oidc-backchannel-jti:{digest}", True, timeout=MAX_AGE + 2 * LEEWAY)


# --- ending the sessions ---------------------------------------------------------------------------


def end_sessions(*, subject: str = "", idp_session: str = "") -> Counter:
    """Delete the sessions signed in through the IdP session ``idp_session`` (when given), else
    every session of the IdP's ``subject``; how many per user."""
    from .models import SingleSignOnSession

    rows = SingleSignOnSession.objects.filter(idp_session=idp_session[:255]) if idp_session else \
        SingleSignOnSession.objects.filter(subject=subject[:255])
    if idp_session and subject:
        rows = rows.filter(subject=subject[:255])
    engine = import_module(settings.SESSION_ENGINE)
    ended: Counter = Counter()
    for session_key, user_id in rows.values_list("session_id", "user_id"):
        engine.SessionStore(session_key).delete()  # the row and the cache entry; takes our row along
        ended[user_id] += 1
    rows.delete()  # nothing is left, unless a session was deleted past the engine meanwhile
    return ended


# --- the endpoint ------------------------------------------------------------------------------------


def _failures(request, increment: bool):
    return get_usage(request, group=FAILURE_GROUP, key="ip", rate=FAILURE_RATE, increment=increment)


def _answer(status: int, **body) -> JsonResponse:
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


def backchannel_logout(request):
    """``/oidc/backchannel-logout/`` while single sign-on is on (``oidc.backchannel_logout``)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    usage = _failures(request, increment=False)
    if usage is not None and usage["count"] >= usage["limit"]:
        return _answer(429, error="too_many_requests", error_description="too many refused logout tokens")
    try:
        claims = verified_claims(request.POST.get("logout_token", ""))
        if not first_use(claims):
            raise InvalidLogoutToken("jti was used already")
    except InvalidLogoutToken as exc:
        _failures(request, increment=True)
        LOGGER.info("Back-channel logout refused: %s", exc)
        return _answer(400, error="invalid_request", error_description=str(exc))
    ended = end_sessions(subject=claims.get("sub") or "", idp_session=claims.get("sid") or "")
    from django.contrib.auth import get_user_model

    from impactportal import audit

    for user_id, count in sorted(ended.items()):
        audit.log_event(get_user_model(), user_id, AUDIT_EVENT, sessions_ended=count)
        LOGGER.info("Back-channel logout: %s session(s) of user %s ended by the IdP", count, user_id)
    if not ended:
        LOGGER.info("Back-channel logout: no session of the portal to end")
    return _answer(200)
