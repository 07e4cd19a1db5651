"""Match-making from the database, and warnings when an SROI credit a contract relies on lapses.

``matches_for`` narrows the candidates in the database — admitted enterprises, a required
certificate valid through the contract's end (EXISTS), the contract's category first, nearest
first (a location tier computed in SQL) — fetches a bounded pool (``POOL_FACTOR`` × the limit)
and scores only that pool with the pure ``matching.rank``. At 100,000 enterprises it reads a
few hundred rows, never the register.

``credit_lapse_warnings`` runs right after the register's daily certificate job (the
``enterprises.signals.certificates_checked`` hook): contracts whose obligation is lowered by the
supplier's certificate, and contracts with purchase lines from a seller whose certificate the
purchase block requires, tell their organisation's brokers once per event."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises import checks
from enterprises.constants import AdmissionStatus
from enterprises.models import Certification, Enterprise, Offering
from impactportal import access
from impactportal.accounts.constants import Role
from impactportal.accounts.models import Organisation, users_with_role
from impactportal.db.walks import serial
from impactportal.notifications import notify_all
from impactportal.prepared import IdsQuery
from impactportal.text import short_date

from . import matching
from .constants import BlockKind, ContractStatus, MeetingOutcome, RealisationStatus
from .models import Block, Contract, MatchMeeting, Realisation
from .valuation import BlockRule

# The pool scored in Python is this many times the number of matches shown: the SQL order
# (category, location, capacity) is the score without the certificate and purchase-share
# components, which can still reorder candidates within it.
POOL_FACTOR = 5
MAX_LIMIT = 100
# Within a tier: most places for people with a distance to the labour market first, then the
# largest; the order of the partial indexes on Enterprise (enterprise_match_capacity*).
CAPACITY_ORDER = (F("disadvantaged_count").desc(nulls_last=True), F("headcount").desc(nulls_last=True), "pk")


# --- matching -------------------------------------------------------------------------------


def contract_facts(contract: Contract) -> matching.ContractFacts:
    """The contract as the scoring function sees it (two small queries: blocks and region)."""
    blocks = tuple(BlockRule.of(b) for b in Block.objects.filter(rule_set_id=contract.rule_set_id,
                                                                  kind=BlockKind.PURCHASE))
    neighbours = frozenset(Organisation.objects.filter(regions__members=contract.organisation_id)
                           .values_list("pk", flat=True).distinct())
    return matching.ContractFacts(
        end_date=contract.end_date, organisation_id=contract.organisation_id, category_id=contract.category_id,
        # The category as the page's language names it (its English name on English pages).
        category_name=str(contract.category) if contract.category_id else "",
        region_municipality_ids=neighbours, purchase_blocks=blocks)


def holding_through(end_date: dt.date, today: dt.date):
    """Certificates verified and valid today (issued, not revoked or disputed) and still valid on ``end_date``:
    the database twin of ``matching.holds_through``."""
    return (Certification.objects.valid(today).filter(verified_at__isnull=False)
            .filter(Q(issued_on__isnull=True) | Q(issued_on__lte=today))
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=end_date)))


def _candidates_query(facts: matching.ContractFacts, user, today: dt.date):
    """Admitted enterprises whose purchases can count (unordered; see ``_pool_rows``)."""
    qs = Enterprise.objects.for_user(user).filter(admission_status=AdmissionStatus.ADMITTED)
    if all(b.required_schemes for b in facts.purchase_blocks):
        # Every block asks for a certificate: one of them must hold through the contract's end.
        schemes = sorted({s for b in facts.purchase_blocks for s in b.required_schemes})
        certified = holding_through(facts.end_date, today).filter(enterprise=OuterRef("pk"), scheme__in=schemes)
        qs = qs.filter(Exists(certified))
    return qs


def _tiers(facts: matching.ContractFacts):
    """The location tiers, nearest first, as filters: the contract's own municipality, the rest
    of its region, elsewhere."""
    region = sorted(facts.region_municipality_ids - {facts.organisation_id})
    yield Q(municipality_id=facts.organisation_id)
    if region:
        yield Q(municipality_id__in=region)
    yield ~Q(municipality_id__in=[facts.organisation_id, *region])


def _pool_rows(facts: matching.ContractFacts, user, size: int, today: dt.date, narrow=None) -> list[tuple]:
    """At most ``size`` candidates, pre-ranked in SQL: those offering the contract's category
    first, within that the nearest tier first, within a tier the largest capacity first.

    One query per (category, tier) group, stopping once the pool is full (usually after the
    first): each is a walk down the partial index ``enterprise_match_capacity`` (or its
    per-municipality twin) that stops after ``size`` hits, where one query ordered by a computed
    tier has to read and sort every admitted enterprise (110 ms vs 15 ms at 100,000).

    ``narrow`` (a queryset → queryset function, the matches page's filters: place, offering,
    name) narrows the candidates in SQL before the pool is taken.

    The walks read ids only, and the rows are fetched by id afterwards: the indexes carry the
    municipality (``enterprise_match_capacity`` includes it), so a walk never visits the table.
    Where few enterprises offer the category, the walk over the other municipalities passes
    thousands of entries before the pool is full (10,000 for 440 at 100,000 enterprises): reading
    each one's row took 60 of the page's 120 ms, the index alone 2."""
    base = _candidates_query(facts, user, today)
    if narrow is not None:
        base = narrow(base)
    groups = [base]
    if facts.category_id is not None:
        offers = Exists(Offering.objects.filter(enterprise=OuterRef("pk"), category_id=facts.category_id))
        groups = [base.filter(offers), base.filter(~offers)]
    ids: list[int] = []
    with serial():
        for group in groups:
            for tier in _tiers(facts):
                if len(ids) < size:
                    ids += group.filter(tier).order_by(*CAPACITY_ORDER).values_list("pk", flat=True)[:size - len(ids)]
    position = {pk: index for index, pk in enumerate(ids)}
    return sorted(_POOL_ROWS.rows(ids), key=lambda row: position[row[0]])


# The pool's rows and facts by the ids of its enterprises (a few hundred): SQL compiled once, the
# ids sent as one array on PostgreSQL (``IdsQuery``). The rows follow the walk's order and the
# offerings become sets, so neither is sorted by the models' default (name); the certificates
# keep theirs, which decides between two that hold equally long (``matching._certificate``).
_POOL_ROWS = IdsQuery(lambda ids: Enterprise.objects.filter(pk__in=ids).order_by().values_list(
    "pk", "name", "municipality_id", "headcount", "disadvantaged_count", "admission_status"))
_POOL_CERTIFICATES = IdsQuery(lambda ids: Certification.objects.filter(enterprise_id__in=ids).values_list(
    "enterprise_id", *Certification.FACT_COLUMNS))
_POOL_OFFERINGS = IdsQuery(lambda ids: Offering.objects.filter(enterprise_id__in=ids).order_by().values_list(
    "enterprise_id", "category_id"))


def candidate_pool(facts: matching.ContractFacts, *, user, size: int, today: dt.date,
                   narrow=None) -> list[matching.CandidateFacts]:
    rows = _pool_rows(facts, user, size, today, narrow)
    ids = [row[0] for row in rows]
    certificates, categories = defaultdict(list), defaultdict(set)
    for enterprise_id, *columns in _POOL_CERTIFICATES.rows(ids):
        certificates[enterprise_id].append(Certification.facts_of(*columns))
    for enterprise_id, category_id in _POOL_OFFERINGS.rows(ids):
        categories[enterprise_id].add(category_id)
    return [matching.CandidateFacts(
        enterprise_id=pk, name=name, municipality_id=municipality_id, admitted=status == AdmissionStatus.ADMITTED,
        category_ids=frozenset(categories[pk]), headcount=headcount, disadvantaged_count=disadvantaged,
        certificates=tuple(certificates[pk])) for pk, name, municipality_id, headcount, disadvantaged, status in rows]


def has_remaining(contract: Contract) -> bool:
    return contract.status != ContractStatus.CLOSED and contract.remaining > 0


def matches_for(contract: Contract, *, user, limit: int = 20, today: dt.date | None = None,
                narrow=None) -> list[matching.Match]:
    """The best ``limit`` enterprises to fulfil the contract's remaining obligation with, best
    first; empty when nothing remains or no purchase block lets purchases count. ``narrow``: see
    ``_pool_rows``."""
    today = today or timezone.localdate()
    access.require(user, "match", contract)
    limit = max(1, min(int(limit), MAX_LIMIT))
    if not has_remaining(contract):
        return []
    facts = contract_facts(contract)
    if not facts.purchase_blocks:
        return []
    pool = candidate_pool(facts, user=user, size=limit * POOL_FACTOR, today=today, narrow=narrow)
    return matching.rank(facts, pool, today, limit)


# --- match-making meetings ------------------------------------------------------------------


def meeting_errors(*, date, outcome, agreed_amount, follow_up_on, today: dt.date) -> dict[str, str]:
    """What is wrong with a meeting across its fields, by field. The meeting form asks this too,
    so that these errors show together with the fields' own (a follow-up before the date was only
    reported once an amount had been filled in); a value its field refused arrives as None and is
    compared with nothing."""
    errors = {}
    # Only a planned meeting can lie ahead: an outcome is known once the meeting has taken place.
    if outcome and outcome != MeetingOutcome.PLANNED and date and date > today:
        errors["date"] = _("Een gesprek met een uitkomst kan niet in de toekomst liggen. Kies een datum tot en met "
                           "%(today)s, of de uitkomst '%(planned)s'.") % {
                               "today": short_date(today), "planned": MeetingOutcome.PLANNED.label}
    if outcome == MeetingOutcome.AGREED and agreed_amount is None:
        errors["agreed_amount"] = _("Vul het afgesproken bedrag in: de uitkomst is een afspraak.")
    if follow_up_on and date and follow_up_on < date:
        errors["follow_up_on"] = _("Het vervolg ligt vóór de datum van het gesprek.")
    return errors


@transaction.atomic
def meeting_save(*, meeting: MatchMeeting, by, today: dt.date | None = None) -> MatchMeeting:
    """Record a match-making meeting (the grant "match" on its contract) or update one (the
    meeting's change grant, checked on the locked row). Only a planned meeting may lie after today."""
    if meeting.pk is None:
        contract = Contract.objects.select_for_update().get(pk=meeting.contract_id)
        access.require(by, "match", contract)
        meeting.recorded_by = meeting.recorded_by or by
    else:
        access.require(by, access.CHANGE, MatchMeeting.objects.select_for_update().get(pk=meeting.pk))
    meeting.full_clean()
    errors = meeting_errors(date=meeting.date, outcome=meeting.outcome, agreed_amount=meeting.agreed_amount,
                            follow_up_on=meeting.follow_up_on, today=today or timezone.localdate())
    if errors:
        raise ValidationError(errors)
    meeting.save()
    return meeting


# --- SROI credit lapse warnings ---------------------------------------------------------------


def _relying_pairs(today: dt.date) -> dict[tuple[int, int], set[str]]:
    """(contract id, enterprise id) → the schemes that earn this contract credit from that
    enterprise: the supplier's certificate under a certificate block, a seller's under the
    purchase block of its lines. Open contracts that have not ended only."""
    running = Q(closed_at__isnull=True, end_date__gte=today)
    pairs: dict[tuple[int, int], set[str]] = defaultdict(set)
    certificate_blocks = defaultdict(set)
    for rule_set_id, schemes in Block.objects.filter(kind=BlockKind.CERTIFICATE).values_list(
            "rule_set_id", "required_schemes"):
        certificate_blocks[rule_set_id].update(schemes or ())
    for contract_id, supplier_id, rule_set_id in Contract.objects.filter(
            running, supplier__isnull=False, rule_set_id__in=list(certificate_blocks)).values_list(
            "pk", "supplier_id", "rule_set_id"):
        pairs[(contract_id, supplier_id)] |= certificate_blocks[rule_set_id]
    lines = (Realisation.objects.filter(block__kind=BlockKind.PURCHASE, seller__isnull=False)
             .exclude(status=RealisationStatus.REJECTED).exclude(block__required_schemes=[])
             .filter(contract__closed_at__isnull=True, contract__end_date__gte=today)
             .values_list("contract_id", "seller_id", "block__required_schemes").distinct())
    for contract_id, seller_id, schemes in lines:
        pairs[(contract_id, seller_id)] |= set(schemes or ())
    return pairs


def credit_lapse_warnings(*, today: dt.date) -> int:
    """Tell a contract's brokers when a certificate that earns it SROI credit lapses before the
    contract ends (or is no longer valid), unless another certificate that counts holds through
    the end. One notification per contract, certificate and end date: a second run sends nothing."""
    pairs = _relying_pairs(today)
    if not pairs:
        return 0
    enterprise_ids = {enterprise_id for _contract, enterprise_id in pairs}
    certificates = defaultdict(list)
    for cert in Certification.objects.filter(enterprise_id__in=enterprise_ids, scheme__in=checks.SROI_CREDIT_SCHEMES):
        certificates[cert.enterprise_id].append(cert)
    contracts = Contract.objects.in_bulk({contract_id for contract_id, _e in pairs})
    names = dict(Enterprise.objects.filter(pk__in=enterprise_ids).values_list("pk", "name"))
    brokers: dict[int, list] = {}
    sent = 0
    for (contract_id, enterprise_id), schemes in sorted(pairs.items()):
        contract = contracts[contract_id]
        relevant = [c for c in certificates[enterprise_id] if c.scheme in schemes]
        if not relevant or any(matching.holds_through(c.facts, contract.end_date, today) for c in relevant):
            continue  # never earned credit, or still does through the end
        best = max(relevant, key=lambda c: (checks.is_valid(c.facts, today), c.valid_until or dt.date.max, c.pk))
        finding = checks.credit_lapses_before(best.facts, contract.end_date, today)
        if finding is None:
            continue
        recipients = brokers.setdefault(contract.organisation_id,
                                        list(users_with_role(Role.BROKER, organisation=contract.organisation_id)))
        values = {"name": names[enterprise_id], "contract": contract.title}

        def message(values=values, facts=best.facts, end=contract.end_date):
            # The finding again, in the language being written (its message has a date in it).
            written = checks.credit_lapses_before(facts, end, today)
            return (_("SROI-krediet vervalt: %(name)s bij %(contract)s") % values,
                    _("%(finding)s Het certificaat van %(name)s telt mee voor de social return van het contract "
                      "'%(contract)s'. Spreek een nieuw certificaat of een andere invulling af.") % {
                        **values, "finding": written.message})

        sent += notify_all(
            recipients, message=message,
            url=reverse("procurement:contract-detail", args=[contract.pk]),
            dedupe_key=f"sroi-credit:{contract.pk}:{best.pk}:{finding.code}:{best.valid_until}")
    return sent


def on_certificates_checked(sender, *, today: dt.date, **kwargs) -> dict:
    """Receiver of ``enterprises.signals.certificates_checked`` (connected in ``apps.py``)."""
    return {"sroi_credit_warnings": credit_lapse_warnings(today=today)}
