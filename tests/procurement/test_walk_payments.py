"""What a walk through the payments import found (nineteenth session): the same payments saved
again by a spreadsheet (CRLF line endings, a byte-order mark, another date notation) were a "new
file" and counted twice; a date such as 1900 or 0001 was imported into no year the figures can
show; a file with only its header was "done: 0 payments"."""

import pytest
from django.urls import reverse

from impactportal.ui.import_messages import text as message_text
from procurement import payment_imports
from procurement.models import PaymentImport, SupplierPayment

from .test_figures_import import GOOD, register, run, upload  # noqa: F401 (register: a fixture)

# The register of test_figures_import: its payments match enterprises as in the real import.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("register")]


@pytest.mark.parametrize("saved_again", [
    GOOD.replace("\n", "\r\n"),  # Windows line endings
    "\ufeff" + GOOD,  # a byte-order mark
    GOOD.replace(";", "\t"),  # tab-separated
    GOOD.replace("15-12-2025", "2025-12-15").replace("1.234,56", "1234.56"),  # another notation, same payment
], ids=["crlf", "bom", "tabs", "notation"])
def test_the_same_payments_saved_again_replace_the_earlier_import(saved_again, haarlem, broker_haarlem,
                                                                  login, django_capture_on_commit_callbacks):
    client = login(broker_haarlem)
    first, _ = run(client, haarlem, GOOD, django_capture_on_commit_callbacks)
    second, _ = run(client, haarlem, saved_again, django_capture_on_commit_callbacks)
    assert second.report["replaced"] == 5 and first.report["checksum"] == second.report["checksum"]
    assert SupplierPayment.objects.filter(organisation=haarlem).count() == 5
    assert set(SupplierPayment.objects.values_list("batch", flat=True)) == {second.pk}


def test_other_payments_are_added(haarlem, broker_haarlem, login, django_capture_on_commit_callbacks):
    client = login(broker_haarlem)
    run(client, haarlem, GOOD, django_capture_on_commit_callbacks)
    other, _ = run(client, haarlem, GOOD.replace("1.234,56", "1.234,57"), django_capture_on_commit_callbacks)
    assert other.report["replaced"] == 0 and SupplierPayment.objects.count() == 10


def test_a_file_imported_before_the_row_identity_is_still_recognised(haarlem, broker_haarlem, login,
                                                                     django_capture_on_commit_callbacks):
    client = login(broker_haarlem)
    earlier, _ = run(client, haarlem, GOOD, django_capture_on_commit_callbacks)
    # As an import stored it before: the file's bytes.
    earlier.report["checksum"] = payment_imports.file_checksum(GOOD.encode("utf-8"))
    earlier.save(update_fields=["report"])
    again, _ = run(client, haarlem, GOOD, django_capture_on_commit_callbacks)
    assert again.report["replaced"] == 5 and SupplierPayment.objects.count() == 5


@pytest.mark.parametrize("date", ["01-01-1900", "0001-01-01", "31-12-1999"])
def test_a_payment_dated_before_2000_is_a_bad_row(date, haarlem, broker_haarlem, login,
                                                  django_capture_on_commit_callbacks):
    text = GOOD.replace("15-12-2025", date)
    payment_import, _ = run(login(broker_haarlem), haarlem, text, django_capture_on_commit_callbacks)
    assert SupplierPayment.objects.count() == 0
    [bad] = payment_import.report["malformed"]
    assert bad["line"] == 2 and "ligt vóór 2000: controleer het jaar" in message_text(bad["message"])


def test_the_first_day_of_2000_is_a_payment_date():
    rows, bad = payment_imports.parse(GOOD.replace("15-12-2025", "01-01-2000"))
    assert bad == [] and rows[0].date.isoformat() == "2000-01-01"


