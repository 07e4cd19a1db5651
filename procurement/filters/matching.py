"""FilterSet of match-making meetings, shared by the list and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.ui.columns import YES_NO_CHOICE as YES_NO

from ..constants import MeetingOutcome
from ..models import MatchMeeting

# A follow-up is open while the meeting has not ended in an agreement or in no match.
OPEN_OUTCOMES = (MeetingOutcome.PLANNED, MeetingOutcome.FOLLOW_UP)


def follow_up_due(today=None) -> Q:
    today = today or timezone.localdate()
    return Q(follow_up_on__isnull=False, follow_up_on__lte=today, outcome__in=OPEN_OUTCOMES)


def is_follow_up_due(meeting, today=None) -> bool:
    """``follow_up_due`` for one meeting in memory."""
    today = today or timezone.localdate()
    return bool(meeting.follow_up_on and meeting.follow_up_on <= today and meeting.outcome in OPEN_OUTCOMES)


class MatchMeetingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Zoeken"))
    outcome = django_filters.ChoiceFilter(choices=MeetingOutcome.choices, empty_label=_("Alle"), label=_("Uitkomst"))
    follow_up_due = django_filters.BooleanFilter(method="filter_due", widget=YES_NO, label=_("Vervolgactie nu aan de beurt"))
    contract = django_filters.NumberFilter(field_name="contract_id", label=_("Contract (id)"))
    enterprise = django_filters.NumberFilter(field_name="enterprise_id", label=_("Onderneming (id)"))
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("Vanaf"),
                                           widget=forms.DateInput)
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Tot en met"),
                                            widget=forms.DateInput)

    class Meta:
        model = MatchMeeting
        fields = ["q", "outcome", "follow_up_due", "contract", "enterprise", "date_after", "date_before"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(enterprise__name__icontains=value) | Q(contract__title__icontains=value)
                               | Q(contract__supplier_name__icontains=value))

    def filter_due(self, queryset, name, value):
        return queryset.filter(follow_up_due() if value else ~follow_up_due())
