"""An import's row messages follow the reader's language, not the uploader's: the imports run as a
job in the uploader's language and stored their messages translated, so a colleague who read the
page or downloaded the report in English saw Dutch (and the other way round), with dates in the
uploader's notation. Reports stored before keep showing their text as it is."""

import csv
import datetime as dt
import html
import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from enterprises.constants import Scheme
from enterprises.models import RegisterImport
from impactportal.ui.import_messages import message, text
from procurement.models import PaymentImport
from tests import factories as f

pytestmark = pytest.mark.django_db

LATER = (dt.date.today() + dt.timedelta(days=700)).isoformat()
REGISTER_FILE = "\n".join([
    "kvk_nummer;naam;regeling;geldig_tot",
    "11111111;Bakkerij De Korst;pso_30;2020-03-31",  # 2: the register says it expired (a date)
    f"1234;Te kort;pso_30;{LATER}",  # 3: a bad KvK number (a value from the file)
    "22222222;Zonder einde;pso_1;",  # 4: no end date (a scheme's label)
    f"33333333;{'x' * 1001};pso_30;{LATER}",  # 5: a name too long (a number)
]) + "\n"
# Written in the reader's language, whichever language the import ran in.
REGISTER_TEXTS = {
    "nl": ["Regel 2", "Volgens het register is het certificaat verlopen op 31-03-2020.",
           "Regel 3", "KvK-nummer '1234' bestaat niet uit 8 cijfers.",
           "Einddatum ontbreekt: een certificaat PSO trede 1 is altijd beperkt geldig.",
           "naam te lang: meer dan 1.000 tekens."],
    "en": ["Row 2", "According to the register, the certificate expired on 31/03/2020.",
           "Row 3", "KvK number '1234' does not consist of 8 digits.",
           "End date missing: a PSO level 1 certificate is always valid for a limited time.",
           "naam too long: more than 1,000 characters."],
}
PAYMENTS_FILE = "\n".join([
    "kvk-nummer;naam;datum;bedrag excl. btw;kostensoort",
    "123;Te kort;2026-01-01;10,00;x",  # 2: a bad KvK number
    "12345678;;2099-01-01;10,00;x",  # 3: two problems, said one after the other
]) + "\n"
PAYMENTS_TEXTS = {
    "nl": ["KvK-nummer '123' bestaat niet uit 8 cijfers (laat het leeg als de leverancier geen KvK-nummer heeft).",
           "Naam van de leverancier ontbreekt. Datum '2099-01-01' ligt in de toekomst: een betaling is al gedaan."],
    "en": ["KvK number '123' does not consist of 8 digits (leave it empty if the supplier has no KvK number).",
           "The supplier's name is missing. Date '2099-01-01' is in the future: a payment has already been made."],
}
OTHER = {"nl": "en", "en": "nl"}


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def import_as(client, language, url, data, capture):
    """Upload in ``language``, the job (run on commit) in that language too, as a worker running
    in the uploader's language would (the callbacks run after the request, whose middleware has
    deactivated its language: run without ``override`` they ran in Dutch)."""
    with capture() as callbacks:
        response = in_language(client, language).post(url, data)
    assert response.status_code == 302
    with translation.override(language):
        for callback in callbacks:
            callback()


def read(client, language, page_url, csv_url):
    """The report as a reader in ``language`` sees it: the page, the polled partial and the CSV's rows."""
    client = in_language(client, language)
    page = html.unescape(client.get(page_url).content.decode())
    partial = html.unescape(client.get(page_url, HTTP_HX_REQUEST="true").content.decode())
    body = client.get(csv_url).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";" if language == "nl" else ","))
    return page, partial, rows


@pytest.mark.parametrize("uploader", ["nl", "en"])
def test_a_register_import_reads_in_the_readers_language(uploader, login, broker_haarlem, haarlem,
                                                         django_capture_on_commit_callbacks):
    f.EnterpriseFactory(kvk_number="11111111", municipality=haarlem, name="Bakkerij De Korst")
    client = login(broker_haarlem)
    file = SimpleUploadedFile("register.csv", REGISTER_FILE.encode(), content_type="text/csv")
    import_as(client, uploader, reverse("enterprises:import-create"),
              {"organisation": haarlem.pk, "file": file, "default_scheme": ""}, django_capture_on_commit_callbacks)
    register_import = RegisterImport.objects.get()
    assert [m["line"] for m in register_import.report["malformed"]] == [3, 4, 5]
    for reader in (OTHER[uploader], uploader):
        page, partial, rows = read(client, reader, register_import.get_absolute_url(),
                                   reverse("enterprises:import-report", args=[register_import.pk]))
        for said in REGISTER_TEXTS[reader]:
            assert said in page and said in partial
        for said in REGISTER_TEXTS[OTHER[reader]][1::2]:  # the messages, none in the other language
            assert said not in page and said not in partial
        messages = {(row[1], row[4]) for row in rows[1:]}
        assert ("2", REGISTER_TEXTS[reader][1]) in messages and ("3", REGISTER_TEXTS[reader][3]) in messages
        assert ("4", REGISTER_TEXTS[reader][4]) in messages and ("5", REGISTER_TEXTS[reader][5]) in messages


