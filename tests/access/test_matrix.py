"""The permission matrix: every route of the URL configuration (UI and API router) × every actor,
against the one table in ``tests/access/routes.py``; plus cross-organisation probes.

A route without a declaration fails ``test_every_route_is_declared``; see routes.py for how to
add one."""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.db.models import Q
from django.forms.models import model_to_dict
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from rest_framework.test import APIClient

from impactportal import access
from impactportal.ui.middleware import page_above

from .routes import (
    ACTORS,
    ANON,
    BROKER_AMERSFOORT,
    BROKER_HAARLEM,
    ONDERNEMER_1,
    ONDERNEMER_2,
    POSTS,
    REFUSED,
    ROUTES,
    SIGNED_IN,
    SIGNED_IN_API,
    Route,
)

EXCLUDED_NAMESPACES = {"admin"}


@dataclass(frozen=True)
class UrlRoute:
    name: str
    path: str
    params: tuple[str, ...]
    callback: object

    @property
    def is_api(self) -> bool:
        return self.path.startswith("api/")

    @property
    def view_class(self):
        return getattr(self.callback, "cls", None) or getattr(self.callback, "view_class", None)


def _params(pattern) -> list[str]:
    converters = getattr(pattern, "converters", None)
    if converters is not None and hasattr(pattern, "_route"):
        return list(converters)
    return list(pattern.regex.groupindex)


