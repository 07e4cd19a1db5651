"""Linked toolbox question of module 9: this year's SROI figures of the organisation
(``procurement.figures``: obligation of the running contracts, verified and reported realisation)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.contributions import ToolboxSource


def sroi_context(user, organisation):
    from . import figures

    year = timezone.localdate().year
    result = figures.obligation_figures(user, organisation, year)
    tiles = result["tiles"]
    contracts = next((tile.value for tile in tiles if tile.key == "contracts"), 0)
    return {"rows": [tile for tile in tiles if tile.value], "tiles": tiles, "year": year, "contracts": contracts}


def has_contracts(context) -> bool:
    return bool(context.get("contracts"))


def sroi_answered(user, organisations) -> set[int]:
    """``has_contracts`` for many organisations in one query: those with a contract the user sees
    that runs this year and owes social return (the "contracts" tile of ``sroi_context``)."""
    from . import figures

    contracts = figures.running_contracts(user, None, timezone.localdate().year).filter(figures.OWES)
    return set(contracts.filter(organisation__in=organisations)
               .order_by().values_list("organisation_id", flat=True).distinct())


SOURCES = [ToolboxSource(key="procurement.sroi", label=_("SROI-cijfers"),
                         template="toolbox_sources/procurement_sroi.html", context=sroi_context,
                         has_data=has_contracts, answered=sroi_answered)]
