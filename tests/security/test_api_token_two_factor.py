"""API tokens and two-factor authentication (BIO 9.4): with ``PORTAL_2FA_REQUIRED=staff`` a user who
must use a second factor gets no token from ``POST /api/v1/auth/token/`` for a password alone (403,
the answer says where to make one); the API key is made and ended on the account page, from a
session that passed its second factor. Everyone else keeps the token endpoint as it was."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from impactportal.accounts import two_factor
from impactportal.api import tokens
from tests import factories as f
from tests.api_keys import api_key_for
from tests.security.test_two_factor import code, give_app, redirect_path, sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"  # tests.factories.UserFactory
TOKEN_URL = "/api/v1/auth/token/"
ACCOUNT = "/accounts/mijn-account/"


@pytest.fixture
def coordinator(haarlem):
    return f.sroi_coordinator(f.zkij(haarlem), "coordinator-zkij")


def ask_token(username, password=PASSWORD, language="nl"):
    return APIClient().post(TOKEN_URL, {"username": username, "password": password}, HTTP_ACCEPT_LANGUAGE=language)


def me(key):
    return APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")


def verified(client, user):
    """A browser session that passed both factors."""
    device = give_app(user)
    sign_in(client, user)
    assert redirect_path(client.post(reverse("two-factor-verify"), {"token": code(device.key)})) == "/dashboard/"
    assert client.session[two_factor.STATE_KEY] == two_factor.VERIFIED
    return device


def shown_key(html: str) -> str | None:
    found = re.search(r'id="api-token-key">([0-9a-f]+)<', html)
    return found[1] if found else None


# --- the token endpoint ------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["broker_haarlem", "inkoper_haarlem", "stuurgroep", "partner_haarlem",
                                    "coordinator", "superuser"])
def test_staff_get_no_token_for_a_password_when_two_factor_is_required(person, request, staff_policy):
    user = request.getfixturevalue(person)
    assert two_factor.is_required(user)
    response = ask_token(user.username)
    assert response.status_code == 403, response.content
    body = response.json()
    assert "token" not in body
    assert "tweestapsverificatie verplicht" in body["detail"] and "Mijn account" in body["detail"]
    assert "http://testserver" + ACCOUNT in body["detail"]
    assert not Token.objects.filter(user=user).exists()


def test_an_existing_token_is_not_handed_out_either(broker_haarlem, staff_policy):
    existing = api_key_for(broker_haarlem)
    response = ask_token("makelaar-haarlem")
    assert response.status_code == 403 and existing not in response.content.decode()
    assert tokens.digest(existing) not in response.content.decode()


def test_staff_still_get_a_token_for_a_password_when_two_factor_is_off(broker_haarlem, superuser, settings):
    assert settings.PORTAL_2FA_REQUIRED == "off"
    for user in (broker_haarlem, superuser):
        response = ask_token(user.username)
        assert response.status_code == 200, response.content
        assert me(response.json()["token"]).status_code == 200


def test_entrepreneurs_are_unaffected(ondernemer_1, staff_policy):
    response = ask_token("ondernemer-1")
    assert response.status_code == 200, response.content
    key = response.json()["token"]
    assert me(key).status_code == 200
    again = ask_token("ondernemer-1").json()["token"]  # the portal keeps digests: a new token each time
    assert again != key and me(key).status_code == 401 and me(again).status_code == 200


def test_a_wrong_password_gets_the_same_answer_for_every_account(broker_haarlem, ondernemer_1, superuser,
                                                                  settings):
    """No account enumeration: the password is checked before anything that tells staff apart."""
    def answers():
        return [(r.status_code, r.json()) for r in (
            ask_token("makelaar-haarlem", "fout"), ask_token("beheerder", "fout"),
            ask_token("ondernemer-1", "fout"), ask_token("niemand", "fout"))]

    before = answers()  # off: as the endpoint always answered
    assert {status for status, _body in before} == {400}
    assert len({str(body) for _status, body in before}) == 1
    settings.PORTAL_2FA_REQUIRED = "staff"
    assert answers() == before
    assert not Token.objects.exists()


def test_the_schema_tells_clients(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"][TOKEN_URL]["post"]
    assert operation["summary"] == "Get an API token"
    assert {"200", "400", "403"} <= set(operation["responses"])
    assert "two-step verification" in operation["description"] and "/accounts/mijn-account/" in operation[
        "description"]
    assert "two-step verification" in operation["responses"]["403"]["description"]


# --- the account page ------------------------------------------------------------------------------


def test_a_verified_staff_session_makes_a_key_shown_once_with_its_expiry(client, broker_haarlem, staff_policy,
                                                                         settings):
    verified(client, broker_haarlem)
    page = client.get(ACCOUNT)
    assert page.status_code == 200 and 'id="api-sleutel"' in page.content.decode()
    assert "U hebt geen API-sleutel." in page.content.decode()
    response = client.post(reverse("account-api-token"))
    assert response.status_code == 302 and response["Location"] == ACCOUNT + "#api-sleutel"
    token = Token.objects.get(user=broker_haarlem)
    once = client.get(ACCOUNT).content.decode()
    key = shown_key(once)
    assert key and tokens.digest(key) == token.key
    # The page shows the day in the portal's time zone: in UTC it is still the day before between
    # 23:00 and midnight (this test failed then, each evening).
    expires = date_format(timezone.localtime(token.created + timedelta(days=settings.API_TOKEN_MAX_AGE_DAYS)),
                          "DATE_FORMAT")
    assert f"Hij werkt tot {expires}." in once
    again = client.get(ACCOUNT)
    assert key not in again.content.decode() and shown_key(again.content.decode()) is None  # shown once
    assert f"Hij werkt tot {expires}." in again.content.decode()  # still there, and when it ends
    assert "no-store" in again["Cache-Control"]
    assert me(key).status_code == 200


def test_a_new_key_replaces_the_old_one(client, broker_haarlem, staff_policy):
    verified(client, broker_haarlem)
    client.post(reverse("account-api-token"))
    old = shown_key(client.get(ACCOUNT).content.decode())
    client.post(reverse("account-api-token"))
    new = shown_key(client.get(ACCOUNT).content.decode())
    assert old and new and new != old and me(old).status_code == 401 and me(new).status_code == 200
    assert tokens.digest(new) == Token.objects.get(user=broker_haarlem).key


def test_revoking_on_the_account_page_ends_the_key(client, broker_haarlem, broker_amersfoort, staff_policy):
    other = tokens.renew(broker_amersfoort, verified=True).key
    verified(client, broker_haarlem)
    client.post(reverse("account-api-token"))
    key = shown_key(client.get(ACCOUNT).content.decode())
    assert me(key).status_code == 200
    response = client.post(reverse("account-api-token-revoke"))
    assert response.status_code == 302 and response["Location"] == ACCOUNT + "#api-sleutel"
    assert me(key).status_code == 401 and not Token.objects.filter(user=broker_haarlem).exists()
    assert me(other).status_code == 200  # only the user's own
    page = client.get(ACCOUNT).content.decode()
    assert "Uw API-sleutel is ingetrokken." in page and key not in page and "U hebt geen API-sleutel." in page


def test_a_password_only_staff_session_makes_no_key(client, broker_haarlem, staff_policy):
    """The usual way: the session still owes its code, so the middleware sends it to the code page."""
    give_app(broker_haarlem)
    sign_in(client, broker_haarlem)
    response = client.post(reverse("account-api-token"))
    assert redirect_path(response) == reverse("two-factor-verify")
    assert not Token.objects.exists()


@pytest.mark.parametrize("route", ["account-api-token", "account-api-token-revoke"])
def test_the_view_itself_refuses_an_unverified_staff_session(client, broker_haarlem, staff_policy, route):
    """Should a session that owes its code ever get past the middleware, the view says no (403,
    with the reason on the account page) and changes nothing."""
    existing = tokens.issue(broker_haarlem)
    sign_in(client, broker_haarlem)
    session = client.session
    session[two_factor.STATE_KEY] = "staff:free"  # what the middleware lets through without a look
    session.save()
    response = client.post(reverse(route))
    assert response.status_code == 403
    html = response.content.decode()
    assert 'id="api-token-error"' in html and "tweestapsverificatie verplicht" in html
    assert list(Token.objects.values_list("key", flat=True)) == [existing.token.key]
    assert existing.key not in html and existing.token.key not in html


def test_an_entrepreneur_makes_a_key_with_a_password_session(client, ondernemer_1, staff_policy):
    sign_in(client, ondernemer_1)
    assert client.post(reverse("account-api-token")).status_code == 302
    key = shown_key(client.get(ACCOUNT).content.decode())
    assert key and me(key).status_code == 200


def test_staff_make_a_key_with_a_password_session_when_two_factor_is_off(client, broker_haarlem):
    sign_in(client, broker_haarlem)
    assert client.post(reverse("account-api-token")).status_code == 302
    assert me(shown_key(client.get(ACCOUNT).content.decode())).status_code == 200


def test_the_key_routes_take_post_only_and_need_csrf(broker_haarlem):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(broker_haarlem)
    assert browser.get(reverse("account-api-token")).status_code in (302, 405)  # the page above, or 405
    assert not Token.objects.exists()
    assert browser.post(reverse("account-api-token")).status_code == 403  # no CSRF token
    assert not Token.objects.exists()
    page = browser.get(ACCOUNT).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    assert browser.post(reverse("account-api-token"), {"csrfmiddlewaretoken": csrf}).status_code == 302
    assert Token.objects.filter(user=broker_haarlem).exists()
    assert SESSION_KEY in browser.session


def test_an_expired_key_shows_as_none(client, broker_haarlem):
    token = Token.objects.create(user=broker_haarlem)
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(days=91))
    sign_in(client, broker_haarlem)
    assert "U hebt geen API-sleutel." in client.get(ACCOUNT).content.decode()
