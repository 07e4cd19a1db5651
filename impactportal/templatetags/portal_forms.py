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


@register.inclusion_tag("ui/partials/page_error_summary.html")
def error_summary(*forms, row_name=""):
    """``{% error_summary form formset … row_name=… %}``: ONE error summary for a page with several
    forms (a form and its formsets), each error linking to its field; a formset row's errors say
    which row ("Kerncijfer 2: Naam: …"). The (sub)forms themselves are then rendered with
    ``ui/forms/fields.html``, without a summary of their own: ``{{ subform }}`` gave every row a
    box of its own, six "Controleer het formulier" boxes for one bad submit."""
    errors = []  # (href or "", text)
    for form in forms:
        if form is None or not (getattr(form, "is_bound", False) or getattr(form, "version_refused", False)):
            continue  # unbound: no errors, unless a stale page's (``versions.refuse``)
        if hasattr(form, "forms"):  # a formset
            errors += [("", str(error)) for error in form.non_form_errors()]
            for number, subform in enumerate(form.forms, start=1):
                prefix = f"{row_name} {number}: " if row_name else f"{number}: "
                errors += _form_errors(subform, prefix)
        else:
            errors += _form_errors(form, "")
    return {"errors": errors}


def _form_errors(form, prefix: str) -> list[tuple[str, str]]:
    errors = [("", f"{prefix}{error}") for error in form.non_field_errors()]
    for field in form:
        for error in field.errors:
            if field.is_hidden:
                errors.append(("", f"{prefix}{error}"))
            else:
                errors.append((f"#{error_target_id(field)}", f"{prefix}{field.label}: {error}"))
    return errors
