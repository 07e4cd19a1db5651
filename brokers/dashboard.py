"""The brokers' part of the dashboards: teams, budget and helpdesk figures (declared in apps.py)."""

from django.db.models import Max, Sum
from django.utils import timezone

from impactportal import access

from .models import BrokerTeam, BudgetLine, Case


def broker_figures(user):
    org_ids = access.organisation_ids(user, access.BROKER)
    budgets = BudgetLine.objects.for_user(user).filter(organisation__in=org_ids)
    # The current year, or the latest year with a budget when none is set for this year yet.
    year = budgets.filter(year__lte=timezone.localdate().year).aggregate(y=Max("year"))["y"] or timezone.localdate().year
    budget = budgets.filter(year=year).aggregate(total=Sum("amount"))["total"]
    cases = Case.objects.for_user(user).filter(organisation__in=org_ids)
    return {
        "teams": BrokerTeam.objects.for_user(user).filter(organisation__in=org_ids).count(),
        "budget_year": year,
        "budget_total": budget or 0,
        "open_cases": cases.open().count(),
        "unassigned_cases": cases.open().filter(assigned_to__isnull=True).count(),
        "overdue_cases": cases.overdue().count(),
    }


def referred_cases(user):
    return {"referred_cases": Case.objects.for_user(user).open().count()}
