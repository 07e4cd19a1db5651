"""State changes of the workspace. Spending against a budget line locks the line and re-checks what
remains inside the transaction: overspending is refused unless a broker records a decision."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from impactportal import access
from impactportal.money import euro

from ..constants import ActionStatus
from ..models import BudgetLine, Spending

ZERO = Decimal("0.00")


def spent_on(line) -> Decimal:
    return Spending.objects.filter(budget_line=line).aggregate(total=Sum("amount"))["total"] or ZERO


@transaction.atomic
def spending_record(*, spending: Spending, by) -> Spending:
    """Store a commitment or spending. Against a budget line of another year or organisation it is
    refused; beyond what remains on the line only with ``overspend_decision`` by a broker."""
    if spending.budget_line_id:
        line = BudgetLine.objects.select_for_update().get(pk=spending.budget_line_id)
        if line.organisation_id != spending.organisation_id:
            raise ValidationError({"budget_line": _("Deze begrotingsregel hoort bij een andere organisatie.")})
        if spending.date and spending.date.year != line.year:
            raise ValidationError({"date": _("De datum valt niet in het jaar van de begrotingsregel (%(year)s).")
                                   % {"year": line.year}})
        remaining = line.amount - spent_on(line)
        if spending.amount > remaining:
            decision = (spending.overspend_decision or "").strip()
            if not decision:
                raise ValidationError({"amount": _(
                    "Dit is meer dan er op de begrotingsregel over is (%(remaining)s). Leg een besluit over de "
                    "overschrijding vast om toch te boeken.") % {"remaining": euro(remaining)}})
            if not access.can(by, access.CHANGE, line):
                raise ValidationError({"overspend_decision": _("Alleen een makelaar van de organisatie kan "
                                                               "besluiten tot overschrijding.")})
            spending.decided_by = by
        else:
            spending.overspend_decision = ""
    spending.recorded_by = by
    spending.full_clean()
    spending.save()
    return spending


def remaining_per_line(lines):
    """``[(line, spent, remaining)]`` for ``lines`` in one aggregate query."""
    lines = list(lines)
    spent = dict(Spending.objects.filter(budget_line__in=lines).values_list("budget_line")
                 .annotate(total=Sum("amount")).values_list("budget_line", "total"))
    return [(line, spent.get(line.pk, ZERO), line.amount - spent.get(line.pk, ZERO)) for line in lines]


def per_year(rows, spendings_without_line=()):
    """``{year: {"budget", "spent", "remaining"}}`` from ``remaining_per_line`` rows plus spending
    without a budget line (paid from a programme)."""
    years = {}
    for line, spent, remaining in rows:
        entry = years.setdefault(line.year, {"budget": ZERO, "spent": ZERO, "remaining": ZERO})
        entry["budget"] += line.amount
        entry["spent"] += spent
        entry["remaining"] += remaining
    for spending in spendings_without_line:
        entry = years.setdefault(spending.date.year, {"budget": ZERO, "spent": ZERO, "remaining": ZERO})
        entry["spent"] += spending.amount
    return dict(sorted(years.items()))


def completed_on(status: str):
    """The day an action counts as completed (the indicator reads it): today when it becomes done."""
    return timezone.localdate() if status == ActionStatus.DONE else None
