"""State changes of social return: pinning a rule set at award, valuing and assessing
realisations, keeping a contract's totals and status current. Keyword-only, inside a
transaction, called from views, API, tasks and seeding alike; ``by`` is the acting user.

Decisions (verify, reject, close) re-read their row under a lock and check the grant there."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from enterprises.constants import AdmissionStatus
from impactportal import access

from . import valuation
from .constants import KIND_FIELDS, LINE_FIELDS, NOT_A_LINE, BlockKind, ContractStatus, RealisationStatus
from .models import Block, Contract, Realisation, RuleSet, reported_value


def _locked(obj):
    return type(obj).objects.select_for_update().get(pk=obj.pk)


# --- rule sets ------------------------------------------------------------------------------


def valid_rule_sets(day: dt.date):
    """Published rule sets valid on ``day`` (any organisation's or region's: every broker reads them
    and compares a line under them; a contract pins one of ``applicable_rule_sets`` only)."""
    return RuleSet.objects.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day), valid_from__lte=day)


def default_rule_set(organisation, day: dt.date) -> RuleSet | None:
    """The organisation's own rule set valid on ``day``, else its region's (latest version first)."""
    valid = valid_rule_sets(day).order_by("-valid_from", "-version", "-id")
    return (valid.filter(organisation=organisation).first()
            or valid.filter(region__members=organisation).first())


def applicable_rule_sets(organisations):
    """The rule sets a contract of one of these organisations (a queryset) may pin: their own and
    their regions' (``RuleSet.applicable_to``), not another municipality's or region's."""
    return RuleSet.objects.filter(Q(organisation__in=organisations) | Q(region__members__in=organisations)).distinct()


def not_applicable_message(organisation) -> str:
    return _("Deze regeling geldt niet voor %(organisation)s. Kies een regeling van %(organisation)s of van "
             "een regio waar zij lid van is.") % {"organisation": organisation}


def is_pinned(rule_set: RuleSet) -> bool:
    """A rule set a contract relies on is never changed again: make a new version instead."""
    return rule_set.contracts.exists()


# --- contracts ------------------------------------------------------------------------------


def supplier_certificates(contract: Contract):
    if not contract.supplier_id:
        return ()
    return tuple(c.facts for c in contract.supplier.certifications.all())


def obligation_of(contract: Contract, *, today: dt.date | None = None, certificates=None) -> valuation.Valuation:
    today = today or timezone.localdate()
    rule_set = contract.rule_set
    certificates = supplier_certificates(contract) if certificates is None else certificates
    blocks = [valuation.BlockRule.of(b) for b in rule_set.blocks.all() if b.kind == BlockKind.CERTIFICATE]
    reduction = valuation.certificate_reduction(blocks, certificates, contract.end_date, today)
    return valuation.contract_obligation(contract.value, percentage=rule_set.obligation_percentage,
                                         threshold=rule_set.threshold, cap=rule_set.cap, reduction=reduction)


def _apply_obligation(contract: Contract, today: dt.date) -> None:
    certificates = supplier_certificates(contract)
    result = obligation_of(contract, today=today, certificates=certificates)
    contract.obligation = result.amount
    contract.obligation_explanations = valuation.explain_all(
        lambda: obligation_of(contract, today=today, certificates=certificates))


def _apply_status(contract: Contract, today: dt.date) -> None:
    contract.status = valuation.contract_status(
        obligation=contract.obligation, realised=contract.realised, award_date=contract.award_date,
        end_date=contract.end_date, today=today, closed=contract.closed_at is not None)


