"""The rows of an uploaded list, for the imports: a CSV file (UTF-8, Windows-1252 or Mac Roman, or UTF-16 with
its byte order mark as Excel saves "Unicode text"; ``,``, ``;`` or tab between the values) or an
Excel workbook (.xlsx). One reader for both imports, so they validate, number and report rows the
same way whatever the format.

Of a workbook with several worksheets the reader takes the first whose header row (row 1) the import
accepts: the import passes its own header check (``header_check``: what is wrong with a header, ""
when nothing), so a sheet of notes or totals before the data is passed over. The header row it
yields is a ``Header`` naming the worksheet read, for the import's report. When no worksheet fits,
``Unreadable`` names the worksheets found. A workbook with one worksheet is read whatever its header:
the import then says what its header lacks.

``read_rows`` yields ``(line, values)``: the header first (line 1), then every data row that is not
empty, ``line`` being the spreadsheet's row number (a CSV record is numbered by the line it starts
on) and ``values`` a list of strings. A workbook's cells are turned into the text the imports read:
a number as its exact digits (``Number``: 12345678.0 is "12345678", 1234.5 is "1234.5"), a date as
``2026-03-31``, an empty cell as "". A CSV record the reader could not split into cells is yielded
as a ``Skipped``. When the rest of the file cannot be read, ``Unreadable`` is raised: the imports
then apply nothing.

What ``Unreadable`` says is kept as a message of the import's report (``impactportal.ui.import_messages``:
its message id and values), so the report reads in the language of whoever reads it; ``message`` is
its text in the active language, for the upload form."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_noop

from impactportal import spreadsheet_csv
from impactportal.ui.import_messages import as_number, message
from impactportal.ui.import_messages import text as message_text
from impactportal.uploads import OLE2_MAGIC, UTF16_BOMS, compound_file_problem

ZIP_MAGIC = b"PK\x03\x04"
# A workbook's parts unpacked, at most: about twenty times the 5 MB upload (Excel compresses its XML
# about tenfold), so a small "zip bomb" cannot make the worker read gigabytes.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
# Worksheets named in the message when none has the import's header; the rest are counted.
NAMED_SHEETS = 10
# What is wrong with a header row for an import ("" when it fits): the import's own check, a stored
# message (``import_messages.message``) or a text.
HeaderCheck = Callable[[list[str]], "dict | list | str"]


class Unreadable(Exception):  # noqa: N818 — a state of the file, not a programming error
    """The file, from ``line`` on, cannot be read; ``said`` says what to do, stored as a report's
    message (``import_messages``; an old caller's text is kept as it is), and ``message`` writes it
    in the active language."""

    def __init__(self, line: int, said: dict | list | str):
        super().__init__(line, said)
        self.line, self.said = line, said

    @property
    def message(self) -> str:
        return message_text(self.said)

    def __str__(self) -> str:
        return self.message

    def as_row(self) -> dict:
        """The report's row: the message stored untranslated, written when the report is read."""
        return {"line": self.line, "message": self.said}


@dataclass(frozen=True)
class Skipped:
    """A CSV record read over lines ``line`` to ``end`` by an unclosed quote (``end`` > ``line``),
    or one line with a value longer than csv's field limit (``too_long``)."""

    end: int
    too_long: bool = False


class Header(list):
    """The header row (the values of line 1), with ``sheet``: the name of the worksheet it was read
    from, or None for a CSV."""

    sheet: str | None = None

    def __init__(self, values=(), sheet: str | None = None):
        super().__init__(values)
        self.sheet = sheet


class Parsed(tuple):
    """What an import's ``parse`` gives: ``(rows, malformed)``, unpacked as before, with ``sheet``:
    the worksheet read (None for a CSV, or when the file could not be read), for its report, and
    ``refused``: the file as a whole was not read (its header, its size, an unreadable part), so its
    one message is no count of bad rows ("1 regel gelezen, 1 regel met fouten" was said of a
    25,000-row file refused for its size)."""

    sheet: str | None
    refused: bool

    def __new__(cls, rows: list, malformed: list, sheet: str | None = None, *, refused: bool = False):
        parsed = super().__new__(cls, (rows, malformed))
        parsed.sheet, parsed.refused = sheet, refused
        return parsed


def sheet_of(header) -> str | None:
    """The worksheet a header row was read from (None for a CSV or no header)."""
    return getattr(header, "sheet", None)


class Number(str):
    """The text of a workbook cell holding a number, with the number itself as ``value``.

    The text is what a CSV of the number would hold ("1234.5"; "12345678" for 12345678.0, so a
    KvK number typed as a number reads as one). The payments import takes an amount's ``value``
    as it is: the text "1.234" is Dutch for 1234, the number 1.234 is one point two three four."""

    value: Decimal

    def __new__(cls, value: Decimal):
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        number = super().__new__(cls, text)
        number.value = value
        return number


def decode(raw: bytes) -> str | bytes:
    """The text of an uploaded text file: UTF-16 when it starts with a UTF-16 byte order mark, else
    UTF-8 (with or without one), else Windows-1252 as Excel on Windows saves a CSV (Mac Roman when
    its lines end in CR alone, as Excel for Mac's "CSV (Macintosh)"). A workbook or
    another binary file is returned as it is, for ``read_rows`` to read or refuse."""
    if raw.startswith(UTF16_BOMS):
        return raw.decode("utf-16", errors="replace")
    if raw.startswith((ZIP_MAGIC, OLE2_MAGIC)):
        return raw
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        if b"\r" in raw and b"\n" not in raw:
            # Lines ended by CR alone: Excel for Mac's "CSV (Macintosh)", written in Mac Roman (read as
            # Windows-1252, "Café Zoë" became "CafŽ Zo‘").
            return raw.decode("mac_roman")
        return raw.decode("cp1252", errors="replace")


def read_rows(source: str | bytes, *, max_rows: int,
              header_check: HeaderCheck | None = None) -> Iterator[tuple[int, list[str] | Skipped]]:
    """``(line, values)`` of the header and every non-empty data row of ``source`` (the text of a
    CSV, or an upload's bytes in any format). Raises ``Unreadable`` where the file cannot be read,
    and when it has more than ``max_rows`` data rows. Of a workbook, the first worksheet whose
    header ``header_check`` accepts (without one: the first worksheet); its header is a ``Header``."""
    if isinstance(source, bytes):
        source = decode(source)
    rows = _csv_rows(source, max_rows) if isinstance(source, str) else _workbook_rows(source, max_rows, header_check)
    for line, values in rows:
        # A NUL is no character of any text (PostgreSQL refuses it in a text column): an import that
        # stored it failed after applying its rows, and a CSV past its first 8 KB was not looked at.
        if isinstance(values, list) and any("\x00" in value for value in values):
            raise Unreadable(line, nul_message(line))
        yield line, values


def nul_message(line: int) -> dict:
    """A NUL character on ``line``, as a report's message."""
    return message(gettext_noop(
        "Regel %(line)s bevat een teken dat in tekst niet voorkomt (een NUL-teken): het bestand is "
        "waarschijnlijk geen gewone CSV. Er is niets verwerkt; sla het opnieuw op als CSV (UTF-8) of als "
        "Excel-werkmap en importeer het opnieuw."), line=line)


def nul_character(line: int) -> str:
    """A NUL character on ``line``, in the active language (the upload form's error)."""
    return message_text(nul_message(line))


def header_row(raw: bytes, header_check: HeaderCheck | None = None) -> list[str] | None:
    """The header row of an upload, for the upload forms: the first line of a CSV (None when that
    cannot be read: the import reports it with its line number), or the first row of the worksheet
    ``read_rows`` reads (a ``Header``). Raises ``Unreadable`` for a workbook that cannot be read or
    has several worksheets of which none fits."""
    if not raw.startswith((ZIP_MAGIC, OLE2_MAGIC)):
        return spreadsheet_csv.header_row(raw)
    with _workbook(raw, data_only=True, header_check=header_check) as sheet:
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            texts = _trimmed([cell_text(value) for value in values])
            if line == 1 and texts:
                return Header(texts, sheet=sheet.title)
            if texts:
                raise Unreadable(1, _header_missing(line))
        return Header(sheet=sheet.title)


# --- the header row in the wrong place, or a file the portal wrote ------------------------------

# Rows looked at below row 1 for the column names, to say where they are (a title above them).
HEADER_SEARCH_ROWS = 10


def header_further_down(source: str | bytes, header_check: HeaderCheck) -> int | None:
    """The line (2 to ``HEADER_SEARCH_ROWS``) of the first row ``header_check`` accepts, for a file
    whose row 1 it does not: a register's list with its title, date or logo row above the column
    names. None when there is none, or the file cannot be read (the reader says why)."""
    if isinstance(source, bytes):
        source = decode(source)
    if isinstance(source, bytes):  # a workbook: the worksheet ``read_rows`` would read
        try:
            with _workbook(source, data_only=True, header_check=header_check) as sheet:
                rows = [_trimmed([cell_text(value) for value in values]) for values in
                        sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)]
        except Unreadable:
            return None
    else:
        rows = []
        for text in spreadsheet_csv.LINE_END.split(source.lstrip("\ufeff")[:1 << 16],
                                                   maxsplit=HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS]:
            try:  # each line its own delimiter: a title above the names has none
                rows.append(_trimmed(next(csv.reader([text], spreadsheet_csv.dialect_of(text)), [])))
            except csv.Error:
                rows.append([])
    for line, values in enumerate(rows[1:], start=2):
        if any(value.strip() for value in values) and not header_check(values):
            return line
    return None


