"""Cross-cutting records: background jobs with visible progress, and in-app notifications."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .access import BROKER, CHANGE, SELF, VIEW, AccessPolicy, Grant, ScopedQuerySet
from .text import in_page_language


def job_file_path(job, filename):
    # Private storage (MEDIA_ROOT is never served): downloaded through the job page's access check.
    return f"jobs/{job.pk}/{filename}"


class Job(models.Model):
    """A long-running Celery task the user started (import, report, bulk matching).

    The task updates ``progress`` as it goes; the job page polls it with htmx. Failures are
    recorded here so they are visible, not only in a worker log."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        SUCCEEDED = "succeeded", _("Klaar")
        FAILED = "failed", _("Mislukt")

    kind = models.CharField(_("soort"), max_length=60)
    title = models.CharField(_("titel"), max_length=200)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    message = models.CharField(_("melding"), max_length=500, blank=True)
    result = models.JSONField(_("resultaat"), default=dict, blank=True)
    error = models.TextField(_("fout"), blank=True)
    file = models.FileField(_("bestand"), upload_to=job_file_path, blank=True, max_length=300)
    checksum = models.CharField(_("controlegetal (SHA-256)"), max_length=64, blank=True)
    rows = models.PositiveIntegerField(_("regels"), null=True, blank=True)
    task_id = models.CharField(_("taaknummer"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="jobs",
        verbose_name=_("aangemaakt door"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="jobs",
        verbose_name=_("organisatie"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    # The requester's memberships when the job started (``jobs.held_by``): its file holds what they
    # could see then, so it is downloaded only while they still hold every one of them.
    held = models.JSONField(_("rollen bij het starten"), default=list, blank=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="organisation",
        view=[Grant(SELF, via="created_by"), Grant(BROKER)],
        change=[Grant(SELF, via="created_by")],
        # A job's file holds what its requester may see, so only they download it.
        actions={"download": [Grant(SELF, via="created_by")]},
    )
    audit = False  # progress ticks are not changes worth auditing; the outcome is in the job

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_by", "-created_at"])]

    def __str__(self):
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)


class Notification(models.Model):
    """An in-app message to one user; mail is sent alongside by ``notifications.notify``.

    Written in Dutch (``subject``, ``body``) and English (``subject_en``, ``body_en``) when it is
    made, whoever's action made it; pages show ``shown_subject`` and ``shown_body``, in the page's
    language. Rows from before the English fields have them empty: they show the Dutch."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
                                  verbose_name=_("ontvanger"))
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("bericht"), blank=True)
    subject_en = models.CharField(_("onderwerp in het Engels"), max_length=200, blank=True)
    body_en = models.TextField(_("bericht in het Engels"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    # Same key twice means the same event: re-running a daily job never notifies twice.
    dedupe_key = models.CharField(_("sleutel tegen dubbele meldingen"), max_length=200, blank=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    # Personal for administrators too: their list showed everyone's notifications, and "mark all
    # as read" marked an entrepreneur's as read.
    access = AccessPolicy(owner="recipient", view=[Grant(SELF)], change=[Grant(SELF)], personal=(VIEW, CHANGE))
    audit = False

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"], condition=~models.Q(dedupe_key=""), name="unique_notification_event"
            )
        ]

    def __str__(self):
        return self.shown_subject

    @property
    def shown_subject(self) -> str:
        return in_page_language(self.subject, self.subject_en)

    @property
    def shown_body(self) -> str:
        return in_page_language(self.body, self.body_en)
