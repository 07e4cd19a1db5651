"""Uploads: validated by content (magic bytes), not only by name, and scanned by ClamAV when
``PORTAL_CLAMAV_URL`` is set (impactportal.virus_scan); stored under MEDIA_ROOT,
which is never served directly; downloaded only through views that check access first."""

import io
import mimetypes
import os
import re
import zipfile

import filetype
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from impactportal import access, virus_scan

DOCUMENT_TYPES = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The imports: a CSV (or Excel's tab-separated "Unicode text", saved as .txt) or an Excel workbook.
SPREADSHEET_TYPES = {"text/csv": ".csv", XLSX: ".xlsx"}
SPREADSHEET_ACCEPT = f".csv,.txt,.xlsx,text/csv,{XLSX}"  # the file input's ``accept``
# Names a file of the type may have besides its own extension.
_MORE_EXTENSIONS = {"image/jpeg": {".jpg", ".jpeg"}, "text/csv": {".txt", ".tsv"}}
# An OLE2 compound file: Excel 97-2003 (.xls), and also a password-protected .xlsx (encrypted in one).
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# PDF features that run code or launch things when the file is opened.
_ACTIVE_PDF = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|OpenAction|AA)\b")
_HTML_SNIFF = re.compile(rb"<\s*(script|html|svg|iframe)", re.IGNORECASE)


@deconstructible
class UploadValidator:
    """Model/form field validator: allowed content types and a maximum size."""

    def __init__(self, allowed=None, max_bytes=MAX_UPLOAD_BYTES):
        self.allowed = dict(allowed or DOCUMENT_TYPES)
        self.max_bytes = max_bytes

    def __call__(self, upload):
        validate_upload(upload, allowed=self.allowed, max_bytes=self.max_bytes)

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and (self.allowed, self.max_bytes) == (other.allowed, other.max_bytes)


def validate_upload(upload, *, allowed=None, max_bytes=MAX_UPLOAD_BYTES) -> str:
    """Returns the detected MIME type or raises ValidationError with a Dutch message."""
    allowed = allowed or DOCUMENT_TYPES
    size = getattr(upload, "size", None) or 0
    if size > max_bytes:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s MB); het maximum is %(max)s MB."),
            code="file_too_large",
            # In the page's notation: "5,7 MB" in Dutch (an f-string wrote "5.7").
            params={"size": number_format(size / 1_048_576, 1), "max": number_format(max_bytes / 1_048_576, 0)},
        )
    if size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="file_empty")
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if XLSX in allowed or "text/csv" in allowed:
        mime = _spreadsheet_type(upload, head, mime)
    extension = os.path.splitext(getattr(upload, "name", "") or "")[1].lower()
    allowed_text = ", ".join(sorted({ext.lstrip(".").upper() for ext in allowed.values()}))
    if mime not in allowed:
        claimed = next((allowed[kind] for kind in allowed if extension in _extensions(kind, allowed)), None)
        if claimed is not None:
            # "Not allowed, allowed: XLSX" read as a contradiction to whoever uploaded a .xlsx.
            raise ValidationError(
                _("De naam eindigt op %(extension)s, maar de inhoud is geen %(claimed)s-bestand. Open het in het "
                  "programma waarmee het is gemaakt, sla het opnieuw op en upload het dan. Toegestaan: %(types)s."),
                code="file_type",
                params={"extension": extension, "claimed": claimed.lstrip(".").upper(), "types": allowed_text})
        raise ValidationError(
            _("Dit bestandstype is niet toegestaan. Toegestaan: %(types)s."), code="file_type",
            params={"types": allowed_text},
        )
    if extension not in _extensions(mime, allowed):
        if mime == "text/csv":  # e.g. a CSV saved under the name of a workbook
            raise ValidationError(_("Dit is een tekstbestand, maar de naam eindigt niet op .csv of .txt. Upload een "
                                    "CSV-bestand."), code="file_extension")
        raise ValidationError(
            _("De bestandsnaam past niet bij de inhoud van het bestand: het is een %(found)s-bestand. Geef het de "
              "naam die daarbij past (eindigend op %(expected)s) en upload het opnieuw."),
            code="file_extension", params={"found": allowed[mime].lstrip(".").upper(), "expected": allowed[mime]})
    if mime == "application/pdf":
        body = upload.read()
        upload.seek(0)
        if _ACTIVE_PDF.search(body) or _HTML_SNIFF.search(body):
            raise ValidationError(
                _("Deze PDF bevat actieve inhoud (scripts of ingesloten bestanden) en wordt niet geaccepteerd."),
                code="file_active_content",
            )
    virus_scan.check_upload(upload)  # last: only a file that is otherwise acceptable goes to clamd (if configured)
    upload.seek(position)
    return mime


