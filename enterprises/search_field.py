"""Picking an enterprise from the register without a ``<select>`` of all of them.

A select of 100,000 enterprises (5–6 MB per page) is neither usable nor accessible. The field is a
text box with suggestions while typing: the widget asks ``enterprises:suggestions`` (htmx) and
fills a native ``<datalist>`` (arrow keys and Enter choose, as in any browser). Without
JavaScript it is a plain text box that accepts the KvK number (8 digits), "KvK-nummer naam" as a
suggestion reads, or a name that matches exactly one enterprise.

Which enterprises may be picked is a ``purpose``: a name that ``PURPOSES`` maps to ONE function
``(user) -> QuerySet | None`` (None: the form is not for this user, the suggestions answer 403).
The suggestions and the field's validation both read that function, so a suggestion is always
accepted and an id outside it gives the field's error (never a 500, never a word about the other
enterprise). The functions themselves only call ``impactportal.access``.

A submitted bare id is accepted too (what a select used to send; the tests and scripts post it),
but only when the value did not come from the text box: the widget sends a marker with the typed
text, so "1234" typed by a person is never read as enterprise number 1234."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.http import urlencode
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.views import View

from impactportal import access
from impactportal.text import is_ascii_number
from impactportal.ui.actions import RoleRequiredMixin
from impactportal.ui.forms import style_field
from impactportal.ui.widgets import FastInput

# purpose -> the function that gives the enterprises a user may pick for it (None: not for them).
PURPOSES = {
    "supplier": "procurement.forms.contracts.supplier_enterprises",
    "seller": "procurement.forms.contracts.seller_enterprises",
    "outcome-provider": "financing.forms.outcomes.provider_enterprises",
    "mkba": "financing.forms.mkba.analysis_enterprises",
    "investment": "financing.forms.instruments.investment_enterprises",
    "need": "financing.forms.instruments.need_enterprises_for",
    "space-request": "ecosystem.forms_realestate.space_request_enterprises",
    "impact-statement": "enterprises.search_field.impact_statement_enterprises",
}


def impact_statement_enterprises(user):
    """Enterprises whose impact statement ``user`` may request (monitoring's report form): the
    municipality's brokers and the enterprise's own entrepreneurs (the register's "impact" grant)."""
    from .models import Enterprise

    return Enterprise.objects.for_user(user, "impact").order_by("name", "pk")
TYPED = "__typed"  # suffix of the marker the text box sends along
MAX_SUGGESTIONS = 10
MIN_QUERY = 2  # typed characters before the suggestions search


def enterprises_for(purpose: str, user):
    """The enterprises ``user`` may pick for ``purpose``; None when the form is not for them."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return import_string(PURPOSES[purpose])(user)


def label_of(enterprise) -> str:
    return f"{enterprise.kvk_number} {enterprise.name}"


class Typed(str):
    """Text that came from the text box (the marker was sent with it)."""

    typed = True


class EnterpriseSearchInput(FastInput, forms.TextInput):
    """A text box with a ``<datalist>`` of suggestions, filled by htmx while typing."""

    purpose = ""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        input_id = attrs.get("id") or self.attrs.get("id") or f"id_{name}"
        list_id = f"{input_id}-suggestions"
        url = f"{reverse('enterprises:suggestions')}?{urlencode({'purpose': self.purpose, 'field': name})}"
        attrs.update({"list": list_id, "autocomplete": "off", "hx-get": url,
                      "hx-trigger": "input changed delay:300ms", "hx-target": f"#{list_id}",
                      "hx-swap": "innerHTML", "hx-sync": "this:replace"})
        box = super().render(name, value, attrs, renderer)
        return mark_safe(  # noqa: S308 — the box is escaped by FastInput, the names here by escape
            f'{box}<input type="hidden" name="{escape(name)}{TYPED}" value="1">'
            f'<datalist id="{escape(list_id)}"></datalist>{self.render_status(list_id)}')

    @staticmethod
    def render_status(list_id: str) -> str:
        """A polite live region after the ``<datalist>`` (outside what htmx replaces). Each
        suggestions answer fills it out of band (``EnterpriseSuggestions.status``): how many
        suggestions arrived, or that none were found, so a screen reader hears that the suggestions
        came (WCAG 4.1.3). Empty on arrival: nothing to announce yet."""
        return format_html('<span id="{}-status" class="visually-hidden" role="status"></span>', list_id)

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if isinstance(value, str) and data.get(f"{name}{TYPED}"):
            return Typed(value)
        return value

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}{TYPED}" not in data


class EnterpriseSearchField(forms.CharField):
    """A text field that resolves to an enterprise of the purpose's queryset (or of ``queryset``,
    when the form narrows or widens it: an analysis keeps its stored enterprise)."""

    widget = EnterpriseSearchInput
    default_error = gettext_lazy("Kies een onderneming uit de suggesties of vul het KvK-nummer (8 cijfers) in.")
    default_help = gettext_lazy("Typ een naam of KvK-nummer en kies uit de suggesties.")
    # A well-formed KvK number outside the candidates: asking for "8 digits" of someone who typed 8
    # digits said nothing. The sentence is the same whether the number is in the register or not
    # (it tells nothing about another enterprise).
    not_yours_error = gettext_lazy("KvK-nummer %(kvk)s is niet van een van uw ondernemingen. Kies een van uw "
                                   "eigen ondernemingen.")
    not_here_error = gettext_lazy("KvK-nummer %(kvk)s hoort niet bij de ondernemingen die u hier kunt kiezen.")

    def __init__(self, *, purpose, queryset=None, error=None, **kwargs):
        if purpose not in PURPOSES:
            raise ValueError(f"Unknown enterprise search purpose {purpose!r}")
        self.purpose, self.user, self.queryset = purpose, None, queryset
        self.error = error or self.default_error
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)
        self.widget.purpose = purpose

    @classmethod
    def install(cls, form, name, *, purpose, queryset=None, help_text=None, **kwargs):
        """Replace the form's model choice field ``name`` by a search field with the same label,
        requiredness, initial value and disabled state."""
        old = form.fields[name]
        field = cls(purpose=purpose, queryset=queryset, label=old.label, required=old.required,
                    disabled=old.disabled, initial=old.initial,
                    help_text=help_text if help_text is not None else (old.help_text or cls.default_help), **kwargs)
        field.user = getattr(form, "user", None)
        form.fields[name] = field
        style_field(form, name)  # the box gets the classes and ARIA of every other box
        return field

    def candidates(self):
        if self.queryset is not None:
            return self.queryset
        from .models import Enterprise

        found = enterprises_for(self.purpose, self.user)
        return Enterprise.objects.none() if found is None else found

    def clean(self, value):
        typed = getattr(value, "typed", False)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # a disabled field cleans its initial id
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        found = self.resolve(text, typed=typed)
        if found is None:
            first = text.split(" ")[0]
            if first.isdigit() and len(first) == 8:
                raise ValidationError(self.outside_error(), code="invalid_choice", params={"kvk": first})
            raise ValidationError(self.error, code="invalid_choice")
        return found

    def outside_error(self):
        """Someone who may only pick their own enterprises (an entrepreneur, no staff role) hears
        that the number is not one of theirs; staff that it is not among this field's choices."""
        staff = access.has_role(self.user, access.BROKER, access.COLLEAGUE, access.PARTNER, access.SROI_COORDINATOR)
        return self.not_here_error if staff or self.user is None else self.not_yours_error

    def resolve(self, text: str, *, typed: bool):
        candidates = self.candidates()
        first = text.split(" ")[0]
        if is_ascii_number(first) and len(first) == 8:
            return candidates.filter(kvk_number=first).first()
        if is_ascii_number(text) and not typed:  # an id, as a select sent it (never typed text); not "²"
            return candidates.filter(pk=int(text)).first() if len(text) < 12 else None
        matches = list(candidates.filter(name__iexact=text)[:2])
        return matches[0] if len(matches) == 1 else None

    def prepare_value(self, value):
        from .models import Enterprise

        if isinstance(value, Enterprise):
            return label_of(value)
        if (isinstance(value, int) and not isinstance(value, bool)) or (
                isinstance(value, str) and is_ascii_number(value) and len(value) < 8 and not getattr(value, "typed", False)):
            found = self.candidates().filter(pk=int(value)).only("kvk_number", "name").first()
            return label_of(found) if found is not None else value
        return value


class EnterpriseSuggestions(RoleRequiredMixin, View):
    """Suggestions for an enterprise search field: ``<option>``s for its ``<datalist>``. The
    purpose names the enterprises (``PURPOSES``): unknown 404, not for the user's roles 403."""

    purposes: tuple[str, ...] | None = None  # None: every purpose
    default_purpose: str | None = None

    def get(self, request):
        purpose = request.GET.get("purpose") or self.default_purpose
        if purpose not in PURPOSES or (self.purposes is not None and purpose not in self.purposes):
            raise Http404
        enterprises = enterprises_for(purpose, request.user)
        if enterprises is None:
            raise access.RoleRequired
        field = request.GET.get("field") or ""
        q = (request.GET.get(field) if field and field != "purpose" else None) or request.GET.get("q") \
            or request.GET.get(purpose) or ""
        q = q.strip()[:100]
        found = []
        if len(q) >= MIN_QUERY:
            from .models import name_search_regex

            first = q.split(" ")[0]
            # A name without regard to diacritics or case ("cooperatie" suggests "…coöperatie …").
            lookup = {"kvk_number__startswith": first} if first.isdigit() else {
                "search_text__regex": name_search_regex(q)}
            # One more than shown: whether there were more than MAX_SUGGESTIONS.
            found = list(enterprises.filter(**lookup).order_by("name").only("name", "kvk_number", "city")[
                :MAX_SUGGESTIONS + 1])
        more = len(found) > MAX_SUGGESTIONS
        found = found[:MAX_SUGGESTIONS]
        html = format_html_join("", '<option value="{}">{}</option>', ((label_of(e), e.city or "") for e in found))
        return HttpResponse(html + self.status(request, field, q, len(found), more))

    @staticmethod
    def status(request, field: str, q: str, count: int, more: bool) -> str:
        """The sentence for the field's status element (``EnterpriseSearchInput.render_status``), out
        of band: htmx takes it out before it swaps the ``<option>``s into the ``<datalist>``. Empty
        when too little was typed to search (it clears an earlier sentence, announcing nothing)."""
        if len(q) < MIN_QUERY:
            text = ""
        elif not count:
            text = gettext("Geen ondernemingen gevonden; typ meer of iets anders")
        elif more:
            text = gettext("%(count)s of meer suggesties; kies met pijl omlaag of typ meer om te verfijnen") % {
                "count": count}
        else:
            text = ngettext("%(count)s suggestie; kies met pijl omlaag", "%(count)s suggesties; kies met pijl omlaag",
                            count) % {"count": count}
        # htmx names the target (the <datalist>) in HX-Target; without it the widget's default id.
        list_id = request.headers.get("HX-Target") or f"id_{field}-suggestions"
        return format_html('<span id="{}-status" hx-swap-oob="innerHTML">{}</span>', list_id, text)
