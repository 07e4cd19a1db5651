"""Accessible form rendering in the NL Design System (Utrecht) style, used by every form.

``{{ form }}`` renders an error summary that links to each invalid field, labels, help texts
tied with aria-describedby, and error messages next to the fields."""

import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.renderers import TemplatesSetting
from django.utils.choices import BlankChoiceIterator
from django.utils.formats import get_format
from django.utils.text import format_lazy, get_text_list
from django.utils.translation import gettext_lazy as _

from impactportal import access
from impactportal.money import POSITIVE_AMOUNT_MESSAGE
from impactportal.ui.widgets import FastSelect, fast_input

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea",
    forms.Select: "utrecht-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--multiple",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "",
    forms.CheckboxSelectMultiple: "",
    forms.ClearableFileInput: "utrecht-textbox",
    forms.FileInput: "utrecht-textbox",
}


def ungrouped(text: str) -> str:
    """The thousands separator of the active language taken out of a typed number, when it groups
    the whole part in threes: "50.000,50" → "50000,50" in Dutch, "50,000.50" → "50000.50" in
    English. The project leaves USE_THOUSAND_SEPARATOR off, so Django read "50.000" as 50 with
    three decimals. Anything else ("1.5", "0.300") is left for the field to judge as before."""
    decimal, thousand = get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")
    whole, separator, decimals = text.strip().partition(decimal)
    if thousand and re.fullmatch(rf"[+-]?[1-9]\d{{0,2}}(?:{re.escape(thousand)}\d{{3}})+", whole):
        whole = whole.replace(thousand, "")
    return whole + separator + decimals


def grouped_the_other_way(text: str) -> bool:
    """Whether ``text`` groups its whole part in threes with the page language's *decimal* mark,
    as the other language writes thousands: "1.500" or "1.500,50" on an English page, "1,500" or
    "1,500.50" on a Dutch one. Read in the page's language it is a number with three decimals (or
    no number at all)."""
    decimal, thousand = get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")
    if not thousand or decimal == thousand:
        return False
    return bool(re.fullmatch(
        rf"[+-]?[1-9]\d{{0,2}}(?:{re.escape(decimal)}\d{{3}})+(?:{re.escape(thousand)}\d*)?", text.strip()))


def decimal_mark_message() -> str:
    """What to type instead, in the page's language: its decimal mark, and numbers without grouping."""
    if get_format("DECIMAL_SEPARATOR") == ",":
        return _("Gebruik een komma alleen voor decimalen, bijvoorbeeld 1500 of 1500,50.")
    return _("Gebruik een punt alleen voor decimalen, bijvoorbeeld 1500 of 1500.50.")


class LocalizedDecimalField(forms.DecimalField):
    """A decimal (an amount, a count) typed as people write it in the page's language: "1.234,56"
    or "1234,56" or "1234.56" in Dutch, "1,234.56" in English. ``style_widgets`` gives every
    plain DecimalField this class and a text box: a number box (``type="number"``) drops or
    refuses the Dutch comma in some browsers, which turned "11950,50" into 1195050.

    Thousands grouped the other language's way ("1.500" on an English page) cannot be told from
    decimals; when they make the number invalid or give it too many decimals, the field says
    which mark is for decimals instead of "no more than 2 decimal places"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = without_euro_sign(value)
            if "e" in value.casefold():  # "1e6" was saved as € 1.000.000: no amount anyone types
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        if self.localize and isinstance(value, str):
            value = ungrouped(value)
        return super().to_python(value)

    def clean(self, value):
        try:
            return super().clean(value)
        except ValidationError as error:
            codes = {getattr(e, "code", None) for e in error.error_list}
            if (self.localize and isinstance(value, str) and codes & {"invalid", "max_decimal_places"}
                    and grouped_the_other_way(without_euro_sign(value))):
                raise ValidationError(decimal_mark_message(), code="decimal_mark") from error
            raise


def without_euro_sign(text: str) -> str:
    """An amount as the portal shows it, "€ 20.000,00" (also "€20.000", "20.000 €", with a
    no-break space), without its euro sign and the spaces around it: the field said "Voer een
    getal in" to an amount copied from the page. A sign elsewhere is left for the field to refuse."""
    text = text.strip()
    if text.startswith("€"):
        text = text[1:].strip()
    elif text.endswith("€"):
        text = text[:-1].strip()
    return text


