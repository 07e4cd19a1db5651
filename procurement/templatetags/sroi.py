"""Template filters of social return and procurement: ``{{ amount|euro }}``, ``{{ line.months|quantity }}``."""

from django import template

from impactportal.money import euro as format_euro
from procurement.valuation import money as whole_or_cents

register = template.Library()


@register.filter
def euro(value):
    """€ 7.000,00 (Dutch) or €7,000.00 (English); "—" for nothing."""
    return "—" if value is None or value == "" else format_euro(value)


@register.filter
def euro_whole(value):
    """€ 30.000 for whole euros, € 30.000,50 otherwise (€30,000 / €30,000.50 in English): a rule
    set's threshold and cap as its rates are written (``valuation.money``); "—" for nothing."""
    return "—" if value is None or value == "" else whole_or_cents(value)


@register.filter
def quantity(value):
    """A quantity stored with two decimals (months, hours, fte) as people write it: "10", not
    "10.00"; "1,5" (Dutch) or "1.5" (English) where it has a fraction; "—" for nothing."""
    from procurement.valuation import number

    return "—" if value is None or value == "" else number(value)
