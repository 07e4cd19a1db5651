"""The key of a two-factor user works only if it was made from a verified session (BIO 9.4): checked
on every API request (``impactportal.api.authentication``), not only when the key is handed out. A
two-factor user is one who must use it (``PORTAL_2FA_REQUIRED=staff`` and a staff role) or who set
it up (``two_factor.keys_need_second_factor``). The key's mark (``accounts.VerifiedApiToken``) comes
in the token's own row: authenticating costs no query more."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from impactportal import access
from impactportal.accounts import services, two_factor
from impactportal.accounts.models import Membership, VerifiedApiToken
from impactportal.api import tokens
from tests.api_keys import api_key_for
from tests.security.test_api_token_two_factor import ACCOUNT, ask_token, me, shown_key, verified
from tests.security.test_two_factor import give_app, sign_in

pytestmark = pytest.mark.django_db

REFUSED = "Deze API-sleutel werkt niet voor uw account"


def refused(response) -> bool:
    return (response.status_code == 401 and response["WWW-Authenticate"] == "Token"
            and REFUSED in response.json()["detail"] and "Mijn account" in response.json()["detail"])


# --- a password token of someone who becomes a two-factor user -------------------------------------


def test_an_entrepreneurs_password_token_stops_when_a_functional_admin_makes_them_staff(
        client, ondernemer_1, broker_haarlem, haarlem, staff_policy):
    key = ask_token("ondernemer-1").json()["token"]
    assert me(key).status_code == 200
    Membership.objects.filter(user=broker_haarlem, organisation=haarlem).update(is_admin=True)
    access.forget(broker_haarlem)
    invitation = services.member_invite(organisation=haarlem, email=ondernemer_1.email, by=broker_haarlem,
                                        role="colleague", department="inkoop")
    assert invitation.user_id == ondernemer_1.pk  # the existing account
    services.membership_accept(membership=invitation, by=ondernemer_1)
    assert two_factor.is_required(type(ondernemer_1).objects.get(pk=ondernemer_1.pk))
    response = me(key)
    assert refused(response), response.content
    assert Token.objects.filter(key=tokens.digest(key)).exists()  # kept: refused, not deleted
    assert ask_token("ondernemer-1").status_code == 403  # and no token for the password either
    # A key made after the second factor works.
    verified(client, ondernemer_1)
    assert client.post(reverse("account-api-token")).status_code == 302
    new = shown_key(client.get(ACCOUNT).content.decode())
    assert new and new != key and me(new).status_code == 200 and me(key).status_code == 401


@pytest.mark.parametrize("person", ["broker_haarlem", "inkoper_haarlem", "stuurgroep", "partner_haarlem"])
def test_a_staff_token_from_before_is_refused_under_the_staff_policy_and_works_under_off(person, request, settings):
    user = request.getfixturevalue(person)
    key = api_key_for(user)  # made with a password alone (before 8b49ffa, or under off)
    assert settings.PORTAL_2FA_REQUIRED == "off"
    assert me(key).status_code == 200
    settings.PORTAL_2FA_REQUIRED = "staff"
    assert refused(me(key))
    assert refused(APIClient().get("/api/v1/broker-teams/", HTTP_AUTHORIZATION=f"Token {key}"))
    settings.PORTAL_2FA_REQUIRED = "off"
    assert me(key).status_code == 200


def test_a_superusers_token_from_before_is_refused_under_the_staff_policy(superuser, staff_policy):
    assert refused(me(api_key_for(superuser)))


def test_the_account_page_says_a_key_made_with_a_password_does_not_work(client, broker_haarlem, staff_policy):
    api_key_for(broker_haarlem)
    verified(client, broker_haarlem)
    assert 'id="api-token-refused"' in client.get(ACCOUNT).content.decode()
    client.post(reverse("account-api-token"))
    assert 'id="api-token-refused"' not in client.get(ACCOUNT).content.decode()
    assert tokens.made_after_second_factor(Token.objects.get(user=broker_haarlem))


# --- users who set up two-factor authentication themselves -----------------------------------------


@pytest.mark.parametrize("policy", ["off", "staff"])
def test_a_voluntary_two_factor_user_gets_no_token_for_a_password(policy, settings, ondernemer_1):
    settings.PORTAL_2FA_REQUIRED = policy
    key = ask_token("ondernemer-1").json()["token"]  # before setting up the app
    give_app(ondernemer_1)
    response = ask_token("ondernemer-1")
    assert response.status_code == 403, response.content
    assert "tweestapsverificatie aan" in response.json()["detail"] and key not in response.content.decode()
    assert refused(me(key))  # the key made before the app was set up stops too


def test_a_broker_with_an_app_under_off_gets_no_token_for_a_password(broker_haarlem):
    give_app(broker_haarlem)
    assert ask_token("makelaar-haarlem").status_code == 403
    assert refused(me(api_key_for(broker_haarlem)))


def test_backup_codes_alone_count_while_codes_are_left(ondernemer_1):
    key = api_key_for(ondernemer_1)
    device = StaticDevice.objects.create(user=ondernemer_1, name="Reservecodes", confirmed=True)
    StaticToken.objects.create(device=device, token="abcd1234")
    assert two_factor.has_device(ondernemer_1) and refused(me(key))
    assert ask_token("ondernemer-1").status_code == 403
    StaticToken.objects.all().delete()  # no code left: the sign-in asks none, so neither does the key
    assert not two_factor.has_device(ondernemer_1) and me(key).status_code == 200


def test_only_a_confirmed_app_counts_whatever_the_number_of_devices(ondernemer_1):
    """The token's row comes once per device pair (LEFT JOINs): any confirmed app counts."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    key = api_key_for(ondernemer_1)
    TOTPDevice.objects.create(user=ondernemer_1, name="half", confirmed=False)  # a set-up never finished
    StaticDevice.objects.create(user=ondernemer_1, name="leeg", confirmed=True)  # no codes in it
    assert me(key).status_code == 200
    give_app(ondernemer_1)
    TOTPDevice.objects.create(user=ondernemer_1, name="nog een", confirmed=False)
    assert refused(me(key))


