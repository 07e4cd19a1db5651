"""The page header's menu and unread count are built only where a page shows them: a list's
partial response (what htmx swaps in while someone types) runs neither."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from impactportal.notifications import notify
from tests import factories as f

pytestmark = pytest.mark.django_db


def _notification_queries(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode(), [q for q in queries if "impactportal_notification" in q["sql"]]


def test_the_unread_count_is_read_once_for_a_page_and_not_for_a_partial(login, broker_haarlem, haarlem):
    f.EnterpriseFactory(name="Bakkerij Spaarne", municipality=haarlem)
    for subject in ("Nieuwe vraag", "Vervolgactie vandaag"):
        notify(recipient=broker_haarlem, subject=subject, email=False)
    client = login(broker_haarlem)
    page, queries = _notification_queries(client, "/register/")
    assert len(queries) == 1  # the badge and its label read one count
    assert '<span class="utrecht-number-badge" aria-label="2 ongelezen">2</span>' in page
    assert 'id="portal-menu"' in page
    partial, queries = _notification_queries(client, "/register/?q=bakkerij", HTTP_HX_REQUEST="true")
    assert queries == [] and 'id="portal-menu"' not in partial and "<table" in partial


def test_the_unread_count_is_kept_until_a_notification_changes(login, broker_haarlem, broker_amersfoort):
    """The count is read once and then kept (a COUNT on every signed-in page); a new
    notification, marking all read (a bulk update, no signal) and another user's count each show
    at once."""
    notify(recipient=broker_haarlem, subject="Nieuwe vraag", email=False)
    client = login(broker_haarlem)
    _notification_queries(client, "/dashboard/")
    page, queries = _notification_queries(client, "/register/")
    assert queries == [] and 'aria-label="1 ongelezen">1</span>' in page
    notify(recipient=broker_haarlem, subject="Vervolgactie vandaag", email=False)
    assert 'aria-label="2 ongelezen">2</span>' in _notification_queries(client, "/register/")[0]
    client.post("/meldingen/gelezen/")
    assert "utrecht-number-badge" not in _notification_queries(client, "/register/")[0]
    notify(recipient=broker_amersfoort, subject="Voor Amersfoort", email=False)
    other = login(broker_amersfoort)
    assert 'aria-label="1 ongelezen">1</span>' in _notification_queries(other, "/register/")[0]