def walk(patterns=None, prefix="", namespace=None, params=()):
    """Every URL pattern as (full name or None, path, params, callback), namespaces resolved."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns, (*params, *_params(p.pattern)))
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            names = tuple(x for x in (*params, *_params(p.pattern)) if x != "format")
            yield name, namespace, prefix + str(p.pattern), names, p.callback


def url_routes() -> tuple[dict[str, UrlRoute], list[str]]:
    """Named routes (first pattern per name: DRF's format-suffix twins share the name) and the
    paths of unnamed ones, outside the excluded namespaces. Read once per URLconf: walking every
    pattern on each call cost the matrix a tenth of its time (callers only read the result)."""
    return _url_routes(get_resolver())


@functools.cache
def _url_routes(_resolver) -> tuple[dict[str, UrlRoute], list[str]]:
    named: dict[str, UrlRoute] = {}
    unnamed: list[str] = []
    for name, namespace, path, params, callback in walk():
        if namespace and namespace.split(":")[0] in EXCLUDED_NAMESPACES:
            continue
        if not name:
            unnamed.append(path)
            continue
        named.setdefault(name, UrlRoute(name, path, params, callback))
    return named, unnamed


def declared(keep) -> list[Route]:
    """The first declared route of each URL name for which ``keep(route, url_route)`` holds, by name
    (a sweep over the declared pages or API details of one kind)."""
    named = url_routes()[0]
    found = {}
    for route in ROUTES:
        info = named.get(route.name)
        if info is not None and keep(route, info):
            found.setdefault(route.name, route)
    return sorted(found.values(), key=lambda route: route.name)


def build_url(route: Route, world) -> str:
    info = url_routes()[0][route.name]
    if route.kwargs is not None:
        kwargs = route.kwargs(world)
    elif info.params:
        assert route.obj, f"{route.name} needs an object: declare obj= or kwargs= in routes.py"
        obj = world[route.obj]
        kwargs = {param: getattr(obj, param) for param in info.params}
    else:
        kwargs = {}
    return reverse(route.name, kwargs=kwargs) + route.query


@pytest.fixture
def world(shared_world, db, settings):
    """The module's world (conftest.py ``shared_world``), rows rolled back after each test and the
    objects copied, so that no test sees another's changes."""
    settings.MEDIA_ROOT = shared_world.media_root
    return copy.deepcopy(shared_world)


def client_for(world, actor: str) -> APIClient:
    """A client signed in as ``actor``: with the session the shared world opened for it (a row of
    the world's transaction, so no test ends it for another), else a fresh login."""
    client = APIClient()
    user = world.actors[actor]
    session = getattr(world, "sessions", {}).get(actor)
    if session is not None:
        client.cookies[django_settings.SESSION_COOKIE_NAME] = session
    elif user is not None:
        client.force_login(user)
    return client


def open_as_first_allowed(route: Route, world):
    """``route``'s page opened by the first actor allowed to (HTTP 200): (actor, url, client, page)."""
    actor = next((actor for actor in ACTORS if route.status_for(actor) == 200), None)
    assert actor is not None, f"{route.name}: nobody may open it"
    url = build_url(route, world)
    client = client_for(world, actor)
    page = client.get(url)
    assert page.status_code == 200, (actor, page.status_code)
    return actor, url, client, page


def _route_id(route: Route) -> str:
    return f"{route.name}[{route.obj}]" if route.obj else route.name


# --- completeness -------------------------------------------------------------------------


def test_every_route_is_declared():
    named, unnamed = url_routes()
    declared = {r.name for r in ROUTES}
    undeclared = sorted(set(named) - declared)
    stale = sorted(declared - set(named))
    problems = []
    if undeclared:
        problems.append(
            "Routes without a declaration in tests/access/routes.py (add one entry each):\n  "
            + "\n  ".join(f"{n}  (/{named[n].path})" for n in undeclared)
        )
    if stale:
        problems.append("Declared routes that no longer exist (remove them):\n  " + "\n  ".join(stale))
    if unnamed:
        problems.append("Routes without a name (name them so the matrix can cover them):\n  " + "\n  ".join(unnamed))
    assert not problems, "\n".join(problems)


KNOWN_STATUSES = {200, 201, 204, 302, 400, 401, 403, 404, 405}


def action_routes() -> list[str]:
    """Routes that act on POST: the ones declared 405 on GET for some actor, and every API
    @action (detail or list) that takes POST."""
    named = url_routes()[0]
    names = {r.name for r in ROUTES if any(r.status_for(a) == 405 for a in ACTORS)}
    for name, info in named.items():
        actions = getattr(info.callback, "actions", None) or {}
        if info.is_api and actions.get("post") not in (None, "create"):
            names.add(name)
    return sorted(names)


def declaration_problems(routes=ROUTES, posts=POSTS) -> list[str]:
    named = url_routes()[0]
    problems = []
    declared = {r.name for r in routes}
    problems += [f"{name}: no GET declaration" for name in sorted(set(named) - declared)]
    for decl, method in [*((r, "GET") for r in routes), *((p, "POST") for p in posts)]:
        for actor in ACTORS:
            try:
                status = decl.status_for(actor)
            except AssertionError as error:
                problems.append(str(error))
                continue
            if status not in KNOWN_STATUSES:
                problems.append(f"{method} {decl.name}: {status} for {actor} is not a status the portal answers")
    post_names = {p.name for p in posts}
    problems += [f"{name}: acts on POST but has no POST declaration in routes.POSTS"
                 for name in action_routes() if name not in post_names]
    problems += [f"{name}: POST declared for a route that does not exist" for name in sorted(post_names - set(named))]
    return problems


def test_declarations_are_complete():
    assert not declaration_problems(), "\n".join(declaration_problems())


def test_declaration_check_can_fail():
    """The completeness check catches a missing GET or POST declaration and a hole in a table."""
    from .routes import Route as R

    assert action_routes(), "no action routes found"
    dropped = [r for r in ROUTES if r.name != "helpdesk:case-detail"]
    assert any("helpdesk:case-detail: no GET declaration" in p for p in declaration_problems(routes=dropped))
    for name in ("helpdesk:link-request-decide", "certification-verify", "helpdesk-case-messages"):
        posts = [p for p in POSTS if p.name != name]
        assert any(name in p and "no POST declaration" in p for p in declaration_problems(posts=posts)), name
    holey = [*ROUTES, R("home", expect={ANON: 200})]
    assert any("no expected status" in p for p in declaration_problems(routes=holey))


# --- the matrix ---------------------------------------------------------------------------


def _answered_status(response, url) -> int:
    """The status a route gave, where 405 (an address that only takes a form's POST) also covers
    ``PostOnlyMiddleware`` sending a person's GET on to the page above it."""
    if response.status_code == 302 and response["Location"] == page_above(urlsplit(url).path):
        return 405
    return response.status_code


@pytest.mark.parametrize("route", ROUTES, ids=_route_id)
def test_matrix(route, world):
    if route.name not in url_routes()[0]:
        pytest.fail(f"{route.name} is declared but does not exist")
    url = build_url(route, world)
    mismatches = []
    for actor in ACTORS:
        response = client_for(world, actor).get(url)
        expected = route.status_for(actor)
        if _answered_status(response, url) != expected:
            mismatches.append(f"  {actor:18} expected {expected}, got {response.status_code}")
    assert not mismatches, f"GET {url} ({route.name}):\n" + "\n".join(mismatches)


# --- cross-organisation probes ------------------------------------------------------------

SNEAKY = {"name": "Gekaapt", "title": "Gekaapt", "description": "Gekaapt", "amount": "1", "scope": "Gekaapt"}


def _snapshot(obj):
    fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
    return None if fresh is None else model_to_dict(fresh)


def _is_change_route(route: Route, info: UrlRoute) -> bool:
    if info.is_api:
        return route.name.endswith("-detail") and info.view_class is not None and bool(
            {"partial_update", "destroy"} & set(getattr(info.callback, "actions", {}).values())
        )
    return route.name.endswith(("-update", "-delete"))


def _probe(world, route: Route, actor: str, obj_key: str) -> list[str]:
    """GET (and, on change routes, the writes) by ``actor`` on world[obj_key] must be 404 and
    leave the object as it was."""
    info = url_routes()[0][route.name]
    probe_route = Route(route.name, obj=obj_key, kwargs=route.kwargs, default=404)
    url = build_url(probe_route, world)
    obj = world[obj_key]
    before = _snapshot(obj)
    client = client_for(world, actor)
    failures = []
    calls = [("GET", lambda: client.get(url))]
    if _is_change_route(route, info):
        if info.is_api:
            calls += [("PATCH", lambda: client.patch(url, SNEAKY, format="json")),
                      ("PUT", lambda: client.put(url, SNEAKY, format="json")),
                      ("DELETE", lambda: client.delete(url))]
        else:
            calls += [("POST", lambda: client.post(url, SNEAKY))]
    for method, call in calls:
        status = call().status_code
        if status != 404:
            failures.append(f"{method} {url} as {actor}: expected 404, got {status}")
    if _snapshot(obj) != before:
        failures.append(f"{obj_key} changed (or vanished) after requests by {actor} to {url}")
    return failures


OBJECT_ROUTES = [r for r in ROUTES if r.obj and r.kwargs is None]


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=_route_id)
def test_out_of_scope_objects_are_404_for_every_method(route, world):
    """Every signed-in actor for whom an object is out of scope (declared 404) gets 404 on GET and
    on every write, and the object stays unchanged. Covers other-organisation brokers and
    entrepreneurs of other enterprises."""
    failures = []
    for actor in SIGNED_IN:
        if route.status_for(actor) == 404:
            failures += _probe(world, route, actor, route.obj)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "route", [r for r in OBJECT_ROUTES if r.obj.endswith("_haarlem") and r.status_for(BROKER_AMERSFOORT) == 404],
    ids=_route_id,
)
def test_amersfoort_objects_are_404_for_haarlem_broker(route, world):
    """The mirror image: the Amersfoort twin of each Haarlem object, requested by Haarlem's broker."""
    twin = route.obj.removesuffix("_haarlem") + "_amersfoort"
    assert twin in world, f"Add {twin!r} to the fixture world (tests/access/conftest.py WORLD_BUILDERS)"
    failures = _probe(world, route, BROKER_HAARLEM, twin)
    assert not failures, "\n".join(failures)


