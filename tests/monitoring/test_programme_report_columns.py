"""The programme report's table "Per deelnemende organisatie" took the first eight indicators of the
registry: "Voortgang toolbox" and "Open knelpunten" stood there, in neither the table Indicatoren
nor the appendix that defines each indicator, and "Open knelpunten" said "–" for every
organisation. Its columns are now indicators the report lists, measured for a participant."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from monitoring import reports
from monitoring.models import Target

pytestmark = pytest.mark.django_db


def _columns(context):
    return [column for part in context["level_parts"] for column in part["columns"]]


def test_every_column_per_organisation_is_listed_and_measured(snapshots, chair, programme, run_report):
    report, _created = run_report(user=chair, kind="programme", period="2025", programme=programme)
    context = reports.build_context(report)
    listed = {row["name"] for row in context["rows"]}  # the table Indicatoren and the appendix
    columns = _columns(context)
    assert columns and {column["name"] for column in columns} <= listed
    # No column that is empty for every organisation.
    for at, column in enumerate(columns):
        part, index = divmod(at, reports.LEVEL_COLUMNS)
        cells = [o["cells"][index]["text"] for o in context["level_parts"][part]["organisations"]]
        assert any(text != "–" for text in cells), column
    html = render_to_string("monitoring/pdf/report.html", context)
    appendix = html[html.index('id="appendix"'):]
    assert all(str(column["name"]) in appendix for column in columns)
    assert 'id="levels-choice"' not in html  # every measured indicator has its column


def test_at_most_eight_columns_those_with_a_target_first(snapshots, chair, programme, run_report, monkeypatch):
    monkeypatch.setattr(reports, "LEVEL_LIMIT", 2)
    report, _created = run_report(user=chair, kind="programme", period="2025", programme=programme)
    rows = reports.build_context(report)["rows"]
    measured = [row["code"] for row in rows if row["value"] is not None]
    assert len(measured) > 2
    Target.objects.create(code=measured[-1], year=2025, programme=programme, value=Decimal(9))
    context = reports.build_context(report)
    assert [column["code"] for column in _columns(context)] == [measured[-1], measured[0]]
    assert context["levels_left_out"] == len(measured) - 2
    html = render_to_string("monitoring/pdf/report.html", context)
    assert 'id="levels-choice"' in html and "Per organisatie staan 2 indicatoren" in html
