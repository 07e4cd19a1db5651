"""Filters shared by the FilterSets of several apps."""

import django_filters
from django.utils.translation import gettext_lazy as _

from impactportal.ui.widgets import FastSelect


class OrganisationFilter(django_filters.ModelChoiceFilter):
    """Filter on the owning organisation: a dropdown in the UI, the slug in the API
    (``?organisation=haarlem``), the same FilterSet for both."""

    def __init__(self, field_name="organisation", **kwargs):
        from impactportal.accounts.models import Organisation

        kwargs.setdefault("label", _("Organisatie"))
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("queryset", Organisation.objects.filter(is_active=True))
        kwargs.setdefault("widget", FastSelect)  # up to 342 municipalities on every list page
        super().__init__(field_name=field_name, **kwargs)
