"""FilterSet of match-making meetings, shared by the list and the API; the filters of a
contract's matches page."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enterprises.models import Enterprise, Offering
from impactportal.accounts.models import Organisation
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


# Where a candidate is established, from the contracting organisation's point of view.
MUNICIPALITY, REGION = "gemeente", "regio"


class ContractMatchFilter(django_filters.FilterSet):
    """The hard criteria of a contract's matches page, applied in SQL to the candidates before
    the bounded pool is scored (``services_matching.matches_for(narrow=...)``): where the
    enterprise is established, whether it offers the contract's category, its name."""

    q = django_filters.CharFilter(method="search", label=_("Zoeken"))
    vestiging = django_filters.ChoiceFilter(
        method="filter_location", empty_label=_("Alle"), label=_("Vestiging"),
        choices=[(MUNICIPALITY, _("In de gemeente van de opdrachtgever")),
                 (REGION, _("In de regio van de opdrachtgever"))])
    aanbod = django_filters.BooleanFilter(method="filter_offering", widget=YES_NO,
                                          label=_("Biedt de categorie van het contract aan"))

    class Meta:
        model = Enterprise
        fields = ["q", "vestiging", "aanbod"]

    def __init__(self, data=None, *args, contract, **kwargs):
        self.contract = contract
        super().__init__(data, *args, queryset=Enterprise.objects.none(), **kwargs)
        if contract.category_id is None:  # nothing to offer: the filter would have no meaning
            self.filters.pop("aanbod")

    def search(self, queryset, name, value):
        return queryset.filter(name__icontains=value)

    def filter_location(self, queryset, name, value):
        organisation = self.contract.organisation_id
        if value == MUNICIPALITY:
            return queryset.filter(municipality_id=organisation)
        # The region: the organisation itself and the municipalities that share a region with it.
        neighbours = Organisation.objects.filter(regions__members=organisation).values("pk")
        return queryset.filter(Q(municipality_id=organisation) | Q(municipality_id__in=neighbours))

    def filter_offering(self, queryset, name, value):
        offers = Exists(Offering.objects.filter(enterprise=OuterRef("pk"), category_id=self.contract.category_id))
        return queryset.filter(offers if value else ~offers)
