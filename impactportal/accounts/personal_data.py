"""A person's data under the AVG: everything the portal holds about an e-mail address (art. 15,
``manage.py person_data``) and its erasure (art. 17, ``manage.py erase_person``).

Erasure anonymises rather than deletes: the helpdesk cases, contact moments and decisions a
person took part in are the municipality's records and stay, linked to a pseudonymised account
("Verwijderde gebruiker 12") that can no longer sign in. Names, e-mail addresses and phone numbers
are replaced, also in the audit log's entries of those objects (the actor link of an entry stays,
pointing at the pseudonymised account), and wherever else the log names the e-mail address.

Which rows of the apps are the person's is declared on their models (``personal_data =
PersonalData(...)``, ``impactportal.privacy``): the core names no app.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from impactportal.privacy import ERASED, PersonalData

REMOVED = ERASED
# A single letter (an initial as first name) identifies nobody, and replacing it everywhere in an
# entry would garble the entry.
MIN_SCRUBBED = 2
# Columns never exported: secrets, not data about the person.
SECRET_FIELDS = {"password"}


class SuperuserRefused(Exception):
    """An administrator's account is erased only with ``force``."""


def checked(email: str) -> str:
    """The address, stripped; an empty one would match every account without an address."""
    email = (email or "").strip()
    if "@" not in email:
        raise ValueError(f"{email!r} is not an e-mail address")
    return email


def users_with(email: str):
    User = get_user_model()
    return User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).order_by("pk")


def declared(kind: str) -> list:
    """``(model, PersonalData)`` of the installed models declaring ``kind`` ("person" or "email")."""
    found = []
    for model in apps.get_models():
        policy = getattr(model, "personal_data", None)
        if isinstance(policy, PersonalData) and getattr(policy, kind):
            found.append((model, policy))
    return found


def records_with(email: str) -> list:
    """The rows of every model declaring an e-mail field that hold ``email`` (contact persons)."""
    return [row for model, policy in declared("email")
            for row in model._default_manager.filter(**{f"{policy.email}__iexact": email}).order_by("pk")]


def _row(obj, exclude=()) -> dict:
    """The object's columns as JSON-ready values (foreign keys as their ids)."""
    skip = SECRET_FIELDS | set(exclude)
    return {f.attname: _plain(f.value_from_object(obj)) for f in obj._meta.concrete_fields if f.name not in skip}


def _plain(value):
    if hasattr(value, "name") and hasattr(value, "storage"):  # a file
        return value.name or ""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _entries_of(objects):
    """Audit entries of ``objects`` (rows of any models)."""
    from auditlog.models import LogEntry

    q = Q(pk__in=[])
    by_type: dict[int, set[str]] = {}
    for obj in objects:
        by_type.setdefault(ContentType.objects.get_for_model(type(obj)).pk, set()).add(str(obj.pk))
    for content_type, pks in by_type.items():
        q |= Q(content_type_id=content_type, object_pk__in=pks)
    return LogEntry.objects.filter(q)


def _entries_naming(email: str):
    """Audit entries anywhere that write the e-mail address (a link request's name, a changed
    address of another row)."""
    from auditlog.models import LogEntry

    return LogEntry.objects.annotate(_changes=Cast("changes", TextField()), _extra=Cast("additional_data", TextField())) \
        .filter(Q(_changes__icontains=email) | Q(changes_text__icontains=email) | Q(object_repr__icontains=email)
                | Q(_extra__icontains=email) | Q(actor_email__icontains=email))


def _entry(entry) -> dict:
    return {"id": entry.pk, "timestamp": _plain(entry.timestamp), "action": entry.get_action_display(),
            "object": f"{entry.content_type.app_label}.{entry.content_type.model}", "object_pk": entry.object_pk,
            "object_repr": entry.object_repr, "changes": entry.changes_dict, "actor_id": entry.actor_id,
            "remote_addr": entry.remote_addr, "additional_data": entry.additional_data}


