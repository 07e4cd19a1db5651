"""Bad input never produces a 500: garbage query strings on every API and UI list, garbage bodies
on every API create (and update of an own object) and every UI create form."""

import json
from collections import Counter

import pytest
from django.urls import NoReverseMatch, reverse
from rest_framework.test import APIClient

from tests.access.conftest import world  # noqa: F401  (the permission-matrix fixture world)
from tests.access.routes import ROUTES
from tests.access.test_matrix import build_url, url_routes

pytestmark = pytest.mark.django_db

NASTY = [
    "abc", "\x00", "-1", "0", "99999999999999999999999", "1e309", "NaN", "9" * 5000, "' OR 1=1 --",
    "<script>alert(1)</script>", "\u202e\ufeff", "2024-13-45", "true", "[]", "{}", "__proto__", " ", "",
]
# Raw query strings: invalid UTF-8, overlong encodings, null bytes, broken escapes, repeated keys.
RAW_QUERIES = [
    "page=abc&year=%00", "page=%FF%FE&q=%C0%AF", "q=%&page=%%", "page=-5&page_size=-1", "page=0&page_size=0",
    "page_size=100000", "ordering=-&sort=--", "ordering=password&sort=organisation__users__password",
    "q=" + "%00" * 100, "page=1&page=2&page=x", "year=2024&year=%E2%82", "_export=xml", "_export=csv&q=%00",
]


def _list_routes(api: bool):
    return sorted(name for name, info in url_routes()[0].items()
                  if info.is_api == api and name.endswith("-list") and not info.params)


def _filter_names(view_cls):
    filterset = getattr(view_cls, "filterset_class", None)
    names = set(filterset.base_filters) if filterset else set()
    return sorted(names | {"page", "page_size", "ordering", "sort", "q", "year", "search"})


def _view_class(name):
    return url_routes()[0][name].view_class


def _clients(world):  # noqa: F811
    clients = {}
    for actor in ("anonymous", "broker_haarlem", "ondernemer_1", "admin"):
        client = APIClient(raise_request_exception=False)  # a 500 is reported, not raised
        if world.actors[actor] is not None:
            client.force_login(world.actors[actor])
        clients[actor] = client
    return clients


# Minimum numbers of routes each loop must exercise: a loop whose route discovery silently breaks
# (a renamed suffix, a changed view attribute) would otherwise pass having sent nothing. Raise them
# when routes are added; lower them only when routes are removed on purpose.
MIN_ROUTES = {"api_lists": 13, "ui_lists": 8, "api_creates": 8, "api_updates": 8, "ui_creates": 5, "object_ids": 60}


def _assert_exercised(tally, key, requests_per_route):
    routes, sent = tally["routes"], tally["requests"]
    assert routes >= MIN_ROUTES[key], f"{key}: only {routes} routes exercised (expected at least {MIN_ROUTES[key]})"
    assert sent >= routes * requests_per_route, f"{key}: only {sent} requests for {routes} routes"


def _get_failures(clients, url, filters, tally):
    failures = []
    tally["routes"] += 1
    for actor, client in clients.items():
        requests = [dict.fromkeys(filters, value) for value in NASTY]
        for params in requests:
            status = client.get(url, params).status_code
            tally["requests"] += 1
            if status >= 500:
                failures.append(f"GET {url} {params!r:.120} as {actor}: {status}")
        for raw in RAW_QUERIES:
            status = client.get(url, QUERY_STRING=raw).status_code
            tally["requests"] += 1
            if status >= 500:
                failures.append(f"GET {url}?{raw} as {actor}: {status}")
    return failures


def test_api_lists_survive_garbage_queries(world):  # noqa: F811
    clients = _clients(world)
    failures = []
    tally = Counter()
    names = _list_routes(api=True)
    assert names
    for name in names:
        failures += _get_failures(clients, reverse(name), _filter_names(_view_class(name)), tally)
    _assert_exercised(tally, "api_lists", len(clients) * (len(NASTY) + len(RAW_QUERIES)))
    assert not failures, "\n".join(failures)


def test_ui_lists_survive_garbage_queries(world):  # noqa: F811
    clients = _clients(world)
    failures = []
    tally = Counter()
    names = _list_routes(api=False)
    assert names
    for name in names:
        failures += _get_failures(clients, reverse(name), _filter_names(_view_class(name)), tally)
    _assert_exercised(tally, "ui_lists", len(clients) * (len(NASTY) + len(RAW_QUERIES)))
    assert not failures, "\n".join(failures)


def _deep(depth):
    value = "x"
    for _ in range(depth):
        value = {"a": [value]}
    return value


def _garbage_bodies(fields):
    per_field = [
        None, "", "\x00", "x" * 100_000, -1, 10**30, 1.5, True, [], [[1, 2]], {"a": {"b": None}}, "2024-02-30",
        "not-a-slug !", "<script>alert(1)</script>", "\ud800",
    ]
    bodies = [dict.fromkeys(fields, value) for value in per_field]
    bodies += [{field: _deep(50) for field in fields}, [], [1, 2, 3], "string", 42, None, {"unknown": 1}]
    return bodies


