"""Regression tests for the 500s the bad-input sweep found (each was a real crash)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

TOO_BIG = "99999999999999999999999"  # beyond 64 bits: SQLite cannot bind it


@pytest.fixture
def broker_api(broker_haarlem):
    client = APIClient(raise_request_exception=False)
    client.force_login(broker_haarlem)
    return client


def test_deeply_nested_json_is_400(broker_api):
    """DRF's JSONParser let RecursionError through (500); impactportal.api.parsers.JSONParser."""
    body = b'{"name": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = broker_api.post(reverse("brokerteam-list"), body, content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_huge_number_in_foreign_key_filter_is_400_in_the_api(broker_api):
    """A NumberFilter on a foreign key (team_id, enterprise_id) passed the number to SQLite:
    OverflowError, a 500. Django guards plain integer lookups, not related ones."""
    response = broker_api.get(reverse("mandate-list"), {"team": TOO_BIG})
    # SQLite cannot bind the number (→ 400); PostgreSQL compares it and finds nothing (→ empty).
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "non_field_errors" in response.json()
    else:
        assert response.json()["count"] == 0


def test_huge_number_in_foreign_key_filter_is_400_in_the_ui(client, broker_haarlem):
    client.raise_request_exception = False
    client.force_login(broker_haarlem)
    response = client.get(reverse("enterprises:contact-list"), {"enterprise": TOO_BIG})
    assert response.status_code in (200, 400)  # 400 on SQLite, an empty list on PostgreSQL
    if response.status_code == 400:
        assert "Ongeldig verzoek" in response.content.decode()


def test_invalid_checkbox_list_does_not_crash_the_form(client, broker_haarlem):
    """An invalid value for a multiple-checkbox field (no CSS class of its own) raised KeyError
    in impactportal.ui.forms.style_widgets: any such invalid form was a 500."""
    client.raise_request_exception = False
    client.force_login(broker_haarlem)
    response = client.post(reverse("brokers:team-create"), {"name": "X", "qualities": "geen-keuze", "form": "?"})
    assert response.status_code in (200, 400)
    assert 'aria-invalid="true"' in response.content.decode()


@pytest.mark.parametrize("body", [{"name": "a\x00b", "organisation": "haarlem"},
                                  {"name": "ok", "organisation": "haar\x00lem"},
                                  {"name": "ok", "qualities": ["x\x00"]}])
def test_nul_characters_in_json_are_400_before_any_query(broker_api, body):
    """PostgreSQL raises DataError for text with NUL characters (a 500, and an aborted transaction)."""
    response = broker_api.post(reverse("brokerteam-list"), body, format="json")
    assert response.status_code == 400


def test_nul_characters_in_query_and_form_are_400(client, broker_haarlem):
    client.force_login(broker_haarlem)
    assert client.get(reverse("brokers:team-list"), {"q": "a\x00"}).status_code == 400
    assert client.get("/api/v1/broker-teams/", {"q": "a\x00"}).status_code == 400
    assert client.post(reverse("brokers:team-create"), {"name": "a\x00"}).status_code == 400
