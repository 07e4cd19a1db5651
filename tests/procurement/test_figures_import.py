"""Import of supplier payments: every row validated first, nothing applied when a row is bad,
Dutch formats, matching by KvK number, the unmatched suppliers report, idempotent re-import, the
job's progress and the screens."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enterprises.constants import AdmissionStatus
from impactportal import jobs
from impactportal.models import Job
from impactportal.ui.import_messages import text as message_text
from procurement import payment_imports
from procurement.models import PaymentImport, SupplierPayment
from procurement.tasks import import_payments
from tests import factories as f

pytestmark = pytest.mark.django_db
D = Decimal

GOOD = "\n".join([
    "kvk-nummer;naam;datum;bedrag excl. btw;kostensoort",
    "90000001;Kerstpakketten Sociaal;15-12-2025;1.234,56;Relatiegeschenken",  # Dutch date and amount
    "90000001;Kerstpakketten Sociaal;2025-12-31;50;Relatiegeschenken",  # ISO date, whole euros
    "12345678;Kantoorreus BV;2026-01-01;8650.00;Kantoorartikelen",
    "12345678;Kantoorreus BV;01-02-2026;-150,00;Kantoorartikelen",  # a credit note
    ";Foreign Supplier Ltd;31/03/2026;€ 2.000;Advies",  # no KvK number, euro sign, thousands
    "",
]) + "\n"


@pytest.mark.parametrize("text, expected", [
    ("1.234,56", D("1234.56")), ("1234,56", D("1234.56")), ("1234.56", D("1234.56")), ("1,234.56", D("1234.56")),
    ("1.234", D("1234")), ("1.234.567,8", D("1234567.8")), ("€ 12", D("12")), ("-12,50", D("-12.50")),
    ("(12,50)", D("-12.50")), ("0,05", D("0.05")), ("12.5", D("12.5")), ("1 234,56", D("1234.56")),
    ("", None), ("abc", None), ("1,2,3", None), ("12.34.56", None), ("1.", None), ("1.23.4", None),
    ("1.234,567", None), ("١٢", None), ("1e5", None), ("-", None), ("1.000.000.000.000,00", None),
])
def test_amounts(text, expected):
    assert payment_imports.parse_amount(text) == expected


def test_parse_dutch_and_iso_formats():
    rows, bad = payment_imports.parse(GOOD)
    assert bad == []
    assert [(r.line, r.kvk, r.date, r.amount) for r in rows] == [
        (2, "90000001", dt.date(2025, 12, 15), D("1234.56")), (3, "90000001", dt.date(2025, 12, 31), D("50.00")),
        (4, "12345678", dt.date(2026, 1, 1), D("8650.00")), (5, "12345678", dt.date(2026, 2, 1), D("-150.00")),
        (6, "", dt.date(2026, 3, 31), D("2000"))]


def test_parse_comma_delimiter_and_english_headers():
    text = 'supplier_kvk,supplier_name,date,amount,cost_category\n12345678,"Kantoorreus, BV",2026-01-05,"1.234,50",Print\n'
    rows, bad = payment_imports.parse(text)
    assert bad == [] and rows[0].name == "Kantoorreus, BV" and rows[0].amount == D("1234.50")


def test_a_payment_file_saved_by_a_spreadsheet_keeps_its_leading_zeros():
    rows, bad = payment_imports.parse("kvk;naam;datum;bedrag\n1234567;Groninger Groen;2026-01-05;100,00\n")
    assert bad == [] and rows[0].kvk == "01234567"


def test_parse_reports_every_bad_row_with_its_line_number():
    text = "\n".join([
        "kvk-nummer;naam;datum;bedrag excl. btw;kostensoort",
        "90000001;Goed;2026-01-01;10,00;x",  # 2 fine
        "123456;Te kort;2026-01-01;10,00;x",  # 3 KvK
        "12345678;;2026-01-01;10,00;x",  # 4 no name
        "12345678;Datum;31-13-2026;10,00;x",  # 5 date
        "12345678;Bedrag;2026-01-01;tien;x",  # 6 amount
        "12345678;Alles fout;gisteren;;x",  # 7 two problems
    ]) + "\n"
    rows, bad = payment_imports.parse(text)
    assert [b["line"] for b in bad] == [3, 4, 5, 6, 7]
    assert "8 cijfers" in message_text(bad[0]["message"]) and "Naam" in message_text(bad[1]["message"])
    assert "datum" in message_text(bad[2]["message"]) and "bedrag" in message_text(bad[3]["message"])
    assert "datum" in message_text(bad[4]["message"]) and "bedrag" in message_text(bad[4]["message"])


def test_parse_missing_columns_and_empty_file():
    assert payment_imports.parse("")[1][0]["line"] == 1
    bad = payment_imports.parse("kvk;naam\n12345678;x\n")[1]
    # Named as the upload page asks for them ("datum", "bedrag excl. btw"), not by internal keys.
    assert bad[0]["line"] == 1 and "datum, bedrag excl. btw." in message_text(bad[0]["message"])
    assert "amount" not in message_text(bad[0]["message"])


def test_a_file_without_the_columns_is_refused_at_upload(login, broker_haarlem, haarlem):
    """A payments file with the wrong header row was queued and reported done; the form now names
    the missing columns and queues nothing."""
    from procurement.models import PaymentImport

    response = upload(login(broker_haarlem), haarlem, "Leverancier;Totaal\nBakkerij;12,50\n")
    assert response.status_code in (200, 400)
    error = response.context["form"].errors["file"][0]
    assert "Kolommen ontbreken in de kopregel: kvk-nummer, datum, bedrag excl. btw." in error  # "Leverancier" is the name
    assert not PaymentImport.objects.exists()
    assert payment_imports.header_problem("\ufeffKvK-nummer;Naam;Datum;Bedrag excl. btw\r\n".encode()) == ""


@pytest.fixture
def register(haarlem):
    return {
        "admitted": f.EnterpriseFactory(name="Kerstpakketten Sociaal", kvk_number="90000001", municipality=haarlem,
                                        admission_status=AdmissionStatus.ADMITTED),
        "applied": f.EnterpriseFactory(name="Drukkerij", kvk_number="90000002", municipality=haarlem,
                                       admission_status=AdmissionStatus.APPLIED),
    }


def upload(client, org, text, name="betalingen.csv"):
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("procurement:payment-import-create"), {"organisation": org.pk, "file": file})


def run(client, org, text, capture):
    with capture(execute=True):
        response = upload(client, org, text)
    assert response.status_code == 302
    return PaymentImport.objects.latest("id"), response


def test_good_file_is_applied_matched_and_reported(register, haarlem, broker_haarlem, login,
                                                   django_capture_on_commit_callbacks):
    client = login(broker_haarlem)
    payment_import, response = run(client, haarlem, GOOD, django_capture_on_commit_callbacks)
    assert response["Location"] == payment_import.get_absolute_url()
    payments = SupplierPayment.objects.filter(batch=payment_import).order_by("date")
    assert payments.count() == 5 and {p.organisation_id for p in payments} == {haarlem.pk}
    assert [p.enterprise for p in payments[:2]] == [register["admitted"]] * 2
    assert payments.filter(enterprise__isnull=True).count() == 3
    report = payment_import.report
    assert report["applied"] == 5 and report["malformed"] == [] and report["replaced"] == 0
    assert report["total_amount"] == "11784.56" and report["impact_amount"] == "1284.56"
    assert report["unmatched"] == [
        {"kvk_number": "12345678", "name": "Kantoorreus BV", "payments": 2, "total": "8500.00", "line": 4},
        {"kvk_number": "", "name": "Foreign Supplier Ltd", "payments": 1, "total": "2000.00", "line": 6}]
    job = Job.objects.get(pk=payment_import.job_id)
    assert job.status == Job.Status.SUCCEEDED and job.progress == 100
    assert job.result["verwerkt"] == 5 and job.result["leveranciers niet in het register"] == 2
    page = client.get(payment_import.get_absolute_url()).content.decode()
    assert "Kantoorreus BV" in page and "Foreign Supplier Ltd" in page and 'id="unmatched-table"' in page
    csv_text = client.get(reverse("procurement:payment-import-report", args=[payment_import.pk])).content.decode(
        "utf-8-sig")
    assert "niet in het register;4;12345678;Kantoorreus BV;2;8500,00;" in csv_text


def test_a_bad_row_applies_nothing(register, haarlem, broker_haarlem, login, django_capture_on_commit_callbacks):
    text = GOOD.replace("2025-12-31;50;", "2025-12-31;vijftig;")
    payment_import, _response = run(login(broker_haarlem), haarlem, text, django_capture_on_commit_callbacks)
    assert SupplierPayment.objects.count() == 0
    assert payment_import.report["applied"] == 0
    assert [b["line"] for b in payment_import.report["malformed"]] == [3]
    job = Job.objects.get(pk=payment_import.job_id)
    assert job.status == Job.Status.SUCCEEDED and "Niets verwerkt" in job.message
    page = login(broker_haarlem).get(payment_import.get_absolute_url()).content.decode()
    assert 'id="import-refused"' in page and "Regel 3" in page


def test_reimporting_the_same_file_does_not_double(register, haarlem, amersfoort, broker_haarlem, broker_amersfoort,
                                                   login, django_capture_on_commit_callbacks):
    client = login(broker_haarlem)
    first, _ = run(client, haarlem, GOOD, django_capture_on_commit_callbacks)
    register["applied"].admission_status = AdmissionStatus.ADMITTED  # admitted in between
    register["applied"].save()
    second, _ = run(client, haarlem, GOOD, django_capture_on_commit_callbacks)
    assert SupplierPayment.objects.filter(organisation=haarlem).count() == 5
    assert set(SupplierPayment.objects.values_list("batch", flat=True)) == {second.pk}
    assert second.report["replaced"] == 5 and first.report["checksum"] == second.report["checksum"]
    # Another organisation's identical file is its own.
    third, _ = run(login(broker_amersfoort), amersfoort, GOOD, django_capture_on_commit_callbacks)
    assert third.report["replaced"] == 0 and SupplierPayment.objects.count() == 10
    # A different file adds.
    other = GOOD.replace("8650.00", "8650.01")
    run(login(broker_haarlem), haarlem, other, django_capture_on_commit_callbacks)
    assert SupplierPayment.objects.filter(organisation=haarlem).count() == 10


def test_progress_is_reported(register, haarlem, broker_haarlem, monkeypatch):
    lines = ["kvk;naam;datum;bedrag;kostensoort"] + [f"90000001;Kerst;2025-12-01;{i},00;Gifts" for i in range(1, 1201)]
    payment_import = PaymentImport.objects.create(organisation=haarlem, uploaded_by=broker_haarlem)
    payment_import.file.save("b.csv", ContentFile("\n".join(lines).encode()))
    job = Job.objects.create(kind="payment_import", title="t", created_by=broker_haarlem, organisation=haarlem)
    seen = []
    original = jobs.job_progress
    # The task imports job_progress when it runs, so it calls this recorder.
    monkeypatch.setattr(jobs, "job_progress", lambda job_id, progress, message="": (seen.append(progress),
                                                                                   original(job_id, progress, message)))
    result = import_payments(payment_import.pk, job_id=job.pk)
    assert result["verwerkt"] == 1200
    assert seen == sorted(seen) and seen[0] == 5 and 30 < seen[-1] < 100 and len(seen) >= 3
    job.refresh_from_db()
    assert job.progress == 100 and job.status == Job.Status.SUCCEEDED


def test_upload_form_refuses_bad_files(haarlem, broker_haarlem, login):
    client = login(broker_haarlem)
    response = upload(client, haarlem, "x", name="betalingen.xlsx")
    assert response.status_code == 200 and "Upload een CSV-bestand." in response.content.decode()
    assert PaymentImport.objects.count() == 0


def test_a_colleague_may_import_for_their_own_organisation_only(haarlem, amersfoort, inkoper_haarlem, login,
                                                                django_capture_on_commit_callbacks):
    client = login(inkoper_haarlem)
    response = upload(client, amersfoort, GOOD)
    assert response.status_code == 200 and PaymentImport.objects.count() == 0  # not a choice: a field error
    run(client, haarlem, GOOD, django_capture_on_commit_callbacks)
    assert SupplierPayment.objects.filter(organisation=haarlem).count() == 5
