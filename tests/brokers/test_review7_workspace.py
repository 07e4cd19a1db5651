"""Review 7: an action's and a spending's page read their change log once (the generic detail view
built one, which the page then threw away for its own); a spending is summed once per save on
its locked budget line."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from brokers.models import ActionLink, Spending
from brokers.workspace import services
from impactportal.audit import acting_as
from tests import factories as f

pytestmark = pytest.mark.django_db


def _queries(client, url) -> list[str]:
    client.get(url)  # warm: content types, menus and plans are cached after the first request
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_the_action_and_spending_pages_build_their_history_once(login, haarlem, broker_haarlem,
                                                               enterprise_haarlem, history_calls):
    with acting_as(broker_haarlem):
        action = f.agenda_action(haarlem, "Netwerkavond")
        ActionLink.objects.create(action=action, link_model="enterprises.enterprise", link_id=enterprise_haarlem.pk)
        spending = services.spending_record(spending=Spending(
            organisation=haarlem, date=dt.date(2025, 3, 1), description="Zaalhuur", amount=Decimal("100"),
            paying_programme="economy", link_model="enterprises.enterprise", link_id=enterprise_haarlem.pk),
            by=broker_haarlem)
    client = login(broker_haarlem)
    url = reverse("brokers:action-detail", args=[action.pk])
    page = client.get(url).content.decode()
    assert history_calls == [(action, ())]
    assert f"<strong>Gekoppeld object</strong>: — → {enterprise_haarlem.name}" in page  # the action's own history
    queries = _queries(client, url)
    # The action's own entries and its links' entries: two reads of the log (three before), and
    # no more queries in all than the 12 the page took once it read the log once (14 before).
    assert sum('"auditlog_logentry"' in sql for sql in queries) == 2
    assert len(queries) <= 12, "\n".join(queries)
    # The spending's page names its linked object in the history it built once.
    history_calls.clear()
    page = client.get(spending.get_absolute_url()).content.decode()
    assert history_calls == [(spending, ())]
    assert enterprise_haarlem.name in page[page.index('id="history-heading"'):]


def _sums(queries) -> int:
    return sum("SUM(" in query["sql"].upper() and '"brokers_spending"' in query["sql"] for query in queries)


def test_a_spending_is_summed_once_on_its_locked_line(haarlem, broker_haarlem):
    line = f.budget_line(haarlem, 2025, "1000.00")
    with CaptureQueriesContext(connection) as captured:
        services.spending_record(spending=Spending(organisation=haarlem, budget_line=line, date=dt.date(2025, 3, 1),
                                                   description="Zaalhuur", amount=Decimal("600")), by=broker_haarlem)
    assert _sums(captured.captured_queries) == 1
    # The re-check still decides: beyond what remains only with a decision, and who took it is kept.
    with CaptureQueriesContext(connection) as captured:
        over = services.spending_record(spending=Spending(
            organisation=haarlem, budget_line=line, date=dt.date(2025, 4, 1), description="Catering",
            amount=Decimal("500"), overspend_decision="College akkoord"), by=broker_haarlem)
    assert _sums(captured.captured_queries) == 1
    assert over.decided_by == broker_haarlem and over.overspend_decision == "College akkoord"
    over.amount = Decimal("300")  # fits again besides its own stored amount: no decision needed any more
    services.spending_record(spending=over, by=broker_haarlem)
    over.refresh_from_db()
    assert (over.overspend_decision, over.decided_by) == ("", None)


def test_a_spending_saved_through_the_form_is_summed_by_the_form_and_once_on_the_locked_line(
        login, haarlem, broker_haarlem):
    line = f.budget_line(haarlem, 2025, "1000.00")
    data = {"organisation": haarlem.pk, "budget_line": line.pk, "kind": "spending", "date": "2025-03-01",
            "description": "Zaalhuur", "amount": "700", "paying_programme": ""}
    client = login(broker_haarlem)
    with CaptureQueriesContext(connection) as captured:
        response = client.post(reverse("brokers:spending-create"), data)
    assert response.status_code == 302, response.context["form"].errors
    assert _sums(captured.captured_queries) == 2  # the form's check, then the locked line's (three before)
    assert Spending.objects.get().amount == Decimal("700.00")
