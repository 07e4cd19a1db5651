"""``{% key_filters filter as keys %}`` in a list's filter form: see ``impactportal.ui.key_filters``."""

from django import template

from impactportal.ui.key_filters import key_filters as _key_filters

register = template.Library()


@register.simple_tag(takes_context=True)
def key_filters(context, filterset):
    return _key_filters(filterset, context["request"])
