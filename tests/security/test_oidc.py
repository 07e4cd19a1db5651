"""Single sign-on for staff through the organisation's identity provider (``impactportal.accounts.oidc``):
off unless configured; on, the authorization code flow with PKCE, state and nonce, and only an
existing active staff user whose e-mail address the IdP marks verified is signed in (nobody is
created). The IdP's MFA replaces the portal's own code; without it the code is asked as after a password.

The IdP is a fake in this file: its discovery document, keys (a real RSA key: the library checks
real signatures), token and user-info endpoints answer through ``requests.get``/``requests.post``,
patched; any other request to the network fails the test."""

import base64
import hashlib
import time
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY, get_user_model
from django.core import checks
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from impactportal.accounts import oidc, two_factor
from impactportal.accounts.constants import Role
from impactportal.accounts.models import Membership
from tests import factories as f
from tests.security.test_two_factor import give_app, redirect_path

pytestmark = pytest.mark.django_db

ISSUER = "https://idp.haarlem.example/realms/medewerkers"
CLIENT_ID = "impactportaal"
CALLBACK = "http://testserver/oidc/callback/"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PASSWORD = "test-password-123"  # tests.factories.UserFactory
ABSENT = object()  # a claim the IdP does not send


def _response(url: str, status: int = 200, payload=None) -> requests.Response:
    response = requests.Response()
    response.status_code, response.url = status, url
    response._content = requests.models.complexjson.dumps(payload if payload is not None else {}).encode()
    response.headers["Content-Type"] = "application/json"
    return response


class FakeIdP:
    """Keycloak as far as the portal sees it. ``claims`` go into the ID token (with ``sub``, ``aud``,
    ``iss``, ``exp`` and the nonce of the sign-in), ``userinfo`` is the user-info answer (by default
    the same claims); ``token_overrides`` change the ID token (a wrong nonce, audience …)."""

    def __init__(self):
        self.claims: dict = {}
        self.userinfo: dict | None = None
        self.token_overrides: dict = {}
        self.signing_key = KEY
        self.token_status = 200
        self.discovery_status = 200
        self.sign_ins: dict[str, dict] = {}  # code → what the authorization request carried
        self.requests: list[str] = []
        self.token_requests: list[dict] = []
        self.id_tokens: list[str] = []  # the ID tokens handed out
        self.end_session_endpoint = ""  # published in the discovery document when set

    def document(self):
        document = {"issuer": ISSUER, "authorization_endpoint": f"{ISSUER}/protocol/openid-connect/auth",
                    "token_endpoint": f"{ISSUER}/protocol/openid-connect/token",
                    "userinfo_endpoint": f"{ISSUER}/protocol/openid-connect/userinfo",
                    "jwks_uri": f"{ISSUER}/protocol/openid-connect/certs"}
        if self.end_session_endpoint:
            document["end_session_endpoint"] = self.end_session_endpoint
        return document

    def authorize(self, location: str) -> str:
        """The browser at the IdP: the person signs in; the code to bring back to the portal."""
        assert location.startswith(self.document()["authorization_endpoint"] + "?"), location
        query = {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}
        code = f"code-{len(self.sign_ins)}"
        self.sign_ins[code] = query
        return code

    def get(self, url, **kwargs):
        self.requests.append(url)
        assert kwargs.get("timeout"), "every request to the IdP has a timeout"
        if url == f"{ISSUER}/.well-known/openid-configuration":
            return _response(url, self.discovery_status, self.document())
        if url == self.document()["jwks_uri"]:
            jwk = jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key(), as_dict=True)
            return _response(url, payload={"keys": [{**jwk, "kid": "k1", "alg": "RS256", "use": "sig"}]})
        if url == self.document()["userinfo_endpoint"]:
            assert kwargs["headers"]["Authorization"] == "Bearer access-token"
            return _response(url, payload=self.userinfo if self.userinfo is not None else {"sub": "u-1", **self.claims})
        raise AssertionError(f"unexpected GET {url}")

    def post(self, url, data=None, **kwargs):
        self.requests.append(url)
        assert url == self.document()["token_endpoint"], url
        self.token_requests.append(dict(data))
        sign_in = self.sign_ins[data["code"]]
        # PKCE: the verifier the portal sends matches the challenge it sent to the browser.
        challenge = base64.urlsafe_b64encode(hashlib.sha256(data["code_verifier"].encode()).digest()).rstrip(b"=")
        assert challenge.decode() == sign_in["code_challenge"] and sign_in["code_challenge_method"] == "S256"
        assert data["redirect_uri"] == sign_in["redirect_uri"] == CALLBACK
        assert data["client_id"] == CLIENT_ID and data["client_secret"] == "geheim"
        if self.token_status != 200:
            return _response(url, self.token_status, {"error": "server_error"})
        now = int(time.time())
        claims = {"iss": ISSUER, "sub": "u-1", "aud": CLIENT_ID, "iat": now, "exp": now + 300,
                  "nonce": sign_in["nonce"], **self.claims, **self.token_overrides}
        id_token = jwt.encode(claims, self.signing_key, algorithm="RS256", headers={"kid": "k1"})
        self.id_tokens.append(id_token)
        return _response(url, payload={"id_token": id_token, "access_token": "access-token", "token_type": "Bearer"})


