"""A report of the year gives a flow over the year up to its month, beside the month: the annual
report printed November's helpdesk questions as if they were the year's."""

import datetime as dt

import pytest
from django.utils import timezone

from brokers.models import Case
from monitoring import registry, reports, services, views
from monitoring.constants import SnapshotKind
from monitoring.models import Snapshot
from tests import factories as f

from .conftest import in_the_register_since

pytestmark = pytest.mark.django_db


def _case(haarlem, enterprise, month):
    Case.objects.create(organisation=haarlem, enterprise=enterprise, category="other", subject=f"Vraag {month}",
                        submitted_at=timezone.make_aware(dt.datetime(2025, month, 3, 9)))


def test_the_annual_report_counts_the_year_so_far_beside_the_month(haarlem, broker_haarlem, run_report):
    enterprise = f.EnterpriseFactory(municipality=haarlem)
    in_the_register_since()
    for month in (2, 6, 6, 11):
        _case(haarlem, enterprise, month)
    for month in (6, 11):
        services.snapshot_take(period=registry.month_period(2025, month))
    report, _created = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    context = reports.build_context(report)
    row = next(row for row in context["rows"] if row["code"] == "helpdesk.cases")
    assert (row["text"], row["year_text"]) == ("1", "4")  # November's one; February to November's four
    admitted = next(row for row in context["rows"] if row["code"] == "enterprises.registered")
    assert admitted["text"] == admitted["year_text"]  # a stock reads the same at the month's end
    year = Snapshot.objects.get(kind=SnapshotKind.YEAR_TO_DATE)
    assert year.label == "2025-01/2025-11" and timezone.localtime(year.period_start).date() == dt.date(2025, 1, 1)
    # Taken once: a new version of the report reads the same measurement.
    assert services.year_to_date(report.snapshot) == year
    # The dashboard's monthly series leave the year's measurement out.
    data = views.dashboard_data(broker_haarlem, "organisation", haarlem)
    cases = next(row for row in data["rows"] if row["code"] == "helpdesk.cases")
    assert [label for label, _value in cases["series"]] == ["juni 2025", "november 2025"]


def test_the_dashboard_charts_the_indicators_with_a_target_first(register, client, haarlem, broker_haarlem,
                                                                 monkeypatch):
    """The first twelve indicators of the registry were charted: the helpdesk's target never was."""
    from decimal import Decimal

    from monitoring.models import Target

    monkeypatch.setattr(views, "CHART_LIMIT", 2)  # this small world measures four indicators
    services.snapshot_take(period=registry.month_period(2025, 11))
    measured = [row for row in views.dashboard_data(broker_haarlem, "organisation", haarlem)["rows"]
                if not row.get("withheld")]
    assert len(measured) > views.CHART_LIMIT
    last = measured[-1]["code"]
    Target.objects.create(code=last, year=2025, organisation=haarlem, value=Decimal(5))
    client.force_login(broker_haarlem)
    html = client.get("/monitoring/?organisation=haarlem").content.decode()
    row = html.split(f'<tr data-code="{last}"')[1].split("</tr>")[0]
    assert 'href="#figure-chart-0"' in row  # charted, and first
    assert 'id="charts-choice"' in html


def test_an_organisations_report_is_decided_on_its_behalf_not_by_a_chair(snapshots, broker_haarlem, haarlem, client,
                                                                         run_report):
    report, _created = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    client.force_login(broker_haarlem)
    html = client.get(report.get_absolute_url()).content.decode()
    assert 'id="decision-heading">Besluit namens Gemeente Haarlem</h3>' in html
    assert "Besluit van de voorzitter" not in html


def test_the_report_form_searches_for_the_enterprise(client, broker_haarlem, enterprise_haarlem, snapshots):
    """A search box, not a drop-down of every enterprise of the municipality (of the country, for a
    national administrator); its suggestions are the ones the user may ask a statement for."""
    from enterprises.search_field import EnterpriseSearchField, enterprises_for

    client.force_login(broker_haarlem)
    form = client.get("/monitoring/rapporten/nieuw/").context["form"]
    assert isinstance(form.fields["enterprise"], EnterpriseSearchField)
    assert enterprise_haarlem in enterprises_for("impact-statement", broker_haarlem)
