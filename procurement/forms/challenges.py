from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from impactportal.ui.forms import PortalForm, PortalModelForm

from ..models import Challenge, ChallengeCriterion, Submission
from ..services_challenges import awardable
from ..services_requests import represented_enterprises


class ChallengeForm(PortalModelForm):
    money_fields = ("prize_budget",)

    class Meta:
        model = Challenge
        fields = ["organisation", "title", "problem", "prize_budget", "submission_deadline", "is_published"]
        widgets = {"problem": forms.Textarea(attrs={"rows": 6}), "submission_deadline": forms.DateInput()}


class CriterionForm(PortalModelForm):
    class Meta:
        model = ChallengeCriterion
        fields = ["name", "weight", "order"]


CriterionFormSet = inlineformset_factory(Challenge, ChallengeCriterion, form=CriterionForm, extra=3, can_delete=True)


class SubmissionForm(PortalModelForm):
    enterprise = forms.ModelChoiceField(queryset=None, label=_("Namens onderneming"))

    class Meta:
        model = Submission
        fields = ["title", "summary", "attachment"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, enterprises=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["enterprise"]
        field.queryset = represented_enterprises(self.user) if enterprises is None else enterprises
        if field.queryset.count() == 1:
            field.initial = field.queryset.first()
        self.order_fields(["enterprise"])


class JurorForm(PortalForm):
    """Appoint a juror from ``candidates`` (``services_challenges.juror_choices``: not in the jury yet)."""

    user = forms.ModelChoiceField(queryset=None, label=_("Jurylid"), error_messages={"invalid_choice": _(
        "Kies een makelaar of collega van de organisatie die nog niet in de jury zit.")})

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates


class JurorRemoveForm(PortalForm):
    juror = forms.ModelChoiceField(queryset=None, label=_("Jurylid"))

    def __init__(self, *args, challenge, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["juror"].queryset = challenge.jurors.select_related("user")


class SelectForm(PortalForm):
    selected = forms.TypedChoiceField(coerce=lambda v: v == "true", choices=[("true", ""), ("false", "")],
                                      widget=forms.HiddenInput, initial="true")


class AwardForm(PortalForm):
    """A prize for one of the finalists among ``submissions`` that has none yet (the service refuses
    any other submission too)."""

    money_fields = ("amount",)

    submission = forms.ModelChoiceField(queryset=None, label=_("Inzending"), error_messages={"invalid_choice": _(
        "Kies een finalist die nog geen prijs heeft: alleen een inzending die in de selectie als finalist is "
        "gekozen, kan een prijs krijgen.")})
    amount = forms.DecimalField(label=_("Bedrag"), max_digits=14, decimal_places=2, min_value=0)

    def __init__(self, *args, submissions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission"].queryset = awardable(submissions)


class ScoreForm(PortalForm):
    """One 0–10 score (and an optional comment) per criterion, for the signed-in juror."""

    def __init__(self, *args, criteria, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = existing or {}
        self.criteria = list(criteria)
        for criterion in self.criteria:
            score = existing.get(criterion.pk)
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=_("%(name)s (weging %(weight)s)") % {"name": criterion.name, "weight": criterion.weight},
                min_value=0, max_value=10, initial=score.score if score else None)
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Toelichting bij %(name)s") % {"name": criterion.name}, required=False, max_length=500,
                initial=score.comment if score else "")

    @staticmethod
    def scores_of(cleaned_data) -> dict[int, tuple[int, str]]:
        """{criterion id: (score, comment)} from the cleaned data."""
        return {int(name.removeprefix("criterion_")): (value, cleaned_data.get(f"comment_{name[10:]}", ""))
                for name, value in cleaned_data.items() if name.startswith("criterion_")}
