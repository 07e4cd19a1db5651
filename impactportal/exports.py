"""List exports (CSV, XLSX), written row by row in one place for the request and the background job.

Up to ``SYNC_EXPORT_LIMIT`` rows an export is built in the request; above it a Celery job builds
the same table from the list view class, the requester and the stored query string (the view's
scoped queryset, FilterSet and table; no request is replayed) and writes it to the job's private
file. Every cell passes ``export_cell``: plain text, and never a live spreadsheet formula."""

import datetime
import html
import io
import tempfile
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.html import strip_tags
from django.utils.module_loading import import_string
from django.utils.safestring import SafeData
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tables2.export import TableExport
from django_tables2.rows import BoundRow
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from tablib.formats._xlsx import safe_xlsx_sheet_title

from .jobs import job_finish_file, job_progress
from .models import Job
from .spreadsheet_csv import FORMULA_TRIGGERS, SpreadsheetWriter
from .tasks import portal_task

# Up to this many rows an export is built in the request; above it, in a Celery job.
SYNC_EXPORT_LIMIT = 5000
# Records read from the database at a time (prefetches run per chunk), so memory stays flat.
CHUNK_SIZE = 2000


def export_cell(value):
    """A cell as an export holds it: HTML a table's ``render_…`` method made becomes its plain
    text, and text a spreadsheet would run as a formula gets a leading ``'``. Numbers (a
    negative Decimal amount too), booleans and None are left as they are. A moment is written in
    the portal's time zone, to the second (a deadline at 00:00 in Amsterdam was "23:00+00:00" of
    the day before); a spreadsheet takes it as a date-time without a zone."""
    if isinstance(value, datetime.datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).replace(tzinfo=None, microsecond=0)
    value = force_str(value, strings_only=True)
    if isinstance(value, SafeData):
        value = html.unescape(strip_tags(value)).strip()
    if isinstance(value, str):
        # Control characters a workbook cannot hold go first: the XLSX writer dropped them after
        # this check, and "\x01=HYPERLINK(…)" became a live formula.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


# The kinds of values a column holds, which decide a spreadsheet cell's number format.
MONEY, NUMBER = "money", "number"


def column_kind(column) -> str:
    """The kind of the values of table column ``column``, in this one place: money (a
    ``MoneyColumn``) gets thousands separators and cents in a spreadsheet; any other number (a
    percentage, a ratio, an area, a count) is written as it is, not as an amount ("5" for a 5%
    obligation, not "5,00"). A column may name its kind itself (``export_kind``)."""
    from impactportal.ui.columns import MoneyColumn

    return getattr(column, "export_kind", None) or (MONEY if isinstance(column, MoneyColumn) else NUMBER)


def export_columns(table, exclude_columns=()):
    return [
        column for column in table.columns.iterall()
        if not (column.column.exclude_from_export or column.name in exclude_columns)
    ]


def table_rows(table, exclude_columns=(), columns=None):
    """The header, then each record's cell values: ``Table.as_values`` with the cells cleaned
    and a queryset read in chunks instead of all at once. Headers start with a capital, also
    those a column took from a field's verbose name ("uitkomstcontract")."""
    if columns is None:
        columns = export_columns(table, exclude_columns)
    yield [capfirst(export_cell(column.header)) for column in columns]
    data = table.data.data
    records = data.iterator(chunk_size=CHUNK_SIZE) if isinstance(data, QuerySet) else table.data
    for record in records:
        row = BoundRow(record, table=table)
        yield [export_cell(row.get_cell_value(column.name)) for column in columns]


# A background export tells its job how far it is every this many rows.
PROGRESS_EVERY = 1000


def _reporting(rows, progress):
    for index, row in enumerate(rows):  # row 0 is the header
        if index and index % PROGRESS_EVERY == 0:
            progress(index)
        yield row


def _write_csv(rows, stream, title, kinds=()) -> int:
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    writer = SpreadsheetWriter(text)  # in the page's language: ";" and "250,50" in Dutch
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    text.detach()  # leave ``stream`` open for the caller
    return count - 1  # the header is not a row


def _write_xlsx(rows, stream, title, kinds=()) -> int:
    """``kinds``: each column's kind (``column_kind``), for the number format of its cells."""
    # A write-only workbook spools rows to a temporary file instead of keeping cells in memory.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(safe_xlsx_sheet_title(title))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_header_cell(sheet, value, bold) for value in next(rows)])
    count = 0
    for row in rows:
        sheet.append([_sheet_cell(sheet, value, kind) for value, kind in zip(row, kinds_of_row(kinds, row), strict=True)])
        count += 1
    workbook.save(stream)
    return count


