from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, COLLEAGUE, PUBLIC, AccessPolicy, Grant, ScopedQuerySet
from impactportal.accounts.constants import PartyCategory


class Party(models.Model):
    """A party in the ecosystem, e.g. a signatory of the City Deal Impact Ondernemen."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    category = models.CharField(_("categorie"), max_length=30, choices=PartyCategory.choices)
    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="party",
        verbose_name=_("organisatie in het portaal"),
    )
    programmes = models.ManyToManyField("accounts.Programme", related_name="parties", blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = ScopedQuerySet.as_manager()
    access = PUBLIC

    class Meta:
        verbose_name = _("partij")
        verbose_name_plural = _("partijen")
        ordering = ["category", "name"]

    def __str__(self):
        return self.name


class RegionalAgreement(models.Model):
    """An agreement shared by the members of a region, e.g. one set of SROI rules."""

    region = models.ForeignKey("accounts.Region", on_delete=models.CASCADE, related_name="agreements",
                               verbose_name=_("regio"))
    title = models.CharField(_("titel"), max_length=200)
    theme = models.CharField(_("thema"), max_length=100, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    start_date = models.DateField(_("ingangsdatum"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="region", view=[Grant(BROKER), Grant(COLLEAGUE)], change=[Grant(BROKER)])

    class Meta:
        verbose_name = _("regionale afspraak")
        verbose_name_plural = _("regionale afspraken")
        ordering = ["region__name", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ecosystem:agreement-detail", args=[self.pk])


# The bottleneck and best-practice register lives in its own module.
from .models_bottlenecks import Bottleneck, BottleneckEndorsement, BottleneckStatusChange  # noqa: E402,F401
