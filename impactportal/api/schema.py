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
# What every custom action of one object (``/{id}/verify/``) promises besides its own docstring.
ACTION_PROMISES = {
    "GET": "404 when the {one} does not exist or lies outside what you may see.",
    "POST": "404 when the {one} does not exist or lies outside what you may see; 403 when you may see it but "
            "may not do this. Invalid input answers 400 with a message per field and changes nothing.",
}
# The error answers an operation can give, documented on every operation they apply to (drf-spectacular
# documents only the success answer). Messages follow the request's ``Accept-Language``.
DETAIL_SCHEMA = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
FIELD_ERRORS_SCHEMA = {
    "type": "object",
    "description": "Per field the messages about its value (`non_field_errors`: about the input as a whole); "
                   "for a list or nested object the messages sit under the item's position or field.",
    # A field's messages, or a nested object's or list item's messages by field or position.
    "additionalProperties": {"anyOf": [{"type": "array", "items": {}}, {"type": "object"}]},
}
ERROR_RESPONSES = {
    # A body that cannot be read at all (not JSON, NUL characters) answers with one `detail`.
    "400": ("Invalid input: a message per field, in the request's language; a body that cannot be read "
            "at all answers with one `detail`. Nothing was changed.",
            {"anyOf": [FIELD_ERRORS_SCHEMA, DETAIL_SCHEMA]}),
    "401": ("No valid credentials: no token, or a token that is unknown, expired or revoked. The answer "
            "carries `WWW-Authenticate: Token`; send `Authorization: Token …`.", DETAIL_SCHEMA),
    "403": ("Signed in, but you may not do this (with this object).", DETAIL_SCHEMA),
    "404": ("It does not exist or lies outside what you may see.", DETAIL_SCHEMA),
}
# Query parameters that take no part in filtering: they cannot make a list answer 400.
PAGING_PARAMETERS = {"page", "page_size", "cursor", "ordering", "format"}
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
    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is not None:
            self._describe_parameters(operation.get("parameters", []))
            self._add_error_responses(operation)
        return operation

    def _describe_parameters(self, parameters) -> None:
        """A parameter without a description (a filter without a label, a path's ``slug``) says
        what it is from the model field of its name; a list of choices gets a lead sentence."""
        names = self._names() or {"one": "object", "many": "objects", "a": "an"}
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        for parameter in parameters:
            description = parameter.get("description", "")
            if description and not description.startswith("* `"):
                continue
            name = parameter["name"]
            field = None
            if model is not None:
                try:
                    field = model._meta.get_field(name)
                except Exception:  # noqa: BLE001 -- not a field of the model
                    field = None
            with translation.override("en"):
                label = str(getattr(field, "verbose_name", "") or name.replace("_", " "))
            if parameter["in"] == "path":
                lead = f"The {label} of the {names['one']}, as in its address."
            elif field is not None and field.is_relation:
                lead = f"Only those of this {label} (its id)."
            else:
                lead = f"Only those with this {label}."
            parameter["description"] = f"{lead}\n\n{description}" if description else lead

    def _add_error_responses(self, operation) -> None:
        """400, 401, 403 and 404 where they apply, unless the operation documents its own."""
        responses = operation.setdefault("responses", {})
        write = self.method in ("POST", "PUT", "PATCH", "DELETE")
        try:
            authenticates = bool(self.view.get_authenticators())
        except Exception:  # noqa: BLE001 -- a view that cannot say without a request
            authenticates = True
        filters = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"} - PAGING_PARAMETERS
        codes = []
        if self.method in ("POST", "PUT", "PATCH", "DELETE") or filters:
            codes.append("400")  # a DELETE too: a row still in use is not deleted
        if authenticates:
            codes += ["401", "403"] if write or self._action() not in SUMMARIES else ["401"]
        if "{" in self.path:
            codes.append("404")
        for code in codes:
            if code not in responses:
                description, schema = ERROR_RESPONSES[code]
                responses[code] = {"description": description, "content": {"application/json": {"schema": schema}}}
                if code == "401":
                    responses[code]["headers"] = {"WWW-Authenticate": {
                        "description": "`Token`: the scheme to sign in with.", "schema": {"type": "string"}}}
        operation["responses"] = dict(sorted(responses.items()))
    def _action(self) -> str:
        action = getattr(self.view, "action", None)
        if action:
            return action
        return "list" if self.method == "GET" and self._is_list_view() else self.method.lower()

    def _names(self) -> dict | None:
        if getattr(self.view, "api_names", None):  # a view whose queryset's model is not what it lists
            return self.view.api_names
        queryset = getattr(self.view, "queryset", None)
        model = getattr(queryset, "model", None)
        if model is None:
            return None
        with translation.override("en"):
            one, many = str(model._meta.verbose_name), str(model._meta.verbose_name_plural)
        # In mid-sentence: "List social cost-benefit analyses", while "SROI contracts" stays.
        one, many = (name[:1].lower() + name[1:] if name[1:2].islower() else name for name in (one, many))
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
            if "{" in self.path and getattr(self.view, "detail", False) and self.method in ACTION_PROMISES:
                parts.append(ACTION_PROMISES[self.method].format(**names))
        return "\n\n".join(part for part in parts if part)

    def _map_basic_serializer(self, serializer, direction):
        """A serializer's own docstring describes its component; one it only inherits is about a
        base class of this code base (how ``PortalModelSerializer`` reads rows) and stays out."""
        schema = super()._map_basic_serializer(serializer, direction)
        if not type(serializer).__dict__.get("__doc__") and not get_override(serializer, "description"):
            schema.pop("description", None)
        return schema
