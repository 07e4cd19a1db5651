"""``{{ amount|euro }}``: an amount as ``impactportal.money.euro`` writes it, for a template that
shows money outside a table column ("-€ 1.234,56" for an overspend, not "€ -1.234,56");
``{{ count|number }}``: any other number as ``impactportal.money.number`` writes it ("100.002")."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from impactportal.money import euro as _euro
from impactportal.money import number as _number

register = template.Library()


@register.filter
def euro(value):
    """€&nbsp;1.234,56 / -€&nbsp;1.234,56 in Dutch, €1,234.56 / -€1,234.56 in English, its no-break
    space written as the templates around it write theirs; empty stays empty."""
    if value in (None, ""):
        return ""
    return mark_safe(escape(_euro(value)).replace("\u00a0", "&nbsp;"))  # noqa: S308 (escaped above)


@register.filter
def number(value):
    """A count or other figure with the active language's thousands mark (100.002 / 100,002):
    without USE_THOUSAND_SEPARATOR a template writes "100002"; empty stays empty."""
    if value in (None, ""):
        return ""
    return _number(value)
