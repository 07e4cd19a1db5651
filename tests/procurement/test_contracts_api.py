"""The contracts and realisations API: create/update through the service, decimals as strings,
realisation lines with 400 field errors, assessment actions, scoping and query counts."""

import datetime as dt
from decimal import Decimal

import pytest

from procurement.constants import RealisationStatus
from procurement.models import Contract
from tests.procurement import factories as pf

D = Decimal
pytestmark = pytest.mark.django_db
CONTRACTS = "/api/v1/procurement/contracts/"
REALISATIONS = "/api/v1/procurement/realisations/"


def lines_url(contract):
    return f"{CONTRACTS}{contract.pk}/realisations/"


def test_create_with_the_default_rule_set(api, broker_haarlem, zkij_rules, enterprise_haarlem):
    response = api(broker_haarlem).post(CONTRACTS, {
        "organisation": "haarlem", "title": "ICT-beheer", "value": "250000.00", "award_date": "2025-01-01",
        "end_date": "2026-12-31", "supplier": enterprise_haarlem.pk}, format="json")
    assert response.status_code == 201, response.data
    data = response.data
    assert data["rule_set"] == zkij_rules.pk and data["obligation"] == "12500.00"
    assert data["realised"] == "0.00" and data["remaining"] == "12500.00" and data["status"]
    assert data["supplier_name"] == enterprise_haarlem.name and "12.500" in data["obligation_explanation"]


def test_create_with_an_explicit_rule_set_and_a_named_supplier(api, broker_haarlem, haarlem, zkij_rules):
    own = pf.rule_set(organisation=haarlem, name="Haarlem", percentage=D("2.00"))
    response = api(broker_haarlem).post(CONTRACTS, {
        "organisation": "haarlem", "title": "Catering", "value": "100000", "award_date": "2025-01-01",
        "end_date": "2025-12-31", "supplier_name": "Catering Kennemerland BV", "rule_set": own.pk}, format="json")
    assert response.status_code == 201 and response.data["obligation"] == "2000.00"


@pytest.mark.parametrize(("body", "field"), [
    ({"organisation": "nergens"}, "organisation"),  # no such organisation (another one's: 403, authority tests)
    ({"end_date": "2024-12-31"}, "end_date"),
    ({"supplier_name": ""}, "supplier_name"),
    ({"value": "-1"}, "value"),
])
def test_create_bad_input_is_a_400_with_field_errors(api, broker_haarlem, zkij_rules, body, field):
    payload = {"organisation": "haarlem", "title": "Catering", "value": "100000", "award_date": "2025-01-01",
               "end_date": "2025-12-31", "supplier_name": "Catering BV", **body}
    response = api(broker_haarlem).post(CONTRACTS, payload, format="json")
    assert response.status_code == 400 and field in response.data, response.data
    assert not Contract.objects.exists()


def test_entrepreneurs_cannot_create(api, ondernemer_1, zkij_rules):
    response = api(ondernemer_1).post(CONTRACTS, {
        "organisation": "haarlem", "title": "X", "value": "1", "award_date": "2025-01-01", "end_date": "2025-12-31",
        "supplier_name": "X"}, format="json")
    assert response.status_code == 403  # Haarlem is visible: not allowed, decided before the body


def test_update_cannot_change_the_rule_set(api, broker_haarlem, contract, haarlem):
    other = pf.rule_set(organisation=haarlem, name="Nieuw")
    response = api(broker_haarlem).patch(f"{CONTRACTS}{contract.pk}/", {"rule_set": other.pk}, format="json")
    assert response.status_code == 400 and "rule_set" in response.data
    response = api(broker_haarlem).patch(f"{CONTRACTS}{contract.pk}/", {"value": "2000000"}, format="json")
    assert response.status_code == 200 and response.data["obligation"] == "100000.00"


def test_list_is_scoped_and_filtered(api, contract, broker_amersfoort, ondernemer_1, ondernemer_2, broker_haarlem):
    assert api(broker_amersfoort).get(CONTRACTS).data["count"] == 0
    assert api(ondernemer_1).get(CONTRACTS).data["count"] == 1  # the supplier's entrepreneur
    assert api(ondernemer_2).get(CONTRACTS).data["count"] == 0
    assert api(broker_haarlem).get(CONTRACTS, {"status": "closed"}).data["count"] == 0
    assert api(broker_haarlem).get(CONTRACTS, {"q": "stadhuis"}).data["count"] == 1
    anonymous = api().get(CONTRACTS)  # no credentials: 401 and how to authenticate, not an empty list
    assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"].startswith("Token")


