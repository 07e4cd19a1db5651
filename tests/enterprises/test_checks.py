"""The certification checks are pure functions: every rule, with its boundaries, without a database."""

import datetime as dt
from decimal import Decimal

import pytest

from enterprises import checks
from enterprises.checks import CertificateFacts as Cert
from enterprises.constants import CertificationStatus as Status
from enterprises.constants import Scheme

TODAY = dt.date(2026, 3, 1)


def days(n):
    return TODAY + dt.timedelta(days=n)


def cert(scheme=Scheme.PSO_1, until=None, issued=None, number="PSO-12345", status=Status.VERIFIED, verified=True,
         pk=1):
    return Cert(scheme=scheme, valid_until=until, issued_on=issued, number=number, status=status, verified=verified,
                id=pk)


# --- expiry -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "offset, expired, expiring, status",
    [
        (-1, True, False, Status.EXPIRED),  # ended yesterday
        (0, False, True, Status.EXPIRING),  # expires today: still valid today
        (1, False, True, Status.EXPIRING),
        (60, False, True, Status.EXPIRING),  # in 60 days: inside the warning window
        (61, False, False, Status.VERIFIED),  # in 61 days: not yet
        (400, False, False, Status.VERIFIED),
    ],
)
def test_expiry_boundaries(offset, expired, expiring, status):
    c = cert(until=days(offset))
    assert checks.is_expired(c, TODAY) is expired
    assert checks.is_expiring(c, TODAY) is expiring
    assert checks.is_valid(c, TODAY) is not expired
    assert checks.compute_status(c, TODAY) == status


def test_no_end_date_never_expires():
    c = cert(scheme=Scheme.SENL, until=None, number="")
    assert not checks.is_expired(c, TODAY) and not checks.is_expiring(c, TODAY)
    assert checks.days_left(c, TODAY) is None
    assert checks.compute_status(c, TODAY) == Status.VERIFIED


def test_unverified_stays_unverified_until_it_expires():
    assert checks.compute_status(cert(until=days(100), verified=False, status=Status.UNVERIFIED), TODAY) == Status.UNVERIFIED
    assert checks.compute_status(cert(until=days(-5), verified=False, status=Status.UNVERIFIED), TODAY) == Status.EXPIRED


@pytest.mark.parametrize("sticky", [Status.REVOKED, Status.DISPUTED])
def test_revoked_and_disputed_are_never_overridden_and_never_valid(sticky):
    c = cert(until=days(300), status=sticky)
    assert checks.compute_status(c, TODAY) == sticky
    assert not checks.is_valid(c, TODAY)
    assert checks.compute_status(cert(until=days(-3), status=sticky), TODAY) == sticky


def test_status_moves_back_when_end_date_is_extended():
    assert checks.compute_status(cert(until=days(500), status=Status.EXPIRED), TODAY) == Status.VERIFIED


# --- badge grace period -------------------------------------------------------------------------

