"""Text limits shared by models, forms and the API, and validators for numeric identifiers.

Django checks a TextField's ``max_length`` only in forms (and DRF copies it into serializers);
``LimitedTextField`` also checks it in ``full_clean`` so services and imports obey the same
limit. Python's ``\\d`` and ``str.isdigit`` accept every Unicode digit (fullwidth ``９``, Arabic-Indic
``٣``, superscript ``²``): identifiers are refused unless they use the digits 0-9."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import formats, timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def in_page_language(dutch: str, english: str) -> str:
    """Data kept in both languages (managed lists, programme phases): the English text on English
    pages when there is one, else the Dutch."""
    return english if english and get_language() == "en" else dutch


# The help text of every ``<field>_en`` column.
ENGLISH_HELP = _("Getoond op Engelstalige pagina's; leeg: de Nederlandse tekst.")


class Bilingual:
    """Content with an English version of each field in ``translated`` (``<field>_en``)."""

    translated: tuple[str, ...] = ()

    def in_language(self, field: str):
        return in_page_language(getattr(self, field), getattr(self, f"{field}_en"))

    def language_of(self, field: str) -> str:
        """The language the page shows ``field`` in: "en" on English pages when it has English, else "nl"."""
        return "en" if get_language() == "en" and getattr(self, f"{field}_en") else "nl"

    def english_gaps(self, fields: tuple[str, ...] | None = None) -> tuple[int, int]:
        """(texts without English, texts) among ``fields`` (default: all, options and reading tips
        too): a Dutch text whose English is empty is shown in Dutch on English pages."""
        texts = [(getattr(self, field), getattr(self, f"{field}_en")) for field in fields or self.translated]
        if fields is None:
            texts += self.extra_texts()
        texts = [(dutch, english) for dutch, english in texts if dutch]
        return sum(1 for _dutch, english in texts if not english), len(texts)

    def extra_texts(self) -> list[tuple]:
        return []


def page_language_key(field: str = "name"):
    """The sort key of a ``Bilingual`` text as the page shows it: on English pages its English, the
    Dutch where that is empty (``Coalesce(NullIf(<field>_en, ''), <field>)``); on Dutch pages the Dutch."""
    if get_language() == "en":
        return Coalesce(NullIf(F(f"{field}_en"), Value("")), F(field))
    return F(field)


def in_page_order(queryset, *first: str, field: str = "name"):
    """``queryset`` ordered by ``first``, then by the ``Bilingual`` text ``field`` in the page's
    language (``page_language_key``), then the id: on English pages a list of names reads in English
    alphabetical order. The key is annotated as ``sort_<field>`` for a table column to sort on."""
    key = f"sort_{field}"
    return queryset.annotate(**{key: page_language_key(field)}).order_by(*first, key, "id")


def short_date(value: dt.date) -> str:
    """A date (a moment: in the portal's time zone, with the time) as the page's language writes it
    short: 03-12-2026 in Dutch, 03/12/2026 in English (the formats in ``impactportal.formats``)."""
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    return formats.date_format(value, "SHORT_DATE_FORMAT")


# Descriptions, notes, reasons and comments.
TEXT_MAX = 5_000
# Messages in a helpdesk thread (the question itself and every reply) and conversation reports.
LONG_TEXT_MAX = 10_000


class LimitedTextField(models.TextField):
    """A TextField whose ``max_length`` is a validator too (as for CharField)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))


def has_non_ascii_digit(value: str) -> bool:
    return any(ch.isdigit() and not ("0" <= ch <= "9") for ch in value or "")


def is_ascii_number(value: str) -> bool:
    """True for a non-empty string of the digits 0-9 only (``"²".isdigit()`` is True too)."""
    return bool(value) and value.isascii() and value.isdigit()


def as_id(value: str) -> int | None:
    """A primary key typed or posted as text, or None: digits 0-9 only and small enough for a
    64-bit column (SQLite cannot even compare with a larger number)."""
    return int(value) if is_ascii_number(value) and len(value) <= 18 else None


@deconstructible
class AsciiDigitsRegexValidator(RegexValidator):
    """A RegexValidator that first refuses digits other than 0-9 with a message that says so,
    instead of a puzzling "must be 8 digits" for ``９０００００００``."""

    non_ascii_message = _("Gebruik alleen de cijfers 0 tot en met 9.")

    def __call__(self, value):
        if has_non_ascii_digit(str(value)):
            raise ValidationError(self.non_ascii_message, code="non_ascii_digit", params={"value": value})
        super().__call__(value)
