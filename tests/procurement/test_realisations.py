"""Realisation lines: entry through the screen (fields by kind, errors from the service as
field errors), evidence, assessment (reason, double assessment, grants) and the side-by-side
comparison."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from enterprises.constants import AdmissionStatus
from procurement import services
from procurement.constants import BlockKind, RealisationStatus
from procurement.models import Contract
from tests.procurement import factories as pf

D = Decimal
pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def create_url(contract):
    return reverse("procurement:realisation-create", args=[contract.pk])


# --- entry form --------------------------------------------------------------------------------


def test_the_form_shows_only_the_fields_of_the_chosen_kind(login, broker_haarlem, contract):
    client = login(broker_haarlem)
    first = client.get(create_url(contract))
    assert set(first.context["form"].fields) == {"block"}
    placement = pf.block(contract, "participatiewet-kort")
    page = client.get(create_url(contract), {"block": placement.pk})
    assert set(page.context["form"].fields) == {"block", "date", "fte", "months", "bonuses", "candidate_ref",
                                                 "description", "evidence"}
    assert [b.code for b in page.context["form"].fields["bonuses"].queryset] == ["bonus-50-plus"]
    # Certificates and bonuses are never a line of their own.
    assert not page.context["form"].fields["block"].queryset.filter(kind__in=[BlockKind.BONUS,
                                                                             BlockKind.CERTIFICATE]).exists()
    purchase = pf.block(contract, "inkoop")
    page = client.get(create_url(contract), {"block": purchase.pk})
    assert {"amount", "seller"} <= set(page.context["form"].fields) and "fte" not in page.context["form"].fields


def test_placement_with_bonus_and_evidence_is_valued_on_entry(login, broker_haarlem, contract):
    client = login(broker_haarlem)
    placement, bonus = pf.block(contract, "participatiewet-kort"), pf.block(contract, "bonus-50-plus")
    response = client.post(create_url(contract), {
        "block": placement.pk, "date": "2025-03-01", "fte": "0.8", "months": "12", "bonuses": [bonus.pk],
        "candidate_ref": "KAND-014",
        "evidence": SimpleUploadedFile("contract.pdf", PDF, content_type="application/pdf")})
    assert response.status_code == 302
    line = contract.realisations.get()
    assert line.value == D("32000.00")  # (30,000 + 10,000) × 0.8 × 12/12
    assert "30.000" in line.explanations["nl"] and line.status == RealisationStatus.SUBMITTED
    contract.refresh_from_db()
    assert (contract.reported, contract.realised) == (D("32000.00"), D("0"))
    download = client.get(reverse("procurement:realisation-evidence", args=[line.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_missing_required_field_is_a_field_error(login, broker_haarlem, contract):
    block = pf.block(contract, "participatiewet-kort")
    response = login(broker_haarlem).post(create_url(contract), {"block": block.pk, "date": "2025-03-01",
                                                                 "months": "12"})
    assert response.status_code == 400 and "fte" in response.context["form"].errors
    assert not contract.realisations.exists()


@pytest.mark.parametrize("ref", ["123456789", "01-02-1990", "1990-02-01", "01021990", "Jan Jansen"])
def test_candidate_ref_that_identifies_a_person_is_refused(login, broker_haarlem, contract, ref):
    block = pf.block(contract, "participatiewet-kort")
    response = login(broker_haarlem).post(create_url(contract), {
        "block": block.pk, "date": "2025-03-01", "fte": "1", "months": "12", "candidate_ref": ref})
    assert response.status_code == 400 and "candidate_ref" in response.context["form"].errors
    assert not contract.realisations.exists()


def test_purchase_from_an_admitted_enterprise(login, broker_haarlem, contract, enterprise_amersfoort):
    enterprise_amersfoort.admission_status = AdmissionStatus.ADMITTED
    enterprise_amersfoort.save()
    block = pf.block(contract, "inkoop")
    response = login(broker_haarlem).post(create_url(contract), {
        "block": block.pk, "date": "2025-03-01", "amount": "2500",
        "seller": f"{enterprise_amersfoort.kvk_number} {enterprise_amersfoort.name}"})
    assert response.status_code == 302
    assert contract.realisations.get().value == D("2500.00")


def test_not_admitted_seller_is_a_field_error(login, broker_haarlem, contract, enterprise_amersfoort):
    block = pf.block(contract, "inkoop")
    response = login(broker_haarlem).post(create_url(contract), {
        "block": block.pk, "date": "2025-03-01", "amount": "2500", "seller": enterprise_amersfoort.kvk_number})
    assert response.status_code == 400 and "seller" in response.context["form"].errors


def test_bad_evidence_is_a_field_error(login, broker_haarlem, contract):
    block = pf.block(contract, "kennisuren")
    response = login(broker_haarlem).post(create_url(contract), {
        "block": block.pk, "date": "2025-03-01", "hours": "3",
        "evidence": SimpleUploadedFile("script.pdf", b"<script>alert(1)</script>", content_type="application/pdf")})
    assert response.status_code == 400 and "evidence" in response.context["form"].errors
    assert not contract.realisations.exists()


def test_block_of_another_rule_set_is_refused(login, broker_haarlem, contract, amersfoort):
    other = pf.rule_set(organisation=amersfoort, name="Amersfoort")
    response = login(broker_haarlem).post(create_url(contract), {
        "block": pf.block(other, "kennisuren").pk, "date": "2025-03-01", "hours": "3"})
    assert response.status_code == 400 and "block" in response.context["form"].errors


def test_closed_contract_takes_no_new_lines(login, broker_haarlem, contract):
    services.contract_close(contract=contract, by=broker_haarlem)
    response = login(broker_haarlem).get(create_url(contract))
    assert response.status_code == 302 and response.url == contract.get_absolute_url()


def test_colleague_may_read_but_not_report(login, inkoper_haarlem, contract):
    client = login(inkoper_haarlem)
    assert client.get(contract.get_absolute_url()).status_code == 200
    assert client.get(create_url(contract)).status_code == 403


# --- assessment -------------------------------------------------------------------------------


def assess_url(line):
    return reverse("procurement:realisation-assess", args=[line.pk])


def test_verify_counts_the_line_as_realised(login, broker_haarlem, contract):
    line = pf.realisation(contract, by=broker_haarlem, candidate_ref="KAND-1")
    response = login(broker_haarlem).post(assess_url(line), {"decision": "verify"})
    assert response.status_code == 302
    contract.refresh_from_db()
    line.refresh_from_db()
    assert line.status == RealisationStatus.VERIFIED and line.verified_by == broker_haarlem
    assert (contract.realised, contract.reported) == (D("30000.00"), D("0"))


def test_reject_needs_a_reason_and_is_shown_with_it(login, broker_haarlem, contract):
    line = pf.realisation(contract, by=broker_haarlem)
    client = login(broker_haarlem)
    response = client.post(assess_url(line), {"decision": "reject", "reason": "  "})
    assert response.status_code == 400 and "reason" in response.context["form"].errors
    line.refresh_from_db()
    assert line.status == RealisationStatus.SUBMITTED
    assert client.post(assess_url(line), {"decision": "reject", "reason": "Geen loonstrook"}).status_code == 302
    line.refresh_from_db()
    contract.refresh_from_db()
    assert (line.status, line.rejection_reason) == (RealisationStatus.REJECTED, "Geen loonstrook")
    assert contract.reported == D("0")
    assert "Geen loonstrook" in client.get(contract.get_absolute_url()).content.decode()


def test_a_second_assessment_is_refused(login, broker_haarlem, contract):
    line = pf.realisation(contract, by=broker_haarlem)
    client = login(broker_haarlem)
    client.post(assess_url(line), {"decision": "verify"})
    response = client.post(assess_url(line), {"decision": "reject", "reason": "Toch niet"})
    assert response.status_code == 400
    line.refresh_from_db()
    assert line.status == RealisationStatus.VERIFIED


def test_a_contract_with_lines_awaiting_assessment_does_not_close(login, broker_haarlem, contract):
    line = pf.realisation(contract, by=broker_haarlem)
    client = login(broker_haarlem)
    page = client.post(reverse("procurement:contract-close", args=[contract.pk]), follow=True)
    assert "nog 1 realisatie ter beoordeling" in page.content.decode()
    contract.refresh_from_db()
    assert contract.closed_at is None
    assert client.post(assess_url(line), {"decision": "reject", "reason": "Dubbel gemeld"}).status_code == 302
    services.contract_close(contract=contract, by=broker_haarlem)  # nothing waits any more
    contract.refresh_from_db()
    assert contract.closed_at is not None


def test_a_line_of_a_closed_contract_is_not_assessed(login, broker_haarlem, contract):
    # Closed before closing waited for the lines (or by hand): the line stays as it was closed.
    line = pf.realisation(contract, by=broker_haarlem)
    Contract.objects.filter(pk=contract.pk).update(closed_at=timezone.now())
    client = login(broker_haarlem)
    assert 'value="verify"' not in client.get(contract.get_absolute_url()).content.decode()
    assert client.get(reverse("procurement:realisation-detail", args=[line.pk])).context["may_verify"] is False
    response = client.post(assess_url(line), {"decision": "verify"})
    assert response.status_code == 400
    assert "Dit contract is afgesloten" in response.content.decode()
    line.refresh_from_db()
    contract.refresh_from_db()
    assert line.status == RealisationStatus.SUBMITTED and contract.realised == D("0")


def test_only_brokers_of_the_organisation_assess(login, contract, broker_haarlem, ondernemer_1, inkoper_haarlem,
                                                 broker_amersfoort):
    line = pf.realisation(contract, by=broker_haarlem)
    assert login(ondernemer_1).post(assess_url(line), {"decision": "verify"}).status_code == 403
    assert login(inkoper_haarlem).post(assess_url(line), {"decision": "verify"}).status_code == 403
    assert login(broker_amersfoort).post(assess_url(line), {"decision": "verify"}).status_code == 404
    line.refresh_from_db()
    assert line.status == RealisationStatus.SUBMITTED


def test_other_counts_only_once_approved(broker_haarlem, contract):
    line = pf.realisation(contract, "anders", amount=D("5000"), justification="Stageplekken voor mbo", by=broker_haarlem)
    assert line.value == D("0")
    services.realisation_assess(realisation=line, by=broker_haarlem, verify=True)
    line.refresh_from_db()
    contract.refresh_from_db()
    assert line.value == D("5000.00") and contract.realised == D("5000.00")


def test_assessment_locks_and_rechecks_the_grant(contract, broker_haarlem, ondernemer_1):
    line = pf.realisation(contract, by=broker_haarlem)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.realisation_assess(realisation=line, by=ondernemer_1, verify=True)
    services.realisation_assess(realisation=line, by=broker_haarlem, verify=True)
    with pytest.raises(ValidationError):
        services.realisation_assess(realisation=line, by=broker_haarlem, verify=False, reason="x")


# --- evidence ---------------------------------------------------------------------------------


def test_evidence_is_for_the_supplier_and_the_brokers(login, contract, broker_haarlem, ondernemer_1, ondernemer_2,
                                                      inkoper_haarlem):
    line = services.realisation_record(
        contract=contract, block=pf.block(contract, "kennisuren"), by=ondernemer_1,
        values={"date": dt.date(2025, 3, 1), "hours": D("4")},
        evidence=SimpleUploadedFile("uren.pdf", PDF, content_type="application/pdf"))
    url = reverse("procurement:realisation-evidence", args=[line.pk])
    assert login(ondernemer_1).get(url).status_code == 200
    assert login(broker_haarlem).get(url).status_code == 200
    assert login(inkoper_haarlem).get(url).status_code == 403
    assert login(ondernemer_2).get(url).status_code == 404


# --- side by side -------------------------------------------------------------------------------


def test_side_by_side_values_the_same_line_under_the_relevant_valid_rule_sets(login, broker_haarlem, contract,
                                                                             haarlem, amersfoort):
    utrecht_like = [
        ("participatiewet", BlockKind.PLACEMENT, "Participatiewet", D("40000"), {}),
        ("bonus-50-plus", BlockKind.BONUS, "50+", D("10000"), {}),
    ]
    pf.rule_set(organisation=haarlem, name="Tabel Haarlem", blocks=utrecht_like)
    pf.rule_set(organisation=haarlem, name="Alleen inkoop",
                blocks=[("inkoop", BlockKind.PURCHASE, "Inkoop", None, {"share": D("1")})])
    pf.rule_set(organisation=haarlem, name="Verlopen", valid_until=dt.date(2024, 12, 31))
    pf.rule_set(organisation=amersfoort, name="Tabel Amersfoort", blocks=utrecht_like)  # not Haarlem's
    line = pf.realisation(contract, by=broker_haarlem, fte=D("0.5"), months=D("6"),
                          bonuses=["bonus-50-plus"], candidate_ref="KAND-7")
    assert line.value == D("10000.00")  # (30,000 + 10,000) × 0.5 × 6/12
    page = login(broker_haarlem).get(reverse("procurement:realisation-detail", args=[line.pk]))
    rows = {r["rule_set"].name: r for r in page.context["side_by_side"]}
    # The expired one and the unrelated organisation's one are left out (the latter is counted).
    assert set(rows) == {"Regeling ZKIJ", "Tabel Haarlem", "Alleen inkoop"}
    assert page.context["side_by_side_left_out"] == 1
    assert rows["Regeling ZKIJ"]["own"] and rows["Regeling ZKIJ"]["result"].amount == D("10000.00")
    assert rows["Tabel Haarlem"]["result"].amount == D("12500.00")  # (40,000 + 10,000) × 0.5 × 6/12
    assert rows["Tabel Haarlem"]["difference"] == D("2500.00")
    assert rows["Alleen inkoop"]["result"] is None  # no placement block
    assert page.context["chart"]["values"][0] == 10000.0
    html = page.content.decode()
    assert 'id="side-by-side-table"' in html and 'id="side-by-side-data"' in html
    assert 'id="side-by-side-left-out"' in html


def test_side_by_side_leaves_out_unrelated_rule_sets_at_a_constant_query_count(login, broker_haarlem, contract,
                                                                                region, haarlem):
    """Nationally hundreds of rule sets are valid on a date: the comparison shows only the
    contract's own, its organisation's and its regions' ones, and says how many it left out."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests import factories as f

    pf.rule_set(region=region, name="Tweede regeling ZKIJ")
    line = pf.realisation(contract, by=broker_haarlem, fte=D("0.5"), months=D("6"), candidate_ref="KAND-8")
    client = login(broker_haarlem)
    url = reverse("procurement:realisation-detail", args=[line.pk])
    client.get(url)  # warm up (session, caches)
    with CaptureQueriesContext(connection) as before:
        page = client.get(url)
    assert [r["rule_set"].name for r in page.context["side_by_side"]] == ["Regeling ZKIJ", "Tweede regeling ZKIJ"]
    assert page.context["side_by_side_left_out"] == 0
    for n in range(20):
        other = f.OrganisationFactory(name=f"Gemeente Elders {n}")
        pf.rule_set(organisation=other, name=f"Regeling Elders {n}")
    with CaptureQueriesContext(connection) as after:
        page = client.get(url)
    assert [r["rule_set"].name for r in page.context["side_by_side"]] == ["Regeling ZKIJ", "Tweede regeling ZKIJ"]
    assert page.context["side_by_side_left_out"] == 20
    assert len(page.context["chart"]["values"]) == 2
    assert "20 andere regelingen" in page.content.decode()
    assert len(after) == len(before)


