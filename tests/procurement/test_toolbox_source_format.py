"""The toolbox's SROI question (module 9) writes its figures as the procurement figures do: the
toolbox page and its PDF showed "€ 240000,00"."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation


@pytest.mark.parametrize(("language", "money", "share"), [("nl", "€\xa0240.000,00", "25,1%"),
                                                          ("en", "€240,000.00", "25.1%")])
def test_sroi_figures_in_the_page_language(language, money, share):
    tiles = [SimpleNamespace(label="Verplichting", value=Decimal("240000.00"), unit="money", basis_label="gemeten"),
             SimpleNamespace(label="Gerealiseerd", value=Decimal("25.125"), unit="percentage", basis_label="gemeten"),
             SimpleNamespace(label="Contracten", value=1234, unit="count", basis_label="gemeten"),
             SimpleNamespace(label="Open", value=None, unit="money", basis_label="gemeten")]
    with translation.override(language):
        html = render_to_string("toolbox_sources/procurement_sroi.html", {"contracts": 3, "tiles": tiles, "year": 2026})
    assert money in html and share in html and ("1.234" if language == "nl" else "1,234") in html
    assert "240000" not in html and "<dd>— " in html
