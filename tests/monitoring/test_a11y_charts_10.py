"""Accessibility walk 10: every monitoring chart has its month-by-month figures as text, in a table
under the chart rendered from the same series as the chart's JSON, and the canvas says so."""

import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from monitoring import registry, services
from monitoring.models import SnapshotValue, Target

pytestmark = pytest.mark.django_db


def _chart_id(html: str, code: str) -> str:
    row = re.search(rf'<tr data-code="{re.escape(code)}"(.*?)</tr>', html, re.S)[1]
    return re.search(r'href="#figure-(chart-\d+)"', row)[1]


def _series_rows(html: str, chart_id: str) -> list[list[str]]:
    table = re.search(rf'<table[^>]*data-series="{chart_id}">(.*?)</table>', html, re.S)[1]
    body = re.search(r"<tbody[^>]*>(.*?)</tbody>", table, re.S)[1]
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_each_chart_has_its_series_as_a_table(register, client, haarlem, broker_haarlem):
    services.snapshot_take(period=registry.month_period(2025, 11))
    services.snapshot_take(period=registry.month_period(2025, 12))
    # Values the page must format: a thousands mark in November, a target in 2025.
    SnapshotValue.objects.filter(code="enterprises.admitted", level="organisation", organisation=haarlem,
                                 snapshot__label="2025-11").update(value=Decimal("1250"))
    Target.objects.create(code="enterprises.admitted", year=2025, organisation=haarlem, value=Decimal(5))
    client.force_login(broker_haarlem)
    html = client.get("/monitoring/?organisation=haarlem").content.decode()
    chart_id = _chart_id(html, "enterprises.admitted")
    data = json.loads(re.search(rf'<script id="{chart_id}" type="application/json">(.*?)</script>', html, re.S)[1])
    assert data["values"] == [1250.0, 1.0]
    # The table: month, value as the page writes figures, the target in each row.
    assert _series_rows(html, chart_id) == [["november 2025", "1.250", "5"], ["december 2025", "1", "5"]]
    block = re.search(rf'<details class="monitoring-series" id="series-{chart_id}">.*?</details>', html, re.S)[0]
    assert "Cijfers per maand tonen" in block and "Doel 2025</th>" in block
    # The canvas names the table below it (its name was only the indicator's).
    canvas = re.search(rf'<canvas data-monitoring-chart="{chart_id}"[^>]*>', html)[0]
    assert "de cijfers staan in de tabel onder de grafiek" in canvas
    # An indicator without a target: no target column.
    other = _chart_id(html, "enterprises.registered")
    assert [len(row) for row in _series_rows(html, other)] == [2, 2]


def test_the_series_tables_cost_no_query(register, client, haarlem, broker_haarlem):
    services.snapshot_take(period=registry.month_period(2025, 11))
    services.snapshot_take(period=registry.month_period(2025, 12))
    client.force_login(broker_haarlem)
    client.get("/monitoring/?organisation=haarlem")  # warm the caches (menu, unread count)
    with CaptureQueriesContext(connection) as few:
        client.get("/monitoring/?organisation=haarlem")
    services.snapshot_take(period=registry.month_period(2026, 1))
    services.snapshot_take(period=registry.month_period(2026, 2))
    client.get("/monitoring/?organisation=haarlem")
    with CaptureQueriesContext(connection) as more:
        html = client.get("/monitoring/?organisation=haarlem").content.decode()
    assert "februari 2026" in html and 'class="monitoring-series"' in html
    assert len(more.captured_queries) == len(few.captured_queries)
