"""Social return (SROI) and impactful procurement: rule sets with building blocks, contracts with
an obligation, valued realisations, match-making, purchase requests and impact challenges, and
the organisation's own supplier payments (share of spending at impact enterprises).

Money is Decimal in euros. Pure computations live in ``valuation.py`` (realisations and
obligations) and ``matching.py`` (scores); state changes go through ``services.py``."""


from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from impactportal.access import (
    ANYWHERE,
    BROKER,
    COLLEAGUE,
    ENTREPRENEUR,
    SELF,
    SROI_COORDINATOR,
    AccessPolicy,
    Grant,
    ScopedQuerySet,
)
from impactportal.accounts.constants import Department
from impactportal.dates import NOT_BEFORE_1990, NOT_TOO_FAR_AHEAD, latest_long_term_date
from impactportal.db.changes import changed_since_saved
from impactportal.links import reverse_with_id

# A quote (or a contract, an agreement) of € 0 was sent and listed: ``POSITIVE_AMOUNT``.
from impactportal.money import MONEY_FIELD, POSITIVE_AMOUNT, ZERO_EUROS
from impactportal.text import (
    ENGLISH_HELP,
    TEXT_MAX,
    AsciiDigitsRegexValidator,
    Bilingual,
    LimitedTextField,
    short_date,
)
from impactportal.uploads import UploadValidator

from .constants import (
    BlockKind,
    ChallengePhase,
    ContractStatus,
    MeetingOutcome,
    Procedure,
    RealisationStatus,
    RequestStatus,
    ResponseStatus,
    SubmissionStatus,
)


def in_language(texts: dict) -> str:
    """The text of the active language from a {"nl": …, "en": …} dict (Dutch when missing)."""
    return texts.get(get_language() or "nl") or texts.get("nl") or ""


MONEY = {"max_digits": 14, "decimal_places": 2}
NOT_NEGATIVE = [MinValueValidator(0)]
PERCENTAGE = [MinValueValidator(0), MaxValueValidator(100)]

# Dates use the portal's shared bounds (``impactportal.dates``): nothing before 1990 (a typo of
# the year, not history) and a planned date at most five years ahead (``NOT_TOO_FAR_AHEAD``).
PLANNED_DATE = [NOT_BEFORE_1990, NOT_TOO_FAR_AHEAD]
# A contract's end: its term with every extension can be long (a concession or a DBFM contract
# runs 25 to 30 years), so not the five years of a plan; "31-12-9999" or 2250 for 2025 is still a
# typo that made the contract look running for ever. Fifty years from today, the shared ceiling of
# a long-term date (``latest_long_term_date``), with a message for a field that cannot be left
# empty. (An award date plus a contract length would move with every typo in the award date.)
CONTRACT_END = [NOT_BEFORE_1990, MaxValueValidator(latest_long_term_date, message=_(
    "Vul een einddatum in die hooguit vijftig jaar vooruit ligt; controleer het jaar."))]

# The hours of one realisation line ("Kennis- of ondersteuningsuren"): 999.999 hours valued a line at
# € 99.999.900. As a placement line holds at most 2 fte, an hours line holds at most what two
# full-time jobs work in a year (2 × 52 weeks × 40 hours = 4.160 hours); support given over a
# longer time is reported per year (or more often), in more lines.
MAX_LINE_HOURS = 4160
MAX_LINE_HOURS_MESSAGE = _("Vul hooguit 4.160 uur in (twee voltijdbanen een jaar lang). Meld meer uren in aparte "
                           "regels, bijvoorbeeld per jaar.")
LINE_HOURS = [MinValueValidator(0), MaxValueValidator(MAX_LINE_HOURS, message=MAX_LINE_HOURS_MESSAGE)]

# A pseudonymous candidate code chosen by the supplier: letters, digits and dashes, and never
# nine digits in a row (that could be a BSN) — so a code, not a name or a number that identifies.
candidate_ref_validator = AsciiDigitsRegexValidator(
    r"^(?![0-9]{9}$)(?!.*[0-9]{2}-[0-9]{2}-[0-9]{4})[A-Za-z0-9][A-Za-z0-9-]{1,39}$",
    _("Gebruik een eigen code van 2 tot 40 letters, cijfers of streepjes (geen naam, BSN of geboortedatum)."),
)
kvk_validator = AsciiDigitsRegexValidator(r"^[0-9]{8}$", _("Een KvK-nummer bestaat uit precies 8 cijfers."))


def realisation_evidence_upload(instance, filename):
    return f"procurement/realisations/{filename}"


def response_attachment_upload(instance, filename):
    return f"procurement/responses/{filename}"


def submission_attachment_upload(instance, filename):
    return f"procurement/submissions/{filename}"