def _extensions(mime: str, allowed: dict) -> set[str]:
    """The names' endings a file of type ``mime`` may have."""
    return {allowed[mime], *(mimetypes.guess_all_extensions(mime) or []), *_MORE_EXTENSIONS.get(mime, ())}


def _spreadsheet_type(upload, head: bytes, mime: str | None) -> str | None:
    """The type of an upload to an import, by its content: an Excel workbook (a zip holding
    ``xl/workbook.xml``, also when ``filetype`` looks for it in the wrong place), text (a CSV, or
    UTF-16 with its byte order mark as Excel saves "Unicode text"), else what ``filetype`` said.
    An Excel 97-2003 workbook and a password-protected one are refused with what to do instead."""
    if head.startswith(OLE2_MAGIC):
        upload.seek(0)
        body = upload.read()  # no larger than the upload's maximum, checked before
        upload.seek(0)
        if mime in (None, "application/vnd.ms-excel") or ENCRYPTED_PACKAGE in body:
            message, code = compound_file_problem(body)
            raise ValidationError(message, code=code)
        return mime
    if head.startswith(b"PK\x03\x04"):
        upload.seek(0)
        body = upload.read()  # no larger than the upload's maximum, checked before
        upload.seek(0)
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return XLSX  # a damaged archive: the import's reader says a damaged workbook cannot be read
        return XLSX if "xl/workbook.xml" in names else (None if mime == XLSX else mime)
    if mime is None and (head.startswith(UTF16_BOMS) or b"\x00" not in head):
        if not head.startswith(UTF16_BOMS):
            _refuse_nul(upload)
        return "text/csv"
    return mime


def _refuse_nul(upload) -> None:
    """A text file with a NUL byte after its first 8 KB (which ``filetype`` looks at) is refused on
    upload, with its line, instead of failing in the import (``spreadsheet_rows.read_rows``)."""
    from .spreadsheet_rows import nul_character

    upload.seek(0)
    body = upload.read()  # no larger than the upload's maximum, checked before
    upload.seek(0)
    found = body.find(b"\x00")
    if found >= 0:
        raise ValidationError(nul_character(body.count(b"\n", 0, found) + 1), code="file_nul")


def compound_file_problem(body: bytes) -> tuple[str, str]:
    """What to say of an OLE2 compound file given as a spreadsheet, and the error code: a workbook
    protected with a password (Excel encrypts it into one), else an Excel 97-2003 workbook."""
    if ENCRYPTED_PACKAGE in body:
        return _("Dit Excel-bestand is beveiligd met een wachtwoord. Sla het op zonder wachtwoord en upload "
                 "het opnieuw."), "file_encrypted"
    return _("Dit is een Excel-bestand in de oude indeling (.xls). Sla het in Excel op als Excel-werkmap (.xlsx) "
             "of als CSV en upload het opnieuw."), "file_xls"


def serve_private_file(user, obj, field_name: str, *, as_attachment=True, filename: str | None = None,
                       content_type: str | None = None) -> FileResponse:
    """Stream a file of ``obj`` after checking the user may view ``obj`` (404 otherwise, and for a
    file missing from storage). ``filename``: the name the reader gets (else the stored one)."""
    if not access.can(user, access.VIEW, obj):
        raise Http404
    field = getattr(obj, field_name)
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=as_attachment, filename=filename or os.path.basename(field.name),
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