def misplaced_header(source: str | bytes, header_check: HeaderCheck) -> dict | None:
    """The message for a file whose column names stand below row 1 (``header_further_down``), else None."""
    line = header_further_down(source, header_check)
    if line is None:
        return None
    return message(gettext_noop("De kolomnamen staan op regel %(line)s, maar het portaal leest ze op regel 1. Er is "
                                "niets verwerkt; verwijder de regels erboven (zoals een titel) en importeer het "
                                "bestand opnieuw."), line=line)


def is_export_of(header: list[str], tables) -> bool:
    """Whether ``header`` is the header row of the portal's own export of a list, in any of the
    portal's languages: two thirds or more of the column titles of one of ``tables`` (django-tables2
    table classes, as their export writes them), so a column or two deleted still counts, while a
    file that shares a few common titles ("Datum", "Leverancier", "Kostensoort") does not."""
    found = {" ".join(str(title).split()).casefold() for title in header if title}
    return any(len(found & titles) * 3 >= len(titles) * 2 for table in tables for titles in _export_titles(table))


@functools.cache
def _export_titles(table) -> tuple[frozenset[str], ...]:
    """The column titles of ``table``'s export in each of the portal's languages."""
    from django.conf import settings
    from django.utils import translation
    from django.utils.text import capfirst

    from impactportal.exports import export_cell, export_columns

    model = getattr(table._meta, "model", None)
    titles = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            # Over the model's (empty) rows: a column titled by its field's verbose name needs them.
            columns = export_columns(table(data=model.objects.none() if model is not None else []))
            titles.append(frozenset(" ".join(str(capfirst(export_cell(column.header))).split()).casefold()
                                    for column in columns))
    return tuple(titles)


