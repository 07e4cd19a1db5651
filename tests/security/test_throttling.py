"""Login throttling (django-axes) and the throttled API token endpoint."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"  # tests.factories.UserFactory


@pytest.fixture
def clean_cache():
    cache.clear()
    yield
    cache.clear()


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_failed_logins_lock_username_and_ip(client, broker_haarlem, axes_on, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        response = login(client, "makelaar-haarlem", "verkeerd-wachtwoord")
        assert response.status_code == 200  # the form again, with an error
    response = login(client, "makelaar-haarlem", "verkeerd-wachtwoord")  # the fifth
    assert response.status_code == 429
    # Now even the right password is refused, with the locked-out page.
    response = login(client, "makelaar-haarlem", PASSWORD)
    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The lock is per username + IP: the same user elsewhere, or another user here, may log in.
    assert login(Client(REMOTE_ADDR="192.0.2.10"), "makelaar-haarlem", PASSWORD).status_code == 302


def test_lock_is_per_username(client, broker_haarlem, broker_amersfoort, axes_on):
    for _ in range(5):
        login(client, "makelaar-haarlem", "verkeerd-wachtwoord")
    assert login(client, "makelaar-amersfoort", PASSWORD).status_code == 302


def test_successful_login_resets_the_counter(client, broker_haarlem, axes_on):
    for _ in range(4):
        login(client, "makelaar-haarlem", "verkeerd-wachtwoord")
    assert login(client, "makelaar-haarlem", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        login(client, "makelaar-haarlem", "verkeerd-wachtwoord")
    assert login(client, "makelaar-haarlem", PASSWORD).status_code == 302


def test_api_token_endpoint_is_throttled(broker_haarlem, clean_cache):
    from rest_framework.throttling import ScopedRateThrottle

    rate = ScopedRateThrottle.THROTTLE_RATES["auth-token"]
    limit = int(rate.split("/")[0])
    client = Client()
    url = reverse("api-token")
    for _ in range(limit):
        response = client.post(url, {"username": "makelaar-haarlem", "password": "fout"})
        assert response.status_code == 400
    response = client.post(url, {"username": "makelaar-haarlem", "password": PASSWORD})
    assert response.status_code == 429
    assert "Retry-After" in response
    assert "token" not in response.json()


def test_api_token_endpoint_respects_axes_lockout(broker_haarlem, axes_on, clean_cache):
    client = Client()
    url = reverse("api-token")
    for _ in range(5):
        assert client.post(url, {"username": "makelaar-haarlem", "password": "fout"}).status_code in (400, 403, 429)
    # Locked out: even the right password gets no token (axes makes authenticate() fail).
    response = client.post(url, {"username": "makelaar-haarlem", "password": PASSWORD})
    assert response.status_code in (400, 403, 429)
    assert "token" not in response.json()
