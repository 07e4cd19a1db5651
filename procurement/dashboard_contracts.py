"""The contracts' panel on the broker dashboard (declared in apps.py)."""

from django.db.models import Count, Window
from django.urls import reverse

from impactportal import access

from .constants import ContractStatus
from .models import Contract


def _first_and_count(behind) -> dict:
    """The first three contracts and how many there are, in one query (the count as a window
    over all rows, taken before the LIMIT)."""
    first = list(behind.only("id", "title", "end_date").annotate(total=Window(Count("id")))[:3])
    return {"count": first[0].total if first else 0, "first": first}


def behind_schedule(user):
    """Contracts of the broker's organisation(s) whose realised share lags the elapsed period."""
    org_ids = access.organisation_ids(user, access.BROKER)
    behind = (Contract.objects.for_user(user).filter(organisation__in=org_ids, status=ContractStatus.BEHIND)
              .order_by("end_date", "id"))
    slugs = [organisation.slug for organisation in access.organisations(user, access.BROKER)]
    query = f"?status={ContractStatus.BEHIND}" + (f"&organisation={slugs[0]}" if len(slugs) == 1 else "")
    return {**_first_and_count(behind), "list_url": reverse("procurement:contract-list") + query}


def regional_behind_schedule(user):
    """For a regional SROI coordinator: the contracts of the region's members behind schedule
    (the access module already narrows them to the region)."""
    behind = Contract.objects.for_user(user).filter(status=ContractStatus.BEHIND).order_by("end_date", "id")
    return {**_first_and_count(behind),
            "list_url": reverse("procurement:contract-list") + f"?status={ContractStatus.BEHIND}"}
