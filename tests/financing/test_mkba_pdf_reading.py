"""The MKBA's PDF as a reader sees it (reader check): the minus before the euro sign, the euro sign
on every amount, a word that a confidential assumption is left out, and a table per indicator
whose names are not hyphenated and whose shares stay on one line."""

import os
import re
import subprocess
from decimal import Decimal as D

import pytest
from django.conf import settings
from django.urls import reverse

from tests.pdf_words import PDFTOTEXT, words_outside_the_margins

from .mkba_factories import analysis

pytestmark = pytest.mark.django_db

INDICATORS = [
    {
        "name": "Jongeren duurzaam uit de bijstand",
        "count": D(8),
        "value_per_case": D(17500),
        "beneficiary": "social_assistance",
        "deadweight": D("0.3"),
        "attribution": D("0.1"),
        "substitution": D("0.05"),
        "short_term": D("0.4"),
        "medium_term": D("0.3"),
        "long_term": D("0.3"),
    },
    {
        "name": "Startkwalificatie behaald",
        "count": D(6),
        "value_per_case": D(4200),
        "beneficiary": "education",
        "deadweight": D("0.2"),
        "attribution": D("0.1"),
        "substitution": D(0),
        "short_term": D("0.2"),
        "medium_term": D("0.3"),
        "long_term": D("0.5"),
    },
]
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>')


def _pdf(client, obj, language="nl") -> bytes:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("financing:mkba-pdf", args=[obj.pk]))
    assert response.status_code == 200
    if os.environ.get("MKBA_PDF_DIR"):  # to look at the pages: MKBA_PDF_DIR=/tmp/x pytest …
        name = f"{response.wsgi_request.user.username}-{language}.pdf"
        with open(os.path.join(os.environ["MKBA_PDF_DIR"], name), "wb") as out:
            out.write(response.content)
    return response.content


def _text(content: bytes) -> str:
    run = [PDFTOTEXT, "-layout", "-", "-"]
    return subprocess.run(run, input=content, capture_output=True, check=True).stdout.decode()  # noqa: S603


def _words(content: bytes) -> list[tuple[str, float, float]]:
    """(word, left, top) of every word."""
    run = subprocess.run([PDFTOTEXT, "-bbox", "-", "-"], input=content, capture_output=True, check=True)  # noqa: S603
    return [(word, float(x), float(y)) for x, y, word in _WORD.findall(run.stdout.decode())]


@pytest.fixture
def leerwerkbedrijf(haarlem, enterprise_haarlem):
    # costs above the benefits: a negative net present value (-€ 90.847,29 in the demo)
    return analysis(
        haarlem,
        enterprise=enterprise_haarlem,
        title="Leerwerkbedrijf",
        costs=D("250000"),
        is_shared=True,
        indicators=INDICATORS,
    )


def test_a_negative_amount_has_its_minus_before_the_euro_sign(login, broker_haarlem, leerwerkbedrijf):
    assert leerwerkbedrijf.result.net_present_value < 0
    client = login(broker_haarlem)
    dutch = _text(_pdf(client, leerwerkbedrijf))
    assert re.search(r"Netto contante waarde \(geschat\)\s+-€\s\d", dutch), dutch
    assert "€ -" not in dutch and "€\xa0-" not in dutch
    english = _text(_pdf(client, leerwerkbedrijf, "en"))
    # British English: the sign against the figure, -€90,847.29
    assert re.search(r"-€\d[\d,]*\.\d\d", english) and "€ -" not in english and "€-" not in english


def test_the_value_per_case_has_the_euro_sign(login, broker_haarlem, leerwerkbedrijf):
    page = login(broker_haarlem).get(leerwerkbedrijf.get_absolute_url()).content.decode()
    table = re.search(r'<table[^>]*id="mkba-indicators".*?</table>', page, re.DOTALL).group(0)
    assert "€\xa017.500,00" in table and "€\xa04.200,00" in table


def test_the_entrepreneur_is_told_a_confidential_assumption_is_left_out(
    login, broker_haarlem, ondernemer_1, leerwerkbedrijf
):
    text = _text(_pdf(login(ondernemer_1), leerwerkbedrijf))
    assert "Openbare aanname" in text and "Vertrouwelijke aanname" not in text
    assert "1 vertrouwelijke aanname niet getoond; de totalen rekenen er wel mee." in " ".join(text.split())
    english = " ".join(_text(_pdf(login(ondernemer_1), leerwerkbedrijf, "en")).split())
    assert "1 confidential assumption not shown; the totals do include it." in english
    # The owner's broker sees it, and no such line.
    owner = _text(_pdf(login(broker_haarlem), leerwerkbedrijf))
    assert "Vertrouwelijke aanname" in owner and "niet getoond" not in owner


def test_the_table_per_indicator_keeps_names_whole_and_shares_on_one_line(
    login, broker_haarlem, leerwerkbedrijf
):
    content = _pdf(login(broker_haarlem), leerwerkbedrijf)
    words = _words(content)
    texts = [word for word, _x, _y in words]
    assert "duurzaam" in texts and "Startkwalificatie" in texts  # not "duur-" "zaam", "Startkwalific-" "atie"
    assert not {"duur-", "Startkwalific-", "Startkwalifi-", "bij-"} & set(texts)
    # "30% / 10% / 5%" on one line: its three shares at the same height, left to right.
    first = next(i for i, (word, _x, _y) in enumerate(words) if word == "30%")
    shares = [w for w in words[first : first + 5] if w[0] != "/"]
    assert [word for word, _x, _y in shares] == ["30%", "10%", "5%"]
    assert len({round(y) for _w, _x, y in shares}) == 1
    assert words_outside_the_margins(content) == []
