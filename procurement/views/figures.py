"""Screens of the figures part: figures per organisation and year, their CSV export, the
organisation's supplier payments and their import."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from impactportal import access
from impactportal.accounts.models import Region
from impactportal.contributions import SROI_STAFF, STAFF
from impactportal.spreadsheet_csv import SpreadsheetWriter
from impactportal.ui import generic
from impactportal.ui.actions import RoleRequiredMixin
from impactportal.ui.imports import JobImportCreate, JobImportDetail, JobImportReportDownload

from .. import figures, payment_imports
from ..filters.figures import SupplierPaymentFilter
from ..forms.figures import PaymentImportForm
from ..models import PaymentImport, SupplierPayment
from ..tables.figures import SupplierPaymentTable
from ..tasks import import_payments


class FiguresMixin(RoleRequiredMixin):
    roles = SROI_STAFF  # the region's SROI coordinator sees the regional figures

    def get_figures(self):
        request = self.request
        organisation = figures.choose(request.user, request.GET.get("organisation"))
        year = figures.parse_year(request.GET.get("year"))
        quarters = request.GET.get("period") == "quarter"
        return figures.figures_for(request.user, organisation, year, quarters=quarters)


class FiguresView(FiguresMixin, TemplateView):
    template_name = "procurement/figures/figures.html"

    def get_context_data(self, **kwargs):
        result = self.get_figures()
        today = timezone.localdate()
        return super().get_context_data(**kwargs) | {
            "f": result,
            "organisations": figures.organisation_choices(self.request.user),
            # A regional SROI coordinator: the region's totals, social return only (no payments,
            # no purchase requests of the municipalities).
            "regional": figures.is_regional(self.request.user),
            "regions": Region.objects.filter(
                pk__in=access.region_ids(self.request.user, access.SROI_COORDINATOR)).order_by("name"),
            "years": range(today.year + 1, today.year - 6, -1),
            "quarters": self.request.GET.get("period") == "quarter",
            "chart": _chart(result),
            "spending_chart": _spending_chart(result),
            "query": self.request.GET.urlencode(),
        }


def _chart(result: figures.Figures) -> dict:
    """Chart.js data: realised (verified) and reported (self-declared) per period as bars, the
    cumulative realisation against the year's obligation as lines."""
    obligation = next(f.value for f in result.tiles if f.key == "obligation")
    labels = [p["label"] if isinstance(p["label"], str) else _month(p["label"]) for p in result.periods]
    return {
        "type": "bar",
        "data": {"labels": labels, "datasets": [
            {"type": "bar", "label": str(_("Gerealiseerd (geverifieerd)")), "data": [float(p["realised"])
                                                                                     for p in result.periods],
             "backgroundColor": "#1a7f37"},
            {"type": "bar", "label": str(_("Gemeld, nog niet geverifieerd")), "data": [float(p["reported"])
                                                                                       for p in result.periods],
             "backgroundColor": "#d4a72c"},
            {"type": "line", "label": str(_("Gerealiseerd, opgeteld")),
             "data": [float(p["realised_cumulative"]) for p in result.periods], "borderColor": "#0b3d91"},
            {"type": "line", "label": str(_("Verplichting")), "data": [float(obligation)] * len(result.periods),
             "borderColor": "#b42318", "borderDash": [6, 4], "pointRadius": 0},
        ]},
    }


def _spending_chart(result: figures.Figures) -> dict | None:
    if not result.spending:  # a regional SROI coordinator's figures: social return only
        return None
    values = {f.key: f.value for f in result.spending}
    rest = values["spending_total"] - values["spending_impact"] - values["spending_registered_not_admitted"]
    return {"type": "doughnut", "data": {
        "labels": [str(_("Bij impactondernemingen")), str(_("In het register, niet toegelaten")), str(_("Overige leveranciers"))],
        "datasets": [{"data": [float(values["spending_impact"]), float(values["spending_registered_not_admitted"]),
                               float(rest)], "backgroundColor": ["#1a7f37", "#d4a72c", "#c9ccd1"]}],
    }}


