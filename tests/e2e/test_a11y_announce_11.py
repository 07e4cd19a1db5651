"""Accessibility walk 11 in the browser: what a screen reader hears.

* A finished import: the polled box swaps in the whole report at once (no live region); the page's
  status region then holds the outcome in counts (static/js/portal.js ``progressStatus``).
* The MKBA calculator recalculates on each keystroke and fills every field's error slot (a live
  region) out of band: a slot whose message did not change is left alone (not a node replaced),
  so an unchanged message is not read again; a message that appears or goes changes its slot once.
"""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from enterprises.models import RegisterImport
from impactportal.accounts.models import Organisation
from impactportal.models import Job

pytestmark = pytest.mark.e2e


def test_a_finished_import_announces_its_outcome_in_the_status(page, login_as, console_errors):
    broker = get_user_model().objects.get(username="makelaar-haarlem")
    haarlem = Organisation.objects.get(name="Gemeente Haarlem")
    job = Job.objects.create(kind="register_import", title="Registerimport", created_by=broker, organisation=haarlem,
                             status=Job.Status.RUNNING, progress=10, message="10/100")
    batch = RegisterImport.objects.create(organisation=haarlem, uploaded_by=broker, file="imports/e2e.csv", job=job)
    login_as("makelaar-haarlem")
    page.goto(batch.get_absolute_url())
    status = page.locator("#import-progress-status")
    expect(status).to_have_text("Bezig")

    report = {"total_rows": 4, "matched": [], "mismatches": [], "outside_scope": [],
              "unknown": [{"line": 2, "kvk_number": "40000001", "name": "Onbekend 1"},
                          {"line": 3, "kvk_number": "40000002", "name": "Onbekend 2"}],
              "malformed": [{"line": 4, "message": "KvK-nummer ontbreekt."}]}
    RegisterImport.objects.filter(pk=batch.pk).update(report=report)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED, progress=100)
    expect(page.locator("#import-summary")).to_be_visible()  # the next poll brought the report
    expect(status).to_have_text("De import is klaar: 4 regels gelezen, 0 gevonden in het register, "
                                "2 onbekende ondernemingen, 1 regel met fouten (overgeslagen). "
                                "Het rapport staat hieronder.")
    # The report itself is in no live region: only the status is read out.
    live = page.locator("#import-report").evaluate(
        "box => [box, ...box.querySelectorAll('*')].some((e) => e.closest('[aria-live], [role=status], [role=alert]'))")
    assert live is False
    assert console_errors == []


def _calculated(page, action):
    """Do ``action`` (typing) and wait until the calculator's answer for it has been swapped in."""
    before = page.evaluate("window.__swaps")
    action()
    page.wait_for_function("(before) => window.__swaps > before && !document.querySelector('.htmx-request')",
                           arg=before)


def test_the_calculator_leaves_an_unchanged_error_slot_alone(page, login_as, console_errors):
    login_as("makelaar-haarlem")
    page.goto("/financiering/mkba/nieuw/")
    page.evaluate("""() => {
        window.__swaps = 0;
        document.body.addEventListener("htmx:afterSettle", (e) => { if (e.target.id === "mkba-results") window.__swaps++; });
    }""")
    _calculated(page, lambda: page.locator("#id_indicators-0-name").fill("Jongeren uit de bijstand"))
    page.locator("#id_indicators-0-count").fill("2")
    page.locator("#id_indicators-0-value_per_case").fill("17500")
    page.locator("#id_indicators-0-deadweight").fill("0,9")
    _calculated(page, lambda: page.locator("#id_indicators-0-attribution").fill("0,2"))
    slot = page.locator("#id_indicators-0-substitution_error")
    expect(slot).to_contain_text("niet meer dan 1")

    # Mark the slot, its message and an empty slot, and count what changes in them from now on.
    page.evaluate("""() => {
        window.__changes = {};
        for (const id of ["id_indicators-0-substitution_error", "id_indicators-0-name_error"]) {
            const slot = document.getElementById(id);
            slot.__marked = true;
            if (slot.firstElementChild) slot.firstElementChild.__marked = true;
            window.__changes[id] = 0;
            new MutationObserver((records) => { window.__changes[id] += records.length; })
                .observe(slot, { childList: true, subtree: true, characterData: true });
        }
    }""")
    # Typing in an unrelated field recalculates: both slots stay as they are, nodes and all.
    _calculated(page, lambda: page.locator("#id_indicators-0-name").press_sequentially(" E2E", delay=20))
    _calculated(page, lambda: page.locator("#id_costs").fill("20000"))
    kept = page.evaluate("""() => {
        const slot = document.getElementById("id_indicators-0-substitution_error");
        const empty = document.getElementById("id_indicators-0-name_error");
        return [slot.__marked === true, slot.firstElementChild && slot.firstElementChild.__marked === true,
                empty.__marked === true, window.__changes];
    }""")
    assert kept == [True, True, True, {"id_indicators-0-substitution_error": 0, "id_indicators-0-name_error": 0}]
    expect(slot).to_contain_text("niet meer dan 1")

    # The message goes: its slot (the same live region) changes once; the other slot not at all.
    _calculated(page, lambda: page.locator("#id_indicators-0-deadweight").fill("0,3"))
    expect(slot).to_be_empty()
    changes = page.evaluate("() => window.__changes")
    assert changes["id_indicators-0-substitution_error"] == 1 and changes["id_indicators-0-name_error"] == 0
    assert page.evaluate("() => document.getElementById('id_indicators-0-substitution_error').__marked") is True
    # ... and comes back: once more, in the same slot.
    _calculated(page, lambda: page.locator("#id_indicators-0-deadweight").fill("0,9"))
    expect(slot).to_contain_text("niet meer dan 1")
    assert page.evaluate("() => window.__changes")["id_indicators-0-substitution_error"] == 2
    assert console_errors == []
