"""Monitoring: snapshots of every indicator (monthly and the baseline of a programme), targets,
report requests with their PDF and review, and the steering group's programme data.

Who sees what (access policies below):
- indicator values and targets: staff of the organisation, brokers and colleagues of a region's
  members or a programme's participants for region/programme values, the programme's steering group;
- reports: an organisation's reports (drafts included) are its own staff's; a programme report is
  its steering group's; an enterprise's impact statement is its municipality's staff's and its
  entrepreneurs'. Network
  partners never see drafts. A published report is public (the public page leaves the internal
  appendix out); the full file is downloaded only by those who see it through a grant;
- steering-group data (members, meetings, budget): the steering group; the participants' brokers read.
An approved report is immutable: the model refuses, the database refuses (triggers, migration
0001) and the admin shows it read-only; so are its texts (``ReportText``, triggers of migration 0008)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from impactportal.access import (
    BROKER,
    COLLEAGUE,
    ENTREPRENEUR,
    PUBLIC,
    STEERING,
    AccessPolicy,
    Grant,
    ScopedQuerySet,
)
from impactportal.dates import NOT_BEFORE_1990, NOT_TOO_FAR_AHEAD
from impactportal.indicators import Basis, Level
from impactportal.links import reverse_with_id
from impactportal.text import ENGLISH_HELP, TEXT_MAX, Bilingual, LimitedTextField

from .constants import (
    BUDGET_HOLDER,
    MEETINGS_PER_YEAR,
    OPEN_MEETINGS_PER_YEAR,
    TEXT_SECTIONS,
    Outcome,
    ReportKind,
    ReportStatus,
    ReviewKind,
    ReviewState,
    Section,
    SnapshotKind,
    UnderspendRule,
)

MONEY = {"max_digits": 14, "decimal_places": 2}
VALUE = {"max_digits": 20, "decimal_places": 4}
NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]
# A target is a count, an amount or a percentage: "-5" was saved (security review).
TARGET_NOT_NEGATIVE = [MinValueValidator(Decimal("0"), message=_("Een doel is 0 of meer."))]

# The years of the steering group's data (a contribution, a target): years 0, 32767 and 99999 were
# saved. From 1990 (the portal's floor of a date, ``impactportal.dates.EARLIEST_DATE``) to ten years
# ahead (as a budget year: ``brokers.models.bounds``), from today, so the limit never goes stale.
FIRST_YEAR = 1990
YEARS_AHEAD = 10


def latest_year() -> int:
    return timezone.localdate().year + YEARS_AHEAD


YEAR = [MinValueValidator(FIRST_YEAR, message=_("Vul een jaar in vanaf %(limit_value)s.")),
        MaxValueValidator(latest_year, message=_("Vul een jaar in tot en met %(limit_value)s."))]
# A meeting or a spending: the portal's shared bounds (01-01-0001 and 31-12-9999 were saved).
DATE = [NOT_BEFORE_1990, NOT_TOO_FAR_AHEAD]

# Indicator values: the organisation's staff; region values: staff of its members; programme
# values: staff of its participants and its steering group (also for its participants' values).
VALUE_READERS = [
    Grant(BROKER), Grant(COLLEAGUE),
    Grant(BROKER, via="region"), Grant(COLLEAGUE, via="region"),
    Grant(BROKER, via="programme"), Grant(COLLEAGUE, via="programme"),
    Grant(STEERING, via="programme"), Grant(STEERING, via="organisation__programmes"),
]


class Snapshot(models.Model):
    """One measurement of every indicator: a month ("2026-11") or a programme's baseline."""

    kind = models.CharField(_("soort"), max_length=12, choices=SnapshotKind.choices)
    label = models.CharField(_("periode"), max_length=40)
    programme = models.ForeignKey("accounts.Programme", on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="baselines", verbose_name=_("programma (nulmeting)"))
    period_start = models.DateTimeField(_("begin"))
    period_end = models.DateTimeField(_("einde"))
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = PUBLIC  # when a measurement was taken is no secret; its values are (SnapshotValue)
    audit = False

    class Meta:
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        ordering = ["-period_end", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "label"], condition=Q(programme__isnull=True),
                                    name="monitoring_one_snapshot_per_period"),
            models.UniqueConstraint(fields=["kind", "programme"], condition=Q(programme__isnull=False),
                                    name="monitoring_one_baseline_per_programme"),
        ]

    def __str__(self):
        if self.kind == SnapshotKind.BASELINE:
            return _("Nulmeting %(label)s") % {"label": self.label}
        from .reports import month_label  # reports imports the models

        return month_label(self.label)


