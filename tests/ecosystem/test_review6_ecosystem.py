"""Review 6 of the ecosystem: bottleneck dates and status steps, the "seen by" count, the coalition
form's party lists, texts and errors of the map, plausible counts and dates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ecosystem import services_bottlenecks as services
from ecosystem.models import Party
from ecosystem.models_bottlenecks import BottleneckStatusChange
from ecosystem.models_coalitions import Coalition
from ecosystem.models_events import Event
from ecosystem.models_maps import EcosystemMap, MapEntry

pytestmark = pytest.mark.django_db


# --- 1. dates in order, the current status preselected, going back needs a reason ----------------


def test_the_agenda_date_cannot_lie_before_the_day_it_was_signalled(make_bottleneck, broker_haarlem, login):
    bottleneck = make_bottleneck()
    today = timezone.localdate()
    url = reverse("ecosystem:bottleneck-status", args=[bottleneck.pk])
    response = login(broker_haarlem).post(url, {"status": "on_agenda", "agenda_where": "Stuurgroep City Deal",
                                                "agenda_on": (today - dt.timedelta(days=4)).isoformat()})
    assert response.status_code == 400
    assert "vóór de dag waarop het gesignaleerd is" in response.context["form"].errors["agenda_on"][0]
    bottleneck.refresh_from_db()
    assert bottleneck.status == "signalled" and bottleneck.agenda_where == ""
    assert BottleneckStatusChange.objects.filter(bottleneck=bottleneck).count() == 1
    # The same day (or a planned meeting later on) is fine.
    services.bottleneck_change_status(bottleneck=bottleneck, by=broker_haarlem, status="on_agenda",
                                      agenda_where="Stuurgroep City Deal", agenda_on=today)


def test_the_status_form_starts_at_the_current_status(make_bottleneck, broker_haarlem, login):
    bottleneck = make_bottleneck()
    services.bottleneck_change_status(bottleneck=bottleneck, by=broker_haarlem, status="solved")
    form = login(broker_haarlem).get(bottleneck.get_absolute_url()).context["status_form"]
    assert form.initial["status"] == "solved"  # was the "next" step: "Niet op te lossen"


def test_going_back_to_an_earlier_status_needs_a_reason(make_bottleneck, broker_haarlem):
    bottleneck = make_bottleneck()
    services.bottleneck_change_status(bottleneck=bottleneck, by=broker_haarlem, status="in_progress")
    with pytest.raises(ValidationError) as error:
        services.bottleneck_change_status(bottleneck=bottleneck, by=broker_haarlem, status="signalled")
    assert "Licht in een zin toe waarom" in error.value.message_dict["note"][0]
    bottleneck.refresh_from_db()
    assert bottleneck.status == "in_progress"
    services.bottleneck_change_status(bottleneck=bottleneck, by=broker_haarlem, status="signalled",
                                      note="Het ministerie pakt het toch niet op.")
    # Solved and unsolvable are both an end point: from one to the other is no step back (no
    # reopening first), but it changes the conclusion: with a reason (tests/ecosystem/test_walk_city_deal.py).
    services.bottleneck_change_status(bottleneck=bottleneck, by=broker_haarlem, status="solved")
    services.bottleneck_change_status(bottleneck=bottleneck, by=broker_haarlem, status="unsolvable",
                                      note="Het ministerie past de wet toch niet aan.")


# --- 3. "seen by": one count, labelled the same way -------------------------------------------------


def test_seen_by_agrees_between_list_detail_and_overview(make_bottleneck, deal, broker_haarlem, broker_amersfoort,
                                                         amersfoort, login):
    bottleneck = make_bottleneck()
    services.bottleneck_share(bottleneck=bottleneck, programme=deal, by=broker_haarlem)
    services.bottleneck_endorse(bottleneck=bottleneck, organisation=amersfoort, by=broker_amersfoort, cases=1)
    client = login(broker_haarlem)
    listing = client.get(reverse("ecosystem:bottleneck-list")).content.decode()
    assert "Gezien door (organisaties, incl. signalerende)" in listing
    detail = client.get(bottleneck.get_absolute_url()).content.decode()
    assert "Gezien door 2 organisaties: Gemeente Haarlem en 1 andere." in detail
    overview = client.get(reverse("ecosystem:bottleneck-overview")).content.decode()
    assert "Gesignaleerd</span>,\n      gezien door 2 organisaties" in overview


# --- 4. the coalition form: parties grouped by category, in a scrolling box --------------------------


def test_coalition_form_groups_the_parties_by_category(login, broker_haarlem, haarlem):
    fund = Party.objects.create(name="Social Impact Fonds", category="fonds")
    Party.objects.create(name="Hogeschool Inholland", category="kennisinstelling")
    client = login(broker_haarlem)
    url = reverse("ecosystem:coalition-create")
    page = client.get(url).content.decode()
    assert page.count('class="portal-choice-box"') == 2  # members and the advisory council
    assert '<legend class="utrecht-form-label">Fonds of financier</legend>' in page
    assert '<legend class="utrecht-form-field__label utrecht-form-label">Leden' in page
    assert "css/ecosystem.css" in page
    response = client.post(url, {"organisation": haarlem.pk, "name": "Coalitie Haarlem", "members": [fund.pk]})
    assert response.status_code == 302
    assert list(Coalition.objects.get().members.all()) == [fund]


# --- 5. the collaboration page's introduction ------------------------------------------------------


def test_collaboration_intro_reads_well(login, broker_haarlem):
    page = login(broker_haarlem).get(reverse("ecosystem:collaboration-overview")).content.decode()
    assert "Op welke thema's de gemeenten in uw regio's samenwerken." in page
    assert "waarop samenwerken" not in page


# --- 6 and 7: one error for an empty role, no checklist in the future, a plausible head count ---------


@pytest.fixture
def haarlem_map(haarlem):
    return EcosystemMap.objects.create(organisation=haarlem, title="Kaart Haarlem")


def test_an_empty_role_gets_one_error(login, broker_haarlem, haarlem_map):
    party = Party.objects.create(name="Paswerk", category="intermediair")
    url = reverse("ecosystem:map-entry-add", args=[haarlem_map.pk])
    response = login(broker_haarlem).post(url, {"entry-party": party.pk, "entry-domain": "network",
                                                "entry-role": "", "entry-is_active": "on"})
    assert response.status_code == 400
    assert len(response.context["form"].errors["role"]) == 1
    assert not MapEntry.objects.exists()
    # Only spaces is still refused (with the model's sentence), the same single error.
    entry = MapEntry(map=haarlem_map, party=party, domain="network", role="   ")
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert error.value.message_dict["role"] == ["Beschrijf de rol in één zin."]


def test_the_checklist_date_cannot_lie_in_the_future(login, broker_haarlem, haarlem, haarlem_map):
    url = reverse("ecosystem:map-update", args=[haarlem_map.pk])
    response = login(broker_haarlem).post(url, {"organisation": haarlem.pk, "title": "Kaart Haarlem",
                                                "checklist_date": "2099-01-01"})
    assert response.status_code == 200
    assert "niet in de toekomst" in response.context["form"].errors["checklist_date"][0]
    haarlem_map.refresh_from_db()
    assert haarlem_map.checklist_date is None
    assert login(broker_haarlem).post(url, {"organisation": haarlem.pk, "title": "Kaart Haarlem",
                                            "checklist_date": timezone.localdate().isoformat()}).status_code == 302


def test_an_event_has_a_plausible_number_of_participants(login, broker_haarlem, haarlem):
    url = reverse("ecosystem:event-create")
    data = {"organisation": haarlem.pk, "kind": "network", "title": "Netwerkborrel",
            "starts_at": "2026-11-01T16:00", "participants": "99999999999"}
    response = login(broker_haarlem).post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["participants"] == ["Vul een aantal deelnemers in van ten hoogste 100.000."]
    assert not Event.objects.exists()
    assert login(broker_haarlem).post(url, {**data, "participants": "40"}).status_code == 302



# --- 8. the map's domain names stay inside their circles ----------------------------------------


def test_the_map_page_sets_a_long_domain_name_smaller_instead_of_squeezing_it(login, broker_haarlem, haarlem_map):
    page = login(broker_haarlem).get(haarlem_map.get_absolute_url()).content.decode()
    assert "textLength" not in page
    assert 'class="domain-label domain-label--long" x="600.8" y="459.5" text-anchor="middle">Ondernemersondersteuning<' in page
    assert '>Onderzoek en</text><text class="domain-label" ' in page  # wrapped over two lines
