"""``euro`` writes an amount as Django's number_format does in the page's language; its fast path
for amounts in cents must give exactly the same text (it runs a hundred times per contract list)."""

import random
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import get_format
from django.utils.numberformat import format as number_format

from impactportal.money import euro


def _django(value, places=2):
    text = number_format(value, get_format("DECIMAL_SEPARATOR"), decimal_pos=places, grouping=3,
                         thousand_sep=get_format("THOUSAND_SEPARATOR"), force_grouping=True)
    sign = "€" if translation.get_language() == "en" else "€\u00a0"  # British English: €5.00
    if text.startswith("-"):  # the minus before the sign: -€ 5,00 (Dutch), -€5.00 (English)
        return "-" + sign + text[1:]
    return sign + text


BOUNDARIES = [
    "0", "0.00", "-0.00", "0.01", "-0.01", "0.001", "-0.009", "0.999", "0.10", "1", "1.00", "9.99", "99.99",
    "999.99", "1000.00", "-1000.00", "1000", "9999.99", "10000.00", "99999.99", "100000.00", "999999.99",
    "1000000.00", "-1234567.89", "123456789012.34", "7000", "7000.5", "7000.50", "7000.505", "1E+3",
    "1.00E+3", "12.3456",
]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("text", BOUNDARIES)
def test_euro_equals_number_format_at_the_boundaries(language, text):
    with translation.override(language):
        assert euro(Decimal(text)) == _django(Decimal(text))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_euro_equals_number_format_for_many_amounts_in_cents(language):
    rng = random.Random(20261205)
    values = [Decimal(rng.randrange(-10**13, 10**13)).scaleb(-2) for _ in range(3000)]
    values += [Decimal(rng.randrange(-10**6, 10**6)).scaleb(-rng.randrange(0, 5)) for _ in range(1000)]
    with translation.override(language):
        for value in values:
            assert euro(value) == _django(value), value


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("value", [0, 5, -5, 1234567, 7000.5, 0.125])
def test_euro_of_other_numbers_is_django_s(language, value):
    with translation.override(language):
        assert euro(value) == _django(value)


@pytest.mark.parametrize("places", [0, 1, 3])
def test_other_numbers_of_places(places):
    with translation.override("nl"):
        for text in ("1234.5", "1234.567", "1234", "-0.5", "1234567.891"):
            value = Decimal(text)
            assert euro(value, places) == _django(value, places)
        assert euro(Decimal("1234567.891"), 3) == "€\u00a01.234.567,891"


def test_dutch_and_english_separators_each_in_their_language():
    value = Decimal("7000.00")
    with translation.override("nl"):
        assert euro(value) == "€\u00a07.000,00"
    with translation.override("en"):
        assert euro(value) == "€7,000.00"
    with translation.override("nl"):  # the remembered separators follow the language back
        assert euro(Decimal("-1234567.89")) == "-€\u00a01.234.567,89"


def test_a_negative_amount_has_its_minus_before_the_euro_sign():
    """The MKBA's net present value printed "€ -90.847,29" / "€-90,847.29"."""
    value = Decimal("-90847.29")
    with translation.override("nl"):
        assert euro(value) == "-€\u00a090.847,29"
        assert euro(Decimal("-90847.2"), 0) == "-€\u00a090.847"
        assert euro(-5) == "-€\u00a05,00"
    with translation.override("en"):
        assert euro(value) == "-€90,847.29"  # British English: no space after the sign
        assert euro(Decimal("7000.00")) == "€7,000.00"


@pytest.mark.parametrize(("language", "value", "expected"), [
    ("nl", "7000.00", "€\u00a07.000,00"),
    ("nl", "-7000.00", "-€\u00a07.000,00"),
    ("nl", "0", "€\u00a00,00"),
    ("nl", "-0.00", "€\u00a00,00"),
    ("nl", "123456789012.34", "€\u00a0123.456.789.012,34"),
    ("nl", "-123456789012.34", "-€\u00a0123.456.789.012,34"),
    ("en", "7000.00", "€7,000.00"),
    ("en", "-7000.00", "-€7,000.00"),
    ("en", "0", "€0.00"),
    ("en", "-0.00", "€0.00"),
    ("en", "123456789012.34", "€123,456,789,012.34"),
    ("en", "-123456789012.34", "-€123,456,789,012.34"),
])
def test_dutch_amounts_have_a_space_after_the_sign_british_english_ones_none(language, value, expected):
    """British English writes €7,000.00 and -€7,000.00, the sign against the figure; Dutch keeps
    € 7.000,00 with a no-break space (and -€ 7.000,00)."""
    with translation.override(language):
        assert euro(Decimal(value)) == expected
        assert euro(Decimal(value).normalize()) == expected  # the slower path (not in cents) alike


@pytest.mark.parametrize(("language", "expected"), [
    ("nl", ["€&nbsp;7.000,00", "-€&nbsp;7.000,00", "€&nbsp;0,00", "€&nbsp;1.234.567,89"]),
    ("en", ["€7,000.00", "-€7,000.00", "€0.00", "€1,234,567.89"]),
])
def test_the_euro_template_filter_writes_amounts_as_the_language_does(language, expected):
    from django.template import Context, Template

    template = Template("{% load portal_money %}{{ a|euro }}|{{ b|euro }}|{{ c|euro }}|{{ d|euro }}")
    values = {"a": Decimal("7000.00"), "b": Decimal("-7000.00"), "c": Decimal("0.00"), "d": Decimal("1234567.89")}
    with translation.override(language):
        assert template.render(Context(values)).split("|") == expected
