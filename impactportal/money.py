"""Money, and the numbers beside it, as people read them in the active language."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db.models import DecimalField, Value
from django.utils import formats
from django.utils.formats import get_format
from django.utils.numberformat import format as number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# An amount computed in SQL (a sum, a subquery): euros with cents, as the models store them.
MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)
# Zero for ``Coalesce`` over such an amount, in cents as the amounts are.
ZERO_EUROS = Value(Decimal("0.00"), output_field=MONEY_FIELD)
# An amount that is booked, budgeted, quoted or agreed: € 0 is none. One message for the models'
# validator, the API's and the forms' (``ui.forms.PositiveAmountForm``).
POSITIVE_AMOUNT_MESSAGE = _("Vul een bedrag groter dan nul in.")
POSITIVE_AMOUNT = [MinValueValidator(Decimal("0.01"), message=POSITIVE_AMOUNT_MESSAGE)]


def euro(value, places: int = 2) -> str:
    """€ 7.000,00 in Dutch, €7,000.00 in English (the active locale decides: British English
    writes the sign against the figure, ``EURO_PREFIX`` in ``impactportal.formats``). The Dutch
    space after the sign does not break, so an amount never wraps in two. A negative amount has its
    minus before the sign, -€ 90.847,29 / -€90,847.29 ("€ -90.847,29" read as a typing error in the
    MKBA's net present value); the Dutch space stays, so a column's amounts line up alike."""
    decimal_sep, thousand_sep, prefix = _separators()
    if type(value) is Decimal and value and value.as_tuple().exponent == -places:
        # The common case, an amount stored in cents: Python's own grouping gives what Django's
        # number_format gives (which truncates, so only an exact scale is safe here) at a fifth of
        # its cost; a list of contracts shows a hundred amounts.
        text = f"{value:,.{places}f}"
        text = text.replace(",", "\0").replace(".", decimal_sep).replace("\0", thousand_sep)
    else:
        text = number_format(value, decimal_sep, decimal_pos=places, grouping=3,
                             thousand_sep=thousand_sep, force_grouping=True)
    if text.startswith("-"):
        return "-" + prefix + text[1:]
    return prefix + text


def _separators() -> tuple[str, str, str]:
    """The active language's decimal and thousand separators and what stands before an amount's
    figure ("€" and a no-break space; English "€"), looked up once per language."""
    language = get_language()
    found = _SEPARATORS.get(language)
    if found is None:
        prefix = get_format("EURO_PREFIX")
        if prefix == "EURO_PREFIX":  # a language without it in impactportal.formats: the Dutch way
            prefix = "€\u00a0"
        found = _SEPARATORS[language] = (get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR"), prefix)
    return found


_SEPARATORS: dict[str | None, tuple[str, str, str]] = {}


def number(value, places: int | None = None) -> str:
    """A number that is no amount (a count, hours, months, fte, a percentage's figure) as people
    write it in the active language, with its thousands mark: "10", not "10.00"; "1,5" / "1.5"
    where it has a fraction; "1.450" / "1,450". ``places`` fixes the number of decimals; without
    it, the value's own decimals without trailing zeros (a stored "9.00" is 9). The portal's one
    way: the social-return explanations, the monitoring reports, the change log and the
    enterprises' own impact figures write their numbers with it."""
    value = Decimal(value)
    if places is None:
        value = value.normalize()
        places = max(0, -value.as_tuple().exponent)
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)
