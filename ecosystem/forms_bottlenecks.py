"""Forms of the bottleneck register: signal/change, share, "we see this too", status."""

from django import forms
from django.utils.translation import gettext_lazy as _

from brokers.models import Case
from enterprises.models import ContactMoment
from impactportal.accounts.models import Organisation, Programme
from impactportal.text import TEXT_MAX
from impactportal.ui.forms import PortalForm, PortalModelForm

from .constants import BottleneckStatus
from .models_bottlenecks import COUNT_MAX, Bottleneck
from .services_bottlenecks import respond_errors, status_errors


class BottleneckForm(PortalModelForm):
    """Signal (or change) a bottleneck or best practice. From a helpdesk case or a contact
    moment the source is carried along as a hidden field and shown above the form."""

    class Meta:
        model = Bottleneck
        fields = ["organisation", "kind", "title", "description", "theme", "level", "ministry", "affected_cases",
                  "affected_enterprises", "case", "contact_moment"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6}), "case": forms.HiddenInput,
                   "contact_moment": forms.HiddenInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The owner and the source do not change: a colleague who may not see the broker's
            # helpdesk case still edits the text (the source stays as it was signalled).
            for name in ("organisation", "case", "contact_moment"):
                del self.fields[name]
        else:
            user = self.user
            self.fields["case"].queryset = Case.objects.for_user(user) if user is not None else Case.objects.none()
            self.fields["contact_moment"].queryset = (ContactMoment.objects.for_user(user) if user is not None
                                                      else ContactMoment.objects.none())
        self.fields["ministry"].choices = [("", _("— alleen bij Rijksoverheid —")),
                                           *self.fields["ministry"].choices[1:]]


class ShareForm(PortalForm):
    programme = forms.ModelChoiceField(queryset=Programme.objects.none(), label=_("Delen met"), to_field_name="slug",
                                       help_text=_("De deelnemers en de stuurgroep van het programma zien het daarna."))

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["programme"]
        field.queryset = programmes if programmes is not None else Programme.objects.all()
        if field.queryset.count() == 1:  # the usual case: the City Deal, chosen already
            field.initial = field.queryset.first().slug


class EndorseForm(PortalForm):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Namens"))
    cases = forms.IntegerField(label=_("Eigen aantal casussen"), min_value=0, initial=1, validators=COUNT_MAX)
    enterprises = forms.IntegerField(label=_("Eigen aantal ondernemingen"), min_value=0, initial=1,
                                     validators=COUNT_MAX)
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Hoe het bij u speelt, in gewone woorden; geen persoonsgegevens."))

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations if organisations is not None else Organisation.objects.all()
        if organisations is not None and organisations.count() == 1:
            field.initial = organisations.first()


class StatusForm(PortalForm):
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=BottleneckStatus.choices)
    date = forms.DateField(label=_("Datum"), required=False, widget=forms.DateInput,
                           help_text=_("Leeg: vandaag."))
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 3}))
    agenda_where = forms.CharField(label=_("Geagendeerd bij"), required=False, max_length=200,
                                   help_text=_("Alleen bij 'Geagendeerd': waar, bijvoorbeeld het ministerie of "
                                               "de stuurgroep."))
    agenda_on = forms.DateField(label=_("Geagendeerd op"), required=False, widget=forms.DateInput)
    agenda_by = forms.CharField(label=_("Geagendeerd door"), required=False, max_length=200,
                                help_text=_("Een functie of organisatie, geen naam van een ondernemer."))

    def __init__(self, *args, bottleneck=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.bottleneck = bottleneck

    def clean(self):
        """The service's checks (``status_errors``) together with the fields' own, in one round; a
        field in error keeps its own message. The service checks again on the locked row."""
        data = super().clean()
        if self.bottleneck is not None:
            errors = status_errors(self.bottleneck, status=data.get("status"), date=data.get("date"),
                                   note=data.get("note", ""), agenda_where=data.get("agenda_where", ""),
                                   agenda_on=data.get("agenda_on"))
            for name, message in errors.items():
                if name not in self.errors:
                    self.add_error(name, message)
        return data


class RespondForm(PortalForm):
    """The steering group's response to a bottleneck on its agenda."""

    text = forms.CharField(label=_("Reactie van de stuurgroep"), max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("Wat de stuurgroep besloot of adviseert, in gewone woorden."))
    date = forms.DateField(label=_("Datum van de vergadering"), widget=forms.DateInput)

    def __init__(self, *args, bottleneck=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.bottleneck = bottleneck

    def clean(self):
        """The service's checks (``respond_errors``) with the fields' own, in one round."""
        data = super().clean()
        if self.bottleneck is not None:
            for name, message in respond_errors(self.bottleneck, text=data.get("text", ""),
                                                date=data.get("date")).items():
                if name not in self.errors:
                    self.add_error(name, message)
        return data
