"""Widgets cheaper than Django's own where a page renders many options.

Django renders every ``<option>`` of a ``<select>`` through a template of its own: about 30 ms for
the 342 municipalities, on every list page that offers the filter. ``FastSelect`` writes the same
HTML (same attributes, same escaping) in one pass of plain string joins; ``FAST_INPUTS`` do the
same for text boxes (three templates per box, about 0.5 ms each on every filter form)."""

import copy
import hashlib

from django import forms
from django.core.exceptions import EmptyResultSet
from django.forms.models import ModelChoiceIterator
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

from .markup import escaped, flat_attributes


class FastSelect(forms.Select):
    """A single-choice ``<select>`` rendered without a template per option (option groups fall
    back to Django's rendering). ``style_widgets`` gives every plain ``Select`` this class."""

    def render(self, name, value, attrs=None, renderer=None):
        choices, cache_name = self._choice_list()
        # Option groups; a cached list is rows of a model, one label each (no need to look).
        if cache_name is None and any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        selected = {str(v) for v in self.format_value(value)}
        final = {"name": name, **self.build_attrs(self.attrs, attrs)}
        if cache_name is None:
            options = mark_safe("".join(  # noqa: S308 — every value and label escaped by _option
                _option(option_value, label, str(option_value) in selected)
                for option_value, label in self._values(choices)))
        else:
            options = _cached_options(cache_name, choices, selected)
        return mark_safe(f"<select{flat_attributes(final)}>{options}</select>")  # noqa: S308 — both escaped

    def _choice_list(self):
        """The choices in one pass (not list(), which asks len() = a COUNT), and the name they
        are cached under (or None). A model choice list is read with one plain query: Django's
        iterator() opens a server-side cursor on PostgreSQL (DECLARE, FETCH, CLOSE) for a list
        of a few hundred rows at most. Lists of reference data (``cache_choices_of``) come from
        the cache."""
        found = self.choices
        if not isinstance(found, ModelChoiceIterator) or found.queryset._prefetch_related_lookups:
            return [choice for choice in found], None  # noqa: C416
        empty = [("", found.field.empty_label)] if found.field.empty_label is not None else []
        if found.queryset.model not in _REFERENCE_MODELS or "label_from_instance" in vars(found.field):
            return empty + [found.choice(obj) for obj in found.queryset.all()], None
        name, choices = _cached_choices(found)
        if name is None:
            return empty + choices, None
        label = hashlib.sha256(str(found.field.empty_label).encode()).hexdigest()[:16]  # no spaces in keys
        return empty + choices, f"{name}:{label}"

    @staticmethod
    def _values(choices):
        for option_value, label in choices:
            # ModelChoiceIterator yields ModelChoiceIteratorValue; "" stands for the empty choice.
            yield ("" if option_value is None else getattr(option_value, "value", option_value)), label


# Models whose choice lists are cached (``cache_choices_of``): reference data that changes a few
# times a year (municipalities, regions, themes) but fills a drop-down on every list page.
_REFERENCE_MODELS: set = set()
_NAMESPACE = "choices"


def cache_choices_of(*models) -> None:
    """Serve the drop-down options of ``models`` from the cache, per query and language; any
    change to one of them makes every cached list stale. Called from an app's ``ready``."""
    from .cache import bump_on_change

    _REFERENCE_MODELS.update(models)
    bump_on_change(_NAMESPACE, *models)


def _cached_choices(iterator) -> tuple[str | None, list]:
    """The name the choices of ``iterator`` are cached under, and the choices."""
    from django.utils.translation import get_language

    from .cache import cached

    queryset, field = iterator.queryset, iterator.field
    query = _query_key(queryset)
    if query is None:  # a filter nothing can match (pk__in=[], none()): no options
        return None, []
    # The option values are ``field.prepare_value``: the key, or ``to_field_name`` (a filter that
    # sends the slug). Without it in the name, a form and a filter over the same rows shared one
    # list, and whichever came second got the other's values (every choice "not available").
    name = f"{get_language()}:{type(field).__qualname__}:{field.to_field_name or 'pk'}:{query}"
    return name, cached(_NAMESPACE, name, lambda: [
        (field.prepare_value(obj), str(field.label_from_instance(obj))) for obj in queryset.all()])


def _option(value, label, selected: bool = False) -> str:
    """One ``<option>``, escaped as ``format_html`` would, without its per-call formatting machinery
    (a drop-down of statuses or kinds on every list page)."""
    chosen = " selected" if selected else ""
    return f'<option value="{escaped(value)}"{chosen}>{escaped(label)}</option>'


