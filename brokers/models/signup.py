"""Requests of entrepreneurs to link their account to an enterprise in the register; the brokers
of its municipality confirm or reject them (a KvK number is public: it proves nothing)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, SELF, AccessPolicy, Grant, ScopedQuerySet
from impactportal.privacy import PersonalData

from ..constants import LinkRequestStatus


class EnterpriseLinkRequest(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enterprise_link_requests",
                             verbose_name=_("ondernemer"))
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="link_requests",
                                   verbose_name=_("onderneming"))
    status = models.CharField(_("status"), max_length=20, choices=LinkRequestStatus.choices,
                              default=LinkRequestStatus.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("besloten door"))
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    # Of a rejection: the entrepreneur reads it in their notification.
    reason = models.TextField(_("reden"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    # The brokers of the enterprise's municipality confirm; the requester follows their request.
    access = AccessPolicy(owner="enterprise__municipality", view=[Grant(BROKER), Grant(SELF, via="user")],
                          change=[], actions={"decide": [Grant(BROKER)]})
    # manage.py person_data / erase_person: the requester's, and named after them (``__str__``).
    personal_data = PersonalData(person="user", about=True)

    class Meta:
        verbose_name = _("koppelverzoek")
        verbose_name_plural = _("koppelverzoeken")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "enterprise"], condition=Q(status="pending"),
                                    name="one_pending_link_request",
                                    violation_error_message=_("Er loopt al een verzoek voor deze onderneming."))
        ]

    def __str__(self):
        return f"{self.user} → {self.enterprise}"
