"""Monitoring in the browser: Haarlem's broker requests a report, watches its progress, opens the
PDF and approves it; the indicator dashboard draws its charts (Chart.js) without console errors."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from .conftest import shoot

pytestmark = pytest.mark.e2e


def test_request_watch_open_and_approve_a_report(page, login_as, console_errors):
    login_as("makelaar-haarlem")
    page.goto("/monitoring/rapporten/")
    page.locator("#report-new").click()
    page.locator("#id_kind").select_option("evaluation")
    page.locator("#id_organisation").select_option("haarlem")
    # The year of last month: a report needs a measurement of its own year (none yet in January).
    page.locator("#id_period").fill(str((dt.date.today().replace(day=1) - dt.timedelta(days=1)).year))
    page.locator("#report-request-form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("Evaluatie")
    # Progress: the status block polls until the report is done (eager Celery here: quickly).
    expect(page.locator("#report-status [data-status]")).to_have_attribute("data-status", "done", timeout=60_000)
    href = page.locator("#report-pdf").get_attribute("href")
    pdf = page.request.get(href)
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    page.locator("#comment-form #id_section").select_option("indicators")
    page.locator("#comment-form #id_body").fill("De cijfers sluiten aan bij de raadsinformatie.")
    page.locator("#comment-form button[type=submit]").click()
    expect(page.locator("#reviews")).to_contain_text("De cijfers sluiten aan")
    page.locator("#decision-form #id_outcome").select_option("approved")
    # Approving renders the report's files again (seconds): once pressed, the button says what is
    # happening and a second press sends nothing (portal.js busyButtons). Watched with the sending
    # held back by a listener after the page's own; then the page as the browser's Back shows it.
    page.evaluate("""() => {
      window.heldSubmits = [];
      window.holdSubmit = (event) => {
        const button = document.getElementById("decide");
        window.heldSubmits.push({busy: button.getAttribute("aria-disabled"), text: button.textContent,
                                 blocked: event.defaultPrevented});
        event.preventDefault();
      };
      window.addEventListener("submit", window.holdSubmit);
    }""")
    page.locator("#decide").click()
    page.locator("#decide").click(force=True)  # pressed again while busy
    first, second = page.evaluate("() => window.heldSubmits")
    assert first == {"busy": "true", "text": "Besluit wordt vastgelegd; de PDF wordt opnieuw opgemaakt …",
                     "blocked": False}
    assert second["blocked"]
    page.evaluate("() => { window.removeEventListener('submit', window.holdSubmit); "
                  "window.dispatchEvent(new Event('pageshow')); }")
    expect(page.locator("#decide")).to_have_text("Besluit vastleggen")
    expect(page.locator("#decide")).not_to_have_attribute("aria-disabled", "true")
    page.locator("#decide").click()
    expect(page.locator("#approved-by")).to_contain_text("Vastgesteld door")
    expect(page.locator("#decision-form")).to_have_count(0)
    shoot(page, "monitoring-report-approved")
    assert console_errors == []


def test_dashboard_draws_the_time_series(page, login_as, console_errors):
    login_as("makelaar-haarlem")
    page.goto("/monitoring/?organisation=haarlem")
    expect(page.locator("#indicator-table")).to_be_visible()
    page.wait_for_function("() => window.Chart && Chart.getChart(document.querySelector('canvas[data-monitoring-chart]'))")
    # A monotone line: a smoothed one dipped below two equal months (user walk 9).
    assert page.evaluate("() => Chart.getChart(document.querySelector('canvas[data-monitoring-chart]'))"
                         ".data.datasets[0].cubicInterpolationMode") == "monotone"
    shoot(page, "monitoring-dashboard")
    assert console_errors == []
