"""What a valid answer looks like per question kind, shared by the screens and the API.

open: text · yes_no: true/false · choice: one of the options · multiple and checklist: a list of
options · table: a list of rows, each ``{column key: text}`` · linked: no value (live data).

A value always holds the Dutch option (``Question.options``), whatever the page's language: an
English page shows the option's English label (``Question.page_options``) but posts the same value."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..constants import QuestionKind

MAX_TEXT = 5000
MAX_ROWS = 100
MAX_CELL = 500  # a table cell (the page's inputs have it as maxlength)


def is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def table_columns(question) -> list[dict]:
    return [column for column in question.options if isinstance(column, dict) and column.get("key")]


def clean_value(question, value):
    """The stored form of ``value`` for ``question``; ValidationError({"value": …}) when invalid."""
    kind = question.kind
    options = [str(option) for option in question.options] if kind != QuestionKind.TABLE else []

    def error(message):
        return ValidationError({"value": message})

    if kind == QuestionKind.LINKED:
        raise error(_("Deze vraag wordt beantwoord met gegevens uit het portaal; u vult hier niets in."))
    if value is None:
        return None
    if kind == QuestionKind.OPEN:
        if not isinstance(value, str):
            raise error(_("Geef een tekst."))
        if len(value) > MAX_TEXT:
            raise error(_("Gebruik hoogstens %(max)s tekens.") % {"max": MAX_TEXT})
        return value.strip()
    if kind == QuestionKind.YES_NO:
        if not isinstance(value, bool):
            raise error(_("Kies ja (true) of nee (false)."))
        return value
    if kind == QuestionKind.CHOICE:
        if value == "":
            return None
        if not isinstance(value, str) or value not in options:
            raise error(_("Kies een van de opties."))
        return value
    if kind in (QuestionKind.MULTIPLE, QuestionKind.CHECKLIST):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise error(_("Geef een lijst met opties."))
        unknown = [item for item in value if item not in options]
        if unknown:
            raise error(_("Onbekende optie: %(option)s.") % {"option": unknown[0][:100]})
        return [option for option in options if option in value]  # the options' order, each once
    if kind == QuestionKind.TABLE:
        keys = [column["key"] for column in table_columns(question)]
        # A cell's error names its column as the page heads it (a Dutch page said "Elke rij heeft
        # alleen de kolommen name, stance, how" of a cell that was only too long). Only the API can
        # send an unknown column: that message names the keys it may use.
        labels = {column["key"]: column["label"] for column in question.page_columns}
        if not isinstance(value, list) or len(value) > MAX_ROWS:
            raise error(_("Geef een lijst met rijen (hoogstens %(max)s).") % {"max": MAX_ROWS})
        rows = []
        for number, row in enumerate(value, start=1):
            if not isinstance(row, dict):
                raise error(_("Rij %(row)s is geen rij met kolommen.") % {"row": number})
            unknown = sorted(str(key) for key in set(row) - set(keys))
            if unknown:
                raise error(_("Rij %(row)s heeft een onbekende kolom (%(column)s); de kolommen zijn %(columns)s.") % {
                    "row": number, "column": unknown[0][:100], "columns": ", ".join(keys)})
            for key in keys:
                cell = row.get(key, "")
                if not isinstance(cell, str):
                    raise error(_("%(column)s: vul tekst in (rij %(row)s).") % {"column": labels[key], "row": number})
                if len(cell) > MAX_CELL:
                    raise error(_("%(column)s: ten hoogste %(max)s tekens (rij %(row)s).") % {
                        "column": labels[key], "max": MAX_CELL, "row": number})
            clean = {key: row.get(key, "").strip() for key in keys}
            if any(clean.values()):
                rows.append(clean)
        return rows
    raise error(_("Onbekend soort vraag."))


def display(question, value) -> str:
    """A one-line text of an answer (history, PDF of simple kinds), options in the page's language."""
    if is_empty(value):
        return "—"
    if question.kind == QuestionKind.YES_NO:
        return _("Ja") if value else _("Nee")
    if isinstance(value, list) and question.kind != QuestionKind.TABLE:
        return "; ".join(question.option_label(item) for item in value)
    if question.kind == QuestionKind.TABLE:
        return " | ".join(" – ".join(cell for cell in row.values() if cell) for row in value)
    if question.kind == QuestionKind.CHOICE:
        return question.option_label(value)
    return str(value)