@pytest.fixture
def idp(monkeypatch):
    fake = FakeIdP()
    monkeypatch.setattr(requests, "get", fake.get)
    monkeypatch.setattr(requests, "post", fake.post)

    def no_network(*args, **kwargs):
        raise AssertionError("a request to the network")

    monkeypatch.setattr(requests.Session, "send", no_network)
    from impactportal.accounts import oidc_flow

    monkeypatch.setattr(oidc_flow, "_discovered", {})
    return fake


@pytest.fixture
def sso(settings, idp):
    settings.PORTAL_OIDC_ISSUER = ISSUER
    settings.PORTAL_OIDC_CLIENT_ID = CLIENT_ID
    settings.PORTAL_OIDC_CLIENT_SECRET = "geheim"
    settings.PORTAL_OIDC_BUTTON_LABEL = "Gemeente Haarlem"
    return idp


@pytest.fixture
def staff_user(broker_haarlem):
    broker_haarlem.email = "Makelaar@Haarlem.example"
    broker_haarlem.save(update_fields=["email"])
    return broker_haarlem


def start(client, query: str = "") -> str:
    """The button: the portal sends the browser to the IdP."""
    response = client.get("/oidc/authenticate/" + query)
    assert response.status_code == 302, response.status_code
    return response["Location"]


def sign_in(client, idp, query: str = "", **claims):
    """The whole round trip: portal → IdP (signed in there with ``claims``) → the portal's callback."""
    claims = {"email": "makelaar@haarlem.example", "email_verified": True, **claims}
    idp.claims = {name: value for name, value in claims.items() if value is not ABSENT}
    code = idp.authorize(start(client, query))
    return client.get("/oidc/callback/", {"code": code, "state": idp.sign_ins[code]["state"]})


def refused(client, response, text: str) -> None:
    """Back on the login page with ``text`` in its message, nobody signed in."""
    assert redirect_path(response) == "/accounts/login/"
    page = client.get(response["Location"])
    assert page.status_code == 200 and text in page.content.decode()
    assert SESSION_KEY not in client.session


# --- off: nothing changes ------------------------------------------------------------------------


def test_off_by_default_no_button_and_the_urls_answer_404(client, idp, settings):
    assert not settings.PORTAL_OIDC_CLIENT_ID and not settings.PORTAL_OIDC_ISSUER
    page = client.get("/accounts/login/").content.decode()
    assert "sso-login" not in page and "/oidc/" not in page and "Inloggen met" not in page
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/", {"code": "x", "state": "y"}).status_code == 404
    assert idp.requests == []
    assert oidc.check_settings() == [] and not oidc.enabled()
    assert "accounts.E010" not in {problem.id for problem in checks.run_checks(tags=[checks.Tags.security])}