def _localize_decimal(field):
    """A DecimalField's input as a localized text box with the decimal keyboard on phones."""
    if type(field) is forms.DecimalField:
        field.__class__ = LocalizedDecimalField
    widget = field.widget
    if isinstance(widget, forms.HiddenInput):
        return
    field.localize = widget.is_localized = True
    if isinstance(widget, forms.NumberInput):
        widget.__class__ = forms.TextInput
        widget.input_type = "text"
        for attribute in ("step", "min", "max"):  # a number box's; the field's validators still check
            widget.attrs.pop(attribute, None)
    if isinstance(widget, forms.TextInput):
        widget.attrs.setdefault("inputmode", "decimal")


def style_widgets(form):
    """Utrecht classes and ARIA attributes on every widget of any form (also FilterSet forms).

    Reads ``form._errors`` (not ``form.errors``) so styling never triggers validation: during
    ``__init__`` a subclass may still have to narrow its choices before the form is cleaned."""
    for name in form.fields:
        style_field(form, name)
    return form


def style_field(form, name):
    """``style_widgets`` for one field: a field put into a styled form later (a search field that
    replaces a drop-down) gets the same classes and ARIA as its neighbours."""
    field = form.fields[name]
    if isinstance(field, forms.DecimalField):
        _localize_decimal(field)
    widget = field.widget
    css = next((c for klass, c in WIDGET_CLASSES.items() if isinstance(widget, klass)), "utrecht-textbox")
    if isinstance(widget, forms.DateInput):
        widget.input_type = "date"
        widget.format = "%Y-%m-%d"
    if type(widget) is forms.Select:  # the same HTML without a template per option
        widget.__class__ = FastSelect
    fast_input(widget)  # text boxes: the same HTML without three templates each
    classes = widget.attrs.get("class", "").split()
    if css and css.split()[0] not in classes:
        classes += css.split()
    invalid = name in (form._errors or {})
    if invalid:
        widget.attrs["aria-invalid"] = "true"
        # Every text box, text area and select gets the red border, not only text boxes.
        base = css.split()[0] if css else ""
        if base in ("utrecht-textbox", "utrecht-textarea", "utrecht-select") and f"{base}--invalid" not in classes:
            classes.append(f"{base}--invalid")
    if classes:
        widget.attrs["class"] = " ".join(classes)
    if form.auto_id:
        # The ids the field template gives the help text and the error: the bound field's id, which
        # carries a formset form's prefix ("id_form-0-amount_helptext").
        field_id = form.auto_id % form.add_prefix(name)
        described = [f"{field_id}_helptext"] if field.help_text else []
        if invalid:
            described.append(f"{field_id}_error")
        if described:
            widget.attrs["aria-describedby"] = " ".join(described)


