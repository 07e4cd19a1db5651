"""The spending export holds a spending's budget line by its name: the line's own budget written as
text beside the spending's amount ("…(Overig): € 35.000,00") was an amount a spreadsheet could
neither sum nor read. The page keeps naming the line as it did."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from brokers.models import Spending
from brokers.workspace import services as workspace_services
from tests import factories as f
from tests.csv_export import csv_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def spending(haarlem, broker_haarlem):
    line = f.budget_line(haarlem, 2025, "35000.00")
    return workspace_services.spending_record(spending=Spending(
        organisation=haarlem, budget_line=line, date=dt.date(2025, 3, 1), description="Zaalhuur",
        amount=Decimal("600")), by=broker_haarlem)


def test_the_export_holds_the_budget_lines_name(spending, login, broker_haarlem):
    client = login(broker_haarlem)
    rows = csv_rows(client.get(reverse("brokers:spending-list"), {"_export": "csv"}).content)
    column = rows[0].index("Begrotingsregel")
    assert rows[1][column] == "2025 Budget Gemeente Haarlem 2025 (Overig)"
    xlsx = client.get(reverse("brokers:spending-list"), {"_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][column] == "2025 Budget Gemeente Haarlem 2025 (Overig)"
    page = client.get(reverse("brokers:spending-list")).content.decode()
    assert "2025 Budget Gemeente Haarlem 2025 (Overig): €\u00a035.000,00" in page