# --- rule sets ----------------------------------------------------------------------------

# Rule sets are published policy: every broker and colleague reads them; brokers of the owning
# organisation, or of a member of the owning region, change them. A regional SROI coordinator
# reads the rule sets of the region and of its members, and keeps (changes) the region's own.
# Network partners (access.PARTNER) have no grant anywhere in this app: SROI and procurement stay
# with the municipality.
RULE_SET_VIEW = [Grant(BROKER, via=ANYWHERE), Grant(COLLEAGUE, via=ANYWHERE)]
COORDINATOR = SROI_COORDINATOR


class RuleSet(models.Model):
    """A versioned table of conversion rules (*bouwblokken*) of an organisation or a region."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="sroi_rule_sets",
        verbose_name=_("organisatie"))
    region = models.ForeignKey(
        "accounts.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="sroi_rule_sets",
        verbose_name=_("regio"))
    name = models.CharField(_("naam"), max_length=200)
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    # The fixed code seed_reference finds the shipped table by when an administrator renamed it (never edited;
    # a new version does not copy it).
    seed_key = models.CharField(_("seedsleutel"), max_length=200, blank=True, db_index=True, editable=False)
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    obligation_percentage = models.DecimalField(
        _("verplichting (% van de opdrachtwaarde)"), max_digits=5, decimal_places=2, validators=PERCENTAGE)
    threshold = models.DecimalField(
        _("drempelwaarde"), default=0, validators=NOT_NEGATIVE,
        help_text=_("Onder deze opdrachtwaarde geldt geen social return."), **MONEY)
    cap = models.DecimalField(
        _("maximale verplichting per opdracht"), null=True, blank=True, validators=NOT_NEGATIVE, **MONEY)
    is_example = models.BooleanField(
        _("voorbeeld"), default=False, help_text=_("Demotabel, geen vastgesteld beleid."))
    source = models.CharField(_("bron"), max_length=300, blank=True,
                              help_text=_("Het beleidsdocument waar deze tabel uit komt."))
    notes = LimitedTextField(_("toelichting"), blank=True, max_length=TEXT_MAX)
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="next_versions", verbose_name=_("vorige versie"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="organisation",
        view=[*RULE_SET_VIEW, Grant(COORDINATOR), Grant(COORDINATOR, via="region")],
        change=[Grant(BROKER), Grant(BROKER, via="region"), Grant(COORDINATOR, via="region")],
    )
    new_label = _("Nieuwe SROI-regeling")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("SROI-regeling")
        verbose_name_plural = _("SROI-regelingen")
        ordering = ["name", "-version", "id"]
        indexes = [
            models.Index(fields=["organisation", "valid_from"]),
            models.Index(fields=["region", "valid_from"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(region__isnull=True))
                | (Q(organisation__isnull=True) & Q(region__isnull=False)),
                name="rule_set_one_owner",
                violation_error_message=_("Een regeling hoort bij een organisatie of bij een regio, niet bij beide."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="rule_set_valid_period",
                violation_error_message=_("De einddatum ligt vóór de ingangsdatum."),
            ),
            models.UniqueConstraint(fields=["organisation", "name", "version"], name="rule_set_org_version"),
            models.UniqueConstraint(fields=["region", "name", "version"], name="rule_set_region_version"),
            models.UniqueConstraint(fields=["organisation", "seed_key", "version"], condition=~Q(seed_key=""),
                                    name="rule_set_org_seed_key"),
            models.UniqueConstraint(fields=["region", "seed_key", "version"], condition=~Q(seed_key=""),
                                    name="rule_set_region_seed_key"),
        ]

    def __str__(self):
        return f"{self.name} (v{self.version})"

    def get_absolute_url(self):
        return reverse_with_id("procurement:rule-set-detail", self.pk)

    @property
    def owner(self):
        return self.organisation or self.region

    def clean(self):
        super().clean()
        if bool(self.organisation_id) == bool(self.region_id):
            raise ValidationError(_("Kies een organisatie of een regio als eigenaar."))
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("De einddatum ligt vóór de ingangsdatum.")})

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    @staticmethod
    def applicable_to(organisation) -> Q:
        """The rule sets that apply to an organisation's contracts: its own, and those of the
        regions it is a member of (a region standardises the rules of its members). Another
        municipality's or region's table is policy to read, not to pin on a contract."""
        return Q(organisation=organisation) | Q(region__members=organisation)

    def applies_to(self, organisation) -> bool:
        if self.organisation_id is not None:
            return self.organisation_id == organisation.pk
        return self.region.members.filter(pk=organisation.pk).exists()


class Block(Bilingual, models.Model):
    """One conversion rule of a rule set (its name and notes with an English version, ``<field>_en``:
    English pages show it, or the Dutch where it is empty). ``value`` means, by kind: per FTE-year (placement,
    bonus), per month (work experience), per year (training), per hour (hours); a purchase
    counts ``share`` of the amount; a certificate lowers the obligation by
    ``reduction_percentage``; ``other`` takes the line's own amount once approved."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="blocks",
                                 verbose_name=_("regeling"))
    code = models.SlugField(_("code"), max_length=60)
    kind = models.CharField(_("soort"), max_length=20, choices=BlockKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    name_en = models.CharField(_("naam in het Engels"), max_length=200, blank=True, help_text=ENGLISH_HELP)
    value = models.DecimalField(_("waarde"), null=True, blank=True, validators=NOT_NEGATIVE, **MONEY)
    share = models.DecimalField(
        _("deel dat telt"), max_digits=5, decimal_places=4, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Bij inkoop: het deel van het factuurbedrag exclusief btw dat meetelt (1 = alles)."))
    max_years = models.DecimalField(
        _("maximaal aantal jaren per kandidaat"), max_digits=4, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)], help_text=_("Leeg: geen maximum."))
    required_schemes = models.JSONField(
        _("vereiste certificaten"), default=list, blank=True,
        help_text=_("Bij inkoop: de verkoper moet een van deze certificaten hebben, geldig op de factuurdatum "
                    "(leeg: elke toegelaten impactonderneming). Bij een certificaatblok: de certificaten die tellen."))
    reduction_percentage = models.DecimalField(
        _("verlaging van de verplichting (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=PERCENTAGE)
    level = models.CharField(_("niveau"), max_length=40, blank=True)
    notes = models.CharField(_("toelichting"), max_length=300, blank=True)
    notes_en = models.CharField(_("toelichting in het Engels"), max_length=300, blank=True, help_text=ENGLISH_HELP)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="rule_set__organisation",
        view=[*RULE_SET_VIEW, Grant(COORDINATOR), Grant(COORDINATOR, via="rule_set__region")],
        change=[Grant(BROKER), Grant(BROKER, via="rule_set__region"), Grant(COORDINATOR, via="rule_set__region")],
    )

    class Meta:
        verbose_name = _("bouwblok")
        verbose_name_plural = _("bouwblokken")
        ordering = ["rule_set", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["rule_set", "code"], name="block_code_per_rule_set")]

    translated = ("name", "notes")

    def __str__(self):
        return self.in_language("name")

    @property
    def page_name(self) -> str:
        return self.in_language("name")

    @property
    def page_notes(self) -> str:
        return self.in_language("notes")


