"""A report version followed by another is settled: comments, the decision and publication go to
the newest (an approved later version is not published beside an outdated one). The decision form
is for the steering group's chair only, and a comment names a section the report has."""

import pytest
from django.core.exceptions import ValidationError

from monitoring import services
from monitoring.models import ReportRequest, Review
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_version_followed_by_another_is_not_decided_commented_or_published(versions, broker_haarlem, login):
    first, second = versions
    assert services.later_version(first) == second and services.later_version(second) is None
    services.review_decide(report=second, by=broker_haarlem, outcome="approved")
    with pytest.raises(ValidationError, match="versie 2"):
        services.review_decide(report=first, by=broker_haarlem, outcome="approved")
    with pytest.raises(ValidationError, match="versie 2"):
        services.review_comment(report=first, by=broker_haarlem, section="summary", body="Nog één ding")
    first.refresh_from_db()
    assert not first.is_approved and not Review.objects.filter(report=first, kind="comment").exists()
    page = login(broker_haarlem).get(first.get_absolute_url())
    html = page.content.decode()
    assert 'id="later-version"' in html and 'id="decision-form"' not in html and 'id="comment-form"' not in html
    services.report_publish(report=second, by=broker_haarlem)
    published = ReportRequest.objects.filter(scope_key=first.scope_key, period="2025", published_at__isnull=False)
    assert list(published) == [second]


def test_an_approved_version_is_not_published_once_a_later_one_is_approved(versions, broker_haarlem, login,
                                                                           django_capture_on_commit_callbacks):
    _first, second = versions
    services.review_decide(report=second, by=broker_haarlem, outcome="approved")
    with django_capture_on_commit_callbacks(execute=True):  # an update of the approved version
        third = services.report_new_version(report=second, by=broker_haarlem)
    third.refresh_from_db()
    # While the update is a draft the approved version is the current one: it may go public.
    assert 'id="publish-form"' in login(broker_haarlem).get(second.get_absolute_url()).content.decode()
    services.review_decide(report=third, by=broker_haarlem, outcome="approved")
    assert 'id="publish-form"' not in login(broker_haarlem).get(second.get_absolute_url()).content.decode()
    with pytest.raises(ValidationError, match="Versie 3"):
        services.report_publish(report=second, by=broker_haarlem)
    second.refresh_from_db()
    assert second.published_at is None


def test_only_the_chair_is_offered_the_decision_form(snapshots, chair, programme, run_report, login):
    member = f.steering(programme, "lid-2")
    report, _ = run_report(user=chair, kind="programme", period="2025", programme=programme)
    assert 'id="decision-form"' in login(chair).get(report.get_absolute_url()).content.decode()
    client = login(member)
    html = client.get(report.get_absolute_url()).content.decode()
    assert 'id="decision-form"' not in html and 'id="comment-form"' in html  # members comment
    assert client.post(report.get_absolute_url(), {"op": "decide", "outcome": "approved"}).status_code == 403


def test_a_comment_names_a_section_the_report_has_in_the_api_too(snapshots, broker_haarlem, enterprise_haarlem,
                                                                 run_report, api):
    report, _ = run_report(user=broker_haarlem, kind="impact_statement", period="2025", enterprise=enterprise_haarlem)
    client = api(broker_haarlem)
    body = {"report": report.pk, "kind": "comment", "section": "charts", "body": "Grafiek klopt niet"}
    response = client.post("/api/v1/monitoring/reviews/", body, format="json")
    assert response.status_code == 400 and "section" in response.json()
    assert not Review.objects.filter(report=report).exists()
    assert client.post("/api/v1/monitoring/reviews/", {**body, "section": "summary"}, format="json").status_code == 201
