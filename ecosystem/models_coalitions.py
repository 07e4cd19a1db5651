"""Impact coalitions (the Rotterdam model) and regional collaborations by theme.

A coalition belongs to the organisation that convenes it; what it needs is functions filled,
not particular parties (``ecosystem.coalitions.warnings``). A regional collaboration belongs to a
region and is seen by its members and its participants; where the region has one SROI rule set
in procurement, the collaboration links it (read-only)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, COLLEAGUE, AccessPolicy, Grant, ScopedQuerySet
from impactportal.dates import NOT_BEFORE_1990, NOT_TOO_FAR_AHEAD, SIGNED_NOT_IN_FUTURE, STARTED_NOT_IN_FUTURE
from impactportal.links import reverse_with_id
from impactportal.text import TEXT_MAX, LimitedTextField, short_date

from .constants import (
    FOCUS_AREA_ADVICE,
    CoalitionFunction,
    CollaborationTheme,
    MeetingKind,
)


def _coalition_access(prefix=""):
    org = f"{prefix}organisation"
    return AccessPolicy(owner=org, view=[Grant(BROKER, via=org), Grant(COLLEAGUE, via=org)],
                        change=[Grant(BROKER, via=org)])


class Coalition(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="coalitions",
                                     verbose_name=_("organisatie"))
    name = models.CharField(_("naam"), max_length=200)
    description = LimitedTextField(_("omschrijving"), blank=True, max_length=TEXT_MAX)
    focus_areas = LimitedTextField(
        _("focusgebieden"), blank=True, max_length=2000,
        help_text=_("Eén per regel. Het Rotterdamse advies is hooguit drie; meer mag, maar het portaal waarschuwt."))
    members = models.ManyToManyField("ecosystem.Party", blank=True, related_name="coalitions",
                                     verbose_name=_("leden"))
    council_members = models.ManyToManyField("ecosystem.Party", blank=True, related_name="advisory_councils",
                                             verbose_name=_("leden van de adviesraad"))
    # "gestart op": something that happened, so not in the future, and not a typo of the year.
    started_on = models.DateField(_("gestart op"), null=True, blank=True,
                                  validators=[NOT_BEFORE_1990, STARTED_NOT_IN_FUTURE])

    objects = ScopedQuerySet.as_manager()
    access = _coalition_access()
    new_label = _("Nieuwe impactcoalitie")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("impactcoalitie")
        verbose_name_plural = _("impactcoalities")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_with_id("ecosystem:coalition-detail", self.pk)

    def focus_list(self) -> list[str]:
        return [line.strip() for line in (self.focus_areas or "").splitlines() if line.strip()]

    @property
    def focus_advice(self):
        return FOCUS_AREA_ADVICE


class CoalitionRole(models.Model):
    """Who fills a function of the coalition; ``party`` empty means the function is still open."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="roles",
                                  verbose_name=_("coalitie"))
    function = models.CharField(_("functie"), max_length=16, choices=CoalitionFunction.choices)
    party = models.ForeignKey("ecosystem.Party", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="coalition_roles", verbose_name=_("ingevuld door"))
    notes = models.CharField(_("toelichting"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()
    access = _coalition_access("coalition__")

    class Meta:
        verbose_name = _("functie in de coalitie")
        verbose_name_plural = _("functies in de coalitie")
        ordering = ["function", "id"]

    def __str__(self):
        return self.get_function_display()

    def get_absolute_url(self):
        return self.coalition.get_absolute_url()


class CoalitionMeeting(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="meetings",
                                  verbose_name=_("coalitie"))
    kind = models.CharField(_("soort"), max_length=12, choices=MeetingKind.choices, default=MeetingKind.COALITION)
    # Recorded afterwards or planned ahead: a meeting on 12-05-9999 led the coalition's list (newest
    # first) for good. The horizon of a plan, as an event's (``NOT_TOO_FAR_AHEAD``: five years).
    date = models.DateField(_("datum"), validators=[NOT_TOO_FAR_AHEAD])
    summary = LimitedTextField(_("verslag in het kort"), blank=True, max_length=TEXT_MAX)

    objects = ScopedQuerySet.as_manager()
    access = _coalition_access("coalition__")

    class Meta:
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {short_date(self.date)}"

    def get_absolute_url(self):
        return self.coalition.get_absolute_url()


class CoalitionAgreement(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="agreements",
                                  verbose_name=_("coalitie"))
    title = models.CharField(_("afspraak"), max_length=300)
    date = models.DateField(_("datum"))

    objects = ScopedQuerySet.as_manager()
    access = _coalition_access("coalition__")

    class Meta:
        verbose_name = _("afspraak van de coalitie")
        verbose_name_plural = _("afspraken van de coalitie")
        ordering = ["-date", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.coalition.get_absolute_url()


def _collaboration_access(prefix=""):
    region, participants = f"{prefix}region", f"{prefix}participants"
    return AccessPolicy(owner=region,
                        view=[Grant(BROKER, via=region), Grant(COLLEAGUE, via=region),
                              Grant(BROKER, via=participants), Grant(COLLEAGUE, via=participants)],
                        change=[Grant(BROKER, via=region)])


class Collaboration(models.Model):
    region = models.ForeignKey("accounts.Region", on_delete=models.CASCADE, related_name="collaborations",
                               verbose_name=_("regio"))
    theme = models.CharField(_("thema"), max_length=24, choices=CollaborationTheme.choices)
    title = models.CharField(_("titel"), max_length=200)
    description = LimitedTextField(_("omschrijving"), blank=True, max_length=TEXT_MAX)
    participants = models.ManyToManyField("accounts.Organisation", blank=True, related_name="collaborations",
                                          verbose_name=_("deelnemers"))
    # Edited in the admin only: the same date rules as a coalition's (not in the future, no typo of the year).
    started_on = models.DateField(_("gestart op"), null=True, blank=True,
                                  validators=[NOT_BEFORE_1990, STARTED_NOT_IN_FUTURE])
    website = models.URLField(_("website"), blank=True)
    sroi_rule_set = models.ForeignKey("procurement.RuleSet", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("gedeelde SROI-regels"))

    objects = ScopedQuerySet.as_manager()
    access = _collaboration_access()

    class Meta:
        verbose_name = _("regionale samenwerking")
        verbose_name_plural = _("regionale samenwerkingen")
        ordering = ["region__name", "theme", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_with_id("ecosystem:collaboration-detail", self.pk)


class CollaborationAgreement(models.Model):
    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, related_name="agreements",
                                      verbose_name=_("samenwerking"))
    title = models.CharField(_("afspraak"), max_length=300)
    signed_on = models.DateField(_("getekend op"), null=True, blank=True,
                                 validators=[NOT_BEFORE_1990, SIGNED_NOT_IN_FUTURE])
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True, validators=[NOT_BEFORE_1990])
    document_url = models.URLField(_("document"), blank=True, max_length=300,
                                   help_text=_("Een link naar het document, bijvoorbeeld het convenant."))

    objects = ScopedQuerySet.as_manager()
    access = _collaboration_access("collaboration__")

    class Meta:
        verbose_name = _("afspraak van de samenwerking")
        verbose_name_plural = _("afspraken van de samenwerking")
        ordering = ["-signed_on", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.collaboration.get_absolute_url()

    def clean(self):
        """An agreement is valid from its signing on: not until a day before it (the admin's only check)."""
        super().clean()
        if self.signed_on and self.valid_until and self.valid_until < self.signed_on:
            raise ValidationError({"valid_until": _("'Geldig tot en met' ligt vóór 'Getekend op'. Kies een datum "
                                                    "op of na de datum van ondertekening.")})
