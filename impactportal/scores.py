"""A match score as people read it, in the active language.

Match scores are fractions between 0 and 1 (SROI matches of a contract, properties for a space
request). Written as they are stored they read as "0,90" on one page and "1,000" on another;
people read a match as a percentage: "90%", "100%", "87,5%" (a decimal only where the score has
one; scores are kept in thousandths, so one decimal is exact)."""

from decimal import Decimal, InvalidOperation

from django.template.defaultfilters import floatformat
from django.utils.translation import get_language

HUNDRED = Decimal(100)
NOTHING = "—"


def score_percent(value) -> str:
    """0.9 → "90%"; 0.875 → "87,5%" (Dutch) or "87.5%" (English); 1 → "100%"; None → "—".
    Remembered per value and language: a page of matches writes a dozen per candidate, from few
    distinct values, and each ``floatformat`` looks up the language's separators anew."""
    if value is None or value == "":
        return NOTHING
    try:
        number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError):
        return str(value)
    key = (number, get_language())
    found = _WRITTEN.get(key)
    if found is None:
        if len(_WRITTEN) >= REMEMBERED:
            _WRITTEN.clear()
        found = _WRITTEN[key] = f"{floatformat(number * HUNDRED, -1)}%"
    return found


REMEMBERED = 10_000
_WRITTEN: dict = {}
