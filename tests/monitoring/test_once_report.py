"""A report is asked for once (``impactportal.ui.once``): Back and "Rapport aanvragen" again (or a
double click) shows the report the first POST asked for, without asking again."""

from unittest import mock

import pytest
from django.urls import reverse

from monitoring import services
from monitoring.models import ReportRequest
from tests.core.test_form_once import ALREADY, messages_of, token_of

pytestmark = pytest.mark.django_db


def test_a_report_request_is_sent_once(snapshots, login, broker_haarlem):
    client = login(broker_haarlem)
    url = reverse("monitoring:report-create")
    data = {"kind": "annual", "organisation": "haarlem", "period": "2025", "_form_token": token_of(client.get(url))}
    first = client.post(url, data)
    report = ReportRequest.objects.get()
    assert first.status_code == 302 and first.url == report.get_absolute_url()
    with mock.patch.object(services, "report_request", wraps=services.report_request) as asked:
        again = client.post(url, data)
    assert not asked.called  # not asked again: what the first POST asked for
    assert again.status_code == 302 and again.url == report.get_absolute_url()
    assert ALREADY in messages_of(again)
    assert ReportRequest.objects.count() == 1


def test_a_report_form_in_error_keeps_its_token(snapshots, login, broker_haarlem):
    client = login(broker_haarlem)
    url = reverse("monitoring:report-create")
    token = token_of(client.get(url))
    wrong = client.post(url, {"kind": "annual", "organisation": "haarlem", "period": "25", "_form_token": token})
    assert wrong.status_code == 400 and token_of(wrong) == token
    data = {"kind": "annual", "organisation": "haarlem", "period": "2025", "_form_token": token}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 302 and ALREADY in messages_of(again)
    assert ReportRequest.objects.count() == 1
