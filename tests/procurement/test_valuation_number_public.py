"""``procurement.valuation.number``: the one public, documented way social return writes a number
that is no amount. The template filter ``quantity`` and the rule set's table imported the private
``valuation._number``."""

from decimal import Decimal as D

from django.utils import translation

from procurement import valuation
from procurement.constants import BlockKind
from procurement.tables.rule_sets import block_meaning
from procurement.templatetags.sroi import quantity


def test_number_is_public_documented_and_defined_once():
    assert not hasattr(valuation, "_number")
    assert valuation.number.__doc__
    with translation.override("nl"):
        assert [valuation.number(D(x)) for x in ("10.00", "1.50", "1450.00")] == ["10", "1,5", "1.450"]
        assert valuation.number(D("2"), 2) == "2,00"
    with translation.override("en"):
        assert [valuation.number(D(x)) for x in ("10.00", "1.50", "1450.00")] == ["10", "1.5", "1,450"]


def test_the_filter_and_the_rule_set_table_write_numbers_with_it():
    class Block:
        kind, value, max_years = BlockKind.PLACEMENT, D("30000"), D("2.00")

    with translation.override("nl"):
        assert quantity(D("12.00")) == "12" and quantity(D("1.50")) == "1,5" and quantity(None) == "—"
        assert "ten hoogste 2 jaar per kandidaat" in block_meaning(Block())
