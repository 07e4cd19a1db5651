"""Dutch user walk 9, real estate: an allocation's rent is plausible (at most the property's market
rent, checked by ``services_realestate.allocate`` under its row lock, so the form and the API both
refuse € 99.999 for a unit of € 1.250), the rent field says what the market rent and the social
tariff are; an availability that ends before it starts is refused at "Beschikbaar tot en met",
worded with the fields' labels, in the model (form, admin and API alike)."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from ecosystem import services_realestate as services
from ecosystem.models import Allocation, Property
from tests import factories as f

pytestmark = pytest.mark.django_db

JUSTIFICATION = "Alleen deze ondernemer voldoet aan de eis van inzet in de wijk, dus er is één serieuze gegadigde."
TOO_HIGH = ("De afgesproken huur (€\u00a099.999,00) is hoger dan de markthuur van dit pand (€\u00a01.250,00 per "
            "maand). Vul een huur in van ten hoogste de markthuur.")
SOCIAL = "Het maatschappelijk tarief is €\u00a0850,00 per maand."
UNTIL_BEFORE_FROM = "'Beschikbaar tot en met' ligt vóór 'Beschikbaar vanaf'."


@pytest.fixture
def prop(haarlem):
    return f.property_of(haarlem, name="Werkplaats Zijlweg", market_rent=D("1250.00"), social_tariff=D("850.00"))


@pytest.fixture
def request_(enterprise_haarlem):
    return f.space_request_of(enterprise_haarlem)


def exception():
    return {"procedure": "exception", "justification": JUSTIFICATION, "decided_by": "College van B&W",
            "decision_date": dt.date(2026, 2, 1)}


def allocate(prop, request_, by, rent):
    return services.allocate(property=prop, space_request=request_, rent=rent, by=by, **exception())


# --- the rent of an allocation ---------------------------------------------------------------


def test_a_rent_above_the_market_rent_is_refused_on_its_field(prop, request_, broker_haarlem):
    with pytest.raises(ValidationError) as error:
        allocate(prop, request_, broker_haarlem, D("99999"))
    assert error.value.message_dict == {"rent": [f"{TOO_HIGH} {SOCIAL}"]}
    assert not Allocation.objects.exists()
    request_.refresh_from_db()
    assert request_.status == "open"


def test_the_market_rent_itself_and_less_are_plausible(prop, request_, broker_haarlem, enterprise_haarlem, haarlem):
    assert allocate(prop, request_, broker_haarlem, D("1250.00")).rent == D("1250.00")
    other = f.property_of(haarlem, name="Atelier", market_rent=D("1250.00"), social_tariff=D("850.00"))
    assert allocate(other, f.space_request_of(enterprise_haarlem), broker_haarlem, D(0)).rent == D(0)


def test_without_a_social_tariff_the_message_names_the_market_rent_only(haarlem, request_, broker_haarlem):
    prop = f.property_of(haarlem, market_rent=D("1250.00"), social_tariff=None)
    with pytest.raises(ValidationError) as error:
        allocate(prop, request_, broker_haarlem, D("99999"))
    assert error.value.message_dict == {"rent": [TOO_HIGH]}
    assert services.rent_help(prop) == ("Ten hoogste de markthuur. Pand haarlem: markthuur €\u00a01.250,00 per "
                                        "maand; er geldt geen maatschappelijk tarief.")


def test_the_rent_is_checked_against_the_locked_row(prop, request_, broker_haarlem):
    """The market rent lowered meanwhile counts, not the one of the object the caller holds."""
    Property.objects.filter(pk=prop.pk).update(market_rent=D("1000.00"), social_tariff=None)
    assert prop.market_rent == D("1250.00")  # the caller's copy is stale
    with pytest.raises(ValidationError) as error:
        allocate(prop, request_, broker_haarlem, D("1200"))
    assert "(€\u00a01.000,00 per maand)" in error.value.message_dict["rent"][0]
    assert not Allocation.objects.exists()


def test_the_form_refuses_the_walks_rent_at_the_field_and_says_the_rents(login, broker_haarlem, prop, request_):
    client = login(broker_haarlem)
    response = client.post(f"/ecosysteem/vastgoed/ruimtevragen/{request_.pk}/toewijzen/", {
        "allocate-property": prop.pk, "allocate-rent": "99999", "allocate-tenant_kind": "social",
        "allocate-procedure": "exception", "allocate-justification": JUSTIFICATION,
        "allocate-decided_by": "College van B&W", "allocate-decision_date": "2026-02-01"})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {"rent": [f"{TOO_HIGH} {SOCIAL}"]}
    page = response.content.decode()
    help_text = ("Ten hoogste de markthuur. Werkplaats Zijlweg: markthuur €\u00a01.250,00 per maand, "
                 "maatschappelijk tarief (de verlaagde huur) €\u00a0850,00 per maand.")
    assert f'<div class="utrecht-form-field-description" id="id_allocate-rent_helptext">{help_text}</div>' in page
    assert 'aria-describedby="id_allocate-rent_helptext id_allocate-rent_error"' in page
    assert not Allocation.objects.exists()


def test_the_space_requests_page_shows_the_chosen_propertys_rents_at_the_rent(login, broker_haarlem, prop,
                                                                              request_, haarlem):
    other = f.property_of(haarlem, name="Atelier Noord", market_rent=D("900.00"), social_tariff=None)
    client = login(broker_haarlem)
    page = client.get(f"{request_.get_absolute_url()}?property={other.pk}").content.decode()
    chosen = services.rent_help(other)
    assert f'id="id_allocate-rent_helptext">{chosen}</div>' in page
    # Each property to choose carries its own help: the page's script shows the one chosen.
    assert f'data-rent-help="{chosen}"' in page
    assert 'data-rent-help="Ten hoogste de markthuur. Werkplaats Zijlweg: markthuur' in page


def test_the_api_refuses_the_walks_rent_at_the_field(api, broker_haarlem, prop, request_):
    response = api(broker_haarlem).post("/api/v1/ecosystem/allocations/", {
        "property": prop.pk, "space_request": request_.pk, "rent": "99999", "procedure": "exception",
        "justification": JUSTIFICATION, "decided_by": "College", "decision_date": "2026-02-01"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"rent": [f"{TOO_HIGH} {SOCIAL}"]}
    assert not Allocation.objects.exists()


# --- the availability of a property ------------------------------------------------------------


def property_form(organisation, **values) -> dict:
    return {"organisation": organisation.pk, "name": "Kantoor Zijlweg", "address": "Zijlweg 1", "area": "Centrum",
            "property_type": "office", "floor_area": "60", "market_rent": "1000", "social_tariff": "500",
            "available_from": "2027-01-01", **values}


def test_an_availability_ending_before_it_starts_is_refused_at_its_field(login, vastgoed, haarlem):
    response = login(vastgoed).post("/ecosysteem/vastgoed/panden/nieuw/",
                                    property_form(haarlem, available_until="2026-12-31"))
    assert response.context["form"].errors == {"available_until": [UNTIL_BEFORE_FROM]}
    assert not Property.objects.exists()


def test_the_model_and_the_api_refuse_it_at_the_field_alike(api, vastgoed, haarlem):
    prop = f.property_of(haarlem, available_from=dt.date(2027, 1, 1))
    prop.available_until = dt.date(2026, 12, 31)
    with pytest.raises(ValidationError) as error:
        prop.full_clean()
    assert error.value.message_dict == {"available_until": [UNTIL_BEFORE_FROM]}
    prop.available_until = dt.date(2027, 1, 1)  # one day is a period
    prop.full_clean()
    response = api(vastgoed).post("/api/v1/ecosystem/properties/", {
        **property_form(haarlem), "organisation": haarlem.slug, "available_until": "2026-12-31"}, format="json")
    assert response.status_code == 400 and response.json() == {"available_until": [UNTIL_BEFORE_FROM]}
    # The database's own check says the same, should anything bypass the model's.
    constraint = next(c for c in Property._meta.constraints if c.name == "property_available_period")
    assert str(constraint.violation_error_message) == UNTIL_BEFORE_FROM




def test_a_space_requests_match_scores_read_as_percentages(login, haarlem, enterprise_haarlem, broker_haarlem):
    """The walk saw "1,000" on a space request and "0,90" on a contract's matches: both pages now
    write a match as a percentage (``impactportal.scores.score_percent``), in the table and in the
    allocation form's choice."""
    from tests.ecosystem.test_realestate_matches import make

    make(haarlem, 2)
    page = login(broker_haarlem).get(f.space_request_of(enterprise_haarlem).get_absolute_url()).content.decode()
    scores = re.findall(r'data-label="Score">([^<]*)</td>', page)
    assert scores and all(re.fullmatch(r"\d{1,3}(,\d)?%", score) for score in scores), scores
    assert re.search(r"<option [^>]*>Pand 0000 \(\d{1,3}(,\d)?%\)</option>", page)
