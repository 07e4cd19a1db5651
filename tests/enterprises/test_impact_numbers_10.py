"""An enterprise's self-declared impact figures read as people write numbers: the page wrote a stored
12.50 as "12,50" and 1450.00 as "1.450" but ``__str__`` as "9.00 personen". Now one formatter
(``monitoring.reports.fmt``, through ``indicator_value``): "9", "1.450", "12,5" in Dutch, "1,450"
and "12.5" in English; money keeps its cents."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from enterprises.models import ImpactIndicator, ImpactMeasurement

pytestmark = pytest.mark.django_db

FIGURES = [("Mensen aan het werk", Decimal("9.00"), "personen"), ("Begeleidingsuren", Decimal("1450.00"), "uren"),
           ("Opgeleide deelnemers", Decimal("12.50"), "fte")]


@pytest.fixture
def measurement(enterprise_haarlem):
    measurement = ImpactMeasurement.objects.create(
        enterprise=enterprise_haarlem, method="social_handprint", report_date=dt.date(2025, 3, 1),
        period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31))
    for order, (name, value, unit) in enumerate(FIGURES):
        ImpactIndicator.objects.create(measurement=measurement, name=name, value=value, unit=unit, order=order,
                                       period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                                       source="Impactrapport 2024")
    return measurement


def cells(html, measurement):
    """The value cell of each figure, in order."""
    found = []
    for indicator in measurement.indicators.all():
        row = html.split(f'data-indicator="{indicator.pk}"')[1].split("</tr>")[0]
        # The cell's attributes end with its label (data-label: a block per row on a phone).
        found.append(row.split('<td class="utrecht-table__cell"')[2].split(">", 1)[1].split("</td>")[0])
    return found


def page(client, url, language):
    client.cookies["django_language"] = language
    with translation.override(language):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("language", "expected"), [
    ("nl", ["9 personen", "1.450 uren", "12,5 fte"]),
    ("en", ["9 personen", "1,450 uren", "12.5 fte"]),
])
def test_the_brokers_enterprise_page_writes_whole_numbers_and_fractions_plainly(login, broker_haarlem,
                                                                               enterprise_haarlem, measurement,
                                                                               language, expected):
    html = page(login(broker_haarlem), reverse("enterprises:detail", args=[enterprise_haarlem.pk]), language)
    assert cells(html, measurement) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("nl", ["9 personen", "1.450 uren", "12,5 fte"]),
    ("en", ["9 personen", "1,450 uren", "12.5 fte"]),
])
def test_the_entrepreneurs_own_page_writes_them_alike(login, ondernemer_1, enterprise_haarlem, measurement,
                                                      language, expected):
    html = page(login(ondernemer_1), reverse("enterprises:mine-detail", args=[enterprise_haarlem.pk]), language)
    assert cells(html, measurement) == expected


def test_an_amount_of_money_keeps_its_cents(login, broker_haarlem, enterprise_haarlem, measurement):
    money = ImpactIndicator.objects.create(measurement=measurement, name="Besparing", value=Decimal("1450.50"),
                                           unit="euro", period_start=dt.date(2024, 1, 1),
                                           period_end=dt.date(2024, 12, 31), source="Impactrapport 2024", order=9)
    html = page(login(broker_haarlem), reverse("enterprises:detail", args=[enterprise_haarlem.pk]), "nl")
    row = html.split(f'data-indicator="{money.pk}"')[1].split("</tr>")[0]
    assert "1.450,50 euro" in row


def test_the_demo_impact_report_writes_them_alike():
    html = render_to_string("enterprises/measurement/demo_report_pdf.html", {
        "title": "Impactrapport 2024", "enterprise": {"name": "Kringloop"}, "year": 2024, "method": "Impactpad",
        "figures": [(name, value, unit, "Registratie 2024") for name, value, unit in FIGURES]})
    for value in ("<td>9</td>", "<td>1.450</td>", "<td>12,5</td>"):
        assert value in html
    assert "12,50" not in html and "9,00" not in html


@pytest.mark.parametrize(("language", "expected"), [
    ("nl", ["Mensen aan het werk: 9 personen", "Begeleidingsuren: 1.450 uren", "Opgeleide deelnemers: 12,5 fte"]),
    ("en", ["Mensen aan het werk: 9 personen", "Begeleidingsuren: 1,450 uren", "Opgeleide deelnemers: 12.5 fte"]),
])
def test_str_writes_the_figure_as_the_page_does(measurement, language, expected):
    with translation.override(language):
        assert [str(indicator) for indicator in measurement.indicators.all()] == expected


def test_str_of_an_unsaved_figure_with_a_plain_number():
    indicator = ImpactIndicator(name="Vrijwilligers", value=Decimal("3"), unit="personen")
    with translation.override("nl"):
        assert str(indicator) == "Vrijwilligers: 3 personen"
