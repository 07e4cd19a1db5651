"""User walk 22, real estate (Chromium, Dutch and English, 1280 and 390 px): a property "beschikbaar
vanaf 31-12-9999" was saved (form and API) and ranked "2912063 dagen" late among the matches; the
reasons of a match wrote areas and percentages unlocalised ("1234.5 m² binnen 50.5–1500 m²"); the
tenant mix counted every allocation under a filter the table had refused; a let property's floor
area read "250,0 m²"; "Aantal gegadigden" said "minstens 0" for -3 and "ten minste één" for 0; the
response form's hidden field was named "Property" on a Dutch page; a property whose availability
ended was exported as "Beschikbaar"; the staff's matches did not say which property the
entrepreneur cannot see; and the space request's empty type read "— geen —" for "any type"."""

import csv
import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from ecosystem import matching
from ecosystem import services_realestate as services
from ecosystem.forms_realestate import AllocateForm, RespondForm, SpaceRequestForm
from ecosystem.models import Property
from impactportal.dates import add_years
from tests import factories as f

pytestmark = pytest.mark.django_db

JUSTIFICATION = "Alleen deze ondernemer voldoet aan de eis van inzet in de wijk, dus er is één serieuze gegadigde."
FIVE_YEARS = "Vul een datum in die hooguit vijf jaar vooruit ligt; controleer het jaar."


def property_form(organisation, **changes):
    return {"organisation": organisation.pk, "name": "Kantoor Zijlweg", "address": "Zijlweg 1", "area": "Haarlem-West",
            "property_type": "office", "floor_area": "100", "market_rent": "1234,56", "social_tariff": "800",
            "available_from": "9999-12-31", "available_until": "", **changes}


def allocate(prop, space_request, by, **changes):
    return services.allocate(property=prop, space_request=space_request, rent=D(700), by=by, procedure="exception",
                             justification=JUSTIFICATION, decided_by="College van B&W",
                             decision_date=dt.date(2026, 2, 1), **changes)


# --- the availability starts within five years -------------------------------------------------


def test_a_property_available_from_the_year_9999_is_refused_on_the_page(login, haarlem, vastgoed):
    answer = login(vastgoed).post(reverse("ecosystem:property-create"), property_form(haarlem))
    assert answer.status_code == 200
    assert answer.context["form"].errors == {"available_from": [FIVE_YEARS]}
    assert not Property.objects.exists()


def test_and_through_the_api(api, haarlem, broker_haarlem):
    answer = api(broker_haarlem).post("/api/v1/ecosystem/properties/", {
        "organisation": "haarlem", "name": "API pand", "address": "Zijlweg 1", "area": "Noord",
        "property_type": "office", "floor_area": "100", "market_rent": "1000", "available_from": "9999-01-01"},
        format="json")
    assert answer.status_code == 400 and answer.json() == {"available_from": [FIVE_YEARS]}, answer.json()


def test_five_years_ahead_is_still_a_plan_and_a_stored_date_left_alone_still_saves(haarlem):
    fresh = Property(organisation=haarlem, name="Kantoor Zijlweg", address="Zijlweg 1", area="Haarlem-West",
                     property_type="office", floor_area=D(100), market_rent=D("1234.56"),
                     available_from=add_years(timezone.localdate(), 5))
    fresh.full_clean()
    stored = f.property_of(haarlem, available_from=dt.date(2200, 1, 1))  # saved before the rule
    stored.description = "Met een nieuwe vloer"
    stored.full_clean()
    stored.available_from = dt.date(2300, 1, 1)
    with pytest.raises(ValidationError) as error:
        stored.full_clean()
    assert error.value.message_dict == {"available_from": [FIVE_YEARS]}


# --- the reasons of a match, localised ----------------------------------------------------------


def test_the_reasons_write_areas_and_percentages_as_the_page_does():
    need = matching.Need(min_area=D("50.5"), max_area=D("1500"), budget=D(1000), start_date=dt.date(2027, 1, 1))
    big = matching.Offer(floor_area=D("1234.5"), market_rent=D(900), property_type="office", area="X",
                         available_from=dt.date(2030, 1, 1))
    huge = matching.Offer(floor_area=D("1000000"), market_rent=D(900), property_type="office", area="X",
                          available_from=dt.date(2027, 1, 1))
    with translation.override("nl"):
        assert matching.score(need, big).reasons["size"] == "Past: 1.234,5 m² binnen 50,5–1.500 m²."
        assert matching.score(need, big).reasons["availability"] == "Beschikbaar 1.096 dagen na de gewenste startdatum."
        assert matching.score(need, huge).reasons["size"] == "66.567 procent groter dan het gevraagde maximum."
    with translation.override("en"):
        assert matching.score(need, big).reasons["size"] == "Fits: 1,234.5 m² within 50.5–1,500 m²."
        assert matching.score(need, huge).reasons["size"] == "66,567 percent larger than the requested maximum."
    small = matching.Need(min_area=D(50), max_area=D(90), budget=D(1000), start_date=dt.date(2027, 1, 1))
    with translation.override("nl"):  # whole areas stay whole
        assert matching.score(small, huge).reasons["size"].startswith("1.111.011 procent")
        assert matching.score(small, matching.Offer(D("85.0"), D(900), "office", "X", dt.date(2027, 1, 1))).reasons[
            "size"] == "Past: 85 m² binnen 50–90 m²."


