"""Ending a letting (walk 22): an allocation kept its property off the market for good ("Dit pand
is al toegewezen"), so a property whose tenant left could never be offered again. A letting now
ends (``Allocation.ended_on``, ``services_realestate.end_letting``, "Verhuur beëindigen" on the
allocation's page, ``POST allocations/{id}/end/``): the property is free again for matching, the
public list and a new allocation; an end is registered after the fact (not before the start, not
in the future) and only once; the former tenant keeps the terms they had on their space request,
not the property; the tenant mix and the indicator say what they count.

An end registered by mistake (the tenant did not leave) is undone with "Beëindiging ongedaan
maken" (``services_realestate.reopen_letting``, ``POST allocations/{id}/reopen/``), unless the
property has been allocated again since."""

import dataclasses
import datetime as dt
from decimal import Decimal as D

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ecosystem import indicators
from ecosystem import services_realestate as services
from ecosystem.filters_realestate import on_offer
from ecosystem.models import Allocation, Property
from ecosystem.models_realestate import FREE
from impactportal import access
from impactportal.indicators import Period
from tests import factories as f
from tests.pages import text

pytestmark = pytest.mark.django_db
JUSTIFICATION = "Alleen deze ondernemer voldoet aan de eis van inzet in de wijk, dus er is één serieuze gegadigde."
START = dt.date(2026, 3, 1)


def allocate(prop, request_, by, start_date=START):
    return services.allocate(property=prop, space_request=request_, rent=D(700), by=by, procedure="exception",
                             justification=JUSTIFICATION, decided_by="College van B&W",
                             decision_date=dt.date(2026, 2, 1), start_date=start_date)


@pytest.fixture
def today(monkeypatch):
    """A fixed today, after the letting's start: the end is registered after the fact."""
    day, real = dt.date(2026, 9, 15), timezone.localdate
    monkeypatch.setattr(timezone, "localdate", lambda value=None, *args, **kwargs: (
        day if value is None else real(value, *args, **kwargs)))
    return day


@pytest.fixture
def let(haarlem, enterprise_haarlem, broker_haarlem, today):
    """"Werkplaats Ripperda" (published), let to Fietsenmakerij Haarlem from 01-03-2026."""
    prop = f.property_of(haarlem, name="Werkplaats Ripperda", available_from=dt.date(2026, 1, 1))
    request_ = f.space_request_of(enterprise_haarlem, purpose="Fietswerkplaats")
    return {"property": prop, "request": request_, "allocation": allocate(prop, request_, broker_haarlem)}


@pytest.fixture
def newcomer(haarlem):
    """Another enterprise of Haarlem with an open request that fits the property."""
    enterprise = f.EnterpriseFactory(name="Kringloop Schalkwijk", municipality=haarlem)
    return f.space_request_of(enterprise, purpose="Kringloopwinkel", start_date=dt.date(2026, 10, 1))


def end(let, by, ended_on=dt.date(2026, 9, 1), reason="huurder vertrokken"):
    return services.end_letting(allocation=let["allocation"], by=by, ended_on=ended_on, reason=reason)


def fingerprint(allocation):
    fresh = Allocation.objects.get(pk=allocation.pk)
    return fresh.ended_on, fresh.end_reason


# --- the service: what ending frees, and what it refuses -------------------------------------


def test_ending_frees_the_property_for_matching_and_a_new_allocation(let, newcomer, broker_haarlem):
    prop = let["property"]
    assert not Property.objects.filter(FREE, pk=prop.pk).exists()
    assert prop.pk not in [p.pk for p, _m in services.matches_for(newcomer, broker_haarlem)]
    with pytest.raises(ValidationError) as refused:
        allocate(prop, newcomer, broker_haarlem, start_date=dt.date(2026, 10, 1))
    assert refused.value.message_dict == {"property": ["Dit pand is al toegewezen."]}

    ended = end(let, broker_haarlem)
    assert (ended.ended_on, ended.end_reason) == (dt.date(2026, 9, 1), "huurder vertrokken")
    assert Property.objects.filter(FREE, pk=prop.pk).exists()
    assert Property.objects.filter(on_offer(timezone.localdate()), pk=prop.pk).exists()
    assert prop.pk in [p.pk for p, _m in services.matches_for(newcomer, broker_haarlem)]
    second = allocate(prop, newcomer, broker_haarlem, start_date=dt.date(2026, 10, 1))
    assert second.ended_on is None
    # Let again: off the market once more.
    assert not Property.objects.filter(FREE, pk=prop.pk).exists()