# --- CSV ----------------------------------------------------------------------------------------


def _csv_rows(text: str, max_rows: int):
    # ``newline=""``, as the csv module asks: a line may end in CRLF, LF or CR alone (Excel for Mac's
    # "CSV (Macintosh)"), and a file of CR-ended lines was one line "with a stray line break".
    reader = csv.reader(io.StringIO(text, newline=""), spreadsheet_csv.dialect_of(text))
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise Unreadable(1, _csv_error(1, error)) from error
    if header is None:
        return
    yield 1, header
    count = 0
    end = reader.line_num
    while True:
        line = end + 1  # the physical line this record starts on
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if reader.line_num == line and "field larger than field limit" in str(error):
                # One physical line with a value over csv's limit: the reader dropped that line
                # and goes on with the next, so it is a bad row like any other.
                end = reader.line_num
                yield line, Skipped(end, too_long=True)
                continue
            # The rest of the file is unreadable: applying only the part before it would be a
            # half-applied import, so the imports apply nothing.
            raise Unreadable(line, _csv_error(line, error)) from error
        end = reader.line_num
        if end > line:
            yield line, Skipped(end)
            continue
        if not any(value.strip() for value in values):
            continue
        count += 1
        if count > max_rows:
            raise Unreadable(line, too_many_rows(max_rows))
        yield line, values


def _csv_error(line: int, error: csv.Error) -> dict:
    if "field larger than field limit" in str(error):
        msgid = gettext_noop("Ongesloten aanhalingsteken vanaf regel %(line)s: vanaf daar is het bestand één lange "
                             "tekst. Er is niets verwerkt; herstel de aanhalingstekens (\") en importeer het bestand "
                             "opnieuw.")
    else:
        msgid = gettext_noop("Regel %(line)s is geen geldige CSV (bijvoorbeeld een losse regelovergang of een "
                             "ongesloten aanhalingsteken). Er is niets verwerkt; herstel het bestand en importeer het "
                             "opnieuw.")
    return message(msgid, line=line)


