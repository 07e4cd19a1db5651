"""The FilterSet of purchase requests, shared by the lists and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from enterprises.filters import ALL, YES_NO
from enterprises.models import OfferingCategory
from impactportal.accounts.models import Organisation

from ..constants import RequestStatus, ResponseStatus
from ..models import PurchaseRequest, PurchaseResponse


class PurchaseRequestFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Zoeken"))
    status = django_filters.ChoiceFilter(empty_label=ALL, choices=RequestStatus.choices, label=_("Status"))
    category = django_filters.ModelChoiceFilter(empty_label=ALL, queryset=OfferingCategory.objects.all(),
                                                to_field_name="slug", label=_("Categorie"))
    organisation = django_filters.ModelChoiceFilter(empty_label=ALL, queryset=Organisation.objects.all(),
                                                    to_field_name="slug", label=_("Organisatie"))
    reserved = django_filters.BooleanFilter(field_name="is_reserved", widget=YES_NO, label=_("Voorbehouden opdracht"))

    class Meta:
        model = PurchaseRequest
        fields = ["q", "status", "category", "organisation", "reserved"]


def _visible_requests(request):
    """The requests one may see: every purchase request (withdrawn ones of other municipalities
    included) named their titles to any entrepreneur. An API client asks for the responses to its
    own request before any came (an empty list, not an error); the entrepreneur's page offers only
    the requests they answered (``views.requests.MyResponses``)."""
    if request is None:
        return PurchaseRequest.objects.none()
    return PurchaseRequest.objects.for_user(request.user).order_by("title", "pk")


def answered_requests(user):
    answered = PurchaseResponse.objects.for_user(user).values("request_id")
    return PurchaseRequest.objects.for_user(user).filter(pk__in=answered).order_by("title", "pk")


class ResponseFilter(django_filters.FilterSet):
    request = django_filters.ModelChoiceFilter(empty_label=ALL, queryset=_visible_requests, label=_("Inkoopvraag"))
    status = django_filters.ChoiceFilter(empty_label=ALL, choices=ResponseStatus.choices, label=_("Status"))
    # A key filter (hidden on the page): an enterprise outside the scope finds nothing.
    enterprise = django_filters.NumberFilter(field_name="enterprise_id", label=_("Onderneming (id)"))

    class Meta:
        model = PurchaseResponse
        fields = ["request", "status", "enterprise"]
