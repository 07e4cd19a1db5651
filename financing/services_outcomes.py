"""State changes of outcome contracts: claims, verification, payment, bonds and the feasibility
check. Every service runs inside the caller's transaction, locks the row it changes
(``select_for_update``) and checks the action again on the locked row (``access.require``).

Payment is idempotent: the claim is locked, an existing payment is returned as it is, and a
unique constraint on the claim stops a second row even if a caller skipped the lock."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impactportal import access
from impactportal.dates import EARLIEST_DATE, EARLIEST_DATE_MESSAGE
from impactportal.money import euro
from impactportal.text import short_date

from . import notifications
from . import outcomes as rules
from .models import (
    BondInvestor,
    BondPayer,
    CashFlowKind,
    CashFlowStatus,
    ClaimStatus,
    FeasibilityCheck,
    OutcomeClaim,
    OutcomeContract,
    OutcomeMetric,
    OutcomePayment,
)
from .models.outcomes import INVESTOR_TWICE, PAYER_TWICE, CappedBy

ZERO = Decimal("0.00")


COMMISSIONER_STAYS = gettext_lazy("De opdrachtgever van een uitkomstcontract verandert niet; maak een nieuw contract.")


def contract_errors(*, stored: OutcomeContract, provider_id, start_date, end_date, maximum) -> dict[str, str]:
    """What a change of a contract may not do once it has claims or payments, by field: its
    maximum below what was paid, another provider, a term that no longer covers the periods
    claimed (not rejected). Otherwise the payments read as made beyond the maximum, to another
    enterprise, or for periods outside the contract. ``stored``: the contract as saved (locked by
    ``contract_update``); the form asks this too, to show it with its other errors."""
    errors = {}
    payments = OutcomePayment.objects.filter(contract=stored)
    every_claim = OutcomeClaim.objects.filter(contract=stored)
    claims = every_claim.exclude(status=ClaimStatus.REJECTED)
    paid = payments.aggregate(total=Sum("amount"))["total"] or ZERO
    if maximum is not None and maximum < paid:
        errors["maximum"] = _("Er is op dit contract al %(paid)s betaald; het contractmaximum kan niet lager "
                              "zijn.") % {"paid": euro(paid)}
    # Every claim, rejected ones too: a contract's claims (their notes, reasons and evidence) are
    # readable by its provider, so another provider would read the first one's.
    if provider_id is not None and provider_id != stored.provider_id and (every_claim.exists() or payments.exists()):
        errors["provider"] = _("De aanbieder heeft op dit contract al uitkomsten geclaimd; een andere aanbieder "
                               "krijgt een eigen contract.")
    span = claims.aggregate(first=Min("period_start"), last=Max("period_end"))
    if span["first"] and start_date and start_date > span["first"]:
        errors["start_date"] = _("Er zijn claims over perioden vanaf %(date)s; de looptijd begint niet later.") % {
            "date": short_date(span["first"])}
    if span["last"] and end_date and end_date < span["last"]:
        errors["end_date"] = _("Er zijn claims over perioden tot en met %(date)s; de looptijd eindigt niet "
                               "eerder.") % {"date": short_date(span["last"])}
    return errors


@transaction.atomic
def contract_update(*, contract: OutcomeContract, by) -> OutcomeContract:
    """Save a change of a contract (``contract``: the form's copy with the new values). The
    contract row is locked and ``contract_errors`` asked again on it: a claim paid while the form
    was open (``claim_pay`` locks the same row) is counted, so the maximum never drops below what
    was paid meanwhile, and a claim submitted meanwhile (``claim_submit`` locks it too) keeps its
    provider and period."""
    stored = access.require_locked(by, access.CHANGE, contract)
    errors = contract_errors(stored=stored, provider_id=contract.provider_id, start_date=contract.start_date,
                             end_date=contract.end_date, maximum=contract.maximum)
    if contract.organisation_id != stored.organisation_id:  # its payments were made by the commissioner
        errors["organisation"] = COMMISSIONER_STAYS
    if errors:
        raise ValidationError(errors)
    contract.created_by_id = stored.created_by_id  # not the form's to change
    contract.full_clean()
    contract.save()
    return contract


def claim_errors(*, contract: OutcomeContract, metric: OutcomeMetric | None, period_start, period_end,
                 claimed_count: int | None, above_target_confirmed: bool = False) -> dict[str, str]:
    """What is wrong with a claim, by field. The claim form asks this too, so that all of a
    claim's errors show at once (a reversed period together with a wrong count), not one round
    after the other; a value the form's field refused arrives as None and is compared with
    nothing (``metric``, ``period_start``, ``period_end``)."""
    errors = {}
    if metric is not None and metric.contract_id != contract.pk:
        errors["metric"] = _("Deze uitkomstmaat hoort niet bij dit contract.")
    if period_start is not None and period_end is not None:
        if period_end < period_start:
            errors["period_end"] = _("Het einde van de periode ligt vóór het begin.")
        elif period_start < contract.start_date or period_end > contract.end_date:
            errors["period_start"] = _("De periode valt buiten de looptijd van het contract (%(start)s – %(end)s).") % {
                "start": short_date(contract.start_date), "end": short_date(contract.end_date)}
    for name, value in (("period_start", period_start), ("period_end", period_end)):
        if value is not None and value < EARLIEST_DATE and name not in errors:  # a typo of the year
            errors[name] = str(EARLIEST_DATE_MESSAGE)
    if (period_end is not None and "period_start" not in errors and "period_end" not in errors
            and period_end >= timezone.localdate()):
        errors["period_end"] = _("De periode loopt nog (tot en met %(end)s). Claim uitkomsten pas als de periode "
                                 "voorbij is.") % {"end": short_date(period_end)}
    if claimed_count is None or claimed_count < 1:
        errors["claimed_count"] = _("Claim ten minste één behaalde uitkomst.")
    elif (metric is not None and metric.contract_id == contract.pk and claimed_count > metric.target
          and not above_target_confirmed):
        errors["claimed_count"] = _(
            "%(count)s is meer dan het doel van het hele contract (%(target)s). Controleer het aantal en vink "
            "de bevestiging aan als het klopt.") % {"count": number_format(claimed_count, force_grouping=True),
                                                    "target": number_format(metric.target, force_grouping=True)}
    return errors


def claim_submit(*, contract: OutcomeContract, metric: OutcomeMetric, period_start, period_end, claimed_count: int,
                 by, note: str = "", evidence=None, above_target_confirmed: bool = False,
                 notify: bool = True) -> OutcomeClaim:
    """The provider (or a broker on its behalf) claims outcomes for one metric and period. The
    contract is locked, so two submissions of the same claim are serialised: the second is
    refused with a field error (and the database's partial unique constraint backs that up).

    Only a period that is over can be claimed (outcomes are paid afterwards, once achieved), and a
    count above the metric's target for the whole contract is almost always a typing error, so it
    needs ``above_target_confirmed``.

    A claim on a metric whose cap is reached is accepted (the outcomes are recorded; ``cap_warnings``
    says they are not paid beyond it). ``notify``: tell the brokers who may verify it
    (``notifications.claim_submitted``; the demo seeding does not)."""
    contract = access.require_locked(by, "claim", contract)
    errors = claim_errors(contract=contract, metric=metric, period_start=period_start, period_end=period_end,
                          claimed_count=claimed_count, above_target_confirmed=above_target_confirmed)
    if errors:
        raise ValidationError(errors)
    # The same outcomes are paid once: a claim over a period that overlaps another's (January to
    # March, then January to June) counted the first quarter twice, and both were paid.
    overlapping = (OutcomeClaim.objects.filter(metric=metric, period_start__lte=period_end, period_end__gte=period_start)
                   .exclude(status=ClaimStatus.REJECTED).order_by("period_start", "pk").first())
    if overlapping is not None:
        if (overlapping.period_start, overlapping.period_end) == (period_start, period_end):
            raise ValidationError({"period_start": _("Voor deze uitkomstmaat en periode is al een claim ingediend.")})
        raise ValidationError({"period_start": _(
            "Deze periode overlapt met een claim voor deze uitkomstmaat over %(start)s – %(end)s: een uitkomst wordt "
            "één keer geclaimd. Claim de periode ervoor of erna.") % {
                "start": short_date(overlapping.period_start), "end": short_date(overlapping.period_end)}})
    claim = OutcomeClaim(contract=contract, metric=metric, period_start=period_start, period_end=period_end,
                         claimed_count=claimed_count, note=(note or "").strip(), submitted_by=by)
    if evidence:
        claim.evidence = evidence
    claim.full_clean(exclude=["contract", "metric", "submitted_by"], validate_constraints=False)
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError as error:
        raise ValidationError({"period_start": _("Voor deze uitkomstmaat en periode is al een claim ingediend.")}) \
            from error
    if notify:
        notifications.claim_submitted(claim, by=by,
                                      cap_warning=cap_warnings(contract, next_outcomes=0).get(metric.pk))
    return claim


def claim_verify(*, claim: OutcomeClaim, by, accepted_count: int, reason: str = "",
                 notify: bool = True) -> OutcomeClaim:
    """A broker of the commissioner accepts the claim fully, partly (``accepted_count`` below the
    claimed count, with a reason) or rejects it (0, with a reason). Once only. ``notify``: tell
    the provider's people (``notifications.claim_verified``)."""
    claim = access.require_locked(by, "verify", claim)
    if claim.status != ClaimStatus.SUBMITTED:
        raise ValidationError(_("Deze claim is al beoordeeld."))
    _four_eyes(claim, by)
    try:
        status = rules.verification_outcome(claimed=claim.claimed_count, accepted=accepted_count, reason=reason or "")
    except ValueError as error:
        if str(error) == "reason":
            raise ValidationError({"reason": _("Geef een reden als u de claim niet volledig accepteert.")}) from error
        raise ValidationError({"accepted_count": _(
            "Het geaccepteerde aantal ligt tussen 0 en het geclaimde aantal (%(claimed)s).") % {
                "claimed": claim.claimed_count}}) from error
    claim.status = {rules.ACCEPTED: ClaimStatus.ACCEPTED, rules.PARTLY: ClaimStatus.PARTLY_ACCEPTED,
                    rules.REJECTED: ClaimStatus.REJECTED}[status]
    claim.accepted_count = accepted_count
    claim.reason = (reason or "").strip()
    claim.verified_by = by
    claim.verified_at = timezone.now()
    claim.save()
    if notify:
        notifications.claim_verified(claim, by=by)
    return claim


def _four_eyes(claim: OutcomeClaim, by) -> None:
    """Whoever submitted a claim (a broker on the provider's behalf) may not also approve or pay
    it: another broker of the commissioner does."""
    if not may_decide(claim, by):
        raise ValidationError(_("U heeft deze claim zelf ingediend. Een andere makelaar van de opdrachtgever "
                                "beoordeelt en betaalt haar (vier-ogenprincipe)."))


def may_decide(claim: OutcomeClaim, user) -> bool:
    """False for the claim's own submitter (four eyes); the access policy decides the rest."""
    return claim.submitted_by_id is None or claim.submitted_by_id != user.pk


def payment_preview(claim: OutcomeClaim) -> rules.PaymentCalculation:
    """What paying the claim now would pay (nothing is locked or written): shown before the
    broker clicks "Betalen", so a used-up ceiling is seen beforehand."""
    metric = claim.metric
    paid = OutcomePayment.objects.filter(contract_id=claim.contract_id).aggregate(
        total=Sum("amount"), metric=Sum("amount", filter=Q(metric=metric)))
    return rules.payment_for(count=claim.accepted_count or 0, price=metric.price, metric_cap=metric.cap,
                             metric_paid=paid["metric"] or ZERO, contract_maximum=claim.contract.maximum,
                             contract_paid=paid["total"] or ZERO)


def claim_pay(*, claim: OutcomeClaim, by, notify: bool = True) -> tuple[OutcomePayment, bool]:
    """Pay a verified claim once: ``(payment, created)``. A second call (or a simultaneous one,
    which waits for the lock) returns the existing payment and creates nothing. The amount is
    ``accepted × price`` within what is left under the metric's cap and the contract maximum.
    ``notify``: tell the provider's people what was paid, or that nothing was
    (``notifications.claim_paid``; once, when the payment is made)."""
    claim = access.require_locked(by, "pay", claim)
    existing = OutcomePayment.objects.filter(claim=claim).first()
    if existing is not None:
        return existing, False
    if not claim.is_payable:
        raise ValidationError(_("Alleen een (deels) geaccepteerde claim kan worden betaald."))
    _four_eyes(claim, by)
    # The contract is locked too: two claims of one contract paid at once must not both use the
    # same room under the maximum.
    contract = OutcomeContract.objects.select_for_update().get(pk=claim.contract_id)
    metric = OutcomeMetric.objects.get(pk=claim.metric_id)
    paid = OutcomePayment.objects.filter(contract=contract).aggregate(
        total=Sum("amount"), metric=Sum("amount", filter=Q(metric=metric)))
    calculation = rules.payment_for(count=claim.accepted_count, price=metric.price, metric_cap=metric.cap,
                                    metric_paid=paid["metric"] or ZERO, contract_maximum=contract.maximum,
                                    contract_paid=paid["total"] or ZERO)
    payment = OutcomePayment.objects.create(
        claim=claim, contract=contract, metric=metric, count=calculation.count, price=calculation.price,
        calculated=calculation.calculated, amount=calculation.amount, capped_by=calculation.capped_by,
        explanation=calculation.explanation, paid_by=by, paid_at=timezone.now())
    # The € 0 record stays: it documents that the claim was handled and what the ceiling held
    # back (the statement counts it). But the claim is not called "betaald", and the open-data
    # export leaves € 0 payments out (``open_data``), so nobody reads a payment that was not made.
    # "Plafond bereikt" only where a ceiling held the amount back: a price of € 0 (refused since,
    # ``OutcomeMetric.price``; older metrics may have one) pays € 0 as agreed, and is paid.
    capped = payment.amount == 0 and payment.capped_by
    claim.status = ClaimStatus.NOT_PAID_CAPPED if capped else ClaimStatus.PAID
    claim.save(update_fields=["status", "updated_at"])
    if notify:
        notifications.claim_paid(claim, payment, by=by)
    return payment, True


def cash_flow_errors(*, bond, kind, status, amount, investor=None, exclude_pk=None) -> dict[str, str]:
    """A realised outcome payment of a social impact bond is backed by what its contract paid for
    verified claims: the realised ones recorded (``exclude_pk``: the one being changed) plus
    ``amount`` stay within it. A realised investment (the investors' inflow) stays within what was
    committed: the investor's committed capital, or (no investor named) the investors' total.
    Call with the bond and its contract locked to count a payment or a cash flow saved meanwhile
    (``claim_pay`` locks the contract)."""
    if status != CashFlowStatus.REALISED or amount is None:
        return {}
    if kind == CashFlowKind.INVESTMENT:
        return _inflow_errors(bond=bond, amount=amount, investor=investor, exclude_pk=exclude_pk)
    if kind != CashFlowKind.OUTCOME_PAYMENT:
        return {}
    paid = OutcomePayment.objects.filter(contract_id=bond.contract_id).aggregate(total=Sum("amount"))["total"] or ZERO
    recorded = (bond.cash_flows.filter(kind=CashFlowKind.OUTCOME_PAYMENT, status=CashFlowStatus.REALISED)
                .exclude(pk=exclude_pk).aggregate(total=Sum("amount"))["total"] or ZERO)
    if recorded + amount <= paid:
        return {}
    return {"status": _("Gerealiseerde uitkomstbetalingen kunnen niet hoger zijn dan wat het contract voor "
                        "geverifieerde claims heeft betaald (%(paid)s, waarvan al %(recorded)s vastgelegd). Leg dit "
                        "bedrag vast als gepland.") % {"paid": euro(paid), "recorded": euro(recorded)}}


def _inflow_errors(*, bond, amount, investor, exclude_pk) -> dict[str, str]:
    realised = (bond.cash_flows.filter(kind=CashFlowKind.INVESTMENT, status=CashFlowStatus.REALISED)
                .exclude(pk=exclude_pk))
    if investor is not None:
        committed = investor.committed_capital
        realised = realised.filter(investor=investor)
        message = _("De inleg is hoger dan wat %(name)s heeft toegezegd: %(committed)s, waarvan al %(recorded)s "
                    "als gerealiseerd vastgelegd. Controleer het bedrag of verhoog eerst de toezegging.")
    else:
        committed = BondInvestor.objects.filter(bond=bond).aggregate(total=Sum("committed_capital"))["total"] or ZERO
        message = _("De inleg is hoger dan wat de investeerders samen hebben toegezegd: %(committed)s, waarvan al "
                    "%(recorded)s als gerealiseerd vastgelegd. Controleer het bedrag.")
    recorded = realised.aggregate(total=Sum("amount"))["total"] or ZERO
    if recorded + amount <= committed:
        return {}
    return {"amount": message % {"name": getattr(investor, "name", ""), "committed": euro(committed),
                                 "recorded": euro(recorded)}}


@transaction.atomic
def cash_flow_add(*, cash_flow, by):
    """Store a bond's new cash flow (``cash_flow.bond`` set) with the bond and its contract locked,
    ``cash_flow_errors`` asked again: two brokers recording the same realised payment at once
    both passed the form's check."""
    bond = access.require_locked(by, access.CHANGE, cash_flow.bond)
    OutcomeContract.objects.select_for_update().filter(pk=bond.contract_id).first()
    investor = BondInvestor.objects.filter(pk=cash_flow.investor_id, bond=bond).first() \
        if cash_flow.investor_id else None
    errors = cash_flow_errors(bond=bond, kind=cash_flow.kind, status=cash_flow.status, amount=cash_flow.amount,
                              investor=investor)
    if errors:
        raise ValidationError(errors)
    cash_flow.bond = bond
    cash_flow.full_clean()
    cash_flow.save()
    return cash_flow


def _bond_child_add(*, child, by, field: str, duplicate: str):
    """Hang a payer or an investor (``child.bond`` set) under its bond, locked and checked again:
    two brokers adding the same one at once both passed the form's check; the second is refused
    next to ``field`` with ``duplicate``, not with the generic "Deze gegevens staan er al."."""
    child.bond = access.require_locked(by, access.CHANGE, child.bond)
    child.full_clean()
    try:
        with transaction.atomic():
            child.save()
    except IntegrityError as error:
        raise ValidationError({field: duplicate}) from error
    return child


@transaction.atomic
def payer_add(*, payer: BondPayer, by) -> BondPayer:
    """Another outcome payer of the bond: neither the contract's commissioner (it pays already)
    nor an organisation that pays already (``BondPayer.clean``)."""
    return _bond_child_add(child=payer, by=by, field="organisation", duplicate=PAYER_TWICE)


@transaction.atomic
def investor_add(*, investor: BondInvestor, by) -> BondInvestor:
    """An investor of the bond, by a name no other investor of the bond has (``BondInvestor.clean``)."""
    return _bond_child_add(child=investor, by=by, field="name", duplicate=INVESTOR_TWICE)


# --- what the caps still let pay -------------------------------------------------------------


@dataclass(frozen=True)
class CapWarning:
    """A metric whose cap (or the contract maximum) is reached, or will be once the claims that wait
    for verification or payment are paid (``cap_warnings``). Its text is written when it is shown,
    in the reader's language (``str``)."""

    metric: OutcomeMetric
    limit: str  # rules.METRIC_CAP or rules.CONTRACT_MAXIMUM: the one that binds
    room: Decimal  # what is left under it
    pending: Decimal  # what the claims not yet paid (submitted or accepted) ask for under it

    @property
    def reached(self) -> bool:
        return self.room <= 0

    @property
    def short(self) -> str:
        """The badge beside the metric: "Plafond van de uitkomstmaat bereikt", "Nog € 5.000,00 onder het …"."""
        values = {"limit": CappedBy(self.limit).label, "room": euro(self.room)}
        if self.reached:
            return capfirst(_("%(limit)s bereikt") % values)
        return _("Nog %(room)s onder het %(limit)s") % values

    def __str__(self) -> str:
        values = {"metric": self.metric.name, "limit": CappedBy(self.limit).label, "room": euro(self.room),
                  "pending": euro(self.pending), "price": euro(self.metric.price)}
        if self.reached:
            return _("%(metric)s: het %(limit)s is bereikt. U kunt uitkomsten nog claimen om ze vast te leggen, "
                     "maar ze worden niet meer betaald.") % values
        if self.pending:
            return _("%(metric)s: onder het %(limit)s is nog %(room)s over, en claims die nog niet zijn betaald "
                     "vragen al %(pending)s. Wat boven het %(limit)s uitkomt, wordt niet betaald.") % values
        return _("%(metric)s: onder het %(limit)s is nog %(room)s over, minder dan de prijs van één uitkomst "
                 "(%(price)s). Wat boven het %(limit)s uitkomt, wordt niet betaald.") % values


def cap_warnings(contract: OutcomeContract, *, next_outcomes: int = 1) -> dict[int, CapWarning]:
    """By metric id, the metrics of ``contract`` whose claims will not all be paid in full: what is
    left under the metric's cap or the contract maximum (``rules.rooms``, as ``claim_pay`` pays
    within it) is nothing, or less than what the claims not yet paid ask for (their claimed or
    accepted count × price) plus ``next_outcomes`` more (1: a claim about to be made; 0: the
    claims as they are, the one just submitted among them). A claim is never refused for it:
    outcomes are still recorded, they are not paid beyond the cap. Three queries."""
    metrics = list(contract.metrics.order_by("order", "id"))
    paid = {row["metric"]: row["total"] for row in OutcomePayment.objects.filter(contract=contract)
            .order_by().values("metric").annotate(total=Sum("amount"))}
    waiting = OutcomeClaim.objects.filter(contract=contract).order_by().values("metric").annotate(
        submitted=Sum("claimed_count", filter=Q(status=ClaimStatus.SUBMITTED)),
        accepted=Sum("accepted_count", filter=Q(status__in=[ClaimStatus.ACCEPTED, ClaimStatus.PARTLY_ACCEPTED])))
    by_metric = {m.pk: m for m in metrics}
    pending = {row["metric"]: rules.cents(((row["submitted"] or 0) + (row["accepted"] or 0))
                                          * by_metric[row["metric"]].price)
               for row in waiting if row["metric"] in by_metric}
    contract_paid = sum(paid.values(), ZERO)
    left = {metric.pk: rules.rooms(metric_cap=metric.cap, metric_paid=paid.get(metric.pk) or ZERO,
                                   contract_maximum=contract.maximum, contract_paid=contract_paid)
            for metric in metrics}
    # What the waiting claims can still take from the contract's room: no more than each metric's
    # own cap leaves (a claim on a metric whose cap is reached is paid nothing, so takes nothing).
    contract_pending = sum((asked if left[pk][0] is None else min(asked, left[pk][0])
                            for pk, asked in pending.items()), ZERO)
    warnings = {}
    for metric in metrics:
        metric_room, contract_room = left[metric.pk]
        more = rules.cents(metric.price * next_outcomes)
        limits = [(rules.CONTRACT_MAXIMUM, contract_room, contract_pending)]
        if metric_room is not None:
            limits.insert(0, (rules.METRIC_CAP, metric_room, pending.get(metric.pk, ZERO)))
        # A limit that is reached first, else one that the waiting claims (and the next) go beyond.
        short = ([limit for limit in limits if limit[1] <= 0]
                 or [limit for limit in limits if limit[1] < limit[2] + more])
        if short:
            limit, room, asked = short[0]
            warnings[metric.pk] = CapWarning(metric=metric, limit=limit, room=room, pending=asked)
    return warnings


# --- statement ------------------------------------------------------------------------------


def statement(contract: OutcomeContract) -> dict:
    """Per metric: target, achieved (claimed, not rejected), verified (accepted), paid (the outcomes
    paid in full, those paid in part, and the amount), what the caps held back; and the contract's
    totals. Two queries whatever the size."""
    metrics = list(contract.metrics.annotate(
        achieved=Sum("claims__claimed_count", filter=~Q(claims__status=ClaimStatus.REJECTED)),
        verified=Sum("claims__accepted_count", filter=Q(claims__status__in=[
            ClaimStatus.ACCEPTED, ClaimStatus.PARTLY_ACCEPTED, ClaimStatus.PAID, ClaimStatus.NOT_PAID_CAPPED])),
        open_claims=Count("claims", filter=Q(claims__status=ClaimStatus.SUBMITTED)),
    ).order_by("order", "id"))
    # Per payment, not summed in the database: a capped payment's count is what was accepted, not
    # what was paid, so the outcomes paid are worked out from its amount and price.
    paid: dict[int, dict] = {}
    for payment in OutcomePayment.objects.filter(contract=contract).values("metric", "count", "price", "amount",
                                                                           "calculated"):
        p = paid.setdefault(payment["metric"], {"count": 0, "partly": 0, "amount": ZERO, "calculated": ZERO})
        p["count"] += rules.outcomes_paid(count=payment["count"], price=payment["price"], amount=payment["amount"])
        p["partly"] += rules.partly_paid(count=payment["count"], price=payment["price"], amount=payment["amount"])
        p["amount"] += payment["amount"]
        p["calculated"] += payment["calculated"]
    rows = []
    for metric in metrics:
        p = paid.get(metric.pk, {})
        rows.append({
            "metric": metric, "target": metric.target, "achieved": metric.achieved or 0,
            "verified": metric.verified or 0, "paid_count": p.get("count") or 0, "partly_paid": p.get("partly") or 0,
            "paid": p.get("amount") or ZERO, "capped": (p.get("calculated") or ZERO) - (p.get("amount") or ZERO),
            "open_claims": metric.open_claims, "target_value": rules.cents(metric.price * metric.target),
        })
    total_paid = sum((r["paid"] for r in rows), ZERO)
    room = max(contract.maximum - total_paid, ZERO)
    # What can still be paid: the contract's room, or less where every measure has a cap (a
    # measure whose cap is reached pays nothing more; "nog beschikbaar" read as money still to earn).
    if rows and all(r["metric"].cap is not None for r in rows):
        payable = min(room, sum((max(r["metric"].cap - r["paid"], ZERO) for r in rows), ZERO))
    else:
        payable = room
    return {
        "rows": rows,
        "total_paid": total_paid,
        "total_capped": sum((r["capped"] for r in rows), ZERO),
        "maximum": contract.maximum,
        "room": room,
        "payable": payable,
        "chart": {
            "labels": [r["metric"].name for r in rows],
            "datasets": [
                {"label": str(_("Doel")), "data": [r["target"] for r in rows]},
                {"label": str(_("Behaald (geclaimd)")), "data": [r["achieved"] for r in rows]},
                {"label": str(_("Geverifieerd")), "data": [r["verified"] for r in rows]},
                {"label": str(_("Betaald")), "data": [r["paid_count"] for r in rows]},
            ],
        },
    }


# --- feasibility ----------------------------------------------------------------------------


def feasibility_save(*, check: FeasibilityCheck, by) -> FeasibilityCheck:
    """Store the answers with the conclusion and reasons the decision tree gives."""
    if check.pk is None:
        if not access.owner_choices(by, FeasibilityCheck).filter(pk=check.organisation_id).exists():
            raise ValidationError({"organisation": _("U kunt geen toets vastleggen voor deze organisatie.")})
        check.created_by = by
    else:
        access.require(by, access.CHANGE, check)
    result = rules.feasibility({name: getattr(check, name) for name in rules.QUESTION_NAMES})
    check.conclusion = result.conclusion
    check.reasons = [str(r) for r in result.reasons]
    check.save()
    return check
