"""Rate limits on sign-up and helpdesk submission (django-ratelimit)."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from .ratelimits import assert_rate_limited, reset_ratelimits

pytestmark = pytest.mark.django_db


@pytest.fixture
def ratelimit_on(settings):
    settings.RATELIMIT_ENABLE = True  # switched off for all other tests in tests/conftest.py
    reset_ratelimits()
    yield
    reset_ratelimits()


def url_or_skip(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        pytest.fail(f"{name} does not exist (yet): the rate-limited view is missing")


def test_signup_is_rate_limited_per_ip(client, ratelimit_on):
    url = url_or_skip("helpdesk:signup")
    # Invalid sign-ups count too: the limit is on attempts, so no accounts are created here.
    assert_rate_limited(client, url, {"email": "niet-een-adres", "kvk_number": "123"}, limit=5)
    # Another address is not affected.
    assert Client(REMOTE_ADDR="192.0.2.20").post(url, {"email": "x"}).status_code != 429


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