def test_a_new_letting_starts_after_the_previous_one_ended(let, newcomer, broker_haarlem):
    end(let, broker_haarlem, ended_on=dt.date(2026, 9, 1))
    with pytest.raises(ValidationError) as refused:
        allocate(let["property"], newcomer, broker_haarlem, start_date=dt.date(2026, 8, 1))
    assert refused.value.message_dict == {
        "start_date": ["De vorige verhuur van dit pand eindigde op 01-09-2026; de nieuwe huur begint niet eerder."]}
    # Without a start date it starts no earlier than the end (nor the request's wish).
    newcomer.start_date = dt.date(2026, 4, 1)
    newcomer.save()
    assert allocate(let["property"], newcomer, broker_haarlem, start_date=None).start_date == dt.date(2026, 9, 1)


def test_ending_twice_is_refused(let, broker_haarlem):
    end(let, broker_haarlem)
    with pytest.raises(ValidationError) as refused:
        end(let, broker_haarlem, ended_on=dt.date(2026, 9, 10), reason="nog eens")
    assert refused.value.message_dict == {"ended_on": ["Deze verhuur is al beëindigd op 01-09-2026."]}
    assert fingerprint(let["allocation"]) == (dt.date(2026, 9, 1), "huurder vertrokken")


@pytest.mark.parametrize(("ended_on", "message"), [
    (dt.date(2026, 2, 28), "De verhuur begon op 01-03-2026; de einddatum ligt niet eerder."),
    (dt.date(2026, 9, 16), "De einddatum ligt na vandaag. Een verhuur wordt beëindigd nadat die is afgelopen: "
                           "vul de datum in waarop de huurder is vertrokken."),
    (None, "Vul de datum in waarop de verhuur is geëindigd."),
])
def test_a_date_before_the_start_or_in_the_future_is_a_field_error(let, broker_haarlem, ended_on, message):
    with pytest.raises(ValidationError) as refused:
        end(let, broker_haarlem, ended_on=ended_on)
    assert refused.value.message_dict == {"ended_on": [message]}
    assert fingerprint(let["allocation"]) == (None, "")
    assert not Property.objects.filter(FREE, pk=let["property"].pk).exists()


def test_the_start_day_and_today_are_accepted(let, broker_haarlem, today):
    assert end(let, broker_haarlem, ended_on=today).ended_on == today
    allocation = Allocation.objects.get(pk=let["allocation"].pk)
    allocation.ended_on = START
    allocation.full_clean()  # the model's own rule: on the start day is fine


def test_the_end_is_audited_as_the_broker(let, broker_haarlem):
    from auditlog.models import LogEntry

    end(let, broker_haarlem)
    entry = LogEntry.objects.get_for_object(let["allocation"]).order_by("-timestamp", "-pk").first()
    assert entry.actor == broker_haarlem and "ended_on" in entry.changes_dict


# --- the page ----------------------------------------------------------------------------------


def test_the_allocation_page_ends_the_letting(login, let, broker_haarlem):
    allocation = let["allocation"]
    url = allocation.get_absolute_url()
    page = text(login(broker_haarlem).get(url))
    assert 'id="end-letting-form"' in page and "Verhuur beëindigen" in page and "Lopend" in page
    end = reverse("ecosystem:allocation-end", args=[allocation.pk])
    assert f'action="{end}"' in page
    response = login(broker_haarlem).post(end, {"ended_on": "2026-09-01", "end_reason": "huurder vertrokken"})
    assert response.status_code == 302 and response["Location"] == url
    page = text(login(broker_haarlem).get(url))
    assert "Beëindigd op 01-09-2026 (huurder vertrokken)" in page
    assert 'id="end-letting-form"' not in page  # nothing left to end
    # The property shows as available again, without a tenant.
    prop_page = text(login(broker_haarlem).get(let["property"].get_absolute_url()))
    assert 'id="property-allocated"' not in prop_page and 'id="property-tenant"' not in prop_page
    assert "beëindigd op 01-09-2026" in prop_page  # in the owner's list of its allocations