def test_list_query_count_is_constant(api, broker_haarlem, haarlem, zkij_rules, django_assert_max_num_queries):
    client = api(broker_haarlem)
    pf.contract(organisation=haarlem, by=broker_haarlem)
    with django_assert_max_num_queries(10) as few:
        client.get(CONTRACTS)
    for n in range(12):
        pf.contract(organisation=haarlem, by=broker_haarlem, title=f"Contract {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(CONTRACTS).data["count"] == 13


# --- realisation lines ---------------------------------------------------------------------------


def test_post_a_placement_line_with_a_bonus(api, ondernemer_1, contract):
    response = api(ondernemer_1).post(lines_url(contract), {
        "block": "participatiewet-kort", "date": "2025-03-01", "fte": "0.8", "months": "12",
        "bonuses": ["bonus-50-plus"], "candidate_ref": "KAND-014"}, format="json")
    assert response.status_code == 201, response.data
    assert response.data["value"] == "32000.00" and response.data["bonuses"] == ["bonus-50-plus"]
    assert "€\u00a030.000" in response.data["explanation"] and response.data["status"] == "submitted"
    listed = api(ondernemer_1).get(lines_url(contract)).data
    assert listed["count"] == 1 and listed["results"][0]["value"] == "32000.00"


def test_post_a_purchase_from_a_seller(api, broker_haarlem, contract, enterprise_amersfoort):
    from enterprises.constants import AdmissionStatus

    enterprise_amersfoort.admission_status = AdmissionStatus.ADMITTED
    enterprise_amersfoort.save()
    response = api(broker_haarlem).post(lines_url(contract), {
        "block": "inkoop", "date": "2025-03-01", "amount": "1234.56", "seller": enterprise_amersfoort.pk},
        format="json")
    assert response.status_code == 201 and response.data["value"] == "1234.56"


@pytest.mark.parametrize(("body", "field"), [
    ({"block": "bestaat-niet", "hours": "3"}, "block"),
    ({"block": "pso"}, "block"),  # a certificate block is not a line
    ({"block": "kennisuren", "hours": "3", "fte": "1"}, "fte"),  # hours do not take fte
    ({"block": "kennisuren", "hours": "3", "bonuses": ["bonus-50-plus"]}, "bonuses"),
    ({"block": "kennisuren"}, "hours"),  # required for its kind
    ({"block": "participatiewet-kort", "fte": "1", "months": "12", "bonuses": ["onbekend"]}, "bonuses"),
    ({"block": "participatiewet-kort", "fte": "1", "months": "12", "candidate_ref": "123456789"}, "candidate_ref"),
    ({"block": "participatiewet-kort", "fte": "1", "months": "12", "candidate_ref": "1990-02-01"}, "candidate_ref"),
    ({"block": "participatiewet-kort", "fte": "1", "months": "12", "candidate_ref": "12-03-1985"}, "candidate_ref"),
    ({"block": "inkoop", "amount": "10", "seller": 999999}, "seller"),
    ({"block": "kennisuren", "hours": "abc"}, "hours"),
])
def test_bad_lines_are_400_with_field_errors(api, broker_haarlem, contract, body, field):
    response = api(broker_haarlem).post(lines_url(contract), {"date": "2025-03-01", **body}, format="json")
    assert response.status_code == 400 and field in response.data, response.data
    assert not contract.realisations.exists()


def test_a_block_of_another_rule_set_is_a_400(api, broker_haarlem, contract, amersfoort):
    pf.rule_set(organisation=amersfoort, name="Amersfoort",
                blocks=[("alleen-daar", "hours", "Uren", D("80"), {})])
    response = api(broker_haarlem).post(lines_url(contract), {"date": "2025-03-01", "block": "alleen-daar",
                                                              "hours": "2"}, format="json")
    assert response.status_code == 400 and "block" in response.data


def test_reporting_needs_the_report_grant(api, contract, inkoper_haarlem, ondernemer_2, broker_amersfoort):
    body = {"block": "kennisuren", "date": "2025-03-01", "hours": "3"}
    assert api(inkoper_haarlem).post(lines_url(contract), body, format="json").status_code == 403
    assert api(ondernemer_2).post(lines_url(contract), body, format="json").status_code == 404
    assert api(broker_amersfoort).post(lines_url(contract), body, format="json").status_code == 404
    assert api().post(lines_url(contract), body, format="json").status_code == 401
    assert not contract.realisations.exists()


# --- assessment ----------------------------------------------------------------------------------


def test_verify_and_reject(api, broker_haarlem, ondernemer_1, contract):
    first = pf.realisation(contract, by=ondernemer_1, candidate_ref="KAND-1")
    second = pf.realisation(contract, "kennisuren", hours=D("5"), by=ondernemer_1)
    assert api(ondernemer_1).post(f"{REALISATIONS}{first.pk}/verify/").status_code == 403
    response = api(broker_haarlem).post(f"{REALISATIONS}{first.pk}/verify/")
    assert response.status_code == 200 and response.data["status"] == RealisationStatus.VERIFIED
    assert api(broker_haarlem).post(f"{REALISATIONS}{first.pk}/verify/").status_code == 400  # already assessed
    response = api(broker_haarlem).post(f"{REALISATIONS}{second.pk}/reject/", {"reason": ""}, format="json")
    assert response.status_code == 400 and "reason" in response.data
    response = api(broker_haarlem).post(f"{REALISATIONS}{second.pk}/reject/", {"reason": "Geen urenstaat"},
                                        format="json")
    assert response.status_code == 200 and response.data["rejection_reason"] == "Geen urenstaat"
    data = api(broker_haarlem).get(f"{CONTRACTS}{contract.pk}/").data
    assert (data["realised"], data["reported"], data["remaining"]) == ("30000.00", "0.00", "20000.00")


def test_close_and_invite_actions(api, broker_haarlem, inkoper_haarlem, contract):
    url = f"{CONTRACTS}{contract.pk}/invite/"
    assert api(inkoper_haarlem).post(url, {"name": "A B", "email": "a@example.org"}, format="json").status_code == 403
    response = api(broker_haarlem).post(url, {"name": "A B", "email": "a@example.org"}, format="json")
    assert response.status_code == 200 and contract.contacts.get().user.email == "a@example.org"
    response = api(broker_haarlem).post(f"{CONTRACTS}{contract.pk}/close/")
    assert response.status_code == 200 and response.data["status"] == "closed"


def test_close_waits_for_the_lines_awaiting_assessment(api, broker_haarlem, contract):
    line = pf.realisation(contract, by=broker_haarlem)
    client = api(broker_haarlem)
    response = client.post(f"{CONTRACTS}{contract.pk}/close/")
    assert response.status_code == 400 and "ter beoordeling" in str(response.data)
    assert client.post(f"{REALISATIONS}{line.pk}/verify/").status_code == 200
    assert client.post(f"{CONTRACTS}{contract.pk}/close/").status_code == 200


def test_realisation_list_query_count_is_constant(api, broker_haarlem, contract, django_assert_max_num_queries):
    client = api(broker_haarlem)
    pf.realisation(contract, by=broker_haarlem, bonuses=["bonus-50-plus"])
    with django_assert_max_num_queries(10) as few:
        client.get(REALISATIONS)
        client.get(lines_url(contract))
    for n in range(8):
        pf.realisation(contract, by=broker_haarlem, bonuses=["bonus-50-plus"], date=dt.date(2025, 3, n + 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(REALISATIONS).data["count"] == 9
        assert client.get(lines_url(contract)).data["count"] == 9


def test_a_closed_contract_takes_no_lines(api, broker_haarlem, ondernemer_1, contract):
    api(broker_haarlem).post(f"{CONTRACTS}{contract.pk}/close/")
    response = api(ondernemer_1).post(lines_url(contract), {"block": "kennisuren", "date": "2025-03-01",
                                                            "hours": "3"}, format="json")
    assert response.status_code == 400 and not contract.realisations.exists()
