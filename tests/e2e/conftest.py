"""Browser journeys: Playwright (sync API) driving Debian's Chromium against a live server.

Speed matters more than isolation here, so the set-up differs from pytest-django's
``live_server`` (which flushes every table after each test and would force a re-seed):

* ``django_db_setup`` is overridden for tests/e2e: it creates the test database once and loads
  ``seed_demo --size small`` into it once per session.
* ``e2e_server`` is a session-wide ``LiveServerThread`` (pytest-django's helper, which shares the
  in-memory SQLite connection with the server thread and serves static files from the finders,
  i.e. the NL Design System CSS from node_modules). Nothing is flushed between tests.

Consequence for test authors: the database is shared by all journeys in a session. A journey
that creates data must use fresh, unique names (``unique()``) and must not assume another
journey ran before or after it. Demo users' data may be read, not destroyed.

Fixtures: ``e2e_server`` (``.url``), ``browser`` (session), ``page`` (fresh context per test,
relative URLs work: ``page.goto("/etalage/")``), ``console_errors`` (console errors and uncaught
page errors of ``page``: assert it is empty), ``login_as(username[, password])`` (logs in through
the real login form, starting logged out, and waits for the dashboard), ``url(path)``.
Helpers: ``unique(prefix)``, ``make_user(prefix)`` (a fresh user without roles),
``shoot(page, name)`` (a screenshot into $E2E_SHOTS when set, for visual reviews:
``E2E_SHOTS=/tmp/shots make e2e``). Mail sent by the live server lands in
``django.core.mail.outbox`` (same process). On failure a screenshot and the page HTML are saved
to ``test-artifacts/e2e/<test name>.png/.html`` (the folder is emptied at the start of a run).
"""

import os
import re
import shutil
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test.utils import override_settings

DEMO_PASSWORD = "impactportal-demo"
# username → value of data-dashboard on /dashboard/
DEMO_ROLES = {
    "admin": "admin",
    "makelaar-haarlem": "broker",
    "makelaar-amersfoort": "broker",
    "inkoper-haarlem": "colleague",
    "ondernemer-1": "entrepreneur",
    "ondernemer-2": "entrepreneur",
    "stuurgroep": "steering",
    "partner-haarlem": "partner",
    "sroi-zkij": "sroi_coordinator",
}
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
TIMEOUT_MS = 15_000  # generous: the suite shares two cores with other work

# Settings for the whole e2e session (the per-test overrides of tests/conftest.py still apply):
# plain-http cookies for the live server, a fast password hasher for the seeded demo users,
# no throttling or rate limits, and mail into django.core.mail.outbox.
E2E_SETTINGS = {
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "SESSION_COOKIE_SECURE": False,
    "CSRF_COOKIE_SECURE": False,
    "LANGUAGE_COOKIE_SECURE": False,
    "SECURE_SSL_REDIRECT": False,
    "SECURE_HSTS_SECONDS": 0,
    "AXES_ENABLED": False,
    "RATELIMIT_ENABLE": False,
    "PORTAL_2FA_REQUIRED": "off",  # demo users sign in with their password alone
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}


def unique(prefix="e2e"):
    """A name no other journey (or earlier run in this session) uses."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def settled(page):
    """Wait until the page's requests are done and a live search's keyup delay (400 ms) is past."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(600)


def new_contract(page, title):
    """Record an SROI contract of Gemeente Haarlem titled ``title`` through its form, as a broker
    does; ends on the contract's page."""
    page.goto("/inkoop/contracten/nieuw/")
    page.locator("#id_organisation").select_option(label="Gemeente Haarlem")
    page.locator("#id_title").fill(title)
    page.locator("#id_value").fill("600000")
    page.locator("#id_award_date").fill("2025-01-01")
    page.locator("#id_end_date").fill("2026-12-31")
    page.locator("#id_supplier_name").fill("Schoonmaakbedrijf Kennemerland BV")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/inkoop/contracten/*/")


def make_user(prefix="e2e-user", **fields):
    """A fresh, active user without any role (password DEMO_PASSWORD)."""
    from impactportal.accounts.models import User

    username = unique(prefix)
    fields.setdefault("email", f"{username}@example.org")
    fields.setdefault("email_verified", True)
    user = User.objects.create_user(username=username, password=DEMO_PASSWORD, **fields)
    return user


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker):
    """Create the test database once and load the demo data into it once."""
    from django.test.utils import setup_databases, teardown_databases

    with override_settings(**E2E_SETTINGS), django_db_blocker.unblock():
        db_cfg = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        call_command("seed_demo", "--size", "small", stdout=StringIO())
    yield
    with django_db_blocker.unblock():
        teardown_databases(db_cfg, verbosity=0)


@pytest.fixture(scope="session")
def e2e_server(django_db_setup, django_db_blocker):
    """One live server for the session on the seeded database (never flushed)."""
    from pytest_django.live_server_helper import LiveServer

    with override_settings(**E2E_SETTINGS), django_db_blocker.unblock():
        server = LiveServer("127.0.0.1")
        server._live_server_modified_settings.enable()
        try:
            yield server
        finally:
            server._live_server_modified_settings.disable()
            server.stop()


@pytest.fixture(autouse=True)
def _e2e_db_access(e2e_server, django_db_blocker):
    """Tests may read the database directly (e.g. to check that nothing was saved)."""
    with django_db_blocker.unblock():
        yield


def pytest_collection_modifyitems(config, items):
    """Every test in this folder is a browser test (``-m e2e``), whether its module says so or
    not: one that ran in the main suite started Playwright there, and the session's
    DJANGO_ALLOW_ASYNC_UNSAFE then failed ``check --deploy`` in a later test of that worker."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    # The Playwright sync API runs an event loop in the main thread; Django's ORM refuses to run
    # there unless told it is fine (make e2e sets this too). Only while the browser runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            yield p
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(playwright_instance):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make browser` (apt-get install chromium) or set E2E_CHROMIUM")
    shutil.rmtree(ARTIFACTS, ignore_errors=True)  # artefacts are of this run only
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def url(e2e_server):
    """``url("/etalage/")`` → absolute URL on the live server."""
    return lambda path="/": e2e_server.url + path


@pytest.fixture
def page(browser, e2e_server, request):
    context = browser.new_context(base_url=e2e_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page._e2e_console_errors = errors
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        _save_artifacts(page, request.node.name)
    context.close()


@pytest.fixture
def console_errors(page):
    """Console errors (CSP violations, failed resources, JS exceptions) seen by ``page`` so far."""
    return page._e2e_console_errors


@pytest.fixture
def login_as(page):
    """``login_as("makelaar-haarlem")`` logs in through the login form and lands on the dashboard."""

    def login(username, password=DEMO_PASSWORD):
        page.context.clear_cookies()  # switch users within one journey: start logged out
        page.goto("/accounts/login/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/dashboard/")
        return page

    return login


def shoot(page, name):
    """Full-page screenshot for a visual review when E2E_SHOTS names a folder (e.g. /tmp/shots)."""
    folder = os.environ.get("E2E_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _save_artifacts(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{safe}.png"), full_page=True)
        (ARTIFACTS / f"{safe}.html").write_text(page.content(), encoding="utf-8")
    except Exception as exc:  # noqa: BLE001 - an artefact must never hide the real failure
        print(f"could not save e2e artefacts for {name}: {exc}")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
