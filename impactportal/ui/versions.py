"""An edit form is not saved over a change made since it was loaded (optimistic concurrency).

Each edit form of ``generic.ScopedUpdateView`` carries the version of the row it shows: a short
hash of the stored values of the fields the form edits (a hidden field ``ui/forms/form.html``
renders from ``form.version_token``). On POST the view locks the row (``select_for_update``, in
the transaction that saves it) and compares: a different version means someone else changed
what the form shows in the meantime; the view then saves nothing and shows the form again with
the new values and a message (409). A broker sending an old form put back the old status of an
action a colleague had just marked done.

The hash covers the edited fields, not ``updated_at``: every model has them (not every model has
an ``updated_at``), a change made with ``QuerySet.update`` counts too, and a change the form does
not show (a contract's realised amount) does not refuse the form (the save starts from the row
as it is then). A form in error keeps the version it was loaded with. A POST without the field
(a script, an old page) is handled as before."""

import hashlib

from django.utils.translation import gettext as _

FIELD = "_version"


def edited_fields(model, form_class) -> list[str]:
    """The columns of ``model`` that ``form_class`` edits; all of them when it names none."""
    names = set(getattr(form_class, "base_fields", ()))
    columns = [field for field in model._meta.concrete_fields if not field.primary_key]
    return [field.attname for field in columns if field.name in names] or [field.attname for field in columns]


def row_version(model, pk, fields: list[str], lock: bool = False) -> str | None:
    """The version of row ``pk`` (None: no such row); ``lock``: locked until the transaction ends."""
    rows = model._base_manager.filter(pk=pk)
    if lock:
        rows = rows.select_for_update()
    values = list(rows.values_list(*fields)[:1])
    if not values:
        return None
    return hashlib.sha256(repr(values[0]).encode()).hexdigest()[:20]


def posted(request) -> str | None:
    """The version a POST carries (None: none, or not one this module wrote)."""
    value = request.POST.get(FIELD) if request.method == "POST" else None
    if value is None:
        return None
    return value if len(value) == 20 and value.isalnum() else ""  # "": a version no row has


def stale_message() -> str:
    return _("Iemand anders heeft dit intussen gewijzigd. Hieronder ziet u de nieuwe versie; "
             "voer uw wijziging opnieuw in.")
