"""The toolbox in the browser (issue 13): a broker answers a module, sees the progress go up, saves
a draft and resets it, prints the team's answers (a background job with progress, then a PDF to
download); the pages fit a 390 px phone."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import shoot, unique
from .test_public import WIDER_THAN_SCREEN

pytestmark = pytest.mark.e2e


def _answered(text: str) -> int:
    return int(re.search(r"(\d+) van \d+ vragen beantwoord", text).group(1))


def test_broker_answers_a_module_sees_progress_and_prints(page, login_as, console_errors):
    login_as("makelaar-haarlem")
    page.goto("/makelaars/toolbox/")
    before = _answered(page.locator("#toolbox-progress").inner_text())
    page.get_by_role("link", name=re.compile("Module 6: Ontwikkel een visie")).click()
    expect(page.locator("h1")).to_contain_text("Module 6")
    vision = unique("Haarlem verbindt impactmakers")
    card = page.locator("section", has=page.get_by_role("heading", name=re.compile("stip op de horizon")))
    card.get_by_label("Uw antwoord").fill(vision)
    card.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#module-progress")).to_contain_text("1 van 3")
    card = page.locator("section", has=page.get_by_role("heading", name=re.compile("stip op de horizon")))
    card.get_by_label("Uw antwoord").fill("Even een concept")
    card.get_by_role("button", name="Bewaren als concept").click()
    card = page.locator("section", has=page.get_by_role("heading", name=re.compile("stip op de horizon")))
    expect(card).to_contain_text("Concept")
    card.get_by_role("button", name="Terugzetten naar laatst opgeslagen").click()
    card = page.locator("section", has=page.get_by_role("heading", name=re.compile("stip op de horizon")))
    expect(card.get_by_label("Uw antwoord")).to_have_value(vision)
    # A choice question of the same module.
    choice = page.locator("section", has=page.get_by_role("heading", name=re.compile("manier van werken aan een visie")))
    choice.get_by_label("Een visie samen met ondernemers opgesteld").check()
    choice.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#module-progress")).to_contain_text("2 van 3")
    shoot(page, "toolbox-module")
    page.locator("main").get_by_role("link", name="Toolbox", exact=True).click()
    assert _answered(page.locator("#toolbox-progress").inner_text()) == before + 2
    page.locator("#print-all").click()
    expect(page.locator("#job-progress")).to_contain_text("De PDF is klaar", timeout=60_000)
    with page.expect_download() as download:
        page.locator("#job-download").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert console_errors == []


def test_toolbox_pages_fit_a_phone(browser, url, login_as, page):
    login_as("makelaar-haarlem")
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="nl-NL",
                                  storage_state=page.context.storage_state())
    phone = context.new_page()
    try:
        for path in ["/makelaars/toolbox/", "/makelaars/toolbox/module/1/", "/makelaars/toolbox/module/3/",
                     "/makelaars/begroting/overzicht/", "/makelaars/actieprogramma/"]:
            phone.goto(url(path))
            expect(phone.locator("h1")).to_be_visible()
            assert phone.evaluate(WIDER_THAN_SCREEN) == [], path
    finally:
        context.close()
