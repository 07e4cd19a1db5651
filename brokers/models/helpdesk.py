"""Helpdesk cases (questions of impact entrepreneurs), their threads and attachments.

Who sees what is declared once per model: brokers see their organisation's queue, colleagues
only the cases referred to their own department, entrepreneurs the cases of their enterprise
(or that they filed) and never an internal note. A network partner that runs a municipality's
desk handles its cases as a broker does (notes, assigning, referring included); the service levels
stay the municipality's own setting."""

import os
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.access import (
    BROKER,
    COLLEAGUE,
    ENTREPRENEUR,
    PARTNER,
    SELF,
    AccessPolicy,
    Grant,
    ScopedQuerySet,
)
from impactportal.accounts.constants import Department
from impactportal.links import reverse_with_id
from impactportal.privacy import PersonalData
from impactportal.text import LONG_TEXT_MAX, TEXT_MAX, LimitedTextField
from impactportal.uploads import UploadValidator

from ..constants import OPEN_STATUSES, CaseCategory, CasePriority, CaseStatus

PUBLIC_ONLY = Q(is_internal=False)


class HelpdeskSettings(models.Model):
    """Service levels of one organisation, in working days."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="helpdesk_settings",
        verbose_name=_("organisatie"),
    )
    first_response_days = models.PositiveSmallIntegerField(
        _("eerste reactie binnen (werkdagen)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    resolution_days = models.PositiveSmallIntegerField(
        _("oplossing binnen (werkdagen)"), default=15, validators=[MinValueValidator(1), MaxValueValidator(250)]
    )

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation", view=[Grant(BROKER)], change=[Grant(BROKER)])

    class Meta:
        verbose_name = _("servicenorm helpdesk")
        verbose_name_plural = _("servicenormen helpdesk")

    def __str__(self):
        return f"{self.organisation}: {self.first_response_days}/{self.resolution_days}"

    def clean(self):
        super().clean()
        # A solution is a reaction too: a first reaction due after the solution (10 and 5 days) is a slip.
        if (self.first_response_days and self.resolution_days
                and self.first_response_days > self.resolution_days):
            raise ValidationError({"first_response_days": _(
                "De eerste reactie kan niet later vallen dan de oplossing: kies hoogstens %(days)s werkdagen.")
                % {"days": self.resolution_days}})

    @classmethod
    def for_organisation(cls, organisation):
        """The saved settings, or the defaults (unsaved) when the organisation set none."""
        return cls.objects.filter(organisation=organisation).first() or cls(organisation=organisation)


def open_case() -> Q:
    return Q(status__in=OPEN_STATUSES)


def overdue_case(now=None) -> Q:
    """Open, not waiting for the entrepreneur, and past a service-level deadline."""
    now = now or timezone.now()
    late_first = Q(first_response_at__isnull=True, first_response_due__lt=now)
    return open_case() & ~Q(status=CaseStatus.WAITING) & (late_first | Q(resolution_due__lt=now))


class CaseQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(open_case())

    def overdue(self, now=None):
        return self.filter(overdue_case(now))

    def counts(self, user) -> dict:
        """The dashboard's case figures in one query: open, open without a handler, open and
        assigned to ``user``, overdue."""
        def count(condition):
            return Count("pk", filter=condition)

        return self.aggregate(
            open_cases=count(open_case()), unassigned_cases=count(open_case() & Q(assigned_to__isnull=True)),
            my_cases=count(open_case() & Q(assigned_to=user)), overdue_cases=count(overdue_case()))


class Case(models.Model):
    """A question an entrepreneur put to a municipality."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="helpdesk_cases",
        verbose_name=_("gemeente"),
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.SET_NULL, null=True, blank=True, related_name="helpdesk_cases",
        verbose_name=_("onderneming"),
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="helpdesk_cases", verbose_name=_("ingediend door"),
    )
    category = models.CharField(_("onderwerp"), max_length=20, choices=CaseCategory.choices)
    subject = models.CharField(_("korte omschrijving"), max_length=200)
    description = LimitedTextField(_("uw vraag"), max_length=LONG_TEXT_MAX)
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.NEW)
    priority = models.CharField(_("prioriteit"), max_length=10, choices=CasePriority.choices,
                                default=CasePriority.NORMAL)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="assigned_helpdesk_cases", verbose_name=_("behandelaar"),
    )
    referred_department = models.CharField(
        _("doorverwezen naar afdeling"), max_length=20, choices=Department.choices, blank=True
    )
    submitted_at = models.DateTimeField(_("ingediend op"), default=timezone.now)
    first_response_at = models.DateTimeField(_("eerste reactie op"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("opgelost op"), null=True, blank=True)
    # Service-level clock: [[start, end|null], ...] ISO timestamps of waiting-for-entrepreneur
    # periods; deadlines are recomputed from it (None while the clock is paused).
    sla_pauses = models.JSONField(_("pauzes servicenorm"), default=list, blank=True)
    first_response_due = models.DateTimeField(_("eerste reactie uiterlijk"), null=True, blank=True)
    resolution_due = models.DateTimeField(_("oplossing uiterlijk"), null=True, blank=True)
    first_response_escalated = models.BooleanField(_("eerste reactie geëscaleerd"), default=False)
    resolution_escalated = models.BooleanField(_("oplossing geëscaleerd"), default=False)
    rating = models.PositiveSmallIntegerField(
        _("waardering"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = LimitedTextField(_("toelichting waardering"), blank=True, max_length=TEXT_MAX)
    suggestions_shown = models.BooleanField(_("suggesties getoond"), default=False)
    # The language the question was written in (the page's language when it was asked): its subject
    # and text carry it as ``lang`` on pages in the other language (WCAG 3.1.2).
    language = models.CharField(_("taal van de vraag"), max_length=8, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)

    objects = CaseQuerySet.as_manager()
    access = AccessPolicy(
        owner="organisation",
        view=[
            Grant(BROKER),
            Grant(PARTNER),
            Grant(COLLEAGUE, department_field="referred_department"),
            Grant(ENTREPRENEUR, via="enterprise"),
            Grant(SELF, via="submitter"),
        ],
        # "change" = handle the case: reply, internal notes, status.
        change=[Grant(BROKER), Grant(PARTNER), Grant(COLLEAGUE, department_field="referred_department")],
        actions={
            "assign": [Grant(BROKER), Grant(PARTNER)],
            "refer": [Grant(BROKER), Grant(PARTNER)],
            # The requester's side: reply, rate, reopen.
            "respond": [Grant(ENTREPRENEUR, via="enterprise"), Grant(SELF, via="submitter")],
            # The requester withdraws (closes) their own open question (``services.case_withdraw``).
            "withdraw": [Grant(ENTREPRENEUR, via="enterprise"), Grant(SELF, via="submitter")],
        },
        personal=("respond", "withdraw"),
    )
    personal_data = PersonalData(person="submitter")  # manage.py person_data: the questions they asked
    # The change log writes a deadline as the case page does: midnight as "09-12-2026, einde van de dag".
    audit_display = {"first_response_due": "brokers.templatetags.helpdesk.due_moment",
                     "resolution_due": "brokers.templatetags.helpdesk.due_moment"}

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["organisation", "referred_department"]),
            models.Index(fields=["submitter"]),
            models.Index(fields=["enterprise"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="case_rating_1_to_5",
                violation_error_message=_("Een waardering is 1 tot en met 5."),
            )
        ]

    def __str__(self):
        return f"#{self.pk} {self.subject}"

    def get_absolute_url(self):
        return reverse_with_id("helpdesk:case-detail", self.pk)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        if not self.is_open or self.status == CaseStatus.WAITING:
            return False
        now = timezone.now()
        late_first = self.first_response_at is None and self.first_response_due and self.first_response_due < now
        return bool(late_first or (self.resolution_due and self.resolution_due < now))


_MESSAGE_VIEW = [
    Grant(BROKER),
    Grant(PARTNER),
    Grant(COLLEAGUE, department_field="case__referred_department"),
    Grant(ENTREPRENEUR, via="case__enterprise", condition=PUBLIC_ONLY),
    Grant(SELF, via="case__submitter", condition=PUBLIC_ONLY),
]


class CaseMessage(models.Model):
    """One entry in a case's thread: a public reply, or an internal note for staff only."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages", verbose_name=_("vraag"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("auteur")
    )
    body = LimitedTextField(_("bericht"), max_length=LONG_TEXT_MAX)
    is_internal = models.BooleanField(
        _("interne notitie"), default=False, help_text=_("Alleen zichtbaar voor medewerkers van de gemeente.")
    )
    from_staff = models.BooleanField(_("van de gemeente"), default=False)
    created_at = models.DateTimeField(_("geplaatst op"), default=timezone.now)
    # The language the message was written in (its author's page language), as ``Case.language``.
    language = models.CharField(_("taal van het bericht"), max_length=8, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="case__organisation", view=_MESSAGE_VIEW, change=[])
    personal_data = PersonalData(person="author")  # manage.py person_data: the messages they wrote

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["case", "created_at"])]

    def __str__(self):
        return f"{self.case_id}: {self.body[:40]}"


def attachment_path(instance, filename):
    # Private storage: never under a served URL; downloaded through a permission-checked view.
    return f"helpdesk/{instance.case_id}/{filename}"


class CaseAttachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("vraag"))
    message = models.ForeignKey(CaseMessage, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="attachments", verbose_name=_("bericht"))
    file = models.FileField(_("bijlage"), upload_to=attachment_path, validators=[UploadValidator()])
    # The name the file had when it was uploaded: storage may rename it ("vraag_XAA9I1r.pdf" next to
    # an earlier "vraag.pdf"), and the pages and the download showed that stored name.
    original_name = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=255, blank=True)
    is_internal = models.BooleanField(_("intern"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("geüpload door"))
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="case__organisation", view=_MESSAGE_VIEW, change=[])

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        return reverse_with_id("helpdesk:attachment", self.pk)

    @property
    def filename(self):
        """The uploaded name; for an attachment from before it was kept, the stored name without the
        suffix storage added to make it unique ("vraag_XAA9I1r.pdf" → "vraag.pdf")."""
        if self.original_name:
            return self.original_name
        return cleaned_stored_name(self.file.name)


# Django's storage makes a taken name unique with "_" and seven random letters or digits before the
# extension ("vraag_XAA9I1r.pdf").
_STORAGE_SUFFIX = re.compile(r"^(?P<stem>.+)_(?P<random>[A-Za-z0-9]{7})(?P<ext>\.[^.]*)?$")


def cleaned_stored_name(name: str) -> str:
    """The stored base name without storage's random suffix. Only a suffix with a capital or a digit
    counts as one: "offerte_invoice.pdf" is somebody's own name (seven random letters and digits are
    all small letters about once in 400)."""
    base = (name or "").rsplit("/", 1)[-1]
    found = _STORAGE_SUFFIX.match(base)
    if found is None or (found["random"].isalpha() and found["random"].islower()):
        return base
    return found["stem"] + (found["ext"] or "")


def uploaded_name(upload) -> str:
    """The base name a browser sent with ``upload`` (a path from an old browser cut off), at most 255
    characters with its extension kept."""
    name = os.path.basename(str(getattr(upload, "name", "") or "").replace("\\", "/")).strip()
    if len(name) > 255:
        stem, ext = os.path.splitext(name)
        name = stem[:255 - len(ext[:20])] + ext[:20]
    return name
