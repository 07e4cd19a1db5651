from django import template

from impactportal.money import euro as _euro

register = template.Library()


@register.filter
def money(value):
    """€ 12.500,00 (the active locale decides the separators); empty stays empty."""
    return "" if value in (None, "") else _euro(value)


@register.filter
def percent(share):
    """A fraction 0–1 as a whole percentage."""
    try:
        return f"{round(float(share) * 100)}%"
    except (TypeError, ValueError):
        return ""