RAW_BODIES = [
    ("application/json", b"{"), ("application/json", b"\xff\xfe\x00"), ("application/json", b"[" * 10_000),
    ("application/json", b'{"a": [' * 5000 + b"1" + b"]}" * 5000), ("application/json", b'{"a": NaN, "b": Infinity}'),
    ("application/x-www-form-urlencoded", b"name=%FF%00&year=%%"), ("text/plain", b"hallo"),
    ("multipart/form-data; boundary=x", b"--x\r\nbroken"), ("application/xml", b"<a/>"),
]


def _write_failures(client, method, url, fields, actor, tally):
    failures = []
    call = getattr(client, method)
    for body in _garbage_bodies(fields):
        try:
            status = call(url, body, format="json").status_code
        except (ValueError, UnicodeEncodeError):
            continue  # the test client cannot even encode it (lone surrogate)
        tally["requests"] += 1
        if status >= 500:
            failures.append(f"{method.upper()} {url} {json.dumps(body)[:100]} as {actor}: {status}")
    for content_type, raw in RAW_BODIES:
        status = call(url, raw, content_type=content_type).status_code
        tally["requests"] += 1
        if status >= 500:
            failures.append(f"{method.upper()} {url} raw {content_type} {raw[:40]!r} as {actor}: {status}")
    return failures


def _serializer_fields(view_cls):
    serializer = view_cls.serializer_class
    return sorted(getattr(serializer.Meta, "fields", None) or ["name"]) if hasattr(serializer, "Meta") else ["name"]


def test_api_creates_survive_garbage_bodies(world):  # noqa: F811
    clients = _clients(world)
    failures = []
    tally = Counter()
    for name in _list_routes(api=True):
        info = url_routes()[0][name]
        if "post" not in getattr(info.callback, "actions", {}):
            continue
        tally["routes"] += 1
        fields = _serializer_fields(info.view_class)
        for actor in ("broker_haarlem", "ondernemer_1", "admin"):
            failures += _write_failures(clients[actor], "post", reverse(name), fields, actor, tally)
    _assert_exercised(tally, "api_creates", 3 * len(RAW_BODIES))
    assert not failures, "\n".join(failures)


def test_api_updates_survive_garbage_bodies(world):  # noqa: F811
    """PATCH/PUT garbage onto objects the actor may change (declared 200 for broker_haarlem)."""
    clients = _clients(world)
    failures = []
    tally = Counter()
    for route in ROUTES:
        info = url_routes()[0].get(route.name)
        if not (info and info.is_api and route.obj and route.name.endswith("-detail")):
            continue
        actions = set(getattr(info.callback, "actions", {}))
        if "patch" not in actions or route.status_for("broker_haarlem") != 200:
            continue
        tally["routes"] += 1
        url = build_url(route, world)
        fields = _serializer_fields(info.view_class)
        failures += _write_failures(clients["broker_haarlem"], "patch", url, fields, "broker_haarlem", tally)
        failures += _write_failures(clients["broker_haarlem"], "put", url, fields, "broker_haarlem", tally)
    _assert_exercised(tally, "api_updates", 2 * len(RAW_BODIES))
    assert not failures, "\n".join(failures)


def test_ui_create_forms_survive_garbage(world):  # noqa: F811
    client = _clients(world)["broker_haarlem"]
    failures = []
    names = sorted(n for n, info in url_routes()[0].items()
                   if not info.is_api and n.endswith("-create") and not info.params)
    tally = Counter()
    for name in names:
        tally["routes"] += 1
        url = reverse(name)
        form = client.get(url).context
        fields = list(form["form"].fields) if form and "form" in form else ["name"]
        for value in ["\x00", "x" * 100_000, "-1", "99999999999999999999", "abc", "2024-02-30", ""]:
            status = client.post(url, dict.fromkeys(fields, value)).status_code
            tally["requests"] += 1
            if status >= 500:
                failures.append(f"POST {url} {value[:20]!r} -> {status}")
        status = client.post(url, b"name=%FF%00&year=%%", content_type="application/x-www-form-urlencoded").status_code
        tally["requests"] += 1
        if status >= 500:
            failures.append(f"POST {url} raw -> {status}")
    _assert_exercised(tally, "ui_creates", 8)
    assert not failures, "\n".join(failures)


def test_garbage_object_ids_are_not_500(world):  # noqa: F811
    """Detail, update and delete URLs with ids that cannot exist (too big for the database, not a
    number) answer 404 (or a redirect to the login page), never 500."""
    clients = _clients(world)
    failures = []
    tally = Counter()
    for name, info in url_routes()[0].items():
        if not info.params:
            continue
        tally["routes"] += 1
        for value in ("99999999999999999999999", "0", "abc", "%00", "-1"):
            try:
                url = reverse(name, kwargs=dict.fromkeys(info.params, value))
            except NoReverseMatch:  # the converter refuses it: nothing to request
                continue
            for actor in ("anonymous", "broker_haarlem", "admin"):
                status = clients[actor].get(url).status_code
                tally["requests"] += 1
                if status >= 500:
                    failures.append(f"GET {url} as {actor}: {status}")
    # At least two of the five values reverse for every route (an int converter takes "0" and the
    # huge number), each sent as three actors.
    _assert_exercised(tally, "object_ids", 2 * 3)
    assert not failures, "\n".join(failures)