def test_a_refused_date_shows_the_page_again_with_the_field_error(login, let, broker_haarlem):
    url = reverse("ecosystem:allocation-end", args=[let["allocation"].pk])
    response = login(broker_haarlem).post(url, {"ended_on": "2026-12-01", "end_reason": ""})
    assert response.status_code == 400
    page = text(response)
    assert "De einddatum ligt na vandaag." in page and 'id="end-letting-form"' in page
    assert fingerprint(let["allocation"]) == (None, "")
    response = login(broker_haarlem).post(url, {"ended_on": "", "end_reason": ""})
    assert response.status_code == 400 and "Vul de datum in waarop de verhuur is geëindigd." in text(response)


def test_another_municipalitys_broker_and_the_tenant_get_404(login, let, broker_amersfoort, ondernemer_1):
    url = reverse("ecosystem:allocation-end", args=[let["allocation"].pk])
    for user in (broker_amersfoort, ondernemer_1):
        response = login(user).post(url, {"ended_on": "2026-09-01"})
        assert response.status_code == 404
    assert fingerprint(let["allocation"]) == (None, "")


def test_a_role_without_the_end_grant_gets_403(login, api, let, haarlem, monkeypatch):
    """The policy grants ``end`` as ``change`` (to everyone who sees an allocation), so no real role
    sees an allocation without it; narrowed to brokers, a real-estate colleague who sees it is 403
    on the page and in the API, and nothing changes."""
    policy = Allocation.access
    monkeypatch.setattr(Allocation, "access", dataclasses.replace(
        policy, actions={**policy.actions, "end": [access.Grant(access.BROKER, via="organisation")]}))
    vastgoed = f.colleague(haarlem, "vastgoed", "vastgoed-haarlem")
    url = let["allocation"].get_absolute_url()
    assert login(vastgoed).get(url).status_code == 200
    assert 'id="end-letting-form"' not in text(login(vastgoed).get(url))
    end = reverse("ecosystem:allocation-end", args=[let["allocation"].pk])
    assert login(vastgoed).post(end, {"ended_on": "2026-09-01"}).status_code == 403
    response = api(vastgoed).post(f"/api/v1/ecosystem/allocations/{let['allocation'].pk}/end/",
                                  {"ended_on": "2026-09-01"}, format="json")
    assert response.status_code == 403
    assert fingerprint(let["allocation"]) == (None, "")


def test_the_entrepreneur_keeps_the_terms_not_the_property(login, let, broker_haarlem, ondernemer_1, haarlem):
    prop = let["property"]
    prop.is_published = False  # a property only its owner and its tenant see
    prop.save()
    assert login(ondernemer_1).get(prop.get_absolute_url()).status_code == 200
    end(let, broker_haarlem)
    # The property was theirs while let: no longer (and it is not published).
    assert login(ondernemer_1).get(prop.get_absolute_url()).status_code == 404
    assert not Property.objects.for_user(ondernemer_1).filter(pk=prop.pk).exists()
    # Their space request keeps the terms agreed, with the end, and no link to the property.
    page = text(login(ondernemer_1).get(let["request"].get_absolute_url()))
    terms = page.split('id="let-properties"')[1].split("</ul>")[0]
    assert "Werkplaats Ripperda" in terms and "Beëindigd op 01-09-2026" in terms
    assert prop.get_absolute_url() not in terms
    # Published, it is public again: they see what everyone sees, without a tenant.
    prop.is_published = True
    prop.save()
    page = text(login(ondernemer_1).get(prop.get_absolute_url()))
    assert 'id="property-tenant"' not in page and 'id="property-allocated"' not in page


# --- the list, its filter, its export and the tenant mix ----------------------------------------


def test_the_list_filters_current_and_ended_and_the_mix_says_what_it_counts(login, let, newcomer, broker_haarlem,
                                                                            haarlem):
    other = f.property_of(haarlem, name="Atelier Zijlweg", floor_area=D(60))
    allocate(other, newcomer, broker_haarlem, start_date=dt.date(2026, 10, 1))
    end(let, broker_haarlem)
    url = reverse("ecosystem:allocation-list")
    client = login(broker_haarlem)
    page = text(client.get(url))
    assert "Telt alle toewijzingen, lopende en beëindigde." in page
    assert "Werkplaats Ripperda" in page and "Atelier Zijlweg" in page
    current = text(client.get(url, {"letting": "current"}))
    assert "Telt alleen de lopende verhuur (niet beëindigd)." in current
    assert "Atelier Zijlweg" in current and "Werkplaats Ripperda" not in current
    mix = current.split('id="tenant-mix"')[1].split("</table>")[0]
    assert ">1</td>" in mix and ">60</td>" in mix  # one social tenant, 60 m²: the current one only
    ended = text(client.get(url, {"letting": "ended"}))
    assert "Telt alleen de beëindigde verhuur." in ended
    assert "Werkplaats Ripperda" in ended and "Atelier Zijlweg" not in ended
    assert client.get(url, {"letting": "soon"}).status_code in (200, 400)  # a field error, never a 500


