from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from impactportal import access
from impactportal.exports import PortalTableExport
from impactportal.ui import generic

from .filters import PartyFilter, RegionalAgreementFilter
from .forms import RegionalAgreementForm
from .models import Party, RegionalAgreement
from .tables import PartyTable, RegionalAgreementTable


class PartyList(ExportMixin, SingleTableMixin, FilterView):
    """Public list of ecosystem parties (City Deal signatories): reference data, no login."""

    filterset_class = PartyFilter
    table_class = PartyTable
    template_name = "ui/object_list.html"
    paginate_by = 50
    paginator_class = generic.BoundedPaginator
    export_class = PortalTableExport
    export_formats = ("csv", "xlsx")
    export_trigger_param = "_export"

    def get_queryset(self):
        return access.scope(self.request.user, Party.objects.select_related("organisation"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verbose_name_plural"] = Party._meta.verbose_name_plural
        query = self.request.GET.copy()
        query.pop("page", None)
        context["export_query"] = query.urlencode()
        return context


class AgreementList(generic.ScopedListView):
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


