"""Real estate after the user review: the place filter and the search find part of a place in any
case, an invalid minimum floor area is named with its message, a space request cannot start in
the past (an old one still saves unchanged), and the lists write floor areas as the detail pages."""

import datetime as dt
import html
from decimal import Decimal as D

import pytest
from django.utils import timezone

from ecosystem.models import SpaceRequest
from tests import factories as f

pytestmark = pytest.mark.django_db
PROPERTIES = "/ecosysteem/vastgoed/panden/"


@pytest.fixture
def places(haarlem):
    return {
        "noord": f.property_of(haarlem, name="Werkplaats Ripperda", area="Haarlem-Noord"),
        "schalkwijk": f.property_of(haarlem, name="Atelier Boerhaave", area="Schalkwijk"),
    }


def names(response):
    body = response.content.decode()
    return {name for name in ("Werkplaats Ripperda", "Atelier Boerhaave") if name in body}


@pytest.mark.parametrize(("query", "found"), [
    ({"area": "Haarlem"}, {"Werkplaats Ripperda"}),
    ({"area": "noord"}, {"Werkplaats Ripperda"}),
    ({"area": "haarlem-noord"}, {"Werkplaats Ripperda"}),
    ({"area": "SCHALK"}, {"Atelier Boerhaave"}),
    ({"q": "Haarlem"}, {"Werkplaats Ripperda"}),  # the search covers the place too
    ({"q": "ripperda"}, {"Werkplaats Ripperda"}),
])
def test_place_filter_and_search_find_part_of_the_place_in_any_case(client, api, places, query, found):
    response = client.get(PROPERTIES, query)  # a visitor
    assert response.status_code == 200 and names(response) == found
    rows = api(None).get("/api/v1/ecosystem/properties/", query).json()["results"]  # the same FilterSet
    assert {row["name"] for row in rows} == found


def test_allocations_filter_on_part_of_the_place(login, broker_haarlem, places, enterprise_haarlem):
    from ecosystem import services_realestate as services

    services.allocate(property=places["noord"], space_request=f.space_request_of(enterprise_haarlem), rent=D(700),
                      by=broker_haarlem, procedure="exception", decided_by="College van B&W",
                      decision_date=dt.date(2026, 2, 1),
                      justification="Alleen deze ondernemer voldoet aan de eis van inzet in de wijk.")
    client = login(broker_haarlem)
    assert "Werkplaats Ripperda" in client.get("/ecosysteem/vastgoed/toewijzingen/", {"area": "noord"}).content.decode()
    assert "Werkplaats Ripperda" not in client.get("/ecosysteem/vastgoed/toewijzingen/",
                                                   {"area": "schalkwijk"}).content.decode()