def too_many_rows(max_rows: int) -> dict:
    return message(gettext_noop("Het bestand heeft meer dan %(max)s regels. Er is niets verwerkt; verdeel de regels "
                                "over meer bestanden en importeer die na elkaar."), max=as_number(max_rows))


# --- Excel --------------------------------------------------------------------------------------


def cell_text(value) -> str:
    """A workbook cell's value as the text the imports read (see the module's docstring)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return Number(Decimal(value))
    if isinstance(value, float):
        # Through its shortest exact text ("1234.5", not 1234.49999999999...): never a float format.
        return Number(Decimal(str(value))) if value == value and abs(value) != float("inf") else str(value)
    if isinstance(value, Decimal):
        return Number(value) if value.is_finite() else str(value)
    if isinstance(value, dt.datetime):
        # A date typed in Excel is stored as a date and a time of day (00:00): the day is the value.
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)  # a duration, an array formula's text: text the import will refuse or ignore


def _trimmed(values: list[str]) -> list[str]:
    """Without the empty cells at the end (Excel keeps cells that once held something or are
    formatted): they are not columns of the file."""
    while values and not values[-1]:
        values.pop()
    return values


def _workbook_rows(raw: bytes, max_rows: int, header_check: HeaderCheck | None) -> list[tuple[int, list[str]]]:
    """Every row of the worksheet to read (``_chosen_sheet``), read before the first is handed on: a
    workbook that cannot be read is refused as a whole, never after some of its rows."""
    with _archive(raw) as archive:
        has_formulas = _has_formulas(archive)
    # The value of a formula is the one the spreadsheet saved with it (openpyxl does not calculate);
    # a workbook written by a program and never opened in a spreadsheet has none.
    formulas = with_values = first_formula = 0
    rows: list[tuple[int, list[str]]] = []
    with (_workbook(raw, data_only=True, header_check=header_check) as sheet,
          _workbook(raw, data_only=False, skip=not has_formulas, title=sheet.title) as cells):
        formula_rows = cells.iter_rows() if cells is not None else None
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if formula_rows is not None:
                for value, cell in zip(values, next(formula_rows, ()), strict=False):
                    if cell.data_type == "f":
                        formulas += 1
                        first_formula = first_formula or line
                        with_values += value is not None
                if with_values:
                    formula_rows = None  # the workbook was calculated: no need to look further
            texts = _trimmed([cell_text(value) for value in values])
            if line == 1:
                rows.append((line, Header(texts, sheet=sheet.title)))
            elif any(text.strip() for text in texts):
                if not rows[0][1]:
                    raise Unreadable(1, _header_missing(line))
                if len(rows) > max_rows:
                    raise Unreadable(line, too_many_rows(max_rows))
                rows.append((line, texts))
    if formulas and not with_values:
        raise Unreadable(first_formula, message(gettext_noop(
            "De formules in dit Excel-bestand hebben geen opgeslagen uitkomst (bijvoorbeeld op regel %(line)s): "
            "het bestand is door een programma gemaakt en nooit in een spreadsheet geopend. Er is niets "
            "verwerkt; open het in Excel of LibreOffice, sla het op en importeer het opnieuw."), line=first_formula))
    return rows if len(rows) > 1 or (rows and rows[0][1]) else []  # an empty worksheet: an empty file


def _first_row(sheet) -> list[str]:
    """Row 1 of a worksheet as text (without its empty cells at the end), reading no further."""
    values = sheet.iter_rows(max_row=1, values_only=True)
    try:
        return _trimmed([cell_text(value) for value in next(values, ())])
    finally:
        values.close()


def _chosen_sheet(workbook, header_check: HeaderCheck | None):
    """The worksheet to read: the only one; of several, the first whose row 1 ``header_check``
    accepts (without a check: the first). Raises ``Unreadable`` naming the worksheets when none does."""
    sheets = workbook.worksheets
    if len(sheets) == 1 or header_check is None:
        return sheets[0]
    first_problem: dict | list | str = ""
    for index, sheet in enumerate(sheets):
        header = _first_row(sheet)
        problem = header_check(header) if header else ""
        if header and not problem:
            return sheet
        if index == 0:
            first_problem = problem
    raise Unreadable(1, no_sheet_fits([sheet.title for sheet in sheets], first_problem))


def no_sheet_fits(titles: list[str], first_problem: dict | list | str = "") -> list[dict]:
    """The message for a workbook of which no worksheet has the import's header row, as a report's
    messages read one after the other: the worksheets found (the first ``NAMED_SHEETS``) and what
    the first one's header lacks, when it has one (the header check's message, kept within)."""
    names = ", ".join(f"'{title}'" for title in titles[:NAMED_SHEETS])
    if len(titles) > NAMED_SHEETS:
        names = message(gettext_noop("%(names)s en nog %(count)s"), names=names,
                        count=as_number(len(titles) - NAMED_SHEETS))
    said = [message(gettext_noop("Geen van de werkbladen in dit Excel-bestand heeft de kolommen die deze import "
                                 "nodig heeft. Gevonden werkbladen: %(names)s."), names=names)]
    if first_problem:
        said.append(message(gettext_noop("Op het eerste werkblad: %(problem)s"), problem=first_problem))
    return [*said, message(gettext_noop("Er is niets verwerkt; zet de kolomnamen op regel 1 van het werkblad met de "
                                        "gegevens en importeer het bestand opnieuw."))]


def _header_missing(line: int) -> dict:
    return message(gettext_noop("Regel 1 van het werkblad is leeg; de eerste gegevens staan op regel %(line)s. Zet "
                                "de kopregel met de kolomnamen op regel 1 en importeer het bestand opnieuw."),
                   line=line)


def _archive(raw: bytes) -> zipfile.ZipFile:
    """The zip archive of a workbook, after checking it is one and not too large unpacked."""
    if raw.startswith(OLE2_MAGIC):
        raise Unreadable(1, message(compound_file_problem(raw)[0]))  # its lazy text: stored as its message id
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise Unreadable(1, _damaged()) from error
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        archive.close()
        raise Unreadable(1, _damaged())
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        archive.close()
        raise Unreadable(1, message(gettext_noop(
            "Dit Excel-bestand is uitgepakt te groot om te lezen. Er is niets verwerkt; sla het werkblad op als CSV "
            "en importeer dat.")))
    return archive


def _has_formulas(archive: zipfile.ZipFile) -> bool:
    """Whether a part of the workbook holds a formula element (``<f>``; text in a cell is escaped,
    so this is never a value). Every part is looked at, as the first worksheet may be stored under
    any name; a chart's ``<c:f>`` only costs a second look at the rows."""
    for info in archive.infolist():
        if not info.filename.endswith(".xml"):
            continue
        try:
            with archive.open(info) as part:
                tail = b""
                while chunk := part.read(1 << 20):
                    if _FORMULA.search(tail + chunk):
                        return True
                    tail = chunk[-16:]
        except Exception as error:  # noqa: BLE001 — a damaged part: zipfile, zlib and others raise
            raise Unreadable(1, _damaged()) from error
    return False


