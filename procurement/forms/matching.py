"""Forms of match-making: recording and following up a match-making meeting."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enterprises.models import Enterprise
from impactportal.ui.forms import PortalModelForm, required_when

from ..models import MatchMeeting
from ..services_matching import meeting_errors


class MatchMeetingForm(PortalModelForm):
    """The meeting's facts; contract and enterprise come from the page it was opened from."""

    money_fields = ("agreed_amount",)

    class Meta:
        model = MatchMeeting
        fields = ["date", "outcome", "agreed_amount", "follow_up_on", "notes"]
        widgets = {"date": forms.DateInput, "follow_up_on": forms.DateInput,
                   "notes": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "agreed_amount": _("Het bedrag (excl. btw) dat de leverancier bij deze onderneming gaat inkopen; "
                               "verplicht bij de uitkomst 'Afspraak gemaakt'."),
            "follow_up_on": _("Wanneer u weer contact opneemt; het gesprek staat dan bij de vervolgacties."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required for the outcome 'Afspraak gemaakt' only (the service checks it), not optional.
        required_when(self.fields["agreed_amount"], _("verplicht bij een afspraak"))

    def clean(self):
        """The service's checks (``meeting_errors``) with the fields' own errors, in one round: a
        follow-up before the meeting or a missing amount showed only once every field was right. A
        field that has an error of its own keeps that one; the service checks again when saving."""
        data = super().clean()
        errors = meeting_errors(date=data.get("date"), outcome=data.get("outcome"),
                                agreed_amount=data.get("agreed_amount"), follow_up_on=data.get("follow_up_on"),
                                today=timezone.localdate())
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        return data


class MatchMeetingCreateForm(MatchMeetingForm):
    enterprise = forms.ModelChoiceField(queryset=Enterprise.objects.none(), widget=forms.HiddenInput,
                                        error_messages={"required": _("Kies een onderneming uit de matches."),
                                                        "invalid_choice": _("Kies een onderneming uit de matches.")})

    class Meta(MatchMeetingForm.Meta):
        fields = ["enterprise", *MatchMeetingForm.Meta.fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.for_user(self.user) if self.user else Enterprise.objects.none()
