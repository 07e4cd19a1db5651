"""MKBA analyses (issue 11 part 1): a stored social cost-benefit analysis of an enterprise or an SROI
contract, with its indicators, theory of change and assumptions. The figures are never stored:
they are calculated by ``financing.mkba`` from the indicators whenever they are shown, so a figure
can never drift from its inputs."""

from functools import cached_property

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, COLLEAGUE, ENTREPRENEUR, AccessPolicy, Grant, ScopedQuerySet
from impactportal.links import reverse_with_id
from impactportal.text import TEXT_MAX, LimitedTextField

from .. import mkba

__all__ = ["AnalysisKind", "Beneficiary", "MkbaAnalysis", "MkbaIndicator", "ChangeStep", "Assumption",
           "AssumptionStatus", "AssumptionVisibility"]

MONEY = {"max_digits": 14, "decimal_places": 2}
NOT_NEGATIVE = [MinValueValidator(0)]
FRACTION = {"max_digits": 5, "decimal_places": 4, "validators": [MinValueValidator(0), MaxValueValidator(1)]}

AnalysisKind = models.TextChoices("AnalysisKind", [(code.upper(), (code, label)) for code, label in mkba.KINDS])
Beneficiary = models.TextChoices("Beneficiary", [(code.upper(), (code, label)) for code, label in mkba.BENEFICIARIES])


class AssumptionStatus(models.TextChoices):
    MEASURED = "measured", _("gemeten")
    ESTIMATED = "estimated", _("geschat")
    SELF_DECLARED = "self_declared", _("eigen opgave")


class AssumptionVisibility(models.TextChoices):
    PUBLIC = "public", _("openbaar")
    PRIVATE = "private", _("vertrouwelijk")
    DISPUTED = "disputed", _("betwist")


def _policy(prefix: str = "", private_condition: Q | None = None) -> AccessPolicy:
    """Brokers of the owner organisation change; its colleagues read; the entrepreneurs of the
    enterprise read an analysis attached to their enterprise only once it is shared. The steering
    group sees none (monitoring counts analyses later)."""
    shared = Q(**{f"{prefix}is_shared": True})
    if private_condition is not None:
        shared &= private_condition
    return AccessPolicy(
        owner=f"{prefix}organisation",
        view=[Grant(BROKER), Grant(COLLEAGUE), Grant(ENTREPRENEUR, via=f"{prefix}enterprise", condition=shared)],
        change=[Grant(BROKER)],
    )


