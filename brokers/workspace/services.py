"""State changes of the workspace. Spending against a budget line locks the line and re-checks what
remains inside the transaction: overspending is refused unless a broker records a decision."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from impactportal import access
from impactportal.db.changes import changed_since_saved
from impactportal.money import euro

from ..constants import ActionStatus
from ..models import BudgetLine, Spending

ZERO = Decimal("0.00")


def spent_on(line, without=None) -> Decimal:
    """What is spent on ``line``, less the spending ``without`` (its pk): a changed spending is
    checked against what remains besides its own stored amount."""
    rows = Spending.objects.filter(budget_line=line)
    if without is not None:
        rows = rows.exclude(pk=without)
    return rows.aggregate(total=Sum("amount"))["total"] or ZERO


def spending_problems(spending: Spending, line: BudgetLine, by, remaining: Decimal | None = None) -> dict:
    """Everything that keeps ``spending`` off ``line``, at once: ``{field: message}`` (empty: it may
    be booked). The form shows them all in one go; ``spending_record`` asks again on the locked line,
    passing what ``remaining`` it read there (else it is summed here: ``spent_on``).
    A value the form could not read (``None``) is not checked here: its field says what is wrong."""
    problems = {}
    if spending.organisation_id and line.organisation_id != spending.organisation_id:
        problems["budget_line"] = _("Deze begrotingsregel hoort bij een andere organisatie.")
    if spending.date and spending.date.year != line.year:
        problems["date"] = _("De datum valt niet in het jaar van de begrotingsregel (%(year)s).") % {"year": line.year}
    if spending.amount is not None:
        if remaining is None:
            remaining = line.amount - spent_on(line, without=spending.pk)
        if spending.amount > remaining:
            if not (spending.overspend_decision or "").strip():
                problems["amount"] = _(
                    "Dit is meer dan er op de begrotingsregel over is (%(remaining)s). Leg een besluit over de "
                    "overschrijding vast om toch te boeken.") % {"remaining": euro(remaining)}
            elif not access.can(by, access.CHANGE, line):
                problems["overspend_decision"] = _("Alleen een makelaar van de organisatie kan besluiten tot "
                                                   "overschrijding.")
    return problems


@transaction.atomic
def spending_record(*, spending: Spending, by) -> Spending:
    """Store a new or changed commitment or spending. Against a budget line of another year or
    organisation it is refused; beyond what remains on the line only with ``overspend_decision``
    by a broker. A change is checked as a new one is, against what remains besides its own stored
    amount; it keeps who recorded it, and who decided the overspend while the decision stays."""
    if spending.budget_line_id:
        line = BudgetLine.objects.select_for_update().get(pk=spending.budget_line_id)
        remaining = line.amount - spent_on(line, without=spending.pk)  # summed once, on the locked line
        problems = spending_problems(spending, line, by, remaining=remaining)
        if problems:
            raise ValidationError(problems)
        if spending.amount > remaining:
            if spending.decided_by_id is None or changed_since_saved(spending, "overspend_decision"):
                spending.decided_by = by
        else:
            spending.overspend_decision = ""
            spending.decided_by = None
    if spending._state.adding:
        spending.recorded_by = by
    spending.full_clean()
    spending.save()
    return spending


@transaction.atomic
def budget_line_save(*, line: BudgetLine) -> BudgetLine:
    """Store a new or changed budget line, its checks (``BudgetLine.clean``: what is spent on it) read
    again on the locked row: ``spending_record`` locks the same row, so a spending booked while the
    form was checked counts (a line lowered to 500 while 500 was booked beside 400 was stored)."""
    if line.pk is not None:
        BudgetLine.objects.select_for_update().filter(pk=line.pk).first()
    line.full_clean()
    line.save()
    return line


def remaining_per_line(lines):
    """``[(line, spent, remaining)]`` for ``lines`` in one aggregate query."""
    lines = list(lines)
    spent = dict(Spending.objects.filter(budget_line__in=lines).values_list("budget_line")
                 .annotate(total=Sum("amount")).values_list("budget_line", "total"))
    return [(line, spent.get(line.pk, ZERO), line.amount - spent.get(line.pk, ZERO)) for line in lines]


def per_year(rows, spendings_without_line=()):
    """``{year: {"budget", "spent", "remaining"}}`` from ``remaining_per_line`` rows plus spending
    without a budget line (paid from a programme). What remains is the year's budget less all it
    spent, so spending without a line shows as an overspend, as on the dashboard's budget tile."""
    years = {}
    for line, spent, remaining in rows:
        entry = years.setdefault(line.year, {"budget": ZERO, "spent": ZERO, "remaining": ZERO})
        entry["budget"] += line.amount
        entry["spent"] += spent
        entry["remaining"] += remaining
    for spending in spendings_without_line:
        entry = years.setdefault(spending.date.year, {"budget": ZERO, "spent": ZERO, "remaining": ZERO})
        entry["spent"] += spending.amount
        entry["remaining"] -= spending.amount
    return dict(sorted(years.items()))


def per_organisation(rows, spendings_without_line=()):
    """``[(organisation, per_year)]`` by organisation name: each organisation's own years
    (``per_year``). An administrator's overview added every municipality's budget and spending
    together, as if one municipality had them all."""
    groups = {}
    for row in rows:
        groups.setdefault(row[0].organisation, ([], []))[0].append(row)
    for spending in spendings_without_line:
        groups.setdefault(spending.organisation, ([], []))[1].append(spending)
    return [(organisation, per_year(lines, loose))
            for organisation, (lines, loose) in sorted(groups.items(), key=lambda g: (g[0].name, g[0].pk))]


def first_step_for_actions(user) -> dict | None:
    """What ``user`` makes first when they may add actions but have no action line to add them to:
    ``{"text", "link", "url"}`` (a new programme, or a line in their programme), or None (there is a
    line, or the user adds no actions). The action list offered "Voeg de eerste toe" and a form whose
    "Actielijn" drop-down was empty."""
    from ..models import Action, ActionLine, ActionProgramme

    if not access.may_own(user, Action) or access.scope(user, ActionLine, access.CHANGE).exists():
        return None
    programme = access.scope(user, ActionProgramme, access.CHANGE).order_by("-first_year", "title").first()
    if programme is None:
        if not access.may_own(user, ActionProgramme):
            return None
        return {"text": _("Een actie hoort bij een actielijn van een actieprogramma. Maak eerst een actieprogramma "
                          "en voeg daar een actielijn aan toe."),
                "link": _("Nieuw actieprogramma"), "url": reverse("brokers:agenda-create")}
    return {"text": _("Een actie hoort bij een actielijn. Voeg eerst een actielijn toe aan actieprogramma "
                      "„%(programme)s”.") % {"programme": programme.name_with_years},
            "link": _("Actielijn toevoegen"), "url": f"{reverse('brokers:line-create')}?programme={programme.pk}"}


def completed_on(status: str):
    """The day an action counts as completed (the indicator reads it): today when it becomes done."""
    return timezone.localdate() if status == ActionStatus.DONE else None