@pytest.mark.parametrize("htmx", [False, True])
def test_an_invalid_minimum_floor_area_is_named_with_its_message(client, places, htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get(PROPERTIES, {"min_floor_area": "abc"}, **headers)
    body = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert 'id="filter-errors"' in body and "Minimaal m²: Voer een getal in." in body
    assert 'href="#id_min_floor_area"' in body
    assert "Niets gevonden met deze filters" not in body  # an error, not an empty result
    valid = client.get(PROPERTIES, {"min_floor_area": "50"}, **headers).content.decode()
    assert 'id="filter-errors"' not in valid and "Werkplaats Ripperda" in valid


def test_the_api_refuses_an_invalid_minimum_floor_area_with_a_field_error(api, places):
    response = api(None).get("/api/v1/ecosystem/properties/", {"min_floor_area": "abc"})
    assert response.status_code == 400 and "min_floor_area" in response.json()


# --- the desired start date ----------------------------------------------------------------------


def request_form(enterprise, start_date):
    return {"enterprise": enterprise.pk, "min_area": "50", "max_area": "100", "property_type": "workshop",
            "budget": "800", "area": "Centrum", "start_date": start_date, "purpose": "Werkplaats"}


def test_a_new_space_request_cannot_start_in_the_past(login, ondernemer_1, enterprise_haarlem):
    client = login(ondernemer_1)
    response = client.post("/ecosysteem/vastgoed/ruimtevragen/nieuw/", request_form(enterprise_haarlem, "2020-01-01"))
    assert response.status_code == 200 and not SpaceRequest.objects.exists()
    form = response.context["form"]
    assert list(form.errors) == ["start_date"]
    assert "in het verleden" in form.errors["start_date"][0]
    today = timezone.localdate().isoformat()
    response = client.post("/ecosysteem/vastgoed/ruimtevragen/nieuw/", request_form(enterprise_haarlem, today))
    assert response.status_code == 302 and SpaceRequest.objects.count() == 1


def test_the_api_refuses_a_past_start_date_on_creation(api, ondernemer_1, enterprise_haarlem):
    body = request_form(enterprise_haarlem, "2020-01-01")
    response = api(ondernemer_1).post("/api/v1/ecosystem/space-requests/", body, format="json")
    assert response.status_code == 400 and "start_date" in response.json()
    assert not SpaceRequest.objects.exists()


def test_an_old_request_still_saves_while_its_date_stays_the_same(api, ondernemer_1, enterprise_haarlem):
    old = f.space_request_of(enterprise_haarlem, start_date=dt.date(2020, 1, 1))  # filed when it was still ahead
    client = api(ondernemer_1)
    url = f"/api/v1/ecosystem/space-requests/{old.pk}/"
    response = client.patch(url, {"budget": "900", "start_date": "2020-01-01"}, format="json")
    assert response.status_code == 200, response.json()
    old.refresh_from_db()
    assert old.budget == D(900) and old.start_date == dt.date(2020, 1, 1)
    response = client.patch(url, {"start_date": "2020-02-01"}, format="json")  # another date in the past
    assert response.status_code == 400 and "start_date" in response.json()
    old.full_clean()  # the model's own check agrees: unchanged, it holds


# --- floor areas in the lists -------------------------------------------------------------------


def test_the_lists_write_floor_areas_as_the_detail_page(client, login, haarlem, ondernemer_1, enterprise_haarlem):
    prop = f.property_of(haarlem, name="Loods", floor_area=D("1234.5"))
    f.property_of(haarlem, name="Kantoor", floor_area=D(45))
    f.space_request_of(enterprise_haarlem, min_area=D(45), max_area=D("80.5"))
    page = client.get(PROPERTIES).content.decode()
    assert "1.234,5 m²" in page and "45 m²" in page and "45,0" not in page
    assert f"{prop.floor_area:f}".replace(".", ",") + " m²" not in page  # not "1234,5 m²"
    detail = client.get(prop.get_absolute_url()).content.decode()
    assert "1.234,5 m²" in detail
    requests = login(ondernemer_1).get("/ecosysteem/vastgoed/ruimtevragen/").content.decode()
    assert "45 m²" in requests and "80,5 m²" in requests and "45,0" not in requests
    client.cookies["django_language"] = "en"
    english = client.get(PROPERTIES).content.decode()
    assert "1,234.5 m²" in english and "45 m²" in english and "45.0" not in english


def test_the_matches_stack_on_a_phone_with_each_cell_labelled(login, haarlem, enterprise_haarlem, ondernemer_1):
    """At 390 px the reasons and "Interesse tonen" sat off-screen in a table that scrolled sideways:
    the table is a ``portal-stack`` (a block per property on phones, its cells labelled)."""
    f.property_of(haarlem, name="Werkplaats Ripperda")
    request_ = f.space_request_of(enterprise_haarlem)
    body = login(ondernemer_1).get(request_.get_absolute_url()).content.decode()
    matches = body.split('id="matches"')[0].rsplit("<div", 1)[1]
    assert 'class="portal-stack"' in matches and "portal-table-scroll" not in matches
    assert 'data-label="Score"' in body and 'data-label="Redenen"' in body and "Interesse tonen" in body