POST_ONLY_ROUTES = [r for r in OBJECT_ROUTES if r.obj.endswith("_haarlem")
                    and all(r.status_for(a) == 405 for a in SIGNED_IN)]
OTHER_SIDE = {"_haarlem": (BROKER_AMERSFOORT, ONDERNEMER_2), "_amersfoort": (BROKER_HAARLEM, ONDERNEMER_1)}
ACTION_DATA = {**SNEAKY, "decision": "approve", "status": "closed", "department": "inkoop", "body": "Gekaapt",
               "rating": "5", "is_public": "on", "reason": "Gekaapt", "action": "verify"}


@pytest.mark.parametrize("route", POST_ONLY_ROUTES, ids=_route_id)
def test_post_only_actions_refuse_the_other_organisation(route, world):
    """Actions (POST-only routes) on an object of one organisation, posted by the broker or an
    entrepreneur of the other one, are refused (404, or 403 where the object is visible, e.g. the
    shared register) and change nothing. Both directions, via the ``_amersfoort`` twin."""
    failures = []
    for suffix, actors in OTHER_SIDE.items():
        key = route.obj.removesuffix("_haarlem") + suffix
        if key not in world:
            continue
        url = build_url(Route(route.name, obj=key, kwargs=route.kwargs, default=404), world)
        obj = world[key]
        for actor in actors:
            before = _snapshot(obj)
            status = client_for(world, actor).post(url, ACTION_DATA).status_code
            if status not in (403, 404):
                failures.append(f"POST {url} as {actor}: expected 403/404, got {status}")
            if _snapshot(obj) != before:
                failures.append(f"{key} changed after POST {url} by {actor}")
    assert not failures, "\n".join(failures)


