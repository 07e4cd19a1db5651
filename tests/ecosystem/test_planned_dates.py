"""Dates planned ahead have a horizon: an event on 12-05-9999, or a space request (or its letting)
wanted twenty years on, was accepted. At most five years ahead (``ecosystem.constants``:
``NOT_TOO_FAR_AHEAD``), in the forms, the API and the admin (the model) alike."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ecosystem.constants import latest_date
from ecosystem.models import Event, SpaceRequest
from tests import factories as f

pytestmark = pytest.mark.django_db

TOO_LATE = "Vul een datum in die hooguit vijf jaar vooruit ligt; controleer het jaar."
REQUESTS = "/api/v1/ecosystem/space-requests/"


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
