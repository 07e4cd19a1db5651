"""The history of a spending or an action with its linked objects by name, as the user may see
them: the change log keeps a link as a kind and a number ("onderneming", 62), which says nothing
to a broker. An action's history also shows the objects linked to it and unlinked from it (its
``ActionLink`` rows have their own change log entries)."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext as _

from impactportal import access, audit
from impactportal.text import as_id

from ..models import ActionLink
from ..models.links import available_link_choices, linkable_model

EMPTY = "—"  # how ``audit.history_for`` shows an empty value


def linked_names(user, pairs) -> dict:
    """``{(kind, number): name}`` of the linked objects ``user`` may see: one query per kind."""
    wanted: dict[str, set[int]] = {}
    for label, pk in pairs:
        if pk is not None and linkable_model(label) is not None:
            wanted.setdefault(label, set()).add(pk)
    return {(label, obj.pk): str(obj)
            for label, pks in wanted.items() for obj in access.scope(user, linkable_model(label)).filter(pk__in=pks)}


def _shown(names: dict, label: str, pk: int | None) -> str:
    if not label or pk is None:
        return EMPTY
    return names.get((label, pk)) or f"#{pk} ({_('niet beschikbaar')})"


def _number(text) -> int | None:
    return as_id(str(text)) if text not in (None, "None", EMPTY) else None


def with_linked_names(history: list[dict], obj, user) -> list[dict]:
    """``audit.history_for(obj)`` of a record with a link (``LinkFields``) with the linked object's
    number replaced by its name. An entry names the kind or the number only when it changed, so
    the link before and after each entry is worked out from the record as it is now, going back
    from the newest entry (the history may not reach back to the record's creation)."""
    meta = type(obj)._meta
    kind_label = str(meta.get_field("link_model").verbose_name)
    number_label = str(meta.get_field("link_id").verbose_name)
    kinds = {str(name): label for label, name in available_link_choices()}
    after = (obj.link_model, obj.link_id)
    steps = []  # per entry: the link before and after it, or None when it did not change
    for entry in history:
        rows = {row[0]: row for row in entry["changes"]}
        if kind_label not in rows and number_label not in rows:
            steps.append(None)
            continue
        kind, number = rows.get(kind_label), rows.get(number_label)
        before = (kinds.get(kind[1], "") if kind else after[0], _number(number[1]) if number else after[1])
        new = (kinds.get(kind[2], "") if kind else after[0], _number(number[2]) if number else after[1])
        steps.append((before, new))
        after = before
    names = linked_names(user, [link for step in steps if step for link in step])
    shown = []
    for entry, step in zip(history, steps, strict=True):
        if step is not None:
            changes = [row for row in entry["changes"] if row[0] != number_label]
            changes.append((_("gekoppeld object"), _shown(names, *step[0]), _shown(names, *step[1])))
            entry = {**entry, "changes": changes}
        shown.append(entry)
    return shown


def action_history(action, user, limit: int = 50) -> list[dict]:
    """The action's own changes and, as changes of the action, the objects linked to it and
    unlinked from it, newest first. A link's entries are found by the action kept with them
    (``ActionLink.get_additional_data``) and, for links made before that was kept, by the links
    the action has now."""
    history = audit.history_for(action, limit=limit)
    current = [str(pk) for pk in ActionLink.objects.filter(action=action).values_list("pk", flat=True)]
    entries = list(
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(ActionLink),
                                action__in=(LogEntry.Action.CREATE, LogEntry.Action.DELETE))
        .filter(Q(additional_data__action=action.pk) | Q(object_pk__in=current))
        .select_related("actor").order_by("-timestamp")[:limit])
    # A new link is logged with its values as new, a deleted one with them as old.
    links = []
    for entry in entries:
        side = 1 if entry.action == LogEntry.Action.CREATE else 0
        changes = entry.changes_dict
        label = str((changes.get("link_model") or [None, None])[side] or "")
        links.append((entry, (label, _number((changes.get("link_id") or [None, None])[side]))))
    names = linked_names(user, [link for _entry, link in links])
    heading = _("gekoppeld object")
    for entry, link in links:
        name = _shown(names, *link)
        history.append({"timestamp": entry.timestamp, "actor": entry.actor, "action": LogEntry.Action.UPDATE,
                        "changes": [(heading, EMPTY, name) if entry.action == LogEntry.Action.CREATE
                                    else (heading, name, EMPTY)]})
    history.sort(key=lambda entry: entry["timestamp"], reverse=True)
    return history[:limit]
