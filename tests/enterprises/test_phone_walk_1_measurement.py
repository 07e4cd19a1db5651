"""Phone walk 1: the impact measurement form showed a head count as "9,00" / "9.00" (the value
is stored with two decimals); a count shows whole, an amount of money keeps its cents."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from enterprises.measurement.forms import is_money_unit
from enterprises.models import ImpactIndicator, ImpactMeasurement

pytestmark = pytest.mark.django_db


def _value(page, index):
    field = re.search(rf'<input[^>]*name="indicators-{index}-value"[^>]*>', page).group(0)
    return re.search(r'value="([^"]*)"', field).group(1)


def test_counts_show_whole_and_money_keeps_its_cents(login, ondernemer_1, enterprise_haarlem):
    measurement = ImpactMeasurement.objects.create(
        enterprise=enterprise_haarlem,
        method="impactpad",
        report_date=dt.date(2025, 3, 1),
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 12, 31),
    )
    for order, (value, unit) in enumerate(
        [("9.00", "personen"), ("22.40", "ton CO₂"), ("1500.00", "euro"), ("3.00", "€"), ("1450.50", "uren")]
    ):
        ImpactIndicator.objects.create(
            measurement=measurement,
            name=f"Kerncijfer {order}",
            value=Decimal(value),
            unit=unit,
            period_start=dt.date(2024, 1, 1),
            period_end=dt.date(2024, 12, 31),
            source="Impactrapport 2024",
            order=order,
        )
    page = (
        login(ondernemer_1).get(reverse("enterprises:impact", args=[enterprise_haarlem.pk])).content.decode()
    )
    assert _value(page, 0) == "9"
    assert _value(page, 1) == "22,4"
    assert _value(page, 2) in ("1500,00", "1.500,00")
    assert _value(page, 3) == "3,00"
    assert _value(page, 4) in ("1450,5", "1.450,5")


@pytest.mark.parametrize(
    ("unit", "money"),
    [
        ("euro", True),
        ("€", True),
        ("x 1.000 euro", True),
        ("EUR", True),
        ("personen", False),
        ("banen", False),
        ("kg CO₂", False),
        ("", False),
    ],
)
def test_money_units(unit, money):
    assert is_money_unit(unit) is money
