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
(a script, an old page) is handled as before.

Many-to-many fields the form edits count too (the sorted keys of the related rows): a colleague
who only changed an enterprise's themes refuses the older form.

Pages with a ``post()`` of their own (a form with formsets, a service call) use ``Version``: what
the page shows, as rows and row sets (a formset's rows: an added, changed or removed row refuses
the older page)::

    def version(self, form, formset):
        return versions.Version().form(form).form(formset)

    def get(...):   # the page: context ``version_token`` (``ui/forms/version.html`` renders it)
        ... versions.token_for(request, self.version(form, formset))

    def post(...):
        with versions.transaction_for(request):  # the check locks the rows until the save is done
            newer = versions.stale(request, self.version(form, formset))
            if newer:  # nothing saved: the saved values, the message, 409
                ...    # fresh unbound forms, ``versions.refuse(form)``, status=versions.STALE_STATUS
            ... validate and save as before ...

A page that shows one form or formset again uses ``refused(request, version, fresh)``, which does
the ``stale``, ``fresh()`` and ``refuse`` steps above in one call.

Decisions carry the version of what they decide (``actions.ScopedActionView.versioned_fields``):
a broker whose page was loaded before a colleague corrected a realisation line verified the new
amount without having seen it. The decision's form renders ``{% decision_version obj 'url-name' %}``
(``portal_decisions``; a list of rows asks once, ``{% decision_versions rows 'url-name' %}`` and
``row_versions``); another version refuses the decision (409, ``decision_stale_message``).
"""

import hashlib
from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.utils import ErrorDict
from django.utils.translation import gettext as _

FIELD = "_version"
STALE_STATUS = 409


def edited_fields(model, form_class) -> list[str]:
    """The columns of ``model`` that ``form_class`` edits (all of them when it names none), and the
    many-to-many fields it edits (by name)."""
    names = set(getattr(form_class, "base_fields", ()))
    columns = [field for field in model._meta.concrete_fields if not field.primary_key]
    edited = [field.attname for field in columns if field.name in names] or [field.attname for field in columns]
    return edited + [field.name for field in model._meta.many_to_many if field.name in names]


def _split(model, fields) -> tuple[list[str], list[str]]:
    related = {field.name for field in model._meta.many_to_many}
    return [name for name in fields if name not in related], [name for name in fields if name in related]


def _related_keys(rows, names, pks) -> dict:
    """``{pk: (sorted related keys of each many-to-many field in names)}`` of the rows ``pks``."""
    keys = {pk: tuple([] for _name in names) for pk in pks}
    for index, name in enumerate(names):
        for pk, related in rows.filter(pk__in=pks).values_list("pk", name):
            if related is not None and pk in keys:
                keys[pk][index].append(related)
    return {pk: tuple(sorted(found) for found in lists) for pk, lists in keys.items()}


def row_state(model, pk, fields: list[str], lock: bool = False):
    """The stored values of ``fields`` of row ``pk`` (None: no such row); ``lock``: the row stays
    locked until the transaction ends."""
    columns, related = _split(model, fields)
    pk = model._meta.pk.to_python(pk)  # as the database gives it back (a URL's "12" is 12)
    # No ordering: a model ordered by a nullable relation (an admission rule, by its organisation's
    # or region's name) joins it, and PostgreSQL refuses FOR UPDATE on the nullable side of a join.
    rows = model._base_manager.filter(pk=pk).order_by()
    if lock:
        rows = rows.select_for_update()
    values = list(rows.values_list(*(columns or ["pk"]))[:1])
    if not values:
        return None
    if not related:
        return values[0]
    return values[0], _related_keys(model._base_manager.all(), related, [pk])[pk]


def lock_rows(queryset) -> None:
    """Lock the rows of a formset's ``queryset`` until the transaction ends, in key order (two
    pages never wait for each other). The parent's lock covers writers that take it (every page);
    a change that does not (an API write of one row) now waits for the save too, instead of
    slipping in between the check and the save. Added rows are the parent's to guard. The rows
    are locked by key alone: ``FOR UPDATE`` refuses the nullable joins of a formset's queryset."""
    model = queryset.model
    list(model._base_manager.filter(pk__in=queryset.values("pk")).order_by("pk").select_for_update()
         .values_list("pk"))


def rows_state(queryset, fields: list[str]) -> list:
    """The stored values of ``fields`` of every row of ``queryset``, with their keys, by key
    (``Version.token`` locks them first, with their parent, when it checks)."""
    columns, related = _split(queryset.model, fields)
    rows = queryset.all().order_by("pk")
    values = list(rows.values_list("pk", *columns))
    if not related:
        return values
    keys = _related_keys(queryset.model._base_manager.all(), related, [row[0] for row in values])
    return [(*row, keys[row[0]]) for row in values]


def digest(state) -> str:
    return hashlib.sha256(repr(state).encode()).hexdigest()[:20]


def row_version(model, pk, fields: list[str], lock: bool = False) -> str | None:
    """The version of row ``pk`` (None: no such row); ``lock``: locked until the transaction ends."""
    state = row_state(model, pk, fields, lock=lock)
    return None if state is None else digest(state)