@pytest.mark.parametrize("route", ["account-api-token", "account-api-token-revoke"])
def test_the_account_page_refuses_a_voluntary_users_unverified_session(client, ondernemer_1, route):
    existing = tokens.issue(ondernemer_1)
    give_app(ondernemer_1)
    sign_in(client, ondernemer_1)
    session = client.session
    session[two_factor.STATE_KEY] = "off:free"  # what the middleware lets through without a look
    session.save()
    response = client.post(reverse(route))
    assert response.status_code == 403
    assert "tweestapsverificatie aan" in response.content.decode()
    assert list(Token.objects.values_list("key", flat=True)) == [existing.token.key]


def test_a_voluntary_users_verified_session_makes_a_key_that_works(client, ondernemer_1):
    verified(client, ondernemer_1)
    assert client.post(reverse("account-api-token")).status_code == 302
    key = shown_key(client.get(ACCOUNT).content.decode())
    assert key and me(key).status_code == 200 and VerifiedApiToken.objects.filter(token_id=tokens.digest(key)).exists()


def test_a_password_session_makes_a_key_without_the_mark(client, ondernemer_1, staff_policy):
    """An entrepreneur without an app makes a key with a password; it works until they become a
    two-factor user."""
    sign_in(client, ondernemer_1)
    client.post(reverse("account-api-token"))
    key = shown_key(client.get(ACCOUNT).content.decode())
    assert me(key).status_code == 200 and not VerifiedApiToken.objects.exists()
    give_app(ondernemer_1)
    assert refused(me(key))


def test_a_key_handed_out_for_a_password_loses_its_mark(broker_haarlem):
    """The token endpoint (to a user without a second factor) makes a new key, without the mark: the
    marked key made after the second factor stops working."""
    key = tokens.renew(broker_haarlem, verified=True).key
    new = ask_token("makelaar-haarlem").json()["token"]
    assert new != key and me(key).status_code == 401 and me(new).status_code == 200
    assert not VerifiedApiToken.objects.exists()


def test_revoking_removes_the_mark_with_the_key(broker_haarlem):
    tokens.renew(broker_haarlem, verified=True)
    assert tokens.revoke(broker_haarlem) is True and tokens.revoke(broker_haarlem) is False
    assert not VerifiedApiToken.objects.exists()


# --- what it costs -------------------------------------------------------------------------------


def _queries(user, url, key=None) -> int:
    """Queries of one API request: with ``key`` as its token, else with DRF's forced sign-in of a
    fresh user object (no memberships read yet), which reads no token at all."""
    client = APIClient()
    if key is None:
        client.force_authenticate(type(user).objects.get(pk=user.pk))
        headers = {}
    else:
        headers = {"HTTP_AUTHORIZATION": f"Token {key}"}
    client.get(url, **headers)  # warm: compiled queries, content types
    if key is None:
        client.force_authenticate(type(user).objects.get(pk=user.pk))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize(("person", "url", "policy", "marked"), [
    ("broker_haarlem", "/api/v1/broker-teams/", "staff", True),
    ("broker_haarlem", "/api/v1/enterprises/", "off", False),
    ("ondernemer_1", "/api/v1/enterprises/", "staff", False),
    ("inkoper_haarlem", "/api/v1/procurement/contracts/", "staff", True),
])
def test_a_token_costs_one_query_and_the_memberships_are_read_once(person, url, policy, marked, request, settings):
    """The key's mark and the user's devices come with the token's row; ``is_required`` reads the
    memberships that the API's scoping then reuses."""
    settings.PORTAL_2FA_REQUIRED = policy
    user = request.getfixturevalue(person)
    key = tokens.renew(user, verified=marked).key
    assert _queries(user, url, key) == _queries(user, url) + 1
