"""The generic list's public mode: no login, rows still from the access module, export only
where the view allows it to anonymous visitors."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django_htmx.middleware import HtmxDetails

from ecosystem.models import Party, RegionalAgreement
from ecosystem.tables import RegionalAgreementTable
from impactportal.ui import generic

pytestmark = pytest.mark.django_db


class PublicAgreements(generic.ScopedListView):
    public = True
    model = RegionalAgreement
    table_class = RegionalAgreementTable


class PrivateAgreements(PublicAgreements):
    public = False


def get(view, user, **params):
    request = RequestFactory().get("/lijst/", params)
    request.user = user
    request.htmx = HtmxDetails(request)
    response = view.as_view()(request)
    return response.render() if hasattr(response, "render") else response


@pytest.fixture
def agreement(region):
    return RegionalAgreement.objects.create(region=region, title="Afspraak voor de regio", theme="Inkoop",
                                            start_date=dt.date(2024, 1, 1))


def test_public_list_opens_for_anonymous_but_shows_only_public_rows(agreement, broker_haarlem):
    anonymous = get(PublicAgreements, AnonymousUser())
    assert anonymous.status_code == 200 and "Afspraak voor de regio" not in anonymous.content.decode()
    assert "Afspraak voor de regio" in get(PublicAgreements, broker_haarlem).content.decode()


def test_list_without_public_mode_still_asks_to_log_in(agreement):
    response = get(PrivateAgreements, AnonymousUser())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_anonymous_visitors_do_not_export_unless_the_view_allows_it(agreement, broker_haarlem):
    response = get(PublicAgreements, AnonymousUser(), _export="csv")
    assert response["Content-Type"].startswith("text/html") and "Exporteren:" not in response.content.decode()
    signed_in = get(PublicAgreements, broker_haarlem, _export="csv")
    assert signed_in["Content-Type"].startswith("text/csv") and "Afspraak voor de regio" in signed_in.content.decode()


def test_party_list_exports_for_anonymous_visitors(client):
    Party.objects.create(name="Partij voor iedereen", category="rijk")
    page = client.get(reverse("ecosystem:party-list")).content.decode()
    assert "Partij voor iedereen" in page and "Exporteren:" in page
    export = client.get(reverse("ecosystem:party-list"), {"_export": "csv"})
    assert export["Content-Type"].startswith("text/csv") and "Partij voor iedereen" in export.content.decode()


def test_large_anonymous_export_asks_to_log_in_instead_of_starting_a_job(client, monkeypatch):
    from impactportal import exports

    monkeypatch.setattr(exports, "SYNC_EXPORT_LIMIT", 1)
    Party.objects.bulk_create([Party(name=f"Partij {i}", category="rijk") for i in range(3)])
    response = client.get(reverse("ecosystem:party-list"), {"_export": "csv"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url_name", ["etalage", "helpdesk:instrument-list"])
def test_card_lists_have_no_export(client, login, broker_haarlem, url_name):
    for visitor in (client, login(broker_haarlem)):
        response = visitor.get(reverse(url_name), {"_export": "csv"})
        assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
        assert "Exporteren:" not in response.content.decode()


def test_htmx_party_filter_returns_only_the_results(client):
    Party.objects.create(name="Partij voor iedereen", category="rijk")
    response = client.get(reverse("ecosystem:party-list"), {"category": "rijk"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode() and "Partij voor iedereen" in response.content.decode()


def test_a_bad_page_number_shows_a_page_not_an_error(client):
    Party.objects.create(name="Partij voor iedereen", category="rijk")
    for page in ("x", "999"):
        response = client.get(reverse("ecosystem:party-list"), {"page": page})
        assert response.status_code == 200 and "Partij voor iedereen" in response.content.decode()