def test_add_years_handles_leap_day():
    assert checks.add_years(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    assert checks.add_years(dt.date(2025, 3, 1), 1) == dt.date(2026, 3, 1)


def test_badge_is_valid_one_year_from_admission():
    assert checks.badge_valid_until(dt.date(2025, 3, 1)) == dt.date(2026, 2, 28)


def badge(admitted_on):
    return cert(scheme=Scheme.SROI_BADGE, until=checks.badge_valid_until(admitted_on), issued=admitted_on,
                number=f"SROI-90000001-{admitted_on.year}", pk=9)


@pytest.mark.parametrize(
    "admitted_on, over",
    [
        (checks.add_years(TODAY, -1) + dt.timedelta(days=1), False),  # one year minus a day: last day of grace
        (checks.add_years(TODAY, -1), True),  # exactly one year ago: the grace period is over
        (checks.add_years(TODAY, -1) - dt.timedelta(days=1), True),
        (TODAY, False),
    ],
)
def test_badge_grace_period_boundary(admitted_on, over):
    b = badge(admitted_on)
    assert checks.badge_grace_over(b, [b], TODAY) is over


@pytest.mark.parametrize("scheme, saves", [(Scheme.CSO, True), (Scheme.PSO_30, True), (Scheme.PSO_3, False),
                                           (Scheme.B_CORP, False)])
def test_only_code_sociale_ondernemingen_or_pso30_end_the_grace_period(scheme, saves):
    b = badge(checks.add_years(TODAY, -1))
    qualifying = cert(scheme=scheme, until=days(300), pk=2)
    assert checks.badge_grace_over(b, [b, qualifying], TODAY) is not saves


def test_expired_or_revoked_qualifying_certificate_does_not_save_the_badge():
    b = badge(checks.add_years(TODAY, -1))
    assert checks.badge_grace_over(b, [b, cert(scheme=Scheme.CSO, until=days(-1), pk=2)], TODAY)
    assert checks.badge_grace_over(b, [b, cert(scheme=Scheme.CSO, until=days(99), status=Status.REVOKED, pk=2)], TODAY)


def test_grace_rule_applies_to_badges_only():
    c = cert(until=days(-30))
    assert not checks.badge_grace_over(c, [c], TODAY)


def test_quality_mark_decides_whether_a_badge_is_needed():
    assert not checks.has_quality_mark([], TODAY)
    assert checks.has_quality_mark([cert(scheme=Scheme.B_CORP, until=days(10))], TODAY)
    assert not checks.has_quality_mark([cert(scheme=Scheme.B_CORP, until=days(-1))], TODAY)
    assert not checks.has_quality_mark([cert(scheme=Scheme.OTHER, until=days(10))], TODAY)
    assert not checks.has_quality_mark([badge(TODAY)], TODAY)


# --- SROI credit vs. contract end (hook for procurement) -----------------------------------------

def test_credit_lapsing_before_contract_end():
    contract_end = days(200)
    assert checks.credit_lapses_before(cert(until=days(199)), contract_end, TODAY).code == "credit_lapses"
    assert checks.credit_lapses_before(cert(until=days(200)), contract_end, TODAY) is None  # valid through the last day
    assert checks.credit_lapses_before(cert(until=days(201)), contract_end, TODAY) is None


def test_credit_of_invalid_certificate_and_schemes_without_credit():
    assert checks.credit_lapses_before(cert(until=days(-1)), days(10), TODAY).code == "credit_invalid"
    assert checks.credit_lapses_before(cert(until=days(9), status=Status.REVOKED), days(10), TODAY).code == "credit_invalid"
    assert checks.credit_lapses_before(cert(scheme=Scheme.B_CORP, until=days(1)), days(10), TODAY) is None
    assert checks.credit_lapses_before(cert(scheme=Scheme.PSO_30, until=None), days(10), TODAY) is None


# --- reserved contracts (art. 2.82 Aanbestedingswet) ---------------------------------------------

@pytest.mark.parametrize(
    "headcount, disadvantaged, eligible",
    [(10, 3, True), (10, 2, False), (1000, 299, False), (1000, 300, True), (3, 1, True), (7, 2, False),
     (0, 0, False), (None, 5, False), (10, None, False), (5, 6, False)],
)
def test_reserved_eligibility_from_counts_is_self_declared(headcount, disadvantaged, eligible):
    result = checks.reserved_contract_eligibility([], headcount, disadvantaged, TODAY)
    assert result.eligible is eligible
    assert result.basis == ("self_declared" if eligible else None)


def test_reserved_eligibility_from_valid_pso30_certificate():
    pso30 = cert(scheme=Scheme.PSO_30, until=days(0))
    result = checks.reserved_contract_eligibility([pso30], 10, 1, TODAY)
    assert result == checks.Eligibility(True, "certificate", Decimal("0.100"))
    expired = cert(scheme=Scheme.PSO_30, until=days(-1))
    assert not checks.reserved_contract_eligibility([expired], 10, 1, TODAY).eligible
    assert checks.reserved_contract_eligibility([expired], 10, 5, TODAY).basis == "self_declared"
    # Typed in by the entrepreneur, not verified yet: no proof, the counts decide.
    unverified = cert(scheme=Scheme.PSO_30, until=days(30), status=Status.UNVERIFIED, verified=False)
    assert not checks.reserved_contract_eligibility([unverified], 10, 1, TODAY).eligible
    assert checks.reserved_contract_eligibility([unverified], 10, 5, TODAY).basis == "self_declared"


# --- internal consistency ------------------------------------------------------------------------

def codes(findings):
    return sorted(f.code for f in findings)


def test_consistent_certificate_has_no_findings():
    assert checks.certificate_consistency(cert(until=days(10), issued=days(-300)), TODAY) == []


def test_dates_reversed_and_issued_in_future():
    assert codes(checks.certificate_consistency(cert(until=days(-10), issued=days(-5)), TODAY)) == ["dates_reversed"]
    assert codes(checks.certificate_consistency(cert(until=days(400), issued=days(1)), TODAY)) == ["issued_in_future"]
    assert checks.certificate_consistency(cert(until=days(400), issued=TODAY), TODAY) == []


def test_pso_needs_end_date_and_number():
    assert codes(checks.certificate_consistency(cert(until=None, number=""), TODAY)) == ["no_end_date", "number_missing"]
    assert checks.certificate_consistency(cert(scheme=Scheme.B_CORP, until=None, number=""), TODAY) == []


@pytest.mark.parametrize("number, ok", [("PSO-123", True), ("AB", False), ("12 34", False), ("x" * 41, False),
                                        ("2024/PSO.7", True), ("<script>", False)])
def test_number_format(number, ok):
    assert (checks.certificate_consistency(cert(until=days(5), number=number), TODAY) == []) is ok


def test_badge_number_format_and_kvk():
    good = badge(TODAY)
    assert checks.certificate_consistency(good, TODAY, kvk_number="90000001") == []
    assert codes(checks.certificate_consistency(good, TODAY, kvk_number="12345678")) == ["number_kvk_mismatch"]
    bad = cert(scheme=Scheme.SROI_BADGE, until=days(5), number="BADGE-1")
    assert codes(checks.certificate_consistency(bad, TODAY)) == ["number_format"]


def test_counts_consistency():
    assert codes(checks.counts_consistency(5, 6)) == ["counts"]
    assert checks.counts_consistency(5, 5) == [] and checks.counts_consistency(None, 3) == []


# --- all together ----------------------------------------------------------------------------------

def test_check_enterprise_reports_everything_worth_telling():
    certificates = [
        cert(until=days(-1), pk=1),
        cert(scheme=Scheme.CSO, until=days(30), number="CSO-1", pk=2),
        cert(scheme=Scheme.B_CORP, until=days(61), number="BC-1", pk=3),
    ]
    found = checks.check_enterprise(certificates=certificates, headcount=10, disadvantaged=4, today=TODAY)
    assert codes(found) == ["expired", "expiring", "reserved_self_declared"]
    assert {f.certificate_id for f in found if f.code in ("expired", "expiring")} == {1, 2}


def test_check_enterprise_badge_messages():
    lapsed = badge(checks.add_years(TODAY, -1))
    assert "badge_lapsed" in codes(checks.check_enterprise(certificates=[lapsed], headcount=None, disadvantaged=None,
                                                           today=TODAY))
    expiring = badge(checks.add_years(TODAY, -1) + dt.timedelta(days=30))
    found = codes(checks.check_enterprise(certificates=[expiring], headcount=None, disadvantaged=None, today=TODAY))
    assert "badge_expiring" in found and "expiring" not in found
    saved = [expiring, cert(scheme=Scheme.PSO_30, until=days(700), number="PSO30-1", pk=5)]
    assert codes(checks.check_enterprise(certificates=saved, headcount=None, disadvantaged=None, today=TODAY)) == [
        "reserved_eligible"]
