#!/usr/bin/env python
"""Benchmarks at national scale (``make bench``; not part of ``make test``).

1. A fresh database: a SQLite file in a temporary directory, or, when ``DATABASE_URL`` points at
   PostgreSQL, a new database ``impactportal_bench_<pid>`` on that server (created and dropped here).
2. ``migrate`` and ``seed_demo --size national`` (timed).
3. Server-side time (median, p95 over ``--requests`` requests after one warm-up) and query count
   of every route in ROUTES below, through ``django.test.Client`` (``force_login`` per role); for
   a route with a ``floor``, its hand-written SQL is timed between the page's requests and alone.
   List routes are also requested with a small and a large page size: the query count must be
   the same for both (a difference means queries per row, an N+1). ``deep`` routes are also
   measured on their last page. Heavy operations (OPERATIONS) are timed the same way.
4. A table on stdout and ``bench-results.json`` (machine, database, seed time, rows).

Feature issues add their routes and heavy operations to the two tables below. A route whose URL
name does not resolve (yet) is reported as "not present" and skipped.

    make bench                                   # SQLite, national
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x make bench      # PostgreSQL (db name is ours)
    .venv/bin/python tests/perf/bench.py --size small --requests 5   # quick try-out
"""

import argparse
import gc
import io
import json
import math
import os
import platform
import runpy
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

BROKER = "makelaar-haarlem"
COLLEAGUE = "inkoper-haarlem"
ENTREPRENEUR = "ondernemer-1"
STEERING = "stuurgroep"
ADMIN = "admin"
ANONYMOUS = None


@dataclass
class Route:
    """One measured request. ``names``: candidate URL names, the first that resolves is used.
    ``kwargs``: URL kwargs, or a callable ``(user) -> kwargs`` for detail pages.
    ``list``: also measure page 1 at a small and a large page size (query counts must match).
    ``deep``: also measure the last page. ``repeat``: fewer requests for slow routes.
    ``floor``: ``() -> [(sql, params), …]``, hand-written SQL fetching the same rows (count + page),
    timed in the same process: the table prints the page's median as a multiple of it ("× floor",
    the floor run once after each timed request, as the page's own queries run) and of the same SQL
    repeated alone ("× hot", which PostgreSQL answers faster than any page's queries)."""

    label: str
    user: str | None
    names: tuple
    query: dict = field(default_factory=dict)
    kwargs: object = None
    list: bool = False
    deep: bool = False
    repeat: int | None = None
    floor: object = None


def _first_showcase_enterprise(user):
    from enterprises.models import SHOWCASE, Enterprise

    return {"pk": Enterprise.objects.filter(SHOWCASE).order_by("pk").values_list("pk", flat=True)[0]}


def _first_in_scope(model_path):
    def kwargs(user):
        from django.apps import apps

        from impactportal import access

        model = apps.get_model(model_path)
        return {"pk": access.scope(user, model, access.VIEW).order_by("pk").values_list("pk", flat=True)[0]}

    return kwargs


def _own_enterprise(user):
    from impactportal import access

    return {"pk": sorted(access.enterprise_ids(user))[0]}


def _open_space_request(user):
    from ecosystem.models import SpaceRequest

    return {"pk": SpaceRequest.objects.for_user(user).filter(status="open").order_by("pk")
            .values_list("pk", flat=True)[0]}


def _municipality_pk(slug):
    from impactportal.accounts.models import Organisation

    return Organisation.objects.get(slug=slug).pk


_ENTERPRISE_PAGE = ("SELECT e.*, m.name FROM enterprises_enterprise e JOIN accounts_organisation m "
                    "ON m.id = e.municipality_id WHERE {where} ORDER BY e.name, e.id LIMIT {size}")
_ENTERPRISE_COUNT = "SELECT COUNT(*) FROM enterprises_enterprise e WHERE {where}"
# The folded name and place (``Enterprise.search_text``, already upper-case and without diacritics,
# its own trigram index): the term is folded the same way, so a plain LIKE.
_SEARCH = "(e.search_text LIKE %s OR e.kvk_number = %s)"
_SHOWCASE = "e.is_published AND e.admission_status = 'admitted'"


def _enterprises_floor(where, params=(), size=25):
    def floor():
        values = [v() if callable(v) else v for v in params]
        return [(_ENTERPRISE_COUNT.format(where=where), values),
                (_ENTERPRISE_PAGE.format(where=where, size=size), values)]

    return floor


def _certificates_floor():
    return [("SELECT COUNT(*) FROM enterprises_certification", []),
            ("SELECT c.*, e.name, e.kvk_number FROM enterprises_certification c JOIN enterprises_enterprise e "
             "ON e.id = c.enterprise_id ORDER BY c.valid_until, c.scheme, c.id LIMIT 25", [])]


