"""The register import's report as CSV: a header with capitals as every other export has, the KvK
number and name of a bad row as the file had them (the file said which row it was; the report left
both empty), and a file name in the reader's language."""

import csv
import datetime as dt
import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enterprises import imports
from enterprises.models import RegisterImport

pytestmark = pytest.mark.django_db

LATER = (dt.date.today() + dt.timedelta(days=700)).isoformat()
FILE = "\n".join([
    "kvk_nummer;naam;regeling;geldig_tot;nummer",
    f"90000032;Bakkerij Klerks;pso_30;{LATER};A1",  # 2: a bad certificate number
    f"9000abc;Foute KvK;pso_30;{LATER};",  # 3: a bad KvK number
    f"90000015;Koffiebranderij Scheffers;onbekend;{LATER};;extra",  # 4: more columns: nothing to trust
]) + "\n"


def test_parse_keeps_a_bad_rows_kvk_number_and_name_as_the_file_has_them():
    _rows, malformed = imports.parse(FILE)
    assert [(m["line"], m.get("kvk_number"), m.get("name")) for m in malformed] == [
        (2, "90000032", "Bakkerij Klerks"), (3, "9000abc", "Foute KvK"), (4, None, None)]


@pytest.mark.parametrize("language, delimiter, header, name", [
    ("nl", ";", ["Soort", "Regel", "KvK-nummer", "Naam", "Melding"], "registerimport-{pk}.csv"),
    ("en", ",", ["Kind", "Line", "Chamber of Commerce (KvK) number", "Name", "Notification"],
     "register-import-{pk}.csv"),
])
def test_the_report_csv(language, delimiter, header, name, login, broker_haarlem, haarlem,
                        django_capture_on_commit_callbacks):
    client = login(broker_haarlem)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    file = SimpleUploadedFile("register.csv", FILE.encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("enterprises:import-create"), {"organisation": haarlem.pk, "file": file,
                                                           "default_scheme": ""})
    register_import = RegisterImport.objects.get()
    response = client.get(reverse("enterprises:import-report", args=[register_import.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="{name.format(pk=register_import.pk)}"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=delimiter))
    assert rows[0] == header
    assert [row[1:4] for row in rows[1:4]] == [["2", "90000032", "Bakkerij Klerks"], ["3", "9000abc", "Foute KvK"],
                                               ["4", "", ""]]
