"""Rate limits on sign-up and helpdesk submission (django-ratelimit)."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from .ratelimits import assert_rate_limited

pytestmark = pytest.mark.django_db

SIGNUP = {"first_name": "Fatima", "last_name": "Ondernemer", "email": "fatima@example.org",
          "password1": "Een-lang-wachtwoord-2026", "password2": "Een-lang-wachtwoord-2026", "kvk_number": ""}


def url_or_skip(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        pytest.fail(f"{name} does not exist (yet): the rate-limited view is missing")


def test_signup_is_rate_limited_per_ip(client, ratelimit_on):
    url = url_or_skip("helpdesk:signup")
    # The limit is on accounts made (each sends a mail); one address asked again gets the same answer
    # as a new one (no enumeration), so it counts as well.
    assert_rate_limited(client, url, SIGNUP, limit=5)
    # Another address is not affected.
    assert Client(REMOTE_ADDR="192.0.2.20").post(url, SIGNUP).status_code != 429


def test_signups_with_errors_are_not_limited(client, ratelimit_on):
    """A person correcting typos was locked out for an hour by their own attempts."""
    url = url_or_skip("helpdesk:signup")
    assert {client.post(url, {"email": "niet-een-adres", "kvk_number": "123"}).status_code for _ in range(8)} == {400}
    assert client.post(url, SIGNUP).status_code == 302


def test_signup_page_stays_readable_when_limited(client, ratelimit_on):
    url = url_or_skip("helpdesk:signup")
    for _ in range(6):
        client.post(url, {"email": "x"})
    assert client.get(url).status_code == 200  # only POSTs are limited


def test_helpdesk_submission_is_rate_limited_per_user(client, ondernemer_1, ondernemer_2, ratelimit_on):
    url = url_or_skip("helpdesk:case-new")
    client.force_login(ondernemer_1)
    assert_rate_limited(client, url, {"subject": ""}, limit=20)
    other = Client()
    other.force_login(ondernemer_2)
    assert other.post(url, {"subject": ""}).status_code != 429


def test_helpdesk_api_shares_the_submission_limit(client, ondernemer_1, ratelimit_on):
    """The API create and the screen count in one bucket: the API is no way around the limit."""
    from rest_framework.test import APIClient

    screen = url_or_skip("helpdesk:case-new")
    api_url = url_or_skip("helpdesk-case-list")
    client.force_login(ondernemer_1)
    api = APIClient()
    api.force_authenticate(ondernemer_1)
    for _ in range(10):
        assert client.post(screen, {"subject": ""}).status_code != 429
        assert api.post(api_url, {"subject": ""}, format="json").status_code != 429
    assert api.post(api_url, {"subject": ""}, format="json").status_code == 429
    assert client.post(screen, {"subject": ""}).status_code == 429
