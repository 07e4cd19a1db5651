"""The ecosystem map (toolbox module 8): which parties fill which of the six domains around the
impact entrepreneurs, per organisation or per region, with the healthy-ecosystem checklist.
A domain with no active party is a gap (``ecosystem.maps.gaps``)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, COLLEAGUE, AccessPolicy, Grant, ScopedQuerySet
from impactportal.dates import NOT_BEFORE_1990
from impactportal.links import reverse_with_id
from impactportal.text import TEXT_MAX, LimitedTextField

from .constants import Domain

CHECKLIST = (
    ("shared_vision", _("Gedeelde visie")),
    ("added_value_clear", _("Meerwaarde helder voor elke partner")),
    ("sustainability_anchored", _("Duurzaamheid geborgd")),
    ("preconditions_clear", _("Heldere randvoorwaarden en verwachtingen")),
)


def _map_grants(prefix=""):
    return [Grant(BROKER, via=f"{prefix}organisation"), Grant(COLLEAGUE, via=f"{prefix}organisation"),
            Grant(BROKER, via=f"{prefix}region"), Grant(COLLEAGUE, via=f"{prefix}region")]


class EcosystemMap(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="ecosystem_maps", verbose_name=_("organisatie"))
    region = models.ForeignKey("accounts.Region", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="ecosystem_maps", verbose_name=_("regio"))
    title = models.CharField(_("titel"), max_length=200)
    description = LimitedTextField(_("toelichting"), blank=True, max_length=TEXT_MAX)
    shared_vision = models.BooleanField(_("gedeelde visie"), default=False)
    added_value_clear = models.BooleanField(_("meerwaarde helder voor elke partner"), default=False)
    sustainability_anchored = models.BooleanField(_("duurzaamheid geborgd"), default=False)
    preconditions_clear = models.BooleanField(_("heldere randvoorwaarden en verwachtingen"), default=False)
    checklist_notes = LimitedTextField(_("toelichting bij de checklist"), blank=True, max_length=TEXT_MAX)
    # The day the checklist was last gone through: something that happened, so not in the future.
    checklist_date = models.DateField(_("checklist bijgewerkt op"), null=True, blank=True,
                                      validators=[NOT_BEFORE_1990, MaxValueValidator(timezone.localdate, message=_(
                                          "De checklist kan niet in de toekomst bijgewerkt zijn. Kies vandaag "
                                          "of een eerdere datum."))])
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation", view=_map_grants(),
                          change=[Grant(BROKER, via="organisation"), Grant(BROKER, via="region")])
    new_label = _("Nieuwe ecosysteemkaart")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("ecosysteemkaart")
        verbose_name_plural = _("ecosysteemkaarten")
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, region__isnull=True)
                | Q(organisation__isnull=True, region__isnull=False),
                name="ecosystem_map_one_owner",
                violation_error_message=_("Een kaart hoort bij een organisatie of bij een regio."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_with_id("ecosystem:map-detail", self.pk)

    @property
    def owner(self):
        return self.organisation or self.region

    def checklist(self):
        return [(name, label, getattr(self, name)) for name, label in CHECKLIST]


class MapEntry(models.Model):
    """A party placed in one domain of a map, with its role in a sentence."""

    map = models.ForeignKey(EcosystemMap, on_delete=models.CASCADE, related_name="entries", verbose_name=_("kaart"))
    party = models.ForeignKey("ecosystem.Party", on_delete=models.PROTECT, related_name="map_entries",
                              verbose_name=_("partij"))
    domain = models.CharField(_("domein"), max_length=16, choices=Domain.choices)
    role = models.CharField(_("rol"), max_length=300, help_text=_("In één zin: wat doet deze partij hier?"))
    is_active = models.BooleanField(_("actief"), default=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="map__organisation", view=_map_grants("map__"),
                          change=[Grant(BROKER, via="map__organisation"), Grant(BROKER, via="map__region")])

    class Meta:
        verbose_name = _("plek op de kaart")
        verbose_name_plural = _("plekken op de kaart")
        ordering = ["domain", "party__name"]
        constraints = [models.UniqueConstraint(fields=["map", "party", "domain"], name="map_entry_once",
                                               violation_error_message=_("Deze partij staat al in dit domein."))]

    def __str__(self):
        return f"{self.party} ({self.get_domain_display()})"

    def get_absolute_url(self):
        return self.map.get_absolute_url()

    def clean(self):
        # An empty role is the field's own "required" error already (a form or ``clean_fields``);
        # here only the role that is nothing but spaces, so the user sees one message, not two.
        if self.role and not self.role.strip():
            raise ValidationError({"role": _("Beschrijf de rol in één zin.")})