_HAARLEM = (lambda: _municipality_pk("haarlem"),)
_BAKKERIJ = ("%BAKKERIJ%", "bakkerij")


# --- procurement (social return) --------------------------------------------------------------
def _contract_to_match(user):
    """A contract of the broker's organisation that still owes social return and has a category."""
    from procurement.constants import ContractStatus
    from procurement.models import Contract

    contracts = Contract.objects.for_user(user, "match").filter(
        status__in=[ContractStatus.BEHIND, ContractStatus.ON_TRACK], category__isnull=False)
    return {"pk": contracts.order_by("pk").values_list("pk", flat=True)[0]}


# One location tier of the pool as matching walks it: admitted enterprises offering the category,
# by capacity (the partial indexes' order), ids only; the rows, certificates and offerings of the
# pool are then read by id, as the page does.
_MATCH_TIER = ("SELECT e.id FROM enterprises_enterprise e WHERE e.admission_status = 'admitted' AND {where} "
               "AND EXISTS (SELECT 1 FROM enterprises_offering o WHERE o.enterprise_id = e.id AND o.category_id = %s) "
               "ORDER BY e.disadvantaged_count DESC NULLS LAST, e.headcount DESC NULLS LAST, e.id LIMIT {size}")
_MATCH_ROWS = ("SELECT e.id, e.name, e.municipality_id, e.headcount, e.disadvantaged_count, e.admission_status "
               "FROM enterprises_enterprise e WHERE e.id IN ({ids})")
_MATCH_CERTIFICATES = ("SELECT c.enterprise_id, c.scheme, c.valid_until, c.issued_on, c.number, c.status, c.verified_at, "
                       "c.id FROM enterprises_certification c WHERE c.enterprise_id IN ({ids})")
_MATCH_OFFERINGS = "SELECT o.enterprise_id, o.category_id FROM enterprises_offering o WHERE o.enterprise_id IN ({ids})"
_CONTRACT_COUNT = "SELECT COUNT(*) FROM procurement_contract c WHERE c.organisation_id = %s"
_CONTRACT_PAGE = ("SELECT c.*, o.name, r.name FROM procurement_contract c JOIN accounts_organisation o "
                  "ON o.id = c.organisation_id JOIN procurement_ruleset r ON r.id = c.rule_set_id "
                  "WHERE c.organisation_id = %s ORDER BY c.award_date DESC, c.id DESC LIMIT 25")
_FIGURES = ("SELECT {year}, SUM(obligation), SUM(realised), SUM(CASE WHEN status = 'behind' THEN 1 ELSE 0 END) "
            "FROM procurement_contract WHERE organisation_id = %s GROUP BY 1 ORDER BY 1")


def _matching_floor(limit=None):
    """The candidate pool as matching must at least read it: the location tiers nearest first
    (the contract's municipality, the rest of its region, elsewhere), each walked by capacity until
    the pool (``limit`` × the pool factor) is full, then the pool's rows, certificates and
    offerings by id. The tiers' sizes are found once here, untimed, so the timed floor reads
    exactly the page's rows. The page ranks the largest pool (it pages through ``MAX_LIMIT``
    matches), the API the pool of the limit it is asked for. On PostgreSQL without parallel
    workers, as the page walks (``impactportal.db.walks``)."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from impactportal.accounts.models import Organisation
    from procurement.models import Contract
    from procurement.services_matching import MAX_LIMIT, POOL_FACTOR

    user = get_user_model().objects.get(username=BROKER)
    contract = Contract.objects.get(pk=_contract_to_match(user)["pk"])
    own, category = contract.organisation_id, contract.category_id
    region = sorted(set(Organisation.objects.filter(regions__members=own).values_list("pk", flat=True)) - {own})
    nearest = [own, *region]
    tiers = [("e.municipality_id = %s", [own])]
    if region:
        tiers.append((f"e.municipality_id IN ({', '.join(['%s'] * len(region))})", region))
    tiers.append((f"e.municipality_id NOT IN ({', '.join(['%s'] * len(nearest))})", nearest))
    queries, pool, left = [], [], (limit or MAX_LIMIT) * POOL_FACTOR
    for where, params in tiers:
        if left <= 0:
            break
        query = (_MATCH_TIER.format(where=where, size=left), [*params, category])
        with connection.cursor() as cursor:
            cursor.execute(*query)
            found = [row[0] for row in cursor.fetchall()]
        queries.append(query)
        pool += found
        left -= len(found)
    ids = ", ".join(str(pk) for pk in pool) or "NULL"
    queries += [(_MATCH_ROWS.format(ids=ids), []), (_MATCH_CERTIFICATES.format(ids=ids), []),
                (_MATCH_OFFERINGS.format(ids=ids), [])]
    if connection.vendor == "postgresql":
        queries = [("SET max_parallel_workers_per_gather = 0", []), *queries,
                   ("RESET max_parallel_workers_per_gather", [])]
    return queries


def _contracts_floor():
    haarlem = [_municipality_pk("haarlem")]
    return [(_CONTRACT_COUNT, haarlem), (_CONTRACT_PAGE, haarlem)]


def _figures_floor():
    """Obligations vs realised and contracts behind, per year, for the broker's organisation."""
    from django.db import connection

    year = "strftime('%%Y', award_date)" if connection.vendor == "sqlite" else "EXTRACT(YEAR FROM award_date)"
    return [(_FIGURES.format(year=year), [_municipality_pk("haarlem")])]


