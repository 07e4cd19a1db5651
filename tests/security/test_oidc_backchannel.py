"""OpenID Connect Back-Channel Logout 1.0 (``impactportal.accounts.oidc_backchannel``): the IdP posts
a signed logout token to ``/oidc/backchannel-logout/`` and the portal ends the sessions signed in
through that IdP session (``sid``), or all of the person's single sign-on sessions (``sub`` alone).
Password sessions stay; a token that fails a check is a JSON 400 that ends nothing and costs no
query. The IdP is ``tests.security.test_oidc``'s fake, which signs with a real RSA key."""

import json
import time
import uuid

import jwt
import pytest
from auditlog.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from impactportal.accounts import oidc_backchannel, oidc_flow
from impactportal.accounts.models import SingleSignOnSession
from tests.security import test_oidc
from tests.security.test_oidc import CLIENT_ID, ISSUER, KEY, OTHER_KEY, PASSWORD, sign_in
from tests.security.test_two_factor import code, give_app, redirect_path

idp, sso, staff_user = test_oidc.idp, test_oidc.sso, test_oidc.staff_user  # the fake IdP's fixtures

pytestmark = pytest.mark.django_db

URL = "/oidc/backchannel-logout/"
EVENT = "http://schemas.openid.net/event/backchannel-logout"


def logout_token(key=KEY, drop: tuple[str, ...] = (), **overrides) -> str:
    """A logout token as Keycloak signs it: for ``sub`` u-1 and IdP session s-1 unless told otherwise."""
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": CLIENT_ID, "iat": now, "exp": now + 120, "jti": uuid.uuid4().hex,
              "sub": "u-1", "sid": "s-1", "events": {EVENT: {}}, **overrides}
    for name in drop:
        del claims[name]
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "k1", "typ": "logout+jwt"})


def post(token: str | None):
    """The IdP's server: no cookie, no CSRF token."""
    return Client(enforce_csrf_checks=True).post(URL, {} if token is None else {"logout_token": token})


def signed_in(client) -> bool:
    response = client.get("/dashboard/")
    return response.status_code == 200 and SESSION_KEY in client.session


@pytest.fixture
def sessions(sso, staff_user):
    """The staff user signed in three times: through the IdP in IdP session s-1, through the IdP
    in s-2, and with the password."""
    first, second, password = Client(), Client(), Client()
    assert sign_in(first, sso, sid="s-1")["Location"] == "/dashboard/"
    assert sign_in(second, sso, sid="s-2")["Location"] == "/dashboard/"
    assert password.post("/accounts/login/", {"username": staff_user.username, "password": PASSWORD}).status_code == 302
    assert SingleSignOnSession.objects.count() == 2
    return first, second, password


def test_a_logout_token_with_sid_ends_exactly_that_session(sessions, staff_user):
    first, second, password = sessions
    key = first.session.session_key
    row = SingleSignOnSession.objects.get(session_id=key)
    assert (row.user_id, row.subject, row.idp_session) == (staff_user.pk, "u-1", "s-1")
    response = post(logout_token(sid="s-1"))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert not Session.objects.filter(session_key=key).exists()
    assert redirect_path(first.get("/dashboard/")) == "/accounts/login/"
    assert signed_in(second) and signed_in(password)
    assert list(SingleSignOnSession.objects.values_list("idp_session", flat=True)) == ["s-2"]
    # Audited by the user's key alone: none of the IdP's claims, no name or address.
    entry = LogEntry.objects.get(additional_data__event="oidc-backchannel-logout")
    assert entry.object_pk == str(staff_user.pk) and entry.actor is None
    assert entry.additional_data == {"event": "oidc-backchannel-logout", "sessions_ended": 1}
    written = json.dumps([entry.object_repr, entry.changes, entry.additional_data]).lower()
    assert not any(text in written for text in ("u-1", "s-1", "makelaar", staff_user.username.lower()))


def test_a_logout_token_without_sid_ends_all_of_that_persons_single_sign_on_sessions(sso, sessions, broker_amersfoort):
    first, second, password = sessions
    third = Client()
    assert sign_in(third, sso)["Location"] == "/dashboard/"  # an ID token without sid
    broker_amersfoort.email = "makelaar@amersfoort.example"
    broker_amersfoort.save(update_fields=["email"])
    other = Client()
    assert sign_in(other, sso, email=broker_amersfoort.email, sub="u-2", sid="s-9")["Location"] == "/dashboard/"
    assert post(logout_token(drop=("sid",))).status_code == 200
    assert not signed_in(first) and not signed_in(second) and not signed_in(third)
    assert signed_in(password) and signed_in(other)  # the password session, and another person
    assert list(SingleSignOnSession.objects.values_list("subject", flat=True)) == ["u-2"]
    entry = LogEntry.objects.get(additional_data__event="oidc-backchannel-logout")
    assert entry.additional_data["sessions_ended"] == 3


def test_a_logout_token_naming_no_session_of_the_portal_is_answered_200(sessions):
    assert post(logout_token(sub="u-7", sid="s-7")).status_code == 200
    assert SingleSignOnSession.objects.count() == 2
    assert not LogEntry.objects.filter(additional_data__event="oidc-backchannel-logout").exists()


