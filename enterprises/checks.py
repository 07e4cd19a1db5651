"""Certification checks as plain functions: no database, no clock. Callers pass facts and
``today``; the daily job (tasks.py → services) and the pages apply them.

Conventions used throughout:
- ``valid_until`` is inclusive: a certificate valid until 2026-03-01 is valid on that day and
  expired from 2026-03-02.
- "expiring" means valid today and expiring within ``EXPIRING_WITHIN_DAYS`` days (0 … 60).
- A platform SROI badge issued on admission covers exactly one year: admitted on 2025-03-01, the
  badge is valid until 2026-02-28 and the grace period is over on 2026-03-01 (the anniversary)
  unless a qualifying certificate (Code Sociale Ondernemingen or PSO 30+) is valid by then.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from impactportal.dates import add_years
from impactportal.text import short_date

from .constants import CertificationStatus as Status
from .constants import Scheme

EXPIRING_WITHIN_DAYS = 60
RESERVED_CONTRACT_SHARE = Decimal("0.30")  # art. 2.82 Aanbestedingswet

PSO_LEVELS = frozenset({Scheme.PSO_BASIS, Scheme.PSO_1, Scheme.PSO_2, Scheme.PSO_3})
# Certificates that end the badge's grace period (the rule of the Kennemer Inkoop Platform).
QUALIFYING_SCHEMES = frozenset({Scheme.CSO, Scheme.PSO_30})
# Marks that make an admitted enterprise not need a badge.
QUALITY_MARKS = PSO_LEVELS | {Scheme.PSO_30, Scheme.CSO, Scheme.B_CORP, Scheme.SENL, Scheme.CEDRIS}
# Labels a platform may accept for automatic admission (``AdmissionRule.accepted_schemes``): every
# scheme except the platform's own badge (which admission issues) and "other" (no known register).
ADMISSION_LABELS = PSO_LEVELS | {Scheme.PSO_30, Scheme.CSO, Scheme.B_CORP, Scheme.SENL, Scheme.CEDRIS}
# Certificates municipalities commonly count towards an SROI obligation.
SROI_CREDIT_SCHEMES = PSO_LEVELS | {Scheme.PSO_30, Scheme.SROI_BADGE}
# Schemes whose certificates always carry an expiry date and a number.
EXPIRING_SCHEMES = PSO_LEVELS | {Scheme.PSO_30, Scheme.SROI_BADGE}
STICKY_STATUSES = frozenset({Status.REVOKED, Status.DISPUTED})  # set by people, never by the job

NUMBER_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./-]{2,39}$")
# [0-9], not \d: Python's \d also matches fullwidth and other Unicode digits.
BADGE_NUMBER_PATTERN = re.compile(r"^SROI-[0-9]{8}-[0-9]{4}$")
KVK_PATTERN = re.compile(r"^[0-9]{8}$")


def kvk_digits(text: str) -> str:
    """A KvK number as people type or print it, "9000 0118", "9000.0118" or "9000-0118", without
    the spaces, dots and dashes that group its digits; the caller checks the eight digits."""
    return re.sub(r"[\s.\-]", "", text)


def imported_kvk(text: str) -> str:
    """A KvK number as a file holds it, made comparable: spaces and dots out, and a seven-digit
    number given back its leading zero. A spreadsheet reads 01234567 as the number 1234567 and
    saves it so; every KvK number has eight digits, so seven can only be that. Anything else is
    returned as it is, for the caller to refuse."""
    kvk = kvk_digits(text)
    return "0" + kvk if re.fullmatch(r"[0-9]{7}", kvk) else kvk


ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True)
class CertificateFacts:
    scheme: str
    valid_until: dt.date | None
    issued_on: dt.date | None = None
    number: str = ""
    status: str = Status.UNVERIFIED
    verified: bool = False
    id: int | None = None


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    certificate_id: int | None = None


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    basis: str | None = None  # "certificate" (valid PSO 30+) or "self_declared" (from the counts)
    share: Decimal | None = None  # disadvantaged / headcount when counts are known


# --- dates ----------------------------------------------------------------------------------


def badge_valid_until(admitted_on: dt.date) -> dt.date:
    return add_years(admitted_on, 1) - dt.timedelta(days=1)


def days_left(cert: CertificateFacts, today: dt.date) -> int | None:
    return None if cert.valid_until is None else (cert.valid_until - today).days


def is_expired(cert: CertificateFacts, today: dt.date) -> bool:
    return cert.valid_until is not None and today > cert.valid_until


def is_expiring(cert: CertificateFacts, today: dt.date) -> bool:
    left = days_left(cert, today)
    return left is not None and 0 <= left <= EXPIRING_WITHIN_DAYS


def is_valid(cert: CertificateFacts, today: dt.date) -> bool:
    """Counts today: not revoked or disputed, and not past its end date."""
    return cert.status not in STICKY_STATUSES and not is_expired(cert, today)


def compute_status(cert: CertificateFacts, today: dt.date) -> str:
    """The status the daily job stores. Revoked and disputed are decisions of people and stay."""
    if cert.status in STICKY_STATUSES:
        return cert.status
    if is_expired(cert, today):
        return Status.EXPIRED
    if is_expiring(cert, today):
        return Status.EXPIRING
    return Status.VERIFIED if cert.verified else Status.UNVERIFIED


# --- rules ----------------------------------------------------------------------------------


def has_quality_mark(certificates: Iterable[CertificateFacts], today: dt.date) -> bool:
    """A quality mark a broker or an import verified and valid today; one the entrepreneur only
    typed in proves nothing yet (as in ``reserved_contract_eligibility``)."""
    return any(c.scheme in QUALITY_MARKS and c.verified and is_valid(c, today) for c in certificates)


def has_qualifying_certificate(certificates: Iterable[CertificateFacts], today: dt.date) -> bool:
    """A verified, valid Code Sociale Ondernemingen or PSO 30+ certificate: what ends the badge's
    grace period. An unverified one does not."""
    return any(c.scheme in QUALIFYING_SCHEMES and c.verified and is_valid(c, today) for c in certificates)


def admitting_label(certificates: Iterable[CertificateFacts], accepted: Iterable[str], today: dt.date,
                    *, exclude_id: int | None = None) -> CertificateFacts | None:
    """The certificate on which a platform admits automatically: of an accepted scheme, verified
    by a broker and valid today (the one valid longest, so a withdrawal comes as late as possible).
    ``exclude_id`` leaves one certificate out ("another label still valid?")."""
    accepted = set(accepted)
    found = [c for c in certificates if c.scheme in accepted and c.verified and is_valid(c, today)
             and (exclude_id is None or c.id != exclude_id)]
    return max(found, key=lambda c: (c.valid_until or dt.date.max, c.id or 0), default=None)


def badge_grace_over(badge: CertificateFacts, certificates: Iterable[CertificateFacts], today: dt.date) -> bool:
    """The badge's year is up and no verified Code Sociale Ondernemingen or PSO 30+ certificate is
    valid."""
    if badge.scheme != Scheme.SROI_BADGE or badge.status in STICKY_STATUSES:
        return False
    return is_expired(badge, today) and not has_qualifying_certificate(certificates, today)


def credit_lapses_before(cert: CertificateFacts, contract_end: dt.date, today: dt.date) -> Finding | None:
    """Hook for procurement: a certificate counted as SROI credit must hold until the contract's
    end. Returns a finding when it does not (or is not valid now); None when it is fine or the
    certificate earns no credit at all."""
    if cert.scheme not in SROI_CREDIT_SCHEMES:
        return None
    if not is_valid(cert, today):
        return Finding("credit_invalid", ERROR, _("Het certificaat is nu niet geldig en telt niet mee voor SROI."),
                       cert.id)
    if cert.valid_until is not None and cert.valid_until < contract_end:
        return Finding(
            "credit_lapses", WARNING,
            _("Het certificaat verloopt op %(end)s, vóór het einde van het contract (%(contract)s).")
            % {"end": short_date(cert.valid_until), "contract": short_date(contract_end)},
            cert.id,
        )
    return None


def disadvantaged_share(headcount: int | None, disadvantaged: int | None) -> Decimal | None:
    if not headcount or disadvantaged is None:
        return None
    return (Decimal(disadvantaged) / Decimal(headcount)).quantize(Decimal("0.001"))


def reserved_contract_eligibility(
    certificates: Iterable[CertificateFacts], headcount: int | None, disadvantaged: int | None, today: dt.date
) -> Eligibility:
    """Art. 2.82 Aanbestedingswet: at least 30% of employees disabled or disadvantaged. A valid
    PSO 30+ certificate a broker or an import verified proves it (one the entrepreneur only typed
    in proves nothing yet); otherwise the enterprise's own counts are a self-declaration."""
    share = disadvantaged_share(headcount, disadvantaged)
    if any(c.scheme == Scheme.PSO_30 and c.verified and is_valid(c, today) for c in certificates):
        return Eligibility(True, "certificate", share)
    # Integer arithmetic: exactly 30% counts, and no rounding can push 29.99% over the line.
    if headcount and disadvantaged is not None and 0 <= disadvantaged <= headcount and disadvantaged * 10 >= headcount * 3:
        return Eligibility(True, "self_declared", share)
    return Eligibility(False, None, share)


