"""The one place that decides what a user may see and do.

Every model that views or the API expose declares an ``access`` policy once::

    class ContactMoment(models.Model):
        organisation = models.ForeignKey(Organisation, ...)
        access = AccessPolicy(
            owner="organisation",
            view=[Grant(Role.BROKER)],
            change=[Grant(Role.BROKER)],
        )

``Grant(role, via=...)`` says: a user holding ``role`` for the organisation, region, programme or
enterprise reached through the lookup path ``via`` (default: the owner path) may do the action.
Views and viewsets then call :func:`scope` (or ``Model.objects.for_user``) and
:func:`get_object_or_404`; nothing else filters by organisation by hand.

Deny by default: a model without a policy raises ``ImproperlyConfigured``; a user without a
matching membership sees nothing; an object outside a user's view scope answers 404, an object
in view scope that the user may not change answers 403.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404

VIEW = "view"
CHANGE = "change"  # update and delete
ACTIONS = (VIEW, CHANGE)

# Role names are repeated here (and not imported from accounts.constants) because the
# accounts models import this module; constants.Role uses the same values.
BROKER = "broker"
COLLEAGUE = "colleague"
ENTREPRENEUR = "entrepreneur"
STEERING = "steering"
SELF = "self"  # a grant for the user a row points at (own notifications, own jobs)

ANYWHERE = "*"  # a grant that holds for every row, for anyone with the role (e.g. the register)
NOTHING = Q(pk__in=[])
# Not Q(): an empty Q vanishes when OR-ed with another condition, which would turn "every row"
# into "no row".
EVERYTHING = Q(pk__isnull=False)


@dataclass(frozen=True)
class Grant:
    """Users with ``role`` for the anchor reached through ``via`` may act on the row.

    ``department_field`` narrows a colleague grant to rows whose field equals the colleague's
    department (cases referred to inkoop are for inkoop colleagues only); ``condition`` narrows
    any grant with a fixed filter (an entrepreneur never sees internal notes).
    """

    role: str
    via: str | None = None
    department_field: str | None = None
    condition: Q | None = None


@dataclass(frozen=True)
class AccessPolicy:
    owner: str
    view: Iterable[Grant] = field(default_factory=tuple)
    change: Iterable[Grant] = field(default_factory=tuple)
    public: Q | None = None  # rows anyone (also anonymous visitors) may view

    def grants(self, action: str) -> tuple[Grant, ...]:
        if action not in ACTIONS:
            raise ValueError(f"Unknown action {action!r}")
        return tuple(self.view if action == VIEW else self.change)


# Reference data (organisations, regions, programmes): everyone reads, only administrators change.
PUBLIC = AccessPolicy(owner="", public=EVERYTHING)


def policy_of(model) -> AccessPolicy:
    policy = getattr(model, "access", None)
    if not isinstance(policy, AccessPolicy):
        raise ImproperlyConfigured(f"{model.__name__} declares no access policy; it cannot be exposed.")
    return policy


# --- who the user is ------------------------------------------------------------------------


def memberships(user) -> list:
    """The user's memberships, loaded once per user object (i.e. once per request)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_access_memberships", None)
    if cached is None:
        cached = list(user.memberships.all())
        user._access_memberships = cached
    return cached


def forget(user) -> None:
    """Drop cached memberships (after memberships changed during a request or test)."""
    user.__dict__.pop("_access_memberships", None)


def roles_of(user) -> set[str]:
    return {m.role for m in memberships(user)}


def has_role(user, *roles: str) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return bool(roles_of(user) & set(roles))


def organisation_ids(user, *roles: str) -> set[int]:
    return {m.organisation_id for m in memberships(user) if m.role in roles and m.organisation_id}


def enterprise_ids(user) -> set[int]:
    return {m.enterprise_id for m in memberships(user) if m.role == ENTREPRENEUR}


def programme_ids(user) -> set[int]:
    return {m.programme_id for m in memberships(user) if m.role == STEERING}


# --- building filters -----------------------------------------------------------------------


def _target_model(model, path: str):
    """The model a lookup path like ``case__organisation`` ends at."""
    if path == "pk":
        return model
    current = model
    for part in path.split("__"):
        try:
            current = current._meta.get_field(part).related_model
        except FieldDoesNotExist as exc:
            raise ImproperlyConfigured(f"{model.__name__}: bad access path {path!r}") from exc
        if current is None:
            raise ImproperlyConfigured(f"{model.__name__}: access path {path!r} is not a relation")
    return current


