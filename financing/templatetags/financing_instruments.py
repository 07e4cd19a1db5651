from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

from impactportal.money import euro as _euro

register = template.Library()


@register.filter
def money(value):
    """€ 12.500,00 (the active locale decides the separators); empty stays empty."""
    return "" if value in (None, "") else _euro(value)


@register.filter
def percent(share):
    """A fraction 0–1 as a whole percentage, rounded half up as ``portfolio`` rounds every share
    (``Coverage.covered_percent``): a float's half-to-even wrote 12% on the need's page where the
    dashboard said 13% (0.125)."""
    try:
        return f"{(Decimal(str(share)) * 100).quantize(Decimal('1'), rounding=ROUND_HALF_UP)}%"
    except (TypeError, ValueError, ArithmeticError):
        return ""


@register.filter
def share_percent(share):
    """A fraction 0–1 (a deadweight, a share of the effect) as a percentage with only the decimals
    it needs, in the active language: 0.4000 → 40%, 0.125 → 12,5% (12.5% in English)."""
    try:
        value = (Decimal(str(share)) * 100).quantize(Decimal("0.01")).normalize()
    except (InvalidOperation, TypeError, ValueError):
        return ""
    return f"{number_format(value, max(0, -value.as_tuple().exponent))}%"
