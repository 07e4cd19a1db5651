"""The one PDF helper: WeasyPrint loaded lazily, A4 with page numbers, only static files loaded."""

import json
import shutil
import subprocess
import sys

import pytest
from django.templatetags.static import static

from impactportal import pdf

REPORT = """{% extends "pdf/base.html" %}{% block content %}<h2>Ondernemingen</h2>
<table><thead><tr><th>Naam</th></tr></thead><tbody>{% for i in rows %}<tr><td>Onderneming {{ i }}</td></tr>
{% endfor %}</tbody></table><img src="http://127.0.0.1:9/tracker.png" alt="">{% endblock %}"""


@pytest.fixture
def report_template(settings, tmp_path):
    (tmp_path / "report.html").write_text(REPORT)
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    return "report.html"


def _poppler(tool: str, *args) -> str:
    """Run a poppler-utils tool (pdftotext, pdfinfo, pdffonts) on our own file."""
    command = [shutil.which(tool), *map(str, args)]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603 (fixed tool)


def test_importing_the_helper_does_not_import_weasyprint():
    code = ("import os, sys, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'impactportal.settings'); "
            "django.setup(); import impactportal.pdf; sys.exit('weasyprint' in sys.modules)")
    env = {"DJANGO_TESTING": "true", "PATH": ""}
    assert subprocess.run([sys.executable, "-c", code], env=env).returncode == 0  # noqa: S603 (fixed code)


def test_render_to_pdf_has_the_text_a_title_page_and_page_numbers(report_template, tmp_path):
    content = pdf.render_to_pdf(report_template, {"title": "Monitor impactondernemen", "rows": range(40)})
    assert content.startswith(b"%PDF")
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    text = _poppler("pdftotext", "-layout", path, "-")
    assert "Monitor impactondernemen" in text and "Onderneming 0" in text and "Onderneming 39" in text
    pages = text.count("\f")
    assert pages >= 2 and f"pagina 1 van {pages}" in text and f"pagina {pages} van {pages}" in text
    assert "595.276 x 841.89 pts (A4)" in _poppler("pdfinfo", path)
    fonts = _poppler("pdffonts", path)
    assert "DejaVu" in fonts or "Noto" in fonts  # the print stylesheet was loaded and its fonts embedded


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/tracker.png",                       # another host: never fetched
    pdf.PDF_BASE_URL + "media/bewijs/geheim.pdf",           # private files are not static
    pdf.PDF_BASE_URL + "static/../impactportal/settings.py",
    pdf.PDF_BASE_URL + "static/css/bestaat-niet.css",
    "file:///etc/passwd",
])
def test_only_static_files_are_loaded(url):
    assert pdf.static_file_path(url) is None


def test_static_files_resolve_through_the_finders():
    path = pdf.static_file_path(pdf.PDF_BASE_URL + "static/css/print.css")
    assert path is not None and "size: A4" in path.read_text()


def test_static_files_resolve_from_static_root_once_collected(settings, tmp_path):
    settings.WHITENOISE_USE_FINDERS = False
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "print.abc123.css").write_text("@page { size: A4 }")
    assert pdf.static_file_path(pdf.PDF_BASE_URL + "static/css/print.abc123.css") == tmp_path / "css/print.abc123.css"
    assert pdf.static_file_path(pdf.PDF_BASE_URL + "static/css/print.css") is None


def test_static_files_resolve_with_the_manifest_storage_of_production(settings, tmp_path):
    """Production serves hashed names from a manifest; resolving the static prefix must not ask the
    manifest for "" (that raised, and every PDF lost its stylesheet)."""
    settings.WHITENOISE_USE_FINDERS = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "print.abc123.css").write_text("@page { size: A4 }")
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"css/print.css": "css/print.abc123.css"}}))
    assert static("css/print.css") == "/static/css/print.abc123.css"
    url = pdf.PDF_BASE_URL + static("css/print.css").lstrip("/")
    assert pdf.static_file_path(url) == tmp_path / "css/print.abc123.css"
