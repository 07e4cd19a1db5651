"""The functional administrator's staff pages in a browser, on a phone (390 px): the list (a menu
page, also walked by test_accessibility), a member's page, the invitation form and its answer;
axe-core finds no WCAG 2.1 A/AA violation and nothing scrolls sideways."""

import pytest

from .conftest import unique
from .test_accessibility import PHONE, WIDER_THAN_SCREEN, _axe, _overflow

pytestmark = pytest.mark.e2e


def _fits(page, problems):
    problems += [f"{page.url}: axe {violation}" for violation in _axe(page)]
    if _overflow(page) > 1:
        problems.append(f"{page.url}: wider than a phone: {page.evaluate(WIDER_THAN_SCREEN)}")


def test_an_administrator_invites_a_colleague_on_a_phone(page, login_as, console_errors):
    page.set_viewport_size(PHONE)
    login_as("makelaar-haarlem")
    # The organisation's staff: a link next to the user's name in the page header, not in the menu.
    assert page.locator("#portal-menu a", has_text="Medewerkers").count() == 0
    page.locator(".portal-header__tools a", has_text="Medewerkers").click()
    assert page.locator("h1").inner_text() == "Medewerkers van Gemeente Haarlem"
    problems = []
    _fits(page, problems)

    page.locator("#object-table a", has_text="Ingrid").click()  # inkoper-haarlem's page
    assert page.locator("h1").inner_text() == "Ingrid Inkoper"
    assert page.locator("#id_department").input_value() == "inkoop"
    _fits(page, problems)

    page.goto("/beheer/medewerkers/uitnodigen/")
    _fits(page, problems)
    email = f"{unique('collega')}@example.org"
    page.fill("#id_email", email)
    page.fill("#id_first_name", "Nina")
    page.select_option("#id_role", "colleague")
    page.get_by_role("button", name="Uitnodiging versturen").click()  # no department: a field error
    assert page.locator("#id_department_error").is_visible()
    _fits(page, problems)
    page.select_option("#id_department", "economie")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    assert f"{email} is uitgenodigd als medewerker van Gemeente Haarlem" in page.content()
    assert page.locator("#object-table", has_text=email).is_visible()
    _fits(page, problems)
    assert not problems, "\n".join(problems)
    # The form in error answers 400 (as the portal's actions do), which the browser logs; nothing else.
    assert [error for error in console_errors if "status of 400" not in error] == []
