"""The published OpenAPI schema speaks to the people who build API clients (municipal systems,
dashboards), not to this code base's developers: docstrings of viewsets are notes for the
latter and stay out of it. Every operation gets a summary ("List SROI contracts") and a
description from the viewset's ``api_description`` plus what the standard actions promise."""

import re

from django.utils import translation
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import get_doc, get_override

SUMMARIES = {
    "list": "List {many}",
    "retrieve": "Show one {one}",
    "create": "Create {a} {one}",
    "update": "Replace {a} {one}",
    "partial_update": "Change {a} {one}",
    "destroy": "Delete {a} {one}",
}
PROMISES = {
    "list": "Only the {many} you may see. Filter with the query parameters below; page with `page` (and "
            "`page_size`) or walk everything with `cursor`.",
    "retrieve": "404 when it does not exist or lies outside what you may see.",
    "create": "Invalid input answers 400 with a message per field and changes nothing.",
    "update": "Invalid input answers 400 with a message per field and changes nothing; 403 when you may see "
              "it but not change it.",
    "partial_update": "Send only the fields to change. Invalid input answers 400 with a message per field and "
                      "changes nothing; 403 when you may see it but not change it.",
    "destroy": "403 when you may see it but not delete it.",
}
UNPAGED_LIST = "Only the {many} you may see, all in one answer (a plain array)."
SUMMARY_LENGTH = 90  # a summary is a line in a list of operations


def _first_sentence(text: str) -> str:
    """The first sentence of ``text`` (up to its first ". ", ": " or "; "), or its first
    ``SUMMARY_LENGTH`` characters ended at a word."""
    text = " ".join(text.split())
    match = re.match(r"(.+?)[.:;](\s|$)", text)
    sentence = match[1] if match else text
    if len(sentence) > SUMMARY_LENGTH:
        sentence = sentence[:SUMMARY_LENGTH].rsplit(" ", 1)[0] + " …"
    return sentence


class PortalAutoSchema(AutoSchema):
    def _action(self) -> str:
        action = getattr(self.view, "action", None)
        if action:
            return action
        return "list" if self.method == "GET" and self._is_list_view() else self.method.lower()

    def _names(self) -> dict | None:
        queryset = getattr(self.view, "queryset", None)
        model = getattr(queryset, "model", None)
        if model is None:
            return None
        with translation.override("en"):
            one, many = str(model._meta.verbose_name), str(model._meta.verbose_name_plural)
        return {"one": one, "many": many, "a": "an" if one[:1].lower() in "aeiou" else "a"}

    def get_summary(self):
        action = self._action()
        explicit = getattr(self.view, "api_summaries", {}).get(action) or getattr(self.view, "api_summary", None)
        if explicit:
            return explicit
        names = self._names()
        if names and action in SUMMARIES:
            return SUMMARIES[action].format(**names)
        # A custom action's docstring is written for clients: its first sentence is the summary.
        summary, _rest = self._doc_parts(action)
        return summary or action.replace("_", " ").capitalize()

    def _doc_parts(self, action) -> tuple[str, str]:
        """``(summary, description)`` of a custom action's docstring, for this method. A docstring
        for two methods ("GET: the lines. POST: report a line") gives each its own part; a first
        paragraph of one line is the summary and the rest the description; a longer one gives its
        first sentence as the summary and is the description as a whole (a summary cut off in
        mid-sentence said "… answers 200 with the")."""
        doc = get_doc(getattr(self.view, action, None))
        if not doc:
            return "", ""
        doc = doc.replace("``", "`")  # reStructuredText's literals, as Markdown shows them
        flat = " ".join(doc.split())
        parts = re.split(r"\b(GET|POST|PUT|PATCH|DELETE): ", flat)
        if len(parts) > 2:  # one docstring for several methods
            own = dict(zip(parts[1::2], parts[2::2], strict=False)).get(self.method)
            if own:
                own = own.strip()[:1].upper() + own.strip()[1:]
                return _first_sentence(own), own
        paragraphs = [p for p in re.split(r"\n\s*\n", doc) if p.strip()]
        first = " ".join(paragraphs[0].split())
        if "\n" not in paragraphs[0].strip() and len(first) <= SUMMARY_LENGTH:
            return first.rstrip("."), "\n\n".join(paragraphs[1:]).strip()
        return _first_sentence(first), doc.strip()

    def get_description(self):
        action = self._action()
        names = self._names() or {"one": "object", "many": "objects", "a": "an"}
        parts = [getattr(self.view, "api_description", "")]
        if action in PROMISES:
            promise = PROMISES[action]
            if action == "list" and getattr(self.view, "pagination_class", None) is None:
                promise = UNPAGED_LIST  # the whole list in one answer: no page or cursor to promise
            parts.append(promise.format(**names))
        else:
            parts.append(self._doc_parts(action)[1])
        return "\n\n".join(part for part in parts if part)

    def _map_basic_serializer(self, serializer, direction):
        """A serializer's own docstring describes its component; one it only inherits is about a
        base class of this code base (how ``PortalModelSerializer`` reads rows) and stays out."""
        schema = super()._map_basic_serializer(serializer, direction)
        if not type(serializer).__dict__.get("__doc__") and not get_override(serializer, "description"):
            schema.pop("description", None)
        return schema
