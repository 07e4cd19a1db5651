"""Results-based outcome contracts (*resultaatfinanciering*), their claims, verification and
payments; social impact bonds (payers, investors, cash flows) and the SIB feasibility check
(issue 11 parts 2 and 3).

A commissioner (a municipality) pays a provider (an enterprise from the register) per verified
outcome: ``claim → verify → pay``. The arithmetic is in ``financing/outcomes.py`` (pure), the
state changes in ``financing/services_outcomes.py`` (locked rows, audited)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from impactportal.access import BROKER, ENTREPRENEUR, AccessPolicy, Grant, ScopedQuerySet
from impactportal.links import reverse_with_id
from impactportal.money import POSITIVE_AMOUNT, euro
from impactportal.text import TEXT_MAX, LimitedTextField, short_date
from impactportal.uploads import UploadValidator

from ..dates import (
    CONTRACT_END,
    CONTRACT_START,
    NOT_BEFORE_1990,
    PLANNED_FLOW_YEARS_AHEAD,
    latest_planned_flow,
)
from ..outcomes import explain

__all__ = [
    "DataStatus",
    "ClaimStatus",
    "CappedBy",
    "InvestorKind",
    "CashFlowKind",
    "CashFlowStatus",
    "Answer",
    "Conclusion",
    "OutcomeContract",
    "OutcomeMetric",
    "OutcomeClaim",
    "OutcomePayment",
    "SocialImpactBond",
    "BondPayer",
    "BondInvestor",
    "BondCashFlow",
    "FeasibilityCheck",
]

MONEY = {"max_digits": 14, "decimal_places": 2}
NOT_NEGATIVE = [MinValueValidator(0)]


class DataStatus(models.TextChoices):
    """Open-data status of a value (INDIGO): public values are exported, private ones never,
    disputed ones are exported with that status."""

    PUBLIC = "PUBLIC", _("openbaar")
    PRIVATE = "PRIVATE", _("vertrouwelijk")
    DISPUTED = "DISPUTED", _("betwist")


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("ingediend")
    ACCEPTED = "accepted", _("volledig geaccepteerd")
    PARTLY_ACCEPTED = "partly", _("deels geaccepteerd")
    REJECTED = "rejected", _("afgewezen")
    PAID = "paid", _("betaald")
    # Verified and handled, but the metric's cap or the contract maximum left nothing to pay: the
    # claim must not read "betaald" (review 6).
    NOT_PAID_CAPPED = "capped", _("niet betaald: plafond bereikt")


class CappedBy(models.TextChoices):
    NONE = "", _("niet begrensd")
    METRIC_CAP = "metric_cap", _("plafond van de uitkomstmaat")
    CONTRACT_MAXIMUM = "contract_maximum", _("maximum van het contract")


class InvestorKind(models.TextChoices):
    BANK = "bank", _("bank")
    FUND = "fund", _("fonds")
    FOUNDATION = "foundation", _("stichting of vermogensfonds")
    PENSION = "pension", _("pensioenfonds")
    PRIVATE = "private", _("particuliere investeerder")
    OTHER = "other", _("anders")


class CashFlowStatus(models.TextChoices):
    """A bond's cash flows are recorded by hand, apart from the contract's payments: a planned flow
    is a forecast, a realised one what the broker records as having happened."""

    PLANNED = "planned", _("gepland (prognose)")
    REALISED = "realised", _("gerealiseerd")


class CashFlowKind(models.TextChoices):
    INVESTMENT = "investment", _("inleg investeerders")
    OUTCOME_PAYMENT = "outcome_payment", _("uitkomstbetaling opdrachtgever")
    REPAYMENT = "repayment", _("aflossing aan investeerders")
    RETURN = "return", _("rendement aan investeerders")
    DELIVERY = "delivery", _("uitvoeringskosten aanbieder")


class Answer(models.TextChoices):
    YES = "yes", _("ja")
    PARTLY = "partly", _("deels")
    UNKNOWN = "unknown", _("weet nog niet")
    NO = "no", _("nee")


class Conclusion(models.TextChoices):
    GO = "go", _("doorgaan")
    EXPLORE = "explore", _("verder verkennen")
    NO_GO = "no_go", _("niet doorgaan")


def claim_evidence_upload(instance, filename):
    return f"financing/claims/{filename}"


# Who sees a contract: the commissioner's brokers and the provider's entrepreneurs.
PROVIDER = Grant(ENTREPRENEUR, via="provider")


class OutcomeContract(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                                     related_name="outcome_contracts", verbose_name=pgettext_lazy("uitkomstcontract", "opdrachtgever"))
    provider = models.ForeignKey("enterprises.Enterprise", on_delete=models.PROTECT,
                                 related_name="outcome_contracts", verbose_name=_("aanbieder"))
    title = models.CharField(_("titel"), max_length=200)
    reference = models.CharField(_("kenmerk"), max_length=60, blank=True)
    target_group = models.CharField(_("doelgroep"), max_length=200,
                                    help_text=_("Beschrijf de groep in categorieën, nooit met namen of "
                                                "persoonsgegevens."))
    description = LimitedTextField(_("omschrijving"), blank=True, max_length=TEXT_MAX)
    start_date = models.DateField(_("begindatum"), validators=CONTRACT_START)
    end_date = models.DateField(_("einddatum"), validators=CONTRACT_END)
    # More than € 0: a contract that may pay nothing can only leave every verified claim unpaid.
    maximum = models.DecimalField(_("contractmaximum"), validators=POSITIVE_AMOUNT, **MONEY,
                                  help_text=_("Meer dan dit bedrag wordt over de hele looptijd nooit betaald."))
    maximum_status = models.CharField(_("openbaarheid contractmaximum"), max_length=8, choices=DataStatus.choices,
                                      default=DataStatus.PUBLIC)
    is_published = models.BooleanField(_("gepubliceerd als open data"), default=False,
                                       help_text=_("Openbare gegevens van dit contract komen in de open-data-export."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("aangemaakt door"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="organisation",
        view=[Grant(BROKER), PROVIDER],
        change=[Grant(BROKER)],
        actions={
            "claim": [Grant(BROKER), PROVIDER],  # submit a claim: the provider, or a broker on its behalf
            "verify": [Grant(BROKER)],
            "pay": [Grant(BROKER)],
        },
    )
    new_label = _("Nieuw uitkomstcontract")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("uitkomstcontract")
        verbose_name_plural = _("uitkomstcontracten")
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["-start_date", "-id"]),
            models.Index(fields=["organisation", "-start_date", "-id"]),
            models.Index(fields=["provider", "-start_date"]),
            models.Index(fields=["is_published"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="outcome_contract_ends_after_start",
                                   violation_error_message=_("De einddatum ligt vóór de begindatum.")),
            models.CheckConstraint(condition=Q(maximum__gte=0), name="outcome_contract_maximum_not_negative"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_with_id("financing:outcome-contract-detail", self.pk)


class OutcomeMetric(models.Model):
    """What is paid for: a defined outcome, its unit and price, a target and a cap."""

    contract = models.ForeignKey(OutcomeContract, on_delete=models.CASCADE, related_name="metrics",
                                 verbose_name=_("uitkomstcontract"))
    name = models.CharField(_("naam"), max_length=200)
    definition = LimitedTextField(_("definitie"), max_length=TEXT_MAX,
                                  help_text=_("Wanneer telt een uitkomst mee? Zo precies dat een ander het kan "
                                              "nagaan."))
    unit = models.CharField(_("eenheid"), max_length=60, help_text=_("Bijvoorbeeld: persoon, traject, maand werk."))
    # More than € 0, as the cap is at least one price (``clean``): an outcome priced at € 0 pays
    # nothing, and its claims read as held back by a ceiling that was never there.
    price = models.DecimalField(_("prijs per uitkomst"), validators=POSITIVE_AMOUNT, **MONEY)
    price_status = models.CharField(_("openbaarheid prijs"), max_length=8, choices=DataStatus.choices,
                                    default=DataStatus.PUBLIC)
    target = models.PositiveIntegerField(_("doel (aantal)"))
    cap = models.DecimalField(_("plafond (bedrag)"), null=True, blank=True, validators=NOT_NEGATIVE, **MONEY,
                              help_text=_("Meer dan dit bedrag wordt voor deze uitkomstmaat nooit betaald. Leeg: "
                                          "alleen het contractmaximum geldt."))
    validation_method = LimitedTextField(_("validatiemethode"), max_length=TEXT_MAX,
                                         help_text=_("Hoe de opdrachtgever een claim controleert."))
    data_source = models.CharField(_("gegevensbron"), max_length=200,
                                   help_text=_("Bijvoorbeeld: uitkeringsadministratie gemeente, loonstroken."))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="contract__organisation",
        view=[Grant(BROKER), Grant(ENTREPRENEUR, via="contract__provider")],
        change=[Grant(BROKER)],
    )

    class Meta:
        verbose_name = _("uitkomstmaat")
        verbose_name_plural = _("uitkomstmaten")
        ordering = ["contract", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["contract", "name"], name="outcome_metric_name_per_contract")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.contract.get_absolute_url()

    def clean(self):
        super().clean()
        # A ceiling below one price can never pay a single outcome (review 6).
        if self.cap is not None and self.price is not None and self.cap < self.price:
            raise ValidationError({"cap": _("Het plafond (%(cap)s) is lager dan de prijs van één uitkomst "
                                            "(%(price)s), zodat er nooit iets betaald kan worden. Verhoog het plafond "
                                            "of laat het leeg.") % {"cap": euro(self.cap), "price": euro(self.price)}})


CLAIM_PROVIDER = Grant(ENTREPRENEUR, via="contract__provider")
OPEN_CLAIMS = ~Q(status=ClaimStatus.REJECTED)


class OutcomeClaim(models.Model):
    """Outcomes achieved in one period for one metric, claimed by the provider (or a broker on its
    behalf); the commissioner's broker verifies it (fully, partly or not) and then pays it."""

    contract = models.ForeignKey(OutcomeContract, on_delete=models.CASCADE, related_name="claims",
                                 verbose_name=_("uitkomstcontract"))
    metric = models.ForeignKey(OutcomeMetric, on_delete=models.PROTECT, related_name="claims",
                               verbose_name=_("uitkomstmaat"))
    period_start = models.DateField(_("periode van"), validators=[NOT_BEFORE_1990])
    period_end = models.DateField(_("periode tot en met"), validators=[NOT_BEFORE_1990])
    claimed_count = models.PositiveIntegerField(_("aantal behaalde uitkomsten"),
                                                validators=[MinValueValidator(1), MaxValueValidator(1_000_000)])
    note = LimitedTextField(_("toelichting"), blank=True, max_length=TEXT_MAX,
                            help_text=_("Geen namen of persoonsgegevens: aantallen en categorieën."))
    evidence = models.FileField(_("bewijs"), upload_to=claim_evidence_upload, blank=True,
                                validators=[UploadValidator()], help_text=_("PDF, PNG of JPG, maximaal 5 MB."))
    status = models.CharField(_("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED)
    accepted_count = models.PositiveIntegerField(_("geaccepteerd aantal"), null=True, blank=True)
    reason = LimitedTextField(_("reden"), blank=True, max_length=TEXT_MAX,
                              help_text=_("Waarom (deels) afgewezen."))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("ingediend door"))
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("geverifieerd door"))
    verified_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    created_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="contract__organisation",
        view=[Grant(BROKER), CLAIM_PROVIDER],
        change=[Grant(BROKER)],
        actions={"verify": [Grant(BROKER)], "pay": [Grant(BROKER)], "evidence": [Grant(BROKER), CLAIM_PROVIDER]},
    )

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["-period_start", "-id"]
        indexes = [
            models.Index(fields=["contract", "status"]),
            models.Index(fields=["contract", "-period_start", "-id"]),
            models.Index(fields=["status", "-period_start"]),
        ]
        constraints = [
            # One open claim per metric and period: a double submission is refused by the database too.
            models.UniqueConstraint(fields=["metric", "period_start", "period_end"], condition=OPEN_CLAIMS,
                                    name="one_open_claim_per_metric_period",
                                    violation_error_message=_("Voor deze uitkomstmaat en periode is al een claim "
                                                              "ingediend.")),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="claim_period_ends_after_start",
                                   violation_error_message=_("Het einde van de periode ligt vóór het begin.")),
            models.CheckConstraint(condition=Q(accepted_count__isnull=True) | Q(accepted_count__lte=F("claimed_count")),
                                   name="claim_accepted_at_most_claimed"),
        ]

    def __str__(self):
        return f"{self.metric} {short_date(self.period_start)} – {short_date(self.period_end)}"

    def get_absolute_url(self):
        return reverse_with_id("financing:claim-detail", self.pk)

    @property
    def is_open(self):
        return self.status == ClaimStatus.SUBMITTED

    @property
    def is_payable(self):
        return self.status in (ClaimStatus.ACCEPTED, ClaimStatus.PARTLY_ACCEPTED)


