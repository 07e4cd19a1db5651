"""Review 13 of social return: the candidate maximum across lines, a contract edit that does not
overwrite the totals a verification wrote, and the figures page's chart counting as its tiles."""

import datetime as dt
from decimal import Decimal

import pytest

from procurement import services
from procurement.constants import RealisationStatus
from tests.procurement import factories as pf

D = Decimal
pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 6, 1)


def _line(contract, broker, months, day, ref="KAND-21"):
    return pf.realisation(contract, by=broker, months=D(months), candidate_ref=ref, date=day, today=TODAY)


def _values(contract, ref="KAND-21"):
    return [line.value for line in contract.realisations.filter(candidate_ref=ref).order_by("date", "id")]


# --- the candidate maximum (participatiewet-kort: € 30.000 a year, at most 2 years) --------------


def test_a_line_dated_before_earlier_entries_moves_the_maximum_to_the_later_lines(broker_haarlem, contract):
    """Two lines of 12 months, then a third dated before them: 36 months counted under a
    two-year maximum, as the later lines kept their value."""
    _line(contract, broker_haarlem, "12", dt.date(2025, 3, 1))
    _line(contract, broker_haarlem, "12", dt.date(2025, 4, 1))
    _line(contract, broker_haarlem, "12", dt.date(2025, 1, 15))
    assert _values(contract) == [D("30000.00"), D("30000.00"), D("0.00")]
    assert sum(_values(contract)) == D("60000.00")  # 24 months, not 36
    contract.refresh_from_db()
    assert contract.reported == D("60000.00")


def test_rejecting_a_line_gives_its_months_back_to_the_later_lines(broker_haarlem, contract):
    first = _line(contract, broker_haarlem, "18", dt.date(2025, 1, 1))
    later = _line(contract, broker_haarlem, "12", dt.date(2025, 2, 1))
    assert later.value == D("15000.00")
    services.realisation_assess(realisation=first, by=broker_haarlem, verify=False, reason="Geen contract",
                                today=TODAY)
    later.refresh_from_db()
    assert later.value == D("30000.00")
    assert "30.000,00" in later.explanations["nl"]


def test_correcting_a_line_revalues_the_later_lines_of_the_candidate(broker_haarlem, contract):
    first = _line(contract, broker_haarlem, "18", dt.date(2025, 1, 1))
    later = _line(contract, broker_haarlem, "12", dt.date(2025, 2, 1))
    services.realisation_update(realisation=first, by=broker_haarlem, values={"months": D("6")}, today=TODAY)
    later.refresh_from_db()
    assert later.value == D("30000.00")
    # Another candidate code on the corrected line: the old candidate's later line counts in full.
    services.realisation_update(realisation=later, by=broker_haarlem, values={"months": D("24")}, today=TODAY)
    later.refresh_from_db()
    assert later.value == D("45000.00")  # 18 of 24 months after the 6 of the first line
    services.realisation_update(realisation=first, by=broker_haarlem, values={"candidate_ref": "KAND-22"},
                                today=TODAY)
    later.refresh_from_db()
    assert later.value == D("60000.00")
    assert later.status == RealisationStatus.SUBMITTED


# --- a contract edit and a verification at the same time ----------------------------------------


def test_saving_a_contract_read_before_a_verification_keeps_the_verified_total(broker_haarlem, contract):
    line = _line(contract, broker_haarlem, "12", dt.date(2025, 3, 1))
    stale = type(contract).objects.get(pk=contract.pk)  # the edit form's copy
    services.realisation_assess(realisation=line, by=broker_haarlem, verify=True, today=TODAY)
    stale.title = "Schoonmaak stadhuis en stadskantoor"
    services.contract_save(contract=stale, by=broker_haarlem, today=TODAY)
    contract.refresh_from_db()
    assert contract.title == "Schoonmaak stadhuis en stadskantoor"
    assert (contract.realised, contract.reported) == (D("30000.00"), D("0.00"))


# --- the figures page: the chart counts as the tiles ------------------------------------------------


def _work_line(contract, months, day, broker, today):
    line = pf.realisation(contract, "werkervaringsplek", by=broker, months=D(months), date=day, today=today)
    return services.realisation_assess(realisation=line, by=broker, verify=True, today=today)


@pytest.fixture
def two_years(haarlem, broker_haarlem):
    """A contract of 2024-2025 with € 1.500 verified in 2024 and € 750 in 2025, and a contract
    below the threshold (no obligation) with € 3.000 verified in 2025."""
    from procurement.views.figures import _chart, figures_rows

    pf.rule_set(organisation=haarlem, name="Regeling Haarlem", threshold=D("100000"))
    owing = pf.contract(organisation=haarlem, by=broker_haarlem, award_date=dt.date(2024, 1, 1),
                        end_date=dt.date(2025, 12, 31), today=dt.date(2024, 6, 1))
    small = pf.contract(organisation=haarlem, by=broker_haarlem, title="Klein", value=D("50000"),
                        award_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 12, 31), today=TODAY)
    assert small.obligation == 0
    _work_line(owing, "2", dt.date(2024, 5, 1), broker_haarlem, dt.date(2024, 6, 1))
    _work_line(owing, "1", dt.date(2025, 3, 1), broker_haarlem, TODAY)
    _work_line(small, "4", dt.date(2025, 3, 1), broker_haarlem, TODAY)
    return _chart, figures_rows


