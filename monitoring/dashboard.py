"""The steering member's dashboard card (declared in apps.py): this year's key figures of each
programme they steer, as the steering page shows them, with links to that page and the reports."""

from decimal import Decimal

from django.db.models import Count, Min, Sum
from django.urls import reverse
from django.utils import timezone

from impactportal import access
from impactportal.accounts.models import Programme

from .models import Contribution, Meeting, Spending

ZERO = Decimal("0.00")


def _by_programme(rows, field="programme") -> dict:
    return {row.pop(field): row for row in rows}


def steering_figures(user) -> dict:
    """Per programme: this year's contributions (money and in kind) and spending, the next meeting
    and the bottlenecks on the agenda. Five queries, whatever the number of programmes."""
    from ecosystem.constants import BottleneckStatus
    from ecosystem.models import Bottleneck

    today = timezone.localdate()
    programmes = list(Programme.objects.filter(pk__in=access.programme_ids(user)).order_by("name"))
    ids = [programme.pk for programme in programmes]
    contributions = _by_programme(
        Contribution.objects.for_user(user).filter(programme__in=ids, year=today.year).order_by()
        .values("programme").annotate(money=Sum("money"), in_kind=Sum("in_kind")))
    spent = _by_programme(
        Spending.objects.for_user(user).filter(programme__in=ids, date__year=today.year).order_by()
        .values("programme").annotate(amount=Sum("amount")))
    meetings = _by_programme(
        Meeting.objects.for_user(user).filter(programme__in=ids, date__gte=today).order_by()
        .values("programme").annotate(next=Min("date")))
    agenda = _by_programme(
        access.scope(user, Bottleneck).filter(shared_with__in=ids, status=BottleneckStatus.ON_AGENDA).order_by()
        .values("shared_with").annotate(count=Count("id")), field="shared_with")
    rows = [{
        "programme": programme,
        "money": contributions.get(programme.pk, {}).get("money") or ZERO,
        "in_kind": contributions.get(programme.pk, {}).get("in_kind") or ZERO,
        "spent": spent.get(programme.pk, {}).get("amount") or ZERO,
        "next_meeting": meetings.get(programme.pk, {}).get("next"),
        "on_agenda": agenda.get(programme.pk, {}).get("count", 0),
    } for programme in programmes]
    return {"year": today.year, "rows": rows, "steering_url": reverse("monitoring:steering"),
            "reports_url": reverse("monitoring:report-list")}
