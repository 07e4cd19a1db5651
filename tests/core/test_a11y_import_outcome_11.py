"""Accessibility walk 11: a finished import's report appears on the page all at once and is no
live region (read out whole, it would drown the page); the page's status sentence, which
static/js/portal.js writes to the status region when the polled box changes, says what it holds:
the outcome in counts, plural-aware. Without JavaScript the reloaded page has the same sentence
and the report."""

import pytest

from enterprises.models import RegisterImport
from impactportal.models import Job
from procurement.models import PaymentImport

from .test_a11y_progress_10 import assert_page, assert_partial

pytestmark = pytest.mark.django_db


def _finished(model, user, organisation, report):
    job = Job.objects.create(kind="import", title="Import", created_by=user, organisation=organisation,
                             status=Job.Status.SUCCEEDED, progress=100)
    return model.objects.create(organisation=organisation, uploaded_by=user, file="imports/x.csv", job=job,
                                report=report)


def _rows(n, enterprise=None):
    return [{"line": i + 2, "kvk_number": "12345678", "name": f"Naam {i}", "message": "x", "updated": False,
             "enterprise_id": enterprise.pk if enterprise else None, "enterprise_name": "Naam"} for i in range(n)]


def test_a_finished_register_import_announces_its_outcome(login, broker_haarlem, haarlem, enterprise_haarlem):
    found = enterprise_haarlem
    report = {"total_rows": 120, "matched": _rows(100, found), "unknown": _rows(5), "mismatches": _rows(1, found),
              "outside_scope": [], "malformed": _rows(3)}
    batch = _finished(RegisterImport, broker_haarlem, haarlem, report)
    client = login(broker_haarlem)
    sentence = ("De import is klaar: 120 regels gelezen, 100 gevonden in het register, 5 onbekende ondernemingen, "
                "1 afwijking, 3 regels met fouten (overgeslagen). Het rapport staat hieronder.")
    partial = client.get(batch.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert_partial(partial, "import-report", sentence, polls=False)  # the report: no live region
    page = client.get(batch.get_absolute_url()).content.decode()
    assert_page(page, "import-report", sentence)
    assert 'id="import-summary"' in page  # without JavaScript the reloaded page shows the report


def test_a_finished_payments_import_announces_its_outcome(login, broker_haarlem, haarlem):
    report = {"total_rows": 1500, "applied": 1500, "replaced": 2, "unmatched": _rows(1), "credit_notes": _rows(2),
              "malformed": [], "total_amount": "10", "matched_amount": "0", "impact_amount": "0", "credit_amount": "0"}
    batch = _finished(PaymentImport, broker_haarlem, haarlem, report)
    client = login(broker_haarlem)
    sentence = ("De import is klaar: 1.500 regels gelezen, 1.500 betalingen verwerkt, 2 vervangen uit een eerdere "
                "import, 1 leverancier niet in het register, 2 creditnota's. Het rapport staat hieronder.")
    partial = client.get(batch.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert_partial(partial, "import-report", sentence, polls=False)
    page = client.get(batch.get_absolute_url()).content.decode()
    assert_page(page, "import-report", sentence)
    assert 'id="import-summary"' in page


def test_one_of_each_is_said_in_the_singular(login, broker_haarlem, haarlem):
    batch = _finished(PaymentImport, broker_haarlem, haarlem, {"total_rows": 1, "applied": 1, "malformed": []})
    client = login(broker_haarlem)
    assert_page(client.get(batch.get_absolute_url()).content.decode(), "import-report",
                "De import is klaar: 1 regel gelezen, 1 betaling verwerkt. Het rapport staat hieronder.")
