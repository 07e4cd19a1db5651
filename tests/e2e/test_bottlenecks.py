"""The bottleneck register in the browser: Amersfoort's broker says "we see this too" on a
bottleneck Haarlem shared with the City Deal; the steering group reads the overview by theme and
level (table and chart), also on a 390 px phone."""

import pytest
from playwright.sync_api import expect

from ecosystem.models import BottleneckEndorsement

from .conftest import shoot, unique
from .test_public import WIDER_THAN_SCREEN

pytestmark = pytest.mark.e2e


def test_broker_signals_and_shares_and_steering_reads_the_overview(page, login_as, console_errors, browser, url):
    title = unique("Knelpunt E2E")
    login_as("makelaar-haarlem")
    page.goto("/ecosysteem/knelpunten/nieuw/")
    page.locator("#id_title").fill(title)
    page.locator("#id_description").fill("Ondernemers lopen vast op de regels voor vergunningen.")
    page.locator("#id_theme").select_option("permits")
    page.locator("#id_level").select_option("national")
    page.locator("form.utrecht-form button[type=submit]").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("Kies het ministerie")
    page.locator("#id_ministry").select_option("bzk")
    page.locator("form.utrecht-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(title)
    page.locator("#share-form button[type=submit]").click()
    expect(page.locator("#bottleneck-shared")).to_be_visible()
    assert console_errors == []

    login_as("stuurgroep")
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="nl-NL",
                                  storage_state=page.context.storage_state())
    phone = context.new_page()
    try:
        phone.goto(url("/ecosysteem/knelpunten/overzicht/"))
        expect(phone.locator("#theme-level-table")).to_be_visible()
        expect(phone.get_by_role("link", name=title)).to_be_visible()
        phone.wait_for_function("() => window.Chart && Chart.getChart(document.querySelector('canvas[data-chart]'))")
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        culprits = phone.evaluate(WIDER_THAN_SCREEN) if overflow > 0 else []
        assert overflow <= 0, f"the overview is {overflow}px wider than a 390px screen: {culprits}"
        shoot(phone, "bottlenecks-overview-phone")
        # A bottleneck seen by other organisations: their table scrolls in its own box (the
        # page's single column once grew to the table's width, 581 px).
        seen = BottleneckEndorsement.objects.filter(bottleneck__shared_with__isnull=False).order_by("bottleneck_id").values_list("bottleneck_id", flat=True).first()
        phone.goto(url(f"/ecosysteem/knelpunten/{seen}/"))
        expect(phone.locator("#endorsements")).to_be_visible()
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        culprits = phone.evaluate(WIDER_THAN_SCREEN) if overflow > 0 else []
        assert overflow <= 0, f"the bottleneck page is {overflow}px wider than a 390px screen: {culprits}"
    finally:
        context.close()