# --- contracts and realisations -----------------------------------------------------------

# The supplier's people: entrepreneurs of the supplier enterprise, and contractor contacts the
# broker invited to this one contract.
SUPPLIER_OF_CONTRACT = [Grant(ENTREPRENEUR, via="supplier"), Grant(SELF, via="contacts__user")]


class Contract(models.Model):
    """A contract with a social-return obligation, valued by the rule set pinned at award."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                                     related_name="sroi_contracts", verbose_name=_("opdrachtgever"))
    title = models.CharField(_("titel"), max_length=200)
    reference = models.CharField(_("kenmerk"), max_length=60, blank=True)
    category = models.ForeignKey("enterprises.OfferingCategory", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="sroi_contracts", verbose_name=_("categorie"))
    # A contract of € 0 was registered: there is nothing to owe social return on.
    value = models.DecimalField(_("opdrachtwaarde (excl. btw)"), validators=POSITIVE_AMOUNT, **MONEY)
    # An award has happened or is planned soon: "01-01-2090" is a typo, like any planned date more
    # than five years ahead.
    award_date = models.DateField(_("gunningsdatum"), validators=PLANNED_DATE)
    end_date = models.DateField(_("einddatum"), validators=CONTRACT_END)
    supplier = models.ForeignKey("enterprises.Enterprise", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="sroi_contracts", verbose_name=_("leverancier uit het register"))
    supplier_name = models.CharField(_("leverancier"), max_length=200)
    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="contracts",
                                 verbose_name=_("SROI-regeling"))
    obligation = models.DecimalField(_("verplichting"), default=0, **MONEY)
    # The calculation in every UI language ({"nl": …, "en": …}), written when the obligation is set.
    obligation_explanations = models.JSONField(_("berekening verplichting"), default=dict, blank=True)
    # Denormalised sums, kept by the services: lists of 20,000 contracts sort and filter on them.
    realised = models.DecimalField(_("gerealiseerd (geverifieerd)"), default=0, **MONEY)
    reported = models.DecimalField(_("gemeld (nog niet geverifieerd)"), default=0, **MONEY)
    status = models.CharField(_("status"), max_length=12, choices=ContractStatus.choices,
                              default=ContractStatus.OPEN)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("aangemaakt door"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="organisation",
        # The regional SROI coordinator reads the contracts of the region's members (it assesses
        # their realisation lines, see Realisation); changing, closing and inviting stay local.
        view=[Grant(BROKER), Grant(COLLEAGUE), Grant(COORDINATOR), *SUPPLIER_OF_CONTRACT],
        change=[Grant(BROKER)],
        actions={
            # Enter realisations and evidence: the supplier's people and the municipality's brokers.
            "report": [Grant(BROKER), *SUPPLIER_OF_CONTRACT],
            # Verify or reject realisations, invite contractor contacts, close the contract.
            "verify": [Grant(BROKER)],
            # Match-making for the remaining obligation.
            "match": [Grant(BROKER), Grant(COLLEAGUE)],
        },
    )
    new_label = _("Nieuw SROI-contract")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("SROI-contract")
        verbose_name_plural = _("SROI-contracten")
        ordering = ["-award_date", "-id"]
        indexes = [
            models.Index(fields=["-award_date", "-id"]),
            models.Index(fields=["organisation", "-award_date", "-id"]),
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["supplier", "end_date"]),
            models.Index(fields=["status", "end_date"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("award_date")), name="contract_ends_after_award",
                                   violation_error_message=_("De einddatum ligt vóór de gunningsdatum.")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_with_id("procurement:contract-detail", self.pk)

    def clean(self):
        super().clean()
        if self.award_date and self.end_date and self.end_date < self.award_date:
            raise ValidationError({"end_date": _("De einddatum ligt vóór de gunningsdatum.")})

    @property
    def remaining(self):
        return max(self.obligation - self.realised, 0)

    @property
    def obligation_explanation(self) -> str:
        return in_language(self.obligation_explanations)


class ContractContact(models.Model):
    """A contractor's contact person, invited by a broker to report on one contract only."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="contacts",
                                 verbose_name=_("contract"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sroi_contracts",
                             verbose_name=_("contactpersoon"))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("uitgenodigd door"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="contract__organisation", view=[Grant(BROKER), Grant(SELF, via="user")],
                          change=[Grant(BROKER)])

    class Meta:
        verbose_name = _("contactpersoon opdrachtnemer")
        verbose_name_plural = _("contactpersonen opdrachtnemer")
        constraints = [models.UniqueConstraint(fields=["contract", "user"], name="one_contact_per_user")]

    def __str__(self):
        return str(self.user)


