"""Review 13 (financing and monitoring): a report's new version is made once, and only from a
version the steering group asked changes on or approved."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from monitoring import services
from monitoring.models import ReportRequest

pytestmark = pytest.mark.django_db


def test_a_new_version_is_made_once(annual, broker_haarlem):
    """A double click on "Nieuwe versie maken" (or two brokers at once) made versions 2 and 3."""
    services.review_decide(report=annual, by=broker_haarlem, outcome="changes_requested", note="Toelichting")
    with mock.patch("monitoring.tasks.build_report.apply_async"):
        first = services.report_new_version(report=annual, by=broker_haarlem)
        again = services.report_new_version(report=annual, by=broker_haarlem)
    assert again.pk == first.pk and first.version == 2
    assert ReportRequest.objects.filter(scope_key=annual.scope_key).count() == 2


def test_a_draft_gets_no_new_version(annual, broker_haarlem):
    """The page offers none, but a POST of op=new_version on a draft made one anyway."""
    with mock.patch("monitoring.tasks.build_report.apply_async"), pytest.raises(ValidationError):
        services.report_new_version(report=annual, by=broker_haarlem)
    assert ReportRequest.objects.filter(scope_key=annual.scope_key).count() == 1


def test_changes_are_asked_once_per_version(annual, broker_haarlem, login):
    """A double click on "Besluit vastleggen" recorded "Wijzigingen gevraagd" twice; approving the
    version after all still can."""
    data = {"op": "decide", "outcome": "changes_requested", "note": "Per thema toelichten"}
    client = login(broker_haarlem)
    assert client.post(annual.get_absolute_url(), data).status_code == 302
    again = client.post(annual.get_absolute_url(), data)
    assert again.status_code == 400 and "al om wijzigingen gevraagd" in again.content.decode()
    assert annual.reviews.filter(kind="decision").count() == 1
    services.review_decide(report=annual, by=broker_haarlem, outcome="approved")
    assert annual.reviews.filter(kind="decision").count() == 2


def test_the_impact_statement_lists_only_the_analyses_shared_with_the_enterprise(
        snapshots, enterprise_haarlem, ondernemer_1, haarlem, amersfoort, run_report):
    """The entrepreneur's own statement (public once published) named every MKBA analysis about her
    enterprise, also a municipality's unshared draft."""
    from tests.financing.mkba_factories import analysis
    from tests.monitoring.test_reports import pdf_text

    analysis(haarlem, enterprise=enterprise_haarlem, title="Gedeelde quickscan", is_shared=True)
    analysis(amersfoort, enterprise=enterprise_haarlem, title="Interne schets Amersfoort")
    report, _created = run_report(user=ondernemer_1, kind="impact_statement", period="2025",
                                  enterprise=enterprise_haarlem)
    text = pdf_text(report)
    assert "Gedeelde quickscan" in text and "Interne schets Amersfoort" not in text


def test_a_report_asked_for_at_the_same_moment_is_made_once(annual, broker_haarlem, haarlem):
    """Two requests before either had a row to lock: the second hit the unique constraint (a 500)
    instead of getting the first one's report. Simulated by a lookup that does not see the row."""
    with mock.patch.object(ReportRequest.objects, "select_for_update", return_value=ReportRequest.objects.none()):
        report, created = services.report_request(user=broker_haarlem, kind="annual", period="2025",
                                                  organisation=haarlem)
    assert (report.pk, created) == (annual.pk, False)
    assert ReportRequest.objects.count() == 1