def _cached_options(name: str, choices: list, selected: set) -> str:
    """The ``<option>``s of a cached choice list, written once per list (hundreds of escaped
    values and labels for the municipalities); the chosen ones get ``selected`` on each render.
    The value is escaped, so the first ``>`` of an option ends its opening tag."""
    from .cache import cached

    values, options = cached(_NAMESPACE, f"options:{name}", lambda: (
        [str(value) for value, _label in FastSelect._values(choices)],
        [_option(value, label) for value, label in FastSelect._values(choices)],
    ))
    if selected:
        options = [option.replace(">", " selected>", 1) if value in selected else option
                   for value, option in zip(values, options, strict=True)]
    return mark_safe("".join(options))  # noqa: S308 — every option made by _option


def cached_reference_row(queryset, value, lookup):
    """``lookup()`` (the row of ``queryset`` chosen by ``value``) from the cache when the model is
    reference data (``cache_choices_of``); None when it is not, or the queryset matches nothing."""
    if queryset.model not in _REFERENCE_MODELS:
        return None
    from .cache import cached

    query = _query_key(queryset, str(value))
    found = None if query is None else cached(_NAMESPACE, f"row:{query}", lookup)
    # A copy: the cached row serves this process's next requests and must not carry a change.
    return None if found is None else copy.copy(found)


def _query_key(queryset, *extra) -> str | None:
    """A short key for ``queryset``'s SQL and parameters (and ``extra``); None when the queryset
    can match nothing (Django raises EmptyResultSet instead of making SQL)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return None
    return hashlib.sha256(repr((sql, params, *extra)).encode()).hexdigest()


def _template_value(value) -> str:
    """``{{ value|stringformat:'s' }}`` in a template: no localisation, escaped unless safe."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)  # noqa: UP031 — the filter's own formatting
    return text if isinstance(value, SafeData) else escape(text)


class FastInput:
    """Writes what Django's ``input.html`` and ``attrs.html`` templates write, in one string: the
    type, the name, the value when there is one, then each attribute (``True`` as a bare name,
    ``False`` left out) in order. Mixed into the input widgets of ``FAST_INPUTS`` only."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"']
        if widget["value"] is not None:
            parts.append(f' value="{_template_value(widget["value"])}"')
        for attribute, setting in widget["attrs"].items():
            if setting is True:
                parts.append(f" {escape(attribute)}")
            elif setting is not False:
                parts.append(f' {escape(attribute)}="{_template_value(setting)}"')
        return mark_safe("".join(parts) + ">")  # noqa: S308 — every part escaped above


# Django's input widgets whose template is only input.html (their own template includes it).
FAST_INPUTS = {
    widget: type(f"Fast{widget.__name__}", (FastInput, widget), {})
    for widget in (forms.TextInput, forms.NumberInput, forms.EmailInput, forms.URLInput, forms.SearchInput,
                   forms.TelInput, forms.DateInput, forms.DateTimeInput, forms.TimeInput, forms.PasswordInput,
                   forms.HiddenInput)
}


def fast_input(widget):
    """``widget`` as its ``FAST_INPUTS`` class, when it is one of Django's input widgets rendered
    with Django's own template (a widget with a template of its own keeps it)."""
    fast = FAST_INPUTS.get(type(widget))
    if fast is not None and widget.template_name == type(widget).template_name:
        widget.__class__ = fast
    return widget


class _CurrentFile:
    """What ``ClearableFileInput`` shows of the stored file: its name, linked to ``url``."""

    def __init__(self, name: str, url: str):
        self.name, self.url = name, url

    def __str__(self):
        return self.name


class PrivateFileInput(forms.ClearableFileInput):
    """A file field's input whose "Huidige:" (current file) link goes to the access-checked
    download view ``url_name`` (with the file's object's pk) instead of ``/media/…``, which private
    files are not served from (a 404). ``PrivateFileInput("enterprises:impact-report")``.
    ``filename``: the object's attribute that names the file as its download does; the stored name
    carries storage's random suffix once a file of that name was uploaded before
    ("rapport_Xk3pQ9a.pdf")."""

    def __init__(self, url_name: str, attrs=None, *, filename: str | None = None):
        super().__init__(attrs)
        self.url_name, self.filename = url_name, filename

    def get_context(self, name, value, attrs):
        from django.urls import reverse

        context = super().get_context(name, value, attrs)
        instance = getattr(value, "instance", None)
        if context["widget"]["is_initial"] and getattr(instance, "pk", None):
            shown = (getattr(instance, self.filename) if self.filename else "") or value.name.rsplit("/", 1)[-1]
            context["widget"]["value"] = _CurrentFile(shown, reverse(self.url_name, args=[instance.pk]))
        return context
