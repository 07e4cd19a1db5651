import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timezone import get_current_timezone
from django.utils.translation import gettext_lazy as _

from brokers.helpdesk.sla import due_day
from impactportal.ui.columns import YES_NO, MoneyColumn, short_date, with_alert
from impactportal.ui.tables import StackedTable

from .models import ActionProgramme, BrokerTeam, BudgetLine, Case, ExternalReferral


class BrokerTeamTable(tables.Table):
    name = tables.LinkColumn("brokers:team-detail", args=[tables.A("pk")])
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Organisatie"))

    class Meta:
        model = BrokerTeam
        fields = ["name", "organisation", "form", "network_partner"]


class BudgetLineTable(tables.Table):
    description = tables.LinkColumn("brokers:budget-detail", args=[tables.A("pk")], empty_values=(),
                                    text=lambda r: r.description or r.get_kind_display())
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Organisatie"))
    programme = tables.Column(accessor="programme__name", verbose_name=_("Programma"))
    amount = MoneyColumn()

    class Meta:
        model = BudgetLine
        fields = ["description", "year", "kind", "organisation", "programme", "amount"]


def _select_label(record):
    return _("Vraag #%(number)s selecteren: %(subject)s") % {"number": record.pk, "subject": record.subject}


class CaseTable(StackedTable, tables.Table):
    """The broker inbox. The checkbox column feeds the bulk-assign form below the table. On a
    phone a labelled block per case (``StackedTable``): status, handler and due date were columns
    scrolled out of sight of a 988 px wide table."""

    select = tables.CheckBoxColumn(accessor="pk", verbose_name=_("Selecteren"), attrs={"input": {"name": "cases", "form": "bulk-assign",
                                                                   "aria-label": _select_label},
                                                         # Ticks every row of the page (portal.js), so only
                                                         # with JavaScript: ``hidden`` until a script shows it.
                                                         "th__input": {"aria-label": _("Alles selecteren"),
                                                                       "data-select-all": "cases", "hidden": ""}},
                                   orderable=False, exclude_from_export=True)
    pk = tables.Column(verbose_name="#", attrs={"td": {"class": "numeric"}})
    subject = tables.Column(verbose_name=_("Vraag"))
    enterprise = tables.Column(accessor="enterprise__name", verbose_name=_("Onderneming"), default="—")
    # The case's category ("Financiering"), not its subject: the model calls it "onderwerp", which
    # in an export beside "Vraag" (the subject) read as the wrong column ("Subject" in English).
    category = tables.Column(verbose_name=_("Soort vraag"))
    assigned_to = tables.Column(verbose_name=_("Behandelaar"), default="—", order_by=("assigned_to__first_name",))
    submitted_at = tables.DateTimeColumn(verbose_name=_("Ingediend"), format="SHORT_DATE_FORMAT")
    resolution_due = tables.DateTimeColumn(verbose_name=_("Uiterlijk opgelost"), format="SHORT_DATE_FORMAT",
                                           default="—")

    class Meta:
        model = Case
        fields = ["select", "pk", "subject", "enterprise", "category", "status", "assigned_to", "submitted_at",
                  "resolution_due"]
        order_by = "-submitted_at"

    def render_subject(self, record, value):
        # In the language it was asked in (WCAG 3.1.2 Language of Parts).
        link = format_html('<a class="utrecht-link" href="{}" lang="{}">{}</a>', record.get_absolute_url(),
                           record.language, value)
        return with_alert(link, _("hoog") if record.priority == "high" else None)

    def value_subject(self, value):  # exports hold the subject, not the link and badge around it
        return value

    def render_status(self, record, value):
        if record.referred_department:
            return f"{value} ({record.get_referred_department_display()})"
        return value

    def render_resolution_due(self, record, value):
        # The badge names the deadline that passed: "te laat" under "Uiterlijk opgelost" said the
        # resolution was late when only the first response was (``Case.is_overdue`` is either).
        alert = None
        if record.is_overdue:
            now = timezone.now()
            alert = _("te laat") if value is not None and value < now else _("eerste reactie te laat")
        if value is None:
            return with_alert("—", alert)  # the clock stands still (waiting, resolved or closed)
        # A moment at midnight is the end of the day before (``due_day``): "10-12" read as a day late.
        day, _end_of_day = due_day(value, get_current_timezone())
        return with_alert(short_date(day), alert)

    def value_resolution_due(self, record, value):
        # Exports: the day the list shows, no badge. The moment at midnight ("2026-12-29 00:00")
        # read in a spreadsheet as a day later than the list's "28-12-2026".
        if value is None:
            return None
        return due_day(value, get_current_timezone())[0]


