"""Template filters of purchase requests and challenges: ``{{ amount|euro }}``."""

from django import template

from impactportal.ui.columns import euro as format_euro

register = template.Library()


@register.filter
def euro(value):
    return "—" if value is None or value == "" else format_euro(value)