class SnapshotValue(models.Model):
    """The value of one indicator for one organisation, region or programme in a snapshot."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="values",
                                 verbose_name=_("meting"))
    code = models.CharField(_("indicator"), max_length=80)
    level = models.CharField(_("niveau"), max_length=12, choices=Level.choices)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="+", verbose_name=_("organisatie"))
    region = models.ForeignKey("accounts.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                               verbose_name=_("regio"))
    programme = models.ForeignKey("accounts.Programme", on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="+", verbose_name=_("programma"))
    value = models.DecimalField(_("waarde"), **VALUE)
    basis = models.CharField(_("status"), max_length=16, choices=Basis.choices)
    source = models.CharField(_("bron"), max_length=40)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation", view=VALUE_READERS)
    audit = False

    class Meta:
        verbose_name = _("indicatorwaarde")
        verbose_name_plural = _("indicatorwaarden")
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "code", "organisation"], condition=Q(level="organisation"),
                                    name="monitoring_value_per_organisation"),
            models.UniqueConstraint(fields=["snapshot", "code", "region"], condition=Q(level="region"),
                                    name="monitoring_value_per_region"),
            models.UniqueConstraint(fields=["snapshot", "code", "programme"], condition=Q(level="programme"),
                                    name="monitoring_value_per_programme"),
        ]
        indexes = [models.Index(fields=["organisation", "snapshot"]), models.Index(fields=["programme", "snapshot"])]

    def __str__(self):
        return f"{self.code} = {self.value}"


class Target(models.Model):
    """What an organisation or a programme aims for on one indicator in one year."""

    code = models.CharField(_("indicator"), max_length=80)
    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="+", verbose_name=_("organisatie"))
    programme = models.ForeignKey("accounts.Programme", on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="+", verbose_name=_("programma"))
    # "doel" is also a purpose elsewhere ("purpose" in English): the context keeps a target a target.
    value = models.DecimalField(pgettext_lazy("monitoring target", "doel"), validators=TARGET_NOT_NEGATIVE, **VALUE)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    new_label = pgettext_lazy("monitoring target", "Nieuw doel")

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation",
                          view=[Grant(BROKER), Grant(COLLEAGUE), Grant(STEERING, via="programme"),
                                Grant(BROKER, via="programme")],
                          change=[Grant(BROKER), Grant(STEERING, via="programme")])

    class Meta:
        verbose_name = pgettext_lazy("monitoring target", "doel")
        verbose_name_plural = pgettext_lazy("monitoring target", "doelen")
        ordering = ["year", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(organisation__isnull=True) ^ Q(programme__isnull=True),
                                   name="monitoring_target_one_owner",
                                   violation_error_message=_("Een doel hoort bij een organisatie of een programma.")),
            models.UniqueConstraint(fields=["code", "year", "organisation"], condition=Q(organisation__isnull=False),
                                    name="monitoring_target_per_organisation"),
            models.UniqueConstraint(fields=["code", "year", "programme"], condition=Q(programme__isnull=False),
                                    name="monitoring_target_per_programme"),
        ]

    def __str__(self):
        """"Toegelaten ondernemingen · Gemeente Haarlem · 2026: 86" (the admin listed
        "enterprises.admitted 2026: 86.0000", two organisations' targets alike)."""
        from . import registry
        from .reports import fmt

        indicator = registry.by_code().get(self.code)
        owner = self.organisation or self.programme
        return (f"{indicator.name if indicator else self.code} · {owner} · {self.year}: "
                f"{fmt(self.value, indicator.unit if indicator else '')}")


def report_path(instance, filename):
    # Private storage (MEDIA_ROOT is never served): downloaded through the permission-checked view.
    return f"monitoring/reports/{instance.pk}/{filename}"


# An organisation's reports: its staff; a programme's: its steering group; an enterprise's impact
# statement: the staff of its municipality and its own entrepreneurs. Network partners: never.
REPORT_READERS = [Grant(BROKER), Grant(COLLEAGUE), Grant(STEERING, via="programme"),
                  Grant(BROKER, via="enterprise__municipality"), Grant(COLLEAGUE, via="enterprise__municipality"),
                  Grant(ENTREPRENEUR, via="enterprise")]
REPORT_KEEPERS = [Grant(BROKER), Grant(STEERING, via="programme"), Grant(BROKER, via="enterprise__municipality")]


class ReportQuerySet(ScopedQuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)


class ImmutableReport(ValidationError):
    pass


class ReportRequest(models.Model):
    """A report someone asked for: its scope and period, the snapshot it is built from, the
    background job that makes it, its PDF with checksum, and its review."""

    kind = models.CharField(_("soort"), max_length=20, choices=ReportKind.choices)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("organisatie"))
    programme = models.ForeignKey("accounts.Programme", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("programma"))
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("onderneming"))
    period = models.CharField(_("periode"), max_length=7)
    scope_key = models.CharField(_("bereik"), max_length=60, editable=False)  # "organisation:12": one key for uniqueness
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="reports",
                                 verbose_name=_("meting"))
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    previous = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("vorige versie"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("aangevraagd door"))
    status = models.CharField(_("status"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    error = models.TextField(_("reden van mislukken"), blank=True)
    job = models.ForeignKey("impactportal.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                            verbose_name=_("taak"))
    task_id = models.CharField(_("taaknummer"), max_length=64, blank=True)
    file = models.FileField(_("bestand"), upload_to=report_path, blank=True, max_length=300)
    checksum = models.CharField(_("controlegetal (SHA-256)"), max_length=64, blank=True)
    public_file = models.FileField(_("openbare versie"), upload_to=report_path, blank=True, max_length=300)
    # The public PDF's own checksum (what visitors download differs from ``file``: no internal appendix).
    public_checksum = models.CharField(_("controlegetal openbare versie"), max_length=64, blank=True)
    # A draft's figures computed from rows a department keeps (supplier payments, inkoop's) are not
    # for colleagues of other departments: they read this copy, those figures replaced by "niet
    # beschikbaar voor uw afdeling" (``reports.withheld_in_draft``). Made with the file.
    department_file = models.FileField(_("versie voor andere afdelingen"), upload_to=report_path, blank=True,
                                       max_length=300)
    department_checksum = models.CharField(_("controlegetal versie voor andere afdelingen"), max_length=64,
                                           blank=True)
    review_state = models.CharField(_("beoordeling"), max_length=20, choices=ReviewState.choices,
                                    default=ReviewState.DRAFT)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("vastgesteld door"))
    approved_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()
    access = AccessPolicy(
        owner="organisation",
        view=REPORT_READERS,
        change=REPORT_KEEPERS,
        public=Q(published_at__isnull=False),
        actions={
            # The full file (with the internal appendix): never through the public rule.
            "download": REPORT_READERS,
            "comment": [*REPORT_KEEPERS, Grant(COLLEAGUE), Grant(COLLEAGUE, via="enterprise__municipality")],
            # A programme's report: the chair of its steering group (checked by the service); an
            # organisation's: its brokers (who take it to the council).
            "decide": REPORT_KEEPERS,
            "publish": REPORT_KEEPERS,
        },
    )

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporten")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "scope_key", "period", "snapshot", "version"],
                                    name="monitoring_one_report_per_snapshot"),
            models.CheckConstraint(
                condition=Q(review_state="approved", approved_at__isnull=False) | ~Q(review_state="approved"),
                name="monitoring_approved_has_time"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.scope_label} {self.period} (v{self.version})"

    # An approved report is immutable: refused here, in the database (triggers) and in the admin.
    # Publishing is the one change an approved report still takes (its date and public file).
    MUTABLE_WHEN_APPROVED = ("published_at", "public_file", "public_checksum")

    def save(self, *args, **kwargs):
        if self.pk:
            stored = type(self).objects.filter(pk=self.pk).values("review_state").first()
            if stored and stored["review_state"] == ReviewState.APPROVED:
                fields = kwargs.get("update_fields")
                if fields is None or set(fields) - set(self.MUTABLE_WHEN_APPROVED):
                    raise ImmutableReport(_("Een vastgesteld rapport verandert niet meer; maak een nieuwe versie."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_with_id("monitoring:report-detail", self.pk)

    def public_url(self) -> str:
        """Where the public finds a published report: its programme's or organisation's public
        page, or (an impact statement, which has no public list) its public PDF; empty before
        it is published."""
        if not self.published_at:
            return ""
        if self.programme_id:
            return reverse("monitoring:public-programme", args=[self.programme.slug])
        if self.organisation_id:
            return reverse("monitoring:public-organisation", args=[self.organisation.slug])
        return reverse("monitoring:public-file", args=[self.pk])

    def delete(self, *args, **kwargs):
        if type(self).objects.filter(pk=self.pk, review_state=ReviewState.APPROVED).exists():
            raise ImmutableReport(_("Een vastgesteld rapport kan niet worden verwijderd."))
        return super().delete(*args, **kwargs)

    @property
    def scope_label(self) -> str:
        return str(self.enterprise or self.programme or self.organisation or "")

    @property
    def is_approved(self) -> bool:
        return self.review_state == ReviewState.APPROVED




# A report's texts are read as the report is (a published report's by everyone) and written by its
# keepers (``REPORT_KEEPERS``, through the report), while the version is an undecided draft
# (``services.report_texts_save``).
TEXT_READERS = [Grant(BROKER), Grant(COLLEAGUE), Grant(STEERING, via="report__programme"),
                Grant(BROKER, via="report__enterprise__municipality"),
                Grant(COLLEAGUE, via="report__enterprise__municipality"), Grant(ENTREPRENEUR, via="report__enterprise")]
TEXT_KEEPERS = [Grant(BROKER), Grant(STEERING, via="report__programme"),
                Grant(BROKER, via="report__enterprise__municipality")]


class ReportText(models.Model):
    """What the report's keepers write in one section of one version (``constants.TEXT_SECTIONS``):
    the PDF prints it under the section's heading. A new version starts from the previous one's
    texts (``services.report_new_version``). Frozen with the report once it is approved: the model
    refuses, and so does the database (triggers, migration 0008)."""

    report = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="texts",
                               verbose_name=_("rapport"))
    section = models.CharField(_("onderdeel"), max_length=20,
                               choices=[(section.value, section.label) for section in TEXT_SECTIONS])
    body = LimitedTextField(_("tekst"), blank=True, max_length=TEXT_MAX)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("laatst gewijzigd door"))
    # Not ``auto_now``: a text copied into the next version keeps who wrote it and when.
    changed_at = models.DateTimeField(_("laatst gewijzigd op"), default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="report__organisation", view=TEXT_READERS, change=TEXT_KEEPERS,
                          public=Q(report__published_at__isnull=False))

    class Meta:
        verbose_name = _("rapporttekst")
        verbose_name_plural = _("rapportteksten")
        ordering = ["report", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="monitoring_one_text_per_section"),
            models.CheckConstraint(condition=Q(section__in=list(TEXT_SECTIONS)), name="monitoring_text_section",
                                   violation_error_message=_("Bij dit onderdeel hoort geen tekst.")),
        ]

    def __str__(self):
        return f"{self.report} · {self.get_section_display()}"

    def save(self, *args, **kwargs):
        self._refuse_when_approved(_("De teksten van een vastgesteld rapport veranderen niet meer; maak een nieuwe "
                                     "versie."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_when_approved(_("Een tekst van een vastgesteld rapport kan niet worden verwijderd."))
        return super().delete(*args, **kwargs)

    def _refuse_when_approved(self, message):
        """The report it belongs to, and the one it belonged to as stored, may not be approved."""
        reports = [self.report_id]
        if self.pk:
            reports += type(self).objects.filter(pk=self.pk).values_list("report_id", flat=True)
        if ReportRequest.objects.filter(pk__in=reports, review_state=ReviewState.APPROVED).exists():
            raise ImmutableReport(message)


REVIEW_READERS = [Grant(BROKER), Grant(COLLEAGUE), Grant(STEERING, via="report__programme"),
                  Grant(BROKER, via="report__enterprise__municipality"),
                  Grant(COLLEAGUE, via="report__enterprise__municipality")]


class Review(models.Model):
    """A member's comment on a section of a report, or the chair's decision (with the vote)."""

    report = models.ForeignKey(ReportRequest, on_delete=models.PROTECT, related_name="reviews",
                               verbose_name=_("rapport"))
    kind = models.CharField(_("soort"), max_length=10, choices=ReviewKind.choices, default=ReviewKind.COMMENT)
    section = models.CharField(_("onderdeel"), max_length=20, choices=Section.choices, blank=True)
    body = LimitedTextField(_("opmerking"), blank=True, max_length=TEXT_MAX)
    outcome = models.CharField(_("besluit"), max_length=20, choices=Outcome.choices, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("stemmen voor"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("stemmen tegen"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("onthoudingen"), null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("door"))
    created_at = models.DateTimeField(_("op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="report__organisation", view=REVIEW_READERS)

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="comment") & ~Q(section="") & Q(outcome=""))
                | (Q(kind="decision") & ~Q(outcome="")),
                name="monitoring_review_shape",
                violation_error_message=_("Een opmerking hoort bij een onderdeel; een besluit heeft een uitkomst.")),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.report_id}"


# --- the steering group -----------------------------------------------------------------------

STEERING_READERS = [Grant(STEERING, via="programme"), Grant(BROKER, via="programme")]
STEERING_CHANGE = [Grant(STEERING, via="programme")]


MEMBER_COUNT_MIN = _("Een stuurgroep heeft minstens 1 lid. Laat het veld leeg om de leden met een account te tellen.")


class SteeringGroup(models.Model):
    """A programme's steering group: its chair, who holds the money, what happens to an underspend.
    Its members are the programme's steering memberships (accounts.Membership)."""

    programme = models.OneToOneField("accounts.Programme", on_delete=models.CASCADE, related_name="steering_group",
                                     verbose_name=_("programma"))
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("voorzitter"))
    budget_holder = models.CharField(_("beheer financiële middelen"), max_length=200, default=BUDGET_HOLDER)
    underspend_rule = models.CharField(_("bij onderbesteding"), max_length=12, choices=UnderspendRule.choices,
                                       default=UnderspendRule.CARRY_OVER)
    # The group's size, members without a portal account included (each party sends a member; not
    # every member has an account). Empty: the steering accounts are counted. A decision's votes
    # are at most this, or the accounts where more (``recorded_size``, ``services.steering_size``).
    member_count = models.PositiveSmallIntegerField(
        _("aantal leden"), null=True, blank=True, validators=[MinValueValidator(1, message=MEMBER_COUNT_MIN)],
        help_text=_("Alle leden van de stuurgroep, ook wie geen account in het portaal heeft. Laat het leeg om "
                    "alleen de leden met een account te tellen."))

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="programme", view=STEERING_READERS, change=STEERING_CHANGE)

    class Meta:
        verbose_name = _("stuurgroep")
        verbose_name_plural = _("stuurgroepen")

    def __str__(self):
        return str(self.programme)

    def get_absolute_url(self):
        return f"{reverse('monitoring:steering')}#programme-{self.programme_id}"

    def account_count(self) -> int:
        """The members with a portal account: the programme's steering memberships (accepted, of an
        active account; the ones the steering page lists)."""
        from impactportal.accounts.constants import Role
        from impactportal.accounts.models import users_with_role

        return users_with_role(Role.STEERING, programme=self.programme_id).count() if self.programme_id else 0

    def recorded_size(self, accounts: int | None = None) -> int | None:
        """The size recorded on the group (``member_count``), never below its accounts
        (``account_count``, or ``accounts`` where the caller counted them): ``clean`` checks the size
        only when it is entered, so a steering account added later would leave "9 leden, van wie 10
        met een account" and votes capped at 9. ``None`` where no size is recorded."""
        if not self.member_count:
            return None
        return max(self.member_count, self.account_count() if accounts is None else accounts)

    def clean(self):
        super().clean()
        # 0 is refused by the field's validator; fewer members than accounts listed is a typo.
        if self.member_count:
            accounts = self.account_count()
            if self.member_count < accounts:
                raise ValidationError({"member_count": ngettext(
                    "De stuurgroep heeft %(accounts)s lid met een account in het portaal; vul minstens "
                    "%(accounts)s in.",
                    "De stuurgroep heeft %(accounts)s leden met een account in het portaal; vul minstens "
                    "%(accounts)s in.", accounts) % {"accounts": accounts}})


