"""A user's dashboard panels are served rendered until anything in the portal changes or
DASHBOARD_CACHE_SECONDS pass (``impactportal.ui.dashboard.rendered_sections``)."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enterprises.constants import AdmissionStatus
from impactportal.accounts.models import Membership
from tests import factories as f


def _figure(content, name):
    found = re.search(rf'data-figure="{name}"><span class="portal-figure">([^<]+)</span>', content)
    assert found, name
    return found.group(1)


def _visit(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    # The page around the panels carries a fresh CSRF token on every response.
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group(0), len(queries)



def test_the_second_visit_runs_none_of_the_panels_queries_and_shows_the_same(login, broker_haarlem, settings):
    client = login(broker_haarlem)
    first, fresh_queries = _visit(client)
    second, cached_queries = _visit(client)
    assert second == first
    assert cached_queries <= fresh_queries - 10  # a dozen counts over the apps, not run again
    settings.DASHBOARD_CACHE_SECONDS = 0
    uncached, queries = _visit(client)
    assert uncached == first and queries >= cached_queries + 10  # rendered again


def test_a_change_shows_at_once(login, broker_haarlem, haarlem):
    client = login(broker_haarlem)
    content, _ = _visit(client)
    before = int(_figure(content, "awaiting-admission"))
    f.EnterpriseFactory(name="Nieuw aangevraagd", municipality=haarlem, admission_status=AdmissionStatus.APPLIED)
    content, _ = _visit(client)
    assert int(_figure(content, "awaiting-admission")) == before + 1


def test_a_new_role_shows_at_once(login, broker_haarlem, haarlem):
    client = login(broker_haarlem)
    content, _ = _visit(client)
    assert 'data-dashboard="colleague"' not in content
    Membership.objects.create(user=broker_haarlem, organisation=haarlem, role="colleague", department="economy")
    content, _ = _visit(client)
    assert 'data-dashboard="colleague"' in content


def test_each_user_and_language_has_its_own(login, broker_haarlem, broker_amersfoort, client):
    haarlem_page, _ = _visit(login(broker_haarlem))
    amersfoort_page, _ = _visit(login(broker_amersfoort))
    heading = re.compile(r"Makelaar met mandaat — ([^<]+)<")
    assert "Haarlem" in heading.search(haarlem_page).group(1)
    assert "Amersfoort" in heading.search(amersfoort_page).group(1)
    client.force_login(broker_haarlem)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english, _ = _visit(client)
    assert "Broker with mandate" in english and "Makelaar met mandaat" not in english


def test_figures_that_move_with_the_clock_are_at_most_the_timeout_old(login, broker_haarlem, cache_clock, settings,
                                                                      monkeypatch):
    client = login(broker_haarlem)
    _visit(client)
    _, cached_queries = _visit(client)
    cache_clock[0] += settings.DASHBOARD_CACHE_SECONDS - 1
    assert _visit(client)[1] == cached_queries
    cache_clock[0] += 1
    assert _visit(client)[1] > cached_queries  # rendered anew


def test_bulk_rows_kept_out_of_the_audit_are_still_deleted_in_bulk():
    """The dashboards listen to audited models only: a cascade over snapshot values or imported
    payments stays one DELETE, not a row-by-row delete to send signals."""
    from django.db.models import signals

    from monitoring.models import SnapshotValue
    from procurement.models import SupplierPayment

    for model in (SnapshotValue, SupplierPayment):
        assert not signals.post_delete.has_listeners(model) and not signals.pre_delete.has_listeners(model)
