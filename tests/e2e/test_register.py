"""Enterprise register (feature issue): an entrepreneur registers an enterprise with its KvK
number, applies for admission to the showcase, the broker of its municipality admits it, the
entrepreneur publishes it and it appears in the showcase."""

import random

import pytest
from playwright.sync_api import expect

from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise

from .conftest import make_user, shoot, unique

pytestmark = pytest.mark.e2e


def _free_kvk_number():
    while True:
        number = f"9{random.randrange(10**7):07d}"
        if not Enterprise.objects.filter(kvk_number=number).exists():
            return number


def test_entrepreneur_registers_applies_and_is_admitted(page, login_as, console_errors):
    user = make_user("e2e-ondernemer", first_name="Eva", last_name="Ondernemer")
    name = unique("Fietsenmakerij E2E")
    kvk_number = _free_kvk_number()

    # A new account has no role yet and is told so.
    login_as(user.username)
    expect(page.locator("main")).to_contain_text("nog geen rol")

    page.goto("/mijn-onderneming/aanmelden/")
    form = page.locator("#self-register-form")
    form.locator("#id_name").fill(name)
    form.locator("#id_kvk_number").fill("1234")  # too short: error summary, nothing saved
    form.locator("#id_municipality").select_option(label="Gemeente Haarlem")
    form.locator("#id_city").fill("Haarlem")
    form.locator("#id_description").fill("Repareert fietsen met mensen met afstand tot de arbeidsmarkt.")
    form.locator("#self-register-submit").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.locator("a[href='#id_kvk_number']")).to_be_visible()
    shoot(page, "self-register-errors")
    assert not Enterprise.objects.filter(name=name).exists()

    page.locator("#id_kvk_number").fill(kvk_number)
    page.locator("#self-register-submit").click()
    page.wait_for_url("**/mijn-onderneming/*/")
    expect(page.locator("h1")).to_have_text(name)
    enterprise = Enterprise.objects.get(kvk_number=kvk_number)
    assert enterprise.admission_status == AdmissionStatus.NOT_APPLIED

    # Applying asks for confirmation first (data-confirm): the journey confirms it.
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#apply-admission").click()
    expect(page.locator("#admission-status")).to_have_text(str(AdmissionStatus.APPLIED.label))
    enterprise.refresh_from_db()
    assert enterprise.admission_status == AdmissionStatus.APPLIED
    assert console_errors == []

    # The broker of Haarlem reviews and admits the application.
    login_as("makelaar-haarlem")
    page.goto(f"/register/{enterprise.pk}/")
    page.locator("#start-review").click()
    shoot(page, "register-enterprise-under-review")
    admission = page.locator("#admission-form")
    admission.get_by_label("Toelaten").check()
    admission.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator("#admission-status")).to_have_text(str(AdmissionStatus.ADMITTED.label))
    enterprise.refresh_from_db()
    assert enterprise.admission_status == AdmissionStatus.ADMITTED

    # Admitted but not yet published: not in the showcase until the entrepreneur publishes.
    assert page.goto(f"/etalage/{enterprise.pk}/").status == 404
    console_errors.clear()  # the browser logs the expected 404
    login_as(user.username)
    page.goto(f"/mijn-onderneming/{enterprise.pk}/")
    page.locator("#edit-profile").click()
    page.locator("#id_is_published").check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda u: "/wijzigen/" not in u)
    enterprise.refresh_from_db()
    assert enterprise.is_published

    page.context.clear_cookies()  # an anonymous visitor now finds it
    page.goto("/etalage/")
    page.get_by_role("search").locator("[name=q]").fill(kvk_number)
    page.get_by_role("search").get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("link", name=name)).to_be_visible()
    assert console_errors == []