@transaction.atomic
def contract_save(*, contract: Contract, by, today: dt.date | None = None) -> Contract:
    """Create or update a contract. On creation the rule set is pinned: the one chosen, or by
    default the organisation's own (else its region's) valid on the award date."""
    today = today or timezone.localdate()
    creating = contract.pk is None
    if creating:
        if contract.rule_set_id:
            # Pinned as it is now, locked until the contract is saved: the form's copy was read
            # before a change of the (not yet pinned) rule set, and the obligation was computed
            # from rules it no longer had. A change waits for this contract and is then refused.
            contract.rule_set = RuleSet.objects.select_for_update().get(pk=contract.rule_set_id)
        if not contract.rule_set_id:
            rule_set = default_rule_set(contract.organisation, contract.award_date) if contract.award_date else None
            if rule_set is None:
                raise ValidationError({"rule_set": _(
                    "Er is geen SROI-regeling van uw organisatie of regio geldig op de gunningsdatum; kies er een.")})
            contract.rule_set = RuleSet.objects.select_for_update().get(pk=rule_set.pk)
        else:
            if contract.organisation_id and not contract.rule_set.applies_to(contract.organisation):
                raise ValidationError({"rule_set": not_applicable_message(contract.organisation)})
            if contract.award_date and not contract.rule_set.is_valid_on(contract.award_date):
                raise ValidationError({"rule_set": _("Deze regeling is niet geldig op de gunningsdatum.")})
        contract.created_by = contract.created_by or by
    else:
        # The row is locked and its totals taken from it: the form's copy was read before a line
        # verified meanwhile, and saving it wrote the old realised amount and status back.
        stored = Contract.objects.select_for_update().values(
            "rule_set_id", "organisation_id", "closed_at", "realised", "reported", "obligation",
            "obligation_explanations", *OBLIGATION_TERMS).get(pk=contract.pk)
        stored_rule_set, stored_organisation, closed_at = stored["rule_set_id"], stored["organisation_id"], stored["closed_at"]
        contract.realised, contract.reported = stored["realised"], stored["reported"]
        # A closed contract is final (its close action says so): a new value would change the
        # obligation it was closed with.
        if closed_at is not None:
            raise ValidationError(_("Dit contract is afgesloten en verandert niet meer."))
        if contract.rule_set_id != stored_rule_set:
            raise ValidationError({"rule_set": _("De regeling is vastgelegd bij de gunning en verandert niet meer.")})
        # The pinned rule set stays: another client must be one it applies to as well.
        if contract.organisation_id != stored_organisation and not contract.rule_set.applies_to(contract.organisation):
            raise ValidationError({"organisation": _(
                "De vastgelegde regeling %(rule_set)s geldt niet voor %(organisation)s.") % {
                "rule_set": contract.rule_set, "organisation": contract.organisation}})
    if contract.supplier_id and not contract.supplier_name:
        contract.supplier_name = contract.supplier.name
    if not contract.supplier_id and not contract.supplier_name:
        raise ValidationError({"supplier_name": _("Kies een leverancier uit het register of vul een naam in.")})
    contract.full_clean()
    if creating or any(getattr(contract, name) != stored[name] for name in OBLIGATION_TERMS):
        _apply_obligation(contract, today)
    else:
        # The obligation set with the contract's terms stays as it was: a new title or contact person
        # would otherwise recompute the certificate reduction with today's certificates. A credit that
        # lapses since is the lapse warning's business (services_matching.credit_lapse_warnings).
        contract.obligation, contract.obligation_explanations = stored["obligation"], stored["obligation_explanations"]
    _apply_status(contract, today)
    contract.save()
    return contract


# The fields the obligation is computed from (with the pinned rule set, which does not change).
OBLIGATION_TERMS = ("value", "award_date", "end_date", "supplier_id")


def refresh_totals(contract: Contract, *, today: dt.date | None = None) -> Contract:
    """Recount realised (verified) and reported (submitted; a pending "other" claim at its claimed
    amount, see ``reported_value``) value and the status. Call inside the transaction that
    changed a line, with the contract locked."""
    today = today or timezone.localdate()
    sums = contract.realisations.aggregate(
        realised=Sum("value", filter=Q(status=RealisationStatus.VERIFIED)),
        reported=Sum(reported_value(), filter=Q(status=RealisationStatus.SUBMITTED)))
    contract.realised = sums["realised"] or Decimal("0")
    contract.reported = sums["reported"] or Decimal("0")
    _apply_status(contract, today)
    contract.save(update_fields=["realised", "reported", "status", "updated_at"])
    return contract


@transaction.atomic
def contract_close(*, contract: Contract, by, today: dt.date | None = None) -> Contract:
    contract = access.require_locked(by, "verify", contract)
    if contract.closed_at is not None:
        raise ValidationError(_("Dit contract is al afgesloten."))
    # Closing makes the realised value final: a line still awaiting assessment would either never
    # count or change a closed contract's figures afterwards. Lines are added and assessed under
    # this contract's lock, so the count cannot change before the close is saved.
    pending = contract.realisations.filter(status=RealisationStatus.SUBMITTED).count()
    if pending:
        raise ValidationError(ngettext(
            "Er staat nog %(count)s realisatie ter beoordeling. Verifieer of wijs die eerst af; daarna "
            "kunt u het contract afsluiten.",
            "Er staan nog %(count)s realisaties ter beoordeling. Verifieer of wijs die eerst af; daarna "
            "kunt u het contract afsluiten.", pending) % {"count": pending})
    contract.closed_at = timezone.now()
    _apply_status(contract, today or timezone.localdate())
    contract.save(update_fields=["closed_at", "status", "updated_at"])
    return contract