def error_target_id(bound_field) -> str:
    """The id an error-summary link leads to: the control that takes focus. A group of radio buttons
    or check boxes has its field's id on the wrapping ``<div>``, which takes no focus (the link left
    focus on ``<body>``), so the link leads to the group's first option (``id_mode_0``); a widget of
    several inputs (MultiWidget) to its first input."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.widgets.ChoiceWidget) and widget.input_type in ("radio", "checkbox"):
        for option in bound_field.subwidgets:
            if option.id_for_label:
                return option.id_for_label
    elif isinstance(widget, forms.MultiWidget) and widget.widgets:
        own = widget.attrs.get("id") or bound_field.auto_id
        if own:
            return f"{own}_0"  # MultiWidget.get_context's id of its first input
    return bound_field.id_for_label or bound_field.auto_id or ""


def submit_failed(values) -> bool:
    """Whether one of ``values`` (a template's context) is a submitted form or formset that did
    not validate: its page title then starts "Controleer uw invoer: ". Reads the errors found by the
    view's validation and never validates itself; looks at the type only, so a lazy object in the
    context is not evaluated."""
    for value in values:
        kind = type(value)
        # An unbound form has errors only when a view put them there (a stale edit form: ``versions``).
        if issubclass(kind, forms.BaseForm) and value._errors:
            return True
        if (issubclass(kind, forms.BaseFormSet) and value.is_bound and value._errors is not None
                and (any(value._errors) or value._non_form_errors)):
            return True
    return False


def add_validation_error(form, error: ValidationError):
    """Show a service's ValidationError on the form: next to the field it names, or in the
    summary when the form has no such field or shows it hidden."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        # A hidden field (the property one responds to) has no place to show its error: the summary
        # read "Property: …", untranslated, beside the same message again.
        shown = field in form.fields and field != NON_FIELD_ERRORS and not form.fields[field].widget.is_hidden
        form.add_error(field if shown else None, errors)
    _duplicates_on_their_field(form)


def _duplicates_on_their_field(form):
    """A row that exists already (a unique constraint over several fields) is said next to one of
    those fields the form shows, naming only those: Django's "Externe partner met deze Team,
    Partij en Relatie bestaat al." stood above the form and named a team the form does not show."""
    errors = (form._errors or {}).get(NON_FIELD_ERRORS)
    if not errors:
        return
    moved = []
    for error in list(errors.data):
        params = getattr(error, "params", None) or {}
        if getattr(error, "code", None) != "unique_together" or "unique_check" not in params:
            continue
        shown = [name for name in params["unique_check"] if name in form.fields and not form.fields[name].disabled
                 and not form.fields[name].widget.is_hidden]
        if not shown:
            continue
        model = params["model_class"]._meta
        labels = get_text_list([str(model.get_field(name).verbose_name) for name in shown], _("en"))
        # Next to the last of them (the name of a rule set, after its owner), in words without a
        # grammatical gender ("deze naam", "dit team").
        moved.append((error, shown[-1], _("Er is al een %(model)s met precies deze waarden voor %(fields)s.")
                      % {"model": model.verbose_name, "fields": labels}))
    for error, name, message in moved:
        errors.data.remove(error)
        form.add_error(name, ValidationError(message, code="unique_together"))
    if not errors.data:
        del form._errors[NON_FIELD_ERRORS]


def _drop_repeated_errors(form):
    """A message a field already has is not added a second time: a form's ``clean`` and its
    model's ``clean`` that check the same thing said "Kies een instrument of noem een andere
    bron." twice, in the summary and next to the field."""
    for errors in (form._errors or {}).values():
        seen, unique = set(), []
        for error in errors.as_data():
            text = " ".join(str(message) for message in error)
            if text not in seen:
                seen.add(text)
                unique.append(error)
        if len(unique) < len(errors.data):
            errors.data[:] = unique


class PortalFormRenderer(TemplatesSetting):
    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"


# Django's label for a drop-down's empty choice ("---------", untranslated).
DJANGO_BLANK = forms.ModelChoiceField(queryset=None).empty_label


class BlankLabel:
    """The label of a drop-down's empty choice, read when the drop-down is drawn: "Kies …" while
    the field is required, "— geen —" while none is an answer. Read then, not when the form is
    made: a form may make a field required in its own ``__init__`` (a map's organisation)."""

    def __init__(self, field):
        self.field = field

    def __str__(self):
        return str(_("Kies …") if self.field.required else _("— geen —"))

    def __eq__(self, other):
        return str(self) == str(other)

    def __hash__(self):
        return hash(str(self))


def name_the_blank_choice(field) -> None:
    """A drop-down's empty choice says what it means, in the reader's language (``BlankLabel``):
    Django's "---------" read as a broken option and meant either. Labels a form chose itself stay."""
    if isinstance(field, forms.ModelMultipleChoiceField) or not isinstance(field, forms.ChoiceField):
        return
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_BLANK:
            field.empty_label = BlankLabel(field)
        return
    if not isinstance(field.choices, list | BlankChoiceIterator):  # a callable's choices stay lazy
        return
    choices = list(field.choices)
    if choices and choices[0] == ("", DJANGO_BLANK):
        field.choices = [("", BlankLabel(field)), *choices[1:]]


class StrictNullBooleanSelect(forms.NullBooleanSelect):
    """A yes / no / unknown drop-down that passes a value it does not know on to its field (Django's
    reads it as "unknown"): a hand-made POST with ``impact_first=abc`` turned a saved "ja" into
    "onbekend" without a word."""

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        raw = data.get(name)
        return raw if value is None and raw not in NULL_BOOLEAN_UNKNOWN else value


NULL_BOOLEAN_UNKNOWN = (None, "", "unknown", "1")  # what the drop-down (and its older form) sends for "onbekend"


class StrictNullBooleanField(forms.NullBooleanField):
    def to_python(self, value):
        if isinstance(value, str) and value not in (*NULL_BOOLEAN_UNKNOWN, "True", "true", "False", "false", "0"):
            raise ValidationError(_("Kies ja, nee of onbekend."), code="invalid")
        return super().to_python(value)


def strict_null_booleans(field) -> None:
    if type(field) is forms.NullBooleanField:
        field.__class__ = StrictNullBooleanField
    if type(field.widget) is forms.NullBooleanSelect:
        field.widget.__class__ = StrictNullBooleanSelect


class PortalFormMixin:
    """Adds Utrecht classes and ARIA attributes to widgets, and names the empty choice of every
    drop-down (``name_the_blank_choice``). The labels of the fields named in ``money_fields`` end
    in "(€)", as the portal's amounts do ("Bedrag (€)"), unless they name the sign already."""

    money_fields: tuple[str, ...] = ()

    def full_clean(self):
        super().full_clean()
        _duplicates_on_their_field(self)
        _drop_repeated_errors(self)
        style_widgets(self)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.money_fields:
            field = self.fields.get(name)
            if field is not None and field.label and "€" not in str(field.label):
                field.label = format_lazy("{} (€)", field.label)
        for field in self.fields.values():
            name_the_blank_choice(field)
            strict_null_booleans(field)
        style_widgets(self)


class PortalForm(PortalFormMixin, forms.Form):
    pass


class PortalModelForm(PortalFormMixin, forms.ModelForm):
    """A model form that knows its user: the owner field (organisation, region) offers only
    owners under which the user may create or change the object."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        _bounds_from_model(self)
        owner = getattr(access.policy_of(self._meta.model), "owner", "")
        if user is not None and owner in self.fields:
            choices = access.owner_choices(user, self._meta.model)
            self.fields[owner].queryset = choices
            owners = list(choices[:2]) if not self.instance.pk else []  # one query: is there exactly one?
            if len(owners) == 1:
                only = owners[0]
                self.fields[owner].initial = only
                # An unsaved instance passed by the view puts its empty owner in ``initial``, which
                # would hide the field's initial.
                if not self.initial.get(owner):
                    self.initial[owner] = only.pk


def _bounds_from_model(form) -> None:
    """The model field's bounds (``MinValueValidator``, ``MaxValueValidator``: a year from 2000, a
    date not past 2100) checked by the form field too. Checked by the model only, an out-of-range
    value still reached the instance and the model's ``clean()``, which ran on it: a programme
    from year 10^22 made its own check's query overflow (a 400 "Ongeldig verzoek" instead of the
    field's message). Refused by the form field, the value never reaches the instance, and the
    message is the model's, once. Fields the form declares itself keep their own bounds (their
    unit may differ from the column's)."""
    for name, field in form.fields.items():
        if name in form.declared_fields:
            continue
        try:
            model_field = form._meta.model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        present = {(type(v), v.limit_value) for v in field.validators if isinstance(v, MinValueValidator | MaxValueValidator)}
        field.validators += [v for v in model_field.validators if isinstance(v, MinValueValidator | MaxValueValidator)
                             and (type(v), v.limit_value) not in present]


def required_when(field, condition):
    """A field that only some answers make required (a reason when rejecting, an amount for an
    agreement; the service checks it): its label says when, "(verplicht bij afwijzen)", instead
    of "(optioneel)" (``ui/forms/field.html``). ``condition`` is a lazy translated text."""
    field.required_when = condition
    return field


class PositiveAmountForm(PortalModelForm):
    """A form whose ``amount`` must be more than zero (a need, an investment, a spending)."""

    money_fields = ("amount",)

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError(POSITIVE_AMOUNT_MESSAGE)
        return amount
