"""Referrals of a helpdesk case beyond the town hall: to the labour-market desk
(werkgeversservicepunt), UWV, the Chamber of Commerce, a network partner or a knowledge
institution. Those parties have no account in the portal, so the referral is a record with a
follow-up date: the broker checks back with the entrepreneur or the party on that day."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, COLLEAGUE, PARTNER, AccessPolicy, Grant, ScopedQuerySet
from impactportal.links import reverse_with_id
from impactportal.text import TEXT_MAX, LimitedTextField

from ..constants import ExternalReferralKind


class ExternalReferralQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(follow_up_done=False)

    def due(self, today=None):
        """Open follow-ups whose day has come (today or earlier)."""
        return self.open().filter(follow_up_on__lte=today or timezone.localdate())


class ExternalReferral(models.Model):
    case = models.ForeignKey("brokers.Case", on_delete=models.CASCADE, related_name="external_referrals",
                             verbose_name=_("vraag"))
    kind = models.CharField(_("doorverwezen naar"), max_length=20, choices=ExternalReferralKind.choices)
    instrument = models.ForeignKey(
        "brokers.KnowledgeInstrument", on_delete=models.PROTECT, null=True, blank=True, related_name="referrals",
        verbose_name=_("partij uit de kennisbank"))
    party_name = models.CharField(_("naam van de partij"), max_length=200, blank=True,
                                  help_text=_("Bijvoorbeeld: WSP Zuid-Kennemerland en IJmond."))
    note = LimitedTextField(_("toelichting"), blank=True, max_length=TEXT_MAX)
    referred_at = models.DateTimeField(_("doorverwezen op"), default=timezone.now)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("doorverwezen door"))
    follow_up_on = models.DateField(_("vervolgactie op"))
    follow_up_done = models.BooleanField(_("vervolgactie afgerond"), default=False)
    done_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    outcome = LimitedTextField(_("uitkomst"), blank=True, max_length=TEXT_MAX)

    objects = ExternalReferralQuerySet.as_manager()
    # Staff of the case's municipality read it (a colleague only on cases referred to their
    # department); the brokers and the network partner running its desk, who refer, record and
    # close it. The entrepreneur hears of it in
    # a reply: the record holds internal notes.
    access = AccessPolicy(
        owner="case__organisation",
        view=[Grant(BROKER), Grant(PARTNER), Grant(COLLEAGUE, department_field="case__referred_department")],
        change=[Grant(BROKER), Grant(PARTNER)],
    )

    class Meta:
        verbose_name = _("externe doorverwijzing")
        verbose_name_plural = _("externe doorverwijzingen")
        ordering = ["referred_at", "pk"]
        indexes = [
            models.Index(fields=["case", "referred_at"]),
            models.Index(fields=["referred_by", "follow_up_done", "follow_up_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_done=False) | Q(done_at__isnull=False), name="referral_done_has_date",
                violation_error_message=_("Een afgeronde vervolgactie heeft een datum."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.party}" if self.party else str(self.get_kind_display())

    def get_absolute_url(self):
        return reverse_with_id("helpdesk:case-detail", self.case_id) + f"#referral-{self.pk}"

    @property
    def party(self) -> str:
        """Who the case went to: the name typed, else the knowledge-base entry's name (in the page's language)."""
        return self.party_name or (self.instrument.page_name if self.instrument_id else "")

    @property
    def is_due(self) -> bool:
        return not self.follow_up_done and self.follow_up_on <= timezone.localdate()
