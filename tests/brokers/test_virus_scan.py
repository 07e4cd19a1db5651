"""Helpdesk attachments are scanned by clamd when ``PORTAL_CLAMAV_URL`` is set (``tests/clamd.py``):
a new question, the entrepreneur's reply and the desk's reply."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from brokers.models import Case, CaseAttachment, CaseMessage
from tests.clamd import SCENARIOS, check_entry_point

pytestmark = pytest.mark.django_db


def _rows():
    return Case.objects.count() + CaseMessage.objects.count() + CaseAttachment.objects.count()


def _pdf(content):
    return SimpleUploadedFile("bijlage.pdf", content, content_type="application/pdf")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_new_question(request, login, ondernemer_1, enterprise_haarlem, broker_haarlem, scenario):
    client = login(ondernemer_1)

    def send(content):
        return client.post(reverse("helpdesk:case-new"), {
            "category": "financing", "subject": "Lening", "description": "Wij zoeken geld.",
            "enterprise": enterprise_haarlem.pk, "attachment": _pdf(content)})

    check_entry_point(request, scenario, send, _rows, field="attachment")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_entrepreneurs_reply(request, login, case_haarlem, ondernemer_1, scenario):
    client = login(ondernemer_1)

    def send(content):
        return client.post(reverse("helpdesk:my-case-reply", args=[case_haarlem.pk]),
                           {"body": "Zie de bijlage.", "attachment": _pdf(content)})

    check_entry_point(request, scenario, send, _rows, field="attachment")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_desks_reply(request, login, case_haarlem, broker_haarlem, scenario):
    client = login(broker_haarlem)

    def send(content):
        return client.post(reverse("helpdesk:case-reply", args=[case_haarlem.pk]),
                           {"body": "Zie de bijlage.", "attachment": _pdf(content)})

    check_entry_point(request, scenario, send, _rows, field="attachment")