def refresh_statuses(*, today: dt.date) -> int:
    """The daily job: statuses move with the calendar (a contract falls behind as time passes)."""
    changed = 0
    for contract in Contract.objects.filter(closed_at__isnull=True).exclude(
            status__in=[ContractStatus.FULFILLED, ContractStatus.NO_OBLIGATION]).iterator():
        old = contract.status
        _apply_status(contract, today)
        # Only while the row still holds what the status was computed from: a line verified (or a
        # contract closed) since it was read has written its own status, which the job's stale
        # one overwrote until the next day.
        if contract.status != old and Contract.objects.filter(
                pk=contract.pk, status=old, realised=contract.realised, obligation=contract.obligation,
                closed_at__isnull=True).update(status=contract.status):
            changed += 1
    return changed


# --- realisations ---------------------------------------------------------------------------


def _field_errors(block: Block, values: dict) -> dict:
    """Which fields this block's kind needs or refuses (a 400 with field errors, never a guess)."""
    if block.kind in NOT_A_LINE:
        return {"block": _("Dit bouwblok is geen realisatie op zich (een certificaat of bonus).")}
    allowed = KIND_FIELDS[block.kind]
    errors = {}
    for name in LINE_FIELDS:
        given = values.get(name)
        present = bool(given) if name in ("bonuses", "candidate_ref", "justification") else given is not None
        if present and name not in allowed:
            errors[name] = _("Dit veld hoort niet bij een bouwblok van de soort '%(kind)s'.") % {
                "kind": block.get_kind_display()}
        elif not present and allowed.get(name):
            errors[name] = _("Dit veld is verplicht bij een bouwblok van de soort '%(kind)s'.") % {
                "kind": block.get_kind_display()}
        elif present and name in QUANTITIES and given == 0:
            # Nothing done is nothing to report: a line of 0 months was valued at € 0 and queued
            # for a broker to verify.
            errors[name] = _("Vul een waarde groter dan nul in: een realisatie van nul is er geen.")
    return errors


QUANTITIES = ("fte", "months", "amount", "hours")


def _seller(enterprise) -> valuation.Seller | None:
    if enterprise is None:
        return None
    return valuation.Seller(admitted=enterprise.admission_status == AdmissionStatus.ADMITTED,
                            certificates=tuple(c.facts for c in enterprise.certifications.all()))


def _prior_months(realisation: Realisation) -> Decimal:
    """Months already counted for the same candidate under the same block on this contract (not
    rejected lines, earlier by date and id): the year maximum is per candidate across lines."""
    if not realisation.candidate_ref or realisation.block.kind != BlockKind.PLACEMENT:
        return Decimal("0")
    earlier = (Realisation.objects.filter(contract_id=realisation.contract_id, block_id=realisation.block_id,
                                          candidate_ref=realisation.candidate_ref)
               .exclude(status=RealisationStatus.REJECTED))
    if realisation.pk is None:  # a new line comes after every line entered before it
        earlier = earlier.filter(date__lte=realisation.date)
    else:
        earlier = earlier.exclude(pk=realisation.pk).filter(
            Q(date__lt=realisation.date) | Q(date=realisation.date, pk__lt=realisation.pk))
    return sum((counted for counted in _counted_months_of(earlier)), Decimal("0"))


def _counted_months_of(lines):
    # Earlier lines counted what their own valuation allowed; recompute in date order.
    total = Decimal("0")
    for line in lines.order_by("date", "id").select_related("block"):
        counted = valuation.counted_months(line.months or 0, line.block.max_years, total)
        total += counted
        yield counted


