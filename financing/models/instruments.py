"""Financing instruments, an enterprise's financing need with its "pizza" mix, and place-based
impact funds with their investments, repayments and reported impact (issue 11 parts 4 and 5).

Who sees what:
- the instrument catalogue is public reference data (everyone reads, administrators change);
- a financing need and its mix belong to the enterprise: the brokers of its municipality and its
  own entrepreneurs view and change them; anyone else gets a 404;
- a fund belongs to its managing organisation: the brokers of that organisation and of the members
  of the fund's region view and change it (and its investments, repayments and impact reports);
- ``figures``: the steering group of every programme in which the managing organisation takes part
  reads the portfolio figures (totals, no enterprise-level terms), read-only. The API's fund list
  stays with the brokers: figures for the steering group are a screen, not a data feed.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, ENTREPRENEUR, PUBLIC, STEERING, AccessPolicy, Grant, ScopedQuerySet
from impactportal.links import reverse_with_id
from impactportal.text import ENGLISH_HELP, TEXT_MAX, Bilingual, LimitedTextField, short_date

from ..dates import NOT_BEFORE_1990, REPORTED_NOT_IN_FUTURE

__all__ = [
    "InstrumentKind", "Instrument", "ComponentStatus", "FinancingNeed", "MixComponent",
    "InvestmentKind", "SourceStatus", "IndicatorKind", "ImpactFund", "Investment", "Repayment", "ImpactReport",
    "MAX_IMPACT_FOCUS",
]

MONEY = {"max_digits": 14, "decimal_places": 2}
MAX_IMPACT_FOCUS = 3  # a fund names at most three impact areas


class InstrumentKind(models.TextChoices):
    START_SUBSIDY = "start_subsidy", _("Startsubsidie")
    LOAN = "loan", _("Lening")
    GUARANTEE = "guarantee", _("Garantie of borgstelling")
    CROWDFUNDING = "crowdfunding", _("Crowdfunding")
    IMPACT_INVESTMENT = "impact_investment", _("Impactinvestering")
    WAGE_COST_SUBSIDY = "wage_cost_subsidy", _("Loonkostensubsidie")
    NO_RISK_POLICY = "no_risk_policy", _("No-riskpolis")
    RESULTS_BASED = "results_based", _("Resultaatfinanciering")
    SIB = "sib", _("Social impact bond")


class Instrument(Bilingual, models.Model):
    """A financing instrument of the catalogue (public reference data, seeded from the toolbox). The
    texts have an English version (``<field>_en``, as the toolbox): English pages show it, or the Dutch
    where it is empty."""

    slug = models.SlugField(_("code"), max_length=80, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=InstrumentKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    name_en = models.CharField(_("naam in het Engels"), max_length=200, blank=True, help_text=ENGLISH_HELP)
    provider = models.CharField(_("verstrekker"), max_length=200)
    provider_en = models.CharField(_("verstrekker in het Engels"), max_length=200, blank=True, help_text=ENGLISH_HELP)
    description = LimitedTextField(_("omschrijving"), blank=True, max_length=TEXT_MAX)
    description_en = LimitedTextField(_("omschrijving in het Engels"), blank=True, max_length=TEXT_MAX,
                                      help_text=ENGLISH_HELP)
    conditions = LimitedTextField(_("voorwaarden"), blank=True, max_length=TEXT_MAX)
    conditions_en = LimitedTextField(_("voorwaarden in het Engels"), blank=True, max_length=TEXT_MAX,
                                     help_text=ENGLISH_HELP)
    amount_min = models.DecimalField(_("gebruikelijk bedrag vanaf"), null=True, blank=True,
                                     validators=[MinValueValidator(0)], **MONEY)
    amount_max = models.DecimalField(_("gebruikelijk bedrag tot"), null=True, blank=True,
                                     validators=[MinValueValidator(0)], **MONEY)
    url = models.URLField(_("meer informatie"), blank=True)
    is_active = models.BooleanField(_("beschikbaar"), default=True)

    access = PUBLIC

    class Meta:
        verbose_name = _("financieringsinstrument")
        verbose_name_plural = _("financieringsinstrumenten")
        ordering = ["kind", "name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_min__isnull=True) | Q(amount_max__isnull=True)
                                   | Q(amount_max__gte=F("amount_min")),
                                   name="instrument_amount_range",
                                   violation_error_message=_("Het bedrag 'tot' ligt onder het bedrag 'vanaf'.")),
        ]

    translated = ("name", "provider", "description", "conditions")

    def __str__(self):
        return self.in_language("name")

    def get_absolute_url(self):
        return reverse_with_id("financing:instrument-detail", self.pk)

    @property
    def page_name(self) -> str:
        return self.in_language("name")

    @property
    def page_provider(self) -> str:
        return self.in_language("provider")

    @property
    def page_description(self) -> str:
        return self.in_language("description")

    @property
    def page_conditions(self) -> str:
        return self.in_language("conditions")


class ComponentStatus(models.TextChoices):
    IDEA = "idea", _("Idee")
    APPLIED = "applied", _("Aangevraagd")
    GRANTED = "granted", _("Toegekend")
    REJECTED = "rejected", _("Afgewezen")


NEED_ACCESS = AccessPolicy(
    owner="enterprise__municipality",
    view=[Grant(BROKER), Grant(ENTREPRENEUR, via="enterprise")],
    change=[Grant(BROKER), Grant(ENTREPRENEUR, via="enterprise")],
)


class FinancingNeed(models.Model):
    """What an enterprise needs to raise, for what and within how long."""

    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="financing_needs",
                                   verbose_name=_("onderneming"))
    purpose = models.CharField(_("doel"), max_length=200,
                               help_text=_("Waarvoor is het geld nodig? Bijvoorbeeld: een tweede werkplaats."))
    amount = models.DecimalField(_("benodigd bedrag"), validators=[MinValueValidator(0)], **MONEY)
    horizon_months = models.PositiveSmallIntegerField(
        _("termijn (maanden)"), default=12, validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Binnen hoeveel maanden moet de financiering rond zijn (1 tot 120)?"))
    description = LimitedTextField(_("toelichting"), blank=True, max_length=TEXT_MAX)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("aangemaakt door"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    access = NEED_ACCESS
    new_label = _("Nieuwe financieringsbehoefte")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("financieringsbehoefte")
        verbose_name_plural = _("financieringsbehoeften")
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="financing_need_amount_not_negative")]

    def __str__(self):
        return self.purpose

    def get_absolute_url(self):
        return reverse_with_id("financing:need-detail", self.pk)


class MixComponent(models.Model):
    """One slice of the pizza: an instrument (or another source, such as own funds) and an amount."""

    need = models.ForeignKey(FinancingNeed, on_delete=models.CASCADE, related_name="components",
                             verbose_name=_("financieringsbehoefte"))
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="components", verbose_name=_("instrument"))
    label = models.CharField(_("andere bron"), max_length=200, blank=True,
                             help_text=_("Als het geen instrument uit de catalogus is, bijvoorbeeld eigen inbreng."))
    amount = models.DecimalField(_("bedrag"), validators=[MinValueValidator(0)], **MONEY)
    status = models.CharField(_("status"), max_length=20, choices=ComponentStatus.choices,
                              default=ComponentStatus.IDEA)
    note = models.CharField(_("notitie"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="need__enterprise__municipality",
        view=[Grant(BROKER), Grant(ENTREPRENEUR, via="need__enterprise")],
        change=[Grant(BROKER), Grant(ENTREPRENEUR, via="need__enterprise")],
    )

    class Meta:
        verbose_name = _("onderdeel van de mix")
        verbose_name_plural = _("onderdelen van de mix")
        ordering = ["need", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="mix_component_amount_not_negative"),
            models.CheckConstraint(condition=~Q(instrument__isnull=True, label=""), name="mix_component_has_source",
                                   violation_error_message=_("Kies een instrument of noem een andere bron.")),
        ]

    def __str__(self):
        return self.label or (str(self.instrument) if self.instrument_id else "")

    def clean(self):
        super().clean()
        if self.instrument_id is None and not self.label.strip():
            raise ValidationError({"instrument": _("Kies een instrument of noem een andere bron.")})


class InvestmentKind(models.TextChoices):
    LOAN = "loan", _("Lening")
    EQUITY = "equity", _("Eigen vermogen (aandelen)")


class SourceStatus(models.TextChoices):
    """Where a reported figure comes from: a registration or measurement, an estimate (a
    projection or sample, not counted), or the entrepreneur's own word."""

    SELF_DECLARED = "self_declared", _("Zelf opgegeven")
    ESTIMATED = "estimated", _("Geschat")
    MEASURED = "measured", _("Gemeten")


