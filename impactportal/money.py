"""Money as people read it, in the active language."""

from decimal import Decimal

from django.db.models import DecimalField, Value
from django.utils.formats import get_format
from django.utils.numberformat import format as number_format

# An amount computed in SQL (a sum, a subquery): euros with cents, as the models store them.
MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)
# Zero for ``Coalesce`` over such an amount, in cents as the amounts are.
ZERO_EUROS = Value(Decimal("0.00"), output_field=MONEY_FIELD)


def euro(value, places: int = 2) -> str:
    """€ 7.000,00 in Dutch, € 7,000.00 in English (the active locale decides). The space after
    the sign does not break, so an amount never wraps in two."""
    return "€\u00a0" + number_format(
        value, get_format("DECIMAL_SEPARATOR"), decimal_pos=places, grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"), force_grouping=True,
    )