def test_a_half_configuration_is_a_check_error(settings):
    settings.PORTAL_OIDC_CLIENT_ID = CLIENT_ID
    assert [p.id for p in oidc.check_settings()] == ["accounts.E010"]
    settings.PORTAL_OIDC_CLIENT_ID = ""
    settings.PORTAL_OIDC_ISSUER = ISSUER
    assert [p.id for p in oidc.check_settings()] == ["accounts.E011"]
    settings.PORTAL_OIDC_CLIENT_ID = CLIENT_ID
    assert oidc.check_settings() == []
    assert oidc.enabled()


def test_explicit_endpoints_without_an_issuer_warn_that_back_channel_logout_cannot_work(settings):
    settings.PORTAL_OIDC_CLIENT_ID = CLIENT_ID
    settings.PORTAL_OIDC_AUTHORIZATION_ENDPOINT = ISSUER + "/authorize"
    settings.PORTAL_OIDC_TOKEN_ENDPOINT = ISSUER + "/token"
    settings.PORTAL_OIDC_JWKS_URI = ISSUER + "/jwks"
    assert oidc.enabled()
    assert [p.id for p in oidc.check_settings()] == ["accounts.W011"]
    settings.PORTAL_OIDC_ISSUER = ISSUER
    assert oidc.check_settings() == []


# --- on: the button and the way to the IdP -------------------------------------------------------


def test_the_login_page_offers_the_button_above_the_password_form(client, sso):
    page = client.get("/accounts/login/?next=/meldingen/").content.decode()
    assert "Inloggen met Gemeente Haarlem" in page
    assert 'href="/oidc/authenticate/?next=%2Fmeldingen%2F"' in page
    assert page.index('id="sso-login"') < page.index('<form method="post"')
    assert 'name="password"' in page  # the password form stays
    assert sso.requests == []  # drawing the button asks the IdP nothing


def test_the_button_sends_the_browser_to_the_idp_with_pkce_state_and_nonce(client, sso):
    location = start(client)
    query = {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}
    assert location.startswith(f"{ISSUER}/protocol/openid-connect/auth?")
    assert query["response_type"] == "code" and query["client_id"] == CLIENT_ID
    assert query["redirect_uri"] == CALLBACK
    assert set(query["scope"].split()) >= {"openid", "email"}
    assert query["code_challenge_method"] == "S256" and len(query["state"]) >= 32 and len(query["nonce"]) >= 32
    kept = client.session["oidc_states"][query["state"]]
    assert kept["nonce"] == query["nonce"]
    expected = base64.urlsafe_b64encode(hashlib.sha256(kept["code_verifier"].encode()).digest()).rstrip(b"=")
    assert query["code_challenge"] == expected.decode()
    assert sso.requests == [f"{ISSUER}/.well-known/openid-configuration"]  # discovery, once per process
    start(client)
    assert len(sso.requests) == 1


def test_an_unreachable_idp_is_a_message_not_an_error(client, sso):
    sso.discovery_status = 503
    response = client.get("/oidc/authenticate/")
    refused(client, response, "Inloggen met Gemeente Haarlem is niet gelukt")


# --- the callback: who is signed in ----------------------------------------------------------------


def test_a_staff_user_with_the_verified_address_is_signed_in(client, sso, staff_user):
    response = sign_in(client, sso)  # the IdP's address in other case than the portal's
    assert redirect_path(response) == "/dashboard/"
    assert client.session[SESSION_KEY] == str(staff_user.pk)
    assert client.session[BACKEND_SESSION_KEY] == "impactportal.accounts.backends.ModelBackend"
    assert client.get("/dashboard/").status_code == 200
    assert len(sso.token_requests) == 1 and sso.token_requests[0]["grant_type"] == "authorization_code"
    assert get_user_model().objects.filter(email__iexact="makelaar@haarlem.example").count() == 1


