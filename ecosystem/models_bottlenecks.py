"""The bottleneck and best-practice register (*knelpunten en best practices*).

The City Deal asks municipalities and provinces to signal bottlenecks and best practices from the
daily practice of impact entrepreneurs and to put legal, financial and policy bottlenecks on the
agenda of the responsible ministries and other tiers of government. A bottleneck belongs to the
organisation that signalled it; once it is shared with a programme, the programme's participants
see it and may add "we see this too" (an endorsement, once per organisation), and the programme's
steering group sees the shared list. Counts only: no personal data about entrepreneurs."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, COLLEAGUE, STEERING, AccessPolicy, Grant, ScopedQuerySet
from impactportal.links import reverse_with_id
from impactportal.text import TEXT_MAX, LimitedTextField, short_date

from .constants import BottleneckKind, BottleneckStatus, BottleneckTheme, Ministry, SolvingLevel

# Counts of cases and enterprises: plain numbers, with a bound that keeps typos out.
COUNT_MAX = [MaxValueValidator(100_000)]


def _viewers(prefix: str = "") -> list[Grant]:
    """Who sees a bottleneck (and what hangs under it): its organisation's brokers and colleagues;
    once shared with a programme, the brokers and colleagues of every participant and the
    programme's steering group. A shared best practice is readable by every participant the same way."""
    shared = f"{prefix}shared_with"
    return [Grant(BROKER, via=f"{prefix}organisation"), Grant(COLLEAGUE, via=f"{prefix}organisation"),
            Grant(BROKER, via=shared), Grant(COLLEAGUE, via=shared), Grant(STEERING, via=shared)]


