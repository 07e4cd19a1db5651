"""A closed helpdesk case stays closed until it is reopened by the reopening's rules: a status
change is held to the same 14 days (and drops the old rating), a staff reply does not move it,
and it is not assigned or referred (nor offered so on its page)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from brokers.constants import CaseStatus
from brokers.helpdesk import services
from brokers.models import Case
from tests import factories as f

pytestmark = pytest.mark.django_db
CASES = "/api/v1/helpdesk/cases/"


def _resolved(case, by, *, days_ago, rating=5):
    services.case_assign(case=case, assignee=by, by=by)
    services.case_set_status(case=case, status=CaseStatus.RESOLVED, by=by)
    Case.objects.filter(pk=case.pk).update(resolved_at=timezone.now() - dt.timedelta(days=days_ago), rating=rating)
    case.refresh_from_db()
    return case


def test_a_status_change_reopens_within_the_window_only(case_haarlem, broker_haarlem, api):
    _resolved(case_haarlem, broker_haarlem, days_ago=30)
    client = api(broker_haarlem)
    assert client.post(f"{CASES}{case_haarlem.pk}/reopen/", {"reason": "x"}, format="json").status_code == 400
    response = client.post(f"{CASES}{case_haarlem.pk}/status/", {"status": "in_progress"}, format="json")
    assert response.status_code == 400 and "14 dagen" in str(response.json())
    case_haarlem.refresh_from_db()
    assert (case_haarlem.status, case_haarlem.rating) == (CaseStatus.RESOLVED, 5)


def test_a_status_change_within_the_window_reopens_without_the_old_rating(case_haarlem, broker_haarlem):
    _resolved(case_haarlem, broker_haarlem, days_ago=3)
    services.case_set_status(case=case_haarlem, status=CaseStatus.IN_PROGRESS, by=broker_haarlem)
    case_haarlem.refresh_from_db()
    assert (case_haarlem.status, case_haarlem.rating) == (CaseStatus.IN_PROGRESS, None)
    # From resolved to closed is no reopening: no window asked.
    other = _resolved(case_haarlem, broker_haarlem, days_ago=300)
    services.case_set_status(case=other, status=CaseStatus.CLOSED, by=broker_haarlem)
    other.refresh_from_db()
    assert (other.status, other.rating) == (CaseStatus.CLOSED, 5)


def test_a_staff_reply_on_a_closed_case_does_not_reopen_it(case_haarlem, broker_haarlem):
    services.case_set_status(case=case_haarlem, status=CaseStatus.CLOSED, by=broker_haarlem)
    services.case_reply(case=case_haarlem, author=broker_haarlem, body="Ter info: de subsidie is toegekend.",
                        wait_for_entrepreneur=True)
    case_haarlem.refresh_from_db()
    assert case_haarlem.status == CaseStatus.CLOSED
    assert case_haarlem.messages.filter(body__startswith="Ter info").exists()


def test_a_closed_case_is_not_assigned_nor_offered_for_it(case_haarlem, broker_haarlem, haarlem, login):
    other = f.broker(haarlem, "tweede-makelaar")
    services.case_set_status(case=case_haarlem, status=CaseStatus.CLOSED, by=broker_haarlem)
    with pytest.raises(ValidationError):
        services.case_assign(case=case_haarlem, assignee=other, by=broker_haarlem)
    case_haarlem.refresh_from_db()
    assert case_haarlem.assigned_to != other
    html = login(broker_haarlem).get(reverse("helpdesk:case-detail", args=[case_haarlem.pk])).content.decode()
    for offered in ('id="assign-submit"', 'id="refer-submit"', 'id="external-submit"'):
        assert offered not in html
    assert 'id="status-submit"' in html  # reopening stays possible (within its window)
