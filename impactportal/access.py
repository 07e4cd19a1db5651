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

Besides ``view`` and ``change`` a policy names further actions with the same grants::

    access = AccessPolicy(owner="organisation", view=[...], change=[...],
                          actions={"assign": [Grant(BROKER)]})

and services call ``require(user, "assign", obj)`` (404 outside the view scope, 403 inside it
without the grant) on the row they locked. Pages that belong to a role use :func:`require_role`
(or ``roles = (...)`` on the generic views): a visitor is sent to the login page, a signed-in
user without the role gets the 403 page that says so.

Roles (a user holds them through memberships, ``accounts.Membership``; several at once):

- ``broker`` (makelaar met mandaat) and ``colleague`` (with a department) of an organisation;
- ``entrepreneur`` of an enterprise; ``steering`` member of a programme's steering group;
- ``partner``: staff of an external network partner (a foundation that runs a municipality's
  entrepreneur desk), anchored at each municipality it serves. Granted where the desk works:
  helpdesk cases (internal notes, attachments, assigning and referring included), contact
  moments and the register (read like a broker). Never budget, mandate, teams, SROI contracts or
  rule sets, procurement, property rents or draft reports;
- ``sroi_coordinator``: a regional social-return coordinator, anchored at a region (the
  membership's ``region``). For Region targets it reaches that region, for Organisation targets
  the region's member organisations: their SROI contracts and realisations (read, verify,
  reject), the region's rule sets (keep) and the regional figures; nothing else of them.
  Not to be confused with ``Membership.is_coordinator`` (a broker team's coordinator).
- ``functional_admin`` (``FUNCTIONAL_ADMIN``): not a membership role but the flag
  ``Membership.is_admin`` of a broker or colleague, held as a role for that organisation: the
  staff memberships of the organisation (invite, change, end; ``accounts.services``).

Deny by default: a model without a policy raises ``ImproperlyConfigured``; a user without a
matching membership sees nothing; an object outside a user's view scope answers 404, an object
in view scope that the user may not act on answers 403.

Justified exceptions (filters by organisation or role outside this module):
- ``accounts.models.users_with_role``: who to *notify* or offer as assignee is a question about
  people, not about rows a user may see.
- dashboards narrow an already scoped queryset to the user's own organisations ("in uw
  gemeente"), which is a presentation choice, not an access decision.
- seeding and the register import match rows to organisations by data, as administrators.
"""

from __future__ import annotations

import contextlib
import functools
import operator
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, PermissionDenied
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import BooleanField, Case, Q, Value, When
from django.http import Http404
from django.utils.translation import gettext as _

VIEW = "view"
CHANGE = "change"  # update (and delete, unless a policy names "delete")
DELETE = "delete"

# Role names are repeated here (and not imported from accounts.constants) because the
# accounts models import this module; constants.Role uses the same values.
BROKER = "broker"
COLLEAGUE = "colleague"
ENTREPRENEUR = "entrepreneur"
STEERING = "steering"
# A network partner's staff member (Kennemer Impact Helpdesk, Stichting Stadsgarage) who runs the
# entrepreneur desk of a municipality: anchored at the served municipality (``organisation``).
# Granted in the helpdesk, contact-moment and register policies only. Never in budget, mandate,
# team, SROI or procurement policies; property rents and draft reports do not exist yet: when
# they land, their policies must leave PARTNER out too (issue 10).
PARTNER = "partner"
# A regional SROI coordinator: anchored at a region (``region``); reaches the region's members.
SROI_COORDINATOR = "sroi_coordinator"
# A functional administrator ("functioneel beheerder") of an organisation: not a membership role but
# the flag ``Membership.is_admin`` on a broker's or colleague's membership, held here as a role for
# that membership's organisation (``roles_of``, ``organisation_ids``), so that policies grant it as
# any role: ``Grant(FUNCTIONAL_ADMIN)`` (the staff memberships of the organisation).
FUNCTIONAL_ADMIN = "functional_admin"
SELF = "self"  # a grant for the user a row points at (own notifications, own jobs)

# Roles whose membership points at a region rather than at an organisation.
REGION_ROLES = frozenset({SROI_COORDINATOR})

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
    any grant with a fixed filter (an entrepreneur never sees internal notes). ``creates``: a
    department grant that also lets the colleague create rows under their organisation, when a
    new row's department field defaults to their department (a property, managed by vastgoed:
    without it the real-estate colleague's "Eigenaar" drop-down was empty and no property could
    be saved).
    """

    role: str
    via: str | None = None
    department_field: str | None = None
    condition: Q | None = None
    creates: bool = False


@dataclass(frozen=True)
class AccessPolicy:
    owner: str
    view: Iterable[Grant] = field(default_factory=tuple)
    change: Iterable[Grant] = field(default_factory=tuple)
    public: Q | None = None  # rows anyone (also anonymous visitors) may view
    # Named actions beyond view and change ("assign", "decide", "evidence", …). "delete"
    # falls back to the change grants when a policy does not name it.
    actions: dict[str, Iterable[Grant]] = field(default_factory=dict)
    # Actions that hold only through the user's own grants, for superusers too: "my" cases and
    # "my" enterprises are the user's own, not every row an administrator can reach.
    personal: tuple[str, ...] = ()

    def grants(self, action: str) -> tuple[Grant, ...]:
        if action == VIEW:
            return tuple(self.view)
        if action == CHANGE:
            return tuple(self.change)
        if action in self.actions:
            return tuple(self.actions[action])
        if action == DELETE:
            return tuple(self.change)
        raise ValueError(f"Unknown action {action!r}")


# Reference data (organisations, regions, programmes): everyone reads, only administrators change.
PUBLIC = AccessPolicy(owner="", public=EVERYTHING)


def policy_of(model) -> AccessPolicy:
    policy = getattr(model, "access", None)
    if not isinstance(policy, AccessPolicy):
        raise ImproperlyConfigured(f"{model.__name__} declares no access policy; it cannot be exposed.")
    return policy


# --- who the user is ------------------------------------------------------------------------


def memberships(user) -> list:
    """The user's memberships, loaded once per user object (i.e. once per request), each with its
    organisation: dashboards and list defaults name the user's own organisations."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_access_memberships", None)
    if cached is None:
        cached = user._access_memberships = _load_memberships(user)
    return cached


@functools.cache
def _membership_query(membership_model) -> tuple:
    """The accepted memberships of a user with their organisations, one row each (``IdsQuery``: every
    signed-in request reads them, and compiling the ORM's query cost more than running it). A pending
    invitation (``accepted_at`` empty) gives no role: the same query leaves it out."""
    from .prepared import IdsQuery

    organisation_model = membership_model.organisation.field.related_model
    membership_columns = [f.attname for f in membership_model._meta.concrete_fields]
    organisation_columns = [f.attname for f in organisation_model._meta.concrete_fields]
    query = IdsQuery(lambda user_ids: membership_model.objects.filter(
        user_id__in=user_ids, accepted_at__isnull=False).values_list(
        *membership_columns, *(f"organisation__{name}" for name in organisation_columns)))
    return query, membership_columns, organisation_model, organisation_columns


def _load_memberships(user) -> list:
    """What ``list(user.memberships.filter(accepted_at__isnull=False).select_related("organisation"))``
    gives, without compiling."""
    membership_model = user._meta.model.memberships.field.model  # not user.memberships: a manager per call; user may be lazy
    query, membership_columns, organisation_model, organisation_columns = _membership_query(membership_model)
    split, loaded = len(membership_columns), []
    for row in query.rows([user.pk]):
        membership = membership_model.from_db(DEFAULT_DB_ALIAS, membership_columns, row[:split])
        organisation = (None if row[split] is None  # no organisation (an entrepreneur's membership)
                        else organisation_model.from_db(DEFAULT_DB_ALIAS, organisation_columns, row[split:]))
        membership_model.organisation.field.set_cached_value(membership, organisation)
        membership_model.user.field.set_cached_value(membership, user)
        loaded.append(membership)
    return loaded


def forget(user) -> None:
    """Drop cached memberships (after memberships changed during a request or test). ``request.user``
    is a lazy object: the memberships are cached on the user it wraps."""
    target = getattr(user, "_wrapped", user)
    getattr(target, "__dict__", {}).pop("_access_memberships", None)


def _holds(membership, roles) -> bool:
    """Whether ``membership`` gives one of ``roles`` (its role, or FUNCTIONAL_ADMIN by its flag)."""
    return membership.role in roles or (membership.is_admin and FUNCTIONAL_ADMIN in roles)


def roles_of(user) -> set[str]:
    held = memberships(user)
    return {m.role for m in held} | ({FUNCTIONAL_ADMIN} if any(m.is_admin for m in held) else set())


def has_role(user, *roles: str) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return bool(roles_of(user) & set(roles))


class RoleRequired(PermissionDenied):
    """A signed-in user lacks the role a page belongs to (the 403 page says so): by default that
    the page is not for their role, or the page's own ``message`` (who it is for)."""

    def __init__(self, message=None):
        super().__init__(_("Deze pagina is niet voor uw rol bedoeld.") if message is None else message)


def require_role(user, *roles: str) -> None:
    """Page-level gate: visitors go to the login page (the caller's login_required does that),
    signed-in users without one of ``roles`` get a 403 that says the page is not for them."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    if not has_role(user, *roles):
        raise RoleRequired


def may_register_enterprise(user) -> bool:
    """Whether the portal invites ``user`` to register an enterprise of their own ("Onderneming
    aanmelden"): a visitor (through the sign-up), an entrepreneur (another enterprise) and a
    signed-in user without a role yet (a new entrepreneur). Whoever registers becomes the
    enterprise's entrepreneur, so staff are not invited: any role besides entrepreneur (a broker,
    a regional SROI coordinator, a steering member), a superuser or Django staff. A coordinator was
    offered the sign-up form on the showcase and under "Mijn onderneming"."""
    if not getattr(user, "is_authenticated", False):
        return True
    if getattr(user, "is_superuser", False) or getattr(user, "is_staff", False):
        return False
    return not (roles_of(user) - {ENTREPRENEUR})


def may_ask_helpdesk(user) -> bool:
    """Whether ``user`` may put a question to a municipality's helpdesk ("Mijn vragen", "Stel een
    vraag aan de makelaar"): the entrepreneur's side, so the same people as
    :func:`may_register_enterprise` (a visitor is shown the way through signing in). Staff answer
    questions in their own inbox: a broker could file a question to herself as an entrepreneur."""
    return may_register_enterprise(user)


def organisation_ids(user, *roles: str) -> set[int]:
    return {m.organisation_id for m in memberships(user) if _holds(m, roles) and m.organisation_id}


def organisations(user, *roles: str) -> list:
    """The organisations the user holds one of ``roles`` in, by name (from the memberships: no query)."""
    found = {m.organisation_id: m.organisation for m in memberships(user) if _holds(m, roles) and m.organisation_id}
    return sorted(found.values(), key=lambda organisation: (organisation.name.casefold(), organisation.pk))


def region_ids(user, *roles: str) -> set[int]:
    """Regions the user holds one of ``roles`` for directly (a coordinator's regions)."""
    return {m.region_id for m in memberships(user) if m.role in roles and m.region_id}


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
    from impactportal.accounts.models import Membership, Organisation, Programme, Region

    if role in REGION_ROLES:
        # Anchored at a region: the region itself, and its member organisations.
        if target is Region:
            return region_ids(user, role)
        if target is Organisation:
            return Organisation.objects.filter(regions__in=region_ids(user, role)).values("pk")
        raise ImproperlyConfigured(f"Role {role!r} cannot be anchored at {target.__name__}")
    if target is Organisation:
        return organisation_ids(user, role)
    if target is Region:
        return Region.objects.filter(members__in=organisation_ids(user, role)).values("pk")
    if target is Programme:
        if role == STEERING:
            return programme_ids(user)
        return Programme.objects.filter(participants__in=organisation_ids(user, role)).values("pk")
    # Any other anchor is a model a membership points at (the enterprise of an entrepreneur):
    # found through the Membership foreign key, so the core names no app's model.
    for fk in Membership._meta.get_fields():
        if getattr(fk, "related_model", None) is target and fk.many_to_one:
            return {getattr(m, fk.attname) for m in memberships(user) if m.role == role and getattr(m, fk.attname)}
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
    if q is not EVERYTHING and q is not NOTHING and crosses_many(model, via):
        # A path through a to-many relation (a contract's contacts, a challenge's jurors) would join
        # and repeat a row once per related row when OR-ed with other grants: match by key instead.
        q = _by_keys(model, q)
    return q


# Up to this many keys a to-many grant's rows are read first and matched as a list of keys.
EAGER_KEYS = 500


def _by_keys(model, q: Q) -> Q:
    """The rows of ``q`` by primary key. Such rows are usually few (the contracts a user is a
    contact of), and a list of keys lets PostgreSQL combine this grant with the others through
    their indexes (BitmapOr); a subquery cannot be, so every list and count scanned the whole
    table (counting a broker's 64 of 20,010 contracts: 9.8 ms). Many keys stay a subquery."""
    def read():
        rows = model._default_manager.filter(q)
        keys = list(rows.order_by().values_list("pk", flat=True).distinct()[:EAGER_KEYS + 1])
        return Q(pk__in=keys) if len(keys) <= EAGER_KEYS else Q(pk__in=rows.values("pk"))

    return _remembered(("keys", model, q), read)  # a page's list, count and figures share them


def crosses_many(model, path: str) -> bool:
    """Whether the lookup ``path`` from ``model`` passes a to-many relation (one row of ``model``
    may then join many rows)."""
    if path in ("pk", ANYWHERE):
        return False
    current = model
    for part in path.split("__"):
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if field.one_to_many or field.many_to_many:
            return True
        current = field.related_model
        if current is None:
            return False
    return False


def rule(user, model, action: str = VIEW) -> Q | None:
    """The filter of rows ``user`` may act on; ``None`` means every row."""
    policy = policy_of(model)
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False) and action not in policy.personal:
        return None
    # A rule that covers every row returns None (no filter at all): PostgreSQL cannot drop an
    # always-true "OR id IS NOT NULL", which would make every count join and scan.
    parts = []
    if action == VIEW and policy.public is not None:
        if policy.public is EVERYTHING:
            return None
        parts.append(policy.public)
    if getattr(user, "is_authenticated", False) and user.is_active:
        for grant in policy.grants(action):
            grant_q = _grant_filter(user, grant, model, policy)
            if grant_q is EVERYTHING:
                return None
            # Grants that reach no row, and a second grant reaching the same rows, are left out:
            # two actions with the same grants give the same filter (``can`` asks once for both).
            if not _reaches_nothing(grant_q) and grant_q not in parts:
                parts.append(grant_q)
    return functools.reduce(operator.or_, parts) if parts else NOTHING


def _reaches_nothing(q: Q) -> bool:
    """``NOTHING``, or a role's anchors that turned out empty (``organisation__in=set()``)."""
    if q.negated or len(q.children) != 1 or not isinstance(q.children[0], tuple):
        return False
    lookup, value = q.children[0]
    return lookup.endswith("__in") and isinstance(value, list | set | frozenset | tuple) and not value


def scope(user, queryset_or_model, action: str = VIEW) -> models.QuerySet:
    """The rows of a queryset (or model) that ``user`` may view or change."""
    qs = queryset_or_model if isinstance(queryset_or_model, models.QuerySet) else queryset_or_model._default_manager.all()
    q = rule(user, qs.model, action)
    return qs if q is None else qs.filter(q)


# What ``can`` answered while a GET or HEAD request is answered (``reading``): a page asks the
# same question of the same row several times (may this broker change, decide on, keep the
# impact of this enterprise: three grants, one filter), each an EXISTS query of its own.
_read_answers: ContextVar[dict | None] = ContextVar("access_read_answers", default=None)


@contextlib.contextmanager
def reading():
    """Remember ``can``'s answers per row and filter, and the keys of a to-many grant's rows
    (``_by_keys``), until the block ends. Only for requests that change nothing
    (``ReadingMiddleware``): after a write in the same block, a remembered answer could be out of
    date. ``require``, with which services re-check the row they locked before a decision, always
    asks the database."""
    token = _read_answers.set({})
    try:
        yield
    finally:
        _read_answers.reset(token)


def _remembered(key, read):
    """``read()``, remembered under ``key`` while ``reading``."""
    answers = _read_answers.get()
    if answers is None:
        return read()
    try:
        found = answers.get(key)
    except TypeError:  # a value in the filter that cannot be hashed: read each time
        return read()
    if found is None:
        found = answers[key] = read()
    return found


def can(user, action: str, obj) -> bool:
    model = type(obj)
    q = rule(user, model, action)

    def ask():  # built only when the answer is not remembered
        rows = model._default_manager.filter(pk=obj.pk)
        return (rows if q is None else rows.filter(q)).exists()

    # The filter decides, not who asked or for which action.
    return _remembered((model, obj.pk, q), ask)


def require(user, action: str, obj) -> None:
    """For services, on the row they locked: 404 when ``user`` may not even see ``obj``, 403
    when they may see it but not do ``action``. Never answered from ``reading``'s memory."""
    token = _read_answers.set(None)
    try:
        if can(user, action, obj):
            return
        if action != VIEW and can(user, VIEW, obj):
            raise PermissionDenied
        raise Http404
    finally:
        _read_answers.reset(token)


def require_locked(user, action: str, obj):
    """``obj`` re-read under a row lock (inside the caller's transaction), then ``require``d on
    that fresh row: a decision taken on a stale copy (two people deciding at once) must see the
    other's outcome. Returns the locked row."""
    locked = type(obj).objects.select_for_update().filter(pk=obj.pk).first()
    if locked is None:  # deleted since it was read: as if it never was
        raise Http404
    require(user, action, locked)
    return locked


def annotate_can(queryset, user, action: str, name: str):
    """Add a boolean ``name`` per row: may ``user`` do ``action`` on it (one query for a whole
    page, e.g. which certificates' evidence a serializer may show)."""
    q = rule(user, queryset.model, action)
    if q is None:
        return queryset.annotate(**{name: Value(True, output_field=BooleanField())})
    return queryset.annotate(**{name: Case(When(q, then=Value(True)), default=Value(False),
                                           output_field=BooleanField())})


def mark_can(objects, user, action: str, name: str) -> None:
    """``annotate_can`` for rows already loaded (a list's page), with one query over their ids.
    A list annotated instead would carry the rule's joins into its COUNT: the certificates' rule
    joins their enterprise, and counting 100,000 certificates took 64 ms instead of 8 ms."""
    if not objects:
        return
    model = type(objects[0])
    q = rule(user, model, action)
    allowed = None if q is None else set(
        model._default_manager.filter(q, pk__in=[obj.pk for obj in objects]).values_list("pk", flat=True))
    for obj in objects:
        setattr(obj, name, allowed is None or obj.pk in allowed)


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


def may(user, action: str, model) -> bool:
    """Whether ``user`` holds any grant for ``action`` on ``model`` (some rows, not a given one):
    what a page offers (the inbox's selection column, a "new" button), decided without a query."""
    policy = policy_of(model)
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False) and action not in policy.personal:
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    roles = roles_of(user) | {SELF}
    return any(grant.role in roles for grant in policy.grants(action))


def may_reach(user, model, action: str = VIEW) -> bool:
    """``may``, for the pages a menu offers: a department grant counts only for a colleague of the
    department the rows are handled by (the department field's default: what the app gives every
    row; a field without a default counts any department). The inkoop colleague holds the
    colleague role of the real-estate grants, but none of their rows (department vastgoed): their
    "Toewijzingen" page was always empty. Decided from the memberships, without a query."""
    policy = policy_of(model)
    if action == VIEW and policy.public is not None:
        return True
    if not may(user, action, model):
        return False
    if getattr(user, "is_superuser", False):
        return True
    roles = roles_of(user) | {SELF}
    for grant in policy.grants(action):
        if grant.role not in roles:
            continue
        if not grant.department_field:
            return True
        department = _department_default(model, grant.department_field)
        if any(m.role == grant.role and m.department and (not department or m.department == department)
               for m in memberships(user)):
            return True
    return False


def _department_default(model, path: str):
    """The default of the department field ``path`` leads to (``property__department``)."""
    *hops, name = path.split("__")
    for hop in hops:
        model = model._meta.get_field(hop).related_model
    return model._meta.get_field(name).get_default()


def _owner_anchors(user, model, action: str, path: str | None):
    """``(owners, anchors)`` for ``owner_choices`` and ``may_own``: ``anchors`` is None when every
    owner qualifies, else the anchor pk sets or subqueries of the grants that apply."""
    policy = policy_of(model)
    path = path or policy.owner
    target = _target_model(model, path)
    owners = target._default_manager.all()
    if getattr(user, "is_superuser", False):
        return owners, None
    anchors = []
    for grant in policy.grants(action):
        if grant.role not in roles_of(user) or grant.condition is not None:
            continue  # conditional grants allow changing some rows, not creating under an owner
        if grant.department_field:
            if grant.creates and (grant.via or policy.owner) == path:
                anchors.append(_department_anchor_pks(user, grant, model))
            continue
        via = grant.via or policy.owner
        if via == ANYWHERE:
            return owners, None
        if via == path:
            anchors.append(_anchor_pks(user, grant.role, target))
    return owners, anchors


def _department_anchor_pks(user, grant, model) -> set:
    """The organisations where ``user`` holds the grant's role in the department a new row gets
    by default (``Grant.creates``)."""
    department = model._meta.get_field(grant.department_field).get_default()
    return {m.organisation_id for m in memberships(user) if m.role == grant.role and m.department == department}


def owner_choices(user, model, action: str = CHANGE, *, path: str | None = None) -> models.QuerySet:
    """Owners (organisations, regions, …) under which ``user`` may create a ``model`` row (or,
    with ``action``, for which they may do it on every row, e.g. assign cases). ``path`` names a
    second owner field whose grants say who may create under it (a rule set belongs to an
    organisation or to a region: ``path="region"``); default: the policy's owner."""
    owners, anchors = _owner_anchors(user, model, action, path)
    return owners if anchors is None else _owners_within(owners, anchors)


def _owners_within(owners, anchors) -> models.QuerySet:
    q = NOTHING
    for pks in anchors:
        q |= Q(pk__in=pks)
    return owners.filter(q)


def may_own(user, model, action: str = CHANGE, *, path: str | None = None) -> bool:
    """``owner_choices(...).exists()``, answered from the user's memberships when they name the
    owners (every list page asks it for its "new" button; the rows the ids come from exist,
    memberships point at them)."""
    owners, anchors = _owner_anchors(user, model, action, path)
    if anchors is None:
        return owners.exists()
    if any(isinstance(pks, set) and pks for pks in anchors):  # ids from the memberships
        return True
    return _owners_within(owners, anchors).exists()


class ScopedQuerySet(models.QuerySet):
    """QuerySet for models with an access policy: ``Model.objects.for_user(user)``."""

    def for_user(self, user, action: str = VIEW):
        return scope(user, self, action)