def _own_objects(user) -> list:
    """The rows that are about the person: the account, its memberships, and the rows of the
    models that declare ``PersonalData(person=…, about=True)`` (a link request named after them)."""
    about = [row for model, policy in declared("person") if policy.about
             for row in model._default_manager.filter(**{policy.person: user})]
    return [user, *user.memberships.all(), *about]


def _declared_rows(user) -> dict[str, list]:
    """The person's rows of every model declaring ``PersonalData(person=…)``, in full."""
    return {model._meta.label: [_row(row) for row in model._default_manager.filter(**{policy.person: user})
                                .order_by("pk")]
            for model, policy in declared("person")}


# Relations to the account exported in full by ``export`` (the declared ones too); every other one
# is counted.
EXPORTED_RELATIONS = {("accounts.Membership", "user"), ("impactportal.Notification", "recipient"),
                      ("auditlog.LogEntry", "actor"), ("authtoken.Token", "user"), ("authtoken.TokenProxy", "user")}


def _other_records(user) -> dict[str, int]:
    """How many rows of every other model point at the account (assigned cases, decisions taken,
    jobs started…): named and counted, not copied (they hold other people's data too)."""
    User = get_user_model()
    exported = EXPORTED_RELATIONS | {(model._meta.label, policy.person) for model, policy in declared("person")}
    counts = {}
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            label = model._meta.label
            if f.related_model is User and f.many_to_one and (label, f.name) not in exported \
                    and not model._meta.proxy:
                n = model._default_manager.filter(**{f.name: user}).count()
                if n:
                    counts[f"{label}.{f.name}"] = n
    return counts


def export(email: str) -> dict:
    """Everything the portal holds about ``email`` (AVG art. 15)."""
    from auditlog.models import LogEntry

    from impactportal.models import Notification

    email = checked(email)
    users = list(users_with(email))
    people = []
    own = []
    for user in users:
        own += _own_objects(user)
        # What they changed, by kind: the entries themselves hold other people's data.
        actor_entries = Counter(f"{app_label}.{model}" for app_label, model in LogEntry.objects.filter(
            actor=user).values_list("content_type__app_label", "content_type__model"))
        people.append({
            "account": _row(user, exclude=("groups", "user_permissions")),
            "memberships": [_row(m) for m in user.memberships.all()],
            "api_token": _api_token_exists(user),
            "two_factor_devices": _two_factor_devices(user),
            "notifications": [_row(n) for n in Notification.objects.filter(recipient=user).order_by("pk")],
            # Their helpdesk questions and messages, link requests… (``PersonalData(person=…)``).
            "records": _declared_rows(user),
            "audit_entries_as_actor": dict(sorted(actor_entries.items())),
            "other_records": _other_records(user),
        })
    records = records_with(email)
    entries = (_entries_of(own + records) | _entries_naming(email)).select_related("content_type")
    return {
        "email": email,
        "generated_at": _plain(timezone.now()),
        "users": people,
        # Rows holding the address (contact persons), with the name of what they belong to.
        "records_with_email": [{"model": row._meta.label, **_row(row), **_names_of(row)} for row in records],
        "audit_entries": [_entry(e) for e in entries.distinct().order_by("timestamp", "pk")],
    }


def _names_of(row) -> dict:
    """``{"enterprise_name": "Fietsenmakerij"}``: the name of each row a foreign key points at
    (other than an account: that is someone else)."""
    User = get_user_model()
    return {f"{f.name}_name": str(getattr(row, f.name)) for f in row._meta.concrete_fields
            if f.many_to_one and f.related_model is not User and getattr(row, f.attname) is not None}


def _api_token_exists(user) -> bool:
    from rest_framework.authtoken.models import Token

    return Token.objects.filter(user=user).exists()


