"""htmx walk 22: dynamic parts that worked the first time and broke later (static/js/portal.js).

* Back through live searches: htmx puts back its copy of the page, whose fields showed the page as
  first served ("Alle") beside the results of the address ("Status: open"); the next keystroke
  sent the search without the filter. Past the copies htmx keeps, the page came back as a bare
  table without header or menu.
* The language switch and a key filter's "dit filter weghalen" went to the address the page was
  rendered with: the filters chosen since were dropped.
* After the session ended, a live search showed the whole login page inside the list.
* The MKBA calculator's live errors left their fields unmarked, and after the page came back with
  errors a corrected field stayed marked invalid.
* A realisation's fields, swapped in for the chosen block: the error summary of the block sent
  before stayed above the next block's fields, Back showed "Kies …" above a block's fields, and
  their create form lost its send-once token (Back and Melden made a second line)."""

import random
import re

import pytest
from playwright.sync_api import expect

from enterprises.models import Enterprise
from procurement.constants import BlockKind
from procurement.models import Contract

from .conftest import new_contract, settled, unique

pytestmark = pytest.mark.e2e

FILTERS = "form.portal-filter-form"


def _sent(page):
    """The htmx requests ``page`` sends from here on (method, URL)."""
    sent = []
    page.on("request", lambda r: sent.append((r.method, r.url)) if r.headers.get("hx-request") else None)
    return sent


def test_back_through_live_searches_puts_their_filters_back_in_the_fields(page, login_as, console_errors):
    login_as("makelaar-haarlem")
    page.goto("/helpdesk/")
    status, category = page.locator(f"{FILTERS} [name=status]"), page.locator(f"{FILTERS} [name=category]")
    status.select_option("open")
    page.wait_for_url("**/helpdesk/?*status=open*")
    settled(page)
    category.select_option("financing")
    page.wait_for_url("**/helpdesk/?*category=financing*")
    settled(page)

    page.go_back()
    page.wait_for_url("**/helpdesk/?*category=&*")
    expect(status).to_have_value("open")  # was "" (Alle) beside the results of "open"
    expect(category).to_have_value("")
    expect(page.locator(".portal-filter-panel__summary")).to_have_text("Filters (1)")
    sent = _sent(page)
    page.locator(f"{FILTERS} [name=q]").press_sequentially("le", delay=30)
    page.wait_for_url("**/helpdesk/?*q=le*")
    settled(page)
    assert sent and all("status=open" in url for _method, url in sent), sent

    page.go_back()
    page.go_back()
    page.wait_for_url("**/helpdesk/")  # the page as first served: its fields as served
    expect(status).to_have_value("")
    assert not console_errors


def test_back_past_the_pages_htmx_kept_loads_the_whole_page(page, login_as, console_errors):
    login_as("makelaar-haarlem")
    page.goto("/helpdesk/")
    page.locator(f"{FILTERS} [name=status]").select_option("open")
    page.wait_for_url("**/helpdesk/?*status=open*")
    settled(page)
    page.evaluate("sessionStorage.removeItem('htmx-history-cache')")  # as after more than ten searches
    page.go_back()
    page.wait_for_url("**/helpdesk/")
    settled(page)
    expect(page.locator("h1")).to_have_text("Helpdesk: vragen van ondernemers")  # was a bare table
    expect(page.locator("header.portal-header")).to_have_count(1)
    expect(page.locator("#results table")).to_be_visible()
    assert not console_errors


def test_switching_the_language_keeps_the_filters_chosen_on_the_page(page, login_as, console_errors):
    login_as("makelaar-haarlem")
    page.goto("/helpdesk/")
    page.locator(f"{FILTERS} [name=status]").select_option("open")
    page.wait_for_url("**/helpdesk/?*status=open*")
    settled(page)
    try:
        page.locator(".portal-language button[value=en]").click()
        page.wait_for_url("**/helpdesk/?*status=open*")  # was /helpdesk/
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.locator(f"{FILTERS} [name=status]")).to_have_value("open")
    finally:  # the language is the user's own (stored): Dutch again for the next journeys
        page.locator(".portal-language button[value=nl]").click()
        page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert not console_errors


def test_removing_a_key_filter_keeps_the_filters_chosen_since(page, login_as, console_errors):
    login_as("makelaar-haarlem")
    enterprise = Enterprise.objects.filter(municipality__slug="haarlem").order_by("pk").first()
    page.goto(f"/contactmomenten/?enterprise={enterprise.pk}")
    key = page.locator("[data-key-filter]")
    expect(key).to_contain_text(enterprise.name)
    page.locator(f"{FILTERS} [name=kind]").select_option("intake")
    page.wait_for_url("**/contactmomenten/?*kind=intake*")
    settled(page)
    key.get_by_role("link", name="dit filter weghalen").click()
    page.wait_for_url("**/contactmomenten/?*kind=intake*")  # was /contactmomenten/?
    assert f"enterprise={enterprise.pk}" not in page.url
    expect(page.locator("[data-key-filter]")).to_have_count(0)
    expect(page.locator(f"{FILTERS} [name=kind]")).to_have_value("intake")
    assert not console_errors


def test_a_live_search_after_the_session_ended_leads_to_the_login(page, login_as):
    login_as("makelaar-haarlem")
    page.goto("/helpdesk/")
    kept = [cookie for cookie in page.context.cookies() if cookie["name"] != "sessionid"]
    page.context.clear_cookies()
    page.context.add_cookies(kept)  # the session ended; the CSRF cookie stays
    page.locator(f"{FILTERS} [name=q]").press_sequentially("le", delay=30)
    page.wait_for_url("**/accounts/login/?next=/helpdesk/")
    expect(page.locator("header.portal-header")).to_have_count(1)  # was the login page inside the list
    expect(page.locator("h1")).to_have_text("Inloggen")