def certificate_consistency(cert: CertificateFacts, today: dt.date, kvk_number: str = "") -> list[Finding]:
    """Dates that contradict each other and numbers that cannot be right."""
    found = []
    if cert.issued_on and cert.valid_until and cert.valid_until < cert.issued_on:
        found.append(Finding("dates_reversed", ERROR, _("De einddatum ligt vóór de uitgiftedatum."), cert.id))
    if cert.issued_on and cert.issued_on > today:
        found.append(Finding("issued_in_future", ERROR, _("De uitgiftedatum ligt in de toekomst."), cert.id))
    if cert.scheme in EXPIRING_SCHEMES and cert.valid_until is None:
        found.append(Finding("no_end_date", ERROR, _("Dit certificaat hoort een einddatum te hebben."), cert.id))
    number = (cert.number or "").strip()
    if cert.scheme == Scheme.SROI_BADGE:
        if not BADGE_NUMBER_PATTERN.match(number):
            found.append(Finding("number_format", ERROR, _("Een badgenummer heeft de vorm SROI-<KvK-nummer>-<jaar>."),
                                 cert.id))
        elif kvk_number and number.split("-")[1] != kvk_number:
            found.append(Finding("number_kvk_mismatch", ERROR,
                                 _("Het badgenummer hoort bij een ander KvK-nummer."), cert.id))
    elif number and not NUMBER_PATTERN.match(number):
        found.append(Finding("number_format", ERROR,
                             _("Het certificaatnummer bevat ongeldige tekens of heeft een onjuiste lengte."), cert.id))
    elif not number and cert.scheme in EXPIRING_SCHEMES:
        found.append(Finding("number_missing", WARNING, _("Het certificaatnummer ontbreekt."), cert.id))
    return found