def _device_models():
    return [model for model in apps.get_models() if model._meta.app_label.startswith("otp_")
            and any(f.name == "user" for f in model._meta.concrete_fields)]


def _two_factor_devices(user) -> int:
    return sum(model._default_manager.filter(user=user).count() for model in _device_models())


# --- erasure ----------------------------------------------------------------------------------


@dataclass
class Erasure:
    email: str
    dry_run: bool
    changes: list[str] = field(default_factory=list)

    def said(self, line: str) -> None:
        self.changes.append(line)


def pseudonym(user) -> dict[str, str]:
    return {"username": f"verwijderd-{user.pk}", "email": f"verwijderd-{user.pk}@verwijderd.invalid",
            "first_name": "Verwijderde", "last_name": f"gebruiker {user.pk}"}


def erase(email: str, *, dry_run: bool = False, force: bool = False) -> Erasure:
    """Anonymise everything of ``email`` in one transaction (rolled back with ``dry_run``): the
    accounts (deactivated, pseudonymised, no usable password, tokens, two-factor devices,
    sessions, notifications and sign-in logs gone), the contact persons with that address, and
    the old values in the audit log. Raises ``SuperuserRefused`` for an administrator's account
    unless ``force``."""
    email = checked(email)
    users = list(users_with(email))
    refused = [u for u in users if u.is_superuser]
    if refused and not force:
        raise SuperuserRefused(", ".join(u.username for u in refused))
    result = Erasure(email=email, dry_run=dry_run)
    with transaction.atomic():
        replacements: list[tuple[str, str]] = []  # (old value, new value) for the audit log
        scrub = []  # rows whose audit entries lose every old value
        for user in users:
            replacements += _erase_user(user, result)
            scrub += _own_objects(user)
        for row in records_with(email):
            replacements += _erase_record(row, result)
            scrub.append(row)
        _scrub_audit_log(scrub, email, replacements, result)
        if not users and not result.changes:
            result.said(f"nothing found for {email}")
        if dry_run:
            transaction.set_rollback(True)
    return result


def _erase_user(user, result: Erasure) -> list[tuple[str, str]]:
    from impactportal.models import Notification

    old = {"username": user.username, "email": user.email, "first_name": user.first_name,
           "last_name": user.last_name, "full_name": user.get_full_name()}
    new = pseudonym(user)
    for name in ("username", "email", "first_name", "last_name"):
        setattr(user, name, new[name])
    user.is_active = False
    user.set_unusable_password()
    user.save()
    result.said(f"user {user.pk}: username {old['username']!r} → {new['username']!r}, e-mail {old['email']!r} → "
                f"{new['email']!r}, name {old['full_name']!r} → {user.get_full_name()!r}; deactivated, "
                f"password unusable")
    tokens = _delete_tokens(user)
    if tokens:
        result.said(f"user {user.pk}: {tokens} API token(s) and two-factor device(s) deleted")
    sessions = _end_sessions(user, result.dry_run)
    if sessions:
        result.said(f"user {user.pk}: {sessions} session(s) ended")
    notifications = Notification.objects.filter(recipient=user).delete()[0]
    if notifications:
        result.said(f"user {user.pk}: {notifications} notification(s) deleted")
    logins = _delete_login_logs({old["username"], old["email"]} - {""})
    if logins:
        result.said(f"user {user.pk}: {logins} sign-in log record(s) deleted")
    pairs = [(old["full_name"], user.get_full_name()), (old["email"], new["email"]),
             (old["username"], new["username"]), (old["first_name"], new["first_name"]),
             (old["last_name"], new["last_name"])]
    return [(before, after) for before, after in pairs if len(before) >= MIN_SCRUBBED]


def _delete_tokens(user) -> int:
    from impactportal.api import tokens

    removed = int(tokens.revoke(user))  # the token service: a user has at most one token
    for model in _device_models():
        removed += model._default_manager.filter(user=user).delete()[0]
    return removed