# Excel's built-in formats 14 and 22 are shown in the reader's regional settings (05-12-2026 in a
# Dutch Excel, 12/5/2026 in an American one); amounts get thousands separators and cents.
DATE_FORMAT, DATETIME_FORMAT, AMOUNT_FORMAT = "mm-dd-yy", "m/d/yy h:mm", "#,##0.00"


def kinds_of_row(kinds, row):
    """``kinds`` for each cell of ``row``: a column without a known kind is a plain number."""
    return [*kinds[:len(row)], *[NUMBER] * (len(row) - len(kinds))]


def _sheet_cell(sheet, value, kind=NUMBER):
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, datetime.datetime):
        number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        number_format = DATE_FORMAT
    elif kind == MONEY and isinstance(value, Decimal | int) and not isinstance(value, bool):
        number_format = AMOUNT_FORMAT
    else:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def _header_cell(sheet, value, font):
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value)
    cell.font = font
    return cell


WRITERS = {TableExport.CSV: _write_csv, TableExport.XLSX: _write_xlsx}


def write_rows(export_format, rows, stream, title, kinds=()) -> int:
    """Write ``rows`` (an iterable of lists, the header first) as CSV or XLSX to the binary file
    ``stream``, cleaned as every list export is; returns the number of data rows. For exports
    that are no table (the procurement figures)."""
    return WRITERS[export_format]((list(map(export_cell, row)) for row in rows), stream, title, kinds)


class PortalTableExport(TableExport):
    """django-tables2's ``TableExport`` for CSV and XLSX only, streamed and with safe cells.

    Other formats would bypass the cell cleaning, so they are not offered at all."""

    FORMATS = {TableExport.CSV: TableExport.FORMATS[TableExport.CSV],
               TableExport.XLSX: TableExport.FORMATS[TableExport.XLSX]}

    def __init__(self, export_format, table, exclude_columns=None, dataset_kwargs=None):
        if not self.is_valid_format(export_format):
            raise TypeError(f'Export format "{export_format}" is not supported.')
        self.format = export_format
        self.table = table
        self.exclude_columns = exclude_columns or ()
        model = getattr(getattr(table, "Meta", None), "model", None)
        # capfirst, not title(): "SROI-contracten" became "Sroi-Contracten".
        default_title = capfirst(str(model._meta.verbose_name_plural)) if model else "Export"
        self.title = (dataset_kwargs or {}).get("title") or default_title

    @classmethod
    def is_valid_format(cls, export_format):
        return export_format in cls.FORMATS

    def write(self, stream, progress=None) -> int:
        """Write the export to the binary file ``stream``; returns the number of data rows.
        ``progress(rows_written)`` is called every ``PROGRESS_EVERY`` rows."""
        columns = export_columns(self.table, self.exclude_columns)
        rows = table_rows(self.table, columns=columns)
        if progress is not None:
            rows = _reporting(rows, progress)
        return write_rows(self.format, rows, stream, self.title, [column_kind(column.column) for column in columns])

    def export(self) -> bytes:
        buffer = io.BytesIO()
        self.write(buffer)
        return buffer.getvalue()


class Requester(NamedTuple):
    """Who asked for a background export and with which query string. A list view reads only
    ``request.user`` and ``request.GET`` to build its export table (``ScopedListView.get_exporter``),
    so the job hands it this instead of replaying a request through URLs and middleware."""

    user: Any
    GET: QueryDict


@portal_task(name="impactportal.exports.export_list")
def export_list(*, view: str, query: str, export_format: str, language: str, job_id: int) -> str:
    """Export the list of the ``ScopedListView`` subclass at dotted path ``view``, as the job's
    creator with the filters in ``query``, in the language they asked in."""
    from impactportal.ui.generic import ScopedListView

    job = Job.objects.select_related("created_by").get(pk=job_id)
    if job.file:  # already done: running twice changes nothing
        return job.file.name
    view_class = import_string(view)
    if not issubclass(view_class, ScopedListView):
        raise TypeError(f"{view} is not a list view")
    with translation.override(language):
        job_progress(job_id, 10, gettext_noop("De export wordt gemaakt…"))
        list_view = view_class()
        list_view.setup(Requester(job.created_by, QueryDict(query)))
        exporter = list_view.get_exporter(export_format)
        total = max(len(exporter.table.data), 1)  # one COUNT, so the page can show how far it is

        def progress(done):
            job_progress(job_id, 10 + 85 * done // total,
                         _("%(done)s van %(total)s regels geschreven…") % {"done": done, "total": total})

        with tempfile.TemporaryFile() as stream:
            rows = exporter.write(stream, progress=progress)
            job = job_finish_file(job_id, list_view.get_export_filename(export_format), stream, rows=rows,
                                  message=gettext_noop("De export is klaar."))
    return job.file.name
