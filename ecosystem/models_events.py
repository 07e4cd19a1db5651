"""Events of the ecosystem: work visits, pitch days, network meetings, intervision. Public ones
are on the public events page; every one counts as network activity in monitoring."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, COLLEAGUE, AccessPolicy, Grant, ScopedQuerySet
from impactportal.dates import NOT_BEFORE_1990_AT, NOT_TOO_FAR_AHEAD_AT
from impactportal.links import reverse_with_id
from impactportal.text import TEXT_MAX, LimitedTextField

from .constants import EventKind

PARTICIPANTS_MAX = 100_000


class Event(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="events",
                                     verbose_name=_("organisatie"))
    kind = models.CharField(_("soort"), max_length=16, choices=EventKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("begint op"), validators=[NOT_BEFORE_1990_AT, NOT_TOO_FAR_AHEAD_AT])
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    description = LimitedTextField(_("omschrijving"), blank=True, max_length=TEXT_MAX)
    parties = models.ManyToManyField("ecosystem.Party", blank=True, related_name="events", verbose_name=_("partijen"))
    enterprises = models.ManyToManyField("enterprises.Enterprise", blank=True, related_name="ecosystem_events",
                                         verbose_name=_("ondernemingen"))
    # A bound that keeps typos (an extra digit, a pasted phone number) out of the monitoring counts;
    # the largest events of the ecosystem have a few thousand visitors.
    participants = models.PositiveIntegerField(_("aantal deelnemers"), null=True, blank=True, validators=[
        MaxValueValidator(PARTICIPANTS_MAX, message=_("Vul een aantal deelnemers in van ten hoogste 100.000."))])
    is_public = models.BooleanField(_("openbaar"), default=False)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation", public=Q(is_public=True),
                          view=[Grant(BROKER), Grant(COLLEAGUE)], change=[Grant(BROKER)])
    new_label = _("Nieuwe bijeenkomst")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["organisation", "starts_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_with_id("ecosystem:event-detail", self.pk)