def value_of(realisation: Realisation, bonuses=None, prior_months: Decimal | None = None) -> valuation.Valuation:
    """``prior_months``: the candidate's months counted before this line, when the caller knows
    them (else read from the database)."""
    block = realisation.block
    bonuses = list(realisation.bonuses.all()) if bonuses is None else bonuses
    line = valuation.LineFacts(
        date=realisation.date, fte=realisation.fte, months=realisation.months, amount=realisation.amount,
        hours=realisation.hours,
        approved=realisation.status == RealisationStatus.VERIFIED and block.kind == BlockKind.OTHER)
    return valuation.value_realisation(
        valuation.BlockRule.of(block), line, bonuses=[valuation.BlockRule.of(b) for b in bonuses],
        prior_months=_prior_months(realisation) if prior_months is None else prior_months,
        seller=_seller(realisation.seller))


def _revalue(realisation: Realisation, bonuses, prior_months: Decimal | None = None) -> None:
    if prior_months is None:
        prior_months = _prior_months(realisation)
    result = value_of(realisation, bonuses, prior_months)
    realisation.value = result.amount
    realisation.explanations = valuation.explain_all(lambda: value_of(realisation, bonuses, prior_months))


def _save_valued(realisation: Realisation, bonuses) -> None:
    """Save an entered or corrected line with its bonuses, then its value (which needs both)."""
    realisation.full_clean(exclude=["contract", "block"])
    realisation.save()
    realisation.bonuses.set(bonuses)
    _revalue(realisation, bonuses)
    realisation.save(update_fields=["value", "explanations"])


def _candidate_key(realisation: Realisation) -> tuple | None:
    """The lines that share a candidate maximum with this one: same contract, block and candidate."""
    if not realisation.candidate_ref or realisation.block.kind != BlockKind.PLACEMENT:
        return None
    return realisation.contract_id, realisation.block_id, realisation.candidate_ref


def _revalue_candidate(key: tuple | None, *, skip: Realisation | None = None) -> None:
    """Value the candidate's other lines again, in date order: the months that count under the
    block's maximum depend on the lines before them. A line entered with an earlier date, a
    correction or a rejection changes what the later lines may count; without this, two lines of
    12 months under a two-year maximum plus a third dated before them counted 36 months. One
    query for the lines, the months before each counted as it goes (as ``_counted_months_of``)."""
    if key is None:
        return
    contract_id, block_id, candidate_ref = key
    lines = (Realisation.objects.filter(contract_id=contract_id, block_id=block_id, candidate_ref=candidate_ref)
             .exclude(status=RealisationStatus.REJECTED).select_related("block")
             .prefetch_related("bonuses").order_by("date", "id"))
    prior = Decimal("0")
    for line in lines:
        counted = valuation.counted_months(line.months or 0, line.block.max_years, prior)
        if skip is None or line.pk != skip.pk:
            bonuses = list(line.bonuses.all())
            if value_of(line, bonuses, prior).amount != line.value:
                _revalue(line, bonuses, prior)
                line.save(update_fields=["value", "explanations", "updated_at"])
        prior += counted


# What the model's pattern lets through but still identifies a person: a date in any common
# notation (1990-02-01, 01021990, 1-2-1990) or a long run of digits (a BSN with a prefix).
IDENTIFYING = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}|^[0-9]{8}$|[0-9]{9,}")


# Inside a code, a run of six or eight digits that is a valid date: initials or a prefix with a
# birth date (JD01021990, KAND-19900201, JD-010290) is the most common home-made "code", and it
# identifies the person. Six digits are read as DDMMYY (how a birth date is written here); eight
# as DDMMYYYY or YYYYMMDD. A serial number that is no date (000123, KAND-014) passes.
DIGIT_RUNS = re.compile(r"[0-9]+")


def _is_date(digits: str) -> bool:
    if len(digits) == 8:
        readings = [(digits[4:], digits[2:4], digits[:2]), (digits[:4], digits[4:6], digits[6:])]
    elif len(digits) == 6:
        readings = [(century + digits[4:], digits[2:4], digits[:2]) for century in ("19", "20")]
    else:
        return False
    for year, month, day in readings:
        if not 1900 <= int(year) <= 2099:
            continue
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            continue
        return True
    return False


def looks_identifying(candidate_ref: str) -> bool:
    code = candidate_ref.strip()
    return bool(IDENTIFYING.search(code)) or any(_is_date(run) for run in DIGIT_RUNS.findall(code))


