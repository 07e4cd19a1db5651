"""Outcome contracts end to end through services, API and screens: claims, verification (full,
partial, rejection), payment (caps, contract maximum, never twice), the statement, scoping and
the open-data export (no private value present)."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from financing import services_outcomes as services
from financing.models import ClaimStatus, FeasibilityCheck, OutcomeClaim, OutcomePayment

from . import outcome_factories as of

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def contract(haarlem, enterprise_haarlem):
    return of.contract(haarlem, enterprise_haarlem, maximum="30000.00")


@pytest.fixture
def metric(contract):
    return of.metric(contract, price="5000.00", target=10, cap="20000.00")


def submit(metric, by, count=4, start=dt.date(2025, 1, 1), end=dt.date(2025, 3, 31), **kwargs):
    return services.claim_submit(contract=metric.contract, metric=metric, period_start=start, period_end=end,
                                 claimed_count=count, by=by, **kwargs)


# --- claims -------------------------------------------------------------------------------


def test_entrepreneur_submits_a_claim_with_evidence(metric, ondernemer_1):
    pdf = SimpleUploadedFile("loonstroken.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    claim = submit(metric, ondernemer_1, evidence=pdf, note="Vier jongeren in vaste dienst")
    assert (claim.status, claim.claimed_count, claim.submitted_by) == (ClaimStatus.SUBMITTED, 4, ondernemer_1)
    assert claim.evidence.name.endswith(".pdf")


def test_double_submission_for_one_period_is_refused(metric, ondernemer_1, broker_haarlem):
    submit(metric, ondernemer_1)
    with pytest.raises(ValidationError) as error:
        submit(metric, broker_haarlem)
    assert "period_start" in error.value.message_dict
    assert OutcomeClaim.objects.count() == 1


def test_a_rejected_claim_may_be_submitted_again(metric, ondernemer_1, broker_haarlem):
    first = submit(metric, ondernemer_1)
    services.claim_verify(claim=first, by=broker_haarlem, accepted_count=0, reason="Geen bewijs")
    second = submit(metric, ondernemer_1, count=3)
    assert second.pk != first.pk


def test_claim_outside_the_contract_period_is_a_field_error(metric, ondernemer_1):
    with pytest.raises(ValidationError) as error:
        submit(metric, ondernemer_1, start=dt.date(2024, 1, 1), end=dt.date(2024, 3, 31))
    assert "period_start" in error.value.message_dict


def test_other_entrepreneur_cannot_claim(metric, ondernemer_2):
    with pytest.raises(Http404):
        submit(metric, ondernemer_2)


# --- verification -------------------------------------------------------------------------


def test_full_partial_and_rejected_verification(metric, ondernemer_1, broker_haarlem):
    claim = submit(metric, ondernemer_1, count=4)
    assert services.claim_verify(claim=claim, by=broker_haarlem, accepted_count=4).status == ClaimStatus.ACCEPTED
    claim = submit(metric, ondernemer_1, count=4, start=dt.date(2025, 4, 1), end=dt.date(2025, 6, 30))
    claim = services.claim_verify(claim=claim, by=broker_haarlem, accepted_count=3, reason="Eén zonder loonstrook")
    assert (claim.status, claim.accepted_count, claim.verified_by) == (ClaimStatus.PARTLY_ACCEPTED, 3, broker_haarlem)
    claim = submit(metric, ondernemer_1, count=2, start=dt.date(2025, 7, 1), end=dt.date(2025, 9, 30))
    claim = services.claim_verify(claim=claim, by=broker_haarlem, accepted_count=0, reason="Niet in de bijstand")
    assert (claim.status, claim.reason) == (ClaimStatus.REJECTED, "Niet in de bijstand")


@pytest.mark.parametrize(("accepted", "reason", "field"), [(5, "", "accepted_count"), (2, "", "reason"),
                                                           (0, " ", "reason")])
def test_bad_verification_is_a_field_error(metric, ondernemer_1, broker_haarlem, accepted, reason, field):
    claim = submit(metric, ondernemer_1, count=4)
    with pytest.raises(ValidationError) as error:
        services.claim_verify(claim=claim, by=broker_haarlem, accepted_count=accepted, reason=reason)
    assert field in error.value.message_dict
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_verification_happens_once_and_only_by_the_commissioners_broker(metric, ondernemer_1, broker_haarlem,
                                                                        broker_amersfoort):
    claim = submit(metric, ondernemer_1)
    with pytest.raises(PermissionDenied):
        services.claim_verify(claim=claim, by=ondernemer_1, accepted_count=4)
    with pytest.raises(Http404):
        services.claim_verify(claim=claim, by=broker_amersfoort, accepted_count=4)
    services.claim_verify(claim=claim, by=broker_haarlem, accepted_count=4)
    with pytest.raises(ValidationError):
        services.claim_verify(claim=claim, by=broker_haarlem, accepted_count=1, reason="Toch minder")


# --- payment ------------------------------------------------------------------------------


def verified(metric, by_entrepreneur, broker, count, accepted=None, month=1, reason=""):
    start = dt.date(2025, month, 1)
    claim = submit(metric, by_entrepreneur, count=count, start=start, end=start + dt.timedelta(days=27))
    return services.claim_verify(claim=claim, by=broker, accepted_count=count if accepted is None else accepted,
                                 reason=reason or ("Deels" if accepted not in (None, count) else ""))


def test_payment_is_verified_count_times_price(metric, ondernemer_1, broker_haarlem):
    claim = verified(metric, ondernemer_1, broker_haarlem, 4, accepted=3)
    payment, created = services.claim_pay(claim=claim, by=broker_haarlem)
    assert created
    assert (payment.count, payment.amount, payment.capped_by) == (3, D("15000.00"), "")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID


def test_payment_never_exceeds_the_metric_cap(metric, ondernemer_1, broker_haarlem):
    services.claim_pay(claim=verified(metric, ondernemer_1, broker_haarlem, 3), by=broker_haarlem)  # 15,000
    payment, _ = services.claim_pay(claim=verified(metric, ondernemer_1, broker_haarlem, 2, month=2),
                                    by=broker_haarlem)
    assert (payment.calculated, payment.amount, payment.capped_by) == (D("10000.00"), D("5000.00"), "metric_cap")
    assert sum(OutcomePayment.objects.values_list("amount", flat=True)) == D("20000.00")


def test_payment_never_exceeds_the_contract_maximum(contract, ondernemer_1, broker_haarlem):
    a = of.metric(contract, name="Uitstroom", price="5000.00")
    b = of.metric(contract, name="Startkwalificatie", price="2500.00")
    services.claim_pay(claim=verified(a, ondernemer_1, broker_haarlem, 5), by=broker_haarlem)  # 25,000
    payment, _ = services.claim_pay(claim=verified(b, ondernemer_1, broker_haarlem, 4), by=broker_haarlem)
    assert (payment.amount, payment.capped_by) == (D("5000.00"), "contract_maximum")
    payment, _ = services.claim_pay(claim=verified(b, ondernemer_1, broker_haarlem, 1, month=2), by=broker_haarlem)
    assert payment.amount == D("0.00")
    assert sum(OutcomePayment.objects.values_list("amount", flat=True)) == contract.maximum


def test_a_claim_is_never_paid_twice(metric, ondernemer_1, broker_haarlem):
    claim = verified(metric, ondernemer_1, broker_haarlem, 2)
    first, created = services.claim_pay(claim=claim, by=broker_haarlem)
    again, created_again = services.claim_pay(claim=claim, by=broker_haarlem)
    assert created and not created_again
    assert again.pk == first.pk
    assert OutcomePayment.objects.filter(claim=claim).count() == 1


def test_unverified_or_rejected_claims_are_not_paid(metric, ondernemer_1, broker_haarlem):
    claim = submit(metric, ondernemer_1)
    with pytest.raises(ValidationError):
        services.claim_pay(claim=claim, by=broker_haarlem)
    services.claim_verify(claim=claim, by=broker_haarlem, accepted_count=0, reason="Geen bewijs")
    with pytest.raises(ValidationError):
        services.claim_pay(claim=claim, by=broker_haarlem)
    assert not OutcomePayment.objects.exists()


def test_only_the_commissioners_broker_pays(metric, ondernemer_1, broker_haarlem, broker_amersfoort):
    claim = verified(metric, ondernemer_1, broker_haarlem, 2)
    with pytest.raises(PermissionDenied):
        services.claim_pay(claim=claim, by=ondernemer_1)
    with pytest.raises(Http404):
        services.claim_pay(claim=claim, by=broker_amersfoort)


def test_the_database_refuses_a_second_payment_row(metric, ondernemer_1, broker_haarlem):
    from django.db import IntegrityError, transaction

    claim = verified(metric, ondernemer_1, broker_haarlem, 2)
    payment, _ = services.claim_pay(claim=claim, by=broker_haarlem)
    with pytest.raises(IntegrityError), transaction.atomic():
        OutcomePayment.objects.create(claim=claim, contract=payment.contract, metric=payment.metric, count=2,
                                      price=payment.price, calculated=payment.calculated, amount=payment.amount,
                                      explanation="dubbel", paid_at=payment.paid_at)


# --- statement ----------------------------------------------------------------------------


def test_statement_targets_achieved_verified_paid(metric, ondernemer_1, broker_haarlem):
    services.claim_pay(claim=verified(metric, ondernemer_1, broker_haarlem, 4, accepted=3), by=broker_haarlem)
    verified(metric, ondernemer_1, broker_haarlem, 2, month=2)
    submit(metric, ondernemer_1, count=5, start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31))
    rejected = submit(metric, ondernemer_1, count=9, start=dt.date(2025, 4, 1), end=dt.date(2025, 4, 30))
    services.claim_verify(claim=rejected, by=broker_haarlem, accepted_count=0, reason="Geen bewijs")
    row = services.statement(metric.contract)["rows"][0]
    assert (row["target"], row["achieved"], row["verified"], row["paid_count"], row["paid"], row["open_claims"]) == (
        10, 11, 5, 3, D("15000.00"), 1)


# --- API ----------------------------------------------------------------------------------


def test_api_claim_verify_pay_journey(api, metric, ondernemer_1, broker_haarlem):
    url = reverse("financing-outcome-contracts-claims", args=[metric.contract.pk])
    response = api(ondernemer_1).post(url, {"metric": metric.pk, "period_start": "2025-01-01",
                                            "period_end": "2025-03-31", "claimed_count": 4}, format="json")
    assert response.status_code == 201, response.data
    claim_id = response.data["id"]
    response = api(ondernemer_1).post(url, {"metric": metric.pk, "period_start": "2025-01-01",
                                            "period_end": "2025-03-31", "claimed_count": 4}, format="json")
    assert response.status_code == 400 and "period_start" in response.data
    broker = api(broker_haarlem)
    response = broker.post(reverse("financing-claims-verify", args=[claim_id]), {"accepted_count": 3}, format="json")
    assert response.status_code == 400 and "reason" in response.data
    response = broker.post(reverse("financing-claims-verify", args=[claim_id]),
                           {"accepted_count": 3, "reason": "Eén zonder loonstrook"}, format="json")
    assert response.status_code == 200 and response.data["status"] == "partly"
    pay = reverse("financing-claims-pay", args=[claim_id])
    first = broker.post(pay)
    assert first.status_code == 201 and first.data["amount"] == "15000.00"
    second = broker.post(pay)
    assert second.status_code == 200 and second.data["id"] == first.data["id"]
    assert OutcomePayment.objects.count() == 1
    assert api(ondernemer_1).post(pay).status_code == 403
    payments = api(ondernemer_1).get(reverse("financing-payments-list")).data
    assert [p["id"] for p in payments["results"]] == [first.data["id"]]


def test_api_verify_bad_input_is_400_not_500(api, metric, ondernemer_1, broker_haarlem):
    claim = submit(metric, ondernemer_1)
    response = api(broker_haarlem).post(reverse("financing-claims-verify", args=[claim.pk]),
                                        {"accepted_count": "veel"}, format="json")
    assert response.status_code == 400 and "accepted_count" in response.data


def test_api_metrics_and_scoped_lists(api, metric, ondernemer_1, ondernemer_2, broker_amersfoort, stuurgroep):
    contract = metric.contract
    data = api(ondernemer_1).get(reverse("financing-outcome-contracts-metrics", args=[contract.pk])).data
    assert [m["name"] for m in data] == [metric.name] and data[0]["price"] == "5000.00"
    for user in (ondernemer_2, broker_amersfoort):
        assert api(user).get(reverse("financing-outcome-contracts-list")).data["count"] == 0
        assert api(user).get(reverse("financing-outcome-contracts-detail", args=[contract.pk])).status_code == 404
    submit(metric, ondernemer_1)
    assert api(stuurgroep).get(reverse("financing-claims-list")).data["count"] == 0
    assert api(ondernemer_1).get(reverse("financing-claims-list")).data["count"] == 1


def test_contract_list_has_a_constant_number_of_queries(api, login, haarlem, enterprise_haarlem, broker_haarlem,
                                                        django_assert_max_num_queries):
    for i in range(12):
        c = of.contract(haarlem, enterprise_haarlem, title=f"Contract {i}")
        m = of.metric(c)
        of.claim(m)
    with django_assert_max_num_queries(8):
        response = api(broker_haarlem).get(reverse("financing-outcome-contracts-list"))
    assert response.data["count"] == 12 and response.data["results"][0]["open_claims"] == 1
    client = login(broker_haarlem)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("financing:outcome-contract-list"))
    assert response.status_code == 200 and "Contract 11" in response.content.decode()


# --- screens ------------------------------------------------------------------------------


def test_screens_claim_verify_pay(login, metric, ondernemer_1, broker_haarlem):
    contract = metric.contract
    client = login(ondernemer_1)
    response = client.post(reverse("financing:claim-create", args=[contract.pk]), {
        "metric": metric.pk, "period_start": "2025-01-01", "period_end": "2025-03-31", "claimed_count": "4"})
    assert response.status_code == 302
    claim = OutcomeClaim.objects.get()
    bad = client.post(reverse("financing:claim-create", args=[contract.pk]), {
        "metric": metric.pk, "period_start": "2025-01-01", "period_end": "2025-03-31", "claimed_count": "2"})
    assert bad.status_code == 400 and "al een claim" in bad.content.decode()
    client = login(broker_haarlem)
    page = client.get(claim.get_absolute_url()).content.decode()
    assert 'id="verify"' in page
    assert client.post(reverse("financing:claim-verify", args=[claim.pk]),
                       {"accepted_count": "2", "reason": ""}).status_code == 400
    assert client.post(reverse("financing:claim-verify", args=[claim.pk]),
                       {"accepted_count": "4", "reason": ""}).status_code == 302
    assert client.post(reverse("financing:claim-pay", args=[claim.pk])).status_code == 302
    assert client.post(reverse("financing:claim-pay", args=[claim.pk])).status_code == 302
    assert OutcomePayment.objects.get().amount == D("20000.00")
    statement = client.get(reverse("financing:outcome-contract-statement", args=[contract.pk])).content.decode()
    assert "outcome-chart-data" in statement and "20.000,00" in statement


def test_feasibility_form_concludes(login, haarlem, broker_haarlem):
    client = login(broker_haarlem)
    answers = {"societal_case": "yes", "causal_link": "yes", "few_beneficiaries": "yes",
               "benefits_exceed_costs": "yes", "sufficient_scale": "no", "committed_parties": "unknown"}
    response = client.post(reverse("financing:feasibility-create"),
                           {"organisation": haarlem.pk, "title": "SIB jongeren Schalkwijk", **answers})
    assert response.status_code == 302, response.content.decode()[:2000]
    check = FeasibilityCheck.objects.get()
    assert check.conclusion == "explore" and len(check.reasons) == 2
    page = client.get(check.get_absolute_url()).content.decode()
    assert "samenwerking met andere gemeenten" in page


# --- open data ----------------------------------------------------------------------------

PRIVATE_NAMES = {"note", "reason", "evidence", "submitted_by", "verified_by", "paid_by", "created_by",
                 "explanation", "description"}


def _keys(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _keys(inner)


def _statuses(value):
    if isinstance(value, dict):
        if "status" in value and "source" in value:
            yield value["status"]
        for inner in value.values():
            yield from _statuses(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _statuses(inner)


def test_open_data_shape_without_private_values(api, client, metric, ondernemer_1, broker_haarlem, haarlem,
                                                enterprise_amersfoort, amersfoort):
    contract = metric.contract
    contract.is_published = True
    contract.save()
    of.bond(contract)
    claim = verified(metric, ondernemer_1, broker_haarlem, 4, accepted=3, reason="Een ontbrak: geheime reden")
    services.claim_pay(claim=claim, by=broker_haarlem)
    hidden = of.contract(amersfoort, enterprise_amersfoort, title="Niet gepubliceerd contract")
    secret_metric = of.metric(contract, name="Geheime prijs", price="1234.56", price_status="PRIVATE")

    response = api(None).get(reverse("financing-open-data-export"))
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= {"projects", "organisations", "outcome_metrics", "pricings", "payments", "investments"}
    assert [p["name"]["value"] for p in data["projects"]] == [contract.title]
    assert data["projects"][0]["type"]["value"] == "social impact bond"
    assert data["payments"][0]["amount"] == {"value": "15000.00", "source": data["payments"][0]["amount"]["source"],
                                             "status": "PUBLIC"}
    # Every value carries its source and a PUBLIC or DISPUTED status; PRIVATE never appears.
    assert set(_statuses(data)) <= {"PUBLIC", "DISPUTED"}
    assert not PRIVATE_NAMES & set(_keys(data))
    text = json.dumps(data)
    for secret in ("geheime reden", "1234.56", "400000", hidden.title, ondernemer_1.username,
                   broker_haarlem.username):
        assert secret not in text
    # The private investor is listed without its capital, terms and return; the public one with them.
    by_investor = {i["investor_id"]: i for i in data["investments"]}
    private, public = sorted(by_investor.values(), key=lambda i: "committed_capital" in i)
    assert not {"committed_capital", "repayment_terms", "return_if_targets_met_percent"} & set(private)
    assert public["committed_capital"]["value"] == "250000.00"
    pricing = next(p for p in data["pricings"] if p["outcome_metric_id"].endswith(f"-OM-{secret_metric.pk}"))
    assert "price_per_outcome" not in pricing

    download = client.get(reverse("financing:open-data-download"))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert json.loads(download.content)["projects"] == data["projects"]


def test_open_data_marks_disputed_values_and_skips_unpublished(api, metric):
    contract = metric.contract
    assert api(None).get(reverse("financing-open-data-export")).json()["projects"] == []
    contract.is_published = True
    contract.maximum_status = "DISPUTED"
    contract.save()
    project = api(None).get(reverse("financing-open-data-export")).json()["projects"][0]
    assert project["max_outcome_payment"] == {"value": "30000.00", "source": project["max_outcome_payment"]["source"],
                                              "status": "DISPUTED"}
    assert "uitkomstcontract" in project["max_outcome_payment"]["source"]
