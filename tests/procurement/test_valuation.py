"""The social-return arithmetic (``procurement.valuation``), without a database: every kind of
block, the year maximum per candidate, purchases and the certificate on the invoice date,
rounding, obligations (threshold, certificate reduction, cap) and the contract's status."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from enterprises.checks import CertificateFacts
from enterprises.constants import CertificationStatus
from procurement.constants import BlockKind, ContractStatus
from procurement.valuation import (
    BlockRule,
    LineFacts,
    NotALine,
    Seller,
    certificate_reduction,
    contract_obligation,
    contract_status,
    counted_months,
    elapsed_share,
    money,
    value_realisation,
)

D = Decimal
DAY = dt.date(2025, 3, 1)

KORT = BlockRule(code="participatiewet-kort", kind=BlockKind.PLACEMENT, name="Participatiewet < 2 jaar",
                 value=D("30000"), max_years=D("2"))
REGISTER = BlockRule(code="doelgroepregister", kind=BlockKind.PLACEMENT, name="Doelgroepregister", value=D("40000"))
BONUS_50 = BlockRule(code="bonus-50-plus", kind=BlockKind.BONUS, name="50+", value=D("10000"))
BONUS_VAST = BlockRule(code="bonus-vast-contract", kind=BlockKind.BONUS, name="vast contract", value=D("5000"))
WEP = BlockRule(code="werkervaringsplek", kind=BlockKind.WORK_EXPERIENCE, name="Werkervaringsplek", value=D("750"))
BBL = BlockRule(code="bbl-1-2", kind=BlockKind.TRAINING, name="BBL 1-2", value=D("20000"))
HOURS = BlockRule(code="kennisuren", kind=BlockKind.HOURS, name="Kennisuren", value=D("100"))
PURCHASE_ANY = BlockRule(code="inkoop", kind=BlockKind.PURCHASE, name="Inkoop", share=D("1"))
PURCHASE_PSO = BlockRule(code="inkoop-pso", kind=BlockKind.PURCHASE, name="Inkoop PSO", share=D("0.5"),
                         required_schemes=("pso_2", "pso_3"))
OTHER = BlockRule(code="anders", kind=BlockKind.OTHER, name="Anders")
PSO_25 = BlockRule(code="pso-25", kind=BlockKind.CERTIFICATE, name="PSO trede 2", reduction_percentage=D("25"),
                   required_schemes=("pso_2",))
PSO_50 = BlockRule(code="pso-50", kind=BlockKind.CERTIFICATE, name="PSO 30+", reduction_percentage=D("50"),
                   required_schemes=("pso_30",))


def line(**kw):
    return LineFacts(date=kw.pop("date", DAY), **{k: (D(v) if isinstance(v, str) else v) for k, v in kw.items()})


def cert(scheme="pso_2", valid_until=dt.date(2026, 12, 31), issued_on=dt.date(2024, 1, 1),
         status=CertificationStatus.VERIFIED):
    return CertificateFacts(scheme=scheme, valid_until=valid_until, issued_on=issued_on, status=status, verified=True)


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


# --- placements -----------------------------------------------------------------------------


@pytest.mark.parametrize("fte, months, expected", [
    ("1", "12", "30000.00"),
    ("0.8", "12", "24000.00"),
    ("0.5", "6", "7500.00"),
    ("1", "1", "2500.00"),
    ("0.33", "7", "5775.00"),
    ("1.5", "12", "45000.00"),  # more than full time counts as reported
    ("0", "12", "0.00"),
    ("1", "0", "0.00"),
])
def test_placement_is_pro_rata_by_fte_and_months(fte, months, expected):
    assert value_realisation(KORT, line(fte=fte, months=months)).amount == D(expected)


def test_placement_explanation_in_dutch():
    result = value_realisation(KORT, line(fte="0.8", months="12"))
    assert result.explanation == "Participatiewet < 2 jaar: €\u00a030.000,00 × 0,8 fte × 12/12 jaar = €\u00a024.000,00"
    assert result.counted_months == D("12") and result.notes == ()


@pytest.mark.parametrize("months, prior, counted", [
    ("24", "0", "24"),  # exactly at the maximum
    ("25", "0", "24"),  # one month over
    ("12", "12", "12"),  # prior months across lines: exactly at the maximum
    ("13", "12", "12"),  # one month over, together with an earlier line
    ("6", "24", "0"),  # the maximum was reached by earlier lines
    ("6", "30", "0"),  # earlier lines counted more than the maximum: never negative
    ("18", "18", "6"),  # two lines of 18 months for the same candidate
    ("0.5", "23.5", "0.5"),  # fractions of months
])
def test_year_maximum_per_candidate(months, prior, counted):
    result = value_realisation(KORT, line(fte="1", months=months), prior_months=D(prior))
    assert result.counted_months == D(counted)
    assert result.amount == (D("30000") * D(counted) / 12).quantize(D("0.01"))


def test_months_over_the_maximum_are_explained():
    result = value_realisation(KORT, line(fte="1", months="25"))
    assert result.amount == D("60000.00")
    assert result.notes == ("24 van 25 maanden tellen: maximaal 2 jaar per kandidaat",)
    assert result.explanation.endswith("= €\u00a060.000,00 (24 van 25 maanden tellen: maximaal 2 jaar per kandidaat)")


def test_no_maximum_counts_every_month():
    result = value_realisation(REGISTER, line(fte="1", months="120"), prior_months=D("600"))
    assert result.counted_months == D("120") and result.amount == D("400000.00") and result.notes == ()


@pytest.mark.parametrize("months, max_years, prior, expected", [
    ("10", None, "100", "10"),
    ("10", "1", "0", "10"),
    ("12", "1", "0", "12"),
    ("13", "1", "0", "12"),
    ("5", "1", "10", "2"),
    ("5", "0", "0", "0"),
])
def test_counted_months(months, max_years, prior, expected):
    assert counted_months(D(months), None if max_years is None else D(max_years), D(prior)) == D(expected)


def test_bonuses_add_their_value_per_fte_year_for_the_counted_months():
    result = value_realisation(KORT, line(fte="0.5", months="30"), bonuses=[BONUS_50, BONUS_VAST])
    # 24 months count: (30,000 + 10,000 + 5,000) × 0.5 × 24/12
    assert result.amount == D("45000.00")
    assert result.explanation.startswith(
        "Participatiewet < 2 jaar: €\u00a030.000,00 × 0,5 fte × 24/12 jaar + bonus 50+ €\u00a010.000,00 × 0,5 fte × 24/12 jaar"
        " + bonus vast contract €\u00a05.000,00 × 0,5 fte × 24/12 jaar = €\u00a045.000,00")


def test_a_bonus_adds_nothing_once_the_maximum_is_reached():
    assert value_realisation(KORT, line(fte="1", months="6"), bonuses=[BONUS_50], prior_months=D("24")).amount == 0


def test_a_non_bonus_block_cannot_be_a_bonus():
    with pytest.raises(ValueError, match="not a bonus"):
        value_realisation(KORT, line(fte="1", months="12"), bonuses=[REGISTER])


# --- work experience, training, hours -------------------------------------------------------


@pytest.mark.parametrize("block, facts, expected, text", [
    (WEP, {"months": "6"}, "4500.00", "Werkervaringsplek: €\u00a0750,00 × 6 maanden = €\u00a04.500,00"),
    (WEP, {"months": "0.5"}, "375.00", "Werkervaringsplek: €\u00a0750,00 × 0,5 maanden = €\u00a0375,00"),
    (BBL, {"months": "12"}, "20000.00", "BBL 1-2: €\u00a020.000,00 × 12/12 jaar = €\u00a020.000,00"),
    (BBL, {"months": "7"}, "11666.67", "BBL 1-2: €\u00a020.000,00 × 7/12 jaar = €\u00a011.666,67"),
    (BBL, {"months": "36"}, "60000.00", "BBL 1-2: €\u00a020.000,00 × 36/12 jaar = €\u00a060.000,00"),
    (HOURS, {"hours": "37.5"}, "3750.00", "Kennisuren: €\u00a0100,00 × 37,5 uur = €\u00a03.750,00"),
    (HOURS, {"hours": "0"}, "0.00", "Kennisuren: €\u00a0100,00 × 0 uur = €\u00a00,00"),
])
def test_work_experience_training_and_hours(block, facts, expected, text):
    result = value_realisation(block, line(**facts))
    assert result.amount == D(expected)
    assert result.explanation == text


# --- purchases ------------------------------------------------------------------------------

ADMITTED = Seller(admitted=True)


@pytest.mark.parametrize("amount, share, expected", [
    ("10000", "1", "10000.00"),
    ("10000", "0.5", "5000.00"),
    ("999.99", "0.25", "250.00"),  # 249.9975 rounds half-up
    ("0", "1", "0.00"),
    ("10000", "0", "0.00"),
])
def test_purchase_counts_its_share(amount, share, expected):
    block = BlockRule(code="inkoop", kind=BlockKind.PURCHASE, name="Inkoop", share=D(share))
    assert value_realisation(block, line(amount=amount), seller=ADMITTED).amount == D(expected)


def test_purchase_explanation():
    result = value_realisation(PURCHASE_PSO, line(amount="10000"), seller=Seller(admitted=True, certificates=(cert(),)))
    assert result.explanation == "Inkoop PSO: €\u00a010.000,00 × 50% = €\u00a05.000,00"


@pytest.mark.parametrize("certificate, counts", [
    (cert(), True),
    (cert(scheme="pso_3"), True),
    (cert(valid_until=DAY), True),  # valid through the invoice date counts
    (cert(valid_until=None), True),  # no end date
    (cert(issued_on=None), True),  # issue date unknown
    (cert(issued_on=DAY), True),
    (cert(valid_until=DAY - dt.timedelta(days=1)), False),  # expired the day before
    (cert(issued_on=DAY + dt.timedelta(days=1)), False),  # issued after the invoice
    (cert(status=CertificationStatus.REVOKED), False),
    (cert(status=CertificationStatus.DISPUTED), False),
    (cert(scheme="pso_1"), False),  # a scheme the block does not require
    (cert(scheme="b_corp"), False),
])
def test_purchase_needs_a_required_certificate_valid_on_the_invoice_date(certificate, counts):
    result = value_realisation(PURCHASE_PSO, line(amount="1000"), seller=Seller(admitted=True, certificates=(certificate,)))
    assert result.amount == (D("500.00") if counts else D("0"))
    if not counts:
        assert result.notes == ("de verkoper had op 01-03-2025 geen geldig vereist certificaat",)
        assert result.explanation == (
            "Inkoop PSO: telt niet, de verkoper had op 01-03-2025 geen geldig vereist certificaat = €\u00a00,00")


def test_purchase_one_valid_certificate_among_lapsed_ones_is_enough():
    seller = Seller(admitted=False, certificates=(cert(valid_until=dt.date(2024, 1, 1)), cert(scheme="pso_3")))
    assert value_realisation(PURCHASE_PSO, line(amount="1000"), seller=seller).amount == D("500.00")


def test_purchase_without_required_schemes_needs_an_admitted_impact_enterprise():
    assert value_realisation(PURCHASE_ANY, line(amount="1000"), seller=ADMITTED).amount == D("1000.00")
    refused = value_realisation(PURCHASE_ANY, line(amount="1000"), seller=Seller(admitted=False))
    assert refused.amount == 0
    assert refused.notes == ("de verkoper is geen toegelaten impactonderneming",)


def test_purchase_without_a_seller_counts_nothing():
    result = value_realisation(PURCHASE_ANY, line(amount="1000"), seller=None)
    assert result.amount == 0 and result.notes == ("er is geen verkoper opgegeven",)


# --- other ----------------------------------------------------------------------------------


def test_other_counts_only_once_approved():
    waiting = value_realisation(OTHER, line(amount="2500"))
    assert waiting.amount == 0
    assert waiting.explanation == "Anders: €\u00a02.500,00 telt pas na goedkeuring door een makelaar = €\u00a00,00"
    approved = value_realisation(OTHER, line(amount="2500", approved=True))
    assert approved.amount == D("2500.00")
    assert approved.explanation == "Anders: goedgekeurd bedrag = €\u00a02.500,00"


# --- rounding -------------------------------------------------------------------------------


@pytest.mark.parametrize("block, facts, expected", [
    (BlockRule(code="h", kind=BlockKind.HOURS, name="h", value=D("0.01")), {"hours": "0.5"}, "0.01"),
    (BlockRule(code="h", kind=BlockKind.HOURS, name="h", value=D("0.01")), {"hours": "0.4"}, "0.00"),
    (BlockRule(code="w", kind=BlockKind.WORK_EXPERIENCE, name="w", value=D("0.001")), {"months": "5"}, "0.01"),
    (BlockRule(code="w", kind=BlockKind.WORK_EXPERIENCE, name="w", value=D("2.675")), {"months": "1"}, "2.68"),
    (BlockRule(code="p", kind=BlockKind.PLACEMENT, name="p", value=D("0.03")), {"fte": "1", "months": "2"}, "0.01"),
    (BlockRule(code="p", kind=BlockKind.PLACEMENT, name="p", value=D("0.06")), {"fte": "0.5", "months": "2"}, "0.01"),
    (BlockRule(code="t", kind=BlockKind.TRAINING, name="t", value=D("0.06")), {"months": "1"}, "0.01"),
    (BlockRule(code="i", kind=BlockKind.PURCHASE, name="i", share=D("0.5")), {"amount": "0.01"}, "0.01"),
    (BlockRule(code="i", kind=BlockKind.PURCHASE, name="i", share=D("0.5")), {"amount": "0.03"}, "0.02"),
    (OTHER, {"amount": "10.005", "approved": True}, "10.01"),
])
def test_rounding_is_half_up_to_cents_once_at_the_end(block, facts, expected):
    assert value_realisation(block, line(**facts), seller=ADMITTED).amount == D(expected)


def test_bonus_and_placement_round_together_not_apart():
    # 0.004 + 0.004 per line would round to 0.00 each; together 0.008 rounds to 0.01
    p = BlockRule(code="p", kind=BlockKind.PLACEMENT, name="p", value=D("0.048"))
    b = BlockRule(code="b", kind=BlockKind.BONUS, name="b", value=D("0.048"))
    assert value_realisation(p, line(fte="1", months="1"), bonuses=[b]).amount == D("0.01")


@pytest.mark.parametrize("value, text", [
    ("0.005", "€\u00a00,01"), ("0.004", "€\u00a00"), ("1234.5", "€\u00a01.234,50"), ("24000", "€\u00a024.000"), ("2.675", "€\u00a02,68"),
])
def test_money_format(value, text):
    assert money(D(value)) == text


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("block, facts, message", [
    (KORT, {"months": "12"}, "fte is required"),
    (KORT, {"fte": "1"}, "months is required"),
    (KORT, {"fte": "-1", "months": "12"}, "fte cannot be negative"),
    (KORT, {"fte": "1", "months": "-1"}, "months cannot be negative"),
    (BlockRule(code="x", kind=BlockKind.PLACEMENT, name="x"), {"fte": "1", "months": "1"}, "value is required"),
    (WEP, {}, "months is required"),
    (WEP, {"months": "-2"}, "months cannot be negative"),
    (BBL, {}, "months is required"),
    (HOURS, {}, "hours is required"),
    (HOURS, {"hours": "-1"}, "hours cannot be negative"),
    (PURCHASE_ANY, {}, "amount is required"),
    (PURCHASE_ANY, {"amount": "-5"}, "amount cannot be negative"),
    (BlockRule(code="i", kind=BlockKind.PURCHASE, name="i"), {"amount": "5"}, "share is required"),
    (OTHER, {}, "amount is required"),
    (OTHER, {"amount": "-1", "approved": True}, "amount cannot be negative"),
    (BlockRule(code="x", kind="mystery", name="x"), {}, "Unknown block kind"),
])
def test_missing_or_negative_input_raises(block, facts, message):
    with pytest.raises(ValueError, match=message):
        value_realisation(block, line(**facts), seller=ADMITTED)


def test_negative_bonus_value_raises():
    bad = BlockRule(code="b", kind=BlockKind.BONUS, name="b", value=D("-1"))
    with pytest.raises(ValueError, match="bonus value cannot be negative"):
        value_realisation(KORT, line(fte="1", months="1"), bonuses=[bad])


@pytest.mark.parametrize("block", [PSO_25, BONUS_50])
def test_certificate_and_bonus_blocks_are_not_a_line(block):
    with pytest.raises(NotALine):
        value_realisation(block, line(fte="1", months="12", amount="100"))


# --- obligations ----------------------------------------------------------------------------

END = dt.date(2026, 12, 31)
TODAY = dt.date(2025, 6, 1)


@pytest.mark.parametrize("value, threshold, expected", [
    ("99999.99", "100000", "0"),  # just below the threshold
    ("100000", "100000", "5000.00"),  # at the threshold the obligation applies
    ("100000.01", "100000", "5000.00"),
    ("0", "0", "0.00"),
    ("1000000", "0", "50000.00"),
])
def test_obligation_threshold(value, threshold, expected):
    result = contract_obligation(D(value), percentage=D("5"), threshold=D(threshold))
    assert result.amount == D(expected)


def test_obligation_below_threshold_is_explained():
    result = contract_obligation(D("50000"), percentage=D("5"), threshold=D("100000"))
    assert result.explanation == "Opdrachtwaarde €\u00a050.000,00 ligt onder de drempel van €\u00a0100.000,00: geen verplichting"


@pytest.mark.parametrize("cap, expected, capped", [
    (None, "50000.00", False),
    ("60000", "50000.00", False),
    ("50000", "50000.00", False),  # at the cap: nothing to limit
    ("49999.99", "49999.99", True),
    ("0", "0.00", True),
])
def test_obligation_cap(cap, expected, capped):
    result = contract_obligation(D("1000000"), percentage=D("5"), cap=None if cap is None else D(cap))
    assert result.amount == D(expected)
    assert ("begrensd op het maximum" in result.explanation) is capped


def test_obligation_explanation():
    result = contract_obligation(D("1000000"), percentage=D("5"), reduction=PSO_25, cap=D("30000"))
    assert result.explanation == ("€\u00a01.000.000,00 × 5% − 25% (PSO trede 2) begrensd op het maximum van "
                                  "€\u00a030.000,00 = €\u00a030.000,00")  # with cents, as the contract page


@pytest.mark.parametrize("cap, expected", [
    (None, "37500.00"),  # 50,000 lowered by 25 %
    ("40000", "37500.00"),  # the cap applies after the reduction, so it does not bite
    ("30000", "30000.00"),
])
def test_cap_applies_last(cap, expected):
    result = contract_obligation(D("1000000"), percentage=D("5"), reduction=PSO_25, cap=None if cap is None else D(cap))
    assert result.amount == D(expected)


def test_obligation_percentage_rounds_half_up():
    # 100.10 × 2.5 % = 2.5025 → 2.50; 100.30 × 2.5 % = 2.5075 → 2.51
    assert contract_obligation(D("100.10"), percentage=D("2.5")).amount == D("2.50")
    assert contract_obligation(D("100.30"), percentage=D("2.5")).amount == D("2.51")


@pytest.mark.parametrize("certificates, expected", [
    ((), None),
    ((cert("pso_2"),), "pso-25"),
    ((cert("pso_30"),), "pso-50"),
    ((cert("pso_2"), cert("pso_30")), "pso-50"),  # the largest reduction wins
    ((cert("pso_2"), cert("pso_30", valid_until=END - dt.timedelta(days=1))), "pso-25"),  # lapses before the end
    ((cert("pso_2", valid_until=END),), "pso-25"),  # valid through the end date
    ((cert("pso_2", valid_until=END - dt.timedelta(days=1)),), None),
    ((cert("pso_2", valid_until=None),), "pso-25"),
    ((cert("pso_2", status=CertificationStatus.REVOKED),), None),
    ((cert("pso_2", issued_on=TODAY + dt.timedelta(days=1)),), None),  # not issued yet
    ((cert("pso_1"),), None),  # a scheme no block lists
])
def test_certificate_reduction(certificates, expected):
    found = certificate_reduction([PSO_25, PSO_50, KORT], certificates, END, TODAY)
    assert (found.code if found else None) == expected


def test_certificate_block_without_a_percentage_lowers_nothing():
    empty = BlockRule(code="pso-0", kind=BlockKind.CERTIFICATE, name="PSO", required_schemes=("pso_2",))
    assert certificate_reduction([empty], [cert("pso_2")], END, TODAY) is None


# --- progress and status --------------------------------------------------------------------

AWARD, CLOSE = dt.date(2025, 1, 1), dt.date(2025, 12, 31)  # 364 days


@pytest.mark.parametrize("today, expected", [
    (dt.date(2024, 12, 31), D("0")),
    (AWARD, D("0")),
    (dt.date(2025, 1, 2), D(1) / D(364)),
    (dt.date(2025, 7, 2), D(182) / D(364)),
    (dt.date(2025, 12, 30), D(363) / D(364)),
    (CLOSE, D("1")),
    (dt.date(2026, 6, 1), D("1")),
])
def test_elapsed_share(today, expected):
    assert elapsed_share(AWARD, CLOSE, today) == expected


def test_elapsed_share_of_a_one_day_contract():
    assert elapsed_share(AWARD, AWARD, AWARD) == 0
    assert elapsed_share(AWARD, AWARD, AWARD + dt.timedelta(days=1)) == 1


MIDYEAR = dt.date(2025, 7, 2)  # exactly half the period (182/364)


@pytest.mark.parametrize("obligation, realised, today, closed, expected", [
    ("1000", "0", MIDYEAR, True, ContractStatus.CLOSED),
    ("1000", "1000", MIDYEAR, True, ContractStatus.CLOSED),  # closing wins over fulfilled
    ("0", "0", MIDYEAR, False, ContractStatus.NO_OBLIGATION),  # nothing owed: not "fulfilled"
    ("0", "500", MIDYEAR, False, ContractStatus.NO_OBLIGATION),
    ("0", "0", MIDYEAR, True, ContractStatus.CLOSED),
    ("1000", "1000", MIDYEAR, False, ContractStatus.FULFILLED),
    ("1000", "1200", AWARD, False, ContractStatus.FULFILLED),
    ("1000", "0", AWARD, False, ContractStatus.OPEN),
    ("1000", "0", dt.date(2024, 6, 1), False, ContractStatus.OPEN),  # before the award
    ("1000", "100", AWARD, False, ContractStatus.ON_TRACK),  # something realised before the period starts
    ("1000", "0", dt.date(2025, 1, 2), False, ContractStatus.ON_TRACK),  # a day in: too early to judge
    ("1000", "0", dt.date(2025, 3, 31), False, ContractStatus.ON_TRACK),  # the start-up period's last day
    ("1000", "0", dt.date(2025, 4, 1), False, ContractStatus.BEHIND),  # three months in, nothing realised
    ("1000", "500", MIDYEAR, False, ContractStatus.ON_TRACK),  # realised share equals elapsed share
    ("1000", "499.99", MIDYEAR, False, ContractStatus.BEHIND),
    ("1000", "600", MIDYEAR, False, ContractStatus.ON_TRACK),
    ("1000", "999.99", CLOSE, False, ContractStatus.BEHIND),  # period over, not fulfilled
])
def test_contract_status(obligation, realised, today, closed, expected):
    assert contract_status(obligation=D(obligation), realised=D(realised), award_date=AWARD, end_date=CLOSE,
                           today=today, closed=closed) == expected


# --- English --------------------------------------------------------------------------------


@pytest.mark.parametrize("compute, text", [
    (lambda: value_realisation(KORT, line(fte="0.8", months="12")),
     "Participatiewet < 2 jaar: €30,000.00 × 0.8 FTE × 12/12 year = €24,000.00"),
    (lambda: value_realisation(KORT, line(fte="1", months="25")),
     "Participatiewet < 2 jaar: €30,000.00 × 1 FTE × 24/12 year = €60,000.00"
     " (24 of 25 months count: at most 2 years per candidate)"),
    (lambda: value_realisation(WEP, line(months="6")), "Werkervaringsplek: €750.00 × 6 months = €4,500.00"),
    (lambda: value_realisation(BBL, line(months="7")), "BBL 1-2: €20,000.00 × 7/12 year = €11,666.67"),
    (lambda: value_realisation(HOURS, line(hours="37.5")), "Kennisuren: €100.00 × 37.5 hours = €3,750.00"),
    (lambda: value_realisation(PURCHASE_ANY, line(amount="1000"), seller=Seller(admitted=False)),
     "Inkoop: does not count, the seller is not an admitted impact enterprise = €0.00"),
    (lambda: value_realisation(OTHER, line(amount="2500")),
     "Anders: €2,500.00 counts only once a broker approves it = €0.00"),
    (lambda: contract_obligation(D("1000000"), percentage=D("5"), reduction=PSO_25, cap=D("30000")),
     "€1,000,000.00 × 5% − 25% (PSO trede 2) capped at the maximum of €30,000.00 = €30,000.00"),
])
def test_explanations_in_english(compute, text):
    with translation.override("en"):
        assert compute().explanation == text


def test_explanations_name_the_block_in_their_own_language():
    """``explain_all`` writes the English explanation with the block's English name (its Dutch where it
    has none); the Dutch explanation keeps the Dutch names."""
    from dataclasses import replace

    from procurement.valuation import explain_all

    kort = replace(KORT, name_en="Participation Act < 2 years")
    bonus = replace(BONUS_VAST, name_en="permanent contract")
    texts = explain_all(lambda: value_realisation(kort, line(fte="1", months="12"), bonuses=[bonus, BONUS_50]))
    assert texts["en"].startswith("Participation Act < 2 years: €30,000.00 × 1 FTE × 12/12 year"
                                  " + bonus permanent contract €5,000.00")
    assert "bonus 50+ €10,000.00" in texts["en"]  # no English: the Dutch
    assert texts["nl"].startswith("Participatiewet < 2 jaar: €\u00a030.000,00") and "bonus vast contract" in texts["nl"]
    assert "Participation" not in texts["nl"] and "permanent" not in texts["nl"]
    purchase = replace(PURCHASE_ANY, name_en="Purchase")
    seller = Seller(admitted=True)
    texts = explain_all(lambda: value_realisation(purchase, line(amount="100"), seller=seller))
    assert texts["en"].startswith("Purchase: ") and texts["nl"].startswith("Inkoop: ")
    reduction = replace(PSO_25, name_en="PSO step 2")
    texts = explain_all(lambda: contract_obligation(D("1000000"), percentage=D("5"), reduction=reduction))
    assert "(PSO step 2)" in texts["en"] and "(PSO trede 2)" in texts["nl"]