def _month(day):
    return date_format(day, "M")


class FiguresExport(FiguresMixin, View):
    """The figures as CSV: every figure with its basis and source, then the periods and categories."""

    def get(self, request, *args, **kwargs):
        result = self.get_figures()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        slug = result.organisation.slug if result.organisation else "alle"
        response["Content-Disposition"] = f'attachment; filename="inkoopcijfers-{slug}-{result.year}.csv"'
        writer = SpreadsheetWriter(response)
        writer.writerow([_("cijfer"), _("waarde"), _("eenheid"), _("basis"), _("bron")])
        for figure in result.all_figures():
            writer.writerow([figure.label, figure.value, figure.unit_label,
                             figure.basis_label, figure.source])
        writer.writerow([])
        writer.writerow([_("periode"), _("nieuwe verplichting"), _("gerealiseerd (geverifieerd)"),
                         _("gemeld, nog niet geverifieerd"), _("gerealiseerd, opgeteld")])
        for period in result.periods:
            label = period["label"] if isinstance(period["label"], str) else period["label"].strftime("%Y-%m")
            writer.writerow([label, period["obligation_awarded"], period["realised"], period["reported"],
                             period["realised_cumulative"]])
        if not result.spending:
            # Social return only, as on the page: the payments are not theirs to read (a regional
            # SROI coordinator, a colleague of another department than inkoop), so no empty
            # cost-category section.
            return response
        writer.writerow([])
        writer.writerow([_("kostensoort"), _("totaal"), _("bij impactondernemingen"), _("aandeel (%)")])
        for row in result.categories:
            writer.writerow([row["cost_category"] or _("(geen)"), row["total"], row["impact"],
                             row["share"]])
        if not result.categories:  # say why the section is empty, as the page does
            writer.writerow([_("Er zijn nog geen betalingen over %(year)s geïmporteerd.") % {"year": result.year}])
        return response


# --- payments and their import --------------------------------------------------------------


class PaymentPagesMixin:
    """The payments pages are procurement's: the brokers and the colleagues of the department the
    payments belong to (inkoop; ``PaymentImport.access``). A colleague of another department
    (vastgoed) gets the 403 page, as the other roles do; which rows show is still the access
    module's (``access.scope``: another organisation's import is a 404)."""

    roles = STAFF

    def check_roles(self, user):
        if access.has_role(user, *self.roles) and not figures.reads_payments(user):
            raise access.RoleRequired(_("Deze pagina is voor makelaars en voor collega's van de afdeling inkoop."))
        super().check_roles(user)


class PaymentList(PaymentPagesMixin, generic.ScopedListView):
    queryset = SupplierPayment.objects.select_related("organisation", "enterprise")
    filterset_class = SupplierPaymentFilter
    table_class = SupplierPaymentTable
    template_name = "procurement/figures/payment_list.html"
    create_url_name = "procurement:payment-import-create"

    def get_context_data(self, **kwargs):
        imports = (PaymentImport.objects.for_user(self.request.user).select_related("organisation", "job")
                   .order_by("-created_at", "-id")[:5])
        return super().get_context_data(**kwargs) | {"imports": imports}


class PaymentImportCreate(PaymentPagesMixin, JobImportCreate):
    model = PaymentImport
    form_class = PaymentImportForm
    template_name = "procurement/figures/import_form.html"
    task = import_payments
    job_title = gettext_lazy("Import betalingen")
    job_kind = "payment_import"


class PaymentImportDetail(PaymentPagesMixin, JobImportDetail):
    queryset = PaymentImport.objects.select_related("job", "uploaded_by", "organisation")
    template_name = "procurement/figures/import_detail.html"
    partial_template_name = "procurement/figures/partials/import_report.html"
    report_module = payment_imports


class PaymentImportReportDownload(JobImportReportDownload, PaymentImportDetail):
    """The bad rows and every supplier not in the register, as CSV."""

    filename = "import-betalingen-{pk}.csv"
