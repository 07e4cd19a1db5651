"""Real estate in the browser: an entrepreneur files a space request and shows interest in a
matching property; Haarlem's real-estate colleague sees the matches (with rents), is refused an
exception without justification (Didam) and allocates with a justified exception."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from .conftest import shoot, unique

pytestmark = pytest.mark.e2e

JUSTIFICATION = ("Alleen deze ondernemer combineert productie met leerwerkplekken in de wijk; er is dus één "
                 "serieuze gegadigde.")


def test_space_request_from_entrepreneur_to_allocation(page, login_as, console_errors):
    purpose = unique("Werkplaats met leerwerkplekken")
    login_as("ondernemer-1")
    page.goto("/ecosysteem/vastgoed/ruimtevragen/nieuw/")
    page.locator("#id_min_area").fill("100")
    page.locator("#id_max_area").fill("450")
    page.locator("#id_property_type").select_option("")
    page.locator("#id_budget").fill("1500")
    page.locator("#id_area").fill("Schalkwijk")
    # Ten days ahead: a new request may not start in the past.
    page.locator("#id_start_date").fill((dt.date.today() + dt.timedelta(days=10)).isoformat())
    page.locator("#id_purpose").fill(purpose)
    page.locator("form.utrecht-form button[type=submit]").click()
    expect(page.locator("#matches")).to_be_visible()
    expect(page.locator("#matches")).not_to_contain_text("€")  # rents belong to the owner organisation
    first = page.locator("#matches tbody tr").first
    expect(first).to_contain_text("Schalkwijk")
    first.locator("button[type=submit]").click()
    expect(page.locator("#responses")).to_be_visible()
    request_url = page.url
    assert console_errors == []

    login_as("vastgoed-haarlem")
    page.goto(request_url)
    expect(page.locator("#matches")).to_contain_text("€")
    expect(page.locator("#responses")).to_be_visible()
    shoot(page, "realestate-matches")
    form = page.locator("#allocate-form")
    form.locator("#id_allocate-rent").fill("900")
    form.locator("input[name='allocate-procedure'][value='exception']").check()
    form.locator("#id_allocate-decided_by").fill("College van B&W")
    form.locator("#id_allocate-decision_date").fill("2026-11-20")
    form.locator("button[type=submit]").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("volledige zin")
    form = page.locator("#allocate-form")
    form.locator("input[name='allocate-procedure'][value='exception']").check()
    form.locator("#id_allocate-justification").fill(JUSTIFICATION)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/vastgoed/toewijzingen/\d+/$"))
    expect(page.locator("#justification")).to_contain_text("één serieuze gegadigde")
    expect(page.locator("#benefit")).to_be_visible()
    shoot(page, "realestate-allocation")
    # The refused allocation answered 400 on purpose (the form again with its errors); nothing else.
    assert [e for e in console_errors if "status of 400" not in e] == []
