"""Links to the privacy and accessibility statements: the organisation's own
(``PORTAL_PRIVACY_URL``, ``PORTAL_ACCESSIBILITY_URL``) or the portal's built-in pages."""

from django import template

from impactportal.ui import statements

register = template.Library()


@register.simple_tag
def privacy_url() -> str:
    return statements.privacy_url()


@register.simple_tag
def accessibility_url() -> str:
    return statements.accessibility_url()