# --- lists never leak ---------------------------------------------------------------------


def _api_list_routes():
    return sorted(name for name, info in url_routes()[0].items() if info.is_api and name.endswith("-list"))


def _rows(client, url):
    response = client.get(url, {"page_size": 200})
    if response.status_code == 401 and resolve(url).url_name in SIGNED_IN_API:
        return []  # no rows at all for a caller without credentials (declared in routes.py)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    data = response.json()
    return data["results"] if isinstance(data, dict) and "results" in data else data


def _slug(value):
    return value.get("slug") if isinstance(value, dict) else value


def _pk(value):
    return value.get("id") if isinstance(value, dict) else value


def _allowed_anchors(user):
    from impactportal.accounts.models import Organisation, Region

    if user is None:
        return set(), set(), set()
    ms = access.memberships(user)
    orgs = {m.organisation for m in ms
            if m.organisation_id and m.role in (access.BROKER, access.COLLEAGUE, access.PARTNER)}
    # A regional SROI coordinator: its regions, and their member organisations.
    coordinated = access.region_ids(user, access.SROI_COORDINATOR)
    orgs |= set(Organisation.objects.filter(regions__in=coordinated))
    org_slugs = {o.slug for o in orgs}
    region_slugs = set(Region.objects.filter(members__in=orgs).values_list("slug", flat=True))
    region_slugs |= set(Region.objects.filter(pk__in=coordinated).values_list("slug", flat=True))
    return org_slugs, region_slugs, access.enterprise_ids(user)


def _programme_slugs(user):
    """The programmes the user takes part in: as a steering member, or through an organisation."""
    from impactportal.accounts.models import Programme

    if user is None:
        return set()
    orgs = access.organisation_ids(user, access.BROKER, access.COLLEAGUE)
    return set(Programme.objects.filter(Q(participants__in=orgs) | Q(pk__in=access.programme_ids(user)))
               .values_list("slug", flat=True))


def _let_to(enterprise_ids) -> set[tuple[int, int]]:
    """(property, enterprise) pairs of the properties let to ``enterprise_ids``: allocated to a
    request of theirs that the allocation settled (status "allocated"), read here from the
    database, not taken from the access module or the API."""
    from ecosystem.models import Allocation

    if not enterprise_ids:
        return set()
    return set(Allocation.objects.filter(space_request__enterprise__in=enterprise_ids,
                                         space_request__status="allocated")
               .values_list("property_id", "space_request__enterprise_id"))


