"""The brokers' part of the dashboards: teams, budget and helpdesk figures (declared in apps.py)."""

from django.db.models import Sum
from django.utils import timezone

from impactportal import access

from .models import BrokerTeam, BudgetLine, Case


def broker_figures(user):
    org_ids = access.organisation_ids(user, access.BROKER)
    budgets = BudgetLine.objects.for_user(user).filter(organisation__in=org_ids)
    # Always the current year: an old year's budget in December would mislead; none set is said.
    year = timezone.localdate().year
    budget = budgets.filter(year=year).aggregate(total=Sum("amount"))["total"]
    cases = Case.objects.for_user(user).filter(organisation__in=org_ids)
    return {
        "teams": BrokerTeam.objects.for_user(user).filter(organisation__in=org_ids).count(),
        "budget_year": year,
        "budget_total": budget,
        "open_cases": cases.open().count(),
        "unassigned_cases": cases.open().filter(assigned_to__isnull=True).count(),
        "my_cases": cases.open().filter(assigned_to=user).count(),
        "overdue_cases": cases.overdue().count(),
    }


def referred_cases(user):
    return {"referred_cases": Case.objects.for_user(user).open().count()}


def referral_follow_ups(user):
    """The broker's own follow-ups of external referrals whose day has come: the list behind the
    tile is filtered on exactly these (mine, due)."""
    from django.urls import reverse

    from .models import ExternalReferral

    return {
        "due_referrals": ExternalReferral.objects.for_user(user).filter(referred_by=user).due().count(),
        "referrals_url": reverse("helpdesk:referral-list") + "?mine=true&due=true",
    }


def desk_figures(user):
    """A network partner's helpdesk figures: the cases of the municipalities whose desk it runs
    (no teams, no budget: those stay the municipality's)."""
    cases = Case.objects.for_user(user).filter(organisation__in=access.organisation_ids(user, access.PARTNER))
    return {
        "open_cases": cases.open().count(),
        "unassigned_cases": cases.open().filter(assigned_to__isnull=True).count(),
        "my_cases": cases.open().filter(assigned_to=user).count(),
        "overdue_cases": cases.overdue().count(),
    }
