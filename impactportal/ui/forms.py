"""Accessible form rendering in the NL Design System (Utrecht) style, used by every form.

``{{ form }}`` renders an error summary that links to each invalid field, labels, help texts
tied with aria-describedby, and error messages next to the fields."""

from django import forms
from django.forms.renderers import TemplatesSetting

from impactportal import access

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


class PortalFormRenderer(TemplatesSetting):
    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"


class PortalFormMixin:
    """Adds Utrecht classes and ARIA attributes to widgets."""

    def _style_widgets(self):
        for name, field in self.fields.items():
            widget = field.widget
            css = next((c for klass, c in WIDGET_CLASSES.items() if isinstance(widget, klass)), "utrecht-textbox")
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if self.is_bound and name in self.errors:
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["class"] += " utrecht-textbox--invalid"
            described = []
            if field.help_text:
                described.append(f"{self.auto_id % name}_helptext" if self.auto_id else "")
            if self.is_bound and name in self.errors:
                described.append(f"{self.auto_id % name}_error" if self.auto_id else "")
            if any(described):
                widget.attrs["aria-describedby"] = " ".join(d for d in described if d)

    def full_clean(self):
        super().full_clean()
        self._style_widgets()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()


class PortalForm(PortalFormMixin, forms.Form):
    pass


class PortalModelForm(PortalFormMixin, forms.ModelForm):
    """A model form that knows its user: the owner field (organisation, region) offers only
    owners under which the user may create or change the object."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        owner = getattr(access.policy_of(self._meta.model), "owner", "")
        if user is not None and owner in self.fields:
            choices = access.owner_choices(user, self._meta.model)
            self.fields[owner].queryset = choices
            if choices.count() == 1 and not self.instance.pk:
                self.fields[owner].initial = choices.first()
