"""``{% admits "helpdesk:service-levels" as may_service_levels %}``: whether the page of a route lets
the signed-in user in (``impactportal.ui.actions.admits``: the page's own role gate), so a
template offers a link only to users the page admits and never repeats a rule itself."""

from django import template

from impactportal.ui.actions import admits as page_admits

register = template.Library()


@register.simple_tag(takes_context=True)
def admits(context, viewname, *args):
    request = context.get("request")
    return request is not None and page_admits(request, viewname, *args)