class IndicatorKind(models.TextChoices):
    """How a fund's totals add up an indicator's periods: a flow (people placed per quarter) adds
    them up; a stock (people employed) is a count at a moment, so its latest period counts."""

    FLOW = "flow", _("Stroom: de perioden tellen op")
    STOCK = "stock", _("Stand: de laatste periode telt")


FUND_BROKERS = [Grant(BROKER), Grant(BROKER, via="region")]
FUND_NAME_TAKEN = _("U hebt al een fonds met deze naam.")


class ImpactFund(models.Model):
    """A place-based impact fund: invests in enterprises that serve a defined impact in a region."""

    name = models.CharField(_("naam"), max_length=200)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="impact_funds",
                                     verbose_name=_("beherende organisatie"))
    region = models.ForeignKey("accounts.Region", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="impact_funds", verbose_name=_("regio"))
    impact_focus = models.ManyToManyField("enterprises.ImpactTheme", blank=True, related_name="impact_funds",
                                          verbose_name=_("impactfocus"),
                                          help_text=_("Ten hoogste drie impactthema's."))
    capital = models.DecimalField(_("fondsvermogen"), null=True, blank=True, validators=[MinValueValidator(0)],
                                  **MONEY)
    description = LimitedTextField(_("omschrijving"), blank=True, max_length=TEXT_MAX)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="organisation",
        view=FUND_BROKERS,
        change=FUND_BROKERS,
        actions={"figures": [*FUND_BROKERS, Grant(STEERING, via="organisation__programmes")]},
    )
    new_label = _("Nieuw impactfonds")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("impactfonds")
        verbose_name_plural = _("impactfondsen")
        ordering = ["name", "id"]
        constraints = [
            # Unique per managing organisation, whatever the capitals: two organisations may each
            # have a "Stadsfonds", and the refusal never tells one about the other's funds.
            models.UniqueConstraint(Lower("name"), "organisation", name="impact_fund_name_per_organisation",
                                    violation_error_message=FUND_NAME_TAKEN),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_with_id("financing:fund-detail", self.pk)

    def clean(self):
        super().clean()
        self.name = " ".join((self.name or "").split())
        if self.name and self.organisation_id and ImpactFund.objects.filter(
                organisation_id=self.organisation_id, name__iexact=self.name).exclude(pk=self.pk).exists():
            raise ValidationError({"name": FUND_NAME_TAKEN})


class Investment(models.Model):
    fund = models.ForeignKey(ImpactFund, on_delete=models.CASCADE, related_name="investments",
                             verbose_name=_("fonds"))
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.PROTECT, related_name="investments",
                                   verbose_name=_("onderneming"))
    kind = models.CharField(_("vorm"), max_length=20, choices=InvestmentKind.choices, default=InvestmentKind.LOAN)
    amount = models.DecimalField(_("bedrag"), validators=[MinValueValidator(0)], **MONEY)
    date = models.DateField(_("datum"), validators=[NOT_BEFORE_1990])
    terms = models.CharField(_("voorwaarden"), max_length=300, blank=True,
                             help_text=_("Bijvoorbeeld: 4 procent rente, 5 jaar, eerste jaar aflossingsvrij."))

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="fund__organisation", view=[Grant(BROKER), Grant(BROKER, via="fund__region")],
                          change=[Grant(BROKER), Grant(BROKER, via="fund__region")])

    class Meta:
        verbose_name = _("investering")
        verbose_name_plural = _("investeringen")
        ordering = ["fund", "date", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="investment_amount_positive",
                                              violation_error_message=_("Het bedrag moet groter dan nul zijn."))]

    def __str__(self):
        return f"{self.enterprise} — {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse_with_id("financing:investment-detail", self.pk)

    def clean(self):
        super().clean()
        # Final states stay final: once repayments (principal, interest or returns) are recorded
        # against a loan, they are a loan's; relabelled as equity, the fund's figures would count
        # principal and interest as an exit's proceeds (and the other way round).
        if self.pk and self.kind:
            stored = Investment.objects.filter(pk=self.pk).values_list("kind", flat=True).first()
            if stored and stored != self.kind and Repayment.objects.filter(investment_id=self.pk).exists():
                raise ValidationError({"kind": KIND_STAYS})