class OutcomePayment(models.Model):
    """The one payment of a verified claim: ``accepted × price``, capped by the metric's cap and the
    contract maximum. One per claim (a database constraint), so a claim is never paid twice."""

    claim = models.OneToOneField(OutcomeClaim, on_delete=models.PROTECT, related_name="payment",
                                 verbose_name=_("claim"))
    contract = models.ForeignKey(OutcomeContract, on_delete=models.PROTECT, related_name="payments",
                                 verbose_name=_("uitkomstcontract"))
    metric = models.ForeignKey(OutcomeMetric, on_delete=models.PROTECT, related_name="payments",
                               verbose_name=_("uitkomstmaat"))
    # The verified outcomes the payment is for; a ceiling may pay part of them (``outcomes_paid``).
    count = models.PositiveIntegerField(_("aantal geaccepteerde uitkomsten"))
    price = models.DecimalField(_("prijs per uitkomst"), **MONEY)
    calculated = models.DecimalField(_("berekend (aantal × prijs)"), **MONEY)
    amount = models.DecimalField(_("betaald bedrag"), validators=NOT_NEGATIVE, **MONEY)
    capped_by = models.CharField(_("begrensd door"), max_length=20, choices=CappedBy.choices, blank=True,
                                 default=CappedBy.NONE)
    explanation = models.CharField(_("berekening"), max_length=500)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("betaald door"))
    paid_at = models.DateTimeField(_("betaald op"))

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="contract__organisation",
        view=[Grant(BROKER), Grant(ENTREPRENEUR, via="contract__provider")],
        change=[],
    )

    class Meta:
        verbose_name = _("uitkomstbetaling")
        verbose_name_plural = _("uitkomstbetalingen")
        ordering = ["-paid_at", "-id"]
        indexes = [models.Index(fields=["contract", "metric"]), models.Index(fields=["-paid_at", "-id"])]
        constraints = [
            models.UniqueConstraint(fields=["claim"], name="one_payment_per_claim"),
            models.CheckConstraint(condition=Q(amount__gte=0) & Q(amount__lte=F("calculated")),
                                   name="payment_within_calculated"),
        ]

    def __str__(self):
        return f"{self.claim} — {euro(self.amount)}"

    def get_absolute_url(self):
        return self.claim.get_absolute_url()

    @property
    def calculation(self) -> str:
        """The calculation in the reader's language (``explanation`` keeps the Dutch record)."""
        return explain(count=self.count, price=self.price, calculated=self.calculated, amount=self.amount,
                       capped_by=self.capped_by)