class ProgrammeTheme(Bilingual, models.Model):
    """A theme of a programme (the City Deal works in six), each with a coordinator. The steering
    group keeps them on its page (``views_steering``); the participants' brokers read them. The
    current themes are public (a published programme report names them with their coordinators);
    a theme that is no longer current stays on record for the steering group. Its name has an
    English version (``name_en``, as the other managed lists): English pages show it, or the Dutch
    where it is empty (``str``)."""

    programme = models.ForeignKey("accounts.Programme", on_delete=models.CASCADE, related_name="themes",
                                  verbose_name=_("programma"))
    name = models.CharField(_("thema"), max_length=200)
    name_en = models.CharField(_("thema in het Engels"), max_length=200, blank=True, help_text=ENGLISH_HELP)
    coordinator_name = models.CharField(_("themacoördinator"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_current = models.BooleanField(_("actueel"), default=True)
    # The fixed code seed_reference finds the shipped row by when an administrator renamed it (never edited).
    seed_key = models.CharField(_("seedsleutel"), max_length=200, blank=True, db_index=True, editable=False)

    new_label = _("Nieuw thema")

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="programme", view=STEERING_READERS, change=STEERING_CHANGE,
                          public=Q(is_current=True))

    class Meta:
        verbose_name = _("programmathema")
        verbose_name_plural = _("programmathema's")
        ordering = ["programme", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="monitoring_theme_unique"),
            models.UniqueConstraint(fields=["programme", "seed_key"], condition=~Q(seed_key=""),
                                    name="monitoring_theme_unique_seed_key"),
        ]

    translated = ("name",)

    def __str__(self):
        return self.in_language("name")


