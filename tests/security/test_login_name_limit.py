"""The per-name limit on failed sign-ins (``login_limits``) counts what was typed as the name it signs in
as (``login_limits.login_name``): an account's e-mail address as the account's user name, before the
password is checked and when it fails. The check counted the address as typed and the failure under
the user name: past the limit an unknown address got 429 and a known one never did (which told them
apart), and the owner typing their address was told "wrong password" instead of the limit page."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from impactportal.accounts.login_limits import login_name
from tests import factories as f

from .test_two_factor import PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "niet-het-wachtwoord-x"
LIMITED = "Met deze gebruikersnaam is de afgelopen tijd te vaak"


@pytest.fixture
def limits(ratelimit_on, settings):
    settings.LOGIN_FAILURE_RATE_PER_USERNAME = "3/h"
    settings.LOGIN_FAILURE_RATE_PER_IP = "1000/h"


@pytest.fixture
def hanna(broker_haarlem):
    broker_haarlem.email = "Hanna@Haarlem.nl"
    broker_haarlem.save()
    return broker_haarlem


def _tries(name, count, password=WRONG, first_ip=1):
    """``count`` sign-ins with ``name``, each from its own address (as a botnet would)."""
    return [Client(REMOTE_ADDR=f"203.0.113.{first_ip + n}").post(
        reverse("login"), {"username": name, "password": password}).status_code for n in range(count)]


def test_known_and_unknown_addresses_get_the_same_answers(limits, hanna):
    known = _tries("hanna@haarlem.nl", 5)
    unknown = _tries("niemand@haarlem.nl", 5, first_ip=50)
    assert known == unknown == [200, 200, 200, 429, 429]


def test_the_owner_typing_the_address_past_the_limit_sees_the_limit_page(limits, hanna):
    _tries("hanna@haarlem.nl", 3)
    client = Client(REMOTE_ADDR="198.51.100.7")
    for name in ("hanna@haarlem.nl", "HANNA@haarlem.nl ", hanna.username):
        response = client.post(reverse("login"), {"username": name, "password": PASSWORD})
        assert response.status_code == 429 and LIMITED in response.content.decode()
        assert SESSION_KEY not in client.session


def test_a_user_name_login_is_unchanged_and_shares_the_count(limits, hanna):
    client = Client(REMOTE_ADDR="198.51.100.8")
    assert client.post(reverse("login"), {"username": hanna.username, "password": PASSWORD}).status_code == 302
    assert _tries(hanna.username, 4) == [200, 200, 200, 429]
    # The address is the same account: limited too (it was counted apart, and said "wrong password").
    assert _tries("hanna@haarlem.nl", 1, password=PASSWORD, first_ip=90) == [429]


def test_failures_through_the_token_endpoint_count_for_the_account(limits, hanna):
    for n in range(3):
        response = Client(REMOTE_ADDR=f"192.0.2.{n + 1}").post(
            reverse("api-token"), {"username": "hanna@haarlem.nl", "password": WRONG})
        assert response.status_code == 400
    assert _tries(hanna.username, 1, password=PASSWORD) == [429]


def test_login_name(hanna):
    f.UserFactory(username="zelf@aanmelding.nl", email="ander@voorbeeld.nl")
    f.UserFactory(username="slapend", email="slaap@voorbeeld.nl", is_active=False)
    f.UserFactory(username="een", email="gedeeld@voorbeeld.nl")
    f.UserFactory(username="twee", email="gedeeld@voorbeeld.nl")
    assert login_name("hanna@haarlem.nl") == login_name("HANNA@HAARLEM.NL") == hanna.username
    assert login_name(hanna.username) == hanna.username
    assert login_name("Zelf@Aanmelding.nl") == "Zelf@Aanmelding.nl"  # a user name that is an address
    for typed in ("niemand@haarlem.nl", "slaap@voorbeeld.nl", "gedeeld@voorbeeld.nl", "", "iemand"):
        assert login_name(typed) == typed
    for typed in ("hanna@haarlem.nl", "zelf@aanmelding.nl", "niemand@haarlem.nl"):
        assert login_name(login_name(typed)) == login_name(typed)


def test_an_unconfirmed_sign_up_named_after_an_address_does_not_take_it(hanna):
    squatter = f.UserFactory(username="hanna@haarlem.nl", is_active=False)
    assert login_name("hanna@haarlem.nl") == hanna.username
    client = Client(REMOTE_ADDR="198.51.100.9")
    assert client.post(reverse("login"), {"username": "hanna@haarlem.nl", "password": PASSWORD}).status_code == 302
    squatter.is_active = True
    squatter.save()
    assert login_name("hanna@haarlem.nl") == "hanna@haarlem.nl"  # an active account's own name comes first
