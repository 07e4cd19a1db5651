"""Every page in the main menu and the footer, per role: it loads (200), has a heading and
raises no console errors (CSP violations of scripts or styles, missing assets, JS errors).
Pages that feature issues add to the menu are covered automatically."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

# The steering group's menu is a subset of these (dashboard, showcase, knowledge base, parties).
ROLES = [None, "makelaar-haarlem", "inkoper-haarlem", "ondernemer-1"]
# Swagger UI renders its own layout, without the portal's <main><h1>.
NOT_PORTAL_LAYOUT = {"/api/v1/docs/"}
# A file, not a page (the footer's open data): fetched, not opened.
DOWNLOADS = {"/financiering/open-data/uitkomstcontracten.json"}


@pytest.mark.parametrize("username", ROLES, ids=[u or "anonymous" for u in ROLES])
def test_menu_pages_load_without_console_errors(page, login_as, console_errors, username):
    if username:
        login_as(username)
    else:
        page.goto("/")
    # The footer is the same for everyone: its links are checked once, anonymously.
    links = page.locator(".portal-nav a" if username else ".portal-nav a, .portal-footer a")
    hrefs = list(dict.fromkeys(links.evaluate_all("links => links.map(a => a.getAttribute('href'))")))
    assert len(hrefs) >= 3, hrefs
    problems = []
    for href in hrefs:
        if href in DOWNLOADS:
            download = page.request.get(href)
            if download.status != 200 or not isinstance(download.json(), dict):
                problems.append(f"{href}: HTTP {download.status}")
            continue
        response = page.goto(href)
        if response is None or response.status != 200:
            problems.append(f"{href}: HTTP {response.status if response else '-'}")
            continue
        if href not in NOT_PORTAL_LAYOUT:
            expect(page.locator("main h1").first).to_be_visible()
        problems += [f"{href}: {error}" for error in console_errors]
        console_errors.clear()
    assert problems == []