class Meeting(models.Model):
    """A steering-group meeting: four a year, one of them open to every participating party."""

    programme = models.ForeignKey("accounts.Programme", on_delete=models.CASCADE, related_name="meetings",
                                  verbose_name=_("programma"))
    date = models.DateField(_("datum"), validators=DATE)
    is_open = models.BooleanField(_("open sessie voor alle partijen"), default=False)
    agenda = LimitedTextField(_("agenda"), blank=True, max_length=TEXT_MAX)
    new_label = _("Nieuw stuurgroepoverleg")

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="programme", view=STEERING_READERS, change=STEERING_CHANGE)

    class Meta:
        verbose_name = _("stuurgroepoverleg")
        verbose_name_plural = _("stuurgroepoverleggen")
        ordering = ["date"]

    def __str__(self):
        return f"{self.programme} {self.date}"

    def clean(self):
        super().clean()
        if not (self.programme_id and self.date):
            return
        same_year = Meeting.objects.filter(programme=self.programme_id, date__year=self.date.year).exclude(pk=self.pk)
        if same_year.count() >= MEETINGS_PER_YEAR:
            # Next to the date (the form's field): a message above the form named no field.
            raise ValidationError({"date": _("De stuurgroep overlegt vier keer per jaar; dit jaar staan er al vier.")})
        if self.is_open and same_year.filter(is_open=True).count() >= OPEN_MEETINGS_PER_YEAR:
            raise ValidationError({"is_open": _("Er is dit jaar al een open sessie.")})