@pytest.mark.parametrize("make", [
    lambda org, enterprise, region, programme: f.colleague(org, "inkoop", "collega"),
    lambda org, enterprise, region, programme: f.partner(org, f.partner_organisation(), "partner"),
    lambda org, enterprise, region, programme: f.sroi_coordinator(region, "sroi"),
    lambda org, enterprise, region, programme: f.steering(programme, "stuurgroep"),
], ids=["colleague", "partner", "sroi_coordinator", "steering"])
def test_every_staff_role_may_sign_in(client, sso, haarlem, enterprise_haarlem, region, programme, make):
    user = make(haarlem, enterprise_haarlem, region, programme)
    response = sign_in(client, sso, email=user.email)
    assert redirect_path(response) == "/dashboard/" and client.session[SESSION_KEY] == str(user.pk)


def test_next_is_followed_only_to_a_local_address(client, sso, staff_user):
    assert sign_in(client, sso, "?next=/meldingen/")["Location"] == "/meldingen/"
    client.post(reverse("logout"))
    assert sign_in(client, sso, "?next=https://evil.example/")["Location"] == "/dashboard/"


def test_an_unknown_address_is_refused_and_nobody_is_created(client, sso, staff_user):
    users = get_user_model().objects.count()
    response = sign_in(client, sso, email="nieuw@haarlem.example")
    refused(client, response, "geen actief medewerkersaccount met het e-mailadres nieuw@haarlem.example")
    assert get_user_model().objects.count() == users


def test_the_idps_address_is_shown_escaped(client, sso):
    response = sign_in(client, sso, email="<b>x</b>@haarlem.example")
    refused(client, response, "&lt;b&gt;x&lt;/b&gt;@haarlem.example")


@pytest.mark.parametrize("verified", [False, "false", ABSENT], ids=["false", "false-string", "absent"])
def test_an_unverified_address_is_refused(client, sso, staff_user, verified):
    refused(client, sign_in(client, sso, email_verified=verified), "niet als bevestigd doorgegeven")


def test_an_unverified_address_in_the_userinfo_refuses_even_when_the_token_says_verified(client, sso, staff_user):
    sso.userinfo = {"sub": "u-1", "email": "makelaar@haarlem.example", "email_verified": False}
    refused(client, sign_in(client, sso), "niet als bevestigd doorgegeven")


def test_entra_ids_domain_verified_claim_counts_when_email_verified_is_absent(client, sso, staff_user):
    sso.userinfo = {"sub": "u-1", "email": "makelaar@haarlem.example"}  # Entra's user info: no email_verified
    assert sign_in(client, sso, email_verified=ABSENT, xms_edov=True)["Location"] == "/dashboard/"
    assert client.session[SESSION_KEY] == str(staff_user.pk)
    client.post(reverse("logout"))
    refused(client, sign_in(client, sso, email_verified=ABSENT, xms_edov=False), "niet als bevestigd doorgegeven")


def test_an_entrepreneur_only_account_is_refused(client, sso, ondernemer_1):
    response = sign_in(client, sso, email=ondernemer_1.email)
    refused(client, response, "geen actief medewerkersaccount")


def test_an_inactive_staff_user_is_refused(client, sso, staff_user):
    staff_user.is_active = False
    staff_user.save(update_fields=["is_active"])
    refused(client, sign_in(client, sso), "geen actief medewerkersaccount")


def test_two_staff_accounts_with_one_address_are_refused_one_staff_account_wins(client, sso, staff_user,
                                                                                 ondernemer_1, broker_amersfoort):
    ondernemer_1.email = "MAKELAAR@haarlem.example"  # the same person's entrepreneur account: not staff
    ondernemer_1.save(update_fields=["email"])
    assert sign_in(client, sso)["Location"] == "/dashboard/"
    assert client.session[SESSION_KEY] == str(staff_user.pk)
    client.post(reverse("logout"))
    broker_amersfoort.email = "makelaar@haarlem.example"
    broker_amersfoort.save(update_fields=["email"])
    refused(client, sign_in(client, sso), "meerdere medewerkersaccounts")


