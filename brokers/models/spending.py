"""Commitments and spending against the budget lines (issue 13 item 4). A contribution paid from a
programme (Amersfoort's City Deal €10,000 from three programmes) is spending with its paying
programme, not a budget line of its own."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, AccessPolicy, Grant, ScopedQuerySet
from impactportal.db.changes import changed_since_saved
from impactportal.links import reverse_with_id
from impactportal.money import euro
from impactportal.text import TEXT_MAX, LimitedTextField, short_date

from ..constants import BudgetLineKind, SpendingKind
from .bounds import POSITIVE_AMOUNT, WORKSPACE_DATE, latest_programme_year
from .links import LinkFields
from .teams import BudgetLine


class Spending(LinkFields):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="spendings",
                                     verbose_name=_("organisatie"))
    budget_line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="spendings", verbose_name=_("begrotingsregel"))
    paying_programme = models.CharField(_("betalend programma"), max_length=20, choices=BudgetLineKind.choices,
                                        blank=True,
                                        help_text=_("Uit welk programma van de gemeente betaald wordt."))
    kind = models.CharField(_("soort"), max_length=12, choices=SpendingKind.choices, default=SpendingKind.SPENDING)
    # From 2000 up to the last year a budget line may have (``bounds``): 01-01-1900 and 01-01-9999
    # were accepted and showed as years of their own in the budget overview.
    date = models.DateField(_("datum"), default=timezone.localdate, validators=WORKSPACE_DATE)
    description = models.CharField(_("omschrijving"), max_length=200)
    # € 0,00 books nothing: refused by the model too, so the admin agrees with the form and the API.
    amount = models.DecimalField(_("bedrag (€)"), max_digits=12, decimal_places=2, validators=POSITIVE_AMOUNT)
    overspend_decision = LimitedTextField(
        _("besluit bij overschrijding"), blank=True, max_length=TEXT_MAX,
        help_text=_("Alleen nodig als het bedrag meer is dan er op de begrotingsregel over is."))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("besloten door"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("vastgelegd door"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation", view=[Grant(BROKER)], change=[Grant(BROKER)])
    new_label = _("Nieuwe uitgave of verplichting")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("uitgave of verplichting")
        verbose_name_plural = _("uitgaven en verplichtingen")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["organisation", "date"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="spending_amount_not_negative",
                                   violation_error_message=_("Een bedrag kan niet negatief zijn.")),
        ]

    def __str__(self):
        return f"{short_date(self.date)} {self.description}: {euro(self.amount)}"

    def get_absolute_url(self):
        return reverse_with_id("brokers:spending-detail", self.pk)

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:  # the linked object's errors and the date's at once
            errors = error.update_error_dict(errors)
        # Spending records what was paid: one dated 2030 was accepted and showed as an overspend of
        # 2030 in the budget overview. A commitment (verplichting) is money promised for later and
        # may lie ahead. A row stored before this rule stays editable while its date and kind stay.
        # A date beyond the last budget year has the field's own message (``WORKSPACE_DATE``) only.
        if (self.kind == SpendingKind.SPENDING and self.date and self.date > timezone.localdate()
                and self.date.year <= latest_programme_year() and changed_since_saved(self, "date", "kind")):
            errors.setdefault("date", []).append(ValidationError(_(
                "Een uitgave legt vast wat er is betaald: de datum kan niet na vandaag liggen. Geld dat "
                "later wordt uitgegeven legt u vast als verplichting.")))
        if errors:
            raise ValidationError(errors)
