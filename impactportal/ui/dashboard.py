"""What each role sees first. One small function per role; the dashboard shows the panels of
every role the user holds (a user may be broker and steering member at once)."""

from django.db.models import Count, Max, Sum
from django.utils import timezone

from impactportal import access


def broker_panel(user):
    from brokers.models import BrokerTeam, BudgetLine
    from enterprises.models import Enterprise
    from impactportal.accounts.models import Organisation

    org_ids = access.organisation_ids(user, access.BROKER)
    budgets = BudgetLine.objects.for_user(user).filter(organisation__in=org_ids)
    # The current year, or the latest year with a budget when none is set for this year yet.
    year = budgets.filter(year__lte=timezone.localdate().year).aggregate(y=Max("year"))["y"] or timezone.localdate().year
    budget = budgets.filter(year=year).aggregate(total=Sum("amount"))["total"]
    return {
        "organisations": list(Organisation.objects.filter(pk__in=org_ids).values_list("name", flat=True)),
        "teams": BrokerTeam.objects.for_user(user).filter(organisation__in=org_ids).count(),
        "budget_year": year,
        "budget_total": budget or 0,
        "enterprises": Enterprise.objects.filter(municipality__in=org_ids).count(),
        "awaiting_admission": Enterprise.objects.filter(
            municipality__in=org_ids, admission_status__in=["applied", "under_review"]
        ).count(),
        **helpdesk_counts(user, org_ids),
    }


def helpdesk_counts(user, org_ids):
    from brokers.models import Case

    cases = Case.objects.for_user(user).filter(organisation__in=org_ids)
    return {
        "open_cases": cases.open().count(),
        "unassigned_cases": cases.open().filter(assigned_to__isnull=True).count(),
        "overdue_cases": cases.overdue().count(),
    }


def colleague_panel(user):
    from enterprises.models import Enterprise

    return {
        "departments": sorted({m.get_department_display() for m in access.memberships(user) if m.role == access.COLLEAGUE}),
        "showcase_count": Enterprise.objects.filter(is_published=True, admission_status="admitted").count(),
        "referred_cases": _referred_cases(user),
    }


def _referred_cases(user):
    from brokers.models import Case

    return Case.objects.for_user(user).open().count()


def entrepreneur_panel(user):
    from enterprises.models import Enterprise

    return {"enterprises": list(Enterprise.objects.filter(pk__in=access.enterprise_ids(user)).select_related("municipality"))}


def steering_panel(user):
    from impactportal.accounts.models import Programme

    return {
        "programmes": list(
            Programme.objects.filter(pk__in=access.programme_ids(user))
            .annotate(participant_count=Count("participants"))
            .prefetch_related("phases", "tracks")
        )
    }


PANELS = {
    access.BROKER: broker_panel,
    access.COLLEAGUE: colleague_panel,
    access.ENTREPRENEUR: entrepreneur_panel,
    access.STEERING: steering_panel,
}


def panels_for(user) -> dict:
    roles = access.roles_of(user)
    return {role: panel(user) for role, panel in PANELS.items() if role in roles}