# --- social impact bonds ------------------------------------------------------------------

BOND_VIEW = [Grant(BROKER), Grant(ENTREPRENEUR, via="contract__provider")]


class SocialImpactBond(models.Model):
    """An outcome contract pre-financed by investors: the payers pay for outcomes, from which the
    investors are repaid (with a return when the targets are met)."""

    contract = models.OneToOneField(OutcomeContract, on_delete=models.CASCADE, related_name="bond",
                                    verbose_name=_("uitkomstcontract"))
    name = models.CharField(_("naam"), max_length=200)
    description = LimitedTextField(_("omschrijving"), blank=True, max_length=TEXT_MAX)
    intermediary = models.CharField(_("intermediair"), max_length=200, blank=True,
                                    help_text=_("De partij die de bond structureert en het project begeleidt."))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="contract__organisation", view=BOND_VIEW, change=[Grant(BROKER)])

    class Meta:
        verbose_name = _("social impact bond")
        verbose_name_plural = _("social impact bonds")
        ordering = ["-id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_with_id("financing:bond-detail", self.pk)


PAYER_TWICE = _("Deze organisatie is al betaler van deze social impact bond.")
INVESTOR_TWICE = _("Deze social impact bond heeft al een investeerder met deze naam.")


class BondPayer(models.Model):
    """An outcome payer besides (or together with) the commissioner."""

    bond = models.ForeignKey(SocialImpactBond, on_delete=models.CASCADE, related_name="payers",
                             verbose_name=_("social impact bond"))
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("betalende organisatie"))
    committed = models.DecimalField(_("toegezegd voor uitkomsten"), validators=NOT_NEGATIVE, **MONEY)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="bond__contract__organisation",
                          view=[Grant(BROKER), Grant(ENTREPRENEUR, via="bond__contract__provider")],
                          change=[Grant(BROKER)])

    class Meta:
        verbose_name = _("betaler")
        verbose_name_plural = _("betalers")
        constraints = [models.UniqueConstraint(fields=["bond", "organisation"], name="one_payer_row_per_organisation",
                                               violation_error_message=PAYER_TWICE)]

    def __str__(self):
        return str(self.organisation)

    def clean(self):
        super().clean()
        if not (self.bond_id and self.organisation_id):
            return
        contract = OutcomeContract.objects.filter(bond__pk=self.bond_id).only("organisation_id").first()
        if contract is not None and contract.organisation_id == self.organisation_id:
            raise ValidationError({"organisation": _(
                "Dit is de opdrachtgever van het contract; die betaalt al als opdrachtgever. Kies een andere "
                "organisatie.")})
        if BondPayer.objects.filter(bond_id=self.bond_id, organisation_id=self.organisation_id).exclude(
                pk=self.pk).exists():
            raise ValidationError({"organisation": PAYER_TWICE})


