"""Live data for linked toolbox questions (module 13, monitoring and evaluation): the
organisation's latest indicator values, read through the access module."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from impactportal.contributions import ToolboxSource
from impactportal.indicators import Basis, Level, Unit


def latest_values(user, organisation) -> dict:
    """The organisation's values in the latest monthly snapshot the user may see, with each value's
    unit, status and source; the baseline too where there is one."""
    from . import registry, reports
    from .constants import SnapshotKind
    from .models import SnapshotValue

    visible = (SnapshotValue.objects.for_user(user).filter(level=Level.ORGANISATION, organisation=organisation)
               .exclude(code__in=list(registry.withheld(user, Level.ORGANISATION, organisation.pk))))
    latest = (visible.filter(snapshot__kind=SnapshotKind.MONTHLY).order_by("-snapshot__period_end")
              .values_list("snapshot_id", "snapshot__label").first())
    if latest is None:
        return {"rows": [], "period": None}
    values = dict(visible.filter(snapshot_id=latest[0]).values_list("code", "value"))
    # The unit as its own column, as the dashboard and the report print it: "Tevredenheid 4" or
    # "Gemobiliseerde financiering 150.000,00" alone did not say score or euro.
    rows = [{"code": ind.code, "name": ind.name, "value": reports.figure(values[ind.code], ind.unit),
             "unit": Unit(ind.unit).label,
             "basis": Basis(ind.basis).label, "source": reports.source_label(ind.source)}
            for ind in registry.indicators() if ind.code in values]
    return {"rows": rows, "period": reports.month_label(latest[1])}


def latest_values_answered(user, organisations) -> set[int]:
    """The organisations for which ``latest_values`` has rows, in one query per set of withheld
    codes (one for a superuser, at most a few for anyone else) however many organisations are asked:
    the latest monthly snapshot among the values the user may see has a registered indicator's value."""
    from django.db.models import Exists, OuterRef, Subquery

    from impactportal.accounts.models import Organisation

    from . import registry
    from .constants import SnapshotKind
    from .models import SnapshotValue

    codes = [ind.code for ind in registry.indicators()]
    found = set()
    for withheld, pks in _withheld_groups(user, organisations).items():
        visible = (SnapshotValue.objects.for_user(user).filter(level=Level.ORGANISATION, organisation=OuterRef("pk"))
                   .exclude(code__in=list(withheld)))
        latest = (visible.filter(snapshot__kind=SnapshotKind.MONTHLY).order_by("-snapshot__period_end")
                  .values("snapshot_id")[:1])
        shown = visible.filter(snapshot=OuterRef("latest"), code__in=codes)
        found.update(Organisation.objects.filter(pk__in=pks).annotate(latest=Subquery(latest))
                     .filter(Exists(shown)).values_list("pk", flat=True))
    return found


def _withheld_groups(user, organisations) -> dict[frozenset, list[int]]:
    """The organisations' pks grouped by the codes ``registry.withheld`` holds back for each."""
    from . import registry

    groups: dict[frozenset, list[int]] = {}
    for pk, codes in registry.withheld_at_organisations(user, [o.pk for o in organisations]).items():
        groups.setdefault(codes, []).append(pk)
    return groups


SOURCES = [
    ToolboxSource(key="monitoring.indicators", label=_("Laatste indicatorwaarden van uw organisatie"),
                  template="monitoring/toolbox_indicators.html", context=latest_values,
                  answered=latest_values_answered),
]
