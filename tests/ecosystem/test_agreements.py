"""Ecosystem: the public party list and regional agreements scoped to the region's members."""

import pytest
from django.urls import reverse

from ecosystem.models import Party, RegionalAgreement
from impactportal.accounts.constants import PartyCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(region):
    return RegionalAgreement.objects.create(region=region, title="Eén SROI-regeling", theme="inkoop")


@pytest.fixture
def parties(db):
    Party.objects.create(name="Ministerie van Economische Zaken en Klimaat", category=PartyCategory.choices[0][0])
    Party.objects.create(name="Social Enterprise NL", category=PartyCategory.choices[-1][0],
                         website="https://www.social-enterprise.nl")


def test_party_list_is_public_in_ui_and_api(client, api, parties):
    page = client.get(reverse("ecosystem:party-list"))
    assert page.status_code == 200 and "Social Enterprise NL" in page.content.decode()
    body = api().get("/api/v1/parties/?q=Social").json()
    names = [row["name"] for row in body["results"]]
    assert "Social Enterprise NL" in names and "Ministerie van Economische Zaken en Klimaat" not in names


def test_agreements_are_for_the_regions_members(api, agreement, broker_haarlem, broker_amersfoort, ondernemer_1):
    assert [a["title"] for a in api(broker_haarlem).get("/api/v1/regional-agreements/").json()["results"]] == [
        "Eén SROI-regeling"]
    for outsider in (broker_amersfoort, ondernemer_1):
        assert api(outsider).get("/api/v1/regional-agreements/").json()["results"] == []
        assert api(outsider).get(f"/api/v1/regional-agreements/{agreement.pk}/").status_code == 404


def test_only_a_members_broker_changes_an_agreement(api, agreement, broker_haarlem, inkoper_haarlem):
    url = f"/api/v1/regional-agreements/{agreement.pk}/"
    assert api(inkoper_haarlem).patch(url, {"title": "Anders"}, format="json").status_code == 403
    assert api(broker_haarlem).patch(url, {"title": "Eén SROI-regeling 2027"}, format="json").status_code == 200
    agreement.refresh_from_db()
    assert agreement.title == "Eén SROI-regeling 2027"


def test_agreement_cannot_be_created_for_another_region(api, broker_amersfoort, region):
    response = api(broker_amersfoort).post("/api/v1/regional-agreements/", {"region": region.slug, "title": "X"},
                                           format="json")
    # A region the broker can see but may not act for: refused (403), not a field error.
    assert response.status_code == 403
    assert not RegionalAgreement.objects.exists()