def test_the_calculators_live_errors_mark_their_fields(page, login_as, console_errors):
    login_as("makelaar-haarlem")
    page.goto("/financiering/mkba/nieuw/")
    costs, count = page.locator("#id_costs"), page.locator("#id_indicators-0-count")
    page.locator("#id_title").fill(unique("MKBA"))
    costs.fill("abc")
    page.locator("#mkba-form button[type=submit]").first.click()
    page.wait_for_load_state()
    expect(costs).to_have_attribute("aria-invalid", "true")
    console_errors.clear()  # the browser logs the expected 400 of the form in error

    costs.fill("")
    costs.press_sequentially("1000", delay=20)
    expect(page.locator("#id_costs_error")).to_have_text("")
    expect(costs).not_to_have_attribute("aria-invalid", "true")  # stayed "true", and red
    expect(costs).not_to_have_class("utrecht-textbox utrecht-textbox--invalid")
    expect(page.locator(".utrecht-form-field--invalid:has(#id_costs)")).to_have_count(0)

    count.press_sequentially("x", delay=20)
    expect(page.locator("#id_indicators-0-count_error")).to_contain_text("Voer een getal in")
    expect(count).to_have_attribute("aria-invalid", "true")  # was unmarked
    assert "id_indicators-0-count_error" in count.get_attribute("aria-describedby")
    count.fill("")
    count.press_sequentially("5", delay=20)
    expect(page.locator("#id_indicators-0-count_error")).to_have_text("")
    expect(count).not_to_have_attribute("aria-invalid", "true")
    assert "id_indicators-0-count_error" not in (count.get_attribute("aria-describedby") or "")
    assert not console_errors


def _contract(page):
    title = unique("Schoonmaak E2E 22")
    new_contract(page, title)
    return Contract.objects.get(title=title)


def test_a_realisations_block_fields_follow_errors_back_and_the_send_once_token(page, login_as, console_errors):
    login_as("makelaar-haarlem")
    contract = _contract(page)
    blocks = contract.rule_set.blocks
    placement = blocks.filter(kind=BlockKind.PLACEMENT).first()
    other = blocks.exclude(pk=placement.pk).filter(kind=BlockKind.PLACEMENT).first() or \
        blocks.exclude(pk=placement.pk).first()
    hours = blocks.filter(code="kennisuren").first()
    url = f"/inkoop/contracten/{contract.pk}/realisaties/nieuw/"
    choice = page.locator("#block-choice #id_block")

    # Sent without its fields, then another block chosen: the summary of the first goes.
    page.goto(f"{url}?block={placement.pk}")
    page.locator("#realisation-form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    console_errors.clear()  # the expected 400 of the form in error
    choice.select_option(str(other.pk))
    page.wait_for_url(f"**{url}?block={other.pk}")
    expect(page.locator("#realisation-form input[name=block]")).to_have_value(str(other.pk))
    expect(page.locator("[data-error-summary]")).to_have_count(0)  # stayed, naming the first block's fields
    expect(page).not_to_have_title("Controleer uw invoer*")

    # Back: the select names the block whose fields are shown.
    page.go_back()
    page.wait_for_url(f"**{url}?block={placement.pk}")
    expect(page.locator("#realisation-form input[name=block]")).to_have_value(str(placement.pk))
    expect(choice).to_have_value(str(placement.pk))

    # The fields swapped in for a block are sent once: Back and Melden shows the line made.
    page.goto(url)
    choice.select_option(str(hours.pk))
    expect(page.locator("#id_hours")).to_be_visible()
    page.locator("#id_date").fill("2025-05-01")
    page.locator("#id_hours").fill(str(random.randint(2, 999)))  # noqa: S311 - not the previous journey's line
    page.locator("#realisation-form button[type=submit]").click()
    page.wait_for_url(f"**/inkoop/contracten/{contract.pk}/")
    assert contract.realisations.filter(block=hours).count() == 1
    page.go_back()
    page.wait_for_url(f"**{url}?block={hours.pk}")
    expect(page.locator("#id_hours")).not_to_have_value("")  # what was typed, put back by the browser
    page.locator("#realisation-form button[type=submit]").click()
    page.wait_for_url(f"**/inkoop/contracten/{contract.pk}/")
    expect(page.locator(".portal-messages")).to_contain_text("Dit formulier was al verstuurd")
    assert contract.realisations.filter(block=hours).count() == 1  # not a second line
    assert not console_errors


def test_a_part_of_the_page_that_could_not_be_updated_says_so(page, login_as):
    """htmx does not swap an error answer: a live search answered 500 (or 403 after a role changed)
    left the list as it was and said nothing. An alert says so until the next request."""
    login_as("makelaar-haarlem")
    page.goto("/helpdesk/")
    alert = page.locator(".portal-update-failed[role=alert]")
    searches = re.compile(r"/helpdesk/\?")
    page.route(searches, lambda route: route.fulfill(status=500, body="Server Error"))
    page.locator(f"{FILTERS} [name=status]").select_option("open")
    expect(alert).to_have_count(1)
    expect(alert).to_contain_text("kon niet worden bijgewerkt")
    page.unroute(searches)
    page.locator(f"{FILTERS} [name=status]").select_option("")
    settled(page)
    expect(alert).to_have_count(0)
