"""Audit trail: every create/update/delete of a domain model is logged by django-auditlog
(who, when, what changed). Apps call ``register_app`` in ``ready()``; the actor comes from
auditlog's middleware for requests (``name_actor`` for API keys, which sign in after it) and from
``acting_as`` for tasks and commands."""

import contextlib
import datetime as dt
from decimal import Decimal, InvalidOperation

from auditlog.context import auditlog_value, set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.utils.module_loading import import_string

from impactportal import money
from impactportal.text import short_date

# Fields never copied into the audit log (secrets, noise that changes on every login, the
# enterprise's ``search_text``, a copy of its name and place for the search, and the user's
# ``two_factor_changed_at``, a stamp for the sessions: the changes it follows are audited themselves).
EXCLUDED_FIELDS = ["password", "last_login", "search_text", "two_factor_changed_at"]


@contextlib.contextmanager
def acting_as(actor):
    """``with acting_as(user): ...`` in tasks, commands and services: the changes inside are logged
    as ``user``'s (None: no one's). Afterwards the request's own actor applies again: auditlog's
    ``set_actor`` leaves its context in place when it ends, with its receiver gone, so every change
    later in the same request was logged without an actor (a contract's new contact person, created
    after the account made ``acting_as(None)``)."""
    try:
        token = auditlog_value.set(auditlog_value.get())
    except LookupError:  # outside a request: nothing to come back to
        token = None
    try:
        with set_actor(actor):
            yield
    finally:
        if token is not None:
            auditlog_value.reset(token)


def name_actor(user) -> None:
    """Name ``user`` as who makes the changes in the rest of this request, when auditlog's middleware
    found no one: an API key signs its user in inside DRF's view, after the middleware read
    ``request.user`` (anonymous then), and every change made with a key was logged without an actor.
    The middleware's context (a dict, read when a log entry is saved) takes the user. Outside a
    request (no context, or the one a finished request left behind, whose receiver is gone) this
    changes nothing."""
    try:
        context = auditlog_value.get()
    except LookupError:
        return
    if context.get("actor") is None:
        context["actor"] = user


def register_app(app_config) -> None:
    for model in app_config.get_models():
        if getattr(model, "audit", True) and not auditlog.contains(model):
            # Reverse relations (an enterprise's memberships, offerings…) are not fields of the
            # row; auditlog would log them as "None" on every create.
            reverse = [f.name for f in model._meta.get_fields() if f.auto_created and not f.concrete]
            auditlog.register(model, exclude_fields=EXCLUDED_FIELDS + reverse)


def log_event(model, pk: int, event: str, **data) -> LogEntry:
    """An event that is no change to a row (the organisation's identity provider ended a user's
    sessions) in the same audit log, on the row it is about: named by its key only (no name or
    address in the entry), ``event`` and ``data`` in the entry's additional data."""
    from auditlog.cid import get_cid

    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model), object_pk=str(pk), object_id=pk,
        object_repr=f"{model._meta.label} {pk}", action=LogEntry.Action.ACCESS, changes={},
        additional_data={"event": event, **data}, cid=get_cid())


# Bookkeeping columns nobody needs to read in a change log.
NOISE = {"id", "created_at", "updated_at"}


def history_for(obj, limit: int = 50, hide: tuple[str, ...] = ()):
    """The newest changes of one object as a readable log: translated field names, names instead
    of the keys of related rows, choice labels, yes/no for booleans, empty-to-empty left out, and
    in a creation a flag that is not set (a new case "escalated: no" says nothing).
    Never shown: the fields in ``hide`` (e.g. private notes for a user who may not read them) and
    JSON fields (machine data such as stored explanations, which have their own display)."""
    from django.utils.translation import gettext as _

    model = type(obj)
    content_type = ContentType.objects.get_for_model(model)
    entries = list(LogEntry.objects.filter(content_type=content_type, object_pk=str(obj.pk))
                   .select_related("actor").order_by("-timestamp")[:limit])
    hidden = set(hide) | NOISE
    names = _related_names(model, [entry.changes_dict for entry in entries])
    return [{"timestamp": entry.timestamp, "actor": entry.actor, "action": entry.action,
             "changes": _readable_changes(model, entry.changes_dict, hidden, names, _,
                                          created=entry.action == LogEntry.Action.CREATE)}
            for entry in entries]


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field removed since the entry was written
        return None