class BondInvestor(models.Model):
    bond = models.ForeignKey(SocialImpactBond, on_delete=models.CASCADE, related_name="investors",
                             verbose_name=_("social impact bond"))
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=12, choices=InvestorKind.choices)
    committed_capital = models.DecimalField(_("toegezegd kapitaal"), validators=NOT_NEGATIVE, **MONEY)
    repayment_terms = LimitedTextField(_("aflossingsvoorwaarden"), blank=True, max_length=TEXT_MAX)
    return_if_met = models.DecimalField(_("rendement bij behalen doelen (%)"), max_digits=5, decimal_places=2,
                                        validators=[MinValueValidator(0), MaxValueValidator(100)])
    terms_status = models.CharField(
        _("openbaarheid bedrag en voorwaarden"), max_length=8, choices=DataStatus.choices,
        default=DataStatus.PRIVATE,
        help_text=_("Vertrouwelijk: kapitaal, voorwaarden en rendement blijven buiten de open data."))

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="bond__contract__organisation",
                          view=[Grant(BROKER), Grant(ENTREPRENEUR, via="bond__contract__provider")],
                          change=[Grant(BROKER)])

    class Meta:
        verbose_name = _("investeerder")
        verbose_name_plural = _("investeerders")
        ordering = ["bond", "name"]
        constraints = [
            # The cash flows and the open data name an investor by its name: two of one bond with
            # one name (whatever the capitals) cannot be told apart.
            models.UniqueConstraint("bond", Lower("name"), name="one_investor_name_per_bond",
                                    violation_error_message=INVESTOR_TWICE),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.name = " ".join((self.name or "").split())
        if self.bond_id and self.name and BondInvestor.objects.filter(
                bond_id=self.bond_id, name__iexact=self.name).exclude(pk=self.pk).exists():
            raise ValidationError({"name": INVESTOR_TWICE})


class BondCashFlow(models.Model):
    """Money in or out of the bond in one period (investments, outcome payments, repayments)."""

    bond = models.ForeignKey(SocialImpactBond, on_delete=models.CASCADE, related_name="cash_flows",
                             verbose_name=_("social impact bond"))
    period = models.DateField(_("periode (eerste dag)"), validators=[NOT_BEFORE_1990])
    kind = models.CharField(_("soort"), max_length=16, choices=CashFlowKind.choices)
    investor = models.ForeignKey(BondInvestor, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="cash_flows", verbose_name=_("investeerder"))
    amount = models.DecimalField(_("bedrag"), validators=NOT_NEGATIVE, **MONEY)
    status = models.CharField(_("status"), max_length=10, choices=CashFlowStatus.choices,
                              default=CashFlowStatus.PLANNED,
                              help_text=_("Gepland: een prognose. Gerealiseerd: het geld is werkelijk overgemaakt. De "
                                          "uitkomstbetalingen van het contract zelf staan bij de claims."))
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="bond__contract__organisation",
                          view=[Grant(BROKER), Grant(ENTREPRENEUR, via="bond__contract__provider")],
                          change=[Grant(BROKER)])

    class Meta:
        verbose_name = _("kasstroom")
        verbose_name_plural = _("kasstromen")
        ordering = ["bond", "period", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period:%m-%Y}"

    def clean(self):
        super().clean()
        errors = {}
        if self.investor_id is not None:
            if self.kind == CashFlowKind.DELIVERY:
                # The provider's costs of delivery: money to the provider, not to or from an investor.
                errors["investor"] = _("Uitvoeringskosten gaan naar de aanbieder; kies hier geen investeerder.")
            elif self.bond_id and not BondInvestor.objects.filter(pk=self.investor_id, bond_id=self.bond_id).exists():
                errors["investor"] = _("Deze investeerder hoort niet bij deze social impact bond.")
        if self.period:
            today = timezone.localdate()
            if self.status == CashFlowStatus.REALISED and self.period > today:
                errors["period"] = _("Een gerealiseerde kasstroom ligt niet in de toekomst. Kies een periode tot en "
                                     "met vandaag, of leg de kasstroom vast als gepland.")
            elif self.status == CashFlowStatus.PLANNED and self.period > latest_planned_flow():
                errors["period"] = _("Een geplande kasstroom ligt hooguit %(years)s jaar vooruit, tot en met "
                                     "%(date)s; controleer het jaar.") % {
                    "years": PLANNED_FLOW_YEARS_AHEAD, "date": short_date(latest_planned_flow())}
        if errors:
            raise ValidationError(errors)


