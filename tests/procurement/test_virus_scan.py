"""Procurement uploads are scanned by clamd when ``PORTAL_CLAMAV_URL`` is set (``tests/clamd.py``):
realisation evidence (new line, correction), purchase responses (screen, API, edit), challenge
submissions (screen, API) and the payments import (CSV and Excel)."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procurement.constants import ChallengePhase
from procurement.models import PaymentImport, PurchaseResponse, Realisation, Submission
from tests.clamd import EICAR, SCENARIOS, XLSX, check_entry_point, workbook

from . import factories as pf
from .builders_requests import admitted, challenge, purchase_request, response

pytestmark = pytest.mark.django_db


def _pdf(content, name="bewijs.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _with_evidence():
    return Realisation.objects.exclude(evidence="").count()


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_new_realisation_line(request, login, broker_haarlem, contract, scenario):
    client, block = login(broker_haarlem), pf.block(contract, "kennisuren")

    def send(content):
        return client.post(reverse("procurement:realisation-create", args=[contract.pk]), {
            "block": block.pk, "date": "2025-03-01", "hours": "3", "evidence": _pdf(content)})

    check_entry_point(request, scenario, send, _with_evidence, field="evidence")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_corrected_realisation_line(request, login, broker_haarlem, contract, scenario):
    line = pf.realisation(contract, by=broker_haarlem, fte=Decimal("1"), months=Decimal("12"),
                          candidate_ref="KAND-001")
    client = login(broker_haarlem)

    def send(content):
        return client.post(reverse("procurement:realisation-update", args=[line.pk]), {
            "date": "2025-03-01", "fte": "0.5", "months": "12", "candidate_ref": "KAND-001",
            "evidence": _pdf(content)})

    check_entry_point(request, scenario, send, _with_evidence, field="evidence")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_purchase_response_on_the_screen(request, login, haarlem, enterprise_haarlem, ondernemer_1, scenario):
    admitted(enterprise_haarlem)
    req, client = purchase_request(haarlem), login(ondernemer_1)

    def send(content):
        return client.post(reverse("procurement:request-respond", args=[req.pk]), {
            "enterprise": enterprise_haarlem.pk, "quote_amount": "1200.00", "message": "Graag",
            "attachment": _pdf(content, "offerte.pdf")})

    check_entry_point(request, scenario, send, PurchaseResponse.objects.count, field="attachment")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_purchase_response_through_the_api(request, api, haarlem, enterprise_haarlem, ondernemer_1, scenario):
    admitted(enterprise_haarlem)
    req, client = purchase_request(haarlem), api(ondernemer_1)

    def send(content):
        return client.post(f"/api/v1/procurement/requests/{req.pk}/responses/", {
            "enterprise": enterprise_haarlem.pk, "quote_amount": "1200.00", "attachment": _pdf(content, "offerte.pdf")},
            format="multipart")

    check_entry_point(request, scenario, send, PurchaseResponse.objects.count, field="attachment", api=True,
                      accepted=(201,))


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_edited_purchase_response(request, login, haarlem, enterprise_haarlem, ondernemer_1, scenario):
    admitted(enterprise_haarlem)
    resp, client = response(purchase_request(haarlem), enterprise_haarlem, by=ondernemer_1, attachment=False), \
        login(ondernemer_1)

    def send(content):
        return client.post(reverse("procurement:response-update", args=[resp.pk]), {
            "enterprise": enterprise_haarlem.pk, "quote_amount": "1100.00", "message": "Scherper",
            "attachment": _pdf(content, "offerte.pdf")})

    check_entry_point(request, scenario, send, PurchaseResponse.objects.exclude(attachment="").count,
                      field="attachment", refused=200)  # a generic update view


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_challenge_submission_on_the_screen(request, login, haarlem, enterprise_haarlem, ondernemer_1, scenario):
    c, client = challenge(haarlem, phase=ChallengePhase.SUBMISSIONS), login(ondernemer_1)

    def send(content):
        return client.post(reverse("procurement:challenge-submit", args=[c.pk]), {
            "enterprise": enterprise_haarlem.pk, "title": "Plan", "summary": "Zo doen we het",
            "attachment": _pdf(content, "plan.pdf")})

    check_entry_point(request, scenario, send, Submission.objects.count, field="attachment")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_challenge_submission_through_the_api(request, api, haarlem, enterprise_haarlem, ondernemer_1, scenario):
    c, client = challenge(haarlem, phase=ChallengePhase.SUBMISSIONS), api(ondernemer_1)

    def send(content):
        return client.post(f"/api/v1/procurement/challenges/{c.pk}/submissions/", {
            "enterprise": enterprise_haarlem.pk, "title": "Plan", "summary": "Zo doen we het",
            "attachment": _pdf(content, "plan.pdf")}, format="multipart")

    check_entry_point(request, scenario, send, Submission.objects.count, field="attachment", api=True,
                      accepted=(201,))


PAYMENTS = b"kvk-nummer;naam;datum;bedrag excl. btw;kostensoort\n12345678;Kantoorreus BV;15-03-2025;250,00;Kantoor\n"
PAYMENT_ROWS = (["kvk-nummer", "naam", "datum", "bedrag excl. btw", "kostensoort"],
                ["12345678", "Kantoorreus BV", "2025-03-15", 250, "Kantoor"])


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_payments_import(request, login, haarlem, broker_haarlem, kind, scenario):
    client = login(broker_haarlem)
    clean, infected = ((PAYMENTS, PAYMENTS + EICAR + b"\n") if kind == "csv"
                       else (workbook(*PAYMENT_ROWS), workbook(*PAYMENT_ROWS, infected=True)))

    def send(content):
        upload = SimpleUploadedFile(f"betalingen.{kind}", content, content_type="text/csv" if kind == "csv" else XLSX)
        return client.post(reverse("procurement:payment-import-create"), {"organisation": haarlem.pk, "file": upload})

    check_entry_point(request, scenario, send, PaymentImport.objects.count, field="file", clean=clean,
                      infected=infected, refused=200)  # a generic create view