def _values(values) -> list:
    return (values + [None, None])[:2] if isinstance(values, list) else [None, values]


def _related_names(model, changes: list[dict]) -> dict:
    """(related model, key as logged) → the row's name, one query per related model."""
    wanted: dict = {}
    for change in changes:
        for name, values in change.items():
            field = _field(model, name)
            if field is not None and field.many_to_one:
                wanted.setdefault(field.related_model, set()).update(
                    str(v) for v in _values(values) if str(v).isdigit())
    names = {}
    for related, keys in wanted.items():
        for pk, row in related._base_manager.in_bulk([int(k) for k in keys]).items():
            names[(related, str(pk))] = str(row)
    return names


def _readable_changes(model, changes: dict, hidden: set, names: dict, _, created=False) -> list[tuple[str, str, str]]:
    rows = []
    for name, values in changes.items():
        field = _field(model, name)
        if name in hidden or (field is not None and field.get_internal_type() == "JSONField"):
            continue
        old, new = (_readable(field, value, names, _) for value in _values(values))
        if old == new or (created and new == _("nee")):
            continue
        rows.append((str(field.verbose_name) if field is not None else name, old, new))
    return rows


def _readable(field, value, names: dict, _) -> str:
    if value in (None, "None", "", "[]"):
        return "—"
    if value in (True, "True"):
        return _("ja")
    if value in (False, "False"):
        return _("nee")
    if field is not None and field.many_to_one:
        return names.get((field.related_model, str(value)), str(value))
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field is not None:
        if is_money(field):
            try:
                return money.euro(Decimal(str(value)))
            except InvalidOperation:
                return str(value)
        return _formatted(field.get_internal_type(), str(value), getattr(field, "decimal_places", None),
                          _display(field))
    return str(value)


def is_money(field) -> bool:
    """Whether a field holds euros, for the log to write "€ 2.000.000,00" as the pages do (it wrote
    "2.000.000,00"): the label carries the € sign, or it is the models' amount, cents in up to
    fourteen digits, unless its model names it in ``audit_not_money`` (a count with cents, say)."""
    if field.get_internal_type() != "DecimalField" or field.name in getattr(field.model, "audit_not_money", ()):
        return False
    return "€" in str(field.verbose_name) or (field.decimal_places == 2 and field.max_digits >= 12)


def _display(field):
    """A moment field's own way of showing its value, as its model declares it in ``audit_display``
    (field name → dotted path of the function its pages use), so the log writes it as they do; None:
    the usual short date and time."""
    path = getattr(field.model, "audit_display", {}).get(field.name)
    return import_string(path) if path else None


def _formatted(kind: str, value: str, places: int | None = None, display=None) -> str:
    """Numbers and dates as the page's language writes them (the log keeps them as text:
    "185000.00", "2026-12-03"): 185.000,00 and 03-12-2026 in Dutch; a moment in the portal's time zone.
    An amount (two decimals) gets its field's decimals however it was logged: "650" as typed and
    "1200.00" as stored stood side by side as "650" and "1,200.00". Other numbers show the decimals
    they have."""
    try:
        if kind == "DecimalField":
            # A count, a share, an area: as many decimals as the value has ("86", not "86,0000").
            return money.number(Decimal(value), 2 if places == 2 else None)
        if kind == "DateField":
            return short_date(dt.date.fromisoformat(value))
        if kind == "DateTimeField":
            # auditlog writes a moment as naive UTC ("2026-12-02 14:17:51.297621").
            moment = dt.datetime.fromisoformat(value)
            return (display or short_date)(moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC))
    except (InvalidOperation, ValueError):
        pass
    return value
