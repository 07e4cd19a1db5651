"""Screens of the figures part: figures per organisation and year, their CSV export, the
organisation's supplier payments and their import."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView

from impactportal import access
from impactportal.accounts.models import Region
from impactportal.contributions import SROI_STAFF, STAFF
from impactportal.exports import MONEY, NUMBER, PortalTableExport, write_rows
from impactportal.ui import generic
from impactportal.ui.actions import RoleRequiredMixin, ScopedActionView
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
    cumulative realisation of the contracts (from their start, as the tiles count it) against their
    obligation as lines."""
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
            {"type": "line", "label": str(_("Gerealiseerd, opgeteld (ook eerdere jaren)")),
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
    """The figures as one table (CSV, or XLSX with ``?_export=xlsx``): a row per figure, per period
    figure and per cost-category figure, each naming its part ("Onderdeel"), the organisation and
    the year, so a spreadsheet filter works on it."""

    def get(self, request, *args, **kwargs):
        result = self.get_figures()
        export_format = "xlsx" if request.GET.get("_export") == "xlsx" else "csv"
        # The export's own content type: CSV's already names its charset (adding it again sent it twice).
        response = HttpResponse(content_type=PortalTableExport.FORMATS[export_format])
        slug = result.organisation.slug if result.organisation else "alle"
        name = slugify(_("inkoopcijfers"))
        response["Content-Disposition"] = f'attachment; filename="{name}-{slug}-{result.year}.{export_format}"'
        write_rows(export_format, figures_rows(result, sheet=export_format == "xlsx"), response,
                   _("Inkoopcijfers"), kinds=FIGURES_KINDS)
        return response


# The "Waarde" column holds amounts in euros, as every list's money columns (``#,##0.00`` in a workbook).
FIGURES_KINDS = [NUMBER] * 6 + [MONEY]


def figures_rows(result: figures.Figures, *, sheet: bool = False):
    """The header, then the rows of the figures export. ``sheet``: for a workbook, whose "Waarde"
    column is formatted as money (``FIGURES_KINDS``): a value of another unit (a count, a
    percentage) is written as a plain number, a float (money is Decimal), so it keeps no cents."""
    organisation = result.organisation.name if result.organisation else _("Alle organisaties")
    yield [_("Onderdeel"), _("Organisatie"), _("Jaar"), _("Periode"), _("Kostensoort"), _("Cijfer"), _("Waarde"),
           _("Eenheid"), _("Basis"), _("Bron")]

    def plain(value):
        return float(value) if sheet and value is not None else value

    def row(part, label, value, figure=None, period="", category=""):
        if figure is None or figure.unit != figures.Unit.MONEY:
            value = plain(value)
        return [part, organisation, result.year, period, category, label, value,
                figure.unit_label if figure else "", figure.basis_label if figure else "",
                figure.source if figure else ""]

    part = _("Cijfers")
    by_key = {}
    for figure in result.all_figures():
        by_key[figure.key] = figure
        yield row(part, figure.label, figure.value, figure)
    part = _("Per kwartaal") if any(isinstance(p["label"], str) for p in result.periods) else _("Per maand")
    period_figures = [("obligation_awarded", _("Nieuwe verplichting"), by_key.get("obligation")),
                      ("realised", _("Gerealiseerd (geverifieerd)"), by_key.get("realised")),
                      ("reported", _("Gemeld, nog niet geverifieerd"), by_key.get("reported")),
                      ("realised_cumulative", _("Gerealiseerd, opgeteld (ook eerdere jaren)"),
                       by_key.get("realised_to_date"))]
    for period in result.periods:
        label = period["label"] if isinstance(period["label"], str) else period["label"].strftime("%Y-%m")
        for key, name, figure in period_figures:
            yield row(part, name, period[key], figure, period=label)
    if not result.spending:
        # Social return only, as on the page: the payments are not theirs to read (a regional
        # SROI coordinator, a colleague of another department than inkoop), so no cost categories.
        return
    part = _("Kostensoorten")
    total = by_key.get("spending_total")
    for category in result.categories:
        name = category["cost_category"] or _("(geen)")
        yield row(part, _("Totaal"), category["total"], total, category=name)
        yield row(part, _("Bij impactondernemingen"), category["impact"], total, category=name)
        yield [part, organisation, result.year, "", name, _("Aandeel (%)"), plain(category["share"]), _("procent"),
               total.basis_label if total else "", total.source if total else ""]
    if not result.categories:  # say why the part is empty, as the page does
        yield row(part, _("Er zijn nog geen betalingen over %(year)s geïmporteerd.") % {"year": result.year}, None)


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

    def status_text(self) -> str:
        # A file with bad rows finishes its job with nothing processed: the page's refusal, not "klaar".
        job = self.object.job
        report = self.object.report or {}
        malformed = job and job.status == job.Status.SUCCEEDED and report.get("malformed")
        if malformed and not report.get("refused"):  # a file refused as a whole: ``done_text`` says so
            n = len(malformed)
            return ngettext("Er is niets verwerkt: %(n)s regel bevat een fout. Herstel het bestand en importeer het "
                            "opnieuw.", "Er is niets verwerkt: %(n)s regels bevatten een fout. Herstel het bestand en "
                            "importeer het opnieuw.", n) % {"n": n}
        return super().status_text()

    def get_context_data(self, **kwargs):
        withdrawn = (self.object.report or {}).get("withdrawn")
        return super().get_context_data(**kwargs) | {
            "withdrawn_at": parse_datetime(withdrawn["at"]) if withdrawn else None}


class PaymentImportWithdraw(PaymentPagesMixin, ScopedActionView):
    """An applied import taken out of the figures (``payment_imports.withdraw``)."""

    model = PaymentImport
    action = access.CHANGE

    def perform(self, obj, data):
        return payment_imports.withdraw(payment_import=obj, by=self.request.user)

    def get_success_message(self, obj, data, result):
        return ngettext("De import is ingetrokken: %(n)s betaling telt niet meer mee.",
                        "De import is ingetrokken: %(n)s betalingen tellen niet meer mee.", result) % {"n": result}


class PaymentImportReportDownload(JobImportReportDownload, PaymentImportDetail):
    """The bad rows and every supplier not in the register, as CSV."""

    @property
    def filename(self):
        # Named in the reader's language, as every export is: "import-betalingen-3.csv", "payments-import-3.csv".
        return slugify(_("Import betalingen")) + "-{pk}.csv"
