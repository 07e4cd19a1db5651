from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, COLLEAGUE, AccessPolicy, Grant, ScopedQuerySet
from impactportal.links import reverse_with_id
from impactportal.money import euro
from impactportal.text import TEXT_MAX, LimitedTextField

from ..constants import BudgetLineKind, InnovationPath, TeamForm
from .bounds import DECISION_DATE, POSITIVE_AMOUNT, programme_year_validators

# The team workspace (teams, mandate, budget) is the municipality's own: no grant for network
# partners (access.PARTNER) or regional SROI coordinators here, by design (issue 10).


class BrokerTeam(models.Model):
    """A municipality's broker team with mandate (toolbox module 2)."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="broker_teams", verbose_name=_("organisatie")
    )
    name = models.CharField(_("naam"), max_length=200)
    form = models.CharField(_("vorm"), max_length=20, choices=TeamForm.choices, default=TeamForm.TEAM)
    network_partner = models.CharField(
        _("netwerkpartner"), max_length=200, blank=True,
        help_text=_("Externe organisatie die loket of netwerk voor de gemeente verzorgt, als die er is."),
    )
    description = LimitedTextField(_("werkwijze"), blank=True, max_length=TEXT_MAX)
    qualities = models.JSONField(_("teamkwaliteiten"), default=list, blank=True)
    mailbox = models.EmailField(_("e-mailadres loket"), blank=True)
    innovation_path = models.CharField(_("innovatiepad"), max_length=20, choices=InnovationPath.choices, blank=True)
    path_stage = models.CharField(_("waar het team staat"), max_length=300, blank=True,
                                  help_text=_("Bij welke stap van het gekozen pad staat het team nu?"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="organisation", view=[Grant(BROKER), Grant(COLLEAGUE)], change=[Grant(BROKER)]
    )
    new_label = _("Nieuw makelaarsteam")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("makelaarsteam")
        verbose_name_plural = _("makelaarsteams")
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_team_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_with_id("brokers:team-detail", self.pk)


class Mandate(models.Model):
    """Who gave the team its mandate, by which decision, for what."""

    team = models.ForeignKey(BrokerTeam, on_delete=models.CASCADE, related_name="mandates", verbose_name=_("team"))
    granted_by = models.CharField(_("verleend door"), max_length=200, help_text=_("Bijvoorbeeld: college van B&W."))
    decision_reference = models.CharField(_("kenmerk besluit"), max_length=100, blank=True)
    decision_date = models.DateField(_("datum besluit"), null=True, blank=True)
    scope = LimitedTextField(_("reikwijdte"), max_length=TEXT_MAX,
                             help_text=_("Waarover mag het team zelf beslissen?"))
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="team__organisation", view=[Grant(BROKER), Grant(COLLEAGUE)], change=[Grant(BROKER)]
    )

    class Meta:
        verbose_name = _("mandaat")
        verbose_name_plural = _("mandaten")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="mandate_valid_period",
                violation_error_message=_("'Geldig tot' ligt voor 'geldig vanaf'."),
            )
        ]

    def __str__(self):
        return f"{self.team} — {self.granted_by}"

    def get_absolute_url(self):
        return reverse_with_id("brokers:team-detail", self.team_id)

    # Whether the mandate holds on a day: from ``valid_from`` up to and including ``valid_until``
    # (open-ended without one). The one rule; the team page and the API read it for today.
    def has_started_on(self, day) -> bool:
        return self.valid_from <= day

    def has_ended_on(self, day) -> bool:
        return self.valid_until is not None and self.valid_until < day

    def is_valid_on(self, day) -> bool:
        return self.has_started_on(day) and not self.has_ended_on(day)

    @property
    def is_valid_today(self) -> bool:
        """Valid on today's local date (``timezone.localdate``): a mandate "tot en met 31 december"
        ends at midnight in the Netherlands, not an hour later at midnight UTC."""
        return self.is_valid_on(timezone.localdate())

    def state_on(self, day) -> str:
        """"expired" ("verlopen"), "not-started" ("nog niet ingegaan") or "valid" on ``day``: the
        team page asks once per request, with one day for the warning and every badge."""
        if self.has_ended_on(day):
            return "expired"
        return "valid" if self.has_started_on(day) else "not-started"

    def clean(self):
        super().clean()
        # The constraint's rule, reported on the field (forms and API show it next to "geldig tot").
        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("'Geldig tot' ligt voor 'geldig vanaf'.")
        # A mandate is granted by a decision already taken (``bounds.DECISION_DATE``, as an action
        # programme's adoption), and takes effect on or after it: a decision dated in the future, or a
        # mandate valid before its own decision, is a typing error that would make the team look
        # mandated today. Checked here, not as the field's validators: a serializer would stop at the
        # field's error, and the API then left out the one on "geldig vanaf".
        if self.decision_date:
            for validate in DECISION_DATE:
                try:
                    validate(self.decision_date)
                except ValidationError as error:
                    errors.setdefault("decision_date", error.messages[0])
        if self.decision_date and self.valid_from and self.valid_from < self.decision_date:
            errors["valid_from"] = _("'Geldig vanaf' ligt voor de datum van het besluit: een mandaat gaat pas "
                                     "in op of na het besluit dat het verleent.")
        if errors:
            raise ValidationError(errors)


class BudgetLine(models.Model):
    """Budget per year and programme line, e.g. Amersfoort's €4,000 for re-integration."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("organisatie")
    )
    programme = models.ForeignKey(
        "accounts.Programme", on_delete=models.SET_NULL, null=True, blank=True, related_name="budget_lines",
        verbose_name=_("programma"),
    )
    # The years of an action programme (``bounds``): 2100 was accepted, and a year no programme
    # can have showed in the budget overview.
    year = models.PositiveSmallIntegerField(_("jaar"), validators=programme_year_validators)
    kind = models.CharField(_("programmalijn"), max_length=20, choices=BudgetLineKind.choices)
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    # A line of € 0 budgets nothing (as a spending of € 0 books nothing: ``bounds.POSITIVE_AMOUNT``).
    amount = models.DecimalField(_("bedrag (€)"), max_digits=12, decimal_places=2, validators=POSITIVE_AMOUNT)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation", view=[Grant(BROKER)], change=[Grant(BROKER)])
    new_label = _("Nieuwe begrotingsregel")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("begrotingsregel")
        verbose_name_plural = _("begrotingsregels")
        ordering = ["-year", "kind"]
        indexes = [models.Index(fields=["organisation", "year"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_amount_not_negative",
                                   violation_error_message=_("Een bedrag kan niet negatief zijn."))
        ]

    def __str__(self):
        return f"{self.label}: {euro(self.amount)}"

    def get_absolute_url(self):
        return reverse_with_id("brokers:budget-detail", self.pk)

    @property
    def label(self) -> str:
        """The line's name without its amount, as an export holds it beside a spending's own
        amount: "2024 Actieprogramma Impact Ondernemen 2020-2024 (Overig)"."""
        # By its description, as the budget overview names it; the programme line alone left two
        # lines of a year alike.
        if self.description:
            name = f"{Truncator(self.description).chars(DESCRIPTION_SHOWN)} ({self.get_kind_display()})"
        else:
            name = self.get_kind_display()
        return f"{self.year} {name}"

    def clean(self):
        """A line with spending keeps what that spending was booked against (``spending_record``
        refuses a line of another organisation or year, and beyond what remains without a decision):
        changing the line afterwards put a Haarlem spending on an Amersfoort line, a 2025 spending
        on a 2026 line, or an overspend nobody decided."""
        super().clean()
        if self.pk is None:
            return
        stored = BudgetLine.objects.filter(pk=self.pk).values("organisation_id", "year", "amount").first()
        spent = self.spendings.aggregate(total=models.Sum("amount"))["total"]
        if stored is None or spent is None:
            return
        errors = {}
        if self.organisation_id and self.organisation_id != stored["organisation_id"]:
            errors["organisation"] = _("Op deze begrotingsregel is al uitgegeven of verplicht: de organisatie "
                                       "kan niet meer veranderen.")
        if self.year and self.year != stored["year"]:
            errors["year"] = _("Op deze begrotingsregel is al uitgegeven of verplicht in %(year)s: het jaar kan niet "
                               "meer veranderen.") % {"year": stored["year"]}
        # Lowered below what is spent (a line overspent by a recorded decision keeps its other fields editable).
        if self.amount is not None and self.amount < spent and self.amount < stored["amount"]:
            errors["amount"] = _("Op deze begrotingsregel is al %(spent)s uitgegeven of verplicht: het bedrag kan "
                                 "niet lager zijn.") % {"spent": euro(spent)}
        if errors:
            raise ValidationError(errors)


DESCRIPTION_SHOWN = 60  # characters of a budget line's description in its name (pickers, tables)