def _pending_invitation(user, organisation, **kwargs):
    """``user`` invited as a broker (and functional administrator) of ``organisation``, not accepted yet."""
    return Membership.objects.create(user=user, role=Role.BROKER, organisation=organisation, is_admin=True,
                                     accepted_at=None, invited_email=user.email, **kwargs)


def test_a_pending_invitation_does_not_make_an_account_staff(client, sso, ondernemer_1, haarlem):
    """An active account invited as staff that never accepted: no single sign-on into those rights."""
    invitation = _pending_invitation(ondernemer_1, haarlem)
    refused(client, sign_in(client, sso, email=ondernemer_1.email), "geen actief medewerkersaccount")
    invitation.accepted_at = timezone.now()  # once accepted it counts
    invitation.save(update_fields=["accepted_at"])
    assert sign_in(client, sso, email=ondernemer_1.email)["Location"] == "/dashboard/"
    assert client.session[SESSION_KEY] == str(ondernemer_1.pk)


def test_a_pending_invitation_does_not_make_the_match_ambiguous(client, sso, staff_user, ondernemer_1, amersfoort):
    ondernemer_1.email = "MAKELAAR@haarlem.example"  # another account with the address, only invited as staff
    ondernemer_1.save(update_fields=["email"])
    _pending_invitation(ondernemer_1, amersfoort)
    assert sign_in(client, sso)["Location"] == "/dashboard/"
    assert client.session[SESSION_KEY] == str(staff_user.pk)


# --- the callback: what is checked -----------------------------------------------------------------


def test_a_state_this_browser_did_not_start_is_refused(client, sso, staff_user):
    code = sso.authorize(start(Client()))  # another browser's sign-in (a forged or stolen link)
    response = client.get("/oidc/callback/", {"code": code, "state": sso.sign_ins[code]["state"]})
    refused(client, response, "is niet gelukt")
    assert sso.token_requests == []


def test_a_state_is_used_once(client, sso, staff_user):
    sso.claims = {"email": "makelaar@haarlem.example", "email_verified": True}
    code = sso.authorize(start(client))
    state = sso.sign_ins[code]["state"]
    refused(client, client.get("/oidc/callback/", {"error": "access_denied", "state": state}), "is niet gelukt")
    refused(client, client.get("/oidc/callback/", {"code": code, "state": state}), "is niet gelukt")
    assert sso.token_requests == []


@pytest.mark.parametrize("overrides", [
    {"nonce": "een-andere-nonce"},
    {"aud": "een-andere-client"},
    {"aud": [CLIENT_ID, "een-andere-client"]},  # several audiences without azp
    {"iss": "https://idp.elders.example/realms/medewerkers"},
    {"exp": int(time.time()) - 60},
], ids=["nonce", "audience", "audiences-without-azp", "issuer", "expired"])
def test_an_id_token_that_fails_a_check_is_refused(client, sso, staff_user, overrides):
    sso.token_overrides = overrides
    refused(client, sign_in(client, sso), "is niet gelukt")


def test_an_id_token_signed_with_another_key_is_refused(client, sso, staff_user):
    sso.signing_key = OTHER_KEY
    refused(client, sign_in(client, sso), "is niet gelukt")


def test_userinfo_about_another_subject_is_refused(client, sso, staff_user):
    sso.userinfo = {"sub": "iemand-anders", "email": "makelaar@haarlem.example", "email_verified": True}
    refused(client, sign_in(client, sso), "is niet gelukt")


def test_a_failing_token_endpoint_or_a_cancelled_sign_in_is_a_message(client, sso, staff_user):
    sso.token_status = 500
    refused(client, sign_in(client, sso), "Inloggen met Gemeente Haarlem is niet gelukt")
    location = start(client)
    state = parse_qs(urlsplit(location).query)["state"][0]
    response = client.get("/oidc/callback/", {"error": "access_denied", "state": state})
    refused(client, response, "is niet gelukt")


# --- two-factor authentication ----------------------------------------------------------------------


