"""Formatting of figures: money in euros, percentages and counts in the active language."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from impactportal.money import euro as euro_text

register = template.Library()


@register.filter
def euro(value):
    """Money in the active language; amounts stored as text (import reports) too."""
    if value in (None, ""):
        return "—"
    return euro_text(Decimal(value) if isinstance(value, str) else value)


@register.filter
def figure_value(figure):
    """A figure's value as shown on a tile: money, a percentage, an average or a count."""
    if figure.value is None:
        return "—"
    if figure.unit == "money":
        return euro_text(figure.value)
    if figure.unit == "percentage":
        return f"{number_format(figure.value, 1)}%"  # as every percentage of the portal: "25,1%"
    if figure.unit == "average":
        return number_format(figure.value, 1)
    return number_format(figure.value, 0, force_grouping=True)