def validate_line(*, contract: Contract, block: Block, values: dict) -> list[Block]:
    """Field errors for a line (ValidationError); returns the bonus blocks. ``values`` holds the
    line fields, ``bonuses`` as Block objects or codes."""
    errors = {}
    if looks_identifying(values.get("candidate_ref") or ""):
        errors["candidate_ref"] = _(
            "Dit lijkt op een BSN of een geboortedatum. Gebruik een eigen code, bijvoorbeeld KAND-014.")
    if block.rule_set_id != contract.rule_set_id:
        errors["block"] = _("Dit bouwblok hoort niet bij de regeling van dit contract.")
    else:
        errors.update(_field_errors(block, values))
    bonuses = []
    for bonus in values.get("bonuses") or ():
        code = bonus.code if isinstance(bonus, Block) else bonus
        found = next((b for b in contract.rule_set.blocks.all() if b.code == code and b.kind == BlockKind.BONUS), None)
        if found is None:
            errors["bonuses"] = _("Bonus '%(code)s' staat niet in de regeling van dit contract.") % {"code": code}
        else:
            bonuses.append(found)
    if errors:
        raise ValidationError(errors)
    return bonuses


@transaction.atomic
def realisation_record(*, contract: Contract, block: Block, by, values: dict, evidence=None,
                       today: dt.date | None = None) -> Realisation:
    """Enter a line for ``contract`` (supplier's people or a broker) and value it at once."""
    contract = access.require_locked(by, "report", contract)
    if contract.closed_at is not None:
        raise ValidationError(_("Dit contract is afgesloten: er kunnen geen realisaties meer bij."))
    bonuses = validate_line(contract=contract, block=block, values=values)
    line = Realisation(contract=contract, block=block, entered_by=by,
                       **{k: v for k, v in values.items() if k != "bonuses"})
    if evidence is not None:
        line.evidence = evidence
    _save_valued(line, bonuses)
    _revalue_candidate(_candidate_key(line), skip=line)
    refresh_totals(contract, today=today)
    return line


# What makes two lines of the same kind on one contract "the same realisation" (with the date): the
# fields the kind reports that say what was done, e.g. an invoice's amount and seller. A line with
# the same date and the same values was reported twice in the walk and, once verified, counted twice.
DUPLICATE_FIELDS = ("fte", "months", "amount", "hours", "candidate_ref", "seller")


def _duplicate_fields(kind) -> list[str]:
    return [name for name in DUPLICATE_FIELDS if name in KIND_FIELDS.get(kind, {})]


def possible_duplicates(*, contract: Contract, kind: str, values: dict, user, exclude: Realisation | None = None):
    """The lines of ``contract`` that ``user`` may view which are not rejected and report the same
    as ``values`` (a block of the same kind, the same date and the same values of the kind's
    fields): a new line like that is probably reported twice. ``exclude``: the line being corrected."""
    if kind not in KIND_FIELDS or not values.get("date"):
        return Realisation.objects.none()
    lookup = {"date": values["date"], "block__kind": kind}
    for name in _duplicate_fields(kind):
        value = values.get(name)
        lookup[name] = (value or "") if name == "candidate_ref" else value
    lines = (Realisation.objects.for_user(user).filter(contract=contract, **lookup)
             .exclude(status=RealisationStatus.REJECTED))
    if exclude is not None and exclude.pk:
        lines = lines.exclude(pk=exclude.pk)
    return lines.select_related("block").order_by("date", "id")


def duplicate_key(line: Realisation) -> tuple:
    """What ``possible_duplicates`` compares, of a stored line (its block loaded)."""
    kind = line.block.kind
    return (kind, line.date, *(getattr(line, "seller_id" if name == "seller" else name)
                               for name in _duplicate_fields(kind)))


def mark_possible_duplicates(lines) -> list[Realisation]:
    """Set ``possible_duplicate`` on every line that is not rejected and reports the same as another
    such line of the list (for the verifier, who sees them next to each other)."""
    lines = list(lines)
    counts: dict[tuple, int] = {}
    for line in lines:
        if line.status != RealisationStatus.REJECTED:
            key = duplicate_key(line)
            counts[key] = counts.get(key, 0) + 1
    for line in lines:
        line.possible_duplicate = line.status != RealisationStatus.REJECTED and counts[duplicate_key(line)] > 1
    return lines


def _unchanged(realisation: Realisation, values: dict) -> bool:
    """Whether ``values`` are what the line holds already."""
    for name, value in values.items():
        if name == "bonuses":
            if {bonus.pk for bonus in value} != set(realisation.bonuses.values_list("pk", flat=True)):
                return False
        elif getattr(realisation, name) != value:
            return False
    return True


