"""Uploads: validated by content (magic bytes), not only by name; stored under MEDIA_ROOT,
which is never served directly; downloaded only through views that check access first."""

import mimetypes
import os
import re

import filetype
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from impactportal import access

DOCUMENT_TYPES = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024

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
            params={"size": f"{size / 1_048_576:.1f}", "max": f"{max_bytes / 1_048_576:.0f}"},
        )
    if size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="file_empty")
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    extension = os.path.splitext(getattr(upload, "name", "") or "")[1].lower()
    allowed_text = ", ".join(sorted({ext.lstrip(".").upper() for ext in allowed.values()}))
    if mime not in allowed:
        raise ValidationError(
            _("Dit bestandstype is niet toegestaan. Toegestaan: %(types)s."), code="file_type",
            params={"types": allowed_text},
        )
    expected_extensions = {allowed[mime], *(mimetypes.guess_all_extensions(mime) or [])}
    if mime == "image/jpeg":
        expected_extensions |= {".jpg", ".jpeg"}
    if extension not in expected_extensions:
        raise ValidationError(_("De bestandsnaam past niet bij de inhoud van het bestand."), code="file_extension")
    if mime == "application/pdf":
        body = upload.read()
        upload.seek(0)
        if _ACTIVE_PDF.search(body) or _HTML_SNIFF.search(body):
            raise ValidationError(
                _("Deze PDF bevat actieve inhoud (scripts of ingesloten bestanden) en wordt niet geaccepteerd."),
                code="file_active_content",
            )
    upload.seek(position)
    return mime


def serve_private_file(user, obj, field_name: str, *, as_attachment=True) -> FileResponse:
    """Stream a file of ``obj`` after checking the user may view ``obj`` (404 otherwise)."""
    if not access.can(user, access.VIEW, obj):
        raise Http404
    field = getattr(obj, field_name)
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=as_attachment, filename=os.path.basename(field.name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