class FeasibilityCheck(models.Model):
    """The six questions of Rotterdam's SIB decision tree, answered by a broker; the conclusion and
    its reasons are computed (``financing.outcomes.feasibility``) and stored with the answers."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                                     related_name="sib_feasibility_checks", verbose_name=_("organisatie"))
    title = models.CharField(_("onderwerp"), max_length=200)
    contract = models.ForeignKey(OutcomeContract, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="feasibility_checks", verbose_name=_("uitkomstcontract"))
    societal_case = models.CharField(_("maatschappelijke business case"), max_length=8, choices=Answer.choices)
    causal_link = models.CharField(_("oorzakelijk verband, meetbaar en te monetariseren"), max_length=8, choices=Answer.choices)
    few_beneficiaries = models.CharField(_("overzichtelijk aantal partijen met profijt"), max_length=8, choices=Answer.choices)
    benefits_exceed_costs = models.CharField(_("baten hoger dan kosten"), max_length=8, choices=Answer.choices)
    sufficient_scale = models.CharField(_("voldoende schaal"), max_length=8, choices=Answer.choices)
    committed_parties = models.CharField(_("ondernemers en investeerders die erin geloven"), max_length=8, choices=Answer.choices)
    notes = LimitedTextField(_("toelichting"), blank=True, max_length=TEXT_MAX)
    conclusion = models.CharField(_("conclusie"), max_length=8, choices=Conclusion.choices)
    reasons = models.JSONField(_("redenen"), default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("aangemaakt door"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation", view=[Grant(BROKER)], change=[Grant(BROKER)])
    new_label = _("Nieuwe haalbaarheidstoets SIB")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("haalbaarheidstoets SIB")
        verbose_name_plural = _("haalbaarheidstoetsen SIB")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_with_id("financing:feasibility-detail", self.pk)
