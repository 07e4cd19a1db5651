"""FastSelect writes the HTML Django's Select would, without a template per option."""

import pytest
from django import forms
from django.test.html import parse_html

from impactportal.ui.widgets import FastSelect

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