def test_the_cumulative_line_ends_on_the_realised_to_date_tile(two_years, broker_haarlem, haarlem):
    from procurement import figures

    _chart, figures_rows = two_years
    result = figures.figures_for(broker_haarlem, haarlem, 2025)
    tiles = {fig.key: fig.value for fig in result.tiles}
    assert tiles["realised_to_date"] == D("2250.00") and tiles["obligation"] == D("50000.00")
    # The year's part of it: the lines of the same contracts (not of one that owes nothing).
    assert tiles["realised"] == D("750.00")
    cumulative = [p["realised_cumulative"] for p in result.periods]
    assert cumulative[0] == D("1500.00") and cumulative[2] == cumulative[-1] == tiles["realised_to_date"]
    line = next(d for d in _chart(result)["data"]["datasets"] if d["type"] == "line" and d["borderColor"] == "#0b3d91")
    assert line["data"][-1] == 2250.0
    rows = [row for row in figures_rows(result) if row[5] == "Gerealiseerd, opgeteld (ook eerdere jaren)"]
    assert rows[-1][6] == D("2250.00") and rows[-1][9] == figures.Source.TO_DATE


def test_the_dashboard_counts_the_years_part_of_the_same_contracts(two_years, broker_haarlem, haarlem):
    from procurement import figures

    summary = figures.dashboard_summary(broker_haarlem, haarlem, 2025)
    assert (summary["realised_to_date"], summary["realised"]) == (D("2250.00"), D("750.00"))


# --- challenges: the prize goes to a finalist ---------------------------------------------------------


def test_a_submission_left_out_in_the_selection_gets_no_prize(haarlem, enterprise_haarlem, enterprise_amersfoort,
                                                              broker_haarlem):
    from django.core.exceptions import ValidationError

    from procurement import services_challenges
    from procurement.constants import ChallengePhase
    from procurement.models import Award

    from .builders_requests import challenge, submission

    c = challenge(haarlem, phase=ChallengePhase.SELECTION)
    finalist, left_out = submission(c, enterprise_haarlem), submission(c, enterprise_amersfoort, title="Ander plan")
    services_challenges.submission_select(submission=finalist, by=broker_haarlem, selected=True)
    services_challenges.submission_select(submission=left_out, by=broker_haarlem, selected=False)
    c.phase = ChallengePhase.FINAL
    c.save(update_fields=["phase"])
    with pytest.raises(ValidationError) as refused:
        services_challenges.challenge_award(challenge=c, submission=left_out, amount=D("1000"), by=broker_haarlem)
    assert "submission" in refused.value.error_dict and not Award.objects.exists()
    services_challenges.challenge_award(challenge=c, submission=finalist, amount=D("1000"), by=broker_haarlem)
    assert Award.objects.count() == 1


# --- payments: the import task run twice (a retry after its commit) adds nothing twice ----------------


def test_running_a_payment_import_again_does_not_double_its_payments(haarlem, broker_haarlem):
    from django.core.files.base import ContentFile

    from procurement.models import PaymentImport, SupplierPayment
    from procurement.tasks import import_payments

    text = "kvk;naam;datum;bedrag;kostensoort\n90000001;Kerst;2025-12-01;100,00;Gifts\n;Ltd;2025-12-02;50,00;Advies\n"
    payment_import = PaymentImport.objects.create(organisation=haarlem, uploaded_by=broker_haarlem)
    payment_import.file.save("b.csv", ContentFile(text.encode()))
    import_payments(payment_import.pk)
    import_payments(payment_import.pk)  # the same task again
    payments = SupplierPayment.objects.filter(organisation=haarlem)
    assert payments.count() == 2 and sum(p.amount for p in payments) == D("150.00")
    payment_import.refresh_from_db()
    assert payment_import.report["applied"] == 2 and payment_import.report["replaced"] == 0


def test_the_monitoring_indicator_counts_the_same_contracts(two_years, haarlem):
    from monitoring import registry
    from procurement import indicators

    period = registry.month_period(2025, 6)
    assert indicators.realised(period)[haarlem.pk] == D("750.00")
    assert indicators.realised_to_date(period)[haarlem.pk] == D("2250.00")


# --- the daily status job and a verification at the same moment ---------------------------------------


