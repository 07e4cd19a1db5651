"""Every drop-down's empty choice says what it means (``ui.forms.name_the_blank_choice``): "Kies …"
where an answer is required, "— geen —" where none is an answer; never Django's "---------"."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.utils import translation

from brokers.models import BudgetLine
from impactportal.ui.forms import PortalForm, PortalModelForm

from .routes import ADMIN, BROKER_HAARLEM, ONDERNEMER_1
from .test_matrix import build_url, client_for, declared, world  # noqa: F401  (world: a fixture)

DASHES = "---------"


def _form_page(route, info) -> bool:
    """A create or edit page of the UI (with its Haarlem object, where it takes one)."""
    return (not info.is_api and any(word in route.name for word in ("create", "update", "edit", "new"))
            and (not route.obj or route.obj.endswith("_haarlem")))


FORM_PAGES = declared(_form_page)


def test_the_sweep_sees_the_forms_people_fill_in():
    assert len(FORM_PAGES) > 40, [route.name for route in FORM_PAGES]


# A drop-down and its empty choice (in an option group or not).
SELECT = re.compile(r'<select([^>]*)>\s*(?:<optgroup[^>]*>\s*)?<option value=""[^>]*>([^<]*)</option>')


def test_every_empty_choice_of_the_form_pages_says_what_it_means(world):  # noqa: F811
    """No dashes; "Kies …" on a required drop-down and "— geen —" on an optional one, also where
    the form made the field required after it was built (a map's organisation, an invitation's)."""
    shown, wrong = 0, []
    for route in FORM_PAGES:
        url = build_url(route, world)
        for actor in (ADMIN, BROKER_HAARLEM, ONDERNEMER_1):
            answer = client_for(world, actor).get(url)
            if answer.status_code != 200:
                continue
            shown += 1
            content = answer.content.decode()
            if DASHES in content:
                wrong.append(f"{route.name} as {actor}: {content[content.index(DASHES) - 200:][:200]}")
            for attributes, label in SELECT.findall(content):
                required = re.search(r"\srequired\b", attributes) is not None
                if (required and label == "— geen —") or (not required and label == "Kies …"):
                    wrong.append(f"{route.name} as {actor}: <select{attributes}> offers {label!r}")
    assert shown > 40
    assert not wrong, wrong


def test_a_field_made_required_after_the_form_was_built():
    class Later(PortalModelForm):
        class Meta:
            model = BudgetLine
            fields = ["programme"]

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["programme"].required = True

    assert '<option value="" selected>Kies …</option>' in str(Later()["programme"])


class _Form(PortalModelForm):
    class Meta:
        model = BudgetLine
        fields = ["organisation", "programme", "year"]


def test_required_and_optional_choices_are_named_in_the_readers_language():
    form = _Form()
    assert form.fields["organisation"].empty_label == "Kies …"
    assert form.fields["programme"].empty_label == "— geen —"
    with translation.override("en"):
        assert str(form.fields["organisation"].empty_label) == "Choose …"
        assert str(form.fields["programme"].empty_label) == "— none —"


def test_plain_choice_fields_and_labels_a_form_chose_itself():
    class Plain(PortalForm):
        kind = forms.ChoiceField(choices=[("", DASHES), ("a", "A")], required=False)
        own = forms.ChoiceField(choices=[("", "Alle"), ("a", "A")], required=False)

    form = Plain()
    assert form.fields["kind"].choices[0] == ("", "— geen —")
    assert form.fields["own"].choices[0] == ("", "Alle")
    assert '<option value="" selected>— geen —</option>' in str(form["kind"])


pytestmark = pytest.mark.django_db