class Bottleneck(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="bottlenecks",
                                     verbose_name=_("organisatie"))
    kind = models.CharField(_("soort"), max_length=16, choices=BottleneckKind.choices,
                            default=BottleneckKind.BOTTLENECK)
    theme = models.CharField(_("thema"), max_length=16, choices=BottleneckTheme.choices)
    level = models.CharField(_("op te lossen door"), max_length=16, choices=SolvingLevel.choices,
                             help_text=_("De overheidslaag die het knelpunt kan oplossen."))
    ministry = models.CharField(_("ministerie"), max_length=12, choices=Ministry.choices, blank=True,
                                help_text=_("Alleen als de Rijksoverheid het kan oplossen."))
    title = models.CharField(_("titel"), max_length=200)
    description = LimitedTextField(
        _("omschrijving"), max_length=TEXT_MAX,
        help_text=_("In gewone woorden: wat loopt er vast (of wat werkt goed), voor wie, en wat zou helpen. "
                    "Geen namen of andere persoonsgegevens."))
    affected_cases = models.PositiveIntegerField(_("aantal casussen"), default=0, validators=COUNT_MAX,
                                                 help_text=_("Hoeveel vragen of casussen u hierover kent."))
    affected_enterprises = models.PositiveIntegerField(_("aantal ondernemingen"), default=0, validators=COUNT_MAX,
                                                       help_text=_("Hoeveel ondernemingen hier last (of baat) van hebben."))
    case = models.ForeignKey("brokers.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("helpdeskvraag"))
    contact_moment = models.ForeignKey("enterprises.ContactMoment", on_delete=models.SET_NULL, null=True,
                                       blank=True, related_name="+", verbose_name=_("contactmoment"))
    status = models.CharField(_("status"), max_length=12, choices=BottleneckStatus.choices,
                              default=BottleneckStatus.SIGNALLED)
    status_date = models.DateField(_("status sinds"), default=timezone.localdate)
    agenda_where = models.CharField(_("geagendeerd bij"), max_length=200, blank=True,
                                    help_text=_("Bijvoorbeeld het ministerie, de stuurgroep of het college."))
    agenda_on = models.DateField(_("geagendeerd op"), null=True, blank=True)
    agenda_by = models.CharField(_("geagendeerd door"), max_length=200, blank=True,
                                 help_text=_("Een functie of organisatie, bijvoorbeeld 'wethouder Economie'."))
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("gesignaleerd door"))
    shared_with = models.ForeignKey("accounts.Programme", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="bottlenecks", verbose_name=_("gedeeld met"))
    shared_at = models.DateTimeField(_("gedeeld op"), null=True, blank=True)
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("gedeeld door"))
    # The steering group's response (once the bottleneck is on its agenda): recorded by a member
    # of the steering group of the programme it is shared with.
    response_text = LimitedTextField(_("reactie van de stuurgroep"), blank=True, max_length=TEXT_MAX,
                                     help_text=_("Wat de stuurgroep besloot of adviseert, in gewone woorden."))
    response_date = models.DateField(_("datum van de vergadering"), null=True, blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("reactie vastgelegd door"))
    responded_at = models.DateTimeField(_("reactie vastgelegd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="organisation",
        view=_viewers(),
        change=[Grant(BROKER), Grant(COLLEAGUE)],
        actions={
            # Sharing puts the organisation's signal in front of the programme: a broker's decision.
            "share": [Grant(BROKER)],
            # "We see this too": brokers and colleagues of a participant of the programme it is shared
            # with (the service refuses the organisation's own signal and a second endorsement).
            "endorse": [Grant(BROKER, via="shared_with"), Grant(COLLEAGUE, via="shared_with")],
            "change_status": [Grant(BROKER)],
            # The steering group's response to a bottleneck on its agenda: members of the steering
            # group of the programme it is shared with (the service checks the status and dates).
            "respond": [Grant(STEERING, via="shared_with")],
        },
    )
    new_label = _("Nieuw knelpunt of nieuwe best practice")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("knelpunt of best practice")
        verbose_name_plural = _("knelpunten en best practices")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["shared_with", "theme", "level"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(level=SolvingLevel.NATIONAL) & ~Q(ministry=""))
                | (~Q(level=SolvingLevel.NATIONAL) & Q(ministry="")),
                name="bottleneck_ministry_only_national",
                violation_error_message=_("Een ministerie hoort alleen bij de Rijksoverheid, en is daar verplicht."),
            ),
            models.CheckConstraint(
                condition=Q(shared_with__isnull=True) | Q(shared_at__isnull=False),
                name="bottleneck_shared_has_date",
                violation_error_message=_("Een gedeeld knelpunt heeft een datum van delen."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_with_id("ecosystem:bottleneck-detail", self.pk)

    @property
    def is_best_practice(self) -> bool:
        return self.kind == BottleneckKind.BEST_PRACTICE

    def clean(self):
        super().clean()
        errors = {}
        if self.level == SolvingLevel.NATIONAL and not self.ministry:
            errors["ministry"] = _("Kies het ministerie dat het kan oplossen.")
        elif self.level and self.level != SolvingLevel.NATIONAL and self.ministry:
            errors["ministry"] = _("Een ministerie kiest u alleen als de Rijksoverheid het kan oplossen.")
        if self.case_id and self.organisation_id and self.case.organisation_id != self.organisation_id:
            errors["case"] = _("Deze helpdeskvraag is aan een andere organisatie gesteld.")
        if (self.contact_moment_id and self.organisation_id
                and self.contact_moment.organisation_id != self.organisation_id):
            errors["contact_moment"] = _("Dit contactmoment is door een andere organisatie vastgelegd.")
        if errors:
            raise ValidationError(errors)


class BottleneckEndorsement(models.Model):
    """An endorsement ("we see this too"): another participant's own count of cases and enterprises."""

    bottleneck = models.ForeignKey(Bottleneck, on_delete=models.CASCADE, related_name="endorsements",
                                   verbose_name=_("knelpunt"))
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                                     related_name="bottleneck_endorsements", verbose_name=_("organisatie"))
    cases = models.PositiveIntegerField(_("eigen aantal casussen"), default=0, validators=COUNT_MAX)
    enterprises = models.PositiveIntegerField(_("eigen aantal ondernemingen"), default=0, validators=COUNT_MAX)
    note = LimitedTextField(_("toelichting"), blank=True, max_length=TEXT_MAX,
                            help_text=_("Hoe het bij u speelt, in gewone woorden; geen persoonsgegevens."))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name=_("door"))
    at = models.DateTimeField(_("op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation", view=[*_viewers("bottleneck__"), Grant(BROKER), Grant(COLLEAGUE)],
                          change=[Grant(BROKER), Grant(COLLEAGUE)])

    class Meta:
        verbose_name = _("ook gezien")
        verbose_name_plural = _("ook gezien")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bottleneck", "organisation"], name="one_endorsement_per_organisation",
                violation_error_message=_("Uw organisatie heeft al aangegeven dit ook te zien."),
            )
        ]

    def __str__(self):
        return f"{self.organisation} — {self.bottleneck}" if self.organisation_id and self.bottleneck_id else ""


class BottleneckStatusChange(models.Model):
    """One step of a bottleneck's status timeline (signalled, on the agenda, … solved)."""

    bottleneck = models.ForeignKey(Bottleneck, on_delete=models.CASCADE, related_name="status_changes",
                                   verbose_name=_("knelpunt"))
    status = models.CharField(_("status"), max_length=12, choices=BottleneckStatus.choices)
    date = models.DateField(_("datum"))
    note = LimitedTextField(_("toelichting"), blank=True, max_length=TEXT_MAX)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name=_("door"))
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="bottleneck__organisation", view=_viewers("bottleneck__"), change=[])

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["date", "at", "id"]

    def __str__(self):
        return f"{short_date(self.date)} {self.get_status_display()}" if self.date else ""
