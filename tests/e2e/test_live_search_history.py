"""Workspace walk 9: the live search on a list needed two presses of Back: typing pushed the URL
(htmx, keyup) and leaving the field or pressing Enter fetched the same URL again (change, submit),
which htmx pushed a second time. One search is one history entry."""

import pytest

from .conftest import settled

pytestmark = pytest.mark.e2e


def test_one_search_is_one_history_entry(page, login_as, console_errors):
    login_as("makelaar-haarlem")
    page.goto("/register/")
    start = page.evaluate("history.length")
    search = page.locator("form.portal-filter-form input[name=q]")

    search.press_sequentially("bakker", delay=30)
    page.wait_for_url("**/register/?*q=bakker*")
    settled(page)
    page.locator("h1").click()  # leaving the field: a change event, the same URL again
    settled(page)
    assert page.evaluate("history.length") == start + 1

    search.focus()
    search.press("End")
    search.press_sequentially("ij", delay=30)
    search.press("Enter")  # the search button's submit after the typing's own request
    page.wait_for_url("**/register/?*q=bakkerij*")
    settled(page)
    assert page.evaluate("history.length") == start + 2

    page.go_back()
    page.wait_for_url("**/register/?*q=bakker&*")
    page.go_back()
    page.wait_for_url("**/register/")
    assert not console_errors
