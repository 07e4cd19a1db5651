"""A long unbroken word someone typed (user review 5: a 6,000-character admission reason) wraps
on the enterprise page instead of running past the layout, at desktop and phone width."""

import pytest

from enterprises.models import Enterprise

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", [1280, 390])
def test_a_long_unbroken_reason_wraps_on_the_enterprise_page(page, login_as, width):
    enterprise = Enterprise.objects.filter(municipality__slug="haarlem").order_by("pk").first()
    reasons = enterprise.admission_reasons
    Enterprise.objects.filter(pk=enterprise.pk).update(admission_reasons="Onvoldoende" * 60)
    try:
        page.set_viewport_size({"width": width, "height": 900})
        login_as("makelaar-haarlem")
        page.goto(f"/register/{enterprise.pk}/")
        assert "Onvoldoende" * 3 in page.locator("main").inner_text().replace("\n", "")
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        main = page.locator("main").bounding_box()
        assert main["x"] + main["width"] <= width
    finally:
        Enterprise.objects.filter(pk=enterprise.pk).update(admission_reasons=reasons)


@pytest.mark.parametrize("width", [390])
def test_a_long_word_in_a_fieldset_legend_wraps_on_the_impact_measurement(page, login_as, width):
    """A fieldset is as wide as its min-content unless told otherwise: an indicator named with one
    long word (its legend) made the impact measurement page 547px wide on a phone (user review 12)."""
    import datetime

    from enterprises.measurement.models import ImpactIndicator, ImpactMeasurement

    enterprise = Enterprise.objects.filter(municipality__slug="haarlem").order_by("pk").first()
    measurement, created = ImpactMeasurement.objects.get_or_create(enterprise=enterprise)
    indicator = ImpactIndicator.objects.create(
        measurement=measurement, name="Werkervaringsplaatsenvoorstatushoudersenjongeren", value=3, unit="personen",
        period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 6, 30), source="eigen telling")
    try:
        page.set_viewport_size({"width": width, "height": 900})
        login_as("makelaar-haarlem")
        page.goto(f"/register/{enterprise.pk}/impactmeting/")
        assert page.get_by_text("Werkervaringsplaatsen", exact=False).count()
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    finally:
        indicator.delete()
        if created:
            measurement.delete()
