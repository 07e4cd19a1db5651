"""Register import: validate every row first, report malformed rows with line numbers, apply the
valid rows in one transaction, report matched/updated, unknown and mismatched rows."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enterprises import imports
from enterprises.constants import CertificationSource, CertificationStatus, Scheme
from enterprises.models import Certification, RegisterImport
from impactportal.models import Job
from impactportal.ui.import_messages import text as message_text
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(haarlem, amersfoort, make_cert, today):
    e = {
        "match": f.EnterpriseFactory(name="Fietsenmakerij Jansen B.V.", kvk_number="11111111", municipality=haarlem),
        "renamed": f.EnterpriseFactory(name="Bakkerij Bol", kvk_number="22222222", municipality=haarlem),
        "missing": f.EnterpriseFactory(name="Drukkerij Dam", kvk_number="33333333", municipality=haarlem),
        "expired": f.EnterpriseFactory(name="Wasserette Wit", kvk_number="44444444", municipality=haarlem),
        "elsewhere": f.EnterpriseFactory(name="Koeriers Kok", kvk_number="55555555", municipality=amersfoort),
    }
    make_cert(e["match"], Scheme.PSO_30, days=100, number="PSO30-111")
    make_cert(e["renamed"], Scheme.PSO_30, days=100, number="PSO30-222")
    make_cert(e["expired"], Scheme.PSO_30, days=100, number="PSO30-444")
    make_cert(e["elsewhere"], Scheme.PSO_30, days=100, number="PSO30-555")
    return e


def csv_text(today):
    later = (today + dt.timedelta(days=700)).isoformat()
    past = (today - dt.timedelta(days=3)).isoformat()
    return "\n".join([
        "kvk_nummer;naam;regeling;geldig_tot;certificaatnummer",
        f"11111111;Fietsenmakerij Jansen;PSO 30+;{later};PSO30-111",  # 2: match, date updated
        f"22222222;Bakkerij Bolletje;PSO 30+;{later};PSO30-222",  # 3: name differs
        f"33333333;Drukkerij Dam;PSO 30+;{later};",  # 4: certificate missing in the portal
        f"44444444;Wasserette Wit;PSO 30+;{past};PSO30-444",  # 5: expired according to the register
        f"99999999;Onbekend Bedrijf;PSO 30+;{later};",  # 6: unknown enterprise
        f"123456;Te Kort;PSO 30+;{later};",  # 7: malformed KvK
        "66666666;Datum Fout;PSO 30+;31-13-2026;",  # 8: malformed date
        f"77777777;Regeling Fout;Keurmerk X;{later};",  # 9: unknown scheme
        f"88888888;;PSO 30+;{later};",  # 10: no name
        f"11111111;Fietsenmakerij Jansen;PSO 30+;{later};",  # 11: duplicate of line 2
        "",
        f"55555555;Koeriers Kok;PSO 30+;{later};PSO30-555",  # 13: another municipality's enterprise
    ]) + "\n"


def test_parse_reports_malformed_rows_with_line_numbers(today):
    rows, malformed = imports.parse(csv_text(today))
    assert [r.line for r in rows] == [2, 3, 4, 5, 6, 13]
    assert [m["line"] for m in malformed] == [7, 8, 9, 10, 11]
    assert "8 cijfers" in message_text(malformed[0]["message"]) and "regel 2" in message_text(malformed[4]["message"])


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("cell", "scheme"), [
    ("Code Sociale Ondernemingen", Scheme.CSO), ("code sociaal ondernemen", Scheme.CSO), ("cso", Scheme.CSO),
    ("PSO 30+", Scheme.PSO_30), ("Keurmerk X", None),
])
def test_a_scheme_is_read_the_same_in_either_language(language, cell, scheme):
    """One file gave another outcome in English: the Dutch label was an unknown scheme there."""
    from django.utils import translation

    with translation.override(language):
        rows, malformed = imports.parse(f"kvk_nummer;naam;regeling;geldig_tot\n11111111;Jansen;{cell};2030-01-01\n")
    assert [r.scheme for r in rows] == ([scheme] if scheme else [])
    assert len(malformed) == (0 if scheme else 1)


@pytest.mark.parametrize(("cell", "kvk"), [
    ("1234567", "01234567"),  # a spreadsheet dropped the leading zero
    ("01234567", "01234567"), ("0123 4567", "01234567"), ("01.23.45.67", "01234567"),
    ("123456", "123456"), ("123456789", "123456789"), ("", ""), ("12345a7", "12345a7"),  # refused later
])
def test_imported_kvk_gives_a_seven_digit_number_its_zero_back(cell, kvk):
    from enterprises.checks import imported_kvk

    assert imported_kvk(cell) == kvk


def test_a_register_list_saved_by_a_spreadsheet_still_matches_its_enterprise(today):
    later = (today + dt.timedelta(days=700)).isoformat()
    rows, malformed = imports.parse(f"kvk_nummer;naam;regeling;geldig_tot\n1234567;Groninger Groen;PSO 30+;{later}\n")
    assert malformed == [] and rows[0].kvk_number == "01234567"


def test_parse_missing_columns_and_empty_file():
    missing = imports.parse("foo,bar\n1,2\n")[1][0]
    # Named as the import page asks for them (kvk_nummer;naam;regeling;geldig_tot), not internally.
    assert missing["line"] == 1 and "kvk_nummer, naam, geldig_tot, regeling" in message_text(missing["message"])
    [empty] = imports.parse("")[1]
    assert empty["line"] == 1 and message_text(empty["message"]) == "Het bestand is leeg."
    rows, malformed = imports.parse("kvk,naam,geldig tot\n12345678,X,2030-01-01\n", default_scheme=Scheme.CSO)
    assert not malformed and rows[0].scheme == Scheme.CSO


def upload(client, text, **extra):
    file = SimpleUploadedFile("register.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("enterprises:import-create"), {"organisation": extra.get("org"), "file": file,
                                                              "default_scheme": ""})


def test_import_through_the_ui_as_a_job(login, broker_haarlem, haarlem, register, today,
                                        django_capture_on_commit_callbacks):
    client = login(broker_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, csv_text(today), org=haarlem.pk)
    register_import = RegisterImport.objects.get()
    assert response.status_code == 302 and response["Location"] == register_import.get_absolute_url()
    job = Job.objects.get()
    assert job.status == Job.Status.SUCCEEDED and job.progress == 100 and register_import.job == job
    report = RegisterImport.objects.get().report
    assert [m["line"] for m in report["malformed"]] == [7, 8, 9, 10, 11]
    assert [u["kvk_number"] for u in report["unknown"]] == ["99999999"]
    assert [o["kvk_number"] for o in report["outside_scope"]] == ["55555555"]
    kinds = {(m["line"], m["kind"]) for m in report["mismatches"]}
    assert kinds == {(3, "name_differs"), (4, "certificate_missing"), (5, "certificate_expired")}
    assert {m["line"]: m["updated"] for m in report["matched"]} == {2: True, 3: True, 4: True, 5: True}
    # Applied: dates updated, the missing certificate added, the expired one marked expired.
    later = today + dt.timedelta(days=700)
    assert Certification.objects.get(enterprise=register["match"]).valid_until == later
    added = Certification.objects.get(enterprise=register["missing"])
    assert added.source == CertificationSource.IMPORT and added.verified_by == broker_haarlem
    assert Certification.objects.get(enterprise=register["expired"]).status == CertificationStatus.EXPIRED
    # Another municipality's certificate is left alone.
    assert Certification.objects.get(enterprise=register["elsewhere"]).valid_until == today + dt.timedelta(days=100)
    page = client.get(register_import.get_absolute_url()).content.decode()
    assert "Regel 7" in page and "Onbekend Bedrijf" in page and "Bakkerij Bolletje" in page
    # The row counted "buiten uw gemeente" is listed, and an unknown enterprise can be added.
    assert "Regel 13" in page and "Koeriers Kok" in page
    add_url = reverse("enterprises:enterprise-create") + "?name=Onbekend%20Bedrijf&amp;kvk_number=99999999"
    assert add_url in page
    form = client.get(add_url.replace("&amp;", "&")).content.decode()
    assert 'value="Onbekend Bedrijf"' in form and 'value="99999999"' in form
    assert job.result["onjuiste regels"] == 5


def test_second_run_changes_nothing(broker_haarlem, register, today):
    rows, _ = imports.parse(csv_text(today))
    imports.apply(rows, user=broker_haarlem, today=today)
    count = Certification.objects.count()
    report = imports.apply(rows, user=broker_haarlem, today=today)
    assert Certification.objects.count() == count
    assert not any(m["updated"] for m in report["matched"])


def test_failure_while_applying_rolls_back_everything(broker_haarlem, register, today, monkeypatch):
    rows, _ = imports.parse(csv_text(today))
    real_update = imports._update
    calls = []

    def failing(cert, row, user, today):
        calls.append(row.line)
        if len(calls) == 3:
            raise RuntimeError("database hiccup")
        return real_update(cert, row, user, today)

    monkeypatch.setattr(imports, "_update", failing)
    before = sorted(Certification.objects.values_list("pk", "valid_until", "status"))
    with pytest.raises(RuntimeError):
        imports.apply(rows, user=broker_haarlem, today=today)
    assert sorted(Certification.objects.values_list("pk", "valid_until", "status")) == before


def test_import_page_is_for_brokers_only(login, inkoper_haarlem, ondernemer_1, broker_amersfoort, broker_haarlem,
                                         haarlem, today, django_capture_on_commit_callbacks):
    for user in (inkoper_haarlem, ondernemer_1):
        assert login(user).get(reverse("enterprises:import-create")).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        upload(login(broker_haarlem), "kvk;naam;regeling;geldig_tot\n", org=haarlem.pk)
    register_import = RegisterImport.objects.get()
    assert login(broker_amersfoort).get(register_import.get_absolute_url()).status_code == 404


def test_upload_that_is_not_csv_gets_a_field_error(login, broker_haarlem, haarlem):
    client = login(broker_haarlem)
    file = SimpleUploadedFile("register.pdf", b"%PDF-1.4 \x00\x01", content_type="application/pdf")
    response = client.post(reverse("enterprises:import-create"), {"organisation": haarlem.pk, "file": file})
    assert response.status_code == 200 and 'href="#id_file"' in response.content.decode()
    assert not RegisterImport.objects.exists()


# --- the checks at their boundaries: removing a check or moving it by one day fails here ----------


def _row(kvk, name, valid_until, number=""):
    return imports.Row(line=2, kvk_number=kvk, name=name, scheme=Scheme.PSO_30, valid_until=valid_until, number=number)


def _kinds(report):
    return {m["kind"] for m in report["mismatches"]}


@pytest.mark.parametrize("days, expired", [(-1, True), (0, False), (1, False)])
def test_expired_per_register_on_the_boundary_day(broker_haarlem, register, today, days, expired):
    """valid_until is inclusive: a register end date of today is still valid today."""
    end = today + dt.timedelta(days=days)
    report = imports.apply([_row("11111111", "Fietsenmakerij Jansen", end, "PSO30-111")], user=broker_haarlem,
                           today=today)
    assert ("certificate_expired" in _kinds(report)) is expired
    cert = Certification.objects.get(enterprise=register["match"])
    assert cert.valid_until == end
    assert (cert.status == CertificationStatus.EXPIRED) is expired


@pytest.mark.parametrize("register_number, differs", [("PSO30-111", False), ("PSO30-112", True), ("", False)])
def test_number_differs(broker_haarlem, register, today, register_number, differs):
    report = imports.apply([_row("11111111", "Fietsenmakerij Jansen", today + dt.timedelta(days=200),
                                 register_number)], user=broker_haarlem, today=today)
    mismatches = [m for m in report["mismatches"] if m["kind"] == "number_differs"]
    assert bool(mismatches) is differs
    if differs:
        assert "PSO30-112" in message_text(mismatches[0]["message"]) and "PSO30-111" in message_text(mismatches[0]["message"])
    # An empty number in the register keeps the portal's number.
    expected = register_number or "PSO30-111"
    assert Certification.objects.get(enterprise=register["match"]).number == expected


@pytest.mark.parametrize("days_after_issue, conflict", [(-1, True), (0, False), (1, False)])
def test_dates_conflict_on_the_boundary_day(broker_haarlem, register, today, days_after_issue, conflict):
    """A register end date before the portal's issue date is a conflict (and is not applied); an
    end date on the issue day itself is not."""
    cert = Certification.objects.get(enterprise=register["match"])
    cert.issued_on = today + dt.timedelta(days=10)
    cert.save()
    before = cert.valid_until
    end = cert.issued_on + dt.timedelta(days=days_after_issue)
    report = imports.apply([_row("11111111", "Fietsenmakerij Jansen", end, "PSO30-111")], user=broker_haarlem,
                           today=today)
    assert ("dates_conflict" in _kinds(report)) is conflict
    assert report["matched"][0]["updated"] is (not conflict)
    cert.refresh_from_db()
    assert cert.valid_until == (before if conflict else end)


def test_a_file_without_the_columns_is_refused_at_upload(login, broker_haarlem, haarlem):
    """A file with the wrong header row was queued and reported "Klaar — Import verwerkt" with one
    row in error: the upload form says which columns it misses, and nothing is queued."""
    from enterprises.models import RegisterImport

    response = upload(login(broker_haarlem), "Bedrijf;Plaats\nBakkerij;Haarlem\n", org=haarlem.pk)
    assert response.status_code in (200, 400)
    error = response.context["form"].errors["file"][0]
    assert "Kolommen ontbreken in de kopregel" in error and "kvk_nummer" in error
    assert not RegisterImport.objects.exists()
    assert imports.header_problem("\ufeffkvk_nummer;naam;regeling;geldig_tot\r\n".encode()) == ""
    assert imports.header_problem(b"") == "Het bestand is leeg."


def test_the_header_check_reads_a_byte_order_mark_and_a_character_cut_by_the_sample():
    """The form reads the first 4,096 bytes: a character cut there made the whole sample fall back
    to cp1252, and Excel's UTF-8 byte order mark became "ï»¿KvK-nummer" (a missing column)."""
    head = ("\ufeffkvk_nummer;naam;regeling;geldig_tot;opmerking" + "é" * 3000).encode()[:4096]
    assert imports.header_problem(head) == ""
    assert imports.header_problem("kvk_nummer;naam;regeling;geldig_tot\n".encode("cp1252")) == ""
