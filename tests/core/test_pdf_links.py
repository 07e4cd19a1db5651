"""Links in a PDF (reader check): a portal page under the portal's public address, or plain text
while none is configured; never ``https://impactportaal.invalid/…`` (the base URL the PDF helper
resolves its static files against)."""

import re
import zlib

import pytest
from django.urls import reverse

from impactportal import pdf
from impactportal.models import Job

pytestmark = pytest.mark.django_db

PUBLIC = "https://impactportaal.gemeente.nl"


def link_targets(content: bytes) -> list[str]:
    """The /URI of every link annotation, also those WeasyPrint packs in compressed object streams."""
    chunks = [content]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.DOTALL):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return [uri.decode() for chunk in chunks for uri in re.findall(rb"/URI \(([^)]*)\)", chunk)]


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        ("/register/12/", PUBLIC + "/", PUBLIC + "/register/12/"),
        ("/makelaars/kennisbank/?q=a&b=c", PUBLIC + "/", PUBLIC + "/makelaars/kennisbank/?q=a&b=c"),
        (
            "https://www.social-enterprise.nl/zakboek.pdf",
            PUBLIC + "/",
            "https://www.social-enterprise.nl/zakboek.pdf",
        ),
        ("mailto:info@haarlem.nl", None, "mailto:info@haarlem.nl"),
        ("#section-3", None, "#section-3"),
        ("/register/12/", None, None),
        ("javascript:alert(1)", PUBLIC + "/", None),
    ],
)
def test_link_target(href, base, expected):
    assert pdf._link_target(href, base) == expected


def test_links_are_absolute_under_the_public_address_or_plain_text(settings):
    text = (
        '<a class="utrecht-link" href="/register/12/">Bakkerij</a> <a href=\'/x/?a=1&amp;b=2\'>x</a> '
        '<abbr title="t">t</abbr> <a href="#top">top</a> <link rel="stylesheet" href="/static/css/print.css">'
    )
    settings.PORTAL_BASE_URL = PUBLIC
    assert pdf.absolute_links(text) == (
        f'<a class="utrecht-link" href="{PUBLIC}/register/12/">Bakkerij</a> <a href="{PUBLIC}/x/?a=1&amp;b=2">x</a> '
        '<abbr title="t">t</abbr> <a href="#top">top</a> <link rel="stylesheet" href="/static/css/print.css">'
    )
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8000"  # the development default: not an address to print
    assert pdf.absolute_links(text) == (
        '<a class="utrecht-link">Bakkerij</a> <a>x</a> <abbr title="t">t</abbr> <a href="#top">top</a> '
        '<link rel="stylesheet" href="/static/css/print.css">'
    )


def _toolbox_pdf(client, capture) -> bytes:
    with capture(execute=True):
        client.post(reverse("brokers:toolbox-print"), {"module": "3"})
    return Job.objects.filter(kind="toolbox_pdf").latest("pk").file.read()


def test_the_toolbox_pdf_links_an_enterprise_to_the_public_portal(
    settings, login, broker_haarlem, enterprise_haarlem, django_capture_on_commit_callbacks
):
    from tests import factories as f

    f.toolbox_edition()
    client = login(broker_haarlem)
    settings.PORTAL_BASE_URL = PUBLIC
    targets = link_targets(_toolbox_pdf(client, django_capture_on_commit_callbacks))
    assert PUBLIC + enterprise_haarlem.get_absolute_url() in targets
    assert not [t for t in targets if "impactportaal.invalid" in t]
    settings.PORTAL_BASE_URL = "http://localhost:8000"
    targets = link_targets(_toolbox_pdf(client, django_capture_on_commit_callbacks))
    assert not [t for t in targets if "impactportaal.invalid" in t or "localhost" in t]
