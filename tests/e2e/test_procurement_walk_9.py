"""Procurement walk 9 in the browser: the contract page's "Contactpersoon uitnodigen" form folds
in a <details>; its "Annuleren" closed nothing (a link to "#" jumped to the top). Now it closes
the form, empties it and gives the focus back to the summary, without leaving the page."""

import pytest
from playwright.sync_api import expect

from procurement.models import Contract

pytestmark = pytest.mark.e2e


def test_cancel_closes_and_empties_the_invitation_form(page, login_as, console_errors):
    contract = Contract.objects.filter(organisation__slug="haarlem", closed_at__isnull=True).order_by("pk").first()
    login_as("makelaar-haarlem")
    page.goto(f"/inkoop/contracten/{contract.pk}/")
    panel = page.locator("details", has=page.get_by_text("Contactpersoon uitnodigen"))
    panel.locator("summary").click()
    expect(panel).to_have_attribute("open", "")
    name = panel.get_by_label("Naam")
    name.fill("Piet Jansen")
    panel.get_by_role("link", name="Annuleren").click()
    expect(panel).not_to_have_attribute("open", "")
    expect(panel.locator("summary")).to_be_focused()
    assert page.url.endswith(f"/inkoop/contracten/{contract.pk}/")  # no "#", no reload to the top
    panel.locator("summary").click()
    expect(name).to_have_value("")
    assert console_errors == []