# --- the tenant mix counts the rows the table lists --------------------------------------------


def test_an_invalid_filter_shows_no_mix_as_it_shows_no_rows(login, haarlem, enterprise_haarlem, broker_haarlem):
    allocate(f.property_of(haarlem), f.space_request_of(enterprise_haarlem), broker_haarlem)
    client = login(broker_haarlem)
    valid = client.get(reverse("ecosystem:allocation-list"))
    assert valid.context["has_allocations"] and valid.context["mix"]["social"]["count"] == 1
    invalid = client.get(reverse("ecosystem:allocation-list"), {"start_from": "abc"})
    assert invalid.context["filter"].errors
    assert not invalid.context["has_allocations"]
    assert invalid.context["mix"]["social"]["count"] == 0
    assert 'id="tenant-mix"' not in invalid.content.decode()


# --- a let property's floor area as the pages write it ------------------------------------------


def test_the_let_floor_area_reads_250_m2_not_250_0(haarlem, enterprise_haarlem, broker_haarlem):
    prop = f.property_of(haarlem, floor_area=D("250.0"), available_from=dt.date(2026, 1, 1))
    allocate(prop, f.space_request_of(enterprise_haarlem, start_date=dt.date(2027, 3, 1)), broker_haarlem,
             start_date=dt.date(2027, 3, 1))
    prop.floor_area = D(300)
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        prop.full_clean()
    assert error.value.message_dict["floor_area"] == [
        "Het pand is verhuurd met 250 m²; de oppervlakte verandert niet meer."]


# --- the allocation form's number of candidates -------------------------------------------------


@pytest.mark.parametrize("candidates", ["-3", "0"])
def test_fewer_than_one_candidate_says_at_least_one(candidates):
    form = AllocateForm({"property": "1", "rent": "700", "tenant_kind": "social", "procedure": "open",
                         "procedure_reference": "HLM-2026-044", "publication_date": "2026-10-01",
                         "candidates": candidates})
    with translation.override("nl"):
        assert not form.is_valid()
        assert form.errors["candidates"] == ["Vul het aantal gegadigden in (ten minste één)."]


# --- the response form's field is named in Dutch -----------------------------------------------


def test_a_tampered_property_number_is_named_pand(login, haarlem, ondernemer_1, enterprise_haarlem):
    space_request = f.space_request_of(enterprise_haarlem)
    url = reverse("ecosystem:space-request-respond", args=[space_request.pk])
    answer = login(ondernemer_1).post(url, {"property": "abc", "message": "", "_form_token": "a" * 43})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Property" not in page and "Pand" in page
    assert str(RespondForm().fields["property"].label) == "Pand"


# --- an ended availability in the property list and its export ---------------------------------


def test_an_ended_availability_is_not_listed_or_exported_as_available(login, haarlem, vastgoed):
    today = timezone.localdate()
    f.property_of(haarlem, name="Verlopen pand", available_from=today - dt.timedelta(days=400),
                  available_until=today - dt.timedelta(days=10), is_published=False)
    f.property_of(haarlem, name="Open pand", available_from=today - dt.timedelta(days=400), is_published=False)
    client = login(vastgoed)
    url = reverse("ecosystem:property-list")
    with translation.override("nl"):
        export = client.get(url, {"_export": "csv", "sort": "name"}).content.decode("utf-8-sig")
        rows = {row["Naam"]: row for row in csv.DictReader(io.StringIO(export), delimiter=";")}
        assert rows["Verlopen pand"]["Status"] == "Verlopen"
        assert rows["Open pand"]["Status"] == "Beschikbaar"
        not_available = client.get(url, {"_export": "csv", "available": "false"}).content.decode("utf-8-sig")
        assert "Verlopen pand;" in not_available and "Beschikbaar" not in not_available.split("\n", 1)[1]
        page = client.get(url, {"q": "Verlopen"}).content.decode()
        assert "Verlopen</td>" in page


# --- the staff's matches say which property the entrepreneur cannot see ------------------------


def test_an_unpublished_match_is_marked_for_the_staff_only(login, haarlem, vastgoed, ondernemer_1,
                                                           enterprise_haarlem):
    f.property_of(haarlem, name="Stille werkplaats", is_published=False)
    f.property_of(haarlem, name="Open werkplaats")
    space_request = f.space_request_of(enterprise_haarlem, start_date=timezone.localdate())
    staff = login(vastgoed).get(space_request.get_absolute_url()).content.decode()
    assert staff.count('class="portal-badge unpublished"') == 1
    row = staff[staff.index("Stille werkplaats"):]
    assert row.index("Niet gepubliceerd") < row.index("</th>")
    own = login(ondernemer_1).get(space_request.get_absolute_url()).content.decode()
    assert "Stille werkplaats" not in own and "Niet gepubliceerd" not in own


# --- the space request's empty type means any type ---------------------------------------------


def test_the_empty_type_reads_any_type(ondernemer_1):
    with translation.override("nl"):
        form = SpaceRequestForm(user=ondernemer_1)
        choices = [(value, str(label)) for value, label in form.fields["property_type"].choices]
        assert choices[0] == ("", "Elke soort") and len([c for c in choices if c[0] == ""]) == 1
        assert '<option value="" selected>Elke soort</option>' in str(form["property_type"])
    with translation.override("en"):
        assert str(SpaceRequestForm(user=ondernemer_1).fields["property_type"].choices[0][1]) == "Any type"
