"""Showcase search (enterprise register issue): an anonymous visitor searches the etalage by a
term and a filter, sees the result card and opens the public enterprise page; enterprises
that are not admitted stay out of the showcase."""

import pytest
from playwright.sync_api import expect

from enterprises.constants import AdmissionStatus
from enterprises.models import SHOWCASE, Enterprise

from .conftest import shoot

pytestmark = pytest.mark.e2e


def _search(page, **fields):
    form = page.get_by_role("search")
    for name, value in fields.items():
        control = form.locator(f"[name={name}]")
        if control.evaluate("el => el.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    with page.expect_response(lambda r: "/etalage/" in r.url and r.status == 200):
        form.get_by_role("button", name="Zoeken").click()


def test_visitor_searches_filters_and_opens_an_enterprise(page, console_errors):
    enterprise = (Enterprise.objects.filter(SHOWCASE, themes__isnull=False)
                  .select_related("municipality").order_by("pk").first())
    theme = enterprise.themes.order_by("pk").first()

    page.goto("/etalage/")
    _search(page, q=enterprise.name, theme=theme.slug, municipality=enterprise.municipality.slug)
    card = page.locator("main li, main article").filter(has_text=enterprise.name).first
    expect(card).to_be_visible()
    expect(card).to_contain_text(theme.name)

    card.get_by_role("link", name=enterprise.name).click()
    page.wait_for_url(f"**/etalage/{enterprise.pk}/")
    expect(page.locator("h1")).to_have_text(enterprise.name)
    expect(page.locator("main")).to_contain_text(enterprise.kvk_number)
    shoot(page, "showcase-detail")
    assert console_errors == []


def test_enterprise_that_is_not_admitted_is_not_in_the_showcase(page):
    hidden = Enterprise.objects.exclude(admission_status=AdmissionStatus.ADMITTED).order_by("pk").first()
    page.goto("/etalage/")
    _search(page, q=hidden.name)
    expect(page.get_by_role("link", name=hidden.name, exact=True)).to_have_count(0)
    assert page.goto(f"/etalage/{hidden.pk}/").status == 404
