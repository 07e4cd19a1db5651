"""Single sign-on for staff through their organisation's identity provider (OpenID Connect).

Optional: off unless ``PORTAL_OIDC_CLIENT_ID`` and the issuer (``PORTAL_OIDC_ISSUER``, whose
discovery document gives the endpoints) or the endpoints themselves are set (``enabled``). Off, the
login page has no button, ``/oidc/…`` answers 404 and nothing else is touched: no middleware, no
authentication backend, no request to the identity provider (IdP).

On, the login page offers "Inloggen met <label>" above the password form, which stays for
entrepreneurs and as a fallback. The flow is mozilla-django-oidc's authorization code flow, with
PKCE (S256), ``state`` and ``nonce`` (kept in the session, each used once) and the ID token's
signature checked against the IdP's keys (JWKS); on top of it the ID token's audience, authorised
party, issuer and expiry are checked here (the library leaves them), and the user-info answer must
be about the same ``sub``.

Nobody is created: the IdP's e-mail address must be marked verified (``email_verified`` true, or,
where the IdP does not send that claim, Microsoft Entra ID's ``xms_edov``) and must match, case
insensitively, exactly one active user who holds an accepted staff membership (broker, colleague,
network partner, SROI coordinator, steering member; a pending invitation gives no role, so it neither
signs anyone in nor makes a match ambiguous). Anything else is a translated message on the login
page, never an error page; accounts are made by the organisation's functional administrator (or
the administrator) as before.

Two-factor authentication (``two_factor``): the session counts as verified when the IdP asserts a
multi-factor sign-in (``amr`` holds ``mfa``, ``otp`` or ``hwk``, or ``acr`` is one of
``PORTAL_OIDC_MFA_ACR``); otherwise the portal asks its own code exactly as after a password.

The session's user is read back on every request by the portal's own ``ModelBackend``, as after a
password sign-in; the library's backend is used in the callback only, so the password form never
reaches it and a refused single sign-on does not count as a wrong password (the IdP authenticated
the person; the lockouts stay for passwords).

Signing out (RP-initiated logout): the portal's session always ends. When the session was signed in
through the IdP and the IdP has an ``end_session_endpoint`` (``PORTAL_OIDC_END_SESSION_ENDPOINT``, or
its discovery document), the browser is then sent there with ``id_token_hint``, ``client_id`` and
``post_logout_redirect_uri`` (the portal's home page under ``PORTAL_BASE_URL``), so the IdP's session
ends too. For that the raw ID token is kept in the session (``ID_TOKEN_KEY``), only when the IdP has
such an endpoint. The address comes from the settings or the issuer's own discovery document only,
never from the session or the request. Otherwise signing out is the portal's own, as before.

Signed out by the IdP (back-channel logout, ``oidc_backchannel``): the IdP posts a signed logout
token to ``/oidc/backchannel-logout/`` (no cookie, no CSRF token: server to server), and the portal
ends the sessions signed in through that IdP session (``sid``), or all of that person's (``sub``).

This module reads settings only; the flow itself (the library's views and backend, with ours on
top) is ``oidc_flow``, imported on the first request to ``/oidc/…`` while single sign-on is on."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core import checks
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from impactportal import access

SCOPES = "openid email profile"
TIMEOUT = 10  # seconds for each request to the IdP (the library waits forever by default)
MFA_METHODS = frozenset({"mfa", "otp", "hwk"})  # RFC 8176 authentication method references
STAFF_ROLES = frozenset({access.BROKER, access.COLLEAGUE, access.PARTNER, access.SROI_COORDINATOR, access.STEERING})
# The backend that reads the session's user back (as after a password sign-in; see the module's text).
SESSION_BACKEND = "impactportal.accounts.backends.ModelBackend"
STATES_KEY = "oidc_states"  # the library's: state → nonce and PKCE code verifier
NEXT_KEY = "oidc_login_next"  # the library's: where to go after signing in (checked to be local)
ID_TOKEN_KEY = "oidc_id_token"  # the raw ID token of an IdP sign-in: the id_token_hint when signing out

# Why a single sign-on was refused (the message on the login page: ``refusal_message``).
UNKNOWN, AMBIGUOUS, UNVERIFIED, FAILED = "unknown", "ambiguous", "unverified", "failed"


# --- configuration ---------------------------------------------------------------------------------


def _issuer() -> str:
    return settings.PORTAL_OIDC_ISSUER.strip().rstrip("/")


def _explicit() -> dict[str, str]:
    return {
        "authorization_endpoint": settings.PORTAL_OIDC_AUTHORIZATION_ENDPOINT.strip(),
        "token_endpoint": settings.PORTAL_OIDC_TOKEN_ENDPOINT.strip(),
        "userinfo_endpoint": settings.PORTAL_OIDC_USERINFO_ENDPOINT.strip(),
        "jwks_uri": settings.PORTAL_OIDC_JWKS_URI.strip(),
        "end_session_endpoint": settings.PORTAL_OIDC_END_SESSION_ENDPOINT.strip(),
    }


def _endpoints_complete(endpoints: dict[str, str]) -> bool:
    return bool(endpoints["authorization_endpoint"] and endpoints["token_endpoint"] and endpoints["jwks_uri"])


def enabled() -> bool:
    """Is single sign-on configured? Reads settings only (no request to the IdP)."""
    return bool(settings.PORTAL_OIDC_CLIENT_ID.strip() and (_issuer() or _endpoints_complete(_explicit())))


def label() -> str:
    return settings.PORTAL_OIDC_BUTTON_LABEL.strip() or _("uw organisatieaccount")


# --- the claims ---------------------------------------------------------------------------------------


def _true(value) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _false(value) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def email_verified(email: str, userinfo: dict, payload: dict) -> bool:
    """Does the IdP vouch for ``email``? Read from the user-info answer and the ID token where they
    name that address: ``email_verified`` false anywhere refuses; true, or Microsoft Entra ID's
    ``xms_edov`` (the address's domain verified by the tenant) where the IdP sends no
    ``email_verified``, accepts. An address the IdP says nothing about is not verified."""
    sources = [claims for claims in (userinfo, payload)
               if isinstance(claims.get("email"), str) and claims["email"].strip().lower() == email.lower()]
    if any(_false(claims.get("email_verified")) for claims in sources):
        return False
    return any(_true(claims.get("email_verified")) or _true(claims.get("xms_edov")) for claims in sources)


def asserts_mfa(id_token: dict) -> bool:
    """Did the IdP sign the person in with more than one factor (the ID token's ``amr`` or ``acr``)?"""
    amr = id_token.get("amr") or []
    methods = {amr} if isinstance(amr, str) else {str(method) for method in amr if isinstance(method, str)}
    if methods & MFA_METHODS:
        return True
    acr = id_token.get("acr")
    return isinstance(acr, str) and acr in set(settings.PORTAL_OIDC_MFA_ACR)


# --- the pages -------------------------------------------------------------------------------------


def refusal_message(reason: str | None, email: str = "") -> str:
    if reason == UNKNOWN:
        return _("Er is in het Impactportaal geen actief medewerkersaccount met het e-mailadres %(email)s. "
                 "Accounts voor medewerkers maakt de functioneel beheerder van uw organisatie aan. Ondernemers "
                 "loggen in met hun gebruikersnaam en wachtwoord.") % {"email": email}
    if reason == AMBIGUOUS:
        return _("Er zijn in het Impactportaal meerdere medewerkersaccounts met het e-mailadres %(email)s. "
                 "Log in met uw gebruikersnaam en wachtwoord, of vraag de beheerder van het portaal dit op te "
                 "lossen.") % {"email": email}
    if reason == UNVERIFIED:
        return _("Uw organisatie heeft uw e-mailadres niet als bevestigd doorgegeven, daarom kunt u zo niet "
                 "inloggen. Log in met uw gebruikersnaam en wachtwoord, of neem contact op met de beheerder.")
    return _("Inloggen met %(label)s is niet gelukt. Probeer het opnieuw, of log in met uw gebruikersnaam en "
             "wachtwoord.") % {"label": label()}


def login_button(next_url: str = "") -> dict | None:
    """For the login page: where the button goes and what it says; None when off."""
    if not enabled():
        return None
    url = reverse("oidc-authenticate")
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return {"url": url, "label": label()}


def authenticate(request):
    """``/oidc/authenticate/``: to the IdP (``oidc_flow.AuthenticateView``); 404 when off."""
    if not enabled():
        raise Http404
    from .oidc_flow import AuthenticateView

    return AuthenticateView.as_view()(request)


def callback(request):
    """``/oidc/callback/``: back from the IdP (``oidc_flow.CallbackView``); 404 when off."""
    if not enabled():
        raise Http404
    from .oidc_flow import CallbackView

    return CallbackView.as_view()(request)


@csrf_exempt  # the IdP's server posts here, with a signed token instead of a cookie and a CSRF token
def backchannel_logout(request):
    """``/oidc/backchannel-logout/``: the IdP ends sessions (``oidc_backchannel``); 404 when off."""
    if not enabled():
        raise Http404
    from .oidc_backchannel import backchannel_logout

    return backchannel_logout(request)


def signed_in_id_token(request) -> str:
    """The ID token of this session's IdP sign-in ('' for a password sign-in or when off). Read it
    before the session ends."""
    if not enabled() or not request.user.is_authenticated:
        return ""
    token = request.session.get(ID_TOKEN_KEY)
    return token if isinstance(token, str) else ""


def post_logout_redirect_uri() -> str:
    """Where the IdP sends the browser after signing out there: register it at the IdP."""
    return settings.PORTAL_BASE_URL.strip().rstrip("/") + reverse("home")


def end_session_url(id_token: str) -> str | None:
    """The IdP's address that ends its session too (``oidc_flow.end_session_url``), for the ID token of
    a sign-in through it; None when off, without a token, or when the IdP has no such address."""
    if not enabled() or not id_token:
        return None
    from .oidc_flow import end_session_url

    return end_session_url(id_token)


# --- checks ----------------------------------------------------------------------------------------


def check_settings(app_configs=None, **kwargs):
    """Half a configuration is an error: single sign-on would silently stay off."""
    problems = []
    client_id = settings.PORTAL_OIDC_CLIENT_ID.strip()
    explicit = _explicit()
    where = _issuer() or any(explicit.values())
    if client_id and not enabled():
        problems.append(checks.Error(
            "PORTAL_OIDC_CLIENT_ID is set, but neither PORTAL_OIDC_ISSUER nor all of PORTAL_OIDC_AUTHORIZATION_ENDPOINT, "
            "PORTAL_OIDC_TOKEN_ENDPOINT and PORTAL_OIDC_JWKS_URI: single sign-on stays off.", id="accounts.E010"))
    if where and not client_id:
        problems.append(checks.Error(
            "PORTAL_OIDC_ISSUER or endpoints are set without PORTAL_OIDC_CLIENT_ID: single sign-on stays off.",
            id="accounts.E011"))
    if enabled() and not _issuer():
        problems.append(checks.Warning(
            "Single sign-on with explicit endpoints and no PORTAL_OIDC_ISSUER: the IdP's back-channel logout "
            "tokens are refused (their issuer cannot be checked), so its sign-outs do not end portal sessions.",
            hint="Set PORTAL_OIDC_ISSUER to the IdP's issuer as its tokens name it.", id="accounts.W011"))
    if enabled() and not settings.DEBUG:
        plain = [url for url in (_issuer(), *explicit.values()) if url and not url.startswith("https://")]
        if plain:
            problems.append(checks.Warning(f"Single sign-on over plain http: {', '.join(plain)}.",
                                           hint="Use the IdP's https addresses.", id="accounts.W010"))
    return problems


def ready() -> None:
    """Called from ``AccountsConfig.ready``."""
    checks.register(check_settings, checks.Tags.security)
