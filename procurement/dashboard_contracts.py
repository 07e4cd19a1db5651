"""The contracts' panel on the broker dashboard (declared in apps.py)."""

from django.urls import reverse

from impactportal import access

from .constants import ContractStatus
from .models import Contract


def behind_schedule(user):
    """Contracts of the broker's organisation(s) whose realised share lags the elapsed period."""
    org_ids = access.organisation_ids(user, access.BROKER)
    behind = (Contract.objects.for_user(user).filter(organisation__in=org_ids, status=ContractStatus.BEHIND)
              .order_by("end_date", "id"))
    slugs = [organisation.slug for organisation in access.organisations(user, access.BROKER)]
    query = f"?status={ContractStatus.BEHIND}" + (f"&organisation={slugs[0]}" if len(slugs) == 1 else "")
    return {"count": behind.count(), "first": list(behind.only("id", "title", "end_date")[:3]),
            "list_url": reverse("procurement:contract-list") + query}


def regional_behind_schedule(user):
    """For a regional SROI coordinator: the contracts of the region's members behind schedule
    (the access module already narrows them to the region)."""
    behind = Contract.objects.for_user(user).filter(status=ContractStatus.BEHIND).order_by("end_date", "id")
    return {"count": behind.count(), "first": list(behind.only("id", "title", "end_date")[:3]),
            "list_url": reverse("procurement:contract-list") + f"?status={ContractStatus.BEHIND}"}