class ExternalReferralTable(tables.Table):
    case = tables.Column(verbose_name=_("Vraag"), order_by=("case__pk",))
    party = tables.Column(verbose_name=_("Partij"), empty_values=(), orderable=False)
    referred_by = tables.Column(verbose_name=_("Doorverwezen door"), default="—",
                                order_by=("referred_by__first_name",))
    referred_at = tables.DateTimeColumn(verbose_name=_("Doorverwezen op"), format="SHORT_DATE_FORMAT")
    follow_up_on = tables.DateColumn(verbose_name=_("Vervolgactie op"), format="SHORT_DATE_FORMAT")
    follow_up_done = tables.BooleanColumn(verbose_name=_("Afgerond"), yesno=YES_NO)

    class Meta:
        model = ExternalReferral
        fields = ["case", "kind", "party", "referred_by", "referred_at", "follow_up_on", "follow_up_done"]
        order_by = "follow_up_on"

    def render_case(self, record, value):
        return format_html('<a class="utrecht-link" href="{}">#{} <span lang="{}">{}</span></a>',
                           record.get_absolute_url(), record.case_id, record.case.language, record.case.subject)

    def value_case(self, record, value):
        return f"#{record.case_id} {record.case.subject}"

    def render_party(self, record):
        return record.party or "—"

    def value_party(self, record):
        return record.party

    def render_follow_up_on(self, record, value):
        return with_alert(short_date(value), _("aan de beurt") if record.is_due else None)

    def value_follow_up_on(self, record, value):  # exports: the date itself, no badge
        return value


# --- workspace: spending and actions (issue 13) -------------------------------------------------

from .models import Action, Spending  # noqa: E402
from .workspace.modules import module_label  # noqa: E402


class SpendingTable(tables.Table):
    description = tables.LinkColumn("brokers:spending-detail", args=[tables.A("pk")])
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Organisatie"))
    budget_line = tables.Column(verbose_name=_("Begrotingsregel"), default="—")
    amount = MoneyColumn()

    class Meta:
        model = Spending
        fields = ["date", "description", "kind", "organisation", "budget_line", "paying_programme", "amount"]
        order_by = "-date"

    def value_budget_line(self, value):
        # Exports: the line's name, not its budget as text ("…(Overig): € 35.000,00") beside the
        # spending's own amount, where a spreadsheet could neither sum nor read it.
        return value.label if value else ""


class ActionTable(tables.Table):
    title = tables.LinkColumn("brokers:action-detail", args=[tables.A("pk")])
    # The programme beside its line, on the page and in the export: the "1. Dienstverlening" of the
    # programme 2020-2024 and of its follow-up read alike.
    programme = tables.Column(accessor="line__programme__name_with_years", verbose_name=_("Actieprogramma"),
                              order_by=("line__programme__first_year", "line__programme__title"))
    line = tables.Column(verbose_name=_("Actielijn"), order_by=("line__number",))
    owner = tables.Column(verbose_name=_("Eigenaar"), empty_values=(), orderable=False)
    due_date = tables.DateColumn(verbose_name=_("Uiterlijk klaar"), format="SHORT_DATE_FORMAT", default="—")

    class Meta:
        model = Action
        fields = ["title", "programme", "line", "owner", "due_date", "status", "module_number"]
        order_by = "due_date"

    def render_owner(self, record):
        return record.owner_display or "—"

    def render_module_number(self, value):
        return module_label(value)

    def value_module_number(self, value):  # exports: "3. Welke impactondernemers …" as on the page
        return module_label(value)

    def value_owner(self, record):
        return record.owner_display

    def render_due_date(self, record, value):  # a date (not a helpdesk deadline moment)
        return with_alert(short_date(value), _("te laat") if record.is_overdue else None)

    def value_due_date(self, record, value):  # exports: the date itself, no badge
        return value


class ActionProgrammeTable(tables.Table):
    """The export of the action programmes (the page lists them as cards)."""

    title = tables.LinkColumn("brokers:agenda-detail", args=[tables.A("pk")])
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Organisatie"))
    adopted_on = tables.DateColumn(format="SHORT_DATE_FORMAT", default="")
    yearly_budget = MoneyColumn(default="")

    class Meta:
        model = ActionProgramme
        fields = ["title", "organisation", "first_year", "last_year", "adopted_on", "decision_reference",
                  "yearly_budget"]