@pytest.mark.parametrize("amr", [["pwd", "mfa"], ["pwd", "otp"], ["hwk"]])
def test_mfa_asserted_by_the_idp_needs_no_code_of_ours(client, sso, staff_user, staff_policy, amr):
    give_app(staff_user)
    assert sign_in(client, sso, amr=amr)["Location"] == "/dashboard/"
    assert client.session[two_factor.STATE_KEY] == two_factor.IDP_VERIFIED
    assert client.get("/dashboard/").status_code == 200
    assert client.get("/accounts/login/code/")["Location"] == "/dashboard/"  # nothing to ask


@pytest.mark.parametrize("with_app", [False, True], ids=["no-app", "app"])
def test_without_mfa_from_the_idp_the_portal_asks_its_own_code(client, sso, staff_user, staff_policy, with_app):
    if with_app:
        give_app(staff_user)
    sign_in(client, sso, amr=["pwd"])
    assert client.session[SESSION_KEY] == str(staff_user.pk)
    expected = "/accounts/login/code/" if with_app else "/accounts/mijn-account/tweestapsverificatie/"
    assert redirect_path(client.get("/dashboard/")) == expected
    assert client.session[two_factor.STATE_KEY] == ("staff:verify" if with_app else "staff:setup")


def test_an_acr_the_administrator_names_counts_as_mfa(client, sso, staff_user, staff_policy, settings):
    settings.PORTAL_OIDC_MFA_ACR = ["gold"]
    sign_in(client, sso, acr="silver")
    assert redirect_path(client.get("/dashboard/")) == "/accounts/mijn-account/tweestapsverificatie/"
    client.post(reverse("logout"))
    sign_in(client, sso, acr="gold")
    assert client.get("/dashboard/").status_code == 200


def test_an_idp_verified_session_may_make_an_api_key(client, sso, staff_user, staff_policy):
    sign_in(client, sso, amr=["mfa"])
    response = client.post(reverse("account-api-token"))
    assert response.status_code == 302 and response["Location"].endswith("#api-sleutel")


def test_signing_out_ends_the_portal_session(client, sso, staff_user):
    sign_in(client, sso)
    assert client.post(reverse("logout")).status_code == 302
    assert SESSION_KEY not in client.session
    assert redirect_path(client.get("/dashboard/")) == "/accounts/login/"


# --- signing out at the IdP too (RP-initiated logout) ----------------------------------------------

END_SESSION = f"{ISSUER}/protocol/openid-connect/logout"


def signed_out(client, response, location: str = "/") -> None:
    """The portal's session has ended, and the browser goes to ``location``."""
    assert response.status_code == 302 and response["Location"] == location, response.get("Location")
    assert SESSION_KEY not in client.session and oidc.ID_TOKEN_KEY not in client.session
    assert redirect_path(client.get("/dashboard/")) == "/accounts/login/"


def at_idp(response, endpoint: str = END_SESSION) -> dict:
    """The browser is sent to the IdP's end_session_endpoint: its query."""
    location = response["Location"]
    assert response.status_code == 302 and location.split("?")[0] == endpoint.split("?")[0], location
    return {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}


def test_signing_out_after_an_idp_sign_in_ends_the_idps_session_too(client, sso, staff_user, settings):
    settings.PORTAL_BASE_URL = "https://impact.haarlem.example/"
    sso.end_session_endpoint = END_SESSION
    sign_in(client, sso)
    assert client.session[oidc.ID_TOKEN_KEY] == sso.id_tokens[-1]
    response = client.post(reverse("logout"))
    assert at_idp(response) == {"id_token_hint": sso.id_tokens[-1], "client_id": CLIENT_ID,
                                "post_logout_redirect_uri": "https://impact.haarlem.example/"}
    assert SESSION_KEY not in client.session and oidc.ID_TOKEN_KEY not in client.session
    assert redirect_path(client.get("/dashboard/")) == "/accounts/login/"
    # Signed out, a second post (another tab) is a plain sign-out: nothing left to end at the IdP.
    signed_out(client, client.post(reverse("logout")))


