"""The FilterSet of impact challenges, shared by the list and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from enterprises.filters import ALL
from impactportal.accounts.models import Organisation

from ..constants import ChallengePhase
from ..models import Challenge


class ChallengeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Zoeken"))
    phase = django_filters.ChoiceFilter(empty_label=ALL, choices=ChallengePhase.choices, label=_("Fase"))
    organisation = django_filters.ModelChoiceFilter(empty_label=ALL, queryset=Organisation.objects.all(),
                                                    to_field_name="slug", label=_("Organisatie"))

    class Meta:
        model = Challenge
        fields = ["q", "phase", "organisation"]
