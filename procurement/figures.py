"""Figures per organisation and year: social-return obligations against what was realised,
contracts behind schedule, purchase requests and responses, and the share of the organisation's
own spending at impact enterprises (the City Deal commitment *aandeel eigen inkoop bij
impactondernemingen*).

Reads only: every queryset starts at ``Model.objects.for_user(user)`` and is then narrowed to the
chosen organisation (a presentation choice, like the dashboards). Sums and counts are computed by
the database in a fixed number of queries, whatever the number of contracts or payments.

Every figure says where it comes from (``source``) and how firm it is (``basis``): measured (a
recorded fact, or a line a broker verified), estimated, or self-declared (reported by the
supplier and not yet verified)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Coalesce, ExtractMonth
from django.http import Http404
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from enterprises.constants import AdmissionStatus
from impactportal import access
from impactportal.indicators import Basis
from impactportal.money import MONEY_FIELD, ZERO_EUROS

from .constants import OWED_STATUSES, ContractStatus, RealisationStatus, RequestStatus
from .models import Contract, PurchaseRequest, Realisation, SupplierPayment, reported_value

ZERO = Decimal("0.00")
# Payments to an admitted impact enterprise of the register count towards the spending share.
AT_IMPACT_ENTERPRISE = Q(enterprise__admission_status=AdmissionStatus.ADMITTED)
# A contract owes social return when its obligation is above zero; one below the rule set's threshold
# owes nothing and is neither a "contract with an SROI obligation" nor "fulfilled".
OWES = Q(obligation__gt=0)
BEHIND_LISTED = 25  # contracts behind schedule shown on the page; the count covers all
SUPPLIERS_LISTED = 10


class Unit(models.TextChoices):
    MONEY = "money", _("euro")
    COUNT = "count", _("aantal")
    PERCENTAGE = "percentage", _("procent")
    AVERAGE = "average", _("gemiddelde")


class Source:
    """Where the figures come from, one sentence each (shown under every figure)."""

    CONTRACTS = _("SROI-contracten die in het jaar liepen: opdrachtwaarde × percentage van de vastgepinde "
                  "regeling, zoals bij de gunning berekend. Contracten zonder verplichting (opdrachtwaarde onder "
                  "de drempel van de regeling) tellen niet mee.")
    VERIFIED = _("Realisatieregels met een datum in het jaar van dezelfde contracten als de verplichting, die een "
                 "makelaar of de regionale SROI-coördinator heeft geverifieerd.")
    # The share's numerator: the same contracts as the obligation, over their whole life up to the
    # end of the year. Lines of one year against obligations of several years made 25% of what the
    # contract list showed as 53% for the same contracts.
    TO_DATE = _("Alle geverifieerde realisatieregels tot en met 31 december van het jaar (ook uit eerdere jaren) "
                "van de SROI-contracten die in het jaar liepen: dezelfde contracten als de verplichting, zoals de "
                "contractenlijst ze optelt.")
    REPORTED = _("Realisatieregels met een datum in het jaar van dezelfde contracten als de verplichting, die de "
                 "leverancier heeft gemeld en die nog niet zijn geverifieerd; een regel 'Anders, met onderbouwing' telt hier met het gevraagde bedrag, "
                 "dat pas na goedkeuring als gerealiseerd telt.")
    STATUS = _("Huidige status van de SROI-contracten die in het jaar liepen. Contracten zonder verplichting "
               "(opdrachtwaarde onder de drempel) staan apart onder 'Geen verplichting' en tellen niet als voldaan.")
    REQUESTS = _("Inkoopvragen die de organisatie in het jaar op het platform plaatste, en de reacties erop.")
    PAYMENTS = _("Geïmporteerde betalingen uit het financiële systeem (bedragen excl. btw), op KvK-nummer "
                 "gekoppeld aan het register; alleen toegelaten impactondernemingen tellen mee. Bedragen zijn "
                 "netto: een creditnota (negatief bedrag) wordt verrekend met de betalingen.")


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: Decimal | int | None
    unit: str
    basis: str
    source: str

    @property
    def basis_label(self) -> str:
        return Basis(self.basis).label

    @property
    def unit_label(self) -> str:
        return Unit(self.unit).label


@dataclass
class Figures:
    organisation: object | None  # None: every organisation in the user's scope
    year: int
    tiles: list[Figure] = field(default_factory=list)
    periods: list[dict] = field(default_factory=list)
    statuses: list[dict] = field(default_factory=list)
    behind: list[Contract] = field(default_factory=list)
    behind_count: int = 0
    requests: list[Figure] = field(default_factory=list)
    spending: list[Figure] = field(default_factory=list)
    categories: list[dict] = field(default_factory=list)
    top_suppliers: list[dict] = field(default_factory=list)
    unmatched_suppliers: list[dict] = field(default_factory=list)
    unmatched_count: int = 0

    def all_figures(self) -> list[Figure]:
        return [*self.tiles, *self.requests, *self.spending]


# --- which organisation ------------------------------------------------------------------


def organisation_choices(user):
    """The organisations whose figures ``user`` may see: those whose payments (and contracts)
    the access policy lets them read. A regional SROI coordinator reads no payments, only the
    contracts of the region's members: those members."""
    payments = access.owner_choices(user, SupplierPayment, access.VIEW)
    contracts = access.owner_choices(user, Contract, access.VIEW)
    return (payments | contracts).distinct().order_by("name")