def test_side_by_side_own_row_is_the_stored_value_after_the_candidate_maximum(login, broker_haarlem, contract):
    pf.realisation(contract, by=broker_haarlem, months=D("18"), candidate_ref="KAND-9", date=dt.date(2025, 1, 1))
    later = pf.realisation(contract, by=broker_haarlem, months=D("12"), candidate_ref="KAND-9",
                           date=dt.date(2025, 2, 1))
    assert later.value == D("15000.00")  # only 6 of 12 months left under the 2-year maximum
    page = login(broker_haarlem).get(reverse("procurement:realisation-detail", args=[later.pk]))
    own = page.context["side_by_side"][0]
    assert own["own"] and own["result"].amount == D("15000.00") and own["difference"] == D("0")


def test_the_detail_writes_months_hours_and_fte_without_trailing_decimals(login, broker_haarlem, contract):
    """The page said "Maanden 10.00": a count of months (and hours, fte) is written as people
    write it, "10" and "0,5", in the page's language."""
    line = pf.realisation(contract, by=broker_haarlem, months=D("10"), fte=D("0.5"))
    page = login(broker_haarlem).get(reverse("procurement:realisation-detail", args=[line.pk])).content.decode()
    assert "<dd>10</dd>" in page and "<dd>0,5</dd>" in page and "10,00" not in page and "0,50" not in page
    hours = pf.realisation(contract, "kennisuren", by=broker_haarlem, hours=D("40"))
    page = login(broker_haarlem).get(reverse("procurement:realisation-detail", args=[hours.pk])).content.decode()
    assert "<dd>40</dd>" in page


@pytest.mark.parametrize(("ref", "identifying"), [
    ("JD01021990", True), ("KAND-19900201", True), ("JD-010290", True), ("01021990", True), ("290200", True),
    ("1990-02-01", True), ("123456789", True),
    ("KAND-014", False), ("SPA-001", False), ("N000123-01", False), ("KAND-HAA-1", False),
    ("K-320190", False),  # day 32: no date
    ("K-011390", False),  # month 13
    ("JD-1990", False),  # a year alone is no birth date
    ("A-2024-0001", False),
])
def test_a_code_with_a_birth_date_in_it_is_identifying(ref, identifying):
    assert services.looks_identifying(ref) is identifying


def test_a_placement_coded_with_initials_and_a_birth_date_is_refused(login, broker_haarlem, contract):
    block = pf.block(contract, "participatiewet-kort")
    response = login(broker_haarlem).post(create_url(contract), {
        "block": block.pk, "date": "2025-03-01", "fte": "1", "months": "12", "candidate_ref": "JD01021990"})
    assert response.status_code == 400 and "candidate_ref" in response.context["form"].errors
    assert not contract.realisations.exists()
