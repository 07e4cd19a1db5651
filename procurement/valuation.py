"""Social-return arithmetic without I/O: what a realisation line is worth under a rule set, what a
contract owes, and how far along it is.

Every function takes plain facts (``BlockRule``, ``LineFacts``, ``CertificateFacts``) and returns
an amount with a one-line explanation in the active language, e.g.
"Participatiewet < 2 jaar: € 30.000,00 × 0,8 fte × 12/12 jaar = € 24.000,00" (amounts as
``impactportal.money.euro`` writes them everywhere). Money is Decimal,
rounded half-up to cents once, at the end. ``services`` feeds these from the database and stores
the result (the explanation in every UI language, see ``explain_all``)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from enterprises.checks import CertificateFacts, is_valid
from impactportal.money import euro, number  # noqa: F401 — number: social return's numbers (sroi filter, rule sets)
from impactportal.text import in_page_language

from .constants import BlockKind, ContractStatus

CENT = Decimal("0.01")
ZERO = Decimal("0")
TWELVE = Decimal("12")
HUNDRED = Decimal("100")


@dataclass(frozen=True)
class BlockRule:
    """A building block as the arithmetic needs it (see ``models.Block`` for the meaning)."""

    code: str
    kind: str
    name: str
    value: Decimal | None = None
    share: Decimal | None = None
    max_years: Decimal | None = None
    required_schemes: tuple[str, ...] = ()
    reduction_percentage: Decimal | None = None
    name_en: str = ""

    @classmethod
    def of(cls, block) -> BlockRule:
        return cls(code=block.code, kind=block.kind, name=block.name, value=block.value, share=block.share,
                   max_years=block.max_years, required_schemes=tuple(block.required_schemes or ()),
                   reduction_percentage=block.reduction_percentage, name_en=block.name_en)

    @property
    def page_name(self) -> str:
        """The name in the active language (``explain_all`` writes each language's explanation): the
        English on English pages when the block has it, else the Dutch."""
        return in_page_language(self.name, self.name_en)


@dataclass(frozen=True)
class LineFacts:
    """What the supplier reported on one line. ``approved``: a broker approved an ``other`` line."""

    date: dt.date
    fte: Decimal | None = None
    months: Decimal | None = None
    amount: Decimal | None = None
    hours: Decimal | None = None
    approved: bool = False


@dataclass(frozen=True)
class Seller:
    """The enterprise a purchase was made from, on the invoice date."""

    admitted: bool
    certificates: tuple[CertificateFacts, ...] = ()


@dataclass(frozen=True)
class Valuation:
    amount: Decimal
    explanation: str
    counted_months: Decimal | None = None  # placements: months that counted (after the candidate maximum)
    notes: tuple[str, ...] = field(default_factory=tuple)


# --- formatting -----------------------------------------------------------------------------


def money(value: Decimal) -> str:
    """€ 24.000 for whole euros, € 24.000,50 otherwise (in the active language's format): a block's
    rate in the rule set's table. Explanations write every amount with cents (``cents``)."""
    value = Decimal(value).quantize(CENT, ROUND_HALF_UP)
    places = 0 if value == value.to_integral_value() else 2
    return euro(value, places)


def cents(value: Decimal) -> str:
    """€ 8.500,00 / €8,500.00: every amount in an explanation (a realisation line's, a contract's
    obligation), as the rest of the portal writes it ("€ 8,500 × 100% = € 8,500" stood next to
    "€ 8,500.00")."""
    return euro(Decimal(value).quantize(CENT, ROUND_HALF_UP))


def percent(value: Decimal) -> str:
    return _("%(value)s%%") % {"value": number(value)}


def round_cents(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, ROUND_HALF_UP)


def explain_all(compute: Callable[[], Valuation | str]) -> dict[str, str]:
    """Run ``compute`` once per UI language and collect its explanation: stored texts then show in
    the reader's language. ``compute`` returns a Valuation or a plain string."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            result = compute()
            texts[code] = result.explanation if isinstance(result, Valuation) else result
    return texts


# --- realisations ---------------------------------------------------------------------------


class NotALine(ValueError):
    """A certificate or bonus block is not valued as a line of its own."""


def _require(value, name: str) -> Decimal:
    if value is None:
        raise ValueError(f"{name} is required for this kind of block")
    if Decimal(value) < 0:
        raise ValueError(f"{name} cannot be negative")
    return Decimal(value)


def counted_months(months: Decimal, max_years: Decimal | None, prior_months: Decimal) -> Decimal:
    """Months of a placement line that count, given the months already counted for the same
    candidate under the same block (``max_years`` empty: no maximum)."""
    months = Decimal(months)
    if max_years is None:
        return months
    room = Decimal(max_years) * TWELVE - Decimal(prior_months)
    return max(ZERO, min(months, room))


def valid_on(cert: CertificateFacts, day: dt.date) -> bool:
    """A certificate counts on ``day``: verified (by a broker or an import: one the entrepreneur
    only typed in lowered a contract's obligation by 25 %), issued by then (when known), not past
    its end, not revoked or disputed."""
    return cert.verified and is_valid(cert, day) and (cert.issued_on is None or cert.issued_on <= day)


def value_realisation(
    block: BlockRule,
    line: LineFacts,
    *,
    bonuses: Iterable[BlockRule] = (),
    prior_months: Decimal = ZERO,
    seller: Seller | None = None,
) -> Valuation:
    """What one realisation line is worth under ``block`` (of the contract's pinned rule set).

    - placement: value × fte × months / 12, months beyond the candidate's ``max_years`` (counting
      ``prior_months`` of earlier lines for the same candidate) do not count; each bonus adds its
      value × fte × the same months / 12;
    - work experience: value × months; training: value × months / 12; hours: value × hours;
    - purchase: amount × share, 0 when the seller is not an admitted impact enterprise (no
      schemes required) or holds none of the required certificates valid on the invoice date;
    - other: the line's amount once a broker approved it, 0 before.
    """
    kind = block.kind
    if kind in (BlockKind.CERTIFICATE, BlockKind.BONUS):
        raise NotALine(kind)
    if kind == BlockKind.PLACEMENT:
        return _placement(block, line, tuple(bonuses), Decimal(prior_months))
    if kind == BlockKind.WORK_EXPERIENCE:
        value, months = _require(block.value, "value"), _require(line.months, "months")
        amount = round_cents(value * months)
        return Valuation(amount, _("%(name)s: %(value)s × %(months)s maanden = %(amount)s") % {
            "name": block.page_name, "value": cents(value), "months": number(months), "amount": cents(amount)})
    if kind == BlockKind.TRAINING:
        value, months = _require(block.value, "value"), _require(line.months, "months")
        amount = round_cents(value * months / TWELVE)
        return Valuation(amount, _("%(name)s: %(value)s × %(months)s/12 jaar = %(amount)s") % {
            "name": block.page_name, "value": cents(value), "months": number(months), "amount": cents(amount)})
    if kind == BlockKind.HOURS:
        value, hours = _require(block.value, "value"), _require(line.hours, "hours")
        amount = round_cents(value * hours)
        return Valuation(amount, _("%(name)s: %(value)s × %(hours)s uur = %(amount)s") % {
            "name": block.page_name, "value": cents(value), "hours": number(hours), "amount": cents(amount)})
    if kind == BlockKind.PURCHASE:
        return _purchase(block, line, seller)
    if kind == BlockKind.OTHER:
        amount = _require(line.amount, "amount")
        if not line.approved:
            return Valuation(ZERO, _("%(name)s: %(amount)s telt pas na goedkeuring door een makelaar = %(zero)s") % {
                "name": block.page_name, "amount": cents(amount), "zero": cents(ZERO)})
        amount = round_cents(amount)
        return Valuation(amount, _("%(name)s: goedgekeurd bedrag = %(amount)s") % {
            "name": block.page_name, "amount": cents(amount)})
    raise ValueError(f"Unknown block kind {kind!r}")


def _placement(block: BlockRule, line: LineFacts, bonuses: tuple[BlockRule, ...], prior: Decimal) -> Valuation:
    value, fte, months = _require(block.value, "value"), _require(line.fte, "fte"), _require(line.months, "months")
    counted = counted_months(months, block.max_years, prior)
    total = value * fte * counted / TWELVE
    terms = [_("%(value)s × %(fte)s fte × %(months)s/12 jaar") % {
        "value": cents(value), "fte": number(fte), "months": number(counted)}]
    for bonus in bonuses:
        if bonus.kind != BlockKind.BONUS:
            raise ValueError(f"{bonus.code} is not a bonus block")
        bonus_value = _require(bonus.value, "bonus value")
        total += bonus_value * fte * counted / TWELVE
        terms.append(_bonus_term(bonus.page_name, bonus_value, fte, counted))
    amount = round_cents(total)
    text = _("%(name)s: %(terms)s = %(amount)s") % {"name": block.page_name, "terms": " + ".join(terms),
                                                     "amount": cents(amount)}
    notes = ()
    if counted < months:
        note = _("%(counted)s van %(months)s maanden tellen: maximaal %(years)s jaar per kandidaat") % {
            "counted": number(counted), "months": number(months), "years": number(block.max_years)}
        text = f"{text} ({note})"
        notes = (note,)
    return Valuation(amount, text, counted_months=counted, notes=notes)


def _bonus_term(name: str, value: Decimal, fte: Decimal, months: Decimal) -> str:
    """A bonus's part of a placement: "bonus 50+ € 10.000,00 × …", but a name that already says it is
    a bonus ("Bonus 50+", "Statushouderbonus") is not preceded by the word once more."""
    values = {"name": name, "value": cents(value), "fte": number(fte), "months": number(months)}
    if "bonus" in name.casefold():
        return f"{name} " + _("%(value)s × %(fte)s fte × %(months)s/12 jaar") % values
    return _("bonus %(name)s %(value)s × %(fte)s fte × %(months)s/12 jaar") % values


def _purchase(block: BlockRule, line: LineFacts, seller: Seller | None) -> Valuation:
    amount, share = _require(line.amount, "amount"), _require(block.share, "share")
    reason = None
    if seller is None:
        reason = _("er is geen verkoper opgegeven")
    elif block.required_schemes:
        if not any(c.scheme in block.required_schemes and valid_on(c, line.date) for c in seller.certificates):
            reason = _("de verkoper had op %(date)s geen geldig vereist certificaat") % {
                "date": formats.date_format(line.date, "SHORT_DATE_FORMAT")}
    elif not seller.admitted:
        reason = _("de verkoper is geen toegelaten impactonderneming")
    if reason:
        return Valuation(ZERO, _("%(name)s: telt niet, %(reason)s = %(zero)s") % {
            "name": block.page_name, "reason": reason, "zero": cents(ZERO)}, notes=(reason,))
    value = round_cents(amount * share)
    return Valuation(value, _("%(name)s: %(amount)s × %(share)s = %(value)s") % {
        "name": block.page_name, "amount": cents(amount), "share": percent(share * HUNDRED), "value": cents(value)})


# --- obligations ----------------------------------------------------------------------------


def certificate_reduction(
    blocks: Iterable[BlockRule], certificates: Iterable[CertificateFacts], end_date: dt.date, today: dt.date
) -> BlockRule | None:
    """The certificate block with the largest reduction for which the supplier holds a listed
    certificate that is valid now and stays valid through the contract's end date."""
    certificates = tuple(certificates)
    best = None
    for block in blocks:
        if block.kind != BlockKind.CERTIFICATE or not block.reduction_percentage:
            continue
        holds = any(
            c.scheme in block.required_schemes and valid_on(c, today)
            and (c.valid_until is None or c.valid_until >= end_date)
            for c in certificates
        )
        if holds and (best is None or block.reduction_percentage > best.reduction_percentage):
            best = block
    return best


def contract_obligation(
    value: Decimal, *, percentage: Decimal, threshold: Decimal = ZERO, cap: Decimal | None = None,
    reduction: BlockRule | None = None,
) -> Valuation:
    """value × percentage; 0 below the threshold; lowered by a certificate block's percentage;
    never above the cap (the cap applies last)."""
    value, percentage = Decimal(value), Decimal(percentage)
    if value < Decimal(threshold or 0):
        return Valuation(ZERO, _("Opdrachtwaarde %(value)s ligt onder de drempel van %(threshold)s: geen verplichting") % {
            "value": cents(value), "threshold": cents(threshold)})
    amount = value * percentage / HUNDRED
    text = _("%(value)s × %(percentage)s") % {"value": cents(value), "percentage": percent(percentage)}
    if reduction is not None:
        amount = amount * (HUNDRED - reduction.reduction_percentage) / HUNDRED
        text += " " + _("− %(reduction)s (%(name)s)") % {
            "reduction": percent(reduction.reduction_percentage), "name": reduction.page_name}
    amount = round_cents(amount)
    if cap is not None and amount > Decimal(cap):
        amount = round_cents(cap)
        text += " " + _("begrensd op het maximum van %(cap)s") % {"cap": cents(cap)}
    return Valuation(amount, _("%(text)s = %(amount)s") % {"text": text, "amount": cents(amount)})


def elapsed_share(award_date: dt.date, end_date: dt.date, today: dt.date) -> Decimal:
    """The part of the contract period that has passed, between 0 and 1."""
    if today <= award_date:
        return ZERO
    if today >= end_date or end_date <= award_date:
        return Decimal(1)
    return Decimal((today - award_date).days) / Decimal((end_date - award_date).days)


# A contract's progress is judged only after a start-up period: finding and placing a candidate or
# invoicing a purchase takes time, and a contract awarded days ago with nothing realised yet was
# "behind" at once (the realised 0% lagged the elapsed 0.7%). The start-up period is the first
# three months, or the first quarter of a shorter term.
GRACE_MONTHS = 3


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later; the month's last day where it is shorter
    (30 November + 3 months = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def judged_from(award_date: dt.date, end_date: dt.date) -> dt.date:
    """The first day on which a contract can be behind schedule: three months after the award, or
    a quarter of the term (in whole days) after it where that comes first. Never after the end."""
    term = max((end_date - award_date).days, 0)
    return min(months_after(award_date, GRACE_MONTHS), award_date + dt.timedelta(days=term // 4))


def too_early_to_judge(award_date: dt.date, end_date: dt.date, today: dt.date) -> bool:
    """Within the start-up period (``judged_from``): the contract is on schedule whatever it realised."""
    return today < judged_from(award_date, end_date)


def contract_status(
    *, obligation: Decimal, realised: Decimal, award_date: dt.date, end_date: dt.date, today: dt.date,
    closed: bool = False,
) -> str:
    """closed (by a broker) > no obligation (nothing is owed, e.g. a value below the threshold: not
    "fulfilled", which counted such contracts as fulfilled social return) > fulfilled (realised
    reaches the obligation) > open (nothing realised and the period has not begun) > on track
    while it is too early to judge (the start-up period, ``judged_from``) > behind (the realised
    share of the obligation lags the elapsed share of the period) > on track.

    The one rule of "behind schedule": the contract page, the dashboard tiles and the figures page
    all read the status it stores (``services``; the daily job moves it with the calendar)."""
    if closed:
        return ContractStatus.CLOSED
    obligation, realised = Decimal(obligation), Decimal(realised)
    if obligation <= 0:
        return ContractStatus.NO_OBLIGATION
    if realised >= obligation:
        return ContractStatus.FULFILLED
    elapsed = elapsed_share(award_date, end_date, today)
    if realised <= 0 and elapsed == 0:
        return ContractStatus.OPEN
    if too_early_to_judge(award_date, end_date, today):
        return ContractStatus.ON_TRACK
    return ContractStatus.BEHIND if realised / obligation < elapsed else ContractStatus.ON_TRACK
