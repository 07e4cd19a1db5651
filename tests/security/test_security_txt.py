"""``/.well-known/security.txt`` (RFC 9116): where to report a vulnerability, public, at the
root (no language prefix), with an expiry a year after each request."""

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

URL = "/.well-known/security.txt"


def _fields(response) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for line in response.content.decode().splitlines():
        name, _, value = line.partition(": ")
        fields.setdefault(name, []).append(value)
    return fields


def test_security_txt_is_served_at_the_well_known_path(client, settings):
    settings.PORTAL_SECURITY_CONTACT = "security@gemeente.example"
    settings.PORTAL_BASE_URL = "https://impactportaal.gemeente.example/"
    assert reverse("security-txt") == URL
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = _fields(response)
    assert fields["Contact"] == ["mailto:security@gemeente.example"]
    assert fields["Preferred-Languages"] == ["nl, en"]
    assert fields["Canonical"] == ["https://impactportaal.gemeente.example/.well-known/security.txt"]
    assert set(fields) == {"Contact", "Expires", "Preferred-Languages", "Canonical"}


def test_expires_is_a_year_after_each_request(client, settings):
    settings.PORTAL_SECURITY_CONTACT = "security@gemeente.example"
    moments = [dt.datetime(2026, 12, 5, 10, 30, 15, tzinfo=dt.UTC), dt.datetime(2027, 3, 1, 8, 0, 0, tzinfo=dt.UTC)]
    seen = []
    for moment in moments:
        with mock.patch.object(timezone, "now", return_value=moment):
            seen.append(_fields(client.get(URL))["Expires"])
    assert seen == [["2027-12-05T10:30:15Z"], ["2028-02-29T08:00:00Z"]]
    # And without a stand-in clock: within a year of now, in the future.
    expires = dt.datetime.strptime(_fields(client.get(URL))["Expires"][0], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    assert dt.timedelta(days=364) < expires - timezone.now() <= dt.timedelta(days=365)


def test_contacts_may_be_urls_and_several(client, settings):
    settings.PORTAL_SECURITY_CONTACT = "https://www.gemeente.example/responsible-disclosure, cert@gemeente.example"
    assert _fields(client.get(URL))["Contact"] == ["https://www.gemeente.example/responsible-disclosure",
                                                   "mailto:cert@gemeente.example"]


def test_without_a_security_contact_the_privacy_statements_contact_stands_in(client, settings):
    settings.PORTAL_SECURITY_CONTACT = ""
    settings.PORTAL_BASE_URL = "https://impactportaal.gemeente.example"
    assert _fields(client.get(URL))["Contact"] == ["https://impactportaal.gemeente.example/privacy/#contact"]


def test_security_txt_is_the_same_for_signed_in_users_and_takes_no_post(login, broker_haarlem, settings):
    settings.PORTAL_SECURITY_CONTACT = "security@gemeente.example"
    client = login(broker_haarlem)
    assert _fields(client.get(URL))["Contact"] == ["mailto:security@gemeente.example"]
    assert client.post(URL).status_code == 405