def test_a_file_with_only_its_header_is_refused(haarlem, broker_haarlem, login, django_capture_on_commit_callbacks):
    header = GOOD.splitlines()[0] + "\n"
    client = login(broker_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, haarlem, header)
    payment_import = PaymentImport.objects.get()
    page = client.get(payment_import.get_absolute_url()).content.decode()
    assert response.status_code == 302 and payment_import.report["applied"] == 0
    assert [b["line"] for b in payment_import.report["malformed"]] == [2]
    assert "alleen een kopregel" in page and 'id="import-refused"' in page


# --- a line written twice; a corrected file ------------------------------------------------------


def test_a_line_equal_to_an_earlier_one_is_applied_and_named(haarlem, broker_haarlem, login,
                                                            django_capture_on_commit_callbacks):
    lines = GOOD.splitlines()
    twice = "\n".join([*lines[:3], lines[1], *lines[3:]]) + "\n"  # line 4 repeats line 2
    client = login(broker_haarlem)
    payment_import, _ = run(client, haarlem, twice, django_capture_on_commit_callbacks)
    assert payment_import.report["applied"] == 6 and SupplierPayment.objects.count() == 6
    assert payment_import.report["repeated"] == [
        {"line": 4, "same_as": 2, "kvk_number": "90000001", "name": "Kerstpakketten Sociaal", "amount": "1234.56"}]
    page = client.get(payment_import.get_absolute_url()).content.decode()
    assert 'id="repeated-rows"' in page and "Regel 4 (gelijk aan regel 2)" in page
    report = client.get(reverse("procurement:payment-import-report", args=[payment_import.pk])).content.decode()
    assert "Gelijk aan regel 2" in report
    assert run(client, haarlem, GOOD, django_capture_on_commit_callbacks)[0].report["repeated"] == []


def test_a_withdrawn_import_leaves_the_figures_and_the_corrected_file_counts_once(
        haarlem, broker_haarlem, inkoper_haarlem, login, django_capture_on_commit_callbacks):
    client = login(broker_haarlem)
    wrong, _ = run(client, haarlem, GOOD.replace("8650.00", "86500.00"), django_capture_on_commit_callbacks)
    page = client.get(wrong.get_absolute_url()).content.decode()
    assert 'id="withdraw-form"' in page
    url = reverse("procurement:payment-import-withdraw", args=[wrong.pk])
    response = login(inkoper_haarlem).post(url)
    assert response.status_code == 302 and response["Location"] == wrong.get_absolute_url()
    assert SupplierPayment.objects.count() == 0
    wrong.refresh_from_db()
    assert wrong.report["withdrawn"]["payments"] == 5 and wrong.report["applied"] == 5
    page = client.get(wrong.get_absolute_url()).content.decode()
    assert 'id="import-withdrawn"' in page and 'id="withdraw-form"' not in page
    # Once is enough: a second withdrawal is refused and changes nothing.
    again = client.post(url)
    assert again.status_code == 400 and "al ingetrokken" in again.content.decode()
    corrected, _ = run(client, haarlem, GOOD, django_capture_on_commit_callbacks)
    assert corrected.report["replaced"] == 0
    assert set(SupplierPayment.objects.values_list("batch", flat=True)) == {corrected.pk}
    assert SupplierPayment.objects.count() == 5


def test_an_import_without_payments_has_nothing_to_withdraw(haarlem, broker_haarlem, login,
                                                           django_capture_on_commit_callbacks):
    client = login(broker_haarlem)
    refused, _ = run(client, haarlem, GOOD.replace("2025-12-31;50;", "2025-12-31;vijftig;"),
                     django_capture_on_commit_callbacks)
    assert 'id="withdraw-form"' not in client.get(refused.get_absolute_url()).content.decode()
    response = client.post(reverse("procurement:payment-import-withdraw", args=[refused.pk]))
    assert response.status_code == 400 and "geen betalingen verwerkt" in response.content.decode()
    refused.refresh_from_db()
    assert "withdrawn" not in refused.report
