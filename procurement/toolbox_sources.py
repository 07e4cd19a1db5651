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


SOURCES = [ToolboxSource(key="procurement.sroi", label=_("SROI-cijfers"),
                         template="toolbox_sources/procurement_sroi.html", context=sroi_context,
                         has_data=has_contracts)]
