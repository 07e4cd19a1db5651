"""The messages of an import's report (a bad row, a mismatch, a header that lacks a column), stored
untranslated and written in the language of whoever reads the report.

An import runs as a background job in the uploader's language, but a colleague may read its page
or download its report in the other one. So a report keeps each message as its message id (the
Dutch text, marked with ``gettext_noop`` where it is written, so makemessages finds it) and its
parameters: ``message(gettext_noop("Datum '%(value)s' ..."), value=...)`` stores
``{"msg": "Datum '%(value)s' ...", "params": {"value": ...}}``. ``text`` writes it in the active
language when it is read: on the page, in the CSV download.

Parameters are kept as they are (text from the file, names, KvK numbers, line numbers: shown
verbatim), except values the reader's language writes its own way, stored as values: a date (stored
as ``{"date": "2026-03-31"}``, read as 31-03-2026 or 31/03/2026), a number (``as_number``:
``{"number": "1000"}``, read as 1.000 or 1,000) and a translatable text such as a choice's label
(stored as its message id: ``{"msg": ...}``). A row with several problems stores a list of
messages, read one after the other; a message may hold another as a parameter, read within it (a
workbook none of whose worksheets fits says what the first one's header lacks). (An amount would be stored the same way and written with
``impactportal.money.euro``; no message names one yet.)

Reports stored before messages were kept this way hold the translated text: a plain string, read
as it is."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, translation
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext

from impactportal.money import number


def message(msgid: str, /, **params) -> dict:
    """A message to store in a report: ``msgid`` untranslated (``gettext_noop``, or a lazy text:
    its message id) with its parameters (a message of its own among them is kept as it is, read
    within)."""
    stored = {"msg": _msgid(msgid)}
    if params:
        stored["params"] = {name: _stored(value) for name, value in params.items()}
    return stored


def as_number(value) -> dict:
    """A count or a limit, written in the reader's notation (``impactportal.money.number``)."""
    return {"number": str(value)}


def _msgid(value) -> str:
    if isinstance(value, Promise):  # a lazy text: its message id (not in the active language)
        with translation.override(None):
            return str(value)
    return str(value)


def _stored(value):
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, Promise):  # a lazy text (a choice's label): its message id, translated when read
        return {"msg": _msgid(value)}
    return value


def text(stored) -> str:
    """A stored message in the active language; an old report's plain text as it is."""
    if isinstance(stored, str):
        return stored
    if isinstance(stored, list):
        return " ".join(text(each) for each in stored)
    if not isinstance(stored, dict) or "msg" not in stored:
        return "" if stored is None else str(stored)
    params = stored.get("params")
    if not params:
        return gettext(stored["msg"])
    return gettext(stored["msg"]) % {name: _param(value) for name, value in params.items()}


def _param(value):
    if isinstance(value, dict):
        if "date" in value:
            return formats.date_format(dt.date.fromisoformat(value["date"]), "SHORT_DATE_FORMAT")
        if "number" in value:
            return number(value["number"])
    if isinstance(value, (dict, list)):
        return text(value)
    return value


_lazy_text = lazy(text, str)


def readable(report: dict) -> dict:
    """The report for a template: each row's ``message`` written in the language of the request
    when the page prints it (only the rows shown are written)."""
    return {key: [row | {"message": _lazy_text(row["message"])} if isinstance(row, dict) and "message" in row
                  else row for row in value] if isinstance(value, list) else value
            for key, value in (report or {}).items()}
