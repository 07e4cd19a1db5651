"""List exports a reader can use: a translated file name with the date, dates and numbers as
spreadsheet values (not text), capitalised headers, amounts formatted as money only."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from financing.models import FeasibilityCheck, Instrument
from impactportal import exports
from tests import factories as f
from tests.csv_export import csv_rows
from tests.procurement import factories as pf

pytestmark = pytest.mark.django_db


def _sheet(content: bytes):
    return list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows())


def _today():
    return timezone.localdate().isoformat()


def test_export_file_names_are_the_translated_list_title_and_the_date(login, broker_haarlem, settings):
    """It was "enterprise-export.csv": the internal English model name, no date."""
    client = login(broker_haarlem)
    response = client.get(reverse("enterprises:register"), {"_export": "xlsx"})
    assert response["Content-Disposition"] == f'attachment; filename="ondernemingen-{_today()}.xlsx"'
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("enterprises:register"), {"_export": "csv"})
    assert response["Content-Disposition"] == f'attachment; filename="enterprises-{_today()}.csv"'


def test_a_title_with_accents_gives_an_ascii_file_name(login, broker_haarlem, haarlem):
    """verbose_name_plural "SIB-haalbaarheidstoetsen"-like titles, accents too, become safe ASCII."""
    from financing.views.bonds import FeasibilityList

    view = FeasibilityList()
    view.export_title = "Coöperaties & één"
    assert view.get_export_filename("csv") == f"cooperaties-een-{_today()}.csv"


def _check(org, title):
    return FeasibilityCheck.objects.create(
        organisation=org,
        title=title,
        conclusion="explore",
        reasons=[],
        **dict.fromkeys(
            (
                "societal_case",
                "causal_link",
                "few_beneficiaries",
                "benefits_exceed_costs",
                "sufficient_scale",
                "committed_parties",
            ),
            "yes",
        ),
    )


def test_export_headers_start_with_a_capital(login, broker_haarlem, haarlem):
    """The SIB feasibility export's contract column took the field's verbose name: "uitkomstcontract"."""
    _check(haarlem, "SIB-toets Haarlem")
    header = csv_rows(
        login(broker_haarlem).get(reverse("financing:feasibility-list"), {"_export": "csv"}).content
    )[0]
    assert "Uitkomstcontract" in header
    assert all(cell[:1] == cell[:1].upper() for cell in header)


def test_property_export_keeps_dates_dates_and_areas_numbers(login, vastgoed, haarlem, enterprise_haarlem):
    """An allocated property had "Toegewezen" in its "Beschikbaar vanaf" column; 45 m² read "45,0"."""
    from ecosystem.models import Allocation

    let = f.property_of(
        haarlem, name="Atelier", floor_area=Decimal("45.0"), available_from=dt.date(2026, 3, 1)
    )
    f.property_of(haarlem, name="Loods", floor_area=Decimal("1234.5"), available_from=dt.date(2026, 4, 1))
    Allocation.objects.create(
        organisation=haarlem,
        property=let,
        space_request=f.space_request_of(enterprise_haarlem),
        rent=Decimal(700),
        market_rent=Decimal(1500),
        start_date=dt.date(2026, 3, 1),
        procedure="exception",
        justification="Een vastgelegde motivering hier.",
        decided_by="College",
        decision_date=dt.date(2026, 2, 1),
    )
    client = login(vastgoed)
    rows = [
        [cell.value for cell in row]
        for row in _sheet(client.get(reverse("ecosystem:property-list"), {"_export": "xlsx"}).content)
    ]
    header = rows[0]
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_name["Atelier"]["Beschikbaar vanaf"] == dt.datetime(2026, 3, 1)
    assert by_name["Atelier"]["Status"] == "Toegewezen" and by_name["Loods"]["Status"] == "Beschikbaar"
    assert (
        by_name["Atelier"]["Vloeroppervlak (m²)"] == 45 and by_name["Loods"]["Vloeroppervlak (m²)"] == 1234.5
    )
    csv = csv_rows(client.get(reverse("ecosystem:property-list"), {"_export": "csv"}).content)
    record = next(dict(zip(csv[0], row, strict=True)) for row in csv[1:] if row[0] == "Atelier")
    assert record["Vloeroppervlak (m²)"] == "45" and record["Beschikbaar vanaf"] == "2026-03-01"


def test_property_list_shows_no_status_column(client, haarlem):
    f.property_of(haarlem)
    page = client.get(reverse("ecosystem:property-list")).content.decode()
    assert ">Status<" not in page


def test_rule_set_percentage_is_no_amount(login, broker_haarlem, haarlem):
    """ "Verplichting (%)" got the money format: a 5% obligation showed as "5,00"."""
    pf.rule_set(organisation=haarlem, name="Regeling Haarlem")
    rows = _sheet(
        login(broker_haarlem).get(reverse("procurement:rule-set-list"), {"_export": "xlsx"}).content
    )
    header = [cell.value for cell in rows[0]]
    row = next(row for row in rows if row[0].value == "Regeling Haarlem")
    percentage = row[header.index("Verplichting (%)")]
    threshold = row[header.index("Drempel")]
    assert percentage.value == 5 and percentage.number_format == "General"
    assert threshold.number_format == exports.AMOUNT_FORMAT


def test_instrument_export_has_the_amounts_as_two_money_columns(client):
    Instrument.objects.create(
        slug="qredits",
        kind="loan",
        name="Qredits microfinanciering",
        provider="Qredits",
        amount_min=Decimal("500"),
        amount_max=Decimal("50000"),
    )
    Instrument.objects.create(
        slug="crowd",
        kind="crowdfunding",
        name="Buurtcrowd",
        provider="Voor je Buurt",
        amount_min=None,
        amount_max=Decimal("25000"),
    )
    rows = _sheet(client.get(reverse("financing:instrument-list"), {"_export": "xlsx"}).content)
    header = [cell.value for cell in rows[0]]
    assert "Gebruikelijke bedragen" not in header
    low, high = header.index("Gebruikelijk bedrag vanaf"), header.index("Gebruikelijk bedrag tot")
    loan = next(row for row in rows if row[0].value == "Qredits microfinanciering")
    assert (loan[low].value, loan[high].value) == (500, 50000)
    assert loan[low].number_format == loan[high].number_format == exports.AMOUNT_FORMAT
    crowd = next(row for row in rows if row[0].value == "Buurtcrowd")
    assert (crowd[low].value, crowd[high].value) == (None, 25000)
    page = client.get(reverse("financing:instrument-list")).content.decode()
    assert "Gebruikelijke bedragen" in page and "Gebruikelijk bedrag vanaf" not in page