def _end_sessions(user, dry_run: bool) -> int:
    """The person's open sessions (through the session engine: a cached session goes too)."""
    from importlib import import_module

    from django.contrib.sessions.models import Session

    engine = import_module(settings.SESSION_ENGINE)
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()):
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            if not dry_run:
                engine.SessionStore(session.session_key).delete()
            ended += 1
    return ended


def _delete_login_logs(names: set[str]) -> int:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    q = Q(pk__in=[])
    for name in names:
        q |= Q(username__iexact=name)
    return sum(model.objects.filter(q).delete()[0] for model in (AccessLog, AccessAttempt, AccessFailureLog))


def _erase_record(row, result: Erasure) -> list[tuple[str, str]]:
    """A row holding the address gets its declared ``erase`` values (a contact person's name,
    e-mail and phone)."""
    policy = row.personal_data
    old = {name: str(getattr(row, name) or "") for name in policy.erase}
    for name, value in policy.erase.items():
        setattr(row, name, value)
    row.save()
    described = ", ".join(f"{name} {value!r}" for name, value in old.items())
    of = "".join(f", {key.removesuffix('_name')} {value!r}" for key, value in _names_of(row).items())
    result.said(f"{row._meta.label} {row.pk}{of}: {described} replaced")
    return [(value, REMOVED) for value in old.values() if len(value) >= MIN_SCRUBBED]


def _scrub_audit_log(objects, email: str, replacements, result: Erasure) -> None:
    """Replace the old values in the entries of ``objects`` (every value) and in any entry that
    writes the e-mail address (the address itself). ``actor`` stays."""
    if not replacements:
        return
    # Longest first ("Jan Jansen" before "Jan"); of equal ones the first given (an e-mail address
    # that is also the user name becomes the pseudonymous address).
    pairs = sorted(dict.fromkeys(replacements), key=lambda pair: -len(pair[0]))
    own = set(_entries_of(objects).values_list("pk", flat=True))
    naming = set(_entries_naming(email).values_list("pk", flat=True)) if email else set()
    new_email = next((after for before, after in pairs if before.lower() == email.lower()), REMOVED)
    from auditlog.models import LogEntry

    changed = 0
    for entry in LogEntry.objects.filter(pk__in=own | naming):
        use = pairs if entry.pk in own else [(email, new_email)]
        before = (entry.changes, entry.changes_text, entry.additional_data, entry.object_repr,
                  entry.serialized_data, entry.actor_email)
        entry.changes = _replaced(entry.changes, use)
        entry.changes_text = _replaced(entry.changes_text, use)
        entry.additional_data = _replaced(entry.additional_data, use)
        entry.object_repr = _replaced(entry.object_repr, use)
        entry.serialized_data = _replaced(entry.serialized_data, use)
        entry.actor_email = _replaced(entry.actor_email, use)
        if (entry.changes, entry.changes_text, entry.additional_data, entry.object_repr, entry.serialized_data,
                entry.actor_email) != before:
            # A plain update: the audit log's own rows are not audited, and save() would re-log nothing.
            LogEntry.objects.filter(pk=entry.pk).update(
                changes=entry.changes, changes_text=entry.changes_text, additional_data=entry.additional_data,
                object_repr=entry.object_repr, serialized_data=entry.serialized_data, actor_email=entry.actor_email)
            changed += 1
    if changed:
        result.said(f"audit log: old values scrubbed from {changed} entr{'y' if changed == 1 else 'ies'}")


def _replaced(value, pairs):
    """``value`` (text, or JSON: dicts, lists, strings) with every old value replaced, ignoring case."""
    if isinstance(value, str):
        for before, after in pairs:
            value = re.sub(re.escape(before), lambda _match, after=after: after, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, dict):
        return {key: _replaced(item, pairs) for key, item in value.items()}
    if isinstance(value, list):
        return [_replaced(item, pairs) for item in value]
    return value
