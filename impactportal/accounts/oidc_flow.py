"""The single sign-on flow (``impactportal.accounts.oidc`` says what it does and why): mozilla-django-oidc's
views and backend with the endpoints from ``PORTAL_OIDC_*`` (or the issuer's discovery document),
the ID-token checks the library leaves out, and the portal's matching rules. Imported on the first
request to ``/oidc/…`` while single sign-on is configured; never when it is off."""

from __future__ import annotations

import logging
from urllib.parse import urlencode, urlsplit

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import two_factor
from .oidc import (
    AMBIGUOUS,
    FAILED,
    ID_TOKEN_KEY,
    NEXT_KEY,
    SCOPES,
    SESSION_BACKEND,
    STAFF_ROLES,
    STATES_KEY,
    TIMEOUT,
    UNKNOWN,
    UNVERIFIED,
    _endpoints_complete,
    _explicit,
    _issuer,
    asserts_mfa,
    email_verified,
    enabled,
    post_logout_redirect_uri,
    refusal_message,
)

LOGGER = logging.getLogger("impactportal.accounts.oidc")


# --- the identity provider -------------------------------------------------------------------------


class ProviderUnavailable(Exception):
    """The IdP's discovery document could not be read, or does not describe the configured issuer."""


_discovered: dict[str, dict] = {}  # issuer → its discovery document, once per process


def _discover(issuer: str) -> dict:
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnavailable(f"{url}: {exc}") from exc
    if not isinstance(document, dict) or str(document.get("issuer", "")).rstrip("/") != issuer:
        raise ProviderUnavailable(f"{url} describes issuer {document.get('issuer')!r}, not {issuer!r}"
                                  if isinstance(document, dict) else f"{url}: not a JSON object")
    return document


def provider() -> dict[str, str]:
    """The IdP's endpoints: the explicit settings, the rest from the issuer's discovery document
    (read at the first sign-in and kept for the process; a failed read is tried again next time)."""
    endpoints = _explicit()
    issuer = _issuer()
    if issuer and not (_endpoints_complete(endpoints) and endpoints["userinfo_endpoint"]):
        document = _discovered.get(issuer)
        if document is None:
            document = _discovered[issuer] = _discover(issuer)
        endpoints = {key: value or str(document.get(key) or "") for key, value in endpoints.items()}
        issuer = str(document["issuer"])
    if not _endpoints_complete(endpoints):
        raise ProviderUnavailable("the authorization, token and JWKS endpoints are not all known")
    return {**endpoints, "issuer": issuer}


def _library_settings() -> dict:
    """mozilla-django-oidc's settings (``OIDC_*``), given here from ``PORTAL_OIDC_*`` instead of
    being settings of their own."""
    return {
        "OIDC_RP_CLIENT_ID": settings.PORTAL_OIDC_CLIENT_ID.strip(),
        "OIDC_RP_SCOPES": SCOPES,
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
        "OIDC_AUTHENTICATION_CALLBACK_URL": "oidc-callback",
        "OIDC_REDIRECT_FIELD_NAME": "next",
        "OIDC_AUTH_REQUEST_EXTRA_PARAMS": {},
        "OIDC_TIMEOUT": TIMEOUT,
        "OIDC_VERIFY_SSL": True,
        "OIDC_ALLOW_UNSECURED_JWT": False,
        "OIDC_TOKEN_USE_BASIC_AUTH": False,
        "OIDC_CREATE_USER": False,
        "OIDC_STORE_ACCESS_TOKEN": False,
        "OIDC_STORE_ID_TOKEN": False,  # CallbackView keeps it after the login (which may flush the session)
        "LOGIN_REDIRECT_URL_FAILURE": reverse("login"),
    }


def library_setting(attr, *default):
    mapped = _library_settings()
    if attr in mapped:
        return mapped[attr]
    return import_from_settings(attr, *default)


# --- the tokens and the matching ------------------------------------------------------------------


def check_id_token(payload: dict, provider_issuer: str) -> None:
    """What the library leaves unchecked (OpenID Connect Core 3.1.3.7): the token is for this
    client, and from the configured issuer; it has an expiry (the library checks its value)."""
    client_id = settings.PORTAL_OIDC_CLIENT_ID.strip()
    audience = payload.get("aud")
    audiences = [audience] if isinstance(audience, str) else list(audience or [])
    if client_id not in audiences:
        raise SuspiciousOperation("ID token audience is not this client")
    if len(audiences) > 1 and payload.get("azp") != client_id:
        raise SuspiciousOperation("ID token for several audiences without this client as authorised party")
    if "azp" in payload and payload["azp"] != client_id:
        raise SuspiciousOperation("ID token authorised party is not this client")
    if provider_issuer and str(payload.get("iss", "")).rstrip("/") != provider_issuer.rstrip("/"):
        raise SuspiciousOperation("ID token issuer is not the configured issuer")
    if "exp" not in payload:
        raise SuspiciousOperation("ID token without expiry")