def reads_payments(user, organisation=None) -> bool:
    """Whether ``user`` may read the supplier payments of ``organisation`` (None: of any
    organisation), as the access policy decides: brokers, and colleagues of the department the
    payments belong to (inkoop). A colleague of another department (vastgoed) reads the social
    return figures of their organisation, not what it paid its suppliers."""
    if organisation is None:
        return access.may_own(user, SupplierPayment, access.VIEW)
    return access.owner_choices(user, SupplierPayment, access.VIEW).filter(pk=organisation.pk).exists()


def is_regional(user) -> bool:
    """A regional SROI coordinator (and not municipal staff): the figures are the region's
    totals by default, and only the social-return part applies."""
    return bool(access.region_ids(user, access.SROI_COORDINATOR)) and not access.has_role(
        user, access.BROKER, access.COLLEAGUE)


def choose(user, slug: str | None):
    """The organisation of ``?organisation=<slug>``: one of the user's (404 otherwise). Without a
    slug: the user's own organisation; a superuser without one sees every organisation (None), a
    regional SROI coordinator the totals of the region's members (None: every organisation in
    their scope, which the access module narrows to those members)."""
    choices = organisation_choices(user)
    if slug:
        organisation = choices.filter(slug=slug).first()
        if organisation is None:
            raise Http404
        return organisation
    own = choices.filter(pk__in=access.organisation_ids(user, access.BROKER, access.COLLEAGUE)).first()
    if own is None and not (user.is_superuser or is_regional(user)):
        raise Http404
    return own


