"""This session's new UI as a user meets it: a link request decided on the enterprise's page,
admission with "Meteen publiceren in de etalage", the duplicate-realisation warning, the language
of mails on "Mijn account", and a create form sent again after the browser's Back button. Every
page visited passes axe-core (WCAG 2.1 A/AA); the link-request and admission pages are walked on a
390 px phone and must not scroll sideways."""

import random
import re

import pytest
from playwright.sync_api import expect

from brokers.constants import LinkRequestStatus
from brokers.models import EnterpriseLinkRequest
from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise
from impactportal.accounts.models import Organisation
from procurement.constants import BlockKind
from procurement.models import Contract

from .conftest import make_user, new_contract, unique
from .test_accessibility import AXE, PHONE, WIDER_THAN_SCREEN, _axe, _overflow

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _axe_available():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make install` (npm ci installs axe-core)")


def _accessible(page, problems, phone=False):
    """axe-core on the page as it is now; on a phone also: nothing wider than the screen."""
    problems += [f"{page.url}: axe {violation}" for violation in _axe(page)]
    if phone and _overflow(page) > 1:
        problems.append(f"{page.url}: wider than a 390 px phone: {page.evaluate(WIDER_THAN_SCREEN)}")


def _free_kvk_number():
    while True:
        number = f"9{random.randrange(10**7):07d}"
        if not Enterprise.objects.filter(kvk_number=number).exists():
            return number


def _haarlem_enterprise(**fields):
    """A fresh enterprise of Haarlem in the register (demo enterprises are not changed)."""
    haarlem = Organisation.objects.get(name="Gemeente Haarlem")
    return Enterprise.objects.create(name=unique("Koffiebranderij E2E"), kvk_number=_free_kvk_number(),
                                     municipality=haarlem, city="Haarlem", **fields)


def _new_contract(page, title):
    new_contract(page, title)
    expect(page.locator("h1")).to_have_text(title)


def test_link_request_is_decided_on_the_enterprise_page(page, login_as, console_errors):
    page.set_viewport_size(PHONE)
    problems = []
    enterprise = _haarlem_enterprise()
    user = make_user("e2e-koppelaar", first_name="Koen", last_name="Koppelaar")

    # The entrepreneur asks to link the enterprise by its KvK number and is told to wait.
    login_as(user.username)
    page.goto("/mijn-vragen/onderneming-koppelen/")
    _accessible(page, problems, phone=True)
    page.locator("#id_kvk_number").fill(enterprise.kvk_number)
    page.locator("#link-submit").click()
    page.wait_for_url("**/mijn-vragen/")
    expect(page.locator("main")).to_contain_text("wacht op bevestiging door de gemeente")
    expect(page.locator("main")).to_contain_text(enterprise.name)
    _accessible(page, problems, phone=True)
    link = EnterpriseLinkRequest.objects.get(user=user, enterprise=enterprise)
    assert link.status == LinkRequestStatus.PENDING
    # "Mijn onderneming" says what the request waits for and what to do; no way into the enterprise.
    page.goto("/mijn-onderneming/")
    main = page.locator("main")
    expect(main).to_contain_text("uw koppelverzoek wacht")
    expect(main).to_contain_text("geen toegang tot de gegevens van de onderneming")
    expect(main.locator(f'a[href="/mijn-onderneming/{enterprise.pk}/"]')).to_have_count(0)
    _accessible(page, problems, phone=True)

    # The broker of Haarlem finds the request on the enterprise's page.
    login_as("makelaar-haarlem")
    page.goto(f"/register/{enterprise.pk}/")
    panel = page.locator("#link-requests")
    expect(panel.get_by_role("heading", name="Koppelverzoeken")).to_be_visible()
    card = panel.locator(f"#link-request-{link.pk}")
    expect(card).to_contain_text("Koen")
    _accessible(page, problems, phone=True)

    # Rejecting needs a reason: the decision is not recorded and the error says why.
    card.get_by_role("button", name="Afwijzen").click()
    expect(page.get_by_role("alert")).to_contain_text("Geef een reden voor de afwijzing")
    # ...on the enterprise's page the broker was on, at the request's own form.
    expect(page.locator("h1")).to_have_text(enterprise.name)
    reason = page.locator(f"#link-request-{link.pk} textarea")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(reason).to_have_accessible_description(re.compile("Geef een reden voor de afwijzing"))
    _accessible(page, problems, phone=True)
    link.refresh_from_db()
    assert link.status == LinkRequestStatus.PENDING
    console_errors.clear()  # the browser logs the expected 400 of the refused form

    page.goto(f"/register/{enterprise.pk}/")
    page.locator(f"#link-request-{link.pk}").get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(f"**/register/{enterprise.pk}/**")
    expect(page.locator("main")).to_contain_text("Koppeling bevestigd.")
    expect(page.locator(f"#link-request-{link.pk}")).to_have_count(0)
    link.refresh_from_db()
    assert link.status == LinkRequestStatus.APPROVED

    # The entrepreneur now has the enterprise on "Mijn onderneming".
    login_as(user.username)
    page.goto("/mijn-onderneming/")  # with one enterprise: straight to its page
    expect(page.locator("h1")).to_have_text(enterprise.name)
    _accessible(page, problems, phone=True)
    assert not problems, "\n".join(problems)
    assert console_errors == []


def test_admission_with_publish_at_once_puts_the_enterprise_in_the_showcase(page, login_as, console_errors):
    page.set_viewport_size(PHONE)
    problems = []
    enterprise = _haarlem_enterprise(admission_status=AdmissionStatus.UNDER_REVIEW)

    login_as("makelaar-haarlem")
    page.goto(f"/register/{enterprise.pk}/")
    admission = page.locator("#admission-form")
    expect(admission.get_by_label("Meteen publiceren in de etalage")).not_to_be_checked()
    _accessible(page, problems, phone=True)
    admission.get_by_label("Toelaten").check()
    admission.get_by_label("Meteen publiceren in de etalage").check()
    admission.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator("main")).to_contain_text("de onderneming staat nu in de etalage")
    expect(page.locator("#admission-status")).to_have_text(str(AdmissionStatus.ADMITTED.label))
    _accessible(page, problems, phone=True)
    enterprise.refresh_from_db()
    assert enterprise.is_published and enterprise.in_showcase

    page.context.clear_cookies()  # an anonymous visitor finds it in the showcase
    page.goto("/etalage/")
    search = page.get_by_role("search")
    search.locator("[name=q]").fill(enterprise.kvk_number)
    search.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("link", name=enterprise.name)).to_be_visible()
    _accessible(page, problems, phone=True)
    assert not problems, "\n".join(problems)
    assert console_errors == []


def test_a_realisation_reported_twice_asks_for_confirmation(page, login_as, console_errors):
    problems = []
    title = unique("Groenonderhoud E2E")
    login_as("makelaar-haarlem")
    _new_contract(page, title)
    contract = Contract.objects.get(title=title)
    placement = contract.rule_set.blocks.filter(kind=BlockKind.PLACEMENT).first()

    def report():
        page.goto(f"/inkoop/contracten/{contract.pk}/realisaties/nieuw/")
        page.locator("#block-choice #id_block").select_option(str(placement.pk))
        expect(page.locator("#id_fte")).to_be_visible()  # htmx swapped in the placement fields
        page.locator("#id_date").fill("2025-03-01")
        page.locator("#id_fte").fill("0.8")
        page.locator("#id_months").fill("12")
        page.locator("#id_candidate_ref").fill("E2E-DUBBEL-1")
        page.locator("#realisation-form button[type=submit]").click()

    report()
    page.wait_for_url(f"**/inkoop/contracten/{contract.pk}/")
    assert contract.realisations.count() == 1
    _accessible(page, problems)

    # The same line again: a warning with the earlier line, and an error until confirmed.
    report()
    warning = page.locator("#duplicate-warning")
    expect(warning).to_contain_text("Mogelijk dubbel gemeld")
    confirm = page.locator("#realisation-form").get_by_label("Ik bevestig dat dit een andere realisatie is")
    expect(confirm).not_to_be_checked()
    expect(page.locator("main")).to_contain_text("vink aan dat dit een andere realisatie is")
    _accessible(page, problems)
    assert contract.realisations.count() == 1
    console_errors.clear()  # the browser logs the expected 400 of the form in error

    confirm.check()
    page.locator("#realisation-form button[type=submit]").click()
    page.wait_for_url(f"**/inkoop/contracten/{contract.pk}/")
    assert contract.realisations.count() == 2
    assert not problems, "\n".join(problems)
    assert console_errors == []


def test_the_language_of_mails_is_kept_on_my_account(page, login_as, console_errors):
    problems = []
    user = make_user("e2e-taal")
    login_as(user.username)
    page.goto("/accounts/mijn-account/")
    language = page.get_by_label("Taal van e-mails en meldingen")
    _accessible(page, problems)
    language.select_option("en")
    page.get_by_role("button", name="Taal opslaan").click()
    page.wait_for_url("**/accounts/mijn-account/**")
    page.reload()
    expect(page.get_by_label("Taal van e-mails en meldingen")).to_have_value("en")
    _accessible(page, problems)
    user.refresh_from_db()
    assert user.language == "en"
    assert not problems, "\n".join(problems)
    assert console_errors == []


def test_the_language_field_has_room_above_its_label(page, login_as):
    """The label "Taal van e-mails en meldingen" stood against the paragraph above it: Utrecht
    paragraphs have no margins, so the section's text and the form's first field touched."""
    login_as(make_user("e2e-taalruimte").username)
    page.goto("/accounts/mijn-account/")
    text = page.locator("#taal + .utrecht-paragraph").bounding_box()
    label = page.locator("label[for=id_language]").bounding_box()
    assert label["y"] - (text["y"] + text["height"]) >= 12, (text, label)


def test_back_and_send_again_creates_nothing_new(page, login_as, console_errors):
    problems = []
    title = unique("Terugknop E2E")
    login_as("makelaar-haarlem")
    _new_contract(page, title)
    first = Contract.objects.get(title=title)
    _accessible(page, problems)

    page.go_back()  # the browser's Back button: the filled-in form as it was sent
    page.wait_for_url("**/inkoop/contracten/nieuw/")
    page.locator("#id_title").fill(title)  # as sent (a browser may or may not restore the fields)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/inkoop/contracten/{first.pk}/")
    expect(page.locator("main")).to_contain_text("Dit formulier was al verstuurd")
    _accessible(page, problems)
    assert Contract.objects.filter(title=title).count() == 1
    assert not problems, "\n".join(problems)
    assert console_errors == []
