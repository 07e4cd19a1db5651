"""Forms of the steering group's programme data (meetings, spending, contributions, targets, themes):
edited on the portal instead of only in the Django admin. The view puts the programme on the
instance before the form validates, so the model's rules (four meetings a year, one of them
open), the unique contribution per party and year and a theme's unique name are checked here, as field
errors."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from impactportal.indicators import Level
from impactportal.ui.forms import PortalModelForm, name_the_blank_choice

from . import registry
from .models import Contribution, Meeting, ProgrammeTheme, Spending, Target


class MeetingForm(PortalModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "is_open", "agenda"]
        widgets = {"date": forms.DateInput()}


class SpendingForm(PortalModelForm):
    money_fields = ("amount",)

    class Meta:
        model = Spending
        fields = ["date", "description", "amount"]
        widgets = {"date": forms.DateInput()}


class ContributionForm(PortalModelForm):
    money_fields = ("money", "in_kind")

    class Meta:
        model = Contribution
        fields = ["party", "year", "money", "in_kind", "is_once", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from ecosystem.models import Party

        # The programme's parties (and the saved one, should it have left the programme since).
        programme, party = self.instance.programme_id, self.instance.party_id
        self.fields["party"].queryset = Party.objects.filter(Q(programmes=programme) | Q(pk=party)).distinct()

    def clean(self):
        cleaned = super().clean()
        party, year = cleaned.get("party"), cleaned.get("year")
        if party and year and self.instance.programme_id:
            once = bool(cleaned.get("is_once"))
            taken = (Contribution.objects.filter(programme=self.instance.programme_id, party=party, year=year,
                                                 is_once=once).exclude(pk=self.instance.pk))
            if taken.exists():
                message = (_("Er staat al een eenmalige bijdrage van %(party)s in %(year)s. Wijzig die bijdrage.")
                           if once else
                           _("Er staat al een bijdrage van %(party)s in %(year)s. Wijzig die bijdrage."))
                self.add_error("year", message % {"party": party, "year": year})
        return cleaned


def indicator_choices():
    """The monitoring registry's indicators measured for a programme."""
    return [("", "---------")] + [(ind.code, ind.name) for ind in registry.indicators()
                                  if Level.PROGRAMME in ind.levels]


class TargetForm(PortalModelForm):
    """A target of the programme: an indicator of the monitoring registry (a code typed in the admin
    could name none), its value in the indicator's unit, the year."""

    code = forms.ChoiceField(label=Target._meta.get_field("code").verbose_name)

    class Meta:
        model = Target
        fields = ["code", "year", "value", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = indicator_choices()
        name_the_blank_choice(self.fields["code"])

    def clean(self):
        cleaned = super().clean()
        code, year = cleaned.get("code"), cleaned.get("year")
        if code and year and self.instance.programme_id:
            taken = Target.objects.filter(programme=self.instance.programme_id, code=code, year=year)
            if taken.exclude(pk=self.instance.pk).exists():
                self.add_error("code", _("Voor deze indicator staat in %(year)s al een doel. Wijzig dat doel.")
                               % {"year": year})
        return cleaned


class ProgrammeThemeForm(PortalModelForm):
    """A theme of the programme and its coordinator. Its seed code (``seed_key``) is not edited: the
    seeding finds a shipped theme by it after a rename."""

    class Meta:
        model = ProgrammeTheme
        fields = ["name", "name_en", "coordinator_name", "order", "is_current"]
        help_texts = {
            "order": _("Thema's staan op volgorde van dit getal, van laag naar hoog."),
            "is_current": _("Alleen actuele thema's staan in de programmarapportage en zijn openbaar. Een thema dat "
                            "niet meer actueel is, blijft hier bewaard."),
        }

    def clean(self):
        cleaned = super().clean()
        if not self.instance.programme_id:
            return cleaned
        themes = ProgrammeTheme.objects.filter(programme=self.instance.programme_id).exclude(pk=self.instance.pk)
        # Each language's name once: two themes named alike on English pages could not be told apart.
        for field in ("name", "name_en"):
            name = cleaned.get(field)
            taken = themes.filter(**{f"{field}__iexact": name}).first() if name else None
            if taken is not None:
                self.add_error(field, _("Dit programma heeft al een thema “%(name)s”. Wijzig dat thema.")
                               % {"name": getattr(taken, field)})
        return cleaned
