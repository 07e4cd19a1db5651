"""The toolbox's module 13 question linked to ``monitoring.indicators`` shows the organisation's
latest indicator values, read through the access module."""

import pytest
from django.template.loader import render_to_string

from impactportal import contributions


@pytest.mark.django_db
def test_latest_indicator_values_for_the_organisation(snapshots, broker_haarlem, broker_amersfoort, haarlem):
    source = contributions.toolbox_sources()["monitoring.indicators"]
    context = source.context(broker_haarlem, haarlem)
    assert context["period"] == "december 2025" and source.has_data(context)
    jobs = next(row for row in context["rows"] if row["code"] == "enterprises.disadvantaged_jobs")
    assert jobs["value"] == "6" and jobs["basis"] == "zelf opgegeven"
    html = render_to_string(source.template, context)
    assert "toolbox-monitoring-indicators" in html and "december 2025" in html
    # Another organisation's broker gets nothing of Haarlem's.
    assert not source.has_data(source.context(broker_amersfoort, haarlem))


@pytest.mark.django_db
def test_no_snapshot_yet(broker_haarlem, haarlem):
    source = contributions.toolbox_sources()["monitoring.indicators"]
    assert source.context(broker_haarlem, haarlem) == {"rows": [], "period": None}