def api_list_leaks(world, actors=ACTORS, names=None) -> tuple[list[str], set]:
    """The private rows the API lists show ``actors`` (``test_api_lists_never_leak``), and the
    organisations of the rows the superuser saw."""
    from ecosystem.models import Property
    from enterprises.models import Enterprise

    leaks = []
    seen_by_admin = set()
    names = _api_list_routes() if names is None else names
    assert names, "no API list routes found"
    for actor in actors:
        client = client_for(world, actor)
        user = world.actors[actor]
        org_slugs, region_slugs, enterprise_ids = _allowed_anchors(user)
        programme_slugs = _programme_slugs(user)
        let_to_them = _let_to(enterprise_ids)
        for name in names:
            url = reverse(name)
            model = resolve(url).func.cls.queryset.model
            public = access.policy_of(model).public
            # Rows published to every holder of a role (Grant(role, via=ANYWHERE): SROI rule sets
            # for brokers and colleagues) belong to no one's private scope for those actors.
            published = user is not None and any(grant.via == access.ANYWHERE and grant.role in access.roles_of(user)
                                                 for grant in access.policy_of(model).view)
            rows = _rows(client, url)
            for row in rows:
                if actor == "admin":
                    seen_by_admin.add(_slug(row.get("organisation")))
                    continue
                if published:
                    continue
                if public is not None and "id" in row and model._default_manager.filter(public, pk=row["id"]).exists():
                    continue
                # A row an organisation shared with a programme (a bottleneck shared with the City Deal)
                # is for that programme's participants and steering group.
                if row.get("shared_with") and _slug(row["shared_with"]) in programme_slugs:
                    continue
                problem = None
                # An entrepreneur's own rows (e.g. helpdesk cases of their enterprise, SROI contracts
                # it supplies, outcome contracts it provides) name the municipality they were put
                # to: allowed when the row's enterprise (supplier, provider) is theirs.
                own_row = any(key in row and row[key] in enterprise_ids for key in ("enterprise", "supplier", "provider"))
                # A property let to the entrepreneur's enterprise names its owner (the municipality):
                # allowed only when the row names that enterprise as its tenant AND the database
                # confirms the letting (a row's own claim is not enough). Properties only.
                if model is Property and not own_row and row.get("tenant") is not None:
                    own_row = (row.get("id"), _pk(row["tenant"])) in let_to_them
                # A regional row (a region's rule set) has no organisation: judged by its region below.
                if row.get("organisation") is not None and _slug(row["organisation"]) not in org_slugs \
                        and not own_row:
                    problem = f"organisation={_slug(row['organisation'])}"
                elif "region" in row and _slug(row["region"]) not in region_slugs:
                    problem = f"region={_slug(row['region'])}"
                elif model is Enterprise and row.get("id") not in enterprise_ids and access.ENTREPRENEUR in access.roles_of(user):
                    problem = f"enterprise {row.get('id')}"
                elif "enterprise" in row and _pk(row["enterprise"]) not in enterprise_ids and not org_slugs:
                    problem = f"enterprise={_pk(row['enterprise'])}"
                if problem:
                    leaks.append(f"{name} as {actor}: private row {row.get('id')} of {problem}")
    return leaks, seen_by_admin


def test_api_lists_never_leak(world):
    """Every API list, requested by every actor, holds no private rows of another organisation or
    region (judged by the ``organisation`` / ``region`` fields) and, for entrepreneurs, no private
    data of another enterprise. Public rows (a model's ``public`` filter) may show up anywhere."""
    leaks, seen_by_admin = api_list_leaks(world)
    assert not leaks, "\n".join(leaks)
    # The world has private rows of both organisations, so the check above had something to catch.
    assert {"haarlem", "amersfoort"} <= seen_by_admin


def _ui_list_routes():
    return sorted(
        name for name, info in url_routes()[0].items()
        if not info.is_api and name.endswith("-list") and not info.params
    )


