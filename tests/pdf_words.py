"""Reading where a PDF's words stand (``pdftotext -bbox``), for tests that keep tables and chart
labels inside the page margins."""

import re
import shutil
import subprocess

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"

# A4 is 595.28 points wide; print.css sets 18 mm margins (51.02 points) left and right.
PDF_LEFT_EDGE, PDF_RIGHT_EDGE = 51.02, 595.28 - 51.02

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')


def pdf_words(content: bytes) -> list[tuple[str, float, float]]:
    """Every word of the PDF with its left and right edge in points."""
    run = subprocess.run([PDFTOTEXT, "-bbox", "-", "-"], input=content, capture_output=True, check=True)  # noqa: S603
    return [(word, float(x0), float(x1)) for x0, x1, word in _WORD.findall(run.stdout.decode())]


def words_outside_the_margins(content: bytes) -> list[tuple[str, float, float]]:
    """Words that start left of the left margin or end right of the right one (half a point of slack)."""
    return [(word, x0, x1) for word, x0, x1 in pdf_words(content)
            if x0 < PDF_LEFT_EDGE - 0.5 or x1 > PDF_RIGHT_EDGE + 0.5]