def row_versions(model, pks, fields: list[str]) -> dict:
    """``{pk: version}`` of the rows ``pks``, each what ``row_version`` gives it, in one query (and
    one per many-to-many field): a list page whose rows each carry a decision button (the lines of
    a contract) does not ask once per row."""
    columns, related = _split(model, fields)
    pks = [model._meta.pk.to_python(pk) for pk in pks]
    rows = list(model._base_manager.filter(pk__in=pks).values_list("pk", *(columns or ["pk"])))
    keys = _related_keys(model._base_manager.all(), related, [row[0] for row in rows]) if related else {}
    # The same state as ``row_state``: the columns as one tuple, then the related keys if any.
    return {row[0]: digest((tuple(row[1:]), keys[row[0]]) if related else tuple(row[1:])) for row in rows}


class Version:
    """What an edit page with a ``post()`` of its own shows: rows (a form's object) and row sets
    (a formset's rows), each with the fields the page edits."""

    def __init__(self):
        self.parts = []  # ("row", model, pk, fields) | ("rows", queryset, fields)
        self.locks = []  # (model, pk): locked first, in this order, when the version is checked

    def lock(self, obj):
        """Lock row ``obj`` too when the version is checked (the parent of a row not made yet)."""
        self.locks.append((type(obj), obj.pk))
        return self

    def row(self, obj, fields: list[str] | None = None, model=None):
        """Row ``obj`` (an instance; not saved yet: "no row"); ``fields``: all columns when None."""
        model = model or type(obj)
        fields = edited_fields(model, None) if fields is None else list(fields)
        self.parts.append(("row", model, obj.pk, fields))
        if obj.pk is not None:
            self.locks.append((model, obj.pk))
        return self

    def rows(self, queryset, fields: list[str], parent=None):
        """The rows of ``queryset`` (added and removed rows count); ``parent``: the row locked for them."""
        self.parts.append(("rows", queryset, list(fields)))
        if parent is not None and parent.pk is not None:
            self.locks.append((type(parent), parent.pk))
        return self

    def form(self, form):
        """A model form's object, or a model formset's rows (an inline formset's parent is locked)."""
        if hasattr(form, "forms"):  # a model formset
            parent = getattr(form, "instance", None)
            queryset = form.queryset if form.queryset is not None else form.model._default_manager.all()
            return self.rows(queryset, edited_fields(form.model, form.form), parent=parent)
        model = form._meta.model
        return self.row(form.instance, edited_fields(model, type(form)), model=model)

    def token(self, lock: bool = False) -> str:
        if lock:
            for model, pk in dict.fromkeys(self.locks):
                list(model._base_manager.filter(pk=pk).select_for_update().values_list("pk"))
            for part in self.parts:
                if part[0] == "rows":
                    lock_rows(part[1])
        state = []
        for part in self.parts:
            if part[0] == "row":
                _kind, model, pk, fields = part
                # Locked above with the others (``row`` adds every saved row to ``locks``).
                state.append(None if pk is None else row_state(model, pk, fields))
            else:
                _kind, queryset, fields = part
                state.append(rows_state(queryset, fields))
        return digest(state)


def token_for(request, version: Version) -> str:
    """The version a page carries: the one its POST was loaded with (a form in error keeps it),
    else the current one."""
    return posted(request) or version.token()


def transaction_for(request):
    """The transaction a POST with a version is checked and saved in (the check's locks hold until
    the save is done); a POST without one is handled as before, outside it."""
    return transaction.atomic() if posted(request) is not None else nullcontext()


def stale(request, version: Version) -> str | None:
    """In the transaction that saves (the rows stay locked until it ends): the current version
    when the POST carries another one (save nothing, show ``refuse``), else None (save; a POST
    without a version is saved as before)."""
    sent = posted(request)
    if sent is None:
        return None
    current = version.token(lock=True)
    return current if current != sent else None


def refused(request, version: Version, fresh):
    """``stale`` for a page that shows one form or formset again: None when the POST may be saved,
    else (``fresh()`` — the form with the saved values — refused with the message, the current
    version), to show with ``STALE_STATUS``."""
    newer = stale(request, version)
    if newer is None:
        return None
    form = fresh()
    refuse(form)
    return form, newer


def refuse(form) -> None:
    """Put why nothing was saved on ``form``: a form (its non-field error) or a formset (its
    non-form error), unbound, showing the saved values."""
    message = stale_message()
    if hasattr(form, "forms"):
        form._errors = []
        form._non_form_errors = form.error_class([message], error_class="nonform")
    else:
        form.cleaned_data, form._errors = {}, ErrorDict()
        form.add_error(None, ValidationError(message, code="stale"))
    form.version_refused = True  # the error summary lists the errors of this unbound form


def posted(request) -> str | None:
    """The version a POST carries (None: none, or not one this module wrote)."""
    value = request.POST.get(FIELD) if request.method == "POST" else None
    if value is None:
        return None
    return value if len(value) == 20 and value.isalnum() else ""  # "": a version no row has


def decision_stale_message() -> str:
    """Why a decision (verify, pay, admit …) was not taken: the page it was taken on showed what
    someone else has since changed (``actions.ScopedActionView.versioned_fields``)."""
    return _("Iemand anders heeft dit intussen gewijzigd. Er is niets vastgelegd: bekijk de nieuwe gegevens "
             "en neem uw besluit opnieuw.")


def stale_message() -> str:
    return _("Iemand anders heeft dit intussen gewijzigd. Hieronder ziet u de nieuwe versie; "
             "voer uw wijziging opnieuw in.")
