"""Request parsers: DRF's, hardened so that hostile bodies are a 400, never a 500."""

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser; JSON nested deeper than Python can parse (``[[[[…`` ten thousand deep)
    raised RecursionError, a 500. Now it is a ParseError (400) like any other malformed body."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(_("JSON-fout: de gegevens zijn te diep genest.")) from exc
        if _contains_nul(data):
            # PostgreSQL cannot store or even compare text with NUL characters (a DataError, 500).
            raise ParseError(_("Tekst mag geen NUL-tekens (\\u0000) bevatten."))
        return data


def _contains_nul(value, depth=0) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if depth > 100:
        return False
    if isinstance(value, dict):
        return any(_contains_nul(k, depth + 1) or _contains_nul(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_nul(v, depth + 1) for v in value)
    return False
