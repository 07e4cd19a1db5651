"""Audit trail: every create/update/delete of a domain model is logged by django-auditlog
(who, when, what changed). Apps call ``register_app`` in ``ready()``; the actor comes from
auditlog's middleware for requests and from ``acting_as`` for tasks and commands."""

from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType

# Fields never copied into the audit log (secrets, or noise that changes on every login).
EXCLUDED_FIELDS = ["password", "last_login"]

acting_as = set_actor  # context manager: ``with acting_as(user): ...`` in tasks and commands


def register_app(app_config) -> None:
    for model in app_config.get_models():
        if getattr(model, "audit", True) and not auditlog.contains(model):
            # Reverse relations (an enterprise's memberships, offerings…) are not fields of the
            # row; auditlog would log them as "None" on every create.
            reverse = [f.name for f in model._meta.get_fields() if f.auto_created and not f.concrete]
            auditlog.register(model, exclude_fields=EXCLUDED_FIELDS + reverse)


# Bookkeeping columns nobody needs to read in a change log.
NOISE = {"id", "created_at", "updated_at"}


def history_for(obj, limit: int = 50, hide: tuple[str, ...] = ()):
    """The newest changes of one object as a readable log: translated field names, yes/no for
    booleans, empty-to-empty left out, and the fields in ``hide`` (e.g. private notes for a
    user who may not read them) never shown."""
    from django.utils.translation import gettext as _

    content_type = ContentType.objects.get_for_model(type(obj))
    entries = (LogEntry.objects.filter(content_type=content_type, object_pk=str(obj.pk))
               .select_related("actor").order_by("-timestamp")[:limit])
    return [{"timestamp": entry.timestamp, "actor": entry.actor, "action": entry.action,
             "changes": _readable_changes(type(obj), entry.changes_dict, set(hide) | NOISE, _)}
            for entry in entries]


def _readable_changes(model, changes: dict, hidden: set, _) -> list[tuple[str, str, str]]:
    rows = []
    for name, values in changes.items():
        if name in hidden:
            continue
        old, new = (values + [None, None])[:2] if isinstance(values, list) else (None, values)
        old, new = _readable(old, _), _readable(new, _)
        if old == new:
            continue
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except Exception:  # noqa: BLE001 - a field removed since the entry was written
            label = name
        rows.append((label, old, new))
    return rows


def _readable(value, _) -> str:
    if value in (None, "None", "", "[]"):
        return "—"
    if value in (True, "True"):
        return _("ja")
    if value in (False, "False"):
        return _("nee")
    return str(value)
