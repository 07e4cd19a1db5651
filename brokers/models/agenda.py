"""The action agenda (*actieprogramma*): the programme with its vision ("dot on the horizon"),
stakeholders and short-term goals, its action lines and actions with owner, due date, status,
linked toolbox module and linked objects (toolbox modules 1, 6 and 7)."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, COLLEAGUE, AccessPolicy, Grant, ScopedQuerySet
from impactportal.db.changes import changed_since_saved
from impactportal.links import reverse_with_id
from impactportal.text import TEXT_MAX, LimitedTextField, short_date

from ..constants import OPEN_ACTION_STATUSES, ActionStatus
from . import bounds, people
from .bounds import DECISION_DATE, programme_year_validators
from .links import LinkFields

POLICY = {"view": [Grant(BROKER), Grant(COLLEAGUE)], "change": [Grant(BROKER)]}

# A programme runs some years (Haarlem 2020-2024, its follow-up 2025-2028): "2028–2026", "2026–2060"
# and a budget of € -1 per year were accepted. The years' bounds are the workspace's (``bounds``).
PROGRAMME_MAX_YEARS = 10  # first and last year included
latest_programme_year = bounds.latest_programme_year  # migration 0013 names it here


class ActionProgramme(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE,
                                     related_name="action_programmes", verbose_name=_("organisatie"))
    title = models.CharField(_("titel"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("van jaar"), validators=programme_year_validators)
    last_year = models.PositiveSmallIntegerField(_("tot en met jaar"), validators=programme_year_validators)
    # Adopted is a decision taken (as a mandate's, ``bounds.DECISION_DATE``): 01-01-9999 and
    # 01-01-1900 were accepted. A programme not yet adopted leaves the date empty.
    adopted_on = models.DateField(_("vastgesteld op"), null=True, blank=True, validators=DECISION_DATE)
    decision_reference = models.CharField(_("kenmerk besluit"), max_length=100, blank=True)
    yearly_budget = models.DecimalField(_("budget per jaar (€)"), max_digits=12, decimal_places=2, null=True,
                                        blank=True, validators=[MinValueValidator(0)])
    vision = LimitedTextField(_("visie (stip op de horizon)"), blank=True, max_length=TEXT_MAX)
    stakeholders = LimitedTextField(_("betrokken belanghebbenden"), blank=True, max_length=TEXT_MAX)
    short_term_goals = LimitedTextField(_("kortetermijndoelen"), blank=True, max_length=TEXT_MAX)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation", **POLICY)
    new_label = _("Nieuw actieprogramma")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("actieprogramma")
        verbose_name_plural = _("actieprogramma's")
        ordering = ["-first_year", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_with_id("brokers:agenda-detail", self.pk)

    def clean(self):
        super().clean()
        first, last = self.first_year, self.last_year
        if first is None or last is None:
            return
        if last < first:
            raise ValidationError({"last_year": _(
                "Het laatste jaar kan niet voor het eerste jaar (%(first)s) liggen.") % {"first": first}})
        if last - first + 1 > PROGRAMME_MAX_YEARS:
            raise ValidationError({"last_year": _(
                "Een actieprogramma loopt ten hoogste %(max)s jaar: vanaf %(first)s tot en met %(last)s.") % {
                "max": PROGRAMME_MAX_YEARS, "first": first, "last": first + PROGRAMME_MAX_YEARS - 1}})
        if self.pk is not None:
            # An open action is due within its programme's years (``Action.clean``): shortening the
            # programme left actions due in a year it no longer has.
            outside = (Action.objects.open().filter(line__programme=self, due_date__isnull=False)
                       .exclude(due_date__year__gte=first, due_date__year__lte=last).order_by("due_date", "pk"))
            action = outside.first()
            if action is not None:
                field = "first_year" if action.due_date.year < first else "last_year"
                raise ValidationError({field: _(
                    "De open actie „%(action)s” moet uiterlijk %(date)s klaar zijn, buiten deze jaren. Pas eerst "
                    "de datum van die actie aan.") % {"action": action.title, "date": short_date(action.due_date)}})

    @property
    def years(self) -> str:
        return f"{self.first_year}–{self.last_year}"

    @property
    def name_with_years(self) -> str:
        """"Vervolg Actieprogramma (2025–2028)", the years left out when the title has them: two
        programmes of one municipality both have a line "1. Dienstverlening"."""
        return self.title if str(self.first_year) in self.title else f"{self.title} ({self.years})"


class ActionLine(models.Model):
    programme = models.ForeignKey(ActionProgramme, on_delete=models.CASCADE, related_name="lines",
                                  verbose_name=_("actieprogramma"))
    number = models.PositiveSmallIntegerField(_("nummer"), default=1)
    title = models.CharField(_("titel"), max_length=200)
    description = LimitedTextField(_("omschrijving"), blank=True, max_length=TEXT_MAX)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="programme__organisation", **POLICY)

    class Meta:
        verbose_name = _("actielijn")
        verbose_name_plural = _("actielijnen")
        ordering = ["programme", "number"]
        constraints = [
            # Two lines numbered 1 in one programme were both accepted.
            models.UniqueConstraint(fields=["programme", "number"], name="unique_action_line_number",
                                    violation_error_code="line_number_taken",
                                    violation_error_message=_("Dit actieprogramma heeft al een actielijn met dit "
                                                              "nummer.")),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return self.programme.get_absolute_url()

    def validate_constraints(self, exclude=None):
        """A number already taken is said at the number, the field to change."""
        try:
            super().validate_constraints(exclude)
        except ValidationError as error:
            errors = error.update_error_dict({})
            taken = [e for e in errors.get(NON_FIELD_ERRORS, []) if e.code == "line_number_taken"]
            if taken and "number" not in (exclude or ()):
                others = [e for e in errors.pop(NON_FIELD_ERRORS) if e.code != "line_number_taken"]
                if others:
                    errors[NON_FIELD_ERRORS] = others
                errors.setdefault("number", []).extend(taken)
            raise ValidationError(errors) from error


class ActionQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status__in=OPEN_ACTION_STATUSES)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def counts(self) -> dict:
        """Open and overdue actions in one query (the dashboard)."""
        is_open = models.Q(status__in=OPEN_ACTION_STATUSES)
        return self.aggregate(
            open_actions=models.Count("pk", filter=is_open),
            overdue_actions=models.Count("pk", filter=is_open & models.Q(due_date__lt=timezone.localdate())))


class Action(models.Model):
    line = models.ForeignKey(ActionLine, on_delete=models.CASCADE, related_name="actions",
                             verbose_name=_("actielijn"))
    title = models.CharField(_("actie"), max_length=200)
    description = LimitedTextField(_("omschrijving"), blank=True, max_length=TEXT_MAX)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("eigenaar"))
    owner_name = models.CharField(_("eigenaar (naam)"), max_length=200, blank=True,
                                  help_text=_("Voor een eigenaar zonder account in het portaal."))
    due_date = models.DateField(_("uiterlijk klaar"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    module_number = models.PositiveSmallIntegerField(_("toolboxmodule"), null=True, blank=True,
                                                     choices=[(n, str(n)) for n in range(1, 14)])
    completed_on = models.DateField(_("afgerond op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ActionQuerySet.as_manager()
    access = AccessPolicy(owner="line__programme__organisation", **POLICY)
    new_label = _("Nieuwe actie")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_with_id("brokers:action-detail", self.pk)

    def clean(self):
        """A due date within the programme's years (a date of 1999 on a programme of 2026–2028 was
        accepted), and for an open action not in the past when it is set (it showed "Gepland te
        laat" at once). An action whose date stays as stored stays editable, overdue or not."""
        super().clean()
        self.clean_owner()
        if self.due_date is None or self.line_id is None:
            return
        programme = self.line.programme
        if not changed_since_saved(self, "due_date", "line"):
            return
        if not programme.first_year <= self.due_date.year <= programme.last_year:
            raise ValidationError({"due_date": _(
                "Kies een datum in de looptijd van het actieprogramma: %(first)s tot en met %(last)s.") % {
                "first": programme.first_year, "last": programme.last_year}})
        if (self.status in OPEN_ACTION_STATUSES and self.due_date < timezone.localdate()
                and changed_since_saved(self, "due_date")):
            raise ValidationError({"due_date": _(
                "Deze datum ligt in het verleden. Kies de datum waarop de actie uiterlijk klaar moet zijn.")})

    def clean_owner(self):
        """The owner opens the action: a broker or colleague of the programme's organisation. An
        owner stored before this rule stays while owner and line stay."""
        if self.owner_id is None or self.line_id is None or not changed_since_saved(self, "owner", "line"):
            return
        programme = self.line.programme
        if not people.sees(self.owner, Action, programme.organisation_id):
            raise ValidationError({"owner": _(
                "%(person)s kan de acties van %(organisation)s niet openen. Kies een makelaar of collega van "
                "%(organisation)s, of vul alleen de naam in bij „Eigenaar (naam)”.") % {
                "person": self.owner.get_full_name() or self.owner.get_username(),
                "organisation": programme.organisation}})

    @property
    def module_label(self) -> str:
        """"3. Welke impactondernemers …" (the current toolbox's module, in the page's language)."""
        from brokers.workspace.modules import module_label

        return module_label(self.module_number)

    @property
    def owner_display(self) -> str:
        if self.owner_id:
            return self.owner.get_full_name() or self.owner.get_username()
        return self.owner_name

    @property
    def is_overdue(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES and self.due_date is not None \
            and self.due_date < timezone.localdate()


class ActionLink(LinkFields):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="links", verbose_name=_("actie"))

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="action__line__programme__organisation", **POLICY)

    class Meta:
        verbose_name = _("gekoppeld object")
        verbose_name_plural = _("gekoppelde objecten")
        ordering = ["action", "pk"]
        constraints = [
            # An object linked twice was listed twice under the action.
            models.UniqueConstraint(fields=["action", "link_model", "link_id"], name="unique_action_link",
                                    violation_error_message=_("Dit object is al aan deze actie gekoppeld.")),
        ]

    def __str__(self):
        # A view that resolved the object for its user names it (``shown_as``: the unlink page and
        # its message); elsewhere (the admin, the change log's object name) its kind and number.
        shown = getattr(self, "shown_as", "") or f"{self.get_link_model_display()} #{self.link_id}"
        return _("Koppeling met %(object)s") % {"object": shown}

    def get_additional_data(self):
        """Kept with each change log entry (django-auditlog asks for it), also when the link is
        deleted: the action's history finds its links' entries by it (``workspace.history``)."""
        return {"action": self.action_id}

    def clean(self):
        super().clean()
        # The constraint's rule, next to the object picked (the constraint alone says it above the form).
        if self.action_id and self.link_model and self.link_id and ActionLink.objects.filter(
                action_id=self.action_id, link_model=self.link_model, link_id=self.link_id) \
                .exclude(pk=self.pk).exists():
            raise ValidationError({"link_id": _("Dit object is al aan deze actie gekoppeld.")})