class Realisation(models.Model):
    """One line of fulfilment, valued on entry by the contract's pinned rule set; it counts as
    realised once a broker verified it."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="realisations",
                                 verbose_name=_("contract"))
    block = models.ForeignKey(Block, on_delete=models.PROTECT, related_name="realisations",
                              verbose_name=_("bouwblok"))
    date = models.DateField(_("datum"))
    fte = models.DecimalField(_("fte"), max_digits=4, decimal_places=2, null=True, blank=True,
                              validators=[MinValueValidator(0), MaxValueValidator(2)])
    months = models.DecimalField(_("maanden"), max_digits=5, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(0), MaxValueValidator(600)])
    amount = models.DecimalField(_("bedrag (excl. btw)"), null=True, blank=True, validators=NOT_NEGATIVE, **MONEY)
    hours = models.DecimalField(_("uren"), max_digits=8, decimal_places=2, null=True, blank=True,
                                validators=LINE_HOURS)
    bonuses = models.ManyToManyField(Block, blank=True, related_name="bonus_realisations",
                                     verbose_name=_("bonussen"))
    candidate_ref = models.CharField(_("kandidaatcode"), max_length=40, blank=True,
                                     validators=[candidate_ref_validator],
                                     help_text=_("Een eigen code per kandidaat, nooit een naam, BSN of geboortedatum."))
    seller = models.ForeignKey("enterprises.Enterprise", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="sroi_sales", verbose_name=_("verkoper (impactonderneming)"))
    justification = LimitedTextField(_("onderbouwing"), blank=True, max_length=TEXT_MAX)
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    evidence = models.FileField(_("bewijs"), upload_to=realisation_evidence_upload, blank=True,
                                validators=[UploadValidator()],
                                help_text=_("PDF, PNG of JPG, maximaal 5 MB."))
    value = models.DecimalField(_("waarde"), default=0, **MONEY)
    # The one-line calculation in every UI language ({"nl": …, "en": …}), written on valuation.
    explanations = models.JSONField(_("berekening"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=RealisationStatus.choices,
                              default=RealisationStatus.SUBMITTED)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("ingevoerd door"))
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("geverifieerd door"))
    verified_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    rejection_reason = LimitedTextField(_("reden van afwijzing"), blank=True, max_length=TEXT_MAX)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    SUPPLIER = [Grant(ENTREPRENEUR, via="contract__supplier"), Grant(SELF, via="contract__contacts__user")]
    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="contract__organisation",
        view=[Grant(BROKER), Grant(COLLEAGUE), Grant(COORDINATOR), *SUPPLIER],
        # The supplier may correct a line until it is assessed.
        change=[Grant(BROKER)] + [Grant(g.role, via=g.via, condition=Q(status=RealisationStatus.SUBMITTED))
                                  for g in SUPPLIER],
        actions={
            # Verify or reject with a reason: the contracting organisation's brokers and the SROI
            # coordinator of its region (who needs the evidence for that).
            "verify": [Grant(BROKER), Grant(COORDINATOR)],
            "evidence": [Grant(BROKER), Grant(COORDINATOR), *SUPPLIER],
        },
    )

    class Meta:
        verbose_name = _("realisatie")
        verbose_name_plural = _("realisaties")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["contract", "status"]),
            models.Index(fields=["contract", "-date", "-id"]),
            models.Index(fields=["contract", "block", "candidate_ref"]),
            models.Index(fields=["status", "date"]),
        ]

    def __str__(self):
        return f"{self.block} — {short_date(self.date)}" if self.date and self.block_id else str(_("Realisatie"))

    def get_absolute_url(self):
        return reverse_with_id("procurement:realisation-detail", self.pk)

    def clean(self):
        super().clean()
        # A line reports what was done under this contract: one dated 2020 or 2030 on a contract
        # of 2026-2028 was accepted and counted as reported. So the date lies within the contract
        # period and not ahead. A line stored before this rule stays correctable while its date
        # stays (a contract's dates may also have moved since).
        if not self.date or not self.contract_id or not changed_since_saved(self, "date"):
            return
        contract, today = self.contract, timezone.localdate()
        if self.date < contract.award_date:
            message = _("De datum ligt vóór de gunningsdatum van het contract (%(day)s).") % {
                "day": short_date(contract.award_date)}
        elif self.date > contract.end_date:
            message = _("De datum ligt na de einddatum van het contract (%(day)s).") % {
                "day": short_date(contract.end_date)}
        elif self.date > today:
            message = _("De datum ligt in de toekomst: meld een realisatie als die is gedaan.")
        else:
            return
        raise ValidationError({"date": message})

    @property
    def explanation(self) -> str:
        return in_language(self.explanations)


def reported_value():
    """What a line reported by the supplier stands for while it awaits assessment: its valuation,
    except an "Anders, met onderbouwing" line, which is worth nothing until a broker approves it
    and so counts at the amount the supplier claimed. Without this a pending claim of € 2.500
    showed as € 0 in every "reported, not yet verified" figure and nobody saw that it awaited a
    decision (user review 5). Any other line (and an assessed one) stands for its value; a sum of
    submitted lines is self-declared, never realised."""
    return Case(When(status=RealisationStatus.SUBMITTED, block__kind=BlockKind.OTHER,
                     then=Coalesce("amount", ZERO_EUROS)),
                default=F("value"), output_field=MONEY_FIELD)


class MatchMeeting(models.Model):
    """A match-making meeting between a supplier with a remaining obligation and an enterprise."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="meetings",
                                 verbose_name=_("contract"))
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.PROTECT, related_name="sroi_meetings",
                                   verbose_name=_("onderneming"))
    # A meeting (and its follow-up) is planned a few weeks or months ahead: "01-01-1900", 2099 or
    # "01-01-9999" is a typo of the year, which then led the follow-up list.
    date = models.DateField(_("datum"), validators=PLANNED_DATE)
    outcome = models.CharField(_("uitkomst"), max_length=12, choices=MeetingOutcome.choices,
                               default=MeetingOutcome.PLANNED)
    # An agreement of € 0 is no agreement (empty: no amount agreed).
    agreed_amount = models.DecimalField(_("afgesproken bedrag"), null=True, blank=True, validators=POSITIVE_AMOUNT,
                                        **MONEY)
    notes = LimitedTextField(_("verslag"), blank=True, max_length=TEXT_MAX)
    follow_up_on = models.DateField(_("vervolg op"), null=True, blank=True, validators=PLANNED_DATE)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("vastgelegd door"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="contract__organisation", view=[Grant(BROKER), Grant(COLLEAGUE)],
                          change=[Grant(BROKER), Grant(COLLEAGUE)])

    class Meta:
        verbose_name = _("matchgesprek")
        verbose_name_plural = _("matchgesprekken")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["follow_up_on"])]

    def __str__(self):
        return f"{self.enterprise} — {short_date(self.date)}" if self.date and self.enterprise_id else str(_("Matchgesprek"))