class PortalOIDCBackend(OIDCAuthenticationBackend):
    """The library's token exchange and checks (signature against the JWKS, nonce), with the
    endpoints from ``provider``, the extra ID-token checks of ``check_id_token`` and our matching
    rules (``get_or_create_user``: nobody is created). Called by ``CallbackView`` only.

    After ``authenticate``: ``refusal`` (None when a user was found), ``email`` (as the IdP gave it),
    ``mfa`` (the IdP asserted a multi-factor sign-in), ``id_token`` (the raw, verified ID token) and
    its ``subject`` and ``idp_session`` (``sub`` and ``sid``: for the IdP's back-channel logout)."""

    get_settings = staticmethod(library_setting)

    def __init__(self, *args, **kwargs):  # the endpoints are looked up on use, not when made
        self.UserModel = get_user_model()
        self.refusal: str | None = FAILED
        self.email = ""
        self.mfa = False
        self.id_token = ""
        self.subject = self.idp_session = ""
        self._provider: dict[str, str] | None = None

    @property
    def provider(self) -> dict[str, str]:
        if self._provider is None:
            self._provider = provider()
        return self._provider

    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: self.provider["token_endpoint"])
    OIDC_OP_USER_ENDPOINT = property(lambda self: self.provider["userinfo_endpoint"])
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: self.provider["jwks_uri"])
    OIDC_RP_CLIENT_ID = property(lambda self: settings.PORTAL_OIDC_CLIENT_ID.strip())
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.PORTAL_OIDC_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.PORTAL_OIDC_SIGN_ALGO.strip() or "RS256")
    OIDC_RP_IDP_SIGN_KEY = None  # always the IdP's published keys (JWKS)

    def authenticate(self, request, nonce=None, code_verifier=None):
        self.refusal, self.email, self.mfa, self.id_token = FAILED, "", False, ""
        self.subject = self.idp_session = ""
        if request is None or not nonce:
            return None
        try:
            user = super().authenticate(request, nonce=nonce, code_verifier=code_verifier)
        except (ProviderUnavailable, SuspiciousOperation, jwt.PyJWTError, requests.RequestException,
                ValueError, KeyError, TypeError, AttributeError) as exc:
            LOGGER.warning("Single sign-on failed: %s: %s", type(exc).__name__, exc)
            self.refusal = FAILED
            return None
        if user is not None:
            self.refusal = None
        return user

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if "nonce" in kwargs:  # the ID token (a signed user-info answer comes without)
            check_id_token(payload, self.provider["issuer"])
            self.subject, self.idp_session = (value if isinstance(value, str) else ""
                                              for value in (payload.get("sub"), payload.get("sid")))
        return payload

    def store_tokens(self, access_token, id_token):  # not in the session yet: the login may flush it
        self.id_token = id_token if isinstance(id_token, str) else ""

    def get_userinfo(self, access_token, id_token, payload):
        if not self.OIDC_OP_USER_ENDPOINT:
            return {}
        return super().get_userinfo(access_token, id_token, payload)

    def get_or_create_user(self, access_token, id_token, payload):
        """The one active staff user whose e-mail address the IdP vouches for, or None with
        ``refusal`` saying why. Never creates or changes a user."""
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if not isinstance(userinfo, dict) or userinfo.get("sub", payload.get("sub")) != payload.get("sub"):
            LOGGER.warning("Single sign-on refused: the user-info answer is about another subject")
            return self._refuse(FAILED)
        claims = userinfo if "email" in userinfo else payload
        email = claims.get("email")
        self.email = email.strip() if isinstance(email, str) else ""
        if not self.email:
            LOGGER.warning("Single sign-on refused: the IdP sent no e-mail address (scope email)")
            return self._refuse(FAILED)
        if not email_verified(self.email, userinfo, payload):
            LOGGER.info("Single sign-on refused: e-mail address at %s not verified by the IdP", _domain(self.email))
            return self._refuse(UNVERIFIED)
        # Staff: an accepted staff membership (one filter: the same membership row). A pending
        # invitation gives no role (``access.memberships``): it neither signs in nor makes a match ambiguous.
        users = list(self.UserModel.objects.filter(
            is_active=True, email__iexact=self.email, memberships__role__in=STAFF_ROLES,
            memberships__accepted_at__isnull=False).distinct()[:2])
        if len(users) != 1:
            LOGGER.info("Single sign-on refused: %s active staff users with an address at %s",
                        len(users), _domain(self.email))
            return self._refuse(AMBIGUOUS if users else UNKNOWN)
        self.mfa = asserts_mfa(payload)
        return users[0]

    def _refuse(self, reason: str):
        self.refusal = reason
        return None


