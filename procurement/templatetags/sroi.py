"""Template filters of social return and procurement: ``{{ amount|euro }}``."""

from django import template

from impactportal.money import euro as format_euro

register = template.Library()


@register.filter
def euro(value):
    """€ 7.000,00 (Dutch) or € 7,000.00 (English); "—" for nothing."""
    return "—" if value is None or value == "" else format_euro(value)
