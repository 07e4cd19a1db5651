"""Form helpers for templates: where an error-summary link leads, and whether the page shows a
form whose submit failed (the page title then starts "Controleer uw invoer: ")."""

from django import template

from impactportal.ui.forms import error_target_id, submit_failed

register = template.Library()


@register.filter
def error_target(bound_field) -> str:
    """``href="#{{ field|error_target }}"``: the id of the element the error-summary link focuses,
    the first option of a group of radio buttons or check boxes."""
    return error_target_id(bound_field)


@register.simple_tag(takes_context=True)
def failed_submit(context) -> bool:
    """``{% failed_submit as failed %}``: the page shows a form (or formset) that was submitted and
    did not validate."""
    return submit_failed(context.flatten().values())