class Contribution(models.Model):
    """A party's contribution to the programme budget in a year, in money and in kind."""

    programme = models.ForeignKey("accounts.Programme", on_delete=models.CASCADE, related_name="contributions",
                                  verbose_name=_("programma"))
    party = models.ForeignKey("ecosystem.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("partij"))
    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR)
    money = models.DecimalField(_("financieel"), default=0, validators=NOT_NEGATIVE, **MONEY)
    in_kind = models.DecimalField(_("in natura"), default=0, validators=NOT_NEGATIVE, **MONEY)
    is_once = models.BooleanField(_("eenmalig"), default=False)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    new_label = _("Nieuwe bijdrage")

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="programme", view=STEERING_READERS, change=STEERING_CHANGE)

    class Meta:
        verbose_name = _("bijdrage")
        verbose_name_plural = _("bijdragen")
        ordering = ["year", "party__name"]
        constraints = [models.UniqueConstraint(fields=["programme", "party", "year", "is_once"],
                                               name="monitoring_contribution_unique")]

    def __str__(self):
        return f"{self.party} {self.year}"


class Spending(models.Model):
    """Money the programme spent (coordination team, meetings, research)."""

    programme = models.ForeignKey("accounts.Programme", on_delete=models.CASCADE, related_name="spending",
                                  verbose_name=_("programma"))
    date = models.DateField(_("datum"), validators=DATE)
    description = models.CharField(_("omschrijving"), max_length=200)
    amount = models.DecimalField(_("bedrag"), validators=NOT_NEGATIVE, **MONEY)
    new_label = _("Nieuwe uitgave")

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="programme", view=STEERING_READERS, change=STEERING_CHANGE)

    class Meta:
        verbose_name = _("uitgave")
        verbose_name_plural = _("uitgaven")
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.description} {self.amount}"