@pytest.mark.parametrize("uploader", ["nl", "en"])
def test_a_payments_import_reads_in_the_readers_language(uploader, login, broker_haarlem, haarlem,
                                                         django_capture_on_commit_callbacks):
    client = login(broker_haarlem)
    file = SimpleUploadedFile("betalingen.csv", PAYMENTS_FILE.encode(), content_type="text/csv")
    import_as(client, uploader, reverse("procurement:payment-import-create"), {"organisation": haarlem.pk, "file": file},
              django_capture_on_commit_callbacks)
    payment_import = PaymentImport.objects.get()
    assert [m["line"] for m in payment_import.report["malformed"]] == [2, 3]
    for reader in (OTHER[uploader], uploader):
        page, partial, rows = read(client, reader, payment_import.get_absolute_url(),
                                   reverse("procurement:payment-import-report", args=[payment_import.pk]))
        for said in PAYMENTS_TEXTS[reader]:
            assert said in page and said in partial
        for said in PAYMENTS_TEXTS[OTHER[reader]]:
            assert said not in page and said not in partial
        assert [(row[1], row[6]) for row in rows[1:]] == [("2", PAYMENTS_TEXTS[reader][0]),
                                                         ("3", PAYMENTS_TEXTS[reader][1])]


def test_a_report_stored_before_shows_its_text_as_it_is(login, broker_haarlem, haarlem):
    """Reports stored before the messages were kept untranslated hold the uploader's text: shown as
    it is, in any language, on the page and in the CSV."""
    enterprise = f.EnterpriseFactory(kvk_number="11111111", municipality=haarlem, name="Bakkerij De Korst")
    bad, differs = "KvK-nummer '1234' bestaat niet uit 8 cijfers.", "Volgens het register is het certificaat verlopen op 2020-03-31."
    register_import = RegisterImport.objects.create(
        organisation=haarlem, uploaded_by=broker_haarlem, file="register-imports/x.csv", default_scheme=Scheme.PSO_30,
        report={"total_rows": 2, "matched": [], "unknown": [], "outside_scope": [],
                "malformed": [{"line": 3, "message": bad}],
                "mismatches": [{"line": 2, "kvk_number": "11111111", "name": "Bakkerij De Korst",
                                "enterprise_id": enterprise.pk, "enterprise_name": enterprise.name,
                                "kind": "certificate_expired", "message": differs}]})
    payment_import = PaymentImport.objects.create(
        organisation=haarlem, uploaded_by=broker_haarlem, file="payment-imports/x.csv",
        report={"total_rows": 1, "applied": 0, "malformed": [{"line": 2, "message": "Naam van de leverancier ontbreekt."}]})
    client = login(broker_haarlem)
    for reader in ("en", "nl"):
        page, partial, rows = read(client, reader, register_import.get_absolute_url(),
                                   reverse("enterprises:import-report", args=[register_import.pk]))
        assert bad in page and differs in page and bad in partial
        assert {(row[1], row[4]) for row in rows[1:]} == {("3", bad), ("2", differs)}
        page, partial, rows = read(client, reader, payment_import.get_absolute_url(),
                                   reverse("procurement:payment-import-report", args=[payment_import.pk]))
        assert "Naam van de leverancier ontbreekt." in page
        assert [(row[1], row[6]) for row in rows[1:]] == [("2", "Naam van de leverancier ontbreekt.")]
    assert text(bad) == bad and text("") == ""


def test_a_message_keeps_its_id_and_values_and_is_written_when_read():
    """Stored: the message id (the Dutch text, which makemessages finds) and values, not text; a
    day as a date, a count as a number, a choice's label as its message id."""
    stored = message("Volgens het register is het certificaat verlopen op %(end)s.", end=dt.date(2020, 3, 31))
    assert stored == {"msg": "Volgens het register is het certificaat verlopen op %(end)s.",
                      "params": {"end": {"date": "2020-03-31"}}}
    with translation.override("en"):
        label = message("Einddatum ontbreekt: een certificaat %(scheme)s is altijd beperkt geldig.",
                        scheme=Scheme.PSO_1.label)
    assert label["params"]["scheme"] == {"msg": "PSO trede 1"}
    with translation.override("nl"):
        assert text([stored, label]) == ("Volgens het register is het certificaat verlopen op 31-03-2020. "
                                         "Einddatum ontbreekt: een certificaat PSO trede 1 is altijd beperkt geldig.")
    with translation.override("en"):
        assert text(stored) == "According to the register, the certificate expired on 31/03/2020."
