"""The ecosystem after the second user review: only users who may share a bottleneck are asked to
share it, an allocation ends a property's availability (list, detail, matching, API), the
allocation form shows every error at once, a decision cannot lie after today, a social tariff
never exceeds the market rent, and the regional agreements are for brokers and colleagues only."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ecosystem import services_realestate as services
from ecosystem.models import Allocation, Bottleneck, Property, RegionalAgreement
from tests import factories as f
from tests.pages import NOT_FOR_YOUR_ROLE, text

pytestmark = pytest.mark.django_db
JUSTIFICATION = "Alleen deze ondernemer voldoet aan de eis van inzet in de wijk, dus er is één serieuze gegadigde."
PROPERTIES = "/ecosysteem/vastgoed/panden/"


# --- 1. sharing a bottleneck -------------------------------------------------------------------

BOTTLENECK = {"kind": "bottleneck", "title": "Huurcontract te kort voor investering",
              "description": "Ondernemers krijgen alleen tijdelijke huurcontracten.", "theme": "real_estate",
              "level": "municipality", "ministry": "", "affected_cases": "2", "affected_enterprises": "2"}


def test_a_colleague_who_may_not_share_is_told_who_can_instead_of_asked_to_share(login, vastgoed, haarlem,
                                                                                 programme):
    client = login(vastgoed)
    response = client.post("/ecosysteem/knelpunten/nieuw/", {**BOTTLENECK, "organisation": haarlem.pk},
                           follow=True)
    page = text(response)
    bottleneck = Bottleneck.objects.get()
    assert response.status_code == 200 and response.redirect_chain[-1][0] == bottleneck.get_absolute_url()
    assert "Deel het met de City Deal" not in page and 'id="share-form"' not in page
    assert "Een makelaar van Gemeente Haarlem kan het delen met de City Deal" in page  # the message
    assert 'id="not-shared"' in page and "Een makelaar van Gemeente Haarlem kan het delen" in \
        page.split('id="not-shared"')[1]
    assert client.get(f"/ecosysteem/knelpunten/{bottleneck.pk}/delen/").status_code in (403, 405)


def test_a_broker_who_may_share_is_still_asked_to_share(login, broker_haarlem, haarlem, programme):
    client = login(broker_haarlem)
    page = text(client.post("/ecosysteem/knelpunten/nieuw/", {**BOTTLENECK, "organisation": haarlem.pk},
                            follow=True))
    assert "Vastgelegd. Deel het met de City Deal" in page
    assert "Deel het met de City Deal om te horen" in page and 'id="share-form"' in page
    assert "Een makelaar van" not in page


# --- 2. an allocation ends availability --------------------------------------------------------


@pytest.fixture
def let(haarlem, enterprise_haarlem, broker_haarlem):
    """Two published properties of Haarlem; "Werkplaats Ripperda" is let to an enterprise."""
    let = f.property_of(haarlem, name="Werkplaats Ripperda", available_from=dt.date(2026, 1, 1))
    free = f.property_of(haarlem, name="Atelier Boerhaave")
    services.allocate(property=let, space_request=f.space_request_of(enterprise_haarlem), rent=D(700),
                      by=broker_haarlem, **exception_record(), start_date=dt.date(2026, 3, 1))
    return {"let": let, "free": free}


def exception_record(**kw):
    return {"procedure": "exception", "justification": JUSTIFICATION, "decided_by": "College van B&W",
            "decision_date": dt.date(2026, 2, 1), **kw}


def test_an_allocated_property_leaves_the_public_list_and_reads_allocated_for_its_owner(client, login, api, let,
                                                                                        broker_haarlem, vastgoed,
                                                                                        broker_amersfoort):
    public = text(client.get(PROPERTIES))
    assert "Atelier Boerhaave" in public and "Werkplaats Ripperda" not in public
    assert client.get(let["let"].get_absolute_url()).status_code == 404
    assert "Werkplaats Ripperda" not in text(login(broker_amersfoort).get(PROPERTIES))
    for owner in (broker_haarlem, vastgoed):
        page = text(login(owner).get(PROPERTIES))
        row = page.split("Werkplaats Ripperda")[1].split("</tr>")[0]
        assert "Toegewezen" in row and "01-01-2026" not in row
        free_row = page.split("Atelier Boerhaave")[1].split("</tr>")[0]
        assert "Toegewezen" not in free_row
        detail = text(login(owner).get(let["let"].get_absolute_url()))
        assert 'id="property-allocated"' in detail and "Toegewezen, met ingang van 01-03-2026" in detail
        assert "<dt>Beschikbaar</dt>" not in detail
    # The API: outsiders do not get it, the owner sees that it is allocated.
    rows = api(None).get("/api/v1/ecosystem/properties/").json()["results"]
    assert {row["name"] for row in rows} == {"Atelier Boerhaave"} and rows[0]["is_allocated"] is False
    assert api(None).get(f"/api/v1/ecosystem/properties/{let['let'].pk}/").status_code == 404
    owned = {row["name"]: row["is_allocated"]
             for row in api(broker_haarlem).get("/api/v1/ecosystem/properties/").json()["results"]}
    assert owned == {"Werkplaats Ripperda": True, "Atelier Boerhaave": False}
    detail = api(broker_haarlem).get(f"/api/v1/ecosystem/properties/{let['let'].pk}/").json()
    assert detail["is_allocated"] is True


def test_an_allocated_property_no_longer_matches_nor_takes_responses(login, api, let, enterprise_haarlem,
                                                                     broker_haarlem, ondernemer_1):
    request_ = f.space_request_of(enterprise_haarlem, purpose="Nog een werkplaats")
    for user in (broker_haarlem, ondernemer_1):
        assert [p.name for p, _m in services.matches_for(request_, user)] == ["Atelier Boerhaave"]
        rows = api(user).get(f"/api/v1/ecosystem/space-requests/{request_.pk}/matches/").json()
        assert [row["property"]["name"] for row in rows] == ["Atelier Boerhaave"]
    response = login(ondernemer_1).post(f"/ecosysteem/vastgoed/ruimtevragen/{request_.pk}/reageren/",
                                        {"property": let["let"].pk})
    assert response.status_code == 400 and not let["let"].responses.exists()


# --- 3 and 4. the allocation form: every error at once, no decision after today ------------------


@pytest.fixture
def open_request(haarlem, enterprise_haarlem):
    return f.property_of(haarlem), f.space_request_of(enterprise_haarlem)


def _post_allocate(client, prop, request_, **data):
    payload = {"allocate-property": prop.pk, "allocate-rent": "700", "allocate-tenant_kind": "social",
               **{f"allocate-{key}": value for key, value in data.items()}}
    return client.post(f"/ecosysteem/vastgoed/ruimtevragen/{request_.pk}/toewijzen/", payload)


def test_the_allocation_form_shows_every_error_at_once(login, vastgoed, open_request):
    prop, request_ = open_request
    response = _post_allocate(login(vastgoed), prop, request_, rent="-50", procedure="exception")
    errors = response.context["form"].errors
    assert response.status_code == 400 and not Allocation.objects.exists()
    assert {"rent", "justification", "decided_by", "decision_date"} <= set(errors)
    summary = text(response).split("data-error-summary")[1].split("</div>")[0]
    assert "volledige zin" in summary and "wie de uitzondering heeft besloten" in summary


def test_an_invalid_field_keeps_its_own_error(login, vastgoed, open_request):
    prop, request_ = open_request
    response = _post_allocate(login(vastgoed), prop, request_, procedure="exception", justification=JUSTIFICATION,
                              decided_by="Wethouder X", decision_date="geen datum")
    assert response.context["form"].errors["decision_date"] == ["Voer een geldige datum in."]


def test_a_decision_date_after_today_is_refused_with_a_field_error(login, api, vastgoed, open_request):
    prop, request_ = open_request
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = _post_allocate(login(vastgoed), prop, request_, procedure="exception", justification=JUSTIFICATION,
                              decided_by="Wethouder X", decision_date="2031-06-01")
    errors = response.context["form"].errors
    assert response.status_code == 400 and set(errors) == {"decision_date"}
    assert "na vandaag" in errors["decision_date"][0] and not Allocation.objects.exists()
    with pytest.raises(ValidationError) as error:
        services.allocate(property=prop, space_request=request_, rent=D(700), by=vastgoed,
                          **exception_record(decision_date=tomorrow))
    assert set(error.value.message_dict) == {"decision_date"}
    body = api(vastgoed).post("/api/v1/ecosystem/allocations/", {
        "property": prop.pk, "space_request": request_.pk, "rent": "700", "procedure": "exception",
        "justification": JUSTIFICATION, "decided_by": "Wethouder X", "decision_date": "2031-06-01"}, format="json")
    assert body.status_code == 400 and set(body.json()) == {"decision_date"}
    # A publication of an open procedure has happened too; today itself is fine.
    assert set(services.didam_errors(procedure="open", procedure_reference="HLM-1", publication_date=tomorrow,
                                     candidates=2)) == {"publication_date"}
    assert services.didam_errors(**exception_record(decision_date=timezone.localdate())) == {}
    allocation = services.allocate(property=prop, space_request=request_, rent=D(700), by=vastgoed,
                                   **exception_record(decision_date=timezone.localdate()))
    assert allocation.decision_date == timezone.localdate()


# --- 5. the social tariff is not above the market rent -----------------------------------------


def property_form(organisation, **values):
    return {"organisation": organisation.pk, "name": "Kantoor Zijlweg", "address": "Zijlweg 1", "area": "Centrum",
            "property_type": "office", "floor_area": "60", "market_rent": "1000", "social_tariff": "5000",
            "available_from": "2027-01-01", **values}


def test_a_social_tariff_above_the_market_rent_is_refused_on_its_field(login, api, vastgoed, haarlem):
    response = login(vastgoed).post("/ecosysteem/vastgoed/panden/nieuw/", property_form(haarlem))
    errors = response.context["form"].errors
    assert response.status_code in (200, 400) and set(errors) == {"social_tariff"}
    assert "hoger dan de markthuur" in errors["social_tariff"][0] and not Property.objects.exists()
    body = api(vastgoed).post("/api/v1/ecosystem/properties/", {
        **property_form(haarlem), "organisation": haarlem.slug}, format="json")
    assert body.status_code == 400 and set(body.json()) == {"social_tariff"}
    prop = f.property_of(haarlem)  # market rent 1500
    prop.social_tariff = D("1500.01")
    with pytest.raises(ValidationError) as error:
        prop.full_clean()
    assert set(error.value.message_dict) == {"social_tariff"}
    prop.social_tariff = D("1500.00")  # equal is allowed, and so is none
    prop.full_clean()
    prop.social_tariff = None
    prop.full_clean()
    prop.save()
    patch = api(vastgoed).patch(f"/api/v1/ecosystem/properties/{prop.pk}/", {"market_rent": "100"}, format="json")
    assert patch.status_code == 200  # no social tariff: any market rent
    prop.refresh_from_db()
    prop.social_tariff = D(80)
    prop.save()
    patch = api(vastgoed).patch(f"/api/v1/ecosystem/properties/{prop.pk}/", {"market_rent": "50"}, format="json")
    assert patch.status_code == 400 and set(patch.json()) == {"social_tariff"}


# --- 6. regional agreements ---------------------------------------------------------------------


def test_regional_agreements_are_for_brokers_and_colleagues_others_get_a_403(login, region, haarlem, vastgoed,
                                                                           broker_haarlem, ondernemer_1, stuurgroep):
    RegionalAgreement.objects.create(region=region, title="Eén set SROI-regels")
    RegionalAgreement.objects.create(region=region, title="Gezamenlijke inkoopagenda")
    for reader in (vastgoed, broker_haarlem):
        page = text(login(reader).get("/ecosysteem/regionale-afspraken/"))
        assert "Eén set SROI-regels" in page and "Gezamenlijke inkoopagenda" in page
    partner = f.partner(haarlem, f.partner_organisation())
    for outsider in (partner, ondernemer_1, stuurgroep):
        response = login(outsider).get("/ecosysteem/regionale-afspraken/")
        assert response.status_code == 403
        assert NOT_FOR_YOUR_ROLE in text(response)
        assert "Er zijn nog geen regionale afspraken" not in text(response)
