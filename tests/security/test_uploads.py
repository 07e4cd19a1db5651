"""Uploads are validated by content (magic bytes), not only by extension."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from impactportal.uploads import MAX_UPLOAD_BYTES, UploadValidator, validate_upload

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32 + b"\xff\xd9"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def code_of(name, content, **kwargs):
    with pytest.raises(ValidationError) as info:
        validate_upload(upload(name, content), **kwargs)
    return info.value.code


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [("besluit.pdf", PDF, "application/pdf"), ("logo.png", PNG, "image/png"), ("foto.jpg", JPEG, "image/jpeg"),
     ("foto.JPEG", JPEG, "image/jpeg")],
)
def test_valid_files_are_accepted(name, content, mime):
    file = upload(name, content)
    assert validate_upload(file) == mime
    assert file.tell() == 0  # left readable for storage
    UploadValidator()(upload(name, content))  # the model/form validator agrees


def test_png_renamed_to_pdf_is_refused():
    assert code_of("bewijs.pdf", PNG) == "file_extension"


def test_html_renamed_to_pdf_is_refused():
    assert code_of("bewijs.pdf", HTML) == "file_type"


def test_html_posing_as_pdf_with_pdf_magic_is_refused():
    assert code_of("bewijs.pdf", PDF + b"<html><script>alert(1)</script>") == "file_active_content"


@pytest.mark.parametrize("marker", [b"/JavaScript", b"/JS", b"/Launch", b"/OpenAction", b"/EmbeddedFile"])
def test_pdf_with_active_content_is_refused(marker):
    body = PDF.replace(b"/Type /Catalog", b"/Type /Catalog " + marker + b" (app.alert(1))")
    assert code_of("bewijs.pdf", body) == "file_active_content"


def test_too_large_file_is_refused():
    assert code_of("groot.pdf", PDF + b"0" * MAX_UPLOAD_BYTES) == "file_too_large"
    assert code_of("klein.pdf", PDF, max_bytes=10) == "file_too_large"


@pytest.mark.parametrize(("language", "size", "maximum"), [("nl", "1,5", "1"), ("en", "1.5", "1")])
def test_the_size_in_the_refusal_is_written_as_the_page_language_writes_it(language, size, maximum):
    from django.utils import translation

    with translation.override(language), pytest.raises(ValidationError) as info:
        validate_upload(upload("groot.pdf", PDF + b"0" * (1_572_864 - len(PDF))), max_bytes=1_048_576)
    message = info.value.messages[0]
    assert f"({size} MB)" in message and f" {maximum} MB" in message  # "5.7 MB" stood on a Dutch page


def test_empty_file_is_refused():
    assert code_of("leeg.pdf", b"") == "file_empty"


def test_other_types_are_refused_whatever_their_name():
    gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
    assert code_of("plaatje.gif", gif) == "file_type"
    assert code_of("plaatje.png", gif) == "file_type"
    zip_file = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 40
    assert code_of("document.pdf", zip_file) == "file_type"
    assert code_of("script.pdf", b"#!/bin/sh\nrm -rf /\n") == "file_type"


def test_allowed_types_can_be_narrowed():
    with pytest.raises(ValidationError):
        validate_upload(upload("logo.png", PNG), allowed={"application/pdf": ".pdf"})
