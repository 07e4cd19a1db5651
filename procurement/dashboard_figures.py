"""The figures part of the broker dashboard: this year's obligation against the verified realisation."""

from django.utils import timezone

from impactportal import access

from . import figures


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
