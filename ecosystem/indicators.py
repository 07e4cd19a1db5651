"""Monitoring indicators of the ecosystem app (see ``impactportal.indicators``): set-based, one
aggregate query each, ``{organisation id: Decimal}`` for every organisation at once."""

from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.indicators import Basis, Indicator, Period, Unit, Values

from .constants import BottleneckKind, BottleneckStatus


def _values(rows, key: str) -> Values:
    return {row[key]: Decimal(row["n"]) for row in rows if row[key] is not None}


def domains_covered(period: Period) -> Values:
    """Domains (0–6) with at least one active party on the organisation's own maps (as kept now:
    map entries carry no history)."""
    from .models_maps import MapEntry

    rows = (MapEntry.objects.filter(is_active=True, map__organisation__isnull=False)
            .values("map__organisation").annotate(n=Count("domain", distinct=True)).order_by())
    return _values(rows, "map__organisation")


def _in_use_counted(rows, key: str, in_period: Q) -> Values:
    """One query over ``rows`` (an organisation's, from before the period's end): per organisation
    that used the service by then, the rows ``in_period``. A period without any is a measured 0,
    not "no measurement" (the dashboard drew "Eén maandmeting" beside months that had none); an
    organisation that never used it has no value."""
    counted = rows.values(key).annotate(n=Count("id", filter=in_period)).order_by()
    return _values(counted, key)


def properties_allocated(period: Period) -> Values:
    """Allocations starting in the period, whether the letting is current or ended since (an
    allocation made is counted when it starts); 0 for an organisation that allocated before its end."""
    from .models_realestate import Allocation

    start, end = timezone.localdate(period.start), timezone.localdate(period.end)
    return _in_use_counted(Allocation.objects.filter(start_date__lt=end), "organisation", Q(start_date__gte=start))


def events_held(period: Period) -> Values:
    """Events that began in the period; 0 for an organisation that organised one before its end."""
    from .models_events import Event

    return _in_use_counted(Event.objects.filter(starts_at__lt=period.end), "organisation",
                           Q(starts_at__gte=period.start))


def bottlenecks_open(period: Period) -> Values:
    """Bottlenecks (not best practices) signalled before the end of the period and not solved or
    declared unsolvable (the current status)."""
    from .models_bottlenecks import Bottleneck

    rows = (Bottleneck.objects.filter(Q(kind=BottleneckKind.BOTTLENECK), created_at__lt=period.end)
            .exclude(status__in=[BottleneckStatus.SOLVED, BottleneckStatus.UNSOLVABLE])
            .values("organisation").annotate(n=Count("id")).order_by())
    return _values(rows, "organisation")


INDICATORS = [
    Indicator(code="ecosystem.domains_covered", name=_("Ecosysteemdomeinen gedekt"), unit=Unit.COUNT,
              definition=_("Aantal van de zes domeinen (netwerk, kennis, ondersteuning, financiering, markt en "
                           "beleid, menselijk kapitaal) met ten minste één actieve partij op de eigen "
                           "ecosysteemkaart(en) van de organisatie."),
              source="ecosystem", basis=Basis.SELF_DECLARED, compute=domains_covered,
              tags=("ecosystem",)),
    Indicator(code="ecosystem.properties_allocated", name=_("Panden toegewezen"), unit=Unit.COUNT,
              definition=_("Toewijzingen van panden aan impactondernemers met een ingangsdatum in de periode, "
                           "ook als de verhuur sindsdien is beëindigd (geen telling van de lopende verhuur)."),
              source="ecosystem", basis=Basis.MEASURED, compute=properties_allocated, sdgs=(8, 11),
              tags=("real_estate",)),
    Indicator(code="ecosystem.events_held", name=_("Netwerkactiviteit: bijeenkomsten"), unit=Unit.COUNT,
              definition=_("Werkbezoeken, pitchdagen, netwerkbijeenkomsten en intervisies die in de periode "
                           "begonnen, georganiseerd door de organisatie."),
              source="ecosystem", basis=Basis.MEASURED, compute=events_held, sdgs=(17,), tags=("ecosystem",)),
    Indicator(code="ecosystem.bottlenecks_open", name=_("Open knelpunten"), unit=Unit.COUNT,
              definition=_("Knelpunten die de organisatie voor het einde van de periode signaleerde en die nog "
                           "niet zijn opgelost of onoplosbaar verklaard (huidige status)."),
              source="ecosystem", basis=Basis.MEASURED, compute=bottlenecks_open, tags=("bottlenecks",)),
]
