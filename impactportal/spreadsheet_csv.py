"""CSV files a spreadsheet opens as columns: one writer for every CSV the portal hands out.

Excel splits a CSV on the list separator of the computer's regional settings and reads numbers
with its decimal sign. On a Dutch computer that is ``;`` and ``,``: a comma-separated file opens
as one column, and "250.50" is read as 25050. So the file follows the conventions of the page's
language (Dutch: ``;`` and a decimal comma; English: ``,`` and a decimal point), and starts with a
byte order mark, without which Excel reads UTF-8 as Windows-1252 ("Ã«" for "ë").

Only the presentation of numbers changes: the values stay numbers (no grouping, no currency
sign), so the spreadsheet can sum them."""

import codecs
import csv
import datetime
import re
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

BYTE_ORDER_MARK = "\ufeff"
# Text starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class Conventions:
    """List separator and decimal sign of the active language."""

    def __init__(self):
        dutch = (translation.get_language() or "nl").startswith("nl")
        self.delimiter = ";" if dutch else ","
        self.decimal = "," if dutch else "."


def cell_text(value, decimal: str):
    """A value as the CSV cell shows it: numbers with the language's decimal sign, yes/no in words,
    nothing for None; a date ISO-written (every Excel locale reads 2026-12-05 as a date); text a
    spreadsheet would run as a formula behind a ``'`` (a negative number stays a number)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", decimal)
    if isinstance(value, float):  # through its shortest exact text: 1e-05 is written 0,00001
        return format(Decimal(repr(value)), "f").replace(".", decimal)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class SpreadsheetWriter:
    """``csv.writer`` over a text stream ``out`` (an ``HttpResponse`` will do), in the conventions
    of the active language. Writes the byte order mark first."""

    def __init__(self, out):
        conventions = Conventions()
        self.decimal = decimal = conventions.decimal
        self.writer = csv.writer(out, delimiter=conventions.delimiter)
        yes, no = _("ja"), _("nee")
        # The common cell types by their exact type, answered as ``cell_text`` would without its
        # chain of checks and a translation per yes/no (a 100,000-row export writes a million cells).
        self.converters = {
            bool: lambda value: yes if value else no,
            Decimal: lambda value: format(value, "f").replace(".", decimal),
            type(None): lambda value: "",
            int: lambda value: value,
            datetime.date: lambda value: value,
        }
        out.write(BYTE_ORDER_MARK)

    def cell(self, value):
        if type(value) is str:
            return "'" + value if value[:1] in _TRIGGER_STARTS else value
        convert = self.converters.get(type(value))
        return convert(value) if convert is not None else cell_text(value, self.decimal)

    def writerow(self, values):
        self.writer.writerow([self.cell(value) for value in values])


_TRIGGER_STARTS = frozenset(FORMULA_TRIGGERS)


def dialect_of(text: str):
    """The delimiter of a CSV file, sniffed from its header row alone: the upload form checks the
    header with it, and the imports read the file with it. Sniffed from the first 4 KB, one data
    row with a fifth field or a long value made the delimiter "inconsistent": the file was read as
    one comma-separated column and the whole import failed with a false "columns missing" error."""
    first = first_line(text.lstrip("\ufeff"))
    try:
        return csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        return csv.excel


# A line ends in CRLF (Windows), LF, or CR alone: Excel for Mac's "CSV (Macintosh)" and older Mac
# programs end lines in CR, and the whole file was taken as its first line.
LINE_END = re.compile(r"\r\n|\r|\n")


def first_line(text: str) -> str:
    """The first line of ``text``, whichever way its lines end."""
    return LINE_END.split(text, maxsplit=1)[0]


def header_row(head: bytes) -> list[str] | None:
    """The header row of an uploaded CSV file from its first bytes (the upload forms check it, so a
    file whose columns cannot be found is refused there instead of being queued and reported
    "done"); None when the line cannot be read (the import then reports it with its number).
    UTF-8 with or without a byte order mark, else Windows-1252 as Excel on Windows saves it, or
    UTF-16 after its byte order mark (Excel's "Unicode text")."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Decoded before it is split: in UTF-16 a line ends in two bytes, "\n\x00" or "\x00\n".
        decoded = codecs.getincrementaldecoder("utf-16")(errors="replace").decode(head[:65536], final=False)
        text = first_line(decoded)
        try:
            return next(csv.reader([text], dialect_of(text)), [])
        except csv.Error:
            return None
    line = re.split(rb"\r|\n", head, maxsplit=1)[0]
    try:
        # Incremental: a character cut at the end of the sample is not an error (decoding the cut
        # sample whole fell back to cp1252, and a UTF-8 byte order mark became "ï»¿KvK-nummer").
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(line, final=False)
    except UnicodeDecodeError:
        text = line.decode("cp1252", errors="replace")
    try:
        return next(csv.reader([text], dialect_of(text)), [])
    except csv.Error:
        return None