# --- purchase requests --------------------------------------------------------------------

OPEN_REQUESTS = Q(status=RequestStatus.OPEN)


class PurchaseRequest(models.Model):
    """A purchase request (*inkoopvraag*) posted on the platform for impact enterprises."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                                     related_name="purchase_requests", verbose_name=_("organisatie"))
    title = models.CharField(_("titel"), max_length=200)
    description = LimitedTextField(_("omschrijving"), max_length=TEXT_MAX)
    category = models.ForeignKey("enterprises.OfferingCategory", on_delete=models.PROTECT,
                                 related_name="purchase_requests", verbose_name=_("categorie"))
    # Optional; given, it is more than € 0 (a budget of € 0 told enterprises nothing).
    budget_indication = models.DecimalField(_("budgetindicatie (excl. btw)"), null=True, blank=True,
                                            validators=POSITIVE_AMOUNT, **MONEY)
    # Not in the past when typed (``clean``) and not beyond the five years of any planned date:
    # "31-12-9999" kept a request open for ever.
    deadline = models.DateField(_("reageren kan tot en met"), validators=[NOT_TOO_FAR_AHEAD])
    procedure = models.CharField(_("procedure"), max_length=12, choices=Procedure.choices,
                                 default=Procedure.MULTIPLE)
    is_reserved = models.BooleanField(
        _("voorbehouden opdracht"), default=False,
        help_text=_("Art. 2.82 Aanbestedingswet: alleen ondernemingen die aan de voorwaarden voor een "
                    "voorbehouden opdracht voldoen kunnen reageren."))
    status = models.CharField(_("status"), max_length=12, choices=RequestStatus.choices,
                              default=RequestStatus.OPEN)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("geplaatst door"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="organisation",
        # Open requests are public; once closed, only the posting organisation sees the request
        # (the responders follow their own responses: PurchaseResponse, "Mijn reacties").
        view=[Grant(BROKER), Grant(COLLEAGUE)],
        change=[Grant(BROKER), Grant(COLLEAGUE)],
        public=OPEN_REQUESTS,
        actions={
            # Respond with a quote: entrepreneurs, while the request is open (the service also
            # checks admission and, for a reserved request, eligibility).
            "respond": [Grant(ENTREPRENEUR, via=ANYWHERE, condition=OPEN_REQUESTS)],
            # See all responses, shortlist and award: the posting organisation.
            "award": [Grant(BROKER), Grant(COLLEAGUE)],
        },
    )
    new_label = _("Nieuwe inkoopvraag")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("inkoopvraag")
        verbose_name_plural = _("inkoopvragen")
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(fields=["status", "deadline", "id"]),
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["category", "status"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_with_id("procurement:request-detail", self.pk)

    def clean(self):
        super().clean()
        # A request nobody can respond to any more is a mistake, new or changed: a deadline typed now
        # lies today or later (it was checked for a new request only, and an edit moved an open
        # request's deadline into the past). A deadline that has passed since stays while it stays.
        if self.deadline and self.deadline < timezone.localdate() and changed_since_saved(self, "deadline"):
            raise ValidationError({"deadline": _("De termijn om te reageren ligt in het verleden.")})


class PurchaseResponse(models.Model):
    """An enterprise's response to a purchase request: a quote and an optional attachment."""

    request = models.ForeignKey(PurchaseRequest, on_delete=models.CASCADE, related_name="responses",
                                verbose_name=_("inkoopvraag"))
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE,
                                   related_name="purchase_responses", verbose_name=_("onderneming"))
    quote_amount = models.DecimalField(_("offertebedrag (excl. btw)"), validators=POSITIVE_AMOUNT, **MONEY)
    message = LimitedTextField(_("toelichting"), blank=True, max_length=TEXT_MAX)
    attachment = models.FileField(_("bijlage"), upload_to=response_attachment_upload, blank=True,
                                  validators=[UploadValidator()], help_text=_("PDF, PNG of JPG, maximaal 5 MB."))
    status = models.CharField(_("status"), max_length=14, choices=ResponseStatus.choices,
                              default=ResponseStatus.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("ingediend door"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="request__organisation",
        view=[Grant(BROKER), Grant(COLLEAGUE), Grant(ENTREPRENEUR, via="enterprise")],
        change=[Grant(ENTREPRENEUR, via="enterprise", condition=Q(status=ResponseStatus.SUBMITTED))],
        actions={
            "award": [Grant(BROKER), Grant(COLLEAGUE)],
            "attachment": [Grant(BROKER), Grant(COLLEAGUE), Grant(ENTREPRENEUR, via="enterprise")],
        },
    )

    class Meta:
        verbose_name = _("reactie op inkoopvraag")
        verbose_name_plural = _("reacties op inkoopvragen")
        ordering = ["request", "quote_amount", "id"]
        constraints = [models.UniqueConstraint(fields=["request", "enterprise"], name="one_response_per_enterprise")]

    def __str__(self):
        return f"{self.enterprise} — {self.request}" if self.enterprise_id and self.request_id else str(_("Reactie"))


# --- impact challenges --------------------------------------------------------------------

PUBLISHED_CHALLENGES = Q(is_published=True)


class Challenge(models.Model):
    """An impact challenge: a societal problem with a prize budget the jury divides."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                                     related_name="challenges", verbose_name=_("organisatie"))
    title = models.CharField(_("titel"), max_length=200)
    problem = LimitedTextField(_("maatschappelijk vraagstuk"), max_length=TEXT_MAX)
    prize_budget = models.DecimalField(_("prijzengeld"), validators=NOT_NEGATIVE, **MONEY)
    phase = models.CharField(_("fase"), max_length=12, choices=ChallengePhase.choices, default=ChallengePhase.CALL)
    submission_deadline = models.DateField(_("inzenden kan tot en met"), null=True, blank=True)
    is_published = models.BooleanField(_("gepubliceerd"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("aangemaakt door"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="organisation",
        view=[Grant(BROKER), Grant(COLLEAGUE), Grant(SELF, via="jurors__user")],
        change=[Grant(BROKER)],
        public=PUBLISHED_CHALLENGES,
        actions={
            "submit": [Grant(ENTREPRENEUR, via=ANYWHERE,
                             condition=PUBLISHED_CHALLENGES & Q(phase=ChallengePhase.SUBMISSIONS))],
            "score": [Grant(SELF, via="jurors__user")],
            "award": [Grant(BROKER)],
        },
    )
    new_label = _("Nieuwe impactchallenge")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("impactchallenge")
        verbose_name_plural = _("impactchallenges")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["is_published", "phase"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_with_id("procurement:challenge-detail", self.pk)


class ChallengeCriterion(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="criteria",
                                  verbose_name=_("challenge"))
    name = models.CharField(_("criterium"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weging"), default=1, validators=[MinValueValidator(1)])
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="challenge__organisation", view=[Grant(BROKER), Grant(COLLEAGUE)],
                          change=[Grant(BROKER)], public=Q(challenge__is_published=True))

    class Meta:
        verbose_name = _("beoordelingscriterium")
        verbose_name_plural = _("beoordelingscriteria")
        ordering = ["challenge", "order", "id"]

    def __str__(self):
        return self.name


class Juror(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="jurors",
                                  verbose_name=_("challenge"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="juries",
                             verbose_name=_("jurylid"))

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="challenge__organisation", view=[Grant(BROKER), Grant(SELF, via="user")],
                          change=[Grant(BROKER)])

    class Meta:
        verbose_name = _("jurylid")
        verbose_name_plural = _("juryleden")
        constraints = [models.UniqueConstraint(fields=["challenge", "user"], name="one_seat_per_juror")]

    def __str__(self):
        return str(self.user)


class Submission(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="submissions",
                                  verbose_name=_("challenge"))
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE,
                                   related_name="challenge_submissions", verbose_name=_("onderneming"))
    title = models.CharField(_("titel"), max_length=200)
    summary = LimitedTextField(_("samenvatting"), max_length=TEXT_MAX)
    attachment = models.FileField(_("bijlage"), upload_to=submission_attachment_upload, blank=True,
                                  validators=[UploadValidator()], help_text=_("PDF, PNG of JPG, maximaal 5 MB."))
    status = models.CharField(_("status"), max_length=14, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("ingediend door"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="challenge__organisation",
        view=[Grant(BROKER), Grant(COLLEAGUE), Grant(SELF, via="challenge__jurors__user"),
              Grant(ENTREPRENEUR, via="enterprise")],
        change=[Grant(ENTREPRENEUR, via="enterprise", condition=Q(challenge__phase=ChallengePhase.SUBMISSIONS))],
        actions={"select": [Grant(BROKER)],
                 "attachment": [Grant(BROKER), Grant(SELF, via="challenge__jurors__user"),
                                Grant(ENTREPRENEUR, via="enterprise")]},
    )

    class Meta:
        verbose_name = _("inzending")
        verbose_name_plural = _("inzendingen")
        ordering = ["challenge", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["challenge", "enterprise"], name="one_submission_per_enterprise")]

    def __str__(self):
        return self.title


class Score(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="scores",
                                   verbose_name=_("inzending"))
    criterion = models.ForeignKey(ChallengeCriterion, on_delete=models.CASCADE, related_name="scores",
                                  verbose_name=_("criterium"))
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="challenge_scores",
                              verbose_name=_("jurylid"))
    score = models.PositiveSmallIntegerField(_("score (0-10)"), validators=[MaxValueValidator(10)])
    comment = models.CharField(_("toelichting"), max_length=500, blank=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="submission__challenge__organisation",
                          view=[Grant(BROKER), Grant(SELF, via="juror")], change=[Grant(SELF, via="juror")])

    class Meta:
        verbose_name = _("juryscore")
        verbose_name_plural = _("juryscores")
        constraints = [models.UniqueConstraint(fields=["submission", "criterion", "juror"], name="one_score_per_juror")]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


class Award(models.Model):
    """Part of a challenge's prize budget awarded to a winner; the sum never exceeds the budget
    (``services.challenge_award`` locks the challenge and checks)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="awards",
                                  verbose_name=_("challenge"))
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="awards",
                                   verbose_name=_("inzending"))
    amount = models.DecimalField(_("bedrag"), validators=[MinValueValidator(0)], **MONEY)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("besloten door"))
    decided_at = models.DateTimeField(_("besloten op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="challenge__organisation", view=[Grant(BROKER), Grant(COLLEAGUE)],
                          change=[Grant(BROKER)],
                          public=Q(challenge__is_published=True,
                                   challenge__phase__in=[ChallengePhase.AWARDED, ChallengePhase.PILOT]))

    class Meta:
        verbose_name = _("toekenning")
        verbose_name_plural = _("toekenningen")
        constraints = [models.UniqueConstraint(fields=["challenge", "submission"], name="one_award_per_submission")]

    def __str__(self):
        return f"{self.submission}: {self.amount}"


# --- own spending at impact enterprises ----------------------------------------------------

# The organisation's payments are procurement's (inkoop): its brokers and its colleagues of the
# department on the row (inkoop by default, so a procurement colleague imports under their own
# organisation); a colleague of another department (vastgoed) sees nothing of them.
PAYMENT_DEPARTMENT = Department.INKOOP


def _payment_staff() -> list[Grant]:
    return [Grant(BROKER), Grant(COLLEAGUE, department_field="department", creates=True)]


def _department_field():
    return models.CharField(_("afdeling"), max_length=20, choices=Department.choices, default=PAYMENT_DEPARTMENT,
                            editable=False)


class PaymentImport(models.Model):
    """An uploaded CSV of the organisation's supplier payments (from its financial system) and
    the report of applying it."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE,
                                     related_name="payment_imports", verbose_name=_("organisatie"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("geüpload door"))
    file = models.FileField(_("CSV-bestand"), upload_to="payment-imports/")
    job = models.ForeignKey("impactportal.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                            verbose_name=_("taak"))
    report = models.JSONField(_("rapport"), default=dict, blank=True)
    department = _department_field()
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation", view=_payment_staff(), change=_payment_staff())
    audit = False  # a report of rows; the payments themselves carry the import

    class Meta:
        verbose_name = _("import betalingen")
        verbose_name_plural = _("imports betalingen")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{_('Import')} {short_date(self.created_at)}" if self.created_at else str(_("Import"))

    def get_absolute_url(self):
        return reverse_with_id("procurement:payment-import-detail", self.pk)


class SupplierPayment(models.Model):
    """One payment of the organisation to a supplier, matched to the register by KvK number."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE,
                                     related_name="supplier_payments", verbose_name=_("organisatie"))
    batch = models.ForeignKey(PaymentImport, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="payments", verbose_name=_("import"))
    supplier_kvk = models.CharField(_("KvK-nummer leverancier"), max_length=8, blank=True, validators=[kvk_validator])
    supplier_name = models.CharField(_("leverancier"), max_length=200)
    date = models.DateField(_("datum"))
    amount = models.DecimalField(_("bedrag (excl. btw)"), **MONEY)
    cost_category = models.CharField(_("kostensoort"), max_length=100, blank=True)
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="payments_received", verbose_name=_("impactonderneming"))
    department = _department_field()

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation", view=_payment_staff(), change=_payment_staff())
    audit = False  # imported in bulk; the import records who and when

    class Meta:
        verbose_name = _("betaling aan leverancier")
        verbose_name_plural = _("betalingen aan leveranciers")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["organisation", "date"]),
            models.Index(fields=["supplier_kvk"]),
        ]

    def __str__(self):
        return f"{self.supplier_name} — {short_date(self.date)}" if self.date else self.supplier_name
