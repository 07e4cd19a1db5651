"""The helpdesk demo cases tell a history in order: a resolved case is resolved after its last answer."""

import datetime as dt

import pytest
from django.utils import timezone

from brokers.constants import CasePriority, CaseStatus
from brokers.helpdesk.seeding import QUESTIONS, _play
from brokers.models import Case, CaseMessage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [CaseStatus.RESOLVED, CaseStatus.CLOSED])
def test_a_demo_case_is_resolved_after_its_last_answer(status, haarlem, enterprise_haarlem, broker_haarlem,
                                                       ondernemer_1):
    """Question 7 read "Opgelost op 19-11-2026 23:27" above answers sent at 23:32 and 23:57."""
    now = timezone.now()
    submitted = now - dt.timedelta(days=3)
    category, subject = QUESTIONS[0]
    case = Case(organisation=haarlem, enterprise=enterprise_haarlem, submitter=ondernemer_1, category=category,
                subject=subject,
                description=subject, submitted_at=submitted, priority=CasePriority.values[0])
    _play(case, status, broker_haarlem, submitted, now)
    case.refresh_from_db()
    answers = CaseMessage.objects.filter(case=case, is_internal=False).values_list("created_at", flat=True)
    assert len(answers) == 2 and case.first_response_at <= min(answers)
    assert max(answers) <= case.resolved_at <= now


def test_a_demo_case_without_a_submitter_has_no_public_reply(haarlem, enterprise_haarlem, broker_haarlem):
    """A demo case without a submitter showed "Dank voor uw vraag…" under the page's own warning that
    nobody receives a reply: the broker's contact is noted internally (by phone) instead."""
    now = timezone.now()
    submitted = now - dt.timedelta(days=3)
    category, subject = QUESTIONS[1]
    case = Case(organisation=haarlem, enterprise=enterprise_haarlem, submitter=None, category=category,
                subject=subject, description=subject, submitted_at=submitted, priority=CasePriority.values[0])
    _play(case, CaseStatus.RESOLVED, broker_haarlem, submitted, now)
    assert not CaseMessage.objects.filter(case=case, is_internal=False).exists()
    assert CaseMessage.objects.filter(case=case, is_internal=True).count() == 3
