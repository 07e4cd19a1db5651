"""The user walk of the ecosystem forms: a coalition "gestart 01-01-2099" and a regional agreement
starting in 1800 were accepted. A coalition's start is not in the future; the dates that record
when something began (agreements, coalitions, events, a property's availability) are not before
1990 (the oldest real ones are of 2019), in the forms and in the API."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ecosystem.models import Coalition, Event, Property, RegionalAgreement

pytestmark = pytest.mark.django_db

TOO_EARLY = "Vul een datum in vanaf 01-01-1990; controleer het jaar."
FUTURE_START = "Deze startdatum ligt in de toekomst. Kies vandaag of een eerdere datum."


def errors_of(response):
    assert response.status_code in (200, 400), response.status_code
    return response.context["form"].errors


def test_a_coalition_cannot_have_started_in_the_future(login, broker_haarlem, haarlem):
    client = login(broker_haarlem)
    url = reverse("ecosystem:coalition-create")
    data = {"organisation": haarlem.pk, "name": "Impactcoalitie Haarlem"}
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for day, message in (("2099-01-01", FUTURE_START), (tomorrow.isoformat(), FUTURE_START),
                         ("1800-01-01", TOO_EARLY)):
        assert errors_of(client.post(url, {**data, "started_on": day}))["started_on"] == [message], day
    assert not Coalition.objects.exists()
    response = client.post(url, {**data, "started_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    assert Coalition.objects.get().started_on == timezone.localdate()


def test_a_regional_agreement_does_not_start_before_1990(login, api, broker_haarlem, region):
    client = login(broker_haarlem)
    url = reverse("ecosystem:agreement-create")
    data = {"region": region.pk, "title": "Regionale afspraken social return"}
    assert errors_of(client.post(url, {**data, "start_date": "1800-01-01"}))["start_date"] == [TOO_EARLY]
    assert errors_of(client.post(url, {**data, "start_date": "1989-12-31"}))["start_date"] == [TOO_EARLY]
    assert not RegionalAgreement.objects.exists()
    body = api(broker_haarlem).post("/api/v1/regional-agreements/", {"region": region.slug, "title": "X",
                                                                     "start_date": "1800-01-01"}, format="json")
    assert body.status_code == 400 and body.json()["start_date"] == [TOO_EARLY]
    assert not RegionalAgreement.objects.exists()
    # The oldest real ones (Rotterdam's, 2019), an agreement still to start, and none at all are fine.
    for day in ("2019-01-01", "1990-01-01", "2027-01-01", ""):
        assert client.post(url, {**data, "start_date": day}).status_code == 302, day
    assert RegionalAgreement.objects.count() == 4


def test_an_event_does_not_begin_before_1990(login, broker_haarlem, haarlem):
    client = login(broker_haarlem)
    url = reverse("ecosystem:event-create")
    data = {"organisation": haarlem.pk, "kind": "network", "title": "Netwerkborrel"}
    assert errors_of(client.post(url, {**data, "starts_at": "0202-11-01T16:00"}))["starts_at"] == [TOO_EARLY]
    assert not Event.objects.exists()
    assert client.post(url, {**data, "starts_at": "2025-11-01T16:00"}).status_code == 302


def test_a_property_is_not_available_from_before_1990(login, api, vastgoed, haarlem):
    data = {"organisation": haarlem.pk, "name": "Kantoor Zijlweg", "address": "Zijlweg 1", "area": "Centrum",
            "property_type": "office", "floor_area": "60", "market_rent": "1000", "available_from": "1800-01-01"}
    response = login(vastgoed).post(reverse("ecosystem:property-create"), data)
    assert errors_of(response)["available_from"] == [TOO_EARLY]
    body = api(vastgoed).post("/api/v1/ecosystem/properties/", {**data, "organisation": haarlem.slug}, format="json")
    assert body.status_code == 400 and body.json()["available_from"] == [TOO_EARLY]
    assert not Property.objects.exists()


def test_the_model_refuses_it_too(haarlem, region):
    """The admin validates through the model: the same rules."""
    with pytest.raises(ValidationError) as error:
        Coalition(organisation=haarlem, name="C", started_on=dt.date(2099, 1, 1)).full_clean()
    assert error.value.message_dict == {"started_on": [FUTURE_START]}
    with pytest.raises(ValidationError) as error:
        RegionalAgreement(region=region, title="A", start_date=dt.date(1800, 1, 1)).full_clean()
    assert error.value.message_dict == {"start_date": [TOO_EARLY]}


def test_an_allocation_takes_no_dates_before_1990():
    """The letting's start and the Didam record's dates: the same floor (the publication and
    decision dates were already refused after today)."""
    from ecosystem.forms_realestate import AllocateForm

    data = {"property": "1", "rent": "900", "tenant_kind": "social", "procedure": "open",
            "procedure_reference": "VG-2025-001", "candidates": "3"}
    form = AllocateForm(data={**data, "start_date": "1800-01-01", "publication_date": "0202-05-01"})
    assert not form.is_valid()
    assert form.errors == {"start_date": [TOO_EARLY], "publication_date": [TOO_EARLY]}
    exception = {**data, "procedure": "exception", "justification": "Er is maar één gegadigde die past.",
                 "decided_by": "College", "decision_date": "1800-01-01"}
    form = AllocateForm(data=exception)
    assert not form.is_valid() and form.errors == {"decision_date": [TOO_EARLY]}
    assert AllocateForm(data={**data, "start_date": "2026-01-01", "publication_date": "2025-05-01"}).is_valid()
