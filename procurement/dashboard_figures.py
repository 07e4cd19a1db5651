"""The figures part of the broker dashboard: this year's obligation against the verified realisation."""

from decimal import Decimal

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone

from impactportal import access

from . import figures
from .models import SupplierPayment


def broker_panel(user):
    # The dashboard narrows to the broker's own organisation (a presentation choice); the figures
    # themselves are read through the access module.
    own = access.organisations(user, access.BROKER)
    if len(own) != 1:
        return {}
    year = timezone.localdate().year
    return {"organisation": own[0], "year": year, **figures.dashboard_summary(user, own[0], year)}


def regional_panel(user):
    """For a regional SROI coordinator: this year's totals of the region's members."""
    year = timezone.localdate().year
    return {"year": year, **figures.dashboard_summary(user, None, year)}


def colleague_payments(user):
    """For a procurement colleague (the department the supplier payments belong to): this year's
    payments to impact enterprises of their organisation(s), as the payments list filtered on them
    (matched to the register, this year) shows them. Nothing for a colleague of another department."""
    if not figures.reads_payments(user):
        return {}
    year = timezone.localdate().year
    org_ids = access.organisation_ids(user, access.COLLEAGUE)
    slugs = [organisation.slug for organisation in access.organisations(user, access.COLLEAGUE)]
    # Admitted enterprises only, as the figures page's "waarvan bij impactondernemingen" and the API's
    # ``is_impact_enterprise``: a register match that was never admitted is no impact enterprise.
    sums = (SupplierPayment.objects.for_user(user)
            .filter(figures.AT_IMPACT_ENTERPRISE, organisation__in=org_ids,
                    date__gte=f"{year}-01-01", date__lte=f"{year}-12-31")
            .order_by().aggregate(count=Count("id"), amount=Sum("amount")))
    query = f"?year={year}&impact_enterprise=true" + (f"&organisation={slugs[0]}" if len(slugs) == 1 else "")
    return {"year": year, "count": sums["count"], "amount": sums["amount"] or Decimal("0.00"),
            "list_url": reverse("procurement:payment-list") + query}
