import copy

import pytest
from rest_framework.test import APIClient

from tests import factories as f
from tests.clamd import clamav, clamav_down, clamav_unix  # noqa: F401  (fixtures: a fake clamd)
from tests.held import TEST_SETTINGS


def pytest_collection_modifyitems(config, items):
    """``@pytest.mark.postgres`` tests (row locks, concurrent transactions) need PostgreSQL: on
    SQLite they are skipped with a reason; .ci/run runs them in its PostgreSQL pass."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL); run by .ci/run")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    from django.core.cache import cache

    from impactportal.ui.cache import forget_versions
    from impactportal.ui.navigation import forget_menus

    settings.MEDIA_ROOT = tmp_path / "media"
    for name, value in TEST_SETTINGS.items():
        setattr(settings, name, copy.copy(value))  # a test that changes a list changes only its own
    cache.clear()  # a cached page or drop-down list (``cache_choices_of``) holds another test's rows
    forget_versions()
    forget_menus()


@pytest.fixture
def haarlem(db):
    return f.haarlem()


@pytest.fixture
def amersfoort(db):
    return f.amersfoort()


@pytest.fixture
def region(haarlem):
    return f.zkij(haarlem)


@pytest.fixture
def programme(haarlem):
    return f.city_deal(haarlem)


@pytest.fixture
def broker_haarlem(haarlem):
    return f.broker(haarlem, "makelaar-haarlem", is_coordinator=True)


@pytest.fixture
def broker_amersfoort(amersfoort):
    return f.broker(amersfoort, "makelaar-amersfoort")


@pytest.fixture
def inkoper_haarlem(haarlem):
    return f.colleague(haarlem, "inkoop", "inkoper-haarlem")


@pytest.fixture
def enterprise_haarlem(haarlem):
    return f.enterprise_haarlem(haarlem)


@pytest.fixture
def enterprise_amersfoort(amersfoort):
    return f.enterprise_amersfoort(amersfoort)


@pytest.fixture
def ondernemer_1(enterprise_haarlem):
    return f.entrepreneur(enterprise_haarlem, "ondernemer-1")


@pytest.fixture
def ondernemer_2(enterprise_amersfoort):
    return f.entrepreneur(enterprise_amersfoort, "ondernemer-2")


@pytest.fixture
def stuurgroep(programme):
    return f.steering(programme, "stuurgroep")


@pytest.fixture
def vastgoed(haarlem):
    """A colleague of Haarlem's real-estate department."""
    return f.colleague(haarlem, "vastgoed", "vastgoed-haarlem")


@pytest.fixture
def partner_haarlem(haarlem):
    """A network partner running Haarlem's entrepreneur desk."""
    return f.partner(haarlem, f.partner_organisation(), "partner-haarlem")


@pytest.fixture
def api():
    """``api(user)`` → an APIClient authenticated as ``user`` (or anonymous for None)."""

    def make(user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def login(client):
    """``login(user)`` → the Django test client logged in as ``user``."""

    def make(user):
        client.force_login(user)
        return client

    return make


@pytest.fixture
def history_calls(monkeypatch):
    """``(object, hide)`` for each change log ``audit.history_for`` builds from here on."""
    from impactportal import audit

    calls = []
    real = audit.history_for

    def counted(obj, *args, hide=(), **kwargs):
        calls.append((obj, tuple(hide)))
        return real(obj, *args, hide=hide, **kwargs)

    monkeypatch.setattr(audit, "history_for", counted)
    return calls


@pytest.fixture
def cache_clock(monkeypatch):
    """The clock ``impactportal.ui.cache`` reads (monotonic memos and wall-clock deadlines), as a
    one-item list a test moves forward: ``cache_clock[0] += seconds``."""
    from impactportal.ui import cache as page_cache

    now = [1_000_000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(page_cache.time, "time", lambda: now[0])
    return now


@pytest.fixture
def compilations(monkeypatch):
    """The models of the queries Django's own compiler compiled from here on; a plan reused
    (``impactportal.db.plans``, emptied here) is not among them."""
    from django.db.models.sql.compiler import SQLCompiler

    from impactportal.db import plans

    counted = []
    original = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        counted.append(self.query.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting)
    plans.clear()
    return counted
