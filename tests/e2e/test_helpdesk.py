"""Helpdesk (feature issue), the full journey: an entrepreneur signs up, verifies the e-mail
address through the link in the mail, files a question and sees self-service suggestions; the
broker of the municipality writes an internal note and a public reply and resolves the
question; the entrepreneur sees only the reply and rates the handling."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from brokers.models import Case

from .conftest import shoot, unique

pytestmark = pytest.mark.e2e

PASSWORD = "Fiets-en-Zon-2026!x"


def _verification_path(email):
    messages = [m for m in mail.outbox if email in m.to]
    assert messages, f"no mail to {email} in {[m.to for m in mail.outbox]}"
    match = re.search(r"/aanmelden/bevestigen/[^/\s]+/", messages[-1].body)
    assert match, messages[-1].body
    return match.group(0)


def test_helpdesk_question_from_signup_to_rating(page, login_as, console_errors):
    email = f"{unique('ondernemer')}@example.org"
    note, reply = unique("Interne notitie"), unique("Publiek antwoord")

    # Sign up and verify the e-mail address.
    page.goto("/aanmelden/")
    form = page.locator("#signup-form")
    form.locator("#id_first_name").fill("Olga")
    form.locator("#id_last_name").fill("Ondernemer")
    form.locator("#id_email").fill(email)
    form.locator("#id_password1").fill(PASSWORD)
    form.locator("#id_password2").fill(PASSWORD)
    page.locator("#signup-submit").click()
    page.wait_for_url("**/aanmelden/verstuurd/")
    page.goto(_verification_path(email))
    page.locator("#verify-form #id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/mijn-vragen/")
    expect(page.locator("header")).to_contain_text("Uitloggen")

    # A new question: choosing the category shows suggestions (htmx), then the question is sent.
    page.goto("/mijn-vragen/nieuw/")
    question = page.locator("#question-form")
    question.locator("#id_category").select_option("financing")
    suggestions = page.locator("#suggestions .portal-suggestion")
    expect(suggestions.first).to_be_visible()
    shoot(page, "helpdesk-new-question-suggestions")
    question.locator("#id_organisation").select_option(label="Gemeente Haarlem")
    subject = unique("Lening voor een bakfiets")
    question.locator("#id_subject").fill(subject)
    question.locator("#id_description").fill("Welke regelingen zijn er om een bakfiets te financieren?")
    page.locator("#question-submit").click()
    page.wait_for_url(re.compile(r".*/mijn-vragen/\d+/$"))
    expect(page.locator("#case-title")).to_have_text(subject)
    case = Case.objects.get(subject=subject)
    assert case.organisation.name == "Gemeente Haarlem"
    assert console_errors == []

    # The broker of Haarlem: an internal note, a public reply, and the question resolved.
    login_as("makelaar-haarlem")
    page.goto(f"/helpdesk/{case.pk}/")
    expect(page.locator("#case-title")).to_have_text(subject)
    staff_form = page.locator("#reply-form")
    staff_form.locator("[name=body]").fill(note)
    staff_form.locator("[name=is_internal]").check()
    page.locator("#reply-submit").click()
    expect(page.locator("[data-message-kind=internal]").filter(has_text=note)).to_be_visible()
    staff_form.locator("[name=body]").fill(reply)
    page.locator("#reply-submit").click()
    expect(page.locator("[data-message-kind=public]").filter(has_text=reply)).to_be_visible()
    status = page.locator(f"form[action$='/helpdesk/{case.pk}/status/']")
    status.locator("[name=status]").select_option("resolved")
    with page.expect_response(lambda r: r.url.endswith(f"/helpdesk/{case.pk}/") and r.request.method == "GET"):
        page.locator("#status-submit").click()
    case.refresh_from_db()
    assert case.status == "resolved"
    shoot(page, "helpdesk-case-broker")
    assert console_errors == []

    # The entrepreneur sees the reply, not the internal note, and rates the handling.
    login_as(email, PASSWORD)
    page.goto(f"/mijn-vragen/{case.pk}/")
    thread = page.locator("#thread")
    expect(thread).to_contain_text(reply)
    expect(thread).not_to_contain_text(note)
    expect(page.locator("[data-message-kind=internal]")).to_have_count(0)
    assert note not in page.content()
    shoot(page, "helpdesk-case-entrepreneur")
    rating = page.locator("#rating-form")
    rating.get_by_label("5", exact=True).check()
    rating.locator("[name=comment]").fill("Snel en duidelijk geholpen.")
    page.locator("#rating-submit").click()
    expect(page.locator(".portal-messages")).to_be_visible()
    case.refresh_from_db()
    assert case.rating == 5
    assert console_errors == []


def test_case_history_reads_as_stacked_entries_on_a_phone(browser, page, login_as, url):
    """At 390 px the change log is no four-column table with a changes column scrolling in a
    narrow box: each entry is a block with its labels ("Wanneer: …") and its changes at full width."""
    case = Case.objects.filter(organisation__name="Gemeente Haarlem").order_by("pk").first()
    login_as("makelaar-haarlem")
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="nl-NL",
                                  storage_state=page.context.storage_state())
    phone = context.new_page()
    try:
        phone.goto(url(f"/helpdesk/{case.pk}/"))
        history = phone.locator(".portal-history")
        expect(history.locator("tbody tr").first).to_be_visible()
        cells = history.locator("tbody tr").first.locator("td")
        assert cells.first.evaluate("td => getComputedStyle(td).display") == "block"
        label = cells.first.evaluate("td => getComputedStyle(td, '::before').content")
        assert label == '"Wanneer: "', label
        changes = history.locator(".portal-history__changes").first
        box, scroller = changes.bounding_box(), history.locator(".portal-table-scroll").bounding_box()
        # The changes take the log's full width (not a quarter of a table wider than the screen).
        assert box["width"] >= scroller["width"] - 1, (box, scroller)
        assert box["x"] + box["width"] <= 390, box
        assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        shoot(phone, "helpdesk-case-history-phone")
    finally:
        context.close()


def test_the_suggestions_follow_every_subject_chosen(page, login_as, console_errors):
    """The suggestions hold hidden inputs named like the form's choices ("Dit helpt me"); sent along
    by name, the first subject chosen stayed the one the list was made for."""
    login_as("ondernemer-1")
    page.goto("/mijn-vragen/nieuw/")
    status = page.locator("#suggestions-status")
    for category, label in (("referral", "Doorverwijzing binnen de gemeente"), ("financing", "Financiering"),
                            ("impact", "Impact meten")):
        page.select_option("#id_category", category)
        expect(page.locator("#suggestions section")).to_have_attribute("data-category", category)
        expect(status).to_contain_text(f"“{label}”")
    assert page.locator("#suggestions #suggestions-status").count() == 0  # swapped out of band, not into the list
    assert not console_errors