def _hidden_objects(world, actor: str) -> set[str]:
    """World keys of the objects the table says ``actor`` may not see (declared 404), plus the
    Amersfoort twins of Haarlem objects that Amersfoort's broker may not see, for Haarlem's broker."""
    hidden = {r.obj for r in OBJECT_ROUTES if r.status_for(actor) == 404}
    if actor == BROKER_HAARLEM:
        for r in OBJECT_ROUTES:
            twin = r.obj.removesuffix("_haarlem") + "_amersfoort"
            if r.obj.endswith("_haarlem") and r.status_for(BROKER_AMERSFOORT) == 404 and twin in world:
                hidden.add(twin)
    return hidden


def test_ui_lists_never_leak(world):
    """No UI list page links to (or names) an object the table declares out of scope for the actor."""
    leaks = []
    checked = 0
    for actor in SIGNED_IN:
        client = client_for(world, actor)
        hidden = [world[key] for key in sorted(_hidden_objects(world, actor))]
        # A contract names its supplier: whoever may see the contract (the region's SROI
        # coordinator, who has no register) sees that name (the list shows supplier_name as text).
        from procurement.models import Contract

        suppliers = set(Contract.objects.for_user(world.actors[actor]).values_list("supplier_id", flat=True))
        hidden = [obj for obj in hidden if not (type(obj).__name__ == "Enterprise" and obj.pk in suppliers)
                  or actor in (BROKER_HAARLEM, BROKER_AMERSFOORT)]
        for name in _ui_list_routes():
            html = client.get(reverse(name)).content.decode()
            for obj in hidden:
                checked += 1
                label = getattr(obj, "name", None) or getattr(obj, "title", None) or getattr(obj, "description", None)
                url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None
                if (url and f'href="{url}"' in html) or (label and label in html):
                    leaks.append(f"{name} as {actor} shows {type(obj).__name__} {obj.pk} ({label})")
    assert checked
    assert not leaks, "\n".join(leaks)


# --- POST outcomes per actor --------------------------------------------------------------


def _post_as(post, actor, world):
    """A minimal valid POST as ``actor``: the declared status; refused → nothing changed;
    allowed → the action really happened."""
    from django.conf import settings
    from django.shortcuts import resolve_url

    if post.prepare:
        post.prepare(world)
    url = build_url(Route(post.name, obj=post.obj, kwargs=post.kwargs, default=0), world)
    before = post.fingerprint(world)
    client = client_for(world, actor)
    data = post.data(world)
    if url_routes()[0][post.name].is_api:
        response = client.post(url, data, format="json")
    else:
        response = client.post(url, data)
    expected = post.status_for(actor)
    assert response.status_code == expected, f"POST {url} as {actor}: expected {expected}, got {response.status_code}"
    after = post.fingerprint(world)
    login_redirect = actor == ANON and expected == 302 and post.anonymous_login
    if login_redirect:
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?"), response["Location"]
    if expected in REFUSED or expected == 400 or login_redirect or actor in post.no_effect:
        assert after == before, f"POST {url} as {actor} was refused ({expected}) but changed the object"
    elif post.changes:
        assert after != before, f"POST {url} as {actor} answered {expected} but changed nothing: is the body valid?"


@pytest.mark.parametrize("post", POSTS, ids=lambda post: post.name)
def test_post_matrix(post, world):
    """Each actor's POST on the same world, each rolled back to a savepoint afterwards: every actor
    meets the world as it was built (building it once per route, not once per actor, keeps the
    matrix fast as actors and routes grow)."""
    failures = post_failures(post, ACTORS, world)
    assert not failures, "\n".join(failures)


def post_failures(post, actors, world) -> list[str]:
    """The first line of each actor's failed expectation for ``post``, every actor's POST rolled
    back to a savepoint afterwards."""
    from django.db import transaction

    failures = []
    for actor in actors:
        with transaction.atomic():
            try:
                _post_as(post, actor, world)
            except AssertionError as error:
                failures.append(str(error).split("\n")[0])
            transaction.set_rollback(True)
    return failures
