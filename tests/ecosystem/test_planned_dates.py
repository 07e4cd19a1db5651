"""Dates planned ahead have a horizon: an event on 12-05-9999, or a space request (or its letting)
wanted twenty years on, was accepted. At most five years ahead (``ecosystem.constants``:
``NOT_TOO_FAR_AHEAD``), in the forms, the API and the admin (the model) alike; so is a coalition's
meeting. The end of a property's availability may lie decades ahead (a long lease): only a sanity
ceiling of fifty years (``NOT_ABSURDLY_FAR_AHEAD``) catches a year such as 9999 or 2250."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ecosystem.models import Event, Property, SpaceRequest
from ecosystem.models_coalitions import Coalition, CoalitionMeeting
from impactportal.dates import latest_date, latest_long_term_date
from tests import factories as f

pytestmark = pytest.mark.django_db

TOO_LATE = "Vul een datum in die hooguit vijf jaar vooruit ligt; controleer het jaar."
REQUESTS = "/api/v1/ecosystem/space-requests/"
PROPERTIES = "/api/v1/ecosystem/properties/"
TOO_LONG = ("Vul een datum in die hooguit vijftig jaar vooruit ligt, of laat het veld leeg als er geen einddatum "
            "is; controleer het jaar.")


def years_on(years: int, days: int = 0) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year + years, day=min(today.day, 28)) + dt.timedelta(days=days)


def request_form(enterprise, start_date) -> dict:
    return {"enterprise": enterprise.pk, "min_area": "50", "max_area": "100", "property_type": "workshop",
            "budget": "800", "area": "Centrum", "start_date": start_date, "purpose": "Werkplaats"}


def test_the_ceiling_is_five_years_from_today():
    today = timezone.localdate()
    assert latest_date().year == today.year + 5
    assert latest_date() - today >= dt.timedelta(days=5 * 365)


def test_an_event_is_planned_five_years_ahead_at_most(login, broker_haarlem, haarlem):
    client = login(broker_haarlem)
    url = reverse("ecosystem:event-create")
    data = {"organisation": haarlem.pk, "kind": "network", "title": "Netwerkborrel"}
    for moment in ("9999-05-12T16:00", f"{years_on(20).isoformat()}T16:00",
                   f"{(latest_date() + dt.timedelta(days=1)).isoformat()}T09:00"):
        response = client.post(url, {**data, "starts_at": moment})
        assert response.status_code in (200, 400), moment
        assert response.context["form"].errors == {"starts_at": [TOO_LATE]}, moment
    assert not Event.objects.exists()
    # The last day of the horizon (late in the evening) and next year's event are fine.
    for moment in (f"{latest_date().isoformat()}T23:30", f"{years_on(1).isoformat()}T16:00"):
        assert client.post(url, {**data, "starts_at": moment}).status_code == 302, moment
    assert Event.objects.count() == 2


def test_a_space_request_starts_five_years_ahead_at_most(login, ondernemer_1, enterprise_haarlem):
    client = login(ondernemer_1)
    url = reverse("ecosystem:space-request-create")
    for day in ("9999-05-12", years_on(20).isoformat(), (latest_date() + dt.timedelta(days=1)).isoformat()):
        response = client.post(url, request_form(enterprise_haarlem, day))
        assert response.status_code in (200, 400), day
        assert response.context["form"].errors == {"start_date": [TOO_LATE]}, day
    assert not SpaceRequest.objects.exists()
    assert client.post(url, request_form(enterprise_haarlem, latest_date().isoformat())).status_code == 302
    assert SpaceRequest.objects.get().start_date == latest_date()


def test_the_api_refuses_a_space_request_too_far_ahead(api, ondernemer_1, enterprise_haarlem):
    client = api(ondernemer_1)
    for day in ("9999-05-12", years_on(20).isoformat()):
        response = client.post(REQUESTS, request_form(enterprise_haarlem, day), format="json")
        assert response.status_code == 400 and response.json() == {"start_date": [TOO_LATE]}, day
    assert not SpaceRequest.objects.exists()
    created = client.post(REQUESTS, request_form(enterprise_haarlem, years_on(1).isoformat()), format="json")
    assert created.status_code == 201, created.json()
    # A change of the date is held to the same horizon.
    url = f"{REQUESTS}{created.json()['id']}/"
    response = client.patch(url, {"start_date": years_on(20).isoformat()}, format="json")
    assert response.status_code == 400 and response.json() == {"start_date": [TOO_LATE]}
    assert SpaceRequest.objects.get().start_date == years_on(1)


def test_the_model_refuses_it_too(haarlem, enterprise_haarlem):
    """The admin validates through the model: the same rule."""
    event = Event(organisation=haarlem, kind="network", title="Borrel",
                  starts_at=timezone.make_aware(dt.datetime(9999, 5, 12, 16)))
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict == {"starts_at": [TOO_LATE]}
    space_request = SpaceRequest(organisation=haarlem, enterprise=enterprise_haarlem, min_area=50, max_area=100,
                                 budget=800, start_date=years_on(20), purpose="Werkplaats")
    with pytest.raises(ValidationError) as error:
        space_request.full_clean()
    assert error.value.message_dict == {"start_date": [TOO_LATE]}


def test_a_letting_starts_five_years_ahead_at_most(api, broker_haarlem, haarlem, enterprise_haarlem):
    """The allocation's own start date (the form and the API): the same horizon."""
    from ecosystem.forms_realestate import AllocateForm

    data = {"property": "1", "rent": "900", "tenant_kind": "social", "procedure": "open",
            "procedure_reference": "VG-2025-001", "publication_date": "2025-05-01", "candidates": "3"}
    form = AllocateForm(data={**data, "start_date": "9999-05-12"})
    assert not form.is_valid() and form.errors == {"start_date": [TOO_LATE]}
    assert AllocateForm(data={**data, "start_date": years_on(1).isoformat()}).is_valid()
    prop = f.property_of(haarlem)
    space_request = f.space_request_of(enterprise_haarlem)
    body = {"property": prop.pk, "space_request": space_request.pk, "rent": "700", "procedure": "open",
            "procedure_reference": "VG-2025-001", "publication_date": "2025-05-01", "candidates": 3,
            "start_date": years_on(20).isoformat()}
    response = api(broker_haarlem).post("/api/v1/ecosystem/allocations/", body, format="json")
    assert response.status_code == 400 and response.json() == {"start_date": [TOO_LATE]}
    assert not prop.allocations.exists()