# The field each finding about a certificate's own facts concerns. A certificate entered by hand
# (form, API: ``Certification.clean``) is refused with these findings next to those fields, so what
# is saved never shows up under "Controles" at once: a PSO certificate without a number or an end
# date was accepted and flagged on the next page.
ENTRY_FIELDS = {"dates_reversed": "valid_until", "issued_in_future": "issued_on", "no_end_date": "valid_until",
                "number_format": "number", "number_kvk_mismatch": "number", "number_missing": "number"}


def entry_errors(cert: CertificateFacts, today: dt.date, kvk_number: str = "") -> dict[str, list[str]]:
    """The findings of ``certificate_consistency`` (errors and the missing number alike) by field,
    worded as what to fill in: the same rules, so a form and the checks cannot disagree."""
    instructions = {
        "no_end_date": _("Vul de einddatum in: een certificaat van dit keurmerk is altijd beperkt geldig."),
        "number_missing": _("Vul het certificaatnummer in: het staat op het certificaat."),
    }
    if cert.scheme != Scheme.SROI_BADGE:
        instructions["number_format"] = _("Gebruik 3 tot 40 letters, cijfers, punten, streepjes of schuine strepen.")
    errors: dict[str, list[str]] = {}
    for finding in certificate_consistency(cert, today, kvk_number):
        field = ENTRY_FIELDS.get(finding.code)
        if field is not None:
            errors.setdefault(field, []).append(instructions.get(finding.code, finding.message))
    return errors


def counts_consistency(headcount: int | None, disadvantaged: int | None) -> list[Finding]:
    if headcount is not None and disadvantaged is not None and disadvantaged > headcount:
        return [Finding("counts", ERROR, _("Er zijn meer medewerkers met afstand tot de arbeidsmarkt dan medewerkers."))]
    return []


def check_enterprise(
    *, certificates: list[CertificateFacts], headcount: int | None, disadvantaged: int | None, today: dt.date,
    kvk_number: str = "",
) -> list[Finding]:
    """Everything worth telling a broker or entrepreneur about one enterprise today."""
    found = counts_consistency(headcount, disadvantaged)
    for cert in certificates:
        found += certificate_consistency(cert, today, kvk_number)
        if cert.status in STICKY_STATUSES:
            continue
        if cert.scheme == Scheme.SROI_BADGE:
            if badge_grace_over(cert, certificates, today):
                found.append(Finding("badge_lapsed", ERROR, _(
                    "De SROI-badge is vervallen: binnen een jaar na toelating is geen certificaat Code Sociale "
                    "Ondernemingen of PSO 30+ behaald."), cert.id))
            elif is_expiring(cert, today) and not has_qualifying_certificate(certificates, today):
                found.append(Finding("badge_expiring", WARNING, _(
                    "De SROI-badge loopt af op %(end)s. Behaal vóór die datum een certificaat Code Sociale "
                    "Ondernemingen of PSO 30+.") % {"end": short_date(cert.valid_until)}, cert.id))
        elif is_expired(cert, today):
            found.append(Finding("expired", ERROR, _("Het certificaat is verlopen op %(end)s.")
                                 % {"end": short_date(cert.valid_until)}, cert.id))
        elif is_expiring(cert, today):
            found.append(Finding("expiring", WARNING, _("Het certificaat verloopt over %(days)s dagen (%(end)s).")
                                 % {"days": days_left(cert, today), "end": short_date(cert.valid_until)}, cert.id))
    eligibility = reserved_contract_eligibility(certificates, headcount, disadvantaged, today)
    if eligibility.basis == "certificate":
        found.append(Finding("reserved_eligible", INFO,
                             _("Komt in aanmerking voor voorbehouden opdrachten (geldig PSO 30+-certificaat).")))
    elif eligibility.basis == "self_declared":
        found.append(Finding("reserved_self_declared", INFO, _(
            "Komt volgens de eigen opgave (%(share)s%% medewerkers met afstand) in aanmerking voor voorbehouden "
            "opdrachten; niet aangetoond met een certificaat.") % {"share": _percent(eligibility.share)}))
    return found


def _percent(share: Decimal | None) -> str:
    return "?" if share is None else f"{share * 100:.0f}"
