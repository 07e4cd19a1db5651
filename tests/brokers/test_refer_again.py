"""Referring a question again: to the department it is already with, nothing happens and the
broker is told so (it mailed the department and the entrepreneur again); to another department,
that department is told, but the entrepreneur's status did not change and they get no mail."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from brokers.helpdesk import services
from brokers.models import CaseMessage
from impactportal.models import Notification

pytestmark = pytest.mark.django_db


def _refer(case, by, department="inkoop", capture=None, **kwargs):
    with capture(execute=True):
        return services.case_refer(case=case, department=department, by=by, **kwargs)


def test_referring_to_the_same_department_again_changes_and_sends_nothing(
        case_haarlem, broker_haarlem, inkoper_haarlem, ondernemer_1, django_capture_on_commit_callbacks):
    _refer(case_haarlem, broker_haarlem, capture=django_capture_on_commit_callbacks)
    mails, notices = len(mail.outbox), Notification.objects.count()
    assert notices  # the first referral told the department and the entrepreneur
    with pytest.raises(ValidationError) as error:
        _refer(case_haarlem, broker_haarlem, note="Nog eens", capture=django_capture_on_commit_callbacks)
    assert "department" in error.value.message_dict
    assert (len(mail.outbox), Notification.objects.count()) == (mails, notices)
    assert not CaseMessage.objects.filter(case=case_haarlem, body="Nog eens").exists()


def test_referring_on_to_another_department_tells_that_department_only(
        case_haarlem, broker_haarlem, ondernemer_1, django_capture_on_commit_callbacks):
    _refer(case_haarlem, broker_haarlem, capture=django_capture_on_commit_callbacks)
    told = Notification.objects.filter(recipient=ondernemer_1).count()
    assert told == 1  # "Uw vraag heeft een nieuwe status: Doorverwezen"
    case = _refer(case_haarlem, broker_haarlem, department="vastgoed", capture=django_capture_on_commit_callbacks)
    assert case.referred_department == "vastgoed" and case.status == "referred"
    assert Notification.objects.filter(recipient=ondernemer_1).count() == told


def test_the_page_says_it_was_already_referred(login, case_haarlem, broker_haarlem):
    client = login(broker_haarlem)
    url = reverse("helpdesk:case-refer", args=[case_haarlem.pk])
    assert client.post(url, {"department": "inkoop", "note": ""}).status_code == 302
    response = client.post(url, {"department": "inkoop", "note": ""})
    assert response.status_code == 400
    assert "al doorverwezen" in response.content.decode()
