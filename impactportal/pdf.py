"""PDF in one place: ``render_to_pdf`` turns a template extending ``pdf/base.html`` into PDF bytes.

WeasyPrint (and the Pango/Cairo libraries behind it) is imported only when a PDF is made, so
importing this module costs nothing. A PDF may load the project's static files and nothing else:
no network and no other files, whatever URL a template (or text in it) names."""

import html
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.templatetags.static import PrefixNode
from django.utils._os import safe_join

from impactportal.checks import _local

# Relative URLs in a PDF template resolve against this origin; only its static files are served.
PDF_BASE_URL = "https://impactportaal.invalid/"


def static_file_path(url: str) -> Path | None:
    """The local file behind a ``{% static %}`` URL: from the finders (development and tests,
    where whitenoise serves them too) or from STATIC_ROOT once collected. None for any other URL."""
    parts = urlsplit(url)
    # STATIC_URL itself, not static(""): with the manifest storage of production, static("") looks ''
    # up in the manifest and raises, which left every PDF without its stylesheet.
    prefix = urlsplit(PrefixNode.handle_simple("STATIC_URL")).path
    if f"{parts.scheme}://{parts.netloc}/" != PDF_BASE_URL or not parts.path.startswith(prefix):
        return None
    name = unquote(parts.path[len(prefix):])
    try:
        found = finders.find(name) if settings.WHITENOISE_USE_FINDERS else safe_join(settings.STATIC_ROOT, name)
    except SuspiciousFileOperation:  # ../ out of the static directories
        return None
    return Path(found) if found and Path(found).is_file() else None


def _static_files_fetcher():
    from weasyprint.urls import URLFetcher

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith("data:"):
                path = static_file_path(url)
                if path is None:
                    raise ValueError(f"A PDF only loads static files, not {url}")
                url = path.as_uri()
            return super().fetch(url, headers)

    return StaticFilesFetcher(allowed_protocols=("file", "data"))


def public_base_url() -> str | None:
    """The portal's public address as links in e-mails use it (``PORTAL_BASE_URL``), or None while
    it is not configured: a PDF read on another computer must not link to ``127.0.0.1``."""
    base = (settings.PORTAL_BASE_URL or "").strip().rstrip("/")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or _local(parts.hostname or ""):
        return None
    return base + "/"


_LINK = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def _link_target(href: str, base: str | None) -> str | None:
    """Where a link in a PDF goes: a place in the PDF itself or an address on the web as it is; a
    page of the portal ("/register/12/") under its public address, or nowhere without one (else
    it pointed at ``PDF_BASE_URL``, a host that does not exist)."""
    href = href.strip()
    if href.startswith("#"):
        return href
    parts = urlsplit(href)
    if parts.scheme in ("http", "https", "mailto", "tel"):
        return href
    if parts.scheme or base is None:  # javascript:, file: … and relative links without a public address
        return None
    return urljoin(base, href)


def absolute_links(text: str) -> str:
    """``text`` (HTML) with each link made absolute for a PDF (see ``_link_target``); a link with
    nowhere to go loses its ``href`` and reads as plain text."""
    base = public_base_url()

    def tag(match):
        def href(found):
            target = _link_target(html.unescape(found.group(1) if found.group(1) is not None else found.group(2)),
                                  base)
            return "" if target is None else f' href="{html.escape(target)}"'

        return _HREF.sub(href, match.group(0), count=1)

    return _LINK.sub(tag, text)


def render_to_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Render ``template_name`` with ``context`` (in the active language) to PDF bytes. Links go to
    the portal's public address (``absolute_links``)."""
    from weasyprint import HTML  # lazily: loading Pango/Cairo is slow and only PDF work needs it

    text = absolute_links(render_to_string(template_name, context, request=request))
    return HTML(string=text, base_url=PDF_BASE_URL, url_fetcher=_static_files_fetcher()).write_pdf()


def svg_text_width(text: str, font_size: float) -> float:
    """Room a numeric label ("€ 2.200.000", "doel 20.000") needs in a server-drawn SVG chart, in
    user units: as many digits wide as it has characters (DejaVu Sans, the PDFs' type: a digit is
    0.636 em; "€", "." and "," are narrower, and so are most lower-case letters; a word of wide
    letters such as "m" would need more)."""
    return len(text) * font_size * 0.64
