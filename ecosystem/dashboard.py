"""The real-estate colleague's part of the dashboard (declared in apps.py): their organisation's open
space requests, the properties still on offer and the recent allocations. Every tile links to the
list filtered on exactly the rows it counts."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from impactportal import access

from .constants import SpaceRequestStatus
from .filters_realestate import on_offer
from .models_realestate import Allocation, Property, SpaceRequest

RECENT_DAYS = 90  # an allocation that started (or starts) on or after this many days ago is recent


def _own(user, model):
    """The rows of ``model`` of the organisation(s) where ``user`` is a colleague, as the access
    module lets them be read (their department's), and the query string that narrows the list the
    same way (one organisation: its filter; several: the list's own scope is those organisations)."""
    rows = model.objects.for_user(user).filter(organisation__in=access.organisation_ids(user, access.COLLEAGUE))
    slugs = [organisation.slug for organisation in access.organisations(user, access.COLLEAGUE)]
    return rows, (f"&organisation={slugs[0]}" if len(slugs) == 1 else "")


def realestate_figures(user):
    today = timezone.localdate()
    requests, narrow = _own(user, SpaceRequest)
    properties, _narrow = _own(user, Property)
    allocations, _narrow = _own(user, Allocation)
    since = today - dt.timedelta(days=RECENT_DAYS)
    recent = allocations.filter(start_date__gte=since).select_related("property").order_by("-start_date", "-id")
    return {
        "open_requests": requests.filter(status=SpaceRequestStatus.OPEN).count(),
        "requests_url": reverse("ecosystem:space-request-list") + f"?status={SpaceRequestStatus.OPEN}" + narrow,
        "available": properties.filter(on_offer(today)).count(),
        "properties_url": reverse("ecosystem:property-list") + "?available=true" + narrow,
        "allocations": recent.count(),
        "recent": list(recent[:3]),
        "since": since,
        "allocations_url": reverse("ecosystem:allocation-list") + f"?start_from={since.isoformat()}" + narrow,
    }
