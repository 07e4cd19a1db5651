"""Financing says "toegekend" for a granted component, and its English must say so one way: the
pages' "Toegekend" tile and status are "Awarded", and the dashboard tile said "granted".

The English is what ``scripts/merge_translations.py`` gives the catalogue: an entry already
translated in ``django.po`` keeps its English, an empty one takes a fragment's (``locale/en/extra``)."""

import ast
import re
from decimal import Decimal as D
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation.template import templatize

from financing.models import FinancingNeed, MixComponent

ROOT = Path(settings.BASE_DIR)
WORD = re.compile(r"toegekend", re.IGNORECASE)
GETTEXT = re.compile(r"""\b_\(\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1""")  # _("…") in Python
TEMPLATE_STRING = re.compile(r"gettext\(u'((?:[^'\\]|\\.)*)'")  # what templatize() makes of {% translate %}


def financing_msgids() -> dict[str, str]:
    """Every msgid of the financing app (templates and Python) that says "toegekend", with its file."""
    found = {}
    for path in sorted((ROOT / "templates/financing").rglob("*.html")):
        for literal in TEMPLATE_STRING.findall(templatize(path.read_text(), origin=str(path))):
            found.setdefault(ast.literal_eval(f"'{literal}'"), str(path.relative_to(ROOT)))
    for path in sorted((ROOT / "financing").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for quote, literal in GETTEXT.findall(path.read_text()):
            found.setdefault(ast.literal_eval(f"{quote}{literal}{quote}"), str(path.relative_to(ROOT)))
    return {msgid: where for msgid, where in found.items() if WORD.search(msgid)}


def english() -> dict[str, str]:
    """msgid → English as the catalogue has it after ``merge_translations``."""
    merged = {}
    for path in sorted((ROOT / "locale/en/extra").glob("*.po")):
        merged.update({e.msgid: e.msgstr for e in polib.pofile(str(path)) if e.msgstr and not e.msgctxt})
    for entry in polib.pofile(str(ROOT / "locale/en/LC_MESSAGES/django.po")):
        if entry.msgstr and not entry.fuzzy and not entry.msgctxt:
            merged[entry.msgid] = entry.msgstr  # a reviewed entry wins over a fragment
    return merged


def test_financing_says_awarded_for_toegekend_everywhere():
    msgids = financing_msgids()
    assert "Toegekend" in msgids and len(msgids) >= 4  # the pages' tile, the dashboard tile, …
    catalogue = english()
    wrong = {msgid: (where, catalogue.get(msgid)) for msgid, where in msgids.items()
             if not catalogue.get(msgid) or "grant" in catalogue[msgid].lower()
             or "award" not in catalogue[msgid].lower()}
    assert wrong == {}


@pytest.mark.django_db
def test_the_dashboard_tile_reads_like_the_coverage_tile(login, ondernemer_1, enterprise_haarlem):
    need = FinancingNeed.objects.create(enterprise=enterprise_haarlem, purpose="Tweede werkplaats", amount=D(80000))
    MixComponent.objects.create(need=need, label="Lening", amount=D(40000), status="granted")
    client = login(ondernemer_1)
    tile = client.get(reverse("dashboard")).content.decode().split('id="panel-financing-needs"')[1].split("</li>")[0]
    assert "Toegekend: €\u00a040.000,00 van €\u00a080.000,00" in tile
    assert 'aria-label="Toegekend deel van de behoefte"' in tile
    page = client.get(need.get_absolute_url()).content.decode()
    assert "Toegekend</h3>" in page  # the tile the dashboard now echoes