class MkbaAnalysis(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="mkba_analyses",
                                     verbose_name=_("organisatie"))
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort analyse"), max_length=20, choices=AnalysisKind.choices,
                            default=AnalysisKind.QUICK_SCAN,
                            help_text=_("Een quick scan rust op meer aannames dan een volledige MKBA; de soort staat "
                                        "bij elk cijfer."))
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="mkba_analyses", verbose_name=_("onderneming"))
    sroi_contract = models.ForeignKey("procurement.Contract", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="mkba_analyses", verbose_name=_("SROI-contract"))
    outcome_contract = models.ForeignKey("financing.OutcomeContract", on_delete=models.PROTECT, null=True,
                                         blank=True, related_name="mkba_analyses",
                                         verbose_name=_("uitkomstcontract"))
    summary = LimitedTextField(_("toelichting"), max_length=TEXT_MAX, blank=True)
    costs = models.DecimalField(_("kosten (investering)"), default=0, validators=NOT_NEGATIVE, **MONEY)
    discount_rate = models.DecimalField(_("disconteringsvoet"), max_digits=5, decimal_places=4,
                                        default=mkba.DEFAULT_DISCOUNT_RATE,
                                        validators=[MinValueValidator(0), MaxValueValidator(mkba.MAX_DISCOUNT_RATE)],
                                        help_text=_("Per jaar, als fractie: 0,0225 is 2,25%."))
    is_shared = models.BooleanField(_("gedeeld met de onderneming"), default=False,
                                    help_text=_("De ondernemers van de onderneming kunnen de analyse dan inzien."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("aangemaakt door"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    access = _policy()
    new_label = _("Nieuwe MKBA-analyse")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("MKBA-analyse")
        verbose_name_plural = _("MKBA-analyses")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-updated_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_with_id("financing:mkba-detail", self.pk)

    def calculation(self, indicators=None) -> mkba.Analysis:
        rows = indicators if indicators is not None else self.indicators.all()
        return mkba.analysis_from(rows, costs=self.costs, discount_rate=self.discount_rate, kind=self.kind)

    @cached_property
    def result(self) -> mkba.Result:
        """The figures (uses prefetched indicators when the queryset has them)."""
        return mkba.calculate(self.calculation())


class MkbaIndicator(models.Model):
    analysis = models.ForeignKey(MkbaAnalysis, on_delete=models.CASCADE, related_name="indicators",
                                 verbose_name=_("analyse"))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    name = models.CharField(_("indicator"), max_length=200)
    beneficiary = models.CharField(_("baat komt terecht bij"), max_length=30, choices=Beneficiary.choices, blank=True)
    # Plain words instead of the handbook's "IND" and "€/IND", which readers did not know (review 6).
    count = models.DecimalField(_("aantal gevallen"), max_digits=14, decimal_places=2, validators=NOT_NEGATIVE,
                                help_text=_("Hoe vaak het effect optreedt, bijvoorbeeld het aantal mensen dat werk "
                                            "vindt (in de MKBA-handreiking: IND)."))
    value_per_case = models.DecimalField(_("waarde per geval (€)"), max_digits=14, decimal_places=2,
                                         validators=NOT_NEGATIVE,
                                         help_text=_("Wat één geval de samenleving oplevert of bespaart, in euro "
                                                     "(in de MKBA-handreiking: €/IND)."))
    deadweight = models.DecimalField(_("deadweight"), default=0, **FRACTION)
    attribution = models.DecimalField(_("attributie"), default=0, **FRACTION)
    substitution = models.DecimalField(_("substitutie"), default=0, **FRACTION)
    short_term = models.DecimalField(_("korte termijn (jaar 1–3)"), default=1, **FRACTION)
    medium_term = models.DecimalField(_("middellange termijn (jaar 4–5)"), default=0, **FRACTION)
    long_term = models.DecimalField(_("lange termijn (jaar 6–10)"), default=0, **FRACTION)

    audit_not_money = ("count",)  # cases, with cents for an average: the change log writes a number

    objects = ScopedQuerySet.as_manager()
    access = _policy("analysis__")

    class Meta:
        verbose_name = _("MKBA-indicator")
        verbose_name_plural = _("MKBA-indicatoren")
        ordering = ["analysis", "order", "id"]

    def __str__(self):
        return self.name


class ChangeStep(models.Model):
    """One line of the theory of change: an activity leads to a change, measured by an indicator."""

    analysis = models.ForeignKey(MkbaAnalysis, on_delete=models.CASCADE, related_name="change_steps",
                                 verbose_name=_("analyse"))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    activity = models.CharField(_("activiteit"), max_length=300)
    change = models.CharField(_("verandering"), max_length=300)
    indicator = models.CharField(_("indicator"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    access = _policy("analysis__")

    class Meta:
        verbose_name = _("stap in de veranderingstheorie")
        verbose_name_plural = _("veranderingstheorie")
        ordering = ["analysis", "order", "id"]

    def __str__(self):
        return f"{self.activity} → {self.change}"


class Assumption(models.Model):
    """An assumption behind a figure, with its source and how certain it is. A confidential one
    is for the owner organisation only, also in a shared analysis."""

    analysis = models.ForeignKey(MkbaAnalysis, on_delete=models.CASCADE, related_name="assumptions",
                                 verbose_name=_("analyse"))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    text = models.CharField(_("aanname"), max_length=500)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=AssumptionStatus.choices,
                              default=AssumptionStatus.ESTIMATED)
    visibility = models.CharField(_("zichtbaarheid"), max_length=20, choices=AssumptionVisibility.choices,
                                  default=AssumptionVisibility.PUBLIC)

    objects = ScopedQuerySet.as_manager()
    access = _policy("analysis__", private_condition=~Q(visibility=AssumptionVisibility.PRIVATE))

    class Meta:
        verbose_name = _("aanname")
        verbose_name_plural = _("aannames")
        ordering = ["analysis", "order", "id"]

    def __str__(self):
        return self.text
