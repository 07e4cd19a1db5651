"""The public knowledge base pages, the suggestion ranking and the demo seed."""

import io

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse

from brokers.helpdesk.knowledge import suggestions_for
from brokers.helpdesk.knowledge_data import INSTRUMENTS
from brokers.models import Case, CaseMessage, KnowledgeInstrument

pytestmark = pytest.mark.django_db


def test_public_pages(client, instruments):
    listing = client.get(reverse("helpdesk:instrument-list"))
    content = listing.content.decode()
    assert listing.status_code == 200 and "Finance Tool" in content and "Impactnetwerk" in content
    filtered = client.get(reverse("helpdesk:instrument-list"), {"kind": "network"}).content.decode()
    assert "Impact Noord" in filtered and "Finance Tool" not in filtered
    detail = client.get(reverse("helpdesk:instrument-detail", args=[instruments[1].pk]))
    assert detail.status_code == 200 and "https://impactnoord.nl/" in detail.content.decode()
    assert client.get(reverse("helpdesk:instrument-detail", args=[999])).status_code == 404


def test_suggestions_rank_the_most_fitting_kind_first(instruments):
    assert [i.name for i in suggestions_for("financing")] == ["Finance Tool", "Impact Noord"]
    assert suggestions_for("nonsense") == []


def test_seed_data_is_complete_and_links_are_https():
    names = [row[0] for row in INSTRUMENTS]
    assert len(names) == len(set(names)) >= 35
    assert {"Impact Noord", "Impact Oost", "Stichting Stadsgarage", "Impact030", "Social Club Den Haag"} <= set(names)
    assert all(url.startswith("https://") for *_, url, _description in INSTRUMENTS if url)


def test_seed_demo_twice_adds_nothing(db):
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Case.objects.count(), CaseMessage.objects.count(), KnowledgeInstrument.objects.count(), LogEntry.objects.count())
    assert counts[0] >= 24 and counts[2] >= 35
    assert Case.objects.filter(organisation__slug="haarlem", referred_department="inkoop").exists()
    assert Case.objects.filter(submitter__username="ondernemer-1").exists()
    assert Case.objects.filter(submitter__username="ondernemer-2").exists()
    call_command("seed_demo", stdout=io.StringIO())
    assert (Case.objects.count(), CaseMessage.objects.count(), KnowledgeInstrument.objects.count(),
            LogEntry.objects.count()) == counts


@pytest.fixture
def networks(db):
    def network(name, region):
        return KnowledgeInstrument.objects.create(name=name, kind="network", region=region, description="Netwerk")

    return [network("De Omslag", "Eindhoven"), network("Social Enterprise NL", "Landelijk"),
            network("Stichting Stadsgarage", "Haarlem en Kennemerland"), network("Kennemer Impact", "Zuid-Kennemerland en IJmond")]


def test_suggestions_near_the_asker_come_first_then_nationwide_and_not_elsewhere(networks, haarlem, region):
    """A Haarlem question was offered networks in Eindhoven, Amersfoort, Utrecht and Amsterdam: the
    municipality's own come first, then its region's, then nationwide ones; other places' not at all."""
    assert region.members.filter(pk=haarlem.pk).exists()
    names = [i.name for i in suggestions_for("referral", haarlem)]
    assert names == ["Stichting Stadsgarage", "Kennemer Impact", "Social Enterprise NL"]
    # Without a municipality: nationwide first, by name.
    assert [i.name for i in suggestions_for("referral")][:1] == ["Social Enterprise NL"]


def test_the_suggestions_page_reads_the_chosen_enterprises_municipality(login, networks, ondernemer_1, enterprise_haarlem):
    html = login(ondernemer_1).get(reverse("helpdesk:suggestions"),
                                   {"category": "referral", "enterprise": enterprise_haarlem.pk}).content.decode()
    assert html.index("Stichting Stadsgarage") < html.index("Social Enterprise NL") and "De Omslag" not in html


def test_a_short_municipality_name_is_matched_as_a_word(networks):
    """"ede" is inside "Noord-Nederland": Ede's question ranked it as local."""
    from tests import factories as f

    ede = f.OrganisationFactory(name="Gemeente Ede", slug="ede")
    KnowledgeInstrument.objects.create(name="Impact Noord", kind="network", region="Noord-Nederland", description="N")
    KnowledgeInstrument.objects.create(name="Ede Onderneemt", kind="network", region="Ede en Wageningen", description="E")
    names = [i.name for i in suggestions_for("referral", ede)]
    assert names[0] == "Ede Onderneemt" and "Social Enterprise NL" in names and "Impact Noord" not in names


def test_a_haarlem_financing_question_is_offered_no_networks_of_other_municipalities(haarlem):
    """The walk: ondernemer-1 (Haarlem), Financing, was offered Eindhoven, Amersfoort, Utrecht, Amsterdam."""
    from brokers.helpdesk.knowledge_data import INSTRUMENTS

    for name, kind, area, provider, url, description in INSTRUMENTS:
        KnowledgeInstrument.objects.create(name=name, kind=kind, region=area, provider=provider, url=url,
                                           description=description)
    suggested = suggestions_for("financing", haarlem)
    assert [i.name for i in suggested] == ["Stichting Stadsgarage", "Finance Tool"]
    assert {i.region for i in suggested} <= {"Haarlem en Kennemerland", "Landelijk"}


def test_a_province_wide_instrument_counts_as_regional(db):
    """Groningen (the municipality) lies in Noord-Nederland: Impact Noord before nationwide ones."""
    from tests import factories as f

    groningen = f.OrganisationFactory(name="Gemeente Groningen", slug="groningen", cbs_code="GM0014")
    for name, area in [("Impact Noord", "Noord-Nederland"), ("Landelijk Netwerk", "Landelijk"),
                       ("Impact Oost", "Oost-Nederland"), ("Stad Groningen Netwerk", "Groningen")]:
        KnowledgeInstrument.objects.create(name=name, kind="network", region=area, description="N")
    names = [i.name for i in suggestions_for("referral", groningen)]
    assert names == ["Stad Groningen Netwerk", "Impact Noord", "Landelijk Netwerk"]
