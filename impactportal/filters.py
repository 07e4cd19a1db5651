"""Filters shared by the FilterSets of several apps."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from impactportal.ui.widgets import FastSelect, cached_reference_row


class ReferenceChoiceField(ModelChoiceField):
    """Looks the chosen row of reference data up in the cache: a broker's register is filtered on
    their municipality on every visit, and the lookup was a query of its own. Other models, empty
    and invalid values take Django's path (an invalid value raises and is not cached)."""

    def to_python(self, value):
        if value in self.empty_values:
            return super().to_python(value)
        found = cached_reference_row(self.queryset, (self.to_field_name, value),
                                     lambda: super(ReferenceChoiceField, self).to_python(value))
        return super().to_python(value) if found is None else found


class ReferenceChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice of reference data (municipalities, regions): options and the chosen row from the
    cache (``impactportal.ui.widgets``)."""

    field_class = ReferenceChoiceField


class OrganisationFilter(ReferenceChoiceFilter):
    """Filter on the owning organisation: a dropdown in the UI, the slug in the API
    (``?organisation=haarlem``), the same FilterSet for both."""

    def __init__(self, field_name="organisation", **kwargs):
        from impactportal.accounts.models import Organisation

        kwargs.setdefault("label", _("Organisatie"))
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("queryset", Organisation.objects.filter(is_active=True))
        kwargs.setdefault("widget", FastSelect)  # up to 342 municipalities on every list page
        super().__init__(field_name=field_name, **kwargs)