# --- financing: outcome contracts ---------------------------------------------------------------
def _outcome_contract_with_most_claims(user):
    from django.db.models import Count

    from financing.models import OutcomeContract

    contracts = OutcomeContract.objects.for_user(user).annotate(n=Count("claims")).order_by("-n", "pk")
    return {"pk": contracts.values_list("pk", flat=True)[0]}


BARE_ANONYMOUS, BARE_SIGNED_IN = "bare view (anonymous)", "bare view (signed in)"


def add_framework_floor(rows) -> None:
    """Each list with a SQL floor also as a multiple of the bare view (same user kind) plus that
    floor: the least any Django page fetching the same rows could cost here ("x_bare_floor")."""
    bare = {row["route"]: row["median_ms"] for row in rows if row.get("present") and "median_ms" in row}
    for row in rows:
        reference = bare.get(BARE_ANONYMOUS if row.get("user") == "anonymous" else BARE_SIGNED_IN)
        if "floor_ms" in row and reference is not None:
            row["bare_floor_ms"] = round(reference + row["floor_ms"], 2)
            row["x_bare_floor"] = round(row["median_ms"] / max(row["bare_floor_ms"], 0.01), 1)


# --- what is measured; feature issues add theirs -------------------------------------------------
ROUTES = [
    # What any request costs before a page does anything: the whole middleware stack (session,
    # user, language, security headers, audit context) and an empty view. "× bare+floor" below
    # divides a list's median by this plus its SQL floor.
    Route(BARE_ANONYMOUS, ANONYMOUS, ("load-bare",)),
    Route(BARE_SIGNED_IN, BROKER, ("load-bare",)),
    Route("home", ANONYMOUS, ("home",)),
    Route("home (signed in)", BROKER, ("home",)),
    Route("etalage", ANONYMOUS, ("etalage", "enterprises:showcase"), deep=True,
          floor=_enterprises_floor(_SHOWCASE, size=24)),
    Route("etalage: search", ANONYMOUS, ("etalage", "enterprises:showcase"), query={"q": "fiets"}),
    Route("etalage: filter", ANONYMOUS, ("etalage", "enterprises:showcase"), query={"municipality": "haarlem"},
          floor=_enterprises_floor(f"{_SHOWCASE} AND e.municipality_id = %s", _HAARLEM, size=24)),
    Route("etalage: detail", ANONYMOUS, ("enterprises:showcase-detail", "enterprises:public-detail"),
          kwargs=_first_showcase_enterprise),
    Route("register", BROKER, ("enterprises:register",), list=True, deep=True,  # opens on Haarlem
          floor=_enterprises_floor("e.municipality_id = %s", _HAARLEM)),
    Route("register: all municipalities", BROKER, ("enterprises:register",), query={"municipality": ""},
          floor=_enterprises_floor("1 = 1")),
    Route("register: search", BROKER, ("enterprises:register",), query={"q": "bakkerij", "municipality": ""},
          floor=_enterprises_floor(_SEARCH, _BAKKERIJ)),
    Route("register: filter", BROKER, ("enterprises:register",), query={"admission_status": "admitted"}),
    Route("register: CSV export", BROKER, ("enterprises:register",), query={"_export": "csv"}, repeat=1),
    Route("register: detail", BROKER, ("enterprises:detail",), kwargs=_first_in_scope("enterprises.Enterprise")),
    Route("certificates", BROKER, ("enterprises:certification-list",), list=True, floor=_certificates_floor),
    Route("contact moments", BROKER, ("enterprises:contact-list",), list=True),
    Route("broker teams", BROKER, ("brokers:team-list",), list=True),
    Route("budget lines", BROKER, ("brokers:budget-list",), list=True),
    Route("helpdesk inbox", BROKER, ("helpdesk:inbox",), list=True),
    Route("helpdesk inbox (colleague)", COLLEAGUE, ("helpdesk:inbox",), list=True),
    Route("helpdesk case", BROKER, ("helpdesk:case-detail",), kwargs=_first_in_scope("brokers.Case")),
    Route("knowledge base", ANONYMOUS, ("helpdesk:instrument-list",)),
    Route("my enterprise", ENTREPRENEUR, ("enterprises:mine-detail",), kwargs=_own_enterprise),
    Route("my questions", ENTREPRENEUR, ("helpdesk:my-cases",)),
    Route("dashboard broker", BROKER, ("dashboard",)),
    Route("dashboard colleague", COLLEAGUE, ("dashboard",)),
    Route("dashboard entrepreneur", ENTREPRENEUR, ("dashboard",)),
    Route("dashboard steering", STEERING, ("dashboard",)),
    Route("dashboard admin", ADMIN, ("dashboard",)),
    Route("API enterprises", BROKER, ("enterprise-list",), list=True, deep=True,
          floor=_enterprises_floor("1 = 1", size=50)),
    Route("API enterprises: filter", BROKER, ("enterprise-list",),
          query={"admission_status": "admitted", "municipality": "haarlem"}),
    Route("API enterprises: search", BROKER, ("enterprise-list",), query={"q": "bakkerij"},
          floor=_enterprises_floor(_SEARCH, _BAKKERIJ, size=50)),
    Route("API enterprises (anonymous)", ANONYMOUS, ("enterprise-list",), list=True),
    Route("API broker-teams", BROKER, ("brokerteam-list",), list=True),
    Route("API certifications", BROKER, ("certification-list",), list=True),
    Route("API contact moments", BROKER, ("contactmoment-list",), list=True),
    Route("API helpdesk cases", BROKER, ("helpdesk-case-list",), list=True),
    Route("API knowledge instruments", ANONYMOUS, ("knowledge-instrument-list",), list=True),
    # Procurement: matching one contract (target < 300 ms), the contract list, the figures.
    Route("procurement: matching one contract", BROKER, ("procurement:contract-matches",),
          kwargs=_contract_to_match, floor=_matching_floor),
    Route("API procurement: matches", BROKER, ("procurement-contracts-matches", "procurement-contract-matches"),
          kwargs=_contract_to_match, query={"limit": 20}, floor=lambda: _matching_floor(20)),
    Route("procurement: contracts", BROKER, ("procurement:contract-list",), list=True, deep=True,
          floor=_contracts_floor),
    Route("procurement: figures", BROKER, ("procurement:figures",), floor=_figures_floor),
    Route("procurement: match-making meetings", BROKER, ("procurement:meeting-list",), list=True),
    # --- staff of an organisation (its functional administrator: makelaar-haarlem) ---
    Route("staff members", BROKER, ("staff:member-list",), list=True),
    # --- financing: outcome contracts ---
    Route("financing: outcome contracts", BROKER, ("financing:outcome-contract-list",), list=True, deep=True),
    Route("API financing: outcome contracts", BROKER, ("financing-outcome-contracts-list",), list=True),
    Route("financing: outcome statement", BROKER, ("financing:outcome-contract-statement",),
          kwargs=_outcome_contract_with_most_claims),
    # --- ecosystem: map, coalitions, real estate (issue 12) ---
    Route("ecosystem: map page", BROKER, ("ecosystem:map-detail",), kwargs=_first_in_scope("ecosystem.EcosystemMap")),
    Route("ecosystem: properties", ANONYMOUS, ("ecosystem:property-list",), list=True),
    Route("ecosystem: property matching (page)", BROKER, ("ecosystem:space-request-detail",),
          kwargs=_open_space_request),
    Route("API ecosystem: matches", BROKER, ("ecosystem-space-request-matches",), kwargs=_open_space_request),
    Route("API ecosystem: properties", BROKER, ("ecosystem-property-list",), list=True),
    # --- brokers: toolbox, actions, spending (issue 13) ---
    Route("toolbox overview (13 modules, linked data)", BROKER, ("brokers:toolbox",)),
    Route("toolbox module 3 (register linked)", BROKER, ("brokers:toolbox-module",), kwargs={"number": 3}),
    Route("API toolbox modules", ANONYMOUS, ("toolbox-module-list",)),
    Route("API toolbox answers", BROKER, ("toolbox-answer-list",), list=True),
    Route("action agenda: actions", BROKER, ("brokers:action-list",), list=True),
    # The link picker's results, asked on every keystroke: enterprises by part of the name, the
    # broker's own municipality first, at most 20 (+1 to know there are more).
    Route("link picker: enterprises by name", BROKER, ("brokers:link-search",),
          query={"link_model": "enterprises.enterprise", "link_search": "bakkerij"}),
    Route("API actions", BROKER, ("brokers-action-list",), list=True),
    Route("budget overview", BROKER, ("brokers:budget-overview",)),
    Route("API spending", BROKER, ("brokers-spending-list",), list=True),
    # --- monitoring: indicators, snapshots, reports (issue 14) ---
    Route("monitoring: dashboard", BROKER, ("monitoring:dashboard",)),
    Route("monitoring: reports", BROKER, ("monitoring:report-list",)),
    Route("API monitoring: indicators", BROKER, ("monitoring-indicator-list",)),
    Route("API monitoring: snapshots of Haarlem", BROKER, ("monitoring-snapshot-list",),
          query={"organisation": "haarlem"}),
]

