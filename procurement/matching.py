"""Match-making (the "intake table"): which admitted enterprises can help a supplier fulfil the
remaining social-return obligation of a contract, and why. Pure: no database, no clock.

``counting_block`` says whether purchases from an enterprise would count under the contract's
purchase blocks at all; an enterprise for which it returns None is EXCLUDED (never ranked low).
``score_candidate`` gives the others a score in [0, 1] (shown as a percentage, "90%") as the sum
of five components, each with the points it earned and a sentence in plain words. ``rank`` does
both for a pool of candidates.
``services_matching`` narrows the pool in the database first (never 100,000 rows in Python)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, npgettext

from enterprises.checks import QUALITY_MARKS, CertificateFacts
from enterprises.constants import Scheme
from impactportal.scores import score_percent

from .constants import BlockKind
from .valuation import BlockRule, percent, valid_on

ZERO, ONE = Decimal("0"), Decimal("1")
POINTS = Decimal("0.001")

CATEGORY, LOCATION, PURCHASE, CERTIFICATE, CAPACITY = "category", "location", "purchase", "certificate", "capacity"

# --- weights ------------------------------------------------------------------------------
# They add up to 1, so the score is a share of the best possible match. Why these sizes:
# - category: an enterprise that sells what the contract is about can be subcontracted inside
#   the work itself, the most direct way suppliers fulfil social return — the largest weight;
# - location: buyers want the social return in their own municipality (their council asks for
#   it), the region is second best;
# - purchase: how much of an invoice counts (the block's share) decides how far the money goes;
# - certificate: a required or quality certificate that holds through the contract's end means
#   the credit will not lapse halfway — important, but already a condition for counting;
# - capacity: size and the number of people with a distance to the labour market say whether
#   the enterprise can take on more work and placements; counts are self-declared, so smallest.
WEIGHT_CATEGORY = Decimal("0.30")
WEIGHT_LOCATION = Decimal("0.20")
WEIGHT_PURCHASE = Decimal("0.20")
WEIGHT_CERTIFICATE = Decimal("0.15")
WEIGHT_CAPACITY = Decimal("0.15")
assert WEIGHT_CATEGORY + WEIGHT_LOCATION + WEIGHT_PURCHASE + WEIGHT_CERTIFICATE + WEIGHT_CAPACITY == ONE

WEIGHTS = {CATEGORY: WEIGHT_CATEGORY, LOCATION: WEIGHT_LOCATION, PURCHASE: WEIGHT_PURCHASE,
           CERTIFICATE: WEIGHT_CERTIFICATE, CAPACITY: WEIGHT_CAPACITY}

# A contract without a category cannot tell fit from misfit: every candidate gets half.
NO_CATEGORY_SHARE = Decimal("0.5")
# Same municipality counts fully, the same region half, elsewhere nothing.
REGION_SHARE = Decimal("0.5")
# Capacity is half size, half people with a distance to the labour market, each full from
# these counts on (a team of 50 can take on a contract's work; 10 such colleagues mean an
# experienced work-and-coaching setting).
FULL_HEADCOUNT = 50
FULL_DISADVANTAGED = 10

COMPONENTS = (CATEGORY, LOCATION, PURCHASE, CERTIFICATE, CAPACITY)
COMPONENT_LABELS = {
    CATEGORY: gettext_lazy("Aanbod"), LOCATION: gettext_lazy("Vestiging"), PURCHASE: gettext_lazy("Inkoop telt mee"),
    CERTIFICATE: gettext_lazy("Certificaat"), CAPACITY: gettext_lazy("Capaciteit"),
}


@dataclass(frozen=True)
class ContractFacts:
    """What matching needs of a contract. ``region_municipality_ids``: the municipalities that
    share a region with the contracting organisation (the organisation itself may be in it)."""

    end_date: dt.date
    organisation_id: int
    category_id: int | None = None
    category_name: str = ""
    region_municipality_ids: frozenset[int] = frozenset()
    purchase_blocks: tuple[BlockRule, ...] = ()


@dataclass(frozen=True)
class CandidateFacts:
    enterprise_id: int
    name: str
    municipality_id: int
    admitted: bool = True
    category_ids: frozenset[int] = frozenset()
    headcount: int | None = None
    disadvantaged_count: int | None = None
    certificates: tuple[CertificateFacts, ...] = ()


@dataclass(frozen=True)
class Reason:
    """A component's points and, on demand, the sentence that explains them: ``rank`` scores a
    pool five times the size of the list it shows, and writing (translating, formatting dates and
    percentages) the sentences of the candidates nobody sees cost more than scoring them."""

    component: str
    points: Decimal
    explain: Callable[[], str] = field(repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.explain()

    @property
    def label(self) -> str:
        return str(COMPONENT_LABELS[self.component])

    @property
    def weight(self) -> Decimal:
        return WEIGHTS[self.component]

    @property
    def points_shown(self) -> str:
        return score_percent(self.points)

    @property
    def weight_shown(self) -> str:
        return score_percent(self.weight)


@dataclass(frozen=True)
class Match:
    enterprise_id: int
    name: str
    score: Decimal
    reasons: tuple[Reason, ...]

    @property
    def score_shown(self) -> str:
        """As people read a match: a percentage, "90%" (``impactportal.scores``); the reasons'
        points and weights likewise, so they add up to it ("Aanbod (30% / 30%)")."""
        return score_percent(self.score)


def holds_through(cert: CertificateFacts, end_date: dt.date, today: dt.date) -> bool:
    """Valid today and still valid on the contract's end date (``valid_until`` is inclusive)."""
    return valid_on(cert, today) and (cert.valid_until is None or cert.valid_until >= end_date)


