"""The figures workbook formats an amount as every list's money columns do (thousands separator
and cents, ``#,##0.00``), while a count or a percentage in the same "Waarde" column stays a plain
number; the CSV is as it was (Dutch decimal comma, no thousands separator)."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from enterprises.constants import AdmissionStatus
from procurement.models import SupplierPayment
from tests import factories as f
from tests.csv_export import csv_rows
from tests.procurement import factories as pf

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures_2025(haarlem, broker_haarlem):
    pf.rule_set(organisation=haarlem, name="Regeling Haarlem")
    pf.contract(organisation=haarlem, by=broker_haarlem, title="Schoonmaak stadhuis")  # €50,000 obligation
    admitted = f.EnterpriseFactory(kvk_number="90000001", municipality=haarlem, admission_status=AdmissionStatus.ADMITTED)
    for amount, enterprise in ((Decimal("1855368.70"), admitted), (Decimal("7000.00"), None)):
        SupplierPayment.objects.create(organisation=haarlem, supplier_name="Leverancier", date=dt.date(2025, 3, 1),
                                       amount=amount, cost_category="Kantoor", enterprise=enterprise,
                                       supplier_kvk=enterprise.kvk_number if enterprise else "")


def test_money_gets_the_money_format_in_the_workbook(figures_2025, inkoper_haarlem, login):
    client = login(inkoper_haarlem)
    response = client.get(reverse("procurement:figures-export"), {"year": 2025, "_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.iter_rows())
    column = [cell.value for cell in header].index("Waarde")
    cells = {(row[0].value, row[4].value, row[5].value): row[column] for row in rows}
    impact = cells[("Kostensoorten", "Kantoor", "Bij impactondernemingen")]
    assert impact.value == 1855368.7 and impact.number_format == "#,##0.00"
    assert cells[("Cijfers", None, "Verplichting")].number_format == "#,##0.00"
    for row in rows:  # every euro amount, in every part
        if row[7].value == "euro" and row[column].value is not None:
            assert row[column].number_format == "#,##0.00", [c.value for c in row]
    contracts = cells[("Cijfers", None, "Contracten met SROI-verplichting")]
    share = cells[("Kostensoorten", "Kantoor", "Aandeel (%)")]
    assert contracts.value == 1 and contracts.number_format == "General"
    assert share.value == pytest.approx(99.6) and share.number_format == "General"


def test_the_csv_stays_as_it_was(figures_2025, inkoper_haarlem, login):
    rows = csv_rows(login(inkoper_haarlem).get(reverse("procurement:figures-export"), {"year": 2025}).content)
    values = {(row[0], row[4], row[5]): row[6] for row in rows[1:]}
    assert values[("Kostensoorten", "Kantoor", "Bij impactondernemingen")] == "1855368,70"
    assert values[("Kostensoorten", "Kantoor", "Aandeel (%)")] == "99,6"
    assert values[("Cijfers", "", "Contracten met SROI-verplichting")] == "1"
