"""FastSelect writes the HTML Django's Select would, without a template per option; the
FAST_INPUTS write what Django's input template would."""

import datetime as dt

import pytest
from django import forms
from django.test.html import parse_html
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from impactportal.ui.widgets import FAST_INPUTS, FastSelect

CHOICES = [("", "Alle gemeenten"), ("haarlem", "Gemeente Haarlem"), ("s-hertogenbosch", "Gemeente 's-Hertogenbosch"),
           ("x", 'Naam met <tag> & "aanhalingstekens"')]


@pytest.mark.parametrize("value", [None, "", "haarlem", "x", "onbekend", ["haarlem"]])
def test_fast_select_renders_what_django_select_renders(value):
    attrs = {"class": "utrecht-select", "id": "id_municipality", "aria-describedby": "hint"}
    django_html = forms.Select(choices=CHOICES, attrs=attrs).render("municipality", value)
    fast_html = FastSelect(choices=CHOICES, attrs=attrs).render("municipality", value)
    assert parse_html(fast_html) == parse_html(django_html)
    assert "&lt;tag&gt; &amp; &quot;aanhalingstekens&quot;" in fast_html  # escaped, never raw


@pytest.mark.django_db
def test_fast_select_renders_a_model_choice_field_with_the_selected_slug():
    from impactportal.accounts.models import Organisation

    Organisation.objects.create(slug="haarlem", name="Gemeente Haarlem", kind="gemeente")
    field = forms.ModelChoiceField(Organisation.objects.all(), to_field_name="slug", widget=FastSelect,
                                   empty_label="Alle")
    html = field.widget.render("municipality", "haarlem")
    assert '<option value="haarlem" selected>Gemeente Haarlem</option>' in html
    assert '<option value="">Alle</option>' in html


def test_grouped_choices_fall_back_to_djangos_rendering():
    grouped = [("", "—"), ("Noord-Holland", [("haarlem", "Haarlem"), ("velsen", "Velsen")])]
    html = FastSelect(choices=grouped).render("m", "velsen")
    assert parse_html(html) == parse_html(forms.Select(choices=grouped).render("m", "velsen"))
    assert "<optgroup" in html


def test_every_plain_select_of_a_styled_form_renders_fast_but_subclasses_keep_their_widget():
    from impactportal.ui.forms import style_widgets

    class Form(forms.Form):
        plain = forms.ChoiceField(choices=CHOICES)
        many = forms.MultipleChoiceField(choices=CHOICES[1:])
        yes_no = forms.NullBooleanField()

    form = style_widgets(Form())
    assert type(form.fields["plain"].widget) is FastSelect
    assert type(form.fields["many"].widget) is forms.SelectMultiple
    assert type(form.fields["yes_no"].widget) is forms.NullBooleanSelect
    assert 'class="utrecht-select"' in str(form["plain"])


@pytest.mark.django_db
def test_a_model_choice_select_queries_once_without_counting(django_assert_num_queries):
    from impactportal.accounts.models import Organisation

    Organisation.objects.create(slug="haarlem", name="Gemeente Haarlem", kind="gemeente")
    field = forms.ModelChoiceField(Organisation.objects.all(), to_field_name="slug", widget=FastSelect)
    with django_assert_num_queries(1):
        field.widget.render("municipality", "haarlem")


@pytest.mark.django_db
def test_a_chosen_municipality_comes_from_the_cache_until_it_changes(haarlem, django_assert_num_queries):
    """The register is filtered on the broker's municipality on every visit: the chosen row is read
    once, and again after the municipality changed; an unknown value is an error every time."""
    from enterprises.filters import EnterpriseFilter
    from enterprises.models import Enterprise

    def chosen(slug):
        filterset = EnterpriseFilter({"municipality": slug}, queryset=Enterprise.objects.none())
        return filterset.form.cleaned_data["municipality"] if filterset.is_valid() else filterset.form.errors

    assert chosen(haarlem.slug) == haarlem
    with django_assert_num_queries(0):
        assert chosen(haarlem.slug) == haarlem
    haarlem.name = "Haarlem (Spaarnestad)"
    haarlem.save()
    assert chosen(haarlem.slug).name == "Haarlem (Spaarnestad)"
    for _ in range(2):
        assert "municipality" in chosen("bestaat-niet")


@pytest.mark.django_db
def test_a_chosen_row_from_the_cache_is_a_copy_the_next_request_does_not_see_changed(haarlem):
    from enterprises.filters import EnterpriseFilter
    from enterprises.models import Enterprise

    def chosen():
        filterset = EnterpriseFilter({"municipality": haarlem.slug}, queryset=Enterprise.objects.none())
        assert filterset.is_valid()
        return filterset.form.cleaned_data["municipality"]

    first = chosen()
    first.name = "changed in one request"
    assert chosen().name == haarlem.name


