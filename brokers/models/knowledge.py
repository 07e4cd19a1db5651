"""The knowledge base: instruments and organisations that already help impact entrepreneurs
(toolbox module 4), so brokers refer instead of duplicating; and what self-service achieved."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, EVERYTHING, SELF, AccessPolicy, Grant, ScopedQuerySet
from impactportal.links import reverse_with_id
from impactportal.text import ENGLISH_HELP, TEXT_MAX, Bilingual, LimitedTextField

from ..constants import CaseCategory, InstrumentKind

NATIONWIDE = "Landelijk"  # the stored work area of a nationwide instrument


class KnowledgeInstrument(Bilingual, models.Model):
    """An instrument or organisation in the knowledge base (not a financing instrument: those
    belong to the financing app). The name and description have an English version (``<field>_en``,
    as the toolbox): English pages show it, or the Dutch where it is empty."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    name_en = models.CharField(_("naam in het Engels"), max_length=200, blank=True, help_text=ENGLISH_HELP)
    kind = models.CharField(_("soort"), max_length=20, choices=InstrumentKind.choices)
    region = models.CharField(_("werkgebied"), max_length=100, default=NATIONWIDE,
                              help_text=_("Bijvoorbeeld: Landelijk, Noord-Nederland, Haarlem."))
    provider = models.CharField(_("aanbieder"), max_length=200, blank=True)
    description = LimitedTextField(_("omschrijving"), max_length=TEXT_MAX)
    description_en = LimitedTextField(_("omschrijving in het Engels"), max_length=TEXT_MAX, blank=True,
                                      help_text=ENGLISH_HELP)
    url = models.URLField(_("website"), blank=True, max_length=300)
    is_active = models.BooleanField(_("actief"), default=True)

    objects = ScopedQuerySet.as_manager()
    # Public reference data: everyone reads it; administrators maintain it.
    access = AccessPolicy(owner="", public=EVERYTHING)

    class Meta:
        verbose_name = _("kennisbankinstrument")
        verbose_name_plural = _("kennisbank")
        ordering = ["kind", "name"]
        indexes = [models.Index(fields=["kind", "name"])]

    translated = ("name", "description")

    def __str__(self):
        return self.in_language("name")

    def get_absolute_url(self):
        return reverse_with_id("helpdesk:instrument-detail", self.pk)

    @property
    def page_name(self) -> str:
        return self.in_language("name")

    @property
    def page_description(self) -> str:
        return self.in_language("description")

    @property
    def region_label(self):
        """The work area as shown: "Landelijk" (the default, nationwide) in the page's language."""
        return _("Landelijk") if self.region == NATIONWIDE else self.region


class SelfServiceOutcome(models.Model):
    """Whether the suggested instruments answered an entrepreneur's question (deflection)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("gebruiker"))
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="+", verbose_name=_("gemeente"))
    category = models.CharField(_("onderwerp"), max_length=20, choices=CaseCategory.choices)
    instrument = models.ForeignKey(KnowledgeInstrument, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("instrument"))
    solved = models.BooleanField(_("vraag opgelost zonder melding"))
    case = models.OneToOneField("brokers.Case", on_delete=models.CASCADE, null=True, blank=True,
                                related_name="self_service_outcome", verbose_name=_("vraag"))
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation", view=[Grant(BROKER), Grant(SELF, via="user")], change=[])

    class Meta:
        verbose_name = _("zelfhulpresultaat")
        verbose_name_plural = _("zelfhulpresultaten")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_category_display()}: {self.solved}"
