"""The contracts' panel on the broker dashboard (declared in apps.py)."""

from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Sum, Window
from django.urls import reverse

from impactportal import access

from .constants import ContractStatus, RealisationStatus
from .models import Contract, Realisation


def _first_and_count(behind) -> dict:
    """The first three contracts and how many there are, in one query (the count as a window
    over all rows, taken before the LIMIT)."""
    first = list(behind.only("id", "title", "end_date").annotate(total=Window(Count("id")))[:3])
    return {"count": first[0].total if first else 0, "first": first}


def _own_contracts(user, role):
    """The contracts of the organisation(s) where ``user`` holds ``role``, as the access module lets
    them be read, and the contract list's query string that narrows it the same way (one
    organisation: its filter; several: the list's own scope is already those organisations)."""
    org_ids = access.organisation_ids(user, role)
    contracts = Contract.objects.for_user(user).filter(organisation__in=org_ids)
    slugs = [organisation.slug for organisation in access.organisations(user, role)]
    return contracts, (f"&organisation={slugs[0]}" if len(slugs) == 1 else "")


def behind_schedule(user, role=access.BROKER):
    """Contracts of the user's organisation(s) whose realised share lags the elapsed period."""
    contracts, narrow = _own_contracts(user, role)
    behind = contracts.filter(status=ContractStatus.BEHIND).order_by("end_date", "id")
    return {**_first_and_count(behind),
            "list_url": reverse("procurement:contract-list") + f"?status={ContractStatus.BEHIND}" + narrow}


def colleague_behind_schedule(user):
    """A colleague's organisation's contracts behind schedule (procurement follows its contracts)."""
    return behind_schedule(user, access.COLLEAGUE)


def with_lines_to_verify(contracts):
    """The contracts with a realisation line waiting for verification: the contract list's filter
    ``to_verify`` (``ContractFilter``) is exactly this."""
    submitted = Realisation.objects.filter(contract=OuterRef("pk"), status=RealisationStatus.SUBMITTED)
    return contracts.filter(Exists(submitted))


def _to_verify(contracts, query: str) -> dict:
    """How many contracts have lines to verify and what those lines are worth (``reported``: the
    value of the submitted, not yet verified lines), in one query."""
    sums = with_lines_to_verify(contracts).order_by().aggregate(count=Count("id"), reported=Sum("reported"))
    return {"count": sums["count"], "reported": sums["reported"] or Decimal("0.00"),
            "list_url": reverse("procurement:contract-list") + "?to_verify=true" + query}


def colleague_to_verify(user):
    """For a colleague: what suppliers reported on the organisation's contracts and nobody
    verified yet (the brokers or the region's SROI coordinator verify it)."""
    contracts, narrow = _own_contracts(user, access.COLLEAGUE)
    return _to_verify(contracts, narrow)


def broker_to_verify(user):
    """For a broker: the organisation's contracts with lines to verify; the brokers verify them
    (with the region's SROI coordinator), so the work queue is theirs first."""
    contracts, narrow = _own_contracts(user, access.BROKER)
    return _to_verify(contracts, narrow)


def regional_to_verify(user):
    """For a regional SROI coordinator: the region's contracts with lines to verify, its main task
    (the access module narrows the contracts to the region's members)."""
    return _to_verify(Contract.objects.for_user(user), "")


def regional_behind_schedule(user):
    """For a regional SROI coordinator: the contracts of the region's members behind schedule
    (the access module already narrows them to the region)."""
    behind = Contract.objects.for_user(user).filter(status=ContractStatus.BEHIND).order_by("end_date", "id")
    return {**_first_and_count(behind),
            "list_url": reverse("procurement:contract-list") + f"?status={ContractStatus.BEHIND}"}