# Heavy operations: (label, "module:function", repeat). The function gets a dict of the demo users
# by username and is timed with its queries counted; an import error reports "not present".
OPERATIONS: list[tuple[str, str, int]] = [
    # --- ecosystem (issue 12) ---
    ("ecosystem: match 20 open space requests", "ecosystem.benchmarks:match_open_requests", 3),
    # --- brokers (issue 13) ---
    ("toolbox PDF, all modules (Haarlem)", "brokers.toolbox.bench:print_all_modules", 2),
    ("indicator brokers.toolbox_progress (all organisations)", "brokers.toolbox.bench:indicator_toolbox_progress", 3),
    # --- monitoring (issue 14) ---
    # Peak memory of the two reports is printed beside them (monitoring.benchmarks.PEAKS).
    ("monitoring: all monthly snapshots", "monitoring.benchmarks:all_monthly_snapshots", 1),
    ("monitoring: annual report of the largest organisation (PDF)",
     "monitoring.benchmarks:annual_report_largest_organisation", 1),
    ("monitoring: programme report (PDF)", "monitoring.benchmarks:programme_report", 1),
]

SMALL_PAGE, LARGE_PAGE = 10, 100
API_LARGE_PAGE = 200


# --- database ----------------------------------------------------------------------------------
class Database:
    """A throw-away database: SQLite file in a temp dir, or a PostgreSQL database of our own."""

    def __init__(self, workdir, reuse=None):
        self.url = os.environ.get("DATABASE_URL", "")
        self.workdir = workdir
        self.pg_admin_url = None
        self.name = None
        self.reuse = reuse  # a PostgreSQL database kept between runs (--reuse): seeded once, never dropped
        self.reused = False

    def create(self):
        if self.url.startswith(("postgres://", "postgresql://")):
            import psycopg

            parts = urlsplit(self.url)
            self.name = self.reuse or f"impactportal_bench_{os.getpid()}"
            self.pg_admin_url = urlunsplit(parts._replace(path="/postgres"))
            with psycopg.connect(self.pg_admin_url, autocommit=True) as conn:
                exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name]).fetchone()
                if self.reuse and exists:
                    self.reused = True
                else:
                    conn.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
                    conn.execute(f'CREATE DATABASE "{self.name}"')
            os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{self.name}"))
        else:
            self.name = str(Path(self.workdir) / "bench.sqlite3")
            os.environ["DATABASE_URL"] = f"sqlite:///{self.name}"
        return self.name

    def drop(self):
        if self.pg_admin_url and not self.reuse:
            import psycopg
            from django.db import connections

            connections.close_all()
            with psycopg.connect(self.pg_admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def _environment(workdir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "impactportal.settings"
    os.environ["DJANGO_TESTING"] = "true"
    os.environ["DJANGO_DEBUG"] = "false"  # measure what production renders
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "false"
    os.environ["AXES_ENABLED"] = "false"
    os.environ["RATELIMIT_ENABLE"] = "false"
    os.environ["PORTAL_2FA_REQUIRED"] = "off"  # signed-in pages without a TOTP code, as before
    # Each role signs in once before the routes; a role whose next route comes more than an hour
    # later (a long --requests run) must not meet the login page. No idle limit: no session writes.
    os.environ["SESSION_IDLE_TIMEOUT"] = "0"
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"
    os.environ["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["DJANGO_MEDIA_ROOT"] = str(Path(workdir) / "media")
    os.environ["DJANGO_LOAD_BARE_VIEW"] = "true"  # the framework's floor: the empty view, as `make load` has it
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL"):
        os.environ.pop(name, None)  # eager tasks, local cache: measure the portal, not the broker


# --- machine -------------------------------------------------------------------------------------
def machine_info():
    from django import get_version
    from django.db import connection

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("select sqlite_version()")
        db_version = cursor.fetchone()[0]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": get_version(),
        "db_vendor": connection.vendor,
        "db_version": db_version,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


# --- measuring -----------------------------------------------------------------------------------
def percentile(values, q):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


class Worker:
    """What gunicorn.conf.py's ``post_worker_init`` is given: a worker whose ``run`` is its loop."""

    loop = None

    def run(self):
        return self.loop()


# Django's own Template._render, kept before setup_test_environment() instruments it (main).
PLAIN_RENDER = None


def measure(call, repeat, floor=None, warm=True):
    """Run ``call`` once to warm up, then ``repeat`` times timed, then (``warm``) once more to count
    a warm request's queries; (status, median ms, p95 ms, queries of the first request and of the
    warm one).
    The timed requests render as a server does: the test environment's instrumentation (a signal
    per template and include, each context copied for ``response.context``) serves the warm-up
    request only, whose response gives the paginator (``_num_pages``).

    ``floor``: the route's hand-written SQL, also run once after each timed request ("floor_ms",
    its median). Run so, the floor's queries meet the database as the page's own do: after the
    Python work of a request, not straight after the same statement (``measure_floor``'s loop, in
    which PostgreSQL runs a 100,000-row count in about half the time it takes after 10 ms of other
    work; see the README)."""
    from django.db import connection
    from django.template.base import Template
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = call()
    queries = len(ctx.captured_queries)
    timings, floors = [], []
    instrumented, Template._render = Template._render, PLAIN_RENDER or Template._render
    try:
        for _ in range(repeat):
            started = time.perf_counter()
            call()
            timings.append((time.perf_counter() - started) * 1000)
            if floor is not None:
                floors.append(run_floor(floor))
        # The queries of a warm request (caches filled), untimed: a dashboard answers most of its
        # tiles from the cache, so its first request's count says little about the usual one.
        if warm:
            with CaptureQueriesContext(connection) as warm_queries:
                call()
    finally:
        Template._render = instrumented
    status = getattr(response, "status_code", None)
    result = {
        "status": status,
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "queries": queries,
    }
    if warm:
        result["queries_warm"] = len(warm_queries.captured_queries)
    if floors:
        result["floor_ms"] = round(statistics.median(floors), 2)
    return response, result


def measure_floor(statements, repeat):
    """Median ms of hand-written SQL for the same rows as a page (count + page): what the page
    would cost if Django, the access module, filters and templates added nothing."""
    run_floor(statements)
    return round(statistics.median(run_floor(statements) for _ in range(repeat)), 2)


def run_floor(statements):
    """ms to run the floor's statements once."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            if cursor.description is not None:  # a SET has no rows
                cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def _resolve(names, kwargs):
    from django.urls import NoReverseMatch, reverse

    for name in names:
        try:
            return name, reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    return None, None


def _num_pages(response, page_size):
    """Number of pages of a list response: DRF ``count`` or the paginator in the context."""
    if response.get("Content-Type", "").startswith("application/json"):
        count = response.json().get("count")
        return max(1, math.ceil(count / page_size)) if count is not None else None
    for context in response.context or []:
        for key in ("table", "page_obj", "page", "paginator"):
            obj = context.get(key) if hasattr(context, "get") else None
            paginator = getattr(obj, "paginator", obj if key == "paginator" else None)
            if paginator is not None and hasattr(paginator, "num_pages"):
                return paginator.num_pages
    return None


def run_routes(clients, users, repeat, log):
    rows = []
    for route in ROUTES:
        user = users.get(route.user) if route.user else None
        try:
            kwargs = route.kwargs(user) if callable(route.kwargs) else route.kwargs
        except Exception as exc:  # noqa: BLE001 - no object to show: report, do not stop the run
            log(f"  {route.label}: no object ({exc.__class__.__name__})")
            rows.append({"route": route.label, "user": route.user, "present": False, "note": "no object"})
            continue
        name, path = _resolve(route.names, kwargs)
        if path is None:
            log(f"  {route.label}: not present ({' / '.join(route.names)})")
            rows.append({"route": route.label, "user": route.user, "present": False, "note": "not present"})
            continue
        client = clients[route.user]
        is_api = path.startswith("/api/")
        size_param = "page_size" if is_api else "per_page"

        def get(extra=None, _path=path, _query=route.query, _client=client):
            query = {**_query, **(extra or {})}
            return _client.get(_path + ("?" + urlencode(query) if query else ""))

        n = route.repeat or repeat
        floor = route.floor() if route.floor is not None else None
        response, result = measure(get, n, floor)
        row = {"route": route.label, "user": route.user or "anonymous", "url_name": name,
               "url": path + ("?" + urlencode(route.query) if route.query else ""), "present": True,
               "requests": n, **result}
        if result["status"] != 200:
            row["note"] = f"HTTP {result['status']}"
        if route.list:
            large_size = API_LARGE_PAGE if is_api else LARGE_PAGE
            _, small = measure(lambda p=size_param: get({p: SMALL_PAGE}), 1, warm=False)
            _, large = measure(lambda p=size_param, n=large_size: get({p: n}), 1, warm=False)
            row["queries_small_page"] = small["queries"]
            row["queries_large_page"] = large["queries"]
            row["page_sizes"] = [SMALL_PAGE, large_size]
            if small["queries"] != large["queries"]:
                row["note"] = (row.get("note", "") + " N+1: queries grow with page size").strip()
        if floor is not None:
            row["x_floor"] = round(row["median_ms"] / max(row["floor_ms"], 0.01), 1)
            row["floor_hot_ms"] = measure_floor(floor, n)
            row["x_floor_hot"] = round(row["median_ms"] / max(row["floor_hot_ms"], 0.01), 1)
        rows.append(row)
        log(f"  {route.label}: {row['median_ms']} ms, {row['queries']} queries"
            + (f", {row['x_floor']}× its SQL floor ({row['floor_ms']} ms; {row['x_floor_hot']}× the floor "
               f"repeated alone, {row['floor_hot_ms']} ms)" if "x_floor" in row else ""))
        if route.deep and result["status"] == 200:
            pages = _num_pages(response, 50)  # 50: the API's default page size; HTML uses its paginator
            if pages and pages > 1:
                _, deep = measure(lambda p=pages: get({"page": p}), n)
                deep_row = {"route": f"{route.label}: last page ({pages:,})", "user": route.user or "anonymous",
                            "url_name": name, "url": f"{path}?page={pages}", "present": True, "requests": n, **deep}
                if deep["status"] != 200:
                    deep_row["note"] = f"HTTP {deep['status']}"
                rows.append(deep_row)
                log(f"  {deep_row['route']}: {deep['median_ms']} ms, {deep['queries']} queries")
    return rows


def run_operations(users, log):
    from importlib import import_module

    rows = []
    for label, target, repeat in OPERATIONS:
        module_name, _, func_name = target.partition(":")
        try:
            func = getattr(import_module(module_name), func_name)
        except (ImportError, AttributeError):
            log(f"  {label}: not present ({target})")
            rows.append({"route": label, "present": False, "note": "not present", "operation": target})
            continue
        _, result = measure(lambda f=func: f(users), repeat, warm=False)
        result.pop("status", None)
        rows.append({"route": label, "operation": target, "present": True, "requests": repeat, **result})
        log(f"  {label}: {result['median_ms']} ms, {result['queries']} queries")
    return rows


def seed(size, log):
    from django.core.management import call_command

    out = io.StringIO()
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrate_s = time.perf_counter() - started
    log(f"migrate: {migrate_s:.1f}s; seed_demo --size {size} …")
    started = time.perf_counter()
    call_command("seed_demo", size=size, allow_demo_users=True, stdout=out)  # a throwaway database, DEBUG off
    seed_s = time.perf_counter() - started
    log(f"seed_demo --size {size}: {seed_s:.1f}s")
    steps = [line.strip() for line in out.getvalue().splitlines() if line.strip().endswith("s") and ": " in line]
    return {"migrate_s": round(migrate_s, 1), "seed_s": round(seed_s, 1), "seed_steps": steps}


def row_counts():
    from django.apps import apps

    counts = {}
    for label in ("enterprises", "brokers", "accounts", "ecosystem", "procurement", "financing", "monitoring"):
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            count = model._default_manager.count()
            if count:
                counts[f"{label}.{model.__name__}"] = count
    return counts


def print_table(results):
    machine = results["machine"]
    print()
    print(f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory']}; Python {machine['python']}, "
          f"Django {machine['django']}, {machine['db_vendor']} {machine['db_version']}")
    seeded = results["seed"]
    how = (f"reused database {seeded['reused']}" if "reused" in seeded else
           f"seed_demo --size {results['size']}: {seeded['seed_s']}s (migrate {seeded['migrate_s']}s)")
    print(f"{how}; enterprises: {results['counts'].get('enterprises.Enterprise', 0):,}")
    header = (f"{'route':44} {'user':18} {'median ms':>9} {'p95 ms':>8} {'queries':>7} {'warm':>5} {'q small/large page':>18}"
              f" {'× floor':>8} {'× hot':>6} {'× bare+floor':>12}  note")
    print(header)
    print("-" * len(header))
    for row in results["rows"]:
        if not row.get("present"):
            print(f"{row['route']:44} {str(row.get('user') or ''):18} {'':>9} {'':>8} {'':>7} {'':>5} {'':>18} {'':>8} "
                  f"{'':>6} {'':>12}  {row['note']}")
            continue
        pages = (f"{row['queries_small_page']}/{row['queries_large_page']}" if "queries_small_page" in row else "")
        print(f"{row['route']:44} {str(row.get('user') or '-'):18} {row['median_ms']:>9} {row['p95_ms']:>8} "
              f"{row['queries']:>7} {row.get('queries_warm', ''):>5} {pages:>18} {row.get('x_floor', ''):>8} {row.get('x_floor_hot', ''):>6} "
              f"{row.get('x_bare_floor', ''):>12}  {row.get('note', '')}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default=os.environ.get("BENCH_SIZE", "national"), choices=["small", "national"])
    parser.add_argument("--requests", type=int, default=int(os.environ.get("BENCH_REQUESTS", "20")))
    parser.add_argument("--output", default=os.environ.get("BENCH_OUTPUT", str(ROOT / "bench-results.json")))
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    parser.add_argument("--reuse", metavar="NAME", help="PostgreSQL only: seed database NAME once and keep it, "
                        "later runs measure it again without seeding (for iterating on one route)")
    parser.add_argument("--only", metavar="TEXT", help="measure only routes and operations whose label contains TEXT "
                        "(and the two bare views, the framework's floor)")
    args = parser.parse_args()

    def log(message):
        print(message, file=sys.stderr, flush=True)

    status = 0
    workdir = tempfile.mkdtemp(prefix="impactportal-bench-")
    _environment(workdir)
    database = Database(workdir, reuse=args.reuse)
    where = database.create()
    log(f"{'reused' if database.reused else 'fresh'} database: {where}")
    try:
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client
        from django.test.utils import setup_test_environment

        global PLAIN_RENDER
        from django.template.base import Template

        PLAIN_RENDER = Template._render
        setup_test_environment()  # 'testserver' host, response.context for the paginator

        if args.only:
            ROUTES[:] = [r for r in ROUTES if args.only.lower() in r.label.lower()
                         or r.label in (BARE_ANONYMOUS, BARE_SIGNED_IN)]
            OPERATIONS[:] = [o for o in OPERATIONS if args.only.lower() in o[0].lower()]
        if database.reused:
            from django.core.management import call_command

            call_command("migrate", interactive=False, verbosity=0)  # the code may have new migrations
            seeded = {"reused": where}
        else:
            seeded = seed(args.size, log)
        # Pages are measured as a gunicorn worker serves them (gunicorn.conf.py): what it imported
        # moved out of the collector's reach, its garbage-collection threshold, and inside the large
        # frame its request loop runs in (no frame memory mapped per call).
        worker = Worker()
        runpy.run_path(str(ROOT / "gunicorn.conf.py"))["post_worker_init"](worker=worker)
        users = {u.username: u for u in get_user_model().objects.filter(
            username__in=[BROKER, COLLEAGUE, ENTREPRENEUR, STEERING, ADMIN])}
        # A crashing page is a row with HTTP 500 (and exit status 1), not the end of the run.
        clients = {ANONYMOUS: Client(raise_request_exception=False)}
        for username, user in users.items():
            clients[username] = Client(raise_request_exception=False)
            clients[username].force_login(user, backend="impactportal.accounts.backends.ModelBackend")
        for username in (BROKER, COLLEAGUE, ENTREPRENEUR, STEERING, ADMIN):
            clients.setdefault(username, clients[ANONYMOUS])

        results = {
            "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "size": args.size,
            "requests_per_route": args.requests,
            "machine": machine_info(),
            "gc_threshold": gc.get_threshold(),
            "seed": seeded,
            "counts": row_counts(),
        }
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # What autovacuum does to a table after a bulk insert (on by default in production,
                # off on some test servers): fresh statistics, and the visibility map that lets a
                # COUNT be answered from an index alone. Without it, counting the 57,000 published
                # enterprises read every heap page (50 ms instead of 5 ms).
                cursor.execute("VACUUM ANALYZE")
        log(f"measuring {len(ROUTES)} routes × {args.requests} requests …")
        worker.loop = lambda: run_routes(clients, users, args.requests, log) + run_operations(users, log)
        results["rows"] = worker.run()
        add_framework_floor(results["rows"])
        results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        Path(args.output).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        print_table(results)
        print(f"\nwritten: {args.output}")
        failed = [row["route"] for row in results["rows"] if (row.get("status") or 0) >= 500]
        if failed:
            print("server errors: " + ", ".join(failed), file=sys.stderr)
            status = 1
    finally:
        database.drop()
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