# --- a coalition's meeting: the same five years ---------------------------------------------------


def test_a_coalition_meeting_is_five_years_ahead_at_most(haarlem):
    coalition = Coalition.objects.create(organisation=haarlem, name="Impactcoalitie Kennemerland")
    for day in (dt.date(9999, 5, 12), years_on(20), latest_date() + dt.timedelta(days=1)):
        meeting = CoalitionMeeting(coalition=coalition, kind="coalition", date=day)
        with pytest.raises(ValidationError) as error:
            meeting.full_clean()
        assert error.value.message_dict == {"date": [TOO_LATE]}, day
    # A meeting held, or planned within the horizon (its last day included), is fine.
    for day in (timezone.localdate() - dt.timedelta(days=55), years_on(1), latest_date()):
        CoalitionMeeting(coalition=coalition, kind="council", date=day).full_clean()


def test_the_admin_refuses_a_coalition_meeting_too_far_ahead(admin_client, haarlem):
    """Meetings are recorded in the admin only: its form validates through the model."""
    coalition = Coalition.objects.create(organisation=haarlem, name="Impactcoalitie Kennemerland")
    url = reverse("admin:ecosystem_coalitionmeeting_add")
    data = {"coalition": coalition.pk, "kind": "coalition", "summary": ""}
    response = admin_client.post(url, {**data, "date": "12-05-9999"})
    assert response.status_code == 200 and response.context["adminform"].form.errors == {"date": [TOO_LATE]}
    assert not CoalitionMeeting.objects.exists()
    assert admin_client.post(url, {**data, "date": years_on(1).strftime("%d-%m-%Y")}).status_code == 302
    assert CoalitionMeeting.objects.get().date == years_on(1)


# --- the end of a property's availability: a sanity ceiling, not a plan's horizon ------------------


def property_form(organisation, **values) -> dict:
    return {"organisation": organisation.pk, "name": "Kantoor Zijlweg", "address": "Zijlweg 1", "area": "Centrum",
            "property_type": "office", "floor_area": "60", "market_rent": "1000", "social_tariff": "500",
            "available_from": "2027-01-01", **values}


def test_the_long_term_ceiling_is_fifty_years_from_today():
    today = timezone.localdate()
    assert latest_long_term_date().year == today.year + 50
    assert latest_long_term_date() > latest_date()


def test_a_property_is_available_until_fifty_years_ahead_at_most(login, vastgoed, haarlem):
    client = login(vastgoed)
    url = reverse("ecosystem:property-create")
    for day in ("9999-12-31", "2250-01-01", (latest_long_term_date() + dt.timedelta(days=1)).isoformat()):
        response = client.post(url, property_form(haarlem, available_until=day))
        assert response.status_code in (200, 400), day
        assert response.context["form"].errors == {"available_until": [TOO_LONG]}, day
    assert not Property.objects.exists()
    # A long lease (beyond the five years of a plan), the last day of the ceiling, and no end at all.
    for day in (years_on(25).isoformat(), latest_long_term_date().isoformat(), ""):
        assert client.post(url, property_form(haarlem, available_until=day)).status_code == 302, day
    assert sorted(Property.objects.values_list("available_until", flat=True), key=str) == sorted(
        [years_on(25), latest_long_term_date(), None], key=str)


def test_the_api_refuses_an_availability_too_far_ahead(api, vastgoed, haarlem):
    client = api(vastgoed)
    body = {**property_form(haarlem), "organisation": haarlem.slug}
    for day in ("9999-12-31", years_on(51).isoformat()):
        response = client.post(PROPERTIES, {**body, "available_until": day}, format="json")
        assert response.status_code == 400 and response.json() == {"available_until": [TOO_LONG]}, day
    assert not Property.objects.exists()
    created = client.post(PROPERTIES, {**body, "available_until": years_on(30).isoformat()}, format="json")
    assert created.status_code == 201, created.json()
    response = client.patch(f"{PROPERTIES}{created.json()['id']}/", {"available_until": "9999-12-31"}, format="json")
    assert response.status_code == 400 and response.json() == {"available_until": [TOO_LONG]}
    assert Property.objects.get().available_until == years_on(30)


def test_the_model_refuses_an_availability_too_far_ahead(haarlem):
    """The admin validates through the model: the same rule."""
    prop = f.property_of(haarlem)
    prop.available_until = dt.date(9999, 12, 31)
    with pytest.raises(ValidationError) as error:
        prop.full_clean()
    assert error.value.message_dict == {"available_until": [TOO_LONG]}
    prop.available_until = years_on(40)
    prop.full_clean()
