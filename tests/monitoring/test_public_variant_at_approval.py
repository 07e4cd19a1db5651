"""The public variant of a report is made right after the steering group approves it (a task once
the decision is committed), from the version as approved: published later, it still shows what was
approved, although the goals (and a statement's certificates and analyses) it reads beside its
snapshot may have changed since. Publishing only makes it visible; one not made yet (published at
once, a version approved before approvals made it, a file gone from storage) is made when it is
published."""

from decimal import Decimal

import pytest
from django.urls import reverse

from monitoring import services
from monitoring.models import ReportRequest, Target
from tests.monitoring.test_reports import pdf_bytes_text

pytestmark = pytest.mark.django_db


def _goal(haarlem, value):
    Target.objects.filter(code="enterprises.admitted", year=2025, organisation=haarlem).update(value=Decimal(value))


@pytest.fixture
def approve(broker_haarlem, django_capture_on_commit_callbacks):
    """Approve as the chair, the tasks queued on commit run (eager Celery)."""

    def run(report):
        with django_capture_on_commit_callbacks(execute=True):
            services.review_decide(report=report, by=broker_haarlem, outcome="approved")
        report.refresh_from_db()

    return run


def _public_text(client, report) -> str:
    response = client.get(reverse("monitoring:public-file", args=[report.pk]))
    assert response.status_code == 200
    return pdf_bytes_text(b"".join(response.streaming_content))


def test_the_public_file_published_later_shows_the_goal_as_approved(annual, approve, broker_haarlem, haarlem,
                                                                     client):
    _goal(haarlem, 4321)
    approve(annual)
    made, checksum = annual.public_file.name, annual.public_checksum
    assert made and len(checksum) == 64 and checksum != annual.checksum
    # Made, not shown: the public address answers only once the report is published.
    assert client.get(reverse("monitoring:public-file", args=[annual.pk])).status_code == 404

    _goal(haarlem, 8765)  # the organisation raises its goal after the approval
    services.report_publish(report=annual, by=broker_haarlem)
    annual.refresh_from_db()
    assert annual.published_at and annual.public_file.name == made and annual.public_checksum == checksum
    text = _public_text(client, annual)
    assert "4.321" in text and "8.765" not in text


def test_published_at_once_the_public_file_is_made_then(annual, broker_haarlem, haarlem, client):
    services.review_decide(report=annual, by=broker_haarlem, outcome="approved")  # its task not run yet
    _goal(haarlem, 8765)
    services.report_publish(report=annual, by=broker_haarlem)
    annual.refresh_from_db()
    assert annual.public_file and len(annual.public_checksum) == 64
    assert "8.765" in _public_text(client, annual)  # made now, so from today's goal
    # The task that follows the approval finds it made and leaves it.
    assert services.report_public_file(report_id=annual.pk) is False
    assert ReportRequest.objects.get(pk=annual.pk).public_checksum == annual.public_checksum


def test_a_public_file_gone_from_storage_is_made_again_when_published(annual, approve, broker_haarlem, client):
    approve(annual)
    annual.public_file.storage.delete(annual.public_file.name)
    services.report_publish(report=annual, by=broker_haarlem)
    annual.refresh_from_db()
    assert annual.public_file.storage.exists(annual.public_file.name)
    assert "Indicatoren" in _public_text(client, annual)


def test_asking_for_changes_makes_no_public_file(annual, broker_haarlem, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.review_decide(report=annual, by=broker_haarlem, outcome="changes_requested",
                               note="Doelen toelichten")
    annual.refresh_from_db()
    assert not annual.public_file and not annual.public_checksum
    assert services.report_public_file(report_id=annual.pk) is False  # a draft gets none