@contextlib.contextmanager
def _workbook(raw: bytes, *, data_only: bool, skip: bool = False, title: str | None = None,
              header_check: HeaderCheck | None = None):
    """The worksheet named ``title`` of the workbook ``raw``, or else the one ``_chosen_sheet`` takes
    (None when ``skip``), read-only and streamed; any error reading it, however openpyxl reports it,
    is ``Unreadable``."""
    if skip:
        yield None
        return
    import openpyxl  # not loaded by a worker that never reads a workbook

    _archive(raw).close()  # not a workbook, or too large unpacked: refused before openpyxl reads it
    workbook = None
    with warnings.catch_warnings():
        # openpyxl warns about parts it does not read (data validation, slicers): not the user's concern.
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=data_only)
            if not workbook.worksheets:
                raise Unreadable(1, message(gettext_noop("Dit Excel-bestand heeft geen werkblad met gegevens.")))
            # The size a workbook states may be wrong (some programs write "A1"): read every cell.
            for each in workbook.worksheets:
                each.reset_dimensions()
            sheet = workbook[title] if title is not None else _chosen_sheet(workbook, header_check)
            yield sheet
        except Unreadable:
            raise
        except Exception as error:  # noqa: BLE001 — openpyxl and the XML parser raise many kinds
            raise Unreadable(1, _damaged()) from error
        finally:
            if workbook is not None:
                workbook.close()


def _damaged() -> dict:
    return message(gettext_noop("Dit Excel-bestand kan niet worden gelezen: het is beschadigd of geen Excel-werkmap "
                                "(.xlsx). Sla het opnieuw op als Excel-werkmap of als CSV en upload het opnieuw."))
