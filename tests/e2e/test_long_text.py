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
