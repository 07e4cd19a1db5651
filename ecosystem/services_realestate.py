"""Writes of real estate: file a space request, respond to a property, allocate under the Didam
rule. Keyword-only; decisions lock their rows with ``select_for_update`` inside the transaction
and check the grant and the state again there. Audited by django-auditlog."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, ExpressionWrapper, F, FloatField, Q, Value, When
from django.db.models.functions import Cast, Greatest
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext as _

from impactportal import access
from impactportal.accounts.constants import Role
from impactportal.accounts.models import users_with_role
from impactportal.audit import acting_as
from impactportal.money import euro
from impactportal.notifications import notify_all
from impactportal.text import short_date

from . import matching
from .constants import Procedure, SpaceRequestStatus, TenantKind
from .models_realestate import (
    CURRENT,
    FREE,
    Allocation,
    Property,
    PropertyResponse,
    SpaceRequest,
    current_lettings,
    ending_errors,
)

MIN_JUSTIFICATION_WORDS = 4
MIN_JUSTIFICATION_CHARS = 20


def is_sentence(text: str) -> bool:
    """At least one sentence: four words and twenty characters, not a placeholder."""
    text = (text or "").strip()
    return len(text) >= MIN_JUSTIFICATION_CHARS and len(text.split()) >= MIN_JUSTIFICATION_WORDS


def didam_errors(*, procedure: str, procedure_reference: str = "", publication_date=None, candidates=None,
                 justification: str = "", decided_by: str = "", decision_date=None) -> dict[str, str]:
    """Field errors of the Didam record (empty when it holds): an open procedure needs a reference,
    a publication date and the number of candidates; an exception a justification of at least one
    sentence, who decided and when. Both dates record what has happened: not after today."""
    errors = {}
    today = timezone.localdate()
    if procedure == Procedure.OPEN:
        if not (procedure_reference or "").strip():
            errors["procedure_reference"] = _("Vul het kenmerk van de openbare selectieprocedure in.")
        if publication_date is None:
            errors["publication_date"] = _("Vul de datum in waarop de procedure is gepubliceerd.")
        elif publication_date > today:
            errors["publication_date"] = _("De publicatiedatum ligt na vandaag. Vul de datum in waarop de "
                                           "procedure is gepubliceerd.")
        if candidates is None or candidates < 1:
            errors["candidates"] = _("Vul het aantal gegadigden in (ten minste één).")
    elif procedure == Procedure.EXCEPTION:
        if not is_sentence(justification):
            errors["justification"] = _("Motiveer de uitzondering in ten minste één volledige zin: waarom is er "
                                        "maar één serieuze gegadigde?")
        if not (decided_by or "").strip():
            errors["decided_by"] = _("Vul in wie de uitzondering heeft besloten.")
        if decision_date is None:
            errors["decision_date"] = _("Vul de datum van het besluit in.")
        elif decision_date > today:
            errors["decision_date"] = _("De datum van het besluit ligt na vandaag. Vul de datum in waarop het "
                                        "besluit is genomen.")
    else:
        errors["procedure"] = _("Kies een openbare selectieprocedure of een gemotiveerde uitzondering.")
    return errors


def rent_help(prop: Property) -> str:
    """What the agreed rent of ``prop`` may be, shown next to the rent field of the allocation:
    at most the market rent, with the market rent and the social tariff (the reduced rent) of the
    property named, so the broker sees how the rent they agree relates to both."""
    if prop.social_tariff is None:
        return _("Ten hoogste de markthuur. %(name)s: markthuur %(market)s per maand; er geldt geen "
                 "maatschappelijk tarief.") % {"name": prop.name, "market": euro(prop.market_rent)}
    return _("Ten hoogste de markthuur. %(name)s: markthuur %(market)s per maand, maatschappelijk tarief "
             "(de verlaagde huur) %(social)s per maand.") % {
        "name": prop.name, "market": euro(prop.market_rent), "social": euro(prop.social_tariff)}


def rent_errors(*, rent: Decimal, prop: Property) -> dict[str, str]:
    """The agreed rent is plausible for ``prop``: not above its market rent (an amount like
    € 99.999 for a unit of € 1.250 is a typing error, not a letting). The message names the market
    rent, and the social tariff when there is one."""
    if rent is None or prop.market_rent is None or rent <= prop.market_rent:
        return {}
    message = _("De afgesproken huur (%(rent)s) is hoger dan de markthuur van dit pand (%(market)s per maand). "
                "Vul een huur in van ten hoogste de markthuur.") % {
        "rent": euro(rent), "market": euro(prop.market_rent)}
    if prop.social_tariff is not None:
        social = _("Het maatschappelijk tarief is %(social)s per maand.") % {"social": euro(prop.social_tariff)}
        message = f"{message} {social}"
    return {"rent": message}


def need_of(request: SpaceRequest) -> matching.Need:
    return matching.Need(min_area=request.min_area, max_area=request.max_area, budget=request.budget,
                         start_date=request.start_date, property_type=request.property_type, area=request.area)


def offer_of(prop: Property) -> matching.Offer:
    """``rent_visible``: annotated by ``match_candidates`` (may the viewer see the rents?); a
    property without it counts as visible (the owner's own code paths)."""
    return matching.Offer(floor_area=prop.floor_area, market_rent=prop.market_rent, property_type=prop.property_type,
                          area=prop.area, available_from=prop.available_from, available_until=prop.available_until,
                          social_tariff=prop.social_tariff, rent_visible=getattr(prop, "rent_visible", True))


MATCH_FIELDS = ("id", "name", "organisation_id", "floor_area", "market_rent", "social_tariff", "property_type",
                "area", "available_from", "available_until", "is_published")

# The matches shown at most (the space request's page pages through them, the API's ``limit``), and
# the pool scored in Python for them: this many times the number asked for, pre-ranked in SQL by
# ``closeness`` (as ``procurement.services_matching``). The SQL twin of the score differs from it
# by less than a hundredth (availability in steps of ``LATE_STEP_DAYS``), so a pool five times the
# limit holds the best ones with room to spare.
MAX_LIMIT = 100
POOL_FACTOR = 5
LATE_STEP_DAYS = 10


def _weight(name: str) -> float:
    return float(matching.WEIGHTS[name])


def closeness(request: SpaceRequest, rent_visible: Q | None = None):
    """``matching.score`` of a property for ``request`` as an SQL expression (a float in [0, 1]),
    to pre-rank the candidates in the database before the pool is taken: size, budget, location,
    type and availability as ``matching`` scores them. Approximate where SQL differs (floats, not
    decimals; a late availability in steps of ``LATE_STEP_DAYS`` days, each scored as its last
    day), never by more than ``WEIGHTS["availability"] × LATE_STEP_DAYS / LATE_DAYS`` plus
    rounding. The pure ``matching.score`` still decides the ranking and gives the reasons.
    ``rent_visible``: the rows whose rents the viewer may see (``None``: all); the others score the
    budget yes or no only, as ``matching.budget_fit`` does for them."""
    low, high = Decimal(request.min_area), Decimal(request.max_area)
    floor = Cast("floor_area", FloatField())
    zero = Value(0.0)
    size = Case(
        When(floor_area__gte=low, floor_area__lte=high, then=Value(1.0)),
        # 1 - 2 × (low - area) / low, and 1 - (area - high) / high, at least 0 (``matching.size_fit``)
        When(floor_area__lt=low, then=Greatest(zero, floor * (2 / float(low)) - 1)),
        default=Greatest(zero, 2 - floor / float(high)), output_field=FloatField())
    # The price is the social tariff, else the market rent; the marks fall in the steps of
    # ``matching.BUDGET_STEPS`` (budget × (1 + step), compared as decimals: exact).
    budget = Decimal(request.budget)
    steps = ((Decimal(0), Decimal(1)), *matching.BUDGET_STEPS)

    def price_at_most(amount):
        return Q(social_tariff__lte=amount) | Q(social_tariff__isnull=True, market_rent__lte=amount)

    partial = [When(price_at_most(budget * (1 + over)) if rent_visible is None
                    else rent_visible & price_at_most(budget * (1 + over)), then=Value(float(marks)))
               for over, marks in steps[1:]]
    price = Case(When(price_at_most(budget), then=Value(1.0)), *partial, default=zero, output_field=FloatField())
    location = Value(1.0)
    if (request.area or "").strip():
        location = Case(When(area__iexact=request.area.strip(), then=Value(1.0)), default=zero,
                        output_field=FloatField())
    kind = Value(1.0)
    if request.property_type:
        related = sorted(t for pair in matching.RELATED_TYPES if request.property_type in pair for t in pair
                         if t != request.property_type)
        kind = Case(When(property_type=request.property_type, then=Value(1.0)),
                    When(property_type__in=related, then=Value(0.5)), default=zero, output_field=FloatField())
    start = request.start_date
    late = [When(available_from__lte=start + dt.timedelta(days=days), then=Value(1 - days / matching.LATE_DAYS))
            for days in range(LATE_STEP_DAYS, matching.LATE_DAYS, LATE_STEP_DAYS)]
    availability = Case(When(available_from__lte=start, then=Value(1.0)), *late, default=zero,
                        output_field=FloatField())
    return ExpressionWrapper(
        size * _weight("size") + price * _weight("budget") + location * _weight("location")
        + kind * _weight("type") + availability * _weight("availability"), output_field=FloatField())


def match_candidates(request: SpaceRequest, user):
    """The properties ``user`` may see that are free (no current allocation), available at or after
    the request's start, and nearby: the municipality's own, and elsewhere only those in the
    requested area (the database narrows a national table before the pure scoring runs). Ordered
    by ``closeness``, best first, then by number: a total order, so the same pool every time. Each
    row says whether ``user`` may see its rents (``rent_visible``, the ``internal`` grant)."""
    nearby = Q(organisation_id=request.organisation_id)
    if request.area:
        nearby |= Q(area__iexact=request.area)
    candidates = (Property.objects.for_user(user)
                  .filter(FREE)
                  # Available on the request's start, and still on offer today (``on_offer``).
                  .exclude(available_until__lt=max(request.start_date, timezone.localdate()))
                  .filter(nearby)
                  .only(*MATCH_FIELDS).select_related(None))
    rents = access.rule(user, Property, "internal")
    return (access.annotate_can(candidates, user, "internal", "rent_visible")
            .alias(closeness=closeness(request, rents)).order_by(F("closeness").desc(), "pk"))


def matches_for(request: SpaceRequest, user, *, limit: int = 25) -> list[tuple[Property, matching.Match]]:
    """The best ``limit`` (at most ``MAX_LIMIT``) of ``match_candidates``, ranked by score, in one
    query: a pool of ``limit × POOL_FACTOR`` pre-ranked in SQL, scored by ``matching.rank`` (equal
    scores keep the pool's order). Entrepreneurs and other outsiders see published properties only
    (the access module decides)."""
    limit = max(1, min(int(limit), MAX_LIMIT))
    pool = match_candidates(request, user)[:limit * POOL_FACTOR]
    return matching.rank(need_of(request), ((p, offer_of(p)) for p in pool))[:limit]


@transaction.atomic
def may_file_space_requests(user) -> bool:
    """Who files space requests, on the page and in the API: entrepreneurs, and brokers for them."""
    return user.is_superuser or bool(access.enterprise_ids(user)) or (
        access.has_role(user, access.BROKER) and access.may_own(user, SpaceRequest))


def space_request_create(*, space_request: SpaceRequest, by) -> SpaceRequest:
    """An entrepreneur (or a broker of the municipality, for them) files a request; the enterprise's
    municipality handles it. Its property colleagues allocate, they do not file: the page never
    offered them the form, while the API let them (``may_file_space_requests``)."""
    enterprise = space_request.enterprise
    own = enterprise.pk in access.enterprise_ids(by)
    staff = access.has_role(by, access.BROKER) and access.owner_choices(by, SpaceRequest).filter(
        pk=enterprise.municipality_id).exists()
    if not (own or staff or getattr(by, "is_superuser", False)):
        raise PermissionDenied
    space_request.organisation_id = enterprise.municipality_id
    space_request.status = SpaceRequestStatus.OPEN
    space_request.created_by = by
    space_request.full_clean()
    space_request.save()

    def message():
        # The mail holds the text and the link only: say what was asked and what to do with it.
        return (_("Nieuwe ruimtevraag van %(name)s") % {"name": enterprise.name},
                _("%(name)s zoekt ruimte: %(min)s tot %(max)s m², vanaf %(start)s. Bekijk de ruimtevraag en de "
                  "panden die passen, en neem contact op met de ondernemer of wijs een pand toe via de link "
                  "hieronder.")
                % {"name": enterprise.name, "min": floatformat(space_request.min_area, "-1g"),
                   "max": floatformat(space_request.max_area, "-1g"),
                   "start": short_date(space_request.start_date)})

    notify_all(users_with_role(Role.BROKER, organisation=enterprise.municipality_id), message=message,
               url=space_request.get_absolute_url(), dedupe_key=f"space-request-{space_request.pk}")
    return space_request


@transaction.atomic
def respond(*, space_request: SpaceRequest, property: Property, message: str, by) -> PropertyResponse:
    locked = access.require_locked(by, "respond", space_request)
    if not access.can(by, access.VIEW, property):
        raise ValidationError({"property": _("Dit pand kunt u niet zien.")})
    # The tenant still sees the property let to them; it is no longer on offer to respond to.
    if not Property.objects.filter(FREE, pk=property.pk).exists():
        raise ValidationError({"property": _("Dit pand is al toegewezen.")})
    if PropertyResponse.objects.filter(space_request=locked, property=property).exists():
        raise ValidationError({"property": _("U heeft al op dit pand gereageerd.")})
    return PropertyResponse.objects.create(space_request=locked, property=property, message=message.strip())


def availability_errors(*, prop: Property, start_date: dt.date, today: dt.date | None = None) -> dict[str, str]:
    """A letting starts while the property is available: not before ``available_from`` and not
    after ``available_until``; a property whose availability has ended is not let at all."""
    today = today or timezone.localdate()
    if prop.available_until is not None and prop.available_until < today:
        return {"property": _("Dit pand was beschikbaar tot en met %(date)s en staat niet meer te huur. Verleng "
                              "eerst de beschikbaarheid als het nog te huur is.") % {
            "date": short_date(prop.available_until)}}
    if start_date < prop.available_from:
        return {"start_date": _("Het pand is beschikbaar vanaf %(date)s; de huur begint niet eerder.") % {
            "date": short_date(prop.available_from)}}
    if prop.available_until is not None and start_date > prop.available_until:
        return {"start_date": _("Het pand is beschikbaar tot en met %(date)s; de huur begint uiterlijk dan.") % {
            "date": short_date(prop.available_until)}}
    return {}


@transaction.atomic
def allocate(*, property: Property, space_request: SpaceRequest, rent: Decimal, procedure: str, by,
             procedure_reference: str = "", publication_date: dt.date | None = None, candidates: int | None = None,
             justification: str = "", decided_by: str = "", decision_date: dt.date | None = None,
             start_date: dt.date | None = None, tenant_kind: str = TenantKind.SOCIAL) -> Allocation:
    """Let ``property`` to the enterprise of ``space_request`` at ``rent``. Refused unless the Didam
    record holds (an open procedure or a justified exception), the user may allocate both rows, the
    property is free, the request open and the rent at most the property's market rent
    (``rent_errors``); rows locked and checked again here."""
    errors = didam_errors(procedure=procedure, procedure_reference=procedure_reference,
                          publication_date=publication_date, candidates=candidates, justification=justification,
                          decided_by=decided_by, decision_date=decision_date)
    if rent is None or rent < 0:
        errors["rent"] = _("Vul de afgesproken huur in (nul of meer).")
    if errors:
        raise ValidationError(errors)
    prop = Property.objects.select_for_update().get(pk=property.pk)
    request = SpaceRequest.objects.select_for_update().get(pk=space_request.pk)
    access.require(by, "allocate", prop)
    access.require(by, "allocate", request)
    if prop.organisation_id != request.organisation_id:
        raise ValidationError({"property": _("Dit pand hoort niet bij de gemeente van de ruimtevraag.")})
    if request.status != SpaceRequestStatus.OPEN:
        raise ValidationError({"space_request": _("Deze ruimtevraag is niet meer open.")})
    # A current letting (the property row is locked: an end or another allocation of it waits).
    if current_lettings(prop).exists():
        raise ValidationError({"property": _("Dit pand is al toegewezen.")})
    # After an ended letting the next one starts on or after its end, not in the previous tenant's time.
    previous_end = (Allocation.objects.filter(property=prop).exclude(CURRENT).order_by("-ended_on")
                    .values_list("ended_on", flat=True).first())
    start_date = start_date or max(request.start_date, prop.available_from, previous_end or prop.available_from)
    # The market rent as the locked row has it: a change saved meanwhile counts. So does its
    # availability: a property whose availability ended is no longer on offer (``on_offer``).
    errors = {**rent_errors(rent=rent, prop=prop), **availability_errors(prop=prop, start_date=start_date)}
    if previous_end is not None and start_date < previous_end and "start_date" not in errors:
        errors["start_date"] = _("De vorige verhuur van dit pand eindigde op %(date)s; de nieuwe huur begint "
                                 "niet eerder.") % {"date": short_date(previous_end)}
    if errors:
        raise ValidationError(errors)
    open_procedure = procedure == Procedure.OPEN
    allocation = Allocation(
        organisation_id=prop.organisation_id, property=prop, space_request=request, rent=rent,
        market_rent=prop.market_rent, tenant_kind=tenant_kind,
        start_date=start_date,
        procedure=procedure, procedure_reference=(procedure_reference or "").strip(),
        publication_date=publication_date if open_procedure else None,
        candidates=candidates if open_procedure else None,
        justification="" if open_procedure else justification.strip(),
        decided_by="" if open_procedure else decided_by.strip(),
        decision_date=None if open_procedure else decision_date, created_by=by)
    allocation.full_clean()
    allocation.save()
    request.status = SpaceRequestStatus.ALLOCATED
    request.save(update_fields=["status"])

    def message():
        # The entrepreneur's news in the mail itself: which property, from when, and the next step.
        return (_("Er is een pand voor uw ruimtevraag: %(name)s") % {"name": prop.name},
                _("%(owner)s heeft %(name)s (%(address)s) aan %(enterprise)s toegewezen, met ingang van %(start)s. "
                  "Op uw ruimtevraag staan de afgesproken huur en met wie u contact opneemt over de huurovereenkomst "
                  "en de sleuteloverdracht.")
                % {"owner": prop.organisation.name, "name": prop.name, "address": prop.address,
                   "enterprise": request.enterprise.name, "start": short_date(allocation.start_date)})

    notify_all(users_with_role(Role.ENTREPRENEUR, enterprise=request.enterprise_id), message=message,
               url=request.get_absolute_url(), dedupe_key=f"allocation-{allocation.pk}")
    return allocation


@transaction.atomic
def end_letting(*, allocation: Allocation, by, ended_on: dt.date | None, reason: str = "") -> Allocation:
    """Register that the letting of ``allocation`` ended on ``ended_on`` (after the fact: on or after
    its start, not after today), with an optional ``reason``. The property is then free again: on
    offer (as far as its availability goes), in the matches, and open to a new allocation. The
    property row is locked first, as ``allocate`` locks it, so an end and a new allocation of the
    same property do not interleave; the allocation is locked and its ``end`` grant checked again,
    and an ended letting is not ended twice."""
    Property.objects.select_for_update().filter(pk=allocation.property_id).values_list("pk").first()
    locked = access.require_locked(by, "end", allocation)
    if locked.ended_on is not None:
        raise ValidationError({"ended_on": _("Deze verhuur is al beëindigd op %(date)s.") % {
            "date": short_date(locked.ended_on)}})
    if ended_on is None:
        raise ValidationError({"ended_on": _("Vul de datum in waarop de verhuur is geëindigd.")})
    errors = ending_errors(start_date=locked.start_date, ended_on=ended_on)
    if errors:
        raise ValidationError(errors)
    locked.ended_on = ended_on
    locked.end_reason = (reason or "").strip()
    with acting_as(by):
        locked.full_clean()
        locked.save(update_fields=["ended_on", "end_reason"])
    return locked


@transaction.atomic
def reopen_letting(*, allocation: Allocation, by) -> Allocation:
    """Undo the end of a letting registered by mistake (the tenant did not leave): the letting is
    current again, its end date and reason gone (the allocation's history keeps them). Refused once
    the property has been allocated again since: two lettings of one property would be current.
    Locks as ``end_letting`` does, with the same ``end`` grant."""
    Property.objects.select_for_update().filter(pk=allocation.property_id).values_list("pk").first()
    locked = access.require_locked(by, "end", allocation)
    if locked.ended_on is None:
        raise ValidationError(_("Deze verhuur loopt nog; er is geen beëindiging om ongedaan te maken."))
    later = (Allocation.objects.filter(property_id=locked.property_id).exclude(pk=locked.pk)
             .filter(CURRENT | Q(start_date__gte=locked.start_date)).order_by("-start_date", "-pk").first())
    if later is not None:
        raise ValidationError(_("Het pand is sinds de beëindiging opnieuw toegewezen (vanaf %(date)s); deze verhuur "
                                "loopt daarom niet opnieuw. Beëindig eerst die toewijzing als die niet klopt.") % {
            "date": short_date(later.start_date)})
    locked.ended_on, locked.end_reason = None, ""
    with acting_as(by):
        locked.save(update_fields=["ended_on", "end_reason"])
    return locked


def tenant_mix(allocations) -> dict:
    """Count and floor area per tenant kind of a (scoped) allocation queryset, in one grouped query:
    every allocation the queryset holds, current and ended (narrow it with ``CURRENT`` for the
    lettings of now; ``views_realestate.AllocationList`` says which it counts)."""
    from django.db.models import Count, Sum

    rows = {row["tenant_kind"]: row for row in allocations.values("tenant_kind").annotate(
        n=Count("id"), floor=Sum("property__floor_area")).order_by()}
    return {kind: {"label": label, "count": rows.get(kind, {}).get("n", 0),
                   "floor_area": rows.get(kind, {}).get("floor") or Decimal(0)}
            for kind, label in TenantKind.choices}


def today():
    return timezone.localdate()


@transaction.atomic
def space_request_withdraw(*, space_request: SpaceRequest, by) -> SpaceRequest:
    """The entrepreneur (or the owner's staff) withdraws an open request that is no longer needed:
    it stood open, shown to staff for matching, with no way to end it. An allocated one stays."""
    space_request = access.require_locked(by, access.CHANGE, space_request)
    if space_request.status != SpaceRequestStatus.OPEN:
        raise ValidationError(_("Deze ruimtevraag staat niet meer open (%(status)s) en wordt niet ingetrokken.")
                              % {"status": space_request.get_status_display()})
    space_request.status = SpaceRequestStatus.WITHDRAWN
    space_request.save(update_fields=["status"])
    return space_request