@pytest.mark.parametrize("token", [
    lambda: logout_token(key=OTHER_KEY),
    lambda: logout_token(aud="een-andere-client"),
    lambda: logout_token(iss="https://idp.elders.example/realms/medewerkers"),
    lambda: logout_token(nonce="n-1"),
    lambda: logout_token(drop=("events",)),
    lambda: logout_token(events={"http://schemas.openid.net/event/iets-anders": {}}),
    lambda: logout_token(drop=("sub", "sid")),
    lambda: logout_token(drop=("jti",)),
    lambda: logout_token(iat=int(time.time()) - 3600, exp=int(time.time()) + 60),
    lambda: logout_token(exp=int(time.time()) - 120),
    lambda: "geen.jwt.token",
    lambda: None,
], ids=["signature", "aud", "iss", "nonce", "no-events", "other-event", "no-sub-no-sid", "no-jti", "old-iat",
        "expired", "not-a-jwt", "missing"])
def test_a_refused_logout_token_is_a_json_400_that_ends_nothing_and_costs_no_query(
        sessions, sso, token, django_assert_num_queries):
    first, second, password = sessions
    token = token()
    with django_assert_num_queries(0):
        response = post(token)
    assert response.status_code == 400 and "no-store" in response["Cache-Control"]
    assert response.json()["error"] == "invalid_request" and response.json()["error_description"]
    assert signed_in(first) and signed_in(second) and signed_in(password)
    assert SingleSignOnSession.objects.count() == 2
    assert not LogEntry.objects.filter(additional_data__event="oidc-backchannel-logout").exists()


def test_claims_that_fail_ask_the_idp_nothing(sso, sessions):
    requests_before = len(sso.requests)
    assert post(logout_token(aud="een-andere-client", key=OTHER_KEY)).status_code == 400
    assert len(sso.requests) == requests_before  # no keys fetched for a token that fails anyway


def test_a_replayed_logout_token_is_refused(sso, sessions):
    first, second, password = sessions
    token = logout_token(sid="s-1")
    assert post(token).status_code == 200
    again = Client()
    assert sign_in(again, sso, sid="s-1")["Location"] == "/dashboard/"  # signed in anew in that IdP session
    response = post(token)
    assert response.status_code == 400 and "jti" in response.json()["error_description"]
    assert signed_in(again) and signed_in(second)


def test_an_unreachable_idp_is_a_400_not_an_error(sso, sessions, monkeypatch):
    monkeypatch.setattr(oidc_flow, "_discovered", {})  # another process, which has not read the document
    sso.discovery_status = 503
    assert post(logout_token()).status_code == 400
    assert SingleSignOnSession.objects.count() == 2


def test_with_single_sign_on_off_the_route_answers_404(idp, staff_user):
    assert post(logout_token()).status_code == 404
    assert Client().get(URL).status_code == 404
    assert idp.requests == []


def test_it_takes_only_a_post(sso):
    response = Client().get(URL)
    assert response.status_code == 405


def test_the_session_keeps_its_row_when_the_portal_asks_its_own_code(client, sso, staff_user, settings):
    """Without MFA from the IdP the portal asks its own code, which gives the session a new key."""
    settings.PORTAL_2FA_REQUIRED = "staff"
    device = give_app(staff_user)
    sign_in(client, sso, sid="s-1", amr=["pwd"])
    before = client.session.session_key
    assert redirect_path(client.get("/dashboard/")) == reverse("two-factor-verify")
    assert client.post(reverse("two-factor-verify"), {"token": code(device.key), "next": "/dashboard/"}).status_code == 302
    assert client.session.session_key != before and signed_in(client)
    assert SingleSignOnSession.objects.get().session_id == client.session.session_key
    assert post(logout_token(sid="s-1")).status_code == 200
    assert not signed_in(client)


def test_signing_out_takes_the_row_along(client, sso, staff_user):
    sign_in(client, sso, sid="s-1")
    assert SingleSignOnSession.objects.count() == 1
    client.post(reverse("logout"))
    assert not SingleSignOnSession.objects.exists()


def test_a_cached_session_leaves_the_cache_too(sso, staff_user, settings):
    settings.SESSION_ENGINE = "impactportal.accounts.sessions.cached_db"
    browser = Client()
    sign_in(browser, sso, sid="s-1")
    assert signed_in(browser)
    cache_key = "django.contrib.sessions.cached_db" + browser.session.session_key
    assert cache.get(cache_key) is not None
    assert post(logout_token(sid="s-1")).status_code == 200
    assert cache.get(cache_key) is None
    assert redirect_path(browser.get("/dashboard/")) == "/accounts/login/"


def test_refused_logout_tokens_are_limited_per_address(sso, sessions, settings, monkeypatch):
    settings.RATELIMIT_ENABLE = True
    cache.clear()
    monkeypatch.setattr(oidc_backchannel, "FAILURE_RATE", "3/m")
    assert post(logout_token(sid="s-2")).status_code == 200  # a valid token counts for nothing
    for _ in range(3):
        assert post(logout_token(nonce="n")).status_code == 400
    response = post(logout_token(sid="s-1"))
    assert response.status_code == 429 and "no-store" in response["Cache-Control"]
    assert signed_in(sessions[0])
    cache.clear()