KIND_STAYS = _("Er zijn al aflossingen of rente vastgelegd: de vorm van de investering verandert niet meer.")


INVESTMENT_CHILD_ACCESS = AccessPolicy(
    owner="investment__fund__organisation",
    view=[Grant(BROKER), Grant(BROKER, via="investment__fund__region")],
    change=[Grant(BROKER), Grant(BROKER, via="investment__fund__region")],
)


class Repayment(models.Model):
    """Capital coming back: a loan's principal, or the equity returned at an exit. Interest is
    recorded apart, so it never makes the outstanding amount look smaller than it is."""

    investment = models.ForeignKey(Investment, on_delete=models.CASCADE, related_name="repayments",
                                   verbose_name=_("investering"))
    date = models.DateField(_("datum"))
    amount = models.DecimalField(_("aflossing"), validators=[MinValueValidator(0)], **MONEY)
    interest = models.DecimalField(_("rente of rendement"), default=0, validators=[MinValueValidator(0)], **MONEY)

    objects = ScopedQuerySet.as_manager()
    access = INVESTMENT_CHILD_ACCESS

    class Meta:
        verbose_name = _("aflossing")
        verbose_name_plural = _("aflossingen")
        ordering = ["investment", "date", "id"]

    def __str__(self):
        return f"{short_date(self.date)}: {self.amount}"

    def clean(self):
        super().clean()
        # One of the two suffices: a payment of interest only, or principal only.
        if not self.amount and not self.interest:
            raise ValidationError({"amount": _("Vul een aflossing of een bedrag aan rente in.")})