def test_the_daily_job_does_not_overwrite_a_status_written_since_it_read_the_contract(
        haarlem, broker_haarlem, zkij_rules, monkeypatch):
    from procurement.constants import ContractStatus
    from procurement.models import Contract

    contract = pf.contract(organisation=haarlem, by=broker_haarlem, today=dt.date(2025, 1, 1))
    assert contract.status == ContractStatus.OPEN  # the job would make it "behind" in 2026
    original = services._apply_status

    def verified_meanwhile(row, today):
        # A broker's verification commits between the job's read and its write.
        Contract.objects.filter(pk=row.pk).update(realised=row.obligation, status=ContractStatus.FULFILLED)
        original(row, today)

    monkeypatch.setattr(services, "_apply_status", verified_meanwhile)
    assert services.refresh_statuses(today=dt.date(2026, 6, 1)) == 0
    contract.refresh_from_db()
    assert contract.status == ContractStatus.FULFILLED


def test_editing_a_challenge_read_before_a_phase_change_keeps_the_new_phase(haarlem, broker_haarlem):
    from procurement import services_challenges
    from procurement.constants import ChallengePhase
    from procurement.models import Challenge

    from .builders_requests import challenge

    c = challenge(haarlem, phase=ChallengePhase.SUBMISSIONS)
    stale = Challenge.objects.get(pk=c.pk)  # the edit form's copy
    services_challenges.challenge_advance(challenge=c, by=broker_haarlem)
    stale.title = "Jongeren aan het werk 2025"
    services_challenges.challenge_save(challenge=stale, by=broker_haarlem)
    c.refresh_from_db()
    assert (c.title, c.phase) == ("Jongeren aan het werk 2025", ChallengePhase.SELECTION)


# --- a contract pins its rule set as it is when the contract is saved -----------------------------


def test_a_new_contract_is_valued_by_its_rule_set_as_stored_not_the_forms_copy(haarlem, broker_haarlem):
    from procurement.models import Contract, RuleSet

    rules = pf.rule_set(organisation=haarlem, name="Regeling Haarlem")
    stale = RuleSet.objects.get(pk=rules.pk)  # the form's choice, read before a change
    RuleSet.objects.filter(pk=rules.pk).update(obligation_percentage=D("10"))  # changed before any contract pinned it
    contract = Contract(organisation=haarlem, title="Groen", value=D("100000"), award_date=dt.date(2025, 1, 1),
                        end_date=dt.date(2025, 12, 31), supplier_name="Hoveniers BV", rule_set=stale,
                        category=pf.category())
    services.contract_save(contract=contract, by=broker_haarlem, today=TODAY)
    assert contract.obligation == D("10000.00")
    assert "10%" in contract.obligation_explanations["nl"] or "10 %" in contract.obligation_explanations["nl"]


# --- the obligation stays with the contract's terms ---------------------------------------------


def test_an_edit_of_the_title_keeps_the_obligation_a_new_value_recomputes_it(haarlem, broker_haarlem, zkij_rules,
                                                                              enterprise_haarlem):
    """The certificate reduction was recomputed with the day's certificates on every edit: after the
    supplier's certificate lapsed, correcting a typo in the title raised the obligation by 25 %."""
    from enterprises.constants import Scheme
    from enterprises.models import Certification

    certificate = Certification.objects.create(
        enterprise=enterprise_haarlem, scheme=Scheme.PSO_2, number="PSO-1", valid_until=dt.date(2027, 6, 30),
        verified_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, supplier=enterprise_haarlem)
    assert contract.obligation == D("37500.00")  # 25 % lower
    certificate.delete()  # the credit lapses

    contract.title = "Schoonmaak stadhuis en stadskantoor"
    services.contract_save(contract=contract, by=broker_haarlem, today=TODAY)
    contract.refresh_from_db()
    assert contract.obligation == D("37500.00")

    contract.value = D("1200000")  # new terms: computed anew, with the certificates of today
    services.contract_save(contract=contract, by=broker_haarlem, today=TODAY)
    contract.refresh_from_db()
    assert contract.obligation == D("60000.00")


def test_an_unverified_certificate_lowers_no_obligation_and_earns_no_match_points(haarlem, broker_haarlem,
                                                                                  zkij_rules, enterprise_haarlem):
    """A PSO certificate the supplier only typed in lowered the contract's obligation by 25 %."""
    from enterprises.constants import Scheme
    from enterprises.models import Certification
    from procurement.services_matching import holding_through

    certificate = Certification.objects.create(enterprise=enterprise_haarlem, scheme=Scheme.PSO_2, number="PSO-1",
                                               valid_until=dt.date(2027, 6, 30))
    assert certificate.verified_at is None
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, supplier=enterprise_haarlem)
    assert contract.obligation == D("50000.00")  # 5 % of a million, not lowered
    assert not holding_through(dt.date(2026, 12, 31), TODAY).filter(pk=certificate.pk).exists()
    certificate.verified_at = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    certificate.save()
    assert holding_through(dt.date(2026, 12, 31), TODAY).filter(pk=certificate.pk).exists()
    contract.value = D("1000001")  # new terms: computed anew
    services.contract_save(contract=contract, by=broker_haarlem, today=TODAY)
    assert contract.obligation == D("37500.04")