def test_the_explicit_end_session_endpoint_wins_and_keeps_its_own_query(client, sso, staff_user, settings):
    settings.PORTAL_OIDC_END_SESSION_ENDPOINT = f"{ISSUER}/oauth2/logout?p=b2c_1_signin"
    sign_in(client, sso)  # the discovery document names no end_session_endpoint
    query = at_idp(client.post(reverse("logout")), settings.PORTAL_OIDC_END_SESSION_ENDPOINT)
    assert query["p"] == "b2c_1_signin" and query["id_token_hint"] == sso.id_tokens[-1]
    assert query["post_logout_redirect_uri"] == "http://127.0.0.1:8000/"
    assert SESSION_KEY not in client.session


def test_a_password_session_signs_out_as_before(client, sso, staff_user):
    sso.end_session_endpoint = END_SESSION
    assert client.post("/accounts/login/", {"username": staff_user.username, "password": PASSWORD}).status_code == 302
    assert SESSION_KEY in client.session
    signed_out(client, client.post(reverse("logout")))
    assert sso.requests == []  # the IdP is not asked anything


def test_without_an_end_session_endpoint_signing_out_is_the_portals_own(client, sso, staff_user):
    sign_in(client, sso)
    assert SESSION_KEY in client.session and oidc.ID_TOKEN_KEY not in client.session  # nothing kept for nothing
    signed_out(client, client.post(reverse("logout")))


@pytest.mark.parametrize("endpoint", ["javascript:alert(1)", "//evil.example/logout", "ftp://idp.example/"])
def test_an_end_session_endpoint_that_is_no_web_address_is_not_followed(client, sso, staff_user, settings, endpoint):
    settings.PORTAL_OIDC_END_SESSION_ENDPOINT = endpoint
    sign_in(client, sso)
    signed_out(client, client.post(reverse("logout")))


def test_an_unreachable_idp_at_signing_out_still_ends_the_portal_session(client, sso, staff_user, monkeypatch):
    sso.end_session_endpoint = END_SESSION
    sign_in(client, sso)
    from impactportal.accounts import oidc_flow

    monkeypatch.setattr(oidc_flow, "_discovered", {})  # another process, which has not read the document
    sso.discovery_status = 503
    signed_out(client, client.post(reverse("logout")))


def test_with_single_sign_on_off_signing_out_is_unchanged(client, idp, staff_user, settings):
    idp.end_session_endpoint = END_SESSION
    client.post("/accounts/login/", {"username": staff_user.username, "password": PASSWORD})
    signed_out(client, client.post(reverse("logout")))
    # A session from before single sign-on was switched off: its token is not used.
    settings.PORTAL_OIDC_ISSUER, settings.PORTAL_OIDC_CLIENT_ID = ISSUER, CLIENT_ID
    settings.PORTAL_OIDC_CLIENT_SECRET = "geheim"
    sign_in(client, idp)
    assert oidc.ID_TOKEN_KEY in client.session
    settings.PORTAL_OIDC_CLIENT_ID = ""
    requests_before = len(idp.requests)
    signed_out(client, client.post(reverse("logout")))
    assert len(idp.requests) == requests_before


# --- the password form keeps its limits ----------------------------------------------------------


def test_the_password_form_keeps_its_limits_and_refused_sso_does_not_count(settings, sso, staff_user):
    settings.RATELIMIT_ENABLE = True
    settings.LOGIN_FAILURE_RATE_PER_IP = "3/h"
    office = Client(REMOTE_ADDR="198.51.100.20")
    for _ in range(4):  # staff without an account, one after another: the IdP vouched for each of them
        refused(office, sign_in(office, sso, email="onbekend@haarlem.example"), "geen actief medewerkersaccount")
    login = {"username": staff_user.username, "password": PASSWORD}
    assert office.post("/accounts/login/", login).status_code == 302
    office.post(reverse("logout"))
    for _ in range(3):
        assert office.post("/accounts/login/", {**login, "password": "fout"}).status_code == 200
    assert office.post("/accounts/login/", login).status_code == 429
