"""Accessibility walk 10 in the browser: Escape folds the phone's open "Menu" and gives the focus
back to its button; the enterprise search field announces how many suggestions arrived."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from enterprises.models import Enterprise

pytestmark = pytest.mark.e2e

NARROW = {"width": 320, "height": 640}


def test_escape_in_the_open_phone_menu_folds_it_and_returns_to_the_menu_button(page, login_as, console_errors):
    page.set_viewport_size(NARROW)
    login_as("makelaar-haarlem")
    menu, toggle = page.locator("#portal-menu"), page.locator(".portal-nav__toggle")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()

    # Escape in an open group closes the group first (and the menu stays open) ...
    group = page.locator("#portal-menu .portal-nav__group > details > summary").first
    group.click()
    page.locator("#portal-menu .portal-nav__group > details[open] .portal-nav__submenu a").first.focus()
    page.keyboard.press("Escape")
    expect(page.locator("#portal-menu details[open]")).to_have_count(0)
    expect(group).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "true")

    # ... then Escape with no group open folds the menu and gives the focus to "Menu".
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    expect(toggle).to_be_focused()

    # Escape outside the menu (the menu open) leaves it alone.
    toggle.click()
    page.locator("main h1").click()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert console_errors == []


def test_the_supplier_search_announces_its_suggestions(page, login_as, console_errors):
    broker = get_user_model().objects.get(username="makelaar-haarlem")
    name = Enterprise.objects.for_user(broker).order_by("name").values_list("name", flat=True).first()
    login_as("makelaar-haarlem")
    page.goto("/inkoop/contracten/nieuw/")
    box = page.locator("#id_supplier")
    status = page.locator("#id_supplier-suggestions-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text("")

    box.press_sequentially(name[:6], delay=20)
    expect(status).to_have_text(re.compile(r"^(1 suggestie|\d+ suggesties|\d+ of meer suggesties); kies met pijl omlaag"))
    count = page.locator("#id_supplier-suggestions option").count()
    assert count >= 1 and status.inner_text().startswith(str(count))

    box.fill("")
    box.press_sequentially("qqzzxxqq", delay=20)
    expect(status).to_have_text("Geen ondernemingen gevonden; typ meer of iets anders")
    expect(page.locator("#id_supplier-suggestions option")).to_have_count(0)
    assert console_errors == []