def parse_year(value, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    try:
        year = int(value)
    except (TypeError, ValueError):
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _of(queryset, organisation, path="organisation"):
    return queryset if organisation is None else queryset.filter(**{path: organisation})


def visible(model, user, organisation, path="organisation"):
    """The rows of ``model`` of ``organisation`` that ``user`` may view (each once: the access
    module matches grants through a contract's contacts by key, so nothing is summed twice)."""
    return _of(model.objects.for_user(user), organisation, path)


def money(value) -> Decimal:
    return (value or ZERO).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``whole``, one decimal; None when there is no whole."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- the figures -------------------------------------------------------------------------


def running_contracts(user, organisation, year: int):
    first, last = year_bounds(year)
    return visible(Contract, user, organisation).filter(award_date__lte=last, end_date__gte=first)


def obligation_figures(user, organisation, year: int, *, quarters=False) -> dict:
    """Obligations of the contracts running in ``year`` against the verified (measured) and
    reported (self-declared) realisation lines dated in it: totals, per month (or quarter) and
    per status, and the realisation to date of the same contracts for the share. Five queries."""
    first, last = year_bounds(year)
    contracts = running_contracts(user, organisation, year)
    totals = contracts.aggregate(
        count=Count("id", filter=OWES), obligation_total=Sum("obligation"),
        **{f"status_{s}": Count("id", filter=Q(status=s) & OWES) for s in OWED_STATUSES},
        **{f"status_{ContractStatus.NO_OBLIGATION}": Count("id", filter=~OWES)},
    )
    awarded = dict(contracts.filter(award_date__gte=first).annotate(month=ExtractMonth("award_date"))
                   .values("month").annotate(total=Sum("obligation")).values_list("month", "total"))
    # The lines of the same contracts as the obligation (and as ``realised_to_date``): the year's
    # realisation is part of the realisation to date, and the chart's cumulative line ends on it.
    lines = (owed_lines(user, organisation, year)
             .filter(date__gte=first, date__lte=last,
                     status__in=[RealisationStatus.VERIFIED, RealisationStatus.SUBMITTED])
             .annotate(month=ExtractMonth("date")).values("month", "status")
             # A verified line counts its value; a submitted one what it reports, a pending
             # "other" claim included at its claimed amount (``reported_value``).
             .annotate(total=Sum(reported_value())).order_by())
    per_month = {(row["month"], row["status"]): row["total"] for row in lines}
    to_date = realised_to_date(user, organisation, year)
    in_year = money(sum((total or ZERO for (_month, status), total in per_month.items()
                         if status == RealisationStatus.VERIFIED), ZERO))
    # The cumulative line counts as the tiles do, from the contracts' start: it starts at what was
    # verified on them before 1 January and ends on the realisation to date. Counting the year's
    # lines only, it ended far below the "realised to date" tile and was drawn against the
    # obligation of the contracts' whole life.
    periods, cumulative = [], to_date - in_year
    size = 3 if quarters else 1
    for index in range(12 // size):
        months = range(index * size + 1, index * size + size + 1)
        verified = money(sum((per_month.get((m, RealisationStatus.VERIFIED)) or ZERO for m in months), ZERO))
        reported = money(sum((per_month.get((m, RealisationStatus.SUBMITTED)) or ZERO for m in months), ZERO))
        cumulative += verified
        periods.append({
            "period": index + 1,
            "label": f"Q{index + 1}" if quarters else dt.date(year, index + 1, 1),
            "obligation_awarded": money(sum((awarded.get(m) or ZERO for m in months), ZERO)),
            "realised": verified, "reported": reported, "realised_cumulative": cumulative,
        })
    obligation = money(totals["obligation_total"])
    realised = money(sum((p["realised"] for p in periods), ZERO))
    reported = money(sum((p["reported"] for p in periods), ZERO))
    tiles = [
        Figure("contracts", _("Contracten met SROI-verplichting"), totals["count"], Unit.COUNT, Basis.MEASURED,
               Source.CONTRACTS),
        Figure("obligation", _("Verplichting"), obligation, Unit.MONEY, Basis.MEASURED, Source.CONTRACTS),
        Figure("realised_to_date", str(format_lazy(_("Gerealiseerd op deze contracten t/m {year} (geverifieerd)"),
                                                   year=year)),
               to_date, Unit.MONEY, Basis.MEASURED, Source.TO_DATE),
        Figure("realised_share", str(format_lazy(_("Gerealiseerd t/m {year} als deel van de verplichting"),
                                                 year=year)),
               share(to_date, obligation), Unit.PERCENTAGE, Basis.MEASURED, Source.TO_DATE),
        # The year's own lines: an amount without a percentage, as they cover part of the
        # contracts' life and the obligation all of it.
        Figure("realised", str(format_lazy(_("Waarvan gerealiseerd in {year} (geverifieerd)"), year=year)), realised,
               Unit.MONEY, Basis.MEASURED, Source.VERIFIED),
        Figure("reported", _("Gemeld, nog niet geverifieerd"), reported, Unit.MONEY, Basis.SELF_DECLARED,
               Source.REPORTED),
    ]
    statuses = [{"status": s, "label": label, "count": totals[f"status_{s}"]} for s, label in ContractStatus.choices]
    return {"tiles": tiles, "periods": periods, "statuses": statuses}


def owed_lines(user, organisation, year: int):
    """The realisation lines ``user`` may view of the contracts running in ``year`` that owe social
    return: the contracts whose obligation the figures count."""
    first, last = year_bounds(year)
    return (visible(Realisation, user, organisation, "contract__organisation")
            .filter(contract__award_date__lte=last, contract__end_date__gte=first, contract__obligation__gt=0))


def realised_to_date(user, organisation, year: int) -> Decimal:
    """The verified realisation of the contracts running in ``year`` that owe social return, over
    their life up to 31 December of the year: the amount to set against their obligation (which is
    the whole life's). For the current year it is what the contract list sums (``Contract.realised``)."""
    _first, last = year_bounds(year)
    total = (owed_lines(user, organisation, year).filter(date__lte=last, status=RealisationStatus.VERIFIED)
             .aggregate(total=Sum("value"))["total"])
    return money(total)


def behind_schedule(user, organisation, year: int) -> list[Contract]:
    """Contracts running in ``year`` whose realised share lags the elapsed share of their period."""
    return list(running_contracts(user, organisation, year).filter(status=ContractStatus.BEHIND)
                .select_related("organisation", "supplier").order_by("end_date", "id")[:BEHIND_LISTED])


def request_figures(user, organisation, year: int) -> list[Figure]:
    """Purchase requests posted in ``year`` and the responses to them (one query)."""
    start = timezone.make_aware(dt.datetime(year, 1, 1))
    end = timezone.make_aware(dt.datetime(year + 1, 1, 1))
    counts = (_of(PurchaseRequest.objects.for_user(user), organisation)
              .filter(created_at__gte=start, created_at__lt=end)
              .aggregate(posted=Count("id", distinct=True),
                         open=Count("id", distinct=True, filter=Q(status=RequestStatus.OPEN)),
                         awarded=Count("id", distinct=True, filter=Q(status=RequestStatus.AWARDED)),
                         responses=Count("responses", distinct=True)))
    average = (Decimal(counts["responses"]) / counts["posted"]).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) \
        if counts["posted"] else None
    return [
        Figure("requests_posted", _("Inkoopvragen geplaatst"), counts["posted"], Unit.COUNT, Basis.MEASURED,
               Source.REQUESTS),
        Figure("requests_open", _("Nog open voor reacties"), counts["open"], Unit.COUNT, Basis.MEASURED,
               Source.REQUESTS),
        Figure("requests_awarded", _("Gegund"), counts["awarded"], Unit.COUNT, Basis.MEASURED, Source.REQUESTS),
        Figure("responses", _("Reacties van ondernemingen"), counts["responses"], Unit.COUNT, Basis.MEASURED,
               Source.REQUESTS),
        Figure("responses_per_request", _("Gemiddeld aantal reacties per inkoopvraag"), average, Unit.AVERAGE,
               Basis.MEASURED, Source.REQUESTS),
    ]


def payments_in(user, organisation, year: int):
    first, last = year_bounds(year)
    return _of(SupplierPayment.objects.for_user(user), organisation).filter(date__gte=first, date__lte=last)


def _sum(condition=None):
    return Coalesce(Sum("amount", filter=condition), ZERO_EUROS, output_field=MONEY_FIELD)


def spending_figures(user, organisation, year: int) -> dict:
    """The share of the organisation's own spending at admitted impact enterprises, by cost
    category, the top suppliers and the suppliers not found in the register (four queries)."""
    payments = payments_in(user, organisation, year)
    totals = payments.aggregate(total=_sum(), impact=_sum(AT_IMPACT_ENTERPRISE),
                                registered=_sum(Q(enterprise__isnull=False)), count=Count("id"))
    total, impact = money(totals["total"]), money(totals["impact"])
    figures = [
        Figure("spending_total", _("Betaald aan leveranciers (excl. btw)"), total, Unit.MONEY, Basis.MEASURED,
               Source.PAYMENTS),
        Figure("spending_impact", _("Waarvan bij impactondernemingen"), impact, Unit.MONEY, Basis.MEASURED,
               Source.PAYMENTS),
        Figure("spending_share", _("Aandeel eigen inkoop bij impactondernemingen"), share(impact, total),
               Unit.PERCENTAGE, Basis.MEASURED, Source.PAYMENTS),
        Figure("spending_registered_not_admitted", _("Bij ondernemingen in het register, niet toegelaten"),
               money(totals["registered"]) - impact, Unit.MONEY, Basis.MEASURED, Source.PAYMENTS),
        Figure("payments", _("Betalingen"), totals["count"], Unit.COUNT, Basis.MEASURED, Source.PAYMENTS),
    ]
    categories = [
        row | {"total": money(row["total"]), "impact": money(row["impact"]), "share": share(row["impact"], row["total"])}
        for row in payments.values("cost_category").annotate(total=_sum(), impact=_sum(AT_IMPACT_ENTERPRISE))
        .order_by("-total", "cost_category")
    ]
    suppliers = payments.values("supplier_kvk", "supplier_name").annotate(total=_sum(), payments=Count("id"))
    top = list(suppliers.annotate(enterprise_id=Max("enterprise_id"),
                                  impact=Count("id", filter=AT_IMPACT_ENTERPRISE))
               .order_by("-total", "supplier_name")[:SUPPLIERS_LISTED])
    unmatched = suppliers.filter(enterprise__isnull=True)
    return {
        "spending": figures, "categories": categories,
        "top_suppliers": [row | {"is_impact": row.pop("impact") > 0} for row in top],
        "unmatched_suppliers": list(unmatched.order_by("-total", "supplier_name")[:SUPPLIERS_LISTED]),
        "unmatched_count": unmatched.count(),
    }


def figures_for(user, organisation, year: int, *, quarters=False) -> Figures:
    """All figures of one organisation (None: all in scope) and year, in a fixed number of queries.
    A regional SROI coordinator gets the social-return part only: the region's purchase requests
    and payments are not theirs to read (counted over every organisation in their sight, the
    request figures held other regions' requests, and the payment figures said "measured" zero).
    A colleague who may not read the organisation's payments (another department than inkoop)
    gets no spending figures either: no totals of rows they cannot open, and no "measured" zero."""
    obligations = obligation_figures(user, organisation, year, quarters=quarters)
    behind = behind_schedule(user, organisation, year)
    result = Figures(organisation=organisation, year=year, tiles=obligations["tiles"],
                     periods=obligations["periods"], statuses=obligations["statuses"], behind=behind,
                     behind_count=next(s["count"] for s in obligations["statuses"]
                                       if s["status"] == ContractStatus.BEHIND))
    if is_regional(user):
        return result
    result.requests = request_figures(user, organisation, year)
    if reads_payments(user, organisation):
        for key, value in spending_figures(user, organisation, year).items():
            setattr(result, key, value)
    return result


def dashboard_summary(user, organisation, year: int) -> dict:
    """The obligation of the contracts running this year against what was realised (verified) on
    them to date, and how much of that in this year, for a broker's dashboard (three queries). The
    share is of the first two only: the year's lines against obligations of several years said 25%
    where the contract list showed 53% for the same contracts."""
    first, last = year_bounds(year)
    obligation = money(running_contracts(user, organisation, year).aggregate(total=Sum("obligation"))["total"])
    in_year = (owed_lines(user, organisation, year)
               .filter(date__gte=first, date__lte=last, status=RealisationStatus.VERIFIED)
               .aggregate(total=Sum("value"))["total"])
    to_date = realised_to_date(user, organisation, year)
    return {"obligation": obligation, "realised_to_date": to_date, "realised": money(in_year),
            "share": share(to_date, obligation)}
