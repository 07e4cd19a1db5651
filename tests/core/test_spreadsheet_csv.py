"""The one CSV writer: the conventions of the page's language, a byte order mark, and no formulas."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.safestring import SafeString

from impactportal.spreadsheet_csv import FORMULA_TRIGGERS, Conventions, SpreadsheetWriter, cell_text


@pytest.mark.parametrize(("language", "delimiter", "decimal"), [
    ("nl", ";", ","), ("nl-nl", ";", ","), ("en", ",", "."), ("en-gb", ",", "."), (None, ";", ","),
])
def test_conventions_follow_the_language(language, delimiter, decimal):
    with translation.override(language):
        conventions = Conventions()
    assert (conventions.delimiter, conventions.decimal) == (delimiter, decimal)


@pytest.mark.parametrize(("value", "dutch", "english"), [
    (Decimal("-250.50"), "-250,50", "-250.50"),
    (Decimal("7000.00"), "7000,00", "7000.00"),  # no grouping: the spreadsheet must read a number
    (Decimal("1E+3"), "1000", "1000"),  # never scientific notation
    (Decimal("0.001"), "0,001", "0.001"),
    (Decimal("0"), "0", "0"),
    (2.5, "2,5", "2.5"),
    (1e-05, "0,00001", "0.00001"),  # never scientific notation, floats neither
    (1e20, "100000000000000000000", "100000000000000000000"),
    (-3, -3, -3),
    (0, 0, 0),
    (None, "", ""),
    (True, "ja", "yes"),
    (False, "nee", "no"),
    (dt.date(2026, 12, 5), dt.date(2026, 12, 5), dt.date(2026, 12, 5)),  # csv writes it ISO
    (dt.datetime(2026, 12, 5, 9, 30), "2026-12-05 09:30:00", "2026-12-05 09:30:00"),
    ("Fietsen & zo", "Fietsen & zo", "Fietsen & zo"),
    ("'al veilig", "'al veilig", "'al veilig"),
    ("", "", ""),
])
def test_cell_text(value, dutch, english):
    with translation.override("nl"):
        assert cell_text(value, ",") == dutch
        assert SpreadsheetWriter(io.StringIO()).cell(value) == dutch  # the writer's fast path agrees
    with translation.override("en"):
        assert cell_text(value, ".") == english
        assert SpreadsheetWriter(io.StringIO()).cell(value) == english


@pytest.mark.parametrize("value", ["=1+2", SafeString("=1+2"), "-korting", "@SUM(A1)"])
def test_the_writer_quotes_formulas_of_every_kind_of_text(value):
    assert SpreadsheetWriter(io.StringIO()).cell(value) == "'" + value


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_text_a_spreadsheet_would_run_gets_a_quote(trigger):
    assert cell_text(trigger + "SUM(A1:A9)", ",") == "'" + trigger + "SUM(A1:A9)"


@pytest.mark.parametrize(("language", "expected"), [
    ("nl", "\ufeffnaam;bedrag;actief\r\nDe Fietsfabriek;1250,75;ja\r\n'=1+2;;nee\r\n"),
    ("en", "\ufeffnaam,bedrag,actief\r\nDe Fietsfabriek,1250.75,yes\r\n'=1+2,,no\r\n"),
])
def test_writer_writes_the_mark_then_rows(language, expected):
    out = io.StringIO()
    with translation.override(language):
        writer = SpreadsheetWriter(out)
        for row in (["naam", "bedrag", "actief"], ["De Fietsfabriek", Decimal("1250.75"), True], ["=1+2", None, False]):
            writer.writerow(row)
    assert out.getvalue() == expected


def test_the_register_import_report_follows_the_downloaders_language():
    """The section labels were translated once, when the module was loaded: an English download
    said "regel met fouten"."""
    from enterprises.imports import write_report_csv

    report = {"malformed": [{"line": 3, "message": "x"}], "unknown": [{"line": 4, "kvk_number": "01234567",
                                                                         "name": "Nieuw BV"}]}
    for language, expected in (("nl", ["regel met fouten", "onbekende onderneming"]),
                               ("en", ["line with errors", "unknown enterprise"])):
        out = io.StringIO()
        with translation.override(language):
            write_report_csv(report, out)
        delimiter = ";" if language == "nl" else ","
        rows = [line.split(delimiter) for line in out.getvalue().lstrip("\ufeff").splitlines()]
        assert [row[0] for row in rows[1:]] == expected