@transaction.atomic
def realisation_update(*, realisation: Realisation, by, values: dict, evidence=None,
                       today: dt.date | None = None) -> Realisation:
    """Correct a line that is not assessed yet (or, for a broker, any line: it goes back to
    submitted and is verified again). The block stays: a line under another block is a new line."""
    realisation = access.require_locked(by, access.CHANGE, realisation)
    contract = _locked(realisation.contract)
    if contract.closed_at is not None:
        raise ValidationError(_("Dit contract is afgesloten: de realisaties liggen vast."))
    if evidence is not None:
        realisation.evidence = evidence
    merged = {name: getattr(realisation, name) for name in LINE_FIELDS if name != "bonuses"}
    merged["bonuses"] = list(realisation.bonuses.all())
    merged.update(values)
    if realisation.status != RealisationStatus.SUBMITTED and evidence is None and _unchanged(realisation, values):
        # Saving an assessed line as it is would only take back its assessment (a PATCH of
        # read-only fields, or an unchanged form, made a verified line "submitted" again and
        # lowered what was realised); a line awaiting assessment may be saved as it is.
        raise ValidationError(_("Deze correctie verandert niets aan de regel; hij blijft zoals hij is."))
    bonuses = validate_line(contract=contract, block=realisation.block, values=merged)
    before = _candidate_key(realisation)
    for name, value in values.items():
        if name != "bonuses":
            setattr(realisation, name, value)
    realisation.status = RealisationStatus.SUBMITTED
    realisation.verified_at = realisation.verified_by = None
    _save_valued(realisation, bonuses)
    after = _candidate_key(realisation)
    # Lines after it (or, for a candidate code that changed, the old candidate's lines) count again.
    _revalue_candidate(before, skip=realisation)
    if after != before:
        _revalue_candidate(after, skip=realisation)
    refresh_totals(contract, today=today)
    return realisation


@transaction.atomic
def realisation_assess(*, realisation: Realisation, by, verify: bool, reason: str = "",
                       today: dt.date | None = None) -> Realisation:
    """Verify (it counts as realised; an ``other`` line is approved and valued) or reject with a
    reason. The line and its contract are locked; a second assessment sees the first."""
    realisation = access.require_locked(by, "verify", realisation)
    contract = _locked(realisation.contract)
    if realisation.status != RealisationStatus.SUBMITTED:
        raise ValidationError(_("Deze realisatie is al beoordeeld."))
    if contract.closed_at is not None:  # closed before this rule: its figures stay as closed
        raise ValidationError(_("Dit contract is afgesloten: de realisaties liggen vast."))
    if not verify and not reason.strip():
        raise ValidationError({"reason": _("Geef een reden waarom u deze realisatie afwijst.")})
    realisation.status = RealisationStatus.VERIFIED if verify else RealisationStatus.REJECTED
    realisation.rejection_reason = "" if verify else reason.strip()
    realisation.verified_by = by
    realisation.verified_at = timezone.now()
    realisation.save()
    if verify and realisation.block.kind == BlockKind.OTHER:
        _revalue(realisation, [])
        realisation.save(update_fields=["value", "explanations"])
    if not verify:  # a rejected line no longer uses up the candidate's maximum
        _revalue_candidate(_candidate_key(realisation))
    refresh_totals(contract, today=today)
    return realisation


def side_by_side(realisation: Realisation, rule_sets) -> list[tuple[RuleSet, valuation.Valuation | None]]:
    """What the same line would be worth under other rule sets: the block with the same code, or
    else the first block of the same kind (None where a rule set has no such block)."""
    rows = []
    bonuses = list(realisation.bonuses.all())
    for rule_set in rule_sets:
        blocks = list(rule_set.blocks.all())
        block = (next((b for b in blocks if b.code == realisation.block.code), None)
                 or next((b for b in blocks if b.kind == realisation.block.kind), None))
        if block is None:
            rows.append((rule_set, None))
            continue
        codes = {b.code for b in bonuses}
        twin = Realisation(contract=realisation.contract, block=block, date=realisation.date, fte=realisation.fte,
                           months=realisation.months, amount=realisation.amount, hours=realisation.hours,
                           candidate_ref="", seller=realisation.seller, status=realisation.status)
        twin_bonuses = [b for b in blocks if b.kind == BlockKind.BONUS and b.code in codes]
        rows.append((rule_set, value_of(twin, twin_bonuses)))
    return rows
