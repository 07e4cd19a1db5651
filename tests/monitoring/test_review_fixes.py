"""Fixes from the user review of /monitoring/: the SROI share next to the amounts it is derived
from, the action programme's completed actions, the source's human name, numbers and months in the
page language, and the charts' locale."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.conf import settings
from django.utils import translation

from impactportal.indicators import Level
from monitoring import registry, reports, services
from monitoring.views import dashboard_data
from procurement import figures
from procurement.constants import RealisationStatus
from tests import factories as f
from tests.procurement import factories as pf

pytestmark = pytest.mark.django_db


def rows_by_code(user, owner, level=Level.ORGANISATION):
    data = dashboard_data(user, level, owner)
    return data, {row["code"]: row for row in data["rows"]}


# --- 1. the SROI share ------------------------------------------------------------------------


@pytest.fixture
def sroi(haarlem, broker_haarlem):
    """A contract of 2025 with an obligation of 50.000 (5% of a million) and 30.000 verified in March."""
    from procurement.models import Realisation

    contract = pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=pf.rule_set(organisation=haarlem))
    line = pf.realisation(contract, by=broker_haarlem, date=dt.date(2025, 3, 1))
    Realisation.objects.filter(pk=line.pk).update(status=RealisationStatus.VERIFIED, value=D("30000"))
    for month in (3, 6):
        services.snapshot_take(period=registry.month_period(2025, month))
    return contract


def test_sroi_share_agrees_with_the_amounts_beside_it_and_the_figures_page(sroi, haarlem, broker_haarlem):
    data, rows = rows_by_code(broker_haarlem, haarlem)
    assert data["latest"] == "2025-06"
    obligation, realised = D("50000"), D("30000")
    # Money with the euro sign, as the portal writes amounts (phone walk 2: "150,000.00 / Unit: euro").
    assert rows["procurement.sroi_obligation"]["latest"] == reports.figure(obligation, "money") == "€\xa050.000,00"
    # June has no realisation line of its own: the year to date still holds March's 30.000.
    assert rows["procurement.sroi_realised"]["latest"] == "€\xa030.000,00"
    assert rows["procurement.sroi_realised_share"]["latest"] == "60%"
    tiles = {t.key: t.value for t in figures.obligation_figures(broker_haarlem, haarlem, 2025)["tiles"]}
    assert tiles["obligation"] == obligation and tiles["realised"] == realised
    assert tiles["realised_share"] == D(60) == 100 * realised / obligation


def test_sroi_realised_is_zero_not_missing_where_there_is_an_obligation(haarlem, broker_haarlem):
    pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=pf.rule_set(organisation=haarlem))
    services.snapshot_take(period=registry.month_period(2025, 6))
    _data, rows = rows_by_code(broker_haarlem, haarlem)
    assert rows["procurement.sroi_realised"]["latest"] == "€\xa00,00"
    assert rows["procurement.sroi_realised_share"]["latest"] == "0%"


# --- 2. completed actions ---------------------------------------------------------------------


def test_completed_actions_are_the_action_programmes_count(haarlem, broker_haarlem):
    from brokers.constants import ActionStatus

    for day in (dt.date(2023, 5, 1), dt.date(2024, 11, 30), dt.date(2025, 2, 1)):
        f.agenda_action(haarlem, f"Klaar {day}", status=ActionStatus.DONE, completed_on=day)
    f.agenda_action(haarlem, "Bezig", status=ActionStatus.IN_PROGRESS)
    services.snapshot_take(period=registry.month_period(2025, 6))
    _data, rows = rows_by_code(broker_haarlem, haarlem)
    assert rows["brokers.actions_completed"]["latest"] == "3"


def test_a_chart_without_monthly_values_says_so(register, client, broker_haarlem, haarlem, monkeypatch):
    import monitoring.views as views

    real = views.dashboard_data

    def only_a_baseline(*args, **kwargs):
        data = real(*args, **kwargs)
        data["rows"][0]["chart"].update(labels=[], values=[])
        return data

    services.snapshot_take(period=registry.month_period(2025, 6))
    monkeypatch.setattr(views, "dashboard_data", only_a_baseline)
    client.force_login(broker_haarlem)
    html = client.get("/monitoring/?organisation=haarlem").content.decode()
    assert 'data-no-series="chart-0"' in html and "Nog geen maandmeting" in html
    assert '<canvas data-monitoring-chart="chart-0"' not in html


# --- 3. the source's name ---------------------------------------------------------------------


def test_source_is_the_apps_translated_name(register, sroi, client, broker_haarlem, haarlem):
    client.force_login(broker_haarlem)
    html = client.get("/monitoring/?organisation=haarlem").content.decode()
    cells = re.findall(r"<td[^>]*>([^<]*)</td></tr>", html)  # the last cell of a row: the source
    assert cells and not {"brokers", "ecosystem", "enterprises", "financing", "procurement"} & set(cells)
    assert "Inkoop en social return" in cells
    assert reports.source_label("enterprises") == "Impactondernemingen"
    with translation.override("en"):
        assert reports.source_label("procurement") == "Procurement and social return"
    assert reports.source_label("unknown-app") == "unknown-app"


# --- 4. numbers in the page language ----------------------------------------------------------


@pytest.mark.parametrize(("language", "money", "decimal", "count"), [
    ("nl", "150.000,00", "0,8", "2.326"),
    ("en", "150,000.00", "0.8", "2,326"),
])
def test_numbers_follow_the_active_language(language, money, decimal, count):
    with translation.override(language):
        assert reports.fmt(D("150000"), "money") == money
        assert reports.fmt(D("0.80"), "score") == decimal
        assert reports.fmt(D("2326"), "count") == count
        assert reports.fmt(None) == "–"


def test_english_dashboard_uses_english_separators(client, broker_haarlem, haarlem, sroi):
    client.force_login(broker_haarlem)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/monitoring/?organisation=haarlem").content.decode()
    assert "€50,000.00" in html and "50.000,00" not in html


# --- 5. chart axes in the page language -------------------------------------------------------


def test_charts_take_the_locale_of_the_page():
    script = (settings.BASE_DIR / "static/js/monitoring-charts.js").read_text()
    assert "document.documentElement.lang" in script and re.search(r"options: \{ locale,", script)


# --- 6. months as people write them -----------------------------------------------------------


@pytest.mark.parametrize(("language", "long", "short"), [
    ("nl", "november 2026", "nov 2026"),
    ("en", "November 2026", "Nov 2026"),
])
def test_month_labels_in_the_page_language(language, long, short):
    with translation.override(language):
        assert reports.month_label("2026-11") == long
        assert reports.month_label("2026-11", short=True) == short
        assert reports.month_label("nulmeting city-deal") == "nulmeting city-deal"


def test_dashboard_and_snapshot_name_the_month(register, client, broker_haarlem, haarlem):
    snapshot, _created = services.snapshot_take(period=registry.month_period(2025, 12))
    assert str(snapshot) == "december 2025"
    client.force_login(broker_haarlem)
    html = client.get("/monitoring/?organisation=haarlem").content.decode()
    assert "Laatste maandmeting: december 2025" in html and "2025-12" not in html.split("<main", 1)[-1]
    _data, rows = rows_by_code(broker_haarlem, haarlem)
    assert next(iter(rows.values()))["chart"]["labels"] == ["dec 2025"]
