"""Money as people read it, in the active language."""

from django.utils.formats import get_format
from django.utils.numberformat import format as number_format


def euro(value, places: int = 2) -> str:
    """€ 7.000,00 in Dutch, € 7,000.00 in English (the active locale decides). The space after
    the sign does not break, so an amount never wraps in two."""
    return "€\u00a0" + number_format(
        value, get_format("DECIMAL_SEPARATOR"), decimal_pos=places, grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"), force_grouping=True,
    )
