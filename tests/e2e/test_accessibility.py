"""Every page of every role's menu, at phone width (390 px): axe-core finds no WCAG 2.1 A/AA
violation and the page never scrolls sideways (tables scroll inside their own container).
Pages that feature issues add to the menu are covered automatically (issue 8, items 11 and 19)."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ROLES = [None, "makelaar-haarlem", "inkoper-haarlem", "ondernemer-1", "stuurgroep"]
PHONE = {"width": 390, "height": 844}
# Swagger UI is a third-party page with its own layout and markup.
NOT_OURS = {"/api/v1/docs/"}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _axe(page) -> list[str]:
    # Evaluated through the browser's debugging protocol: the page's CSP does not apply.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(', ')}`)",
        WCAG)
    return violations


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("username", ROLES, ids=[u or "anonymous" for u in ROLES])
def test_menu_pages_are_accessible_and_fit_a_phone(page, login_as, username):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make install` (npm ci installs axe-core)")
    page.set_viewport_size(PHONE)
    if username:
        login_as(username)
    else:
        page.goto("/")
    hrefs = list(dict.fromkeys(page.locator(".portal-nav a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")))
    assert len(hrefs) >= 3, hrefs
    problems = []
    for href in ["/dashboard/" if username else "/", *hrefs]:
        if href in NOT_OURS:
            continue
        page.goto(href)
        problems += [f"{href}: axe {violation}" for violation in _axe(page)]
        wider = _overflow(page)
        if wider > 1:
            problems.append(f"{href}: {wider} px wider than a 390 px phone")
    assert not problems, "\n".join(problems)