def _block_counts(block: BlockRule, candidate: CandidateFacts, end_date: dt.date, today: dt.date) -> bool:
    if block.required_schemes:
        return any(c.scheme in block.required_schemes and holds_through(c, end_date, today)
                   for c in candidate.certificates)
    return candidate.admitted


def counting_block(contract: ContractFacts, candidate: CandidateFacts, today: dt.date) -> BlockRule | None:
    """The purchase block under which purchases from ``candidate`` count best (largest share),
    or None: no purchase block, or the candidate lacks every required certificate valid through
    the end date (schemes required), or is not admitted (none required) — then it is excluded."""
    best = None
    for block in contract.purchase_blocks:
        if block.kind != BlockKind.PURCHASE or not _block_counts(block, candidate, contract.end_date, today):
            continue
        if best is None or (block.share or ZERO) > (best.share or ZERO):
            best = block
    return best


def is_excluded(contract: ContractFacts, candidate: CandidateFacts, today: dt.date) -> bool:
    return counting_block(contract, candidate, today) is None


def _points(weight: Decimal, share: Decimal) -> Decimal:
    return (weight * min(max(share, ZERO), ONE)).quantize(POINTS, ROUND_HALF_UP)


def _date(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _category(contract: ContractFacts, candidate: CandidateFacts) -> Reason:
    if contract.category_id is None:
        return Reason(CATEGORY, _points(WEIGHT_CATEGORY, NO_CATEGORY_SHARE),
                      lambda: _("Het contract heeft geen categorie: elk aanbod telt even zwaar."))
    if contract.category_id in candidate.category_ids:
        return Reason(CATEGORY, _points(WEIGHT_CATEGORY, ONE), lambda: _(
            "Biedt %(category)s aan, de categorie van het contract.") % {"category": contract.category_name})
    return Reason(CATEGORY, ZERO.quantize(POINTS),
                  lambda: _("Biedt geen %(category)s aan, de categorie van het contract.") % {
                      "category": contract.category_name})


def _location(contract: ContractFacts, candidate: CandidateFacts) -> Reason:
    if candidate.municipality_id == contract.organisation_id:
        return Reason(LOCATION, _points(WEIGHT_LOCATION, ONE),
                      lambda: _("Gevestigd in de gemeente van de opdrachtgever."))
    if candidate.municipality_id in contract.region_municipality_ids:
        return Reason(LOCATION, _points(WEIGHT_LOCATION, REGION_SHARE),
                      lambda: _("Gevestigd in dezelfde regio als de opdrachtgever."))
    return Reason(LOCATION, ZERO.quantize(POINTS), lambda: _("Gevestigd buiten de regio van de opdrachtgever."))


def _purchase(block: BlockRule) -> Reason:
    share = block.share or ZERO
    return Reason(PURCHASE, _points(WEIGHT_PURCHASE, share),
                  lambda: _("Inkoop telt mee onder '%(block)s': %(share)s van het factuurbedrag.") % {
                      "block": block.page_name, "share": percent(share * 100)})


def _certificate(contract: ContractFacts, block: BlockRule, candidate: CandidateFacts, today: dt.date) -> Reason:
    # Required schemes first (the block's own); without any, a quality mark shows the same.
    wanted = set(block.required_schemes) or set(QUALITY_MARKS)
    holding = sorted((c for c in candidate.certificates
                      if c.scheme in wanted and holds_through(c, contract.end_date, today)),
                     key=lambda c: (c.valid_until is not None, c.valid_until or dt.date.max))
    if holding:
        cert = holding[0]
        return Reason(CERTIFICATE, _points(WEIGHT_CERTIFICATE, ONE), lambda: _holds_text(cert))
    return Reason(CERTIFICATE, ZERO.quantize(POINTS), lambda: _(
        "Geen keurmerk dat geldig blijft tot het einde van het contract (%(end)s); telt mee als "
        "toegelaten impactonderneming.") % {"end": _date(contract.end_date)})


def _holds_text(cert: CertificateFacts) -> str:
    until = (_("zonder einddatum") if cert.valid_until is None
             else _("geldig tot en met %(date)s") % {"date": _date(cert.valid_until)})
    return _("Certificaat %(scheme)s blijft geldig tot het einde van het contract (%(until)s).") % {
        "scheme": _scheme_name(cert.scheme), "until": until}


def _scheme_name(code: str) -> str:
    return Scheme(code).label if code in Scheme.values else code


def _capacity(candidate: CandidateFacts) -> Reason:
    size = Decimal(min(candidate.headcount or 0, FULL_HEADCOUNT)) / FULL_HEADCOUNT
    people = Decimal(min(candidate.disadvantaged_count or 0, FULL_DISADVANTAGED)) / FULL_DISADVANTAGED
    points = _points(WEIGHT_CAPACITY, (size + people) / 2)
    if candidate.headcount is None:
        return Reason(CAPACITY, points, lambda: _("Het aantal medewerkers is niet bekend."))
    return Reason(CAPACITY, points, lambda: _capacity_text(candidate.headcount, candidate.disadvantaged_count))


def _capacity_text(headcount: int, disadvantaged: int | None) -> str:
    """"74 medewerkers, van wie 1 met een afstand …": singular and plural by the counts (in
    English "1 of whom is", "5 of whom are")."""
    employees = ngettext("%(count)s medewerker", "%(count)s medewerkers", headcount) % {"count": headcount}
    if disadvantaged is None:
        return _("%(employees)s; hoeveel met een afstand tot de arbeidsmarkt is niet bekend (eigen opgave).") % {
            "employees": employees}
    return npgettext(
        "matching capacity",
        "%(employees)s, van wie %(disadvantaged)s met een afstand tot de arbeidsmarkt (eigen opgave).",
        "%(employees)s, van wie %(disadvantaged)s met een afstand tot de arbeidsmarkt (eigen opgave).",
        disadvantaged) % {"employees": employees, "disadvantaged": disadvantaged}


def score_candidate(contract: ContractFacts, candidate: CandidateFacts, today: dt.date) -> Match | None:
    """The candidate's score in [0, 1] with a reason per component, or None when purchases from
    it would not count under the contract's blocks (excluded, see ``counting_block``)."""
    block = counting_block(contract, candidate, today)
    if block is None:
        return None
    reasons = (_category(contract, candidate), _location(contract, candidate), _purchase(block),
               _certificate(contract, block, candidate, today), _capacity(candidate))
    score = min(sum((r.points for r in reasons), ZERO), ONE)
    return Match(candidate.enterprise_id, candidate.name, score, reasons)


def rank(contract: ContractFacts, candidates: Iterable[CandidateFacts], today: dt.date,
         limit: int | None = None) -> list[Match]:
    """Scores of the candidates that are not excluded, best first; ties by name, then id, so the
    order never depends on the order the database returned them in."""
    matches = [m for m in (score_candidate(contract, c, today) for c in candidates) if m is not None]
    matches.sort(key=lambda m: (-m.score, m.name.casefold(), m.enterprise_id))
    return matches if limit is None else matches[:limit]
