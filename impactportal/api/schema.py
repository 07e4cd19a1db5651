"""The published OpenAPI schema speaks to the people who build API clients (municipal systems,
dashboards), not to this code base's developers: docstrings of viewsets are notes for the
latter and stay out of it. Every operation gets a summary ("List SROI contracts") and a
description from the viewset's ``api_description`` plus what the standard actions promise."""

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
        # A custom action's docstring is written for clients: its first line is the summary.
        doc = get_doc(getattr(self.view, action, None))
        return doc.splitlines()[0] if doc else action.replace("_", " ").capitalize()

    def get_description(self):
        action = self._action()
        names = self._names() or {"one": "object", "many": "objects", "a": "an"}
        parts = [getattr(self.view, "api_description", "")]
        if action in PROMISES:
            parts.append(PROMISES[action].format(**names))
        else:
            doc = get_doc(getattr(self.view, action, None))
            parts.append("\n".join(doc.splitlines()[1:]).strip() if doc else "")
        return "\n\n".join(part for part in parts if part)

    def _map_basic_serializer(self, serializer, direction):
        """A serializer's own docstring describes its component; one it only inherits is about a
        base class of this code base (how ``PortalModelSerializer`` reads rows) and stays out."""
        schema = super()._map_basic_serializer(serializer, direction)
        if not type(serializer).__dict__.get("__doc__") and not get_override(serializer, "description"):
            schema.pop("description", None)
        return schema