def _anchor_pks(user, role: str, target):
    """Primary keys of the anchors (organisations, regions, programmes, enterprises) of kind
    ``target`` for which the user holds ``role``: a set, or a subquery where a join is needed."""
    from impactportal.accounts.models import Organisation, Programme, Region

    if target is Organisation:
        return organisation_ids(user, role)
    if target is Region:
        return Region.objects.filter(members__in=organisation_ids(user, role)).values("pk")
    if target is Programme:
        if role == STEERING:
            return programme_ids(user)
        return Programme.objects.filter(participants__in=organisation_ids(user, role)).values("pk")
    if target._meta.label == "enterprises.Enterprise" and role == ENTREPRENEUR:
        return enterprise_ids(user)
    raise ImproperlyConfigured(f"Role {role!r} cannot be anchored at {target.__name__}")


def _anchor_filter(user, role: str, model, path: str) -> Q:
    """Rows whose ``path`` points at an anchor for which the user holds ``role``."""
    return Q(**{f"{path}__in": _anchor_pks(user, role, _target_model(model, path))})


def _grant_filter(user, grant: Grant, model, policy: AccessPolicy) -> Q:
    via = grant.via or policy.owner
    if grant.role == SELF:
        q = Q(**{via: user.pk})
    elif grant.role not in roles_of(user):
        return NOTHING
    elif via == ANYWHERE:
        q = EVERYTHING
    elif grant.department_field:
        # Pair each colleague's organisation with their own department.
        q = NOTHING
        for m in memberships(user):
            if m.role == grant.role and m.department:
                q |= Q(**{via: m.organisation_id, grant.department_field: m.department})
    else:
        q = _anchor_filter(user, grant.role, model, via)
    if grant.condition is not None:
        q &= grant.condition
    return q


def rule(user, model, action: str = VIEW) -> Q | None:
    """The filter of rows ``user`` may act on; ``None`` means every row (superuser)."""
    policy = policy_of(model)
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return None
    q = NOTHING
    if action == VIEW and policy.public is not None:
        q |= policy.public
    if getattr(user, "is_authenticated", False) and user.is_active:
        for grant in policy.grants(action):
            q |= _grant_filter(user, grant, model, policy)
    return q


def scope(user, queryset_or_model, action: str = VIEW) -> models.QuerySet:
    """The rows of a queryset (or model) that ``user`` may view or change."""
    qs = queryset_or_model if isinstance(queryset_or_model, models.QuerySet) else queryset_or_model._default_manager.all()
    q = rule(user, qs.model, action)
    return qs if q is None else qs.filter(q)


def can(user, action: str, obj) -> bool:
    return scope(user, type(obj)._default_manager.filter(pk=obj.pk), action).exists()


def get_object_or_404(user, queryset_or_model, action: str = VIEW, **lookup):
    """The object if the user may see it (else 404) and may do ``action`` on it (else 403)."""
    visible = scope(user, queryset_or_model, VIEW)
    try:
        obj = visible.get(**lookup)
    except (visible.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if action != VIEW and not can(user, action, obj):
        raise PermissionDenied
    return obj


def owner_choices(user, model) -> models.QuerySet:
    """Owners (organisations, regions, …) under which ``user`` may create a ``model`` row."""
    policy = policy_of(model)
    target = _target_model(model, policy.owner)
    owners = target._default_manager.all()
    if getattr(user, "is_superuser", False):
        return owners
    q = NOTHING
    for grant in policy.grants(CHANGE):
        if grant.role not in roles_of(user) or grant.condition is not None or grant.department_field:
            continue  # conditional grants allow changing some rows, not creating under an owner
        via = grant.via or policy.owner
        if via == ANYWHERE:
            return owners
        if via == policy.owner:
            q |= Q(pk__in=_anchor_pks(user, grant.role, target))
    return owners.filter(q)


def owner_of(obj):
    policy = policy_of(type(obj))
    current = obj
    if policy.owner == "pk":
        return obj
    for part in policy.owner.split("__"):
        current = getattr(current, part)
        if current is None:
            return None
    return current


class ScopedQuerySet(models.QuerySet):
    """QuerySet for models with an access policy: ``Model.objects.for_user(user)``."""

    def for_user(self, user, action: str = VIEW):
        return scope(user, self, action)
