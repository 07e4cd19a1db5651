"""A group of radio buttons or checkboxes is a fieldset whose legend is the question (user review
5: the helpdesk rating's question was a label pointing at a <div>, so a screen reader read the
options without it)."""

from django import forms

from impactportal.ui.forms import PortalForm


class RatingForm(PortalForm):
    rating = forms.ChoiceField(label="Hoe tevreden bent u?", choices=[("1", "Slecht"), ("5", "Goed")],
                               widget=forms.RadioSelect, help_text="Eén keuze.")
    topics = forms.MultipleChoiceField(label="Onderwerpen", choices=[("a", "A")], required=False,
                                       widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label="Toelichting", required=False)


def test_radio_and_checkbox_groups_are_fieldsets_with_the_question_as_legend():
    html = str(RatingForm({"rating": "9"}))
    rating = html[html.index("<fieldset"):html.index("</fieldset>")]
    assert '<legend class="utrecht-form-field__label utrecht-form-label">Hoe tevreden bent u?</legend>' in rating
    assert 'aria-describedby="id_rating_helptext id_rating_error"' in rating
    assert 'for="id_rating"' not in html  # no label pointing at the options' container
    topics = html[html.index("Onderwerpen") - 200:html.index("Onderwerpen")]
    assert "<fieldset" in topics
    assert html.count("<fieldset") == 2 and '<label class="utrecht-form-label" for="id_note">' in html


def test_the_only_owner_is_chosen_even_when_the_view_passes_an_unsaved_row(db, haarlem, broker_haarlem):
    """A view that passes an unsaved instance (``MkbaAnalysis()``) put its empty owner in the
    form's initial data, which hid the preselection of the user's only organisation."""
    from brokers.forms import BudgetLineForm
    from brokers.models import BudgetLine

    form = BudgetLineForm(instance=BudgetLine(), user=broker_haarlem)
    assert form["organisation"].value() == haarlem.pk
    assert BudgetLineForm(user=broker_haarlem)["organisation"].value() == haarlem.pk


def test_a_prefixed_form_points_its_description_at_the_ids_it_renders():
    """In a formset (prefix ``form-0``) the help text and error are rendered as
    ``id_form-0-note_helptext``; the box's ``aria-describedby`` said ``id_note_helptext``, an id that
    does not exist on the page (issue 8, item 19)."""
    import re

    class NoteForm(PortalForm):
        note = forms.CharField(label="Toelichting", help_text="Kort.", max_length=3)

    html = str(NoteForm({"form-0-note": "te lang"}, prefix="form-0"))
    described = re.search(r'<input[^>]*aria-describedby="([^"]+)"', html).group(1).split()
    assert described == ["id_form-0-note_helptext", "id_form-0-note_error"]
    for target in described:
        assert f'id="{target}"' in html
