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


@pytest.mark.django_db
def test_money_and_percentages_carry_their_sign_as_in_module_9(snapshots, broker_haarlem, haarlem):
    """Module 13 wrote "150.000,00 euro" and "44,2 procent" where module 9 of the same print wrote
    "€ 240.000,00" and "53,2%": the values are written as the report's tables write them."""
    from monitoring import registry
    from monitoring.models import SnapshotValue

    units = {ind.code: ind.unit for ind in registry.indicators()}
    money = next(code for code, unit in units.items() if unit == "money")
    # The latest monthly snapshot (the fixture's December), not the latest of any kind: the
    # programme's baseline falls on its random start date, which may come after December 2025.
    latest = SnapshotValue.objects.filter(organisation=haarlem, snapshot=snapshots).first()
    SnapshotValue.objects.update_or_create(snapshot=snapshots, level=latest.level, organisation=haarlem,
                                           code=money, defaults={"value": "150000", "basis": latest.basis,
                                                                 "source": "financing"})
    rows = {row["code"]: row for row in contributions.toolbox_sources()["monitoring.indicators"].context(
        broker_haarlem, haarlem)["rows"]}
    assert rows[money]["value"] == "€\xa0150.000,00"
    assert all(row["value"].endswith("%") for code, row in rows.items() if units[code] == "percentage")
