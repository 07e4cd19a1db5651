"""Real estate, decided rows stay decided: an allocated space request is not changed (or moved to
another enterprise) through the API, a property whose availability ended is not let, a letting
starts while the property is available, and "Toewijzen" is offered only for the request's own
municipality's properties."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ecosystem import services_realestate as services
from ecosystem.models import Allocation
from impactportal.accounts.constants import Role
from impactportal.accounts.models import Membership
from tests import factories as f

pytestmark = pytest.mark.django_db
JUSTIFICATION = "Alleen deze ondernemer voldoet aan de eis van inzet in de wijk, dus er is één serieuze gegadigde."
SPACE_REQUESTS = "/api/v1/ecosystem/space-requests/"


def allocate(prop, space_request, by, **changes):
    values = {"property": prop, "space_request": space_request, "rent": D(700), "by": by, "procedure": "exception",
              "justification": JUSTIFICATION, "decided_by": "College van B&W", "decision_date": dt.date(2026, 2, 1),
              **changes}
    return services.allocate(**values)


def test_an_allocated_request_is_not_changed_or_moved_through_the_api(api, haarlem, enterprise_haarlem,
                                                                      broker_haarlem, ondernemer_1):
    other = f.EnterpriseFactory(name="Kringloop Schalkwijk", municipality=haarlem)
    other_user = f.entrepreneur(other, "ondernemer-kringloop")
    prop = f.property_of(haarlem, name="Werkplaats Ripperda")
    space_request = f.space_request_of(enterprise_haarlem, start_date=dt.date(2027, 3, 1))
    allocate(prop, space_request, broker_haarlem)
    response = api(broker_haarlem).patch(f"{SPACE_REQUESTS}{space_request.pk}/",
                                         {"enterprise": other.pk, "budget": "1"}, format="json")
    assert response.status_code == 400 and "Toegewezen" in str(response.json())
    space_request.refresh_from_db()
    assert (space_request.enterprise_id, space_request.budget) == (enterprise_haarlem.pk, D("800.00"))
    assert api(other_user).get(f"/api/v1/ecosystem/properties/{prop.pk}/").status_code == 404
    assert api(ondernemer_1).get(f"/api/v1/ecosystem/properties/{prop.pk}/").status_code == 200


def test_an_open_request_is_still_changed_by_the_broker(api, haarlem, enterprise_haarlem, broker_haarlem):
    space_request = f.space_request_of(enterprise_haarlem, start_date=dt.date(2027, 3, 1))
    response = api(broker_haarlem).patch(f"{SPACE_REQUESTS}{space_request.pk}/", {"budget": "900"}, format="json")
    assert response.status_code == 200, response.content
    space_request.refresh_from_db()
    assert space_request.budget == D("900.00")


def test_an_allocated_request_has_no_matches_in_the_api_as_on_its_page(api, login, haarlem, enterprise_haarlem,
                                                                       broker_haarlem, ondernemer_1):
    prop = f.property_of(haarlem, name="Werkplaats Ripperda")
    f.property_of(haarlem, name="Atelier Boerhaave")
    space_request = f.space_request_of(enterprise_haarlem, start_date=dt.date(2027, 3, 1))
    assert len(api(ondernemer_1).get(f"{SPACE_REQUESTS}{space_request.pk}/matches/").json()) == 2
    allocate(prop, space_request, broker_haarlem)
    response = api(ondernemer_1).get(f"{SPACE_REQUESTS}{space_request.pk}/matches/")
    assert response.status_code == 200 and response.json() == []


def test_a_property_whose_availability_ended_is_not_let_nor_matched(login, haarlem, enterprise_haarlem,
                                                                    broker_haarlem):
    today = timezone.localdate()
    ended = f.property_of(haarlem, name="Pand tot gisteren", available_from=today - dt.timedelta(days=400),
                          available_until=today - dt.timedelta(days=1))
    # A request whose wished start has passed used to list it (only the start was compared).
    space_request = f.space_request_of(enterprise_haarlem, start_date=today - dt.timedelta(days=30))
    assert ended not in [prop for prop, _match in services.matches_for(space_request, broker_haarlem)]
    assert f'data-property="{ended.pk}"' not in login(broker_haarlem).get(space_request.get_absolute_url()).content.decode()
    with pytest.raises(ValidationError) as refused:
        allocate(ended, space_request, broker_haarlem)
    assert "niet meer te huur" in refused.value.message_dict["property"][0]
    assert not Allocation.objects.exists()


@pytest.mark.parametrize(("start", "message"), [
    (dt.date(2025, 12, 31), "beschikbaar vanaf"),  # before the property is available
    (dt.date(2099, 1, 1), "uiterlijk"),  # after its availability ends
])
def test_a_letting_starts_while_the_property_is_available(haarlem, enterprise_haarlem, broker_haarlem, start,
                                                          message):
    prop = f.property_of(haarlem, name="Tijdelijk pand", available_from=dt.date(2026, 1, 1),
                         available_until=dt.date(2098, 6, 30))
    space_request = f.space_request_of(enterprise_haarlem, start_date=dt.date(2027, 1, 1))
    with pytest.raises(ValidationError) as refused:
        allocate(prop, space_request, broker_haarlem, start_date=start)
    assert message in refused.value.message_dict["start_date"][0]
    allocation = allocate(prop, space_request, broker_haarlem, start_date=dt.date(2098, 6, 30))  # its last day
    assert allocation.start_date == dt.date(2098, 6, 30)


def test_toewijzen_only_for_the_requests_own_municipalitys_properties(login, haarlem, enterprise_haarlem,
                                                                      broker_haarlem):
    heemstede = f.OrganisationFactory(name="Gemeente Heemstede", slug="heemstede")
    Membership.objects.create(user=broker_haarlem, role=Role.BROKER, organisation=heemstede)
    neighbours = f.property_of(heemstede, name="Pand Heemstede", area="Centrum")
    own = f.property_of(haarlem, name="Pand Haarlem", area="Centrum")
    space_request = f.space_request_of(enterprise_haarlem, start_date=dt.date(2027, 3, 1), area="Centrum")
    page = login(broker_haarlem).get(space_request.get_absolute_url())
    html = page.content.decode()
    assert "Pand Heemstede" in html  # still matched: same area
    assert f'href="?property={neighbours.pk}#allocate"' not in html
    assert f'href="?property={own.pk}#allocate"' in html
    assert f'<option value="{neighbours.pk}"' not in html and f'<option value="{own.pk}"' in html


def test_a_partys_enterprise_is_named_in_the_api_only_to_who_may_see_it(api, haarlem, broker_haarlem,
                                                                      django_assert_max_num_queries):
    from ecosystem.models import Party

    hidden = f.EnterpriseFactory(name="Nog niet toegelaten", municipality=haarlem, is_published=False)
    shown = f.EnterpriseFactory(name="Op de etalage", municipality=haarlem, is_published=True,
                                admission_status="admitted")
    linked = Party.objects.create(name="Werkbedrijf", category="sw_bedrijf", is_published=True, enterprise=hidden)
    public = Party.objects.create(name="Etalagebedrijf", category="sw_bedrijf", is_published=True, enterprise=shown)
    for name in [f"Partij {n}" for n in range(6)]:
        Party.objects.create(name=name, category="intermediair", is_published=True, enterprise=shown)
    visitor = api().get("/api/v1/parties/", {"page_size": 100}).json()["results"]
    by_id = {row["id"]: row["enterprise"] for row in visitor}
    assert by_id[linked.pk] is None and by_id[public.pk] == shown.pk
    assert api().get(f"/api/v1/parties/{linked.pk}/").json()["enterprise"] is None
    assert api(broker_haarlem).get(f"/api/v1/parties/{linked.pk}/").json()["enterprise"] == hidden.pk
    client = api(broker_haarlem)
    with django_assert_max_num_queries(12) as few:
        client.get("/api/v1/parties/", {"page_size": 2})
    with django_assert_max_num_queries(len(few.captured_queries)):  # one query for the page's enterprises
        client.get("/api/v1/parties/", {"page_size": 100})


# --- a let property keeps what its letting rests on (session 18) -----------------------------------


@pytest.mark.parametrize(("changes", "field"), [
    ({"available_from": "2027-04-01"}, "available_from"),  # after the letting's start
    ({"available_until": "2027-02-01"}, "available_until"),  # before it
    ({"market_rent": "600.00", "social_tariff": ""}, "market_rent"),  # below the rent agreed (700)
    ({"floor_area": "5"}, "floor_area"),  # the tenant mix reads it
])
def test_a_let_property_keeps_its_letting(changes, field, api, haarlem, enterprise_haarlem, broker_haarlem):
    prop = f.property_of(haarlem, name="Werkplaats Ripperda", available_from=dt.date(2026, 1, 1))
    allocate(prop, f.space_request_of(enterprise_haarlem, start_date=dt.date(2027, 3, 1)), broker_haarlem,
             start_date=dt.date(2027, 3, 1))
    answer = api(broker_haarlem).patch(f"/api/v1/ecosystem/properties/{prop.pk}/", changes, format="json")
    assert answer.status_code == 400 and set(answer.json()) == {field}, answer.json()
    prop.refresh_from_db()
    assert (prop.floor_area, prop.market_rent, prop.available_until) == (D(80), D("1500.00"), None)


def test_a_let_property_still_takes_what_fits(api, haarlem, enterprise_haarlem, broker_haarlem):
    prop = f.property_of(haarlem, name="Werkplaats Ripperda", available_from=dt.date(2026, 1, 1))
    allocate(prop, f.space_request_of(enterprise_haarlem, start_date=dt.date(2027, 3, 1)), broker_haarlem,
             start_date=dt.date(2027, 3, 1))
    answer = api(broker_haarlem).patch(f"/api/v1/ecosystem/properties/{prop.pk}/", {
        "available_until": "2030-12-31", "market_rent": "1600.00", "description": "Met nieuwe vloer"}, format="json")
    assert answer.status_code == 200, answer.json()


def test_responding_twice_from_a_second_tab_says_it_once_without_a_field_name(login, haarlem, ondernemer_1,
                                                                                enterprise_haarlem):
    """The error named the hidden field ("Property: U heeft al op dit pand gereageerd.", untranslated)
    and stood there twice: a hidden field's error goes to the form's summary."""
    from django.urls import reverse

    space_request, client = f.space_request_of(enterprise_haarlem), login(ondernemer_1)
    prop = f.property_of(haarlem)
    url = reverse("ecosystem:space-request-respond", args=[space_request.pk])
    assert client.post(url, {"property": prop.pk, "message": "", "_form_token": "a" * 43}).status_code == 302
    second_tab = client.post(url, {"property": prop.pk, "message": "", "_form_token": "b" * 43})
    assert second_tab.status_code == 400
    form = second_tab.context["form"]
    assert form.errors == {"__all__": ["U heeft al op dit pand gereageerd."]}
    assert "Property" not in second_tab.content.decode()


def test_an_open_space_request_is_withdrawn_once(login, haarlem, ondernemer_1, enterprise_haarlem, broker_haarlem):
    """It stood open (shown to staff for matching) with no way to end it; an allocated one stays."""
    from django.urls import reverse

    from ecosystem.constants import SpaceRequestStatus

    space_request, client = f.space_request_of(enterprise_haarlem), login(ondernemer_1)
    page = client.get(space_request.get_absolute_url()).content.decode()
    url = reverse("ecosystem:space-request-withdraw", args=[space_request.pk])
    assert f'action="{url}"' in page
    assert client.post(url).status_code == 302
    space_request.refresh_from_db()
    assert space_request.status == SpaceRequestStatus.WITHDRAWN
    assert f'action="{url}"' not in client.get(space_request.get_absolute_url()).content.decode()
    assert client.post(url).status_code == 403  # the entrepreneur changes an open request only
    allocated = f.space_request_of(enterprise_haarlem, start_date=dt.date(2027, 3, 1))
    allocate(f.property_of(haarlem, name="Werkplaats"), allocated, broker_haarlem)
    refused = login(broker_haarlem).post(reverse("ecosystem:space-request-withdraw", args=[allocated.pk]))
    assert refused.status_code == 400
    allocated.refresh_from_db()
    assert allocated.status == SpaceRequestStatus.ALLOCATED


def test_a_party_is_taken_off_the_map(login, haarlem, broker_haarlem):
    """A party put on the map by mistake stayed for good (and its domain counted as covered)."""
    from django.urls import reverse

    from ecosystem.models import EcosystemMap, MapEntry, Party

    ecomap = EcosystemMap.objects.create(organisation=haarlem, title="Kaart Haarlem")
    party = Party.objects.create(name="KplusV", category="intermediary")
    entry = MapEntry.objects.create(map=ecomap, party=party, domain="human_capital", role="Advies")
    client = login(broker_haarlem)
    url = reverse("ecosystem:map-entry-delete", args=[entry.pk])
    assert f'href="{url}"' in client.get(ecomap.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 200  # the confirm page
    answer = client.post(url)
    assert answer.status_code == 302 and answer.url == ecomap.get_absolute_url()
    assert not MapEntry.objects.filter(pk=entry.pk).exists() and Party.objects.filter(pk=party.pk).exists()