@pytest.mark.django_db
@pytest.mark.parametrize("value", [None, "", "haarlem", "x-y", "onbekend"])
def test_cached_reference_options_render_what_django_select_renders(value, django_assert_num_queries):
    """Reference data's options are written once and kept (``_cached_options``); each render marks
    its own choice, and the HTML stays Django's, escaping included."""
    from impactportal.accounts.models import Organisation

    Organisation.objects.create(slug="haarlem", name="Gemeente Haarlem", kind="gemeente")
    Organisation.objects.create(slug="x-y", name='Naam met <tag> & "aanhalingstekens"', kind="gemeente")
    attrs = {"class": "utrecht-select", "id": "id_municipality"}

    def field(widget):
        return forms.ModelChoiceField(Organisation.objects.order_by("name"), to_field_name="slug",
                                      widget=widget(attrs=attrs), empty_label="Alle gemeenten")

    django_html = field(forms.Select).widget.render("municipality", value)
    field(FastSelect).widget.render("municipality", "haarlem")  # fills the cache with another choice
    with django_assert_num_queries(0):
        fast_html = field(FastSelect).widget.render("municipality", value)
    assert parse_html(fast_html) == parse_html(django_html)
    assert fast_html.count(" selected") == (0 if value == "onbekend" else 1)  # None and "" choose "Alle"
    assert "&lt;tag&gt; &amp; &quot;aanhalingstekens&quot;" in fast_html


# --- FAST_INPUTS: text boxes without three templates each ----------------------------------------

INPUT_ATTRS = [
    {},
    {"class": "utrecht-textbox", "id": "id_q", "aria-describedby": "id_q_helptext id_q_error"},
    {"required": True, "disabled": False, "maxlength": 8, "step": 0.01, "data-x": None},
    {"placeholder": 'Naam met <tag> & "aanhalingstekens"', "title": mark_safe("<b>veilig</b>")},
    {"placeholder": gettext_lazy("Zoeken"), "min": "0", "value": "uit de attributen"},
]
INPUT_VALUES = [None, "", 0, 12, 1.5, "Bakkerij 'De Korrel' & zn", mark_safe("<i>al veilig</i>"),
                dt.date(2026, 12, 4), dt.datetime(2026, 12, 4, 9, 30)]


@pytest.mark.parametrize("widget", list(FAST_INPUTS))
@pytest.mark.parametrize("attrs", INPUT_ATTRS)
@pytest.mark.parametrize("value", INPUT_VALUES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_fast_input_renders_exactly_what_djangos_template_renders(widget, attrs, value, language):
    with translation.override(language):
        django_html = widget(attrs=attrs).render("q", value, attrs={"autofocus": True})
        fast_html = FAST_INPUTS[widget](attrs=attrs).render("q", value, attrs={"autofocus": True})
    assert fast_html == django_html  # byte for byte, attribute order included


def test_styled_forms_get_fast_inputs_but_a_widget_with_its_own_template_keeps_it():
    from impactportal.ui.forms import style_widgets

    class OwnTemplate(forms.TextInput):
        template_name = "django/forms/widgets/textarea.html"

    class Form(forms.Form):
        q = forms.CharField(required=False)
        on = forms.DateField()
        email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))
        own = forms.CharField(widget=OwnTemplate)
        text = forms.CharField(widget=forms.Textarea)

    form = style_widgets(Form(data={"on": "2026-12-04", "email": "a@b"}))
    assert type(form.fields["q"].widget) is FAST_INPUTS[forms.TextInput]
    assert type(form.fields["on"].widget) is FAST_INPUTS[forms.DateInput]
    assert type(form.fields["own"].widget) is OwnTemplate and type(form.fields["text"].widget) is forms.Textarea
    html = str(form["email"])
    assert 'type="email"' in html and 'autocomplete="email"' in html and 'value="a@b"' in html
    assert 'type="date"' in str(form["on"]) and 'value="2026-12-04"' in str(form["on"])


@pytest.mark.django_db
@pytest.mark.parametrize("first", ["pk", "slug"])
def test_a_form_and_a_filter_over_the_same_rows_keep_their_own_option_values(first):
    """A contract form (ids) and the contract list's filter (slugs) share a category query: the
    cached options were shared too, so whichever rendered second offered the other's values and
    every choice was refused ("not available") or matched nothing."""
    from enterprises.models import OfferingCategory

    category = OfferingCategory.objects.create(name="Schoonmaak", slug="schoonmaak-test")

    def render(to_field_name):
        field = forms.ModelChoiceField(OfferingCategory.objects.all(), to_field_name=to_field_name,
                                       widget=FastSelect(attrs={"class": "utrecht-select"}))
        return field.widget.render("category", None)

    order = ["pk", "slug"] if first == "pk" else ["slug", "pk"]
    pages = {kind: render(None if kind == "pk" else "slug") for kind in order}
    assert f'value="{category.pk}"' in pages["pk"] and 'value="schoonmaak-test"' not in pages["pk"]
    assert 'value="schoonmaak-test"' in pages["slug"] and f'value="{category.pk}"' not in pages["slug"]