class ImpactReport(models.Model):
    """Impact an invested enterprise reported for a period, with how certain the figure is."""

    investment = models.ForeignKey(Investment, on_delete=models.CASCADE, related_name="impact_reports",
                                   verbose_name=_("investering"))
    indicator = models.CharField(_("indicator"), max_length=200,
                                 help_text=_("Bijvoorbeeld: mensen met een afstand tot de arbeidsmarkt in dienst."))
    unit = models.CharField(_("eenheid"), max_length=40, blank=True, help_text=_("Bijvoorbeeld: personen, kg, uren."))
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    audit_not_money = ("value",)  # in its own unit (people, kg): the change log writes a number
    period_start = models.DateField(_("periode van"), validators=[NOT_BEFORE_1990])
    period_end = models.DateField(_("periode tot en met"), validators=[NOT_BEFORE_1990, REPORTED_NOT_IN_FUTURE])
    source_status = models.CharField(
        _("bron"), max_length=20, choices=SourceStatus.choices, default=SourceStatus.SELF_DECLARED,
        help_text=_("Gemeten: uit een registratie of meting. Geschat: een raming, niet geteld. Zelf opgegeven: "
                    "het woord van de ondernemer, niet gecontroleerd."))
    indicator_kind = models.CharField(
        _("soort indicator"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.FLOW,
        help_text=_("Stroom: wat er in de periode gebeurde, bijvoorbeeld mensen geplaatst; de perioden tellen op. "
                    "Stand: een telling aan het eind van de periode, bijvoorbeeld mensen in dienst; alleen de "
                    "laatste periode telt."))

    objects = ScopedQuerySet.as_manager()
    access = INVESTMENT_CHILD_ACCESS

    class Meta:
        verbose_name = _("impactrapportage")
        verbose_name_plural = _("impactrapportages")
        ordering = ["investment", "period_start", "id"]
        constraints = [models.CheckConstraint(condition=Q(period_end__gte=F("period_start")),
                                              name="impact_report_period_order",
                                              violation_error_message=_("Het einde van de periode ligt voor het begin."))]

    def __str__(self):
        return f"{self.indicator}: {self.value}"

    def clean(self):
        super().clean()
        # One spelling per indicator: the fund's totals and the service's checks compare them
        # case-insensitively, and "Banen  in dienst" with two spaces is the same indicator.
        self.indicator = " ".join((self.indicator or "").split())
        self.unit = " ".join((self.unit or "").split())
        investment = Investment.objects.filter(pk=self.investment_id).only("date").first() \
            if self.investment_id else None
        # Results of the investment: the period starts on the investment's date at the earliest.
        if investment is not None and self.period_start and self.period_start < investment.date:
            raise ValidationError({"period_start": _(
                "De periode begint voor de investering (%(date)s). Rapporteer de resultaten vanaf de datum van "
                "de investering.") % {"date": short_date(investment.date)}})
