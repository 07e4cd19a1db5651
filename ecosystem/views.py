from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from impactportal import access
from impactportal.ui import generic

from .filters import PartyFilter, RegionalAgreementFilter
from .forms import RegionalAgreementForm
from .models import Party, RegionalAgreement
from .tables import PartyTable, RegionalAgreementTable


class PartyList(generic.ScopedListView):
    """Public list of ecosystem parties (City Deal signatories): reference data, no login."""

    public = True
    public_export = True
    queryset = Party.objects.select_related("organisation")
    filterset_class = PartyFilter
    table_class = PartyTable
    paginate_by = 50


class AgreementList(generic.ScopedListView):
    """Brokers and colleagues (the roles the policy grants): anyone else signed in gets the 403 that
    says the page is not for their role, not an empty list that reads as "none exist"."""

    roles = (access.BROKER, access.COLLEAGUE)
    queryset = RegionalAgreement.objects.select_related("region")
    filterset_class = RegionalAgreementFilter
    table_class = RegionalAgreementTable
    create_url_name = "ecosystem:agreement-create"


class AgreementDetail(generic.ScopedDetailView):
    queryset = RegionalAgreement.objects.select_related("region")
    fields = ["region", "title", "theme", "description", "start_date"]


class AgreementCreate(generic.ScopedCreateView):
    model = RegionalAgreement
    form_class = RegionalAgreementForm
    success_message = _("Afspraak %(object)s is opgeslagen.")


class AgreementUpdate(generic.ScopedUpdateView):
    model = RegionalAgreement
    form_class = RegionalAgreementForm
    success_message = _("Afspraak %(object)s is bijgewerkt.")


class AgreementDelete(generic.ScopedDeleteView):
    model = RegionalAgreement
    success_url = reverse_lazy("ecosystem:agreement-list")