def test_the_export_has_the_end_date(login, let, broker_haarlem):
    end(let, broker_haarlem)
    response = login(broker_haarlem).get(reverse("ecosystem:allocation-list"), {"_export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    header, row = body.splitlines()[:2]
    assert "Beëindigd op" in header
    assert "2026-09-01" in row or "01-09-2026" in row


# --- the API -----------------------------------------------------------------------------------


def test_the_api_ends_a_letting(api, let, broker_haarlem, broker_amersfoort, ondernemer_1):
    url = f"/api/v1/ecosystem/allocations/{let['allocation'].pk}/end/"
    assert api(broker_amersfoort).post(url, {"ended_on": "2026-09-01"}, format="json").status_code == 404
    assert api(ondernemer_1).post(url, {"ended_on": "2026-09-01"}, format="json").status_code == 404
    response = api(broker_haarlem).post(url, {"ended_on": "2027-01-01"}, format="json")
    assert response.status_code == 400 and "ended_on" in response.json()
    response = api(broker_haarlem).post(url, {"ended_on": "2026-09-01", "note": "x"}, format="json")
    assert response.status_code == 400 and "note" in response.json()  # an unknown field
    assert fingerprint(let["allocation"]) == (None, "")
    response = api(broker_haarlem).post(url, {"ended_on": "2026-09-01", "reason": "huurder vertrokken"},
                                        format="json")
    assert response.status_code == 200
    assert response.json()["ended_on"] == "2026-09-01" and response.json()["end_reason"] == "huurder vertrokken"
    response = api(broker_haarlem).post(url, {"ended_on": "2026-09-02"}, format="json")
    assert response.status_code == 400 and "al beëindigd" in str(response.json())
    prop = api(broker_haarlem).get(f"/api/v1/ecosystem/properties/{let['property'].pk}/").json()
    assert prop["is_allocated"] is False and prop["tenant"] is None
    listing = api(broker_haarlem).get("/api/v1/ecosystem/allocations/", {"letting": "ended"}).json()
    assert [row["id"] for row in listing["results"]] == [let["allocation"].pk]


# --- the indicator -----------------------------------------------------------------------------


def test_the_indicator_counts_every_allocation_started_in_the_period_and_says_so(let, broker_haarlem, haarlem):
    end(let, broker_haarlem)
    period = Period(start=timezone.make_aware(dt.datetime(2026, 1, 1)),
                    end=timezone.make_aware(dt.datetime(2027, 1, 1)), label="2026")
    assert indicators.properties_allocated(period)[haarlem.pk] == 1  # ended since, still allocated in the period
    definition = str(next(i for i in indicators.INDICATORS if i.code == "ecosystem.properties_allocated").definition)
    assert "ook als de verhuur sindsdien is beëindigd" in definition


def test_the_toolbox_names_a_property_allocated_only_while_it_is_let(let, broker_haarlem, haarlem):
    from ecosystem.toolbox_sources import real_estate_context

    def allocated():
        return {p.name: p.allocated for p in real_estate_context(broker_haarlem, haarlem)["properties"]}

    assert allocated()["Werkplaats Ripperda"] == 1
    services.end_letting(allocation=let["allocation"], by=broker_haarlem, ended_on=dt.date(2026, 9, 1))
    assert allocated()["Werkplaats Ripperda"] == 0


def test_the_schema_says_a_current_lettings_end_is_null(let, api, broker_haarlem):
    """``ended_on`` is null while the letting is current: the schema said a date, and the API
    fuzzing's schema check refused every allocation."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert schema["components"]["schemas"]["Allocation"]["properties"]["ended_on"].get("nullable") is True
    body = api(broker_haarlem).get(f"/api/v1/ecosystem/allocations/{let['allocation'].pk}/").json()
    assert body["ended_on"] is None


# --- undoing an end registered by mistake -------------------------------------------------------


def reopen_url(allocation):
    return reverse("ecosystem:allocation-reopen", args=[allocation.pk])


def test_undoing_the_end_makes_the_letting_current_and_the_property_let_again(let, newcomer, broker_haarlem):
    end(let, broker_haarlem)
    prop = let["property"]
    assert Property.objects.filter(FREE, pk=prop.pk).exists()
    reopened = services.reopen_letting(allocation=let["allocation"], by=broker_haarlem)
    assert fingerprint(reopened) == (None, "")
    assert not Property.objects.filter(FREE, pk=prop.pk).exists()
    assert prop.pk not in [p.pk for p, _m in services.matches_for(newcomer, broker_haarlem)]
    # The history keeps the end that was undone, and the undoing, by whom.
    entries = list(LogEntry.objects.get_for_object(reopened).order_by("timestamp", "pk"))
    assert [entry.changes_dict.get("ended_on") for entry in entries[-2:]] == [["None", "2026-09-01"],
                                                                            ["2026-09-01", "None"]]
    assert entries[-1].actor == broker_haarlem


def test_a_current_letting_has_no_end_to_undo(let, broker_haarlem):
    with pytest.raises(ValidationError) as refused:
        services.reopen_letting(allocation=let["allocation"], by=broker_haarlem)
    assert refused.value.messages == ["Deze verhuur loopt nog; er is geen beëindiging om ongedaan te maken."]


def test_not_once_the_property_is_let_again(let, newcomer, broker_haarlem):
    end(let, broker_haarlem)
    allocate(let["property"], newcomer, broker_haarlem, start_date=dt.date(2026, 10, 1))
    with pytest.raises(ValidationError) as refused:
        services.reopen_letting(allocation=let["allocation"], by=broker_haarlem)
    assert "opnieuw toegewezen (vanaf 01-10-2026)" in refused.value.messages[0]
    assert fingerprint(let["allocation"]) == (dt.date(2026, 9, 1), "huurder vertrokken")


def test_the_allocation_page_offers_the_undo_once_the_letting_has_ended(login, let, broker_haarlem):
    client = login(broker_haarlem)
    page = let["allocation"].get_absolute_url()
    html = client.get(page).content.decode()
    assert 'id="end-letting-form"' in html and 'id="reopen-letting-form"' not in html
    end(let, broker_haarlem)
    html = client.get(page).content.decode()
    assert 'id="end-letting-form"' not in html and f'action="{reopen_url(let["allocation"])}"' in html
    response = client.post(reopen_url(let["allocation"]), follow=True)
    assert response.redirect_chain[-1][0] == page
    assert "De beëindiging is ongedaan gemaakt" in text(response)
    assert fingerprint(let["allocation"]) == (None, "")
    html = response.content.decode()
    assert 'id="end-letting-form"' in html and 'id="reopen-letting-form"' not in html


def test_a_refused_undo_says_why_on_the_allocation_page(login, let, newcomer, broker_haarlem):
    end(let, broker_haarlem)
    allocate(let["property"], newcomer, broker_haarlem, start_date=dt.date(2026, 10, 1))
    response = login(broker_haarlem).post(reopen_url(let["allocation"]))
    assert response.status_code == 400
    assert "Het pand is sinds de beëindiging opnieuw toegewezen" in text(response)
    assert fingerprint(let["allocation"]) == (dt.date(2026, 9, 1), "huurder vertrokken")


def test_others_cannot_undo_an_end(login, let, broker_haarlem, broker_amersfoort, ondernemer_1):
    end(let, broker_haarlem)
    assert login(broker_amersfoort).post(reopen_url(let["allocation"])).status_code == 404
    assert login(ondernemer_1).post(reopen_url(let["allocation"])).status_code == 404
    assert fingerprint(let["allocation"]) == (dt.date(2026, 9, 1), "huurder vertrokken")


def test_the_api_undoes_an_end(api, let, broker_haarlem, broker_amersfoort):
    url = f"/api/v1/ecosystem/allocations/{let['allocation'].pk}/reopen/"
    response = api(broker_haarlem).post(url, format="json")
    assert response.status_code == 400 and "loopt nog" in str(response.json())
    end(let, broker_haarlem)
    assert api(broker_amersfoort).post(url, format="json").status_code == 404
    response = api(broker_haarlem).post(url, format="json")
    assert response.status_code == 200
    assert response.json()["ended_on"] is None and response.json()["end_reason"] == ""
    prop = api(broker_haarlem).get(f"/api/v1/ecosystem/properties/{let['property'].pk}/").json()
    assert prop["is_allocated"] is True
    assert Allocation.objects.get(pk=let["allocation"].pk).ended_on is None
