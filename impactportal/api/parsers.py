"""Request parsers: DRF's, hardened so that hostile bodies are a 400, never a 500."""

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser; JSON nested deeper than Python can parse (``[[[[…`` ten thousand deep)
    raised RecursionError, a 500. Now it is a ParseError (400) like any other malformed body."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(_("JSON-fout: de gegevens zijn te diep genest.")) from exc
