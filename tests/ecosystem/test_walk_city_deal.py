"""What a walk through the City Deal pages found (nineteenth session): a closed bottleneck moved
from one end point to the other without a reason, the steering group answered a bottleneck that
was never on its agenda (dated before it was signalled), a second answer silently replaced the
first, a colleague got an edit form with an error on a hidden field, a closed bottleneck's edit
form refused every save, agreements and maps took dates such as 9999 and 1800, a party made
inactive on a map could not be made active again, and a coalition without functions showed an
empty list."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ecosystem import services_bottlenecks as services
from ecosystem.models import Coalition, Party, RegionalAgreement
from ecosystem.models_maps import EcosystemMap, MapEntry
from impactportal.text import TEXT_MAX
from tests.browser_forms import form_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _status(bottleneck, by, status, note=""):
    return services.bottleneck_change_status(bottleneck=bottleneck, by=by, status=status, note=note)


# --- status: one end point to the other -------------------------------------------------------


def test_a_closed_bottleneck_changes_its_conclusion_only_with_a_reason(make_bottleneck, broker_haarlem, login):
    bottleneck = _status(make_bottleneck(), broker_haarlem, "solved")
    with pytest.raises(ValidationError) as refused:
        _status(bottleneck, broker_haarlem, "unsolvable")
    assert "afsluiting van 'Opgelost' naar 'Niet op te lossen'" in str(refused.value.message_dict["note"])
    client = login(broker_haarlem)
    url = reverse("ecosystem:bottleneck-status", args=[bottleneck.pk])
    response = client.post(url, {"status": "unsolvable", "note": " "})
    assert response.status_code == 400 and "Licht in een zin toe waarom" in response.content.decode()
    bottleneck.refresh_from_db()
    assert bottleneck.status == "solved"
    assert list(bottleneck.status_changes.values_list("status", flat=True)) == ["signalled", "solved"]
    assert client.post(url, {"status": "unsolvable", "note": "De wet verandert toch niet."}).status_code == 302
    bottleneck.refresh_from_db()
    assert bottleneck.status == "unsolvable"
    assert bottleneck.status_changes.order_by("-id").first().note == "De wet verandert toch niet."


# --- the steering group's answer --------------------------------------------------------------


def test_the_steering_group_does_not_answer_what_was_never_on_its_agenda(make_bottleneck, deal, broker_haarlem,
                                                                        stuurgroep, login):
    bottleneck = make_bottleneck()
    services.bottleneck_share(bottleneck=bottleneck, programme=deal, by=broker_haarlem)
    bottleneck = _status(bottleneck, broker_haarlem, "solved")
    assert not services.may_be_answered(bottleneck)
    client = login(stuurgroep)
    assert 'id="respond-form"' not in client.get(bottleneck.get_absolute_url()).content.decode()
    response = client.post(reverse("ecosystem:bottleneck-respond", args=[bottleneck.pk]),
                           {"text": "Reactie na sluiten", "date": "1950-01-01"})
    assert response.status_code == 400 and "pas als het geagendeerd is" in response.content.decode()
    bottleneck.refresh_from_db()
    assert bottleneck.response_text == "" and bottleneck.response_date is None


@pytest.fixture
def on_agenda(make_bottleneck, deal, broker_haarlem):
    bottleneck = make_bottleneck()
    services.bottleneck_share(bottleneck=bottleneck, programme=deal, by=broker_haarlem)
    return services.bottleneck_change_status(bottleneck=bottleneck, by=broker_haarlem, status="on_agenda",
                                             agenda_where="Stuurgroep City Deal", agenda_on=TODAY())


def test_an_answer_after_closing_stays_possible_once_it_was_on_the_agenda(on_agenda, broker_haarlem, stuurgroep):
    closed = _status(on_agenda, broker_haarlem, "solved")
    assert services.may_be_answered(closed)
    answered = services.steering_respond(bottleneck=closed, by=stuurgroep, text="Afgerond in de stuurgroep.",
                                         date=TODAY())
    assert answered.response_text == "Afgerond in de stuurgroep."


def test_a_second_answer_on_a_page_loaded_before_the_first_is_refused(on_agenda, stuurgroep, login):
    first, second = login(stuurgroep), login(stuurgroep)
    url = reverse("ecosystem:bottleneck-respond", args=[on_agenda.pk])
    page_a = form_of(first.get(on_agenda.get_absolute_url()))
    page_b = form_of(second.get(on_agenda.get_absolute_url()))
    day = TODAY().isoformat()
    assert first.post(url, page_a | {"text": "Reactie A", "date": day}).status_code == 302
    response = second.post(url, page_b | {"text": "Reactie B", "date": day})
    assert response.status_code == 409
    on_agenda.refresh_from_db()
    assert on_agenda.response_text == "Reactie A"
    # Looked at again, the second member's page carries the new version and saves.
    page_c = form_of(second.get(on_agenda.get_absolute_url()))
    assert second.post(url, page_c | {"text": "Reactie B", "date": day}).status_code == 302
    on_agenda.refresh_from_db()
    assert on_agenda.response_text == "Reactie B"


# --- editing ----------------------------------------------------------------------------------


def test_a_colleague_edits_a_bottleneck_signalled_from_a_case_they_cannot_see(broker_haarlem, inkoper_haarlem,
                                                                              enterprise_haarlem, ondernemer_1,
                                                                              make_bottleneck, login):
    from brokers.helpdesk import services as helpdesk

    case = helpdesk.case_submit(submitter=ondernemer_1, enterprise=enterprise_haarlem, category="property",
                                subject="Geen pand te huur", description="Mag de gemeente aan ons verhuren?")
    bottleneck = make_bottleneck(case=case)
    client = login(inkoper_haarlem)
    url = reverse("ecosystem:bottleneck-update", args=[bottleneck.pk])
    data = form_of(client.get(url))
    assert "case" not in data and "contact_moment" not in data
    response = client.post(url, data | {"affected_cases": ["4"]})
    assert response.status_code == 302, response.context["form"].errors
    bottleneck.refresh_from_db()
    assert bottleneck.affected_cases == 4 and bottleneck.case == case


def test_a_closed_bottleneck_edit_page_says_so_before_anything_is_typed(make_bottleneck, broker_haarlem, login):
    bottleneck = _status(make_bottleneck(), broker_haarlem, "unsolvable")
    response = login(broker_haarlem).get(reverse("ecosystem:bottleneck-update", args=[bottleneck.pk]), follow=True)
    assert response.redirect_chain == [(bottleneck.get_absolute_url(), 302)]
    assert "verandert niet meer" in response.content.decode()


# --- dates and lengths ------------------------------------------------------------------------


def test_an_agreement_starts_within_five_years_and_its_description_has_a_limit(login, broker_haarlem, region):
    client = login(broker_haarlem)
    url = reverse("ecosystem:agreement-create")
    base = {"region": region.pk, "title": "Eén SROI-regeling", "theme": "inkoop"}
    response = client.post(url, base | {"start_date": "9999-12-31", "description": "Kort."})
    assert response.status_code == 200 and "start_date" in response.context["form"].errors
    response = client.post(url, base | {"start_date": "2027-01-01", "description": "x" * (TEXT_MAX + 1)})
    assert response.status_code == 200 and "description" in response.context["form"].errors
    assert not RegionalAgreement.objects.exists()
    next_year = f"{TODAY().year + 1}-01-01"
    assert client.post(url, base | {"start_date": next_year, "description": "Kort."}).status_code == 302


def test_a_map_checklist_is_not_dated_before_1990(login, broker_haarlem, haarlem):
    response = login(broker_haarlem).post(reverse("ecosystem:map-create"), {
        "organisation": haarlem.pk, "title": "Kaart Haarlem", "checklist_date": "1800-01-01"})
    assert response.status_code == 200 and "checklist_date" in response.context["form"].errors
    assert not EcosystemMap.objects.exists()


# --- a map entry active again; a coalition without functions ------------------------------------


def test_a_party_made_inactive_on_a_map_is_made_active_again(login, broker_haarlem, haarlem):
    m = EcosystemMap.objects.create(organisation=haarlem, title="Kaart Haarlem")
    party = Party.objects.create(name="Paswerk", category="sw_bedrijf")
    entry = MapEntry.objects.create(map=m, party=party, domain="human_capital", role="Begeleidt.", is_active=False)
    client = login(broker_haarlem)
    url = reverse("ecosystem:map-entry-update", args=[entry.pk])
    assert url in client.get(m.get_absolute_url()).content.decode()
    data = form_of(client.get(url))
    assert set(data) >= {"role", "_version"} and "party" not in data and "domain" not in data
    response = client.post(url, data | {"is_active": ["on"], "role": ["Begeleidt naar werk."],
                                        "party": [str(Party.objects.create(name="Ander", category="gemeente").pk)]})
    assert response.status_code == 302 and response["Location"] == m.get_absolute_url()
    entry.refresh_from_db()
    assert entry.is_active and entry.role == "Begeleidt naar werk." and entry.party == party
    assert entry.domain == "human_capital"


def test_a_coalition_without_functions_says_so(login, broker_haarlem, haarlem):
    coalition = Coalition.objects.create(organisation=haarlem, name="Impactcoalitie Haarlem")
    page = login(broker_haarlem).get(coalition.get_absolute_url()).content.decode()
    assert 'id="functions-empty"' in page and "Nog geen functie ingevuld." in page