def _domain(email: str) -> str:
    return email.rpartition("@")[2] or "?"


def end_session_url(id_token: str) -> str | None:
    """The IdP's ``end_session_endpoint`` (explicit, or from the issuer's discovery document) with
    ``id_token_hint``, ``client_id`` and ``post_logout_redirect_uri``; None when the IdP has none, it
    is not an http(s) address, or the IdP cannot be reached (the portal's session has ended anyway)."""
    try:
        endpoint = provider().get("end_session_endpoint", "")
    except ProviderUnavailable as exc:
        LOGGER.warning("Signing out at the IdP skipped: %s", exc)
        return None
    parts = urlsplit(endpoint)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        if endpoint:
            LOGGER.warning("Signing out at the IdP skipped: end_session_endpoint %r is not an http(s) address",
                           endpoint[:200])
        return None
    query = urlencode({"id_token_hint": id_token, "post_logout_redirect_uri": post_logout_redirect_uri(),
                       "client_id": settings.PORTAL_OIDC_CLIENT_ID.strip()})
    return f"{endpoint}{'&' if parts.query else '?'}{query}"


# --- the pages -------------------------------------------------------------------------------------


def _back_to_login(request, reason: str | None, email: str = "") -> HttpResponseRedirect:
    messages.error(request, refusal_message(reason, email))
    following = request.session.pop(NEXT_KEY, None)
    return HttpResponseRedirect(reverse("login") + (f"?{urlencode({'next': following})}" if following else ""))


class AuthenticateView(OIDCAuthenticationRequestView):
    """``/oidc/authenticate/``: off, 404; on, to the IdP with state, nonce and the PKCE challenge
    (the library's), ``next`` remembered when it is a local address."""

    get_settings = staticmethod(library_setting)

    def __init__(self, **kwargs):  # the library reads the endpoint here; we read it on a request
        View.__init__(self, **kwargs)

    def get(self, request):
        if not enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider()["authorization_endpoint"]
        except ProviderUnavailable as exc:
            LOGGER.error("Single sign-on unavailable: %s", exc)
            return _back_to_login(request, FAILED)
        self.OIDC_RP_CLIENT_ID = settings.PORTAL_OIDC_CLIENT_ID.strip()
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """``/oidc/callback/``: where the IdP sends the browser back. The state must be one this
    session started (used once); then the code is exchanged and the user matched
    (``PortalOIDCBackend``). Signed in, the session is marked verified for two-factor
    authentication when the IdP asserted MFA. Refused: back to the login page with a message."""

    get_settings = staticmethod(library_setting)

    def get(self, request):
        if not enabled():
            raise Http404
        states = request.session.get(STATES_KEY)
        entry = states.pop(request.GET.get("state", ""), None) if isinstance(states, dict) else None
        if not isinstance(entry, dict):
            LOGGER.warning("Single sign-on refused: a state this session did not start (or used already)")
            return _back_to_login(request, FAILED)
        request.session.modified = True  # the state is used up, whatever follows
        if request.GET.get("error") or not request.GET.get("code"):
            LOGGER.info("Single sign-on ended by the IdP: %s", request.GET.get("error", "no code")[:100])
            return _back_to_login(request, FAILED)
        backend = PortalOIDCBackend()
        user = backend.authenticate(request, nonce=entry.get("nonce"), code_verifier=entry.get("code_verifier"))
        if user is None:
            return _back_to_login(request, backend.refusal, backend.email)
        user.backend = SESSION_BACKEND
        self.user = user
        response = self.login_success()  # django.contrib.auth.login: two_factor decides what is owed
        if backend.mfa:
            two_factor.mark_verified_by_idp(request)
        if backend.id_token and backend.provider.get("end_session_endpoint"):  # for signing out there too
            request.session[ID_TOKEN_KEY] = backend.id_token
        from .oidc_backchannel import remember_sign_in  # which session the IdP may end (back-channel logout)

        remember_sign_in(request, user, subject=backend.subject, idp_session=backend.idp_session)
        LOGGER.info("Single sign-on of user %s (MFA asserted by the IdP: %s)", user.pk, backend.mfa)
        return response
