from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from impactportal.access import ANYWHERE, BROKER, COLLEAGUE, AccessPolicy, Grant, ScopedQuerySet
from impactportal.accounts.constants import PartyCategory
from impactportal.dates import NOT_BEFORE_1990, NOT_TOO_FAR_AHEAD
from impactportal.links import reverse_with_id
from impactportal.text import TEXT_MAX, LimitedTextField


class Party(models.Model):
    """A party in the ecosystem, e.g. a signatory of the City Deal Impact Ondernemen."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    # The fixed code seed_reference finds the shipped row by when an administrator renamed it (never edited).
    seed_key = models.CharField(_("seedsleutel"), max_length=200, blank=True, db_index=True, editable=False)
    category = models.CharField(_("categorie"), max_length=30, choices=PartyCategory.choices)
    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="party",
        verbose_name=_("organisatie in het portaal"),
    )
    programmes = models.ManyToManyField("accounts.Programme", related_name="parties", blank=True,
                                        verbose_name=_("programma's"))
    website = models.URLField(_("website"), blank=True)
    region = models.ForeignKey("accounts.Region", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="parties", verbose_name=_("regio"),
                               help_text=_("Leeg voor een landelijke partij."))
    description = LimitedTextField(_("omschrijving"), blank=True, max_length=TEXT_MAX,
                                   help_text=_("Openbaar: wat de partij doet voor impactondernemers."))
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="parties", verbose_name=_("onderneming in het register"))
    is_published = models.BooleanField(_("openbaar"), default=True)

    objects = ScopedQuerySet.as_manager()
    # Published parties are public; unpublished ones are for staff. Administrators maintain them.
    access = AccessPolicy(owner="", public=Q(is_published=True),
                          view=[Grant(BROKER, via=ANYWHERE), Grant(COLLEAGUE, via=ANYWHERE)])

    class Meta:
        verbose_name = _("partij")
        verbose_name_plural = _("partijen")
        ordering = ["category", "name"]
        constraints = [models.UniqueConstraint(fields=["seed_key"], condition=~Q(seed_key=""),
                                               name="party_unique_seed_key")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_with_id("ecosystem:party-detail", self.pk)


class PartyNote(models.Model):
    """A broker's note about a party: it belongs to the broker's organisation."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="party_notes",
                                     verbose_name=_("organisatie"))
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="notes", verbose_name=_("partij"))
    body = LimitedTextField(_("notitie"), max_length=TEXT_MAX)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("auteur"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation", view=[Grant(BROKER)], change=[Grant(BROKER)])

    class Meta:
        verbose_name = _("notitie over een partij")
        verbose_name_plural = _("notities over partijen")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.party}: {self.body[:40]}"

    def get_absolute_url(self):
        return self.party.get_absolute_url()


class RegionalAgreement(models.Model):
    """An agreement shared by the members of a region, e.g. one set of SROI rules."""

    region = models.ForeignKey("accounts.Region", on_delete=models.CASCADE, related_name="agreements",
                               verbose_name=_("regio"))
    title = models.CharField(_("titel"), max_length=200)
    theme = models.CharField(_("thema"), max_length=100, blank=True)
    description = LimitedTextField(_("omschrijving"), blank=True, max_length=TEXT_MAX)
    # It may take effect later (agreed now, from next year), not in a year such as 9999.
    start_date = models.DateField(_("ingangsdatum"), null=True, blank=True,
                                  validators=[NOT_BEFORE_1990, NOT_TOO_FAR_AHEAD])

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="region", view=[Grant(BROKER), Grant(COLLEAGUE)], change=[Grant(BROKER)])
    new_label = _("Nieuwe regionale afspraak")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("regionale afspraak")
        verbose_name_plural = _("regionale afspraken")
        ordering = ["region__name", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_with_id("ecosystem:agreement-detail", self.pk)


# The bottleneck and best-practice register lives in its own module.
from .models_bottlenecks import Bottleneck, BottleneckEndorsement, BottleneckStatusChange  # noqa: E402,F401

# Ecosystem map, coalitions, regional collaboration, real estate and events (issue 12).
from .models_coalitions import (  # noqa: E402,F401
    Coalition,
    CoalitionAgreement,
    CoalitionMeeting,
    CoalitionRole,
    Collaboration,
    CollaborationAgreement,
)
from .models_events import Event  # noqa: E402,F401
from .models_maps import EcosystemMap, MapEntry  # noqa: E402,F401
from .models_realestate import Allocation, Property, PropertyPhoto, PropertyResponse, SpaceRequest  # noqa: E402,F401
