"""MKBA analyses: the list (filter, export), the analysis page with its figures and a chart of the
yearly benefits, the calculator (create and edit; htmx recalculates as you type), delete, and the
printable PDF. Every queryset comes from the access module; the arithmetic is ``financing.mkba``."""

from decimal import ROUND_CEILING, Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from impactportal import access, audit
from impactportal.money import euro
from impactportal.pdf import render_to_pdf, svg_text_width
from impactportal.text import as_id
from impactportal.ui import generic, once, versions
from impactportal.ui.actions import RoleRequiredMixin, role_required

from .. import mkba, services_mkba
from ..filters.mkba import AnalysisFilter
from ..forms.mkba import AnalysisForm, AssumptionFormSet, ChangeStepFormSet, FiguresForm, IndicatorFormSet
from ..models import Assumption, ChangeStep, MkbaAnalysis, MkbaIndicator
from ..tables.mkba import AnalysisTable

STAFF = (access.BROKER, access.COLLEAGUE)
READERS = (*STAFF, access.ENTREPRENEUR)


def analysis_queryset(user=None):
    """Analyses with what their figures need (one query each for the indicators)."""
    queryset = MkbaAnalysis.objects.select_related("organisation", "enterprise", "sroi_contract", "outcome_contract")
    indicators = MkbaIndicator.objects.order_by("order", "id")
    return queryset.prefetch_related(Prefetch("indicators", queryset=indicators))


def chart_data(result: mkba.Result) -> dict:
    """Chart.js configuration of the ten yearly benefits (drawn by static/js/mkba.js)."""
    return {
        "type": "bar",
        "data": {
            "labels": [_("Jaar %(year)s") % {"year": year} for year in range(1, mkba.YEARS + 1)],
            "datasets": [{"label": _("Baten per jaar (geschat, niet verdisconteerd)"),
                          "data": [float(v) for v in result.yearly_benefits], "backgroundColor": "#1f6f8b"}],
        },
        "options": {"plugins": {"legend": {"display": False}}},
    }


def scale_top(peak: Decimal) -> Decimal:
    """The top of a chart's euro scale: the peak rounded up to two significant digits in whole
    euros, and even, so the line half-way is a whole number too (2.094.266,67 → 2.200.000, half
    1.100.000; 1 → 2). Zero when there is nothing to draw."""
    if peak <= 0:
        return Decimal(0)
    step = Decimal(10) ** max(peak.adjusted() - 1, 0)
    units = (peak / step).to_integral_value(rounding=ROUND_CEILING)
    return (units + units % 2) * step


def svg_bars(result: mkba.Result, width: int = 640, height: int = 240) -> dict:
    """The geometry of a server-rendered SVG bar chart of the yearly benefits (for the PDF). The
    scale runs to a round number of whole euros (the table holds the cents), and the left margin
    is measured to hold its labels: the chart's edge cut off the € of "€ 2.094.266,67". Without
    benefits only the zero line is drawn."""
    bottom, top = 30, 16
    values = result.yearly_benefits
    scale = scale_top(max(values))
    ticks = [(share, euro(scale * share, places=0)) for share in ((0, Decimal("0.5"), 1) if scale else (0,))]
    left = max(48, round(max(svg_text_width(label, 9) for _share, label in ticks)) + 12)
    plot_height = height - bottom - top
    slot = (width - left - 10) / len(values)
    bars = []
    for index, value in enumerate(values):
        bar_height = float(value / scale) * plot_height if scale else 0
        bars.append({
            "x": round(left + index * slot + slot * 0.15, 1), "width": round(slot * 0.7, 1),
            "y": round(top + plot_height - bar_height, 1), "height": round(bar_height, 1),
            "label_x": round(left + index * slot + slot / 2, 1), "label": index + 1, "value": euro(value),
        })
    return {"width": width, "height": height, "bars": bars, "left": left,
            "ticks": [{"y": round(top + plot_height - plot_height * float(share), 1), "label": label}
                      for share, label in ticks],
            "axis_y": top + plot_height, "label_y": height - 10}


def figure_rows(result: mkba.Result) -> list[tuple[str, str]]:
    """The totals as (label, value) rows, each labelled an estimate; the gross outcome is never
    called an impact."""
    ratio = result.benefit_cost_ratio
    return [
        (_("Bruto-opbrengst (outcome, geschat)"), euro(result.total_outcome)),
        (_("Netto-impact na correcties (geschat)"), euro(result.total_impact)),
        (_("Contante waarde van de baten over 10 jaar (geschat)"), euro(result.present_value)),
        (_("Kosten (investering)"), euro(result.costs)),
        (_("Netto contante waarde (geschat)"), euro(result.net_present_value)),
        (_("Baten-kostenverhouding (geschat)"),
         _("niet te berekenen zonder kosten") if ratio is None else ratio_text(ratio)),
    ]


def ratio_text(ratio: Decimal) -> str:
    """The benefit-cost ratio as written in the active language, two decimals."""
    return number_format(ratio, 2, force_grouping=True)


def beneficiary_label(code: str) -> str:
    return dict(mkba.BENEFICIARIES).get(code, _("Niet opgegeven"))


def _details(analysis, user) -> dict:
    result = analysis.result
    # A confidential assumption is for the owner organisation only (the access policy says so); a
    # reader without it is told how many are left out, as the totals still count them.
    assumptions = list(Assumption.objects.for_user(user).filter(analysis=analysis).order_by("order", "id"))
    return {
        "object": analysis,
        "result": result,
        "figures": figure_rows(result),
        "kind_label": analysis.get_kind_display(),
        "rows": list(zip(analysis.indicators.all(), result.indicators, strict=True)),
        "beneficiaries": [(beneficiary_label(code), euro(value)) for code, value in result.by_beneficiary],
        "years": [(year, euro(value)) for year, value in enumerate(result.yearly_benefits, start=1)],
        "steps": list(ChangeStep.objects.for_user(user).filter(analysis=analysis).order_by("order", "id")),
        "assumptions": assumptions,
        "hidden_assumptions": Assumption.objects.filter(analysis=analysis).count() - len(assumptions),
        "discount_percent": number_format(analysis.discount_rate * 100, 2),
    }


class AnalysisList(generic.ScopedListView):
    queryset = analysis_queryset()
    filterset_class = AnalysisFilter
    table_class = AnalysisTable
    create_url_name = "financing:mkba-create"
    template_name = "financing/mkba/list.html"
    roles = READERS


@role_required(*READERS)
def analysis_detail(request, pk):
    analysis = access.get_object_or_404(request.user, analysis_queryset(), access.VIEW, pk=pk)
    context = _details(analysis, request.user)
    context.update(chart=chart_data(analysis.result), can_change=access.can(request.user, access.CHANGE, analysis),
                   history=audit.history_for(analysis))
    return render(request, "financing/mkba/detail.html", context)


@role_required(*READERS)
def analysis_pdf(request, pk):
    analysis = access.get_object_or_404(request.user, analysis_queryset(), access.VIEW, pk=pk)
    context = _details(analysis, request.user)
    context.update(title=analysis.title, subtitle=_("Maatschappelijke kosten-batenanalyse — %(kind)s")
                   % {"kind": analysis.get_kind_display()}, chart=svg_bars(analysis.result))
    content = render_to_pdf("financing/mkba/pdf.html", context, request=request)
    response = HttpResponse(content, content_type="application/pdf")
    name = slugify(analysis.title) or "mkba"
    response["Content-Disposition"] = f'inline; filename="mkba-{name}.pdf"'
    return response


@method_decorator(once.once, name="post")  # a new analysis: Back and Opslaan again makes no second one
class AnalysisEdit(RoleRequiredMixin, View):
    """The calculator: the analysis, its indicators (figures recalculated as you type), the theory
    of change and the assumptions, saved together."""

    roles = (access.BROKER,)
    template_name = "financing/mkba/form.html"

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        if request.user.is_authenticated and "pk" in kwargs:
            self.object = access.get_object_or_404(request.user, analysis_queryset(), access.CHANGE, pk=kwargs["pk"])
        elif request.user.is_authenticated and not access.owner_choices(request.user, MkbaAnalysis).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def forms(self, data=None):
        instance = self.object or MkbaAnalysis()
        user = self.request.user
        # A new analysis's form gets no instance of its own: given an unsaved one, ModelForm reads
        # its empty organisation into the initial data, over PortalModelForm's preselection of
        # the user's only organisation (user review 5). The formsets' instance is replaced by the
        # saved analysis in ``save_from_forms``.
        return (AnalysisForm(data, instance=self.object, user=user),
                IndicatorFormSet(data, instance=instance, prefix="indicators", form_kwargs={"user": user}),
                ChangeStepFormSet(data, instance=instance, prefix="steps", form_kwargs={"user": user}),
                AssumptionFormSet(data, instance=instance, prefix="assumptions", form_kwargs={"user": user}))

    def version(self, forms):
        """What the edit page shows: the analysis and its rows (``versions``); a new one has none."""
        if self.object is None:
            return None
        version = versions.Version()
        for form in forms:
            version.form(form)
        return version

    def page(self, forms, status=200, version_token=None):
        form, indicators, steps, assumptions = forms
        result = None
        if self.object is not None and forms[0].is_bound is False:
            result = self.object.result
        if self.object is None:
            once.with_token(self.request, form)
        elif version_token is None:
            version_token = versions.token_for(self.request, self.version(forms))
        context = {"form": form, "indicators": indicators, "steps": steps, "assumptions": assumptions,
                   "object": self.object, "version_token": version_token, **results_context(result)}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk=None):
        return self.page(self.forms())

    def post(self, request, pk=None):
        forms = self.forms(request.POST)
        with versions.transaction_for(request):  # the analysis stays locked from the version check until it is saved
            newer = self.object is not None and versions.stale(request, self.version(forms))
            if newer:  # someone else changed the analysis or its rows: theirs, nothing saved
                self.object = access.get_object_or_404(request.user, analysis_queryset(), access.CHANGE, pk=pk)
                forms = self.forms()
                versions.refuse(forms[0])
                return self.page(forms, status=versions.STALE_STATUS, version_token=newer)
            valid = [f.is_valid() for f in forms]  # every form, so that all errors show at once
            if all(valid):
                analysis = services_mkba.save_from_forms(form=forms[0], formsets=forms[1:], by=request.user)
                messages.success(request, _("De analyse %(title)s is opgeslagen.") % {"title": analysis.title})
                return redirect(analysis.get_absolute_url())
        return self.page(forms, status=400)


def results_context(result: mkba.Result | None) -> dict:
    """The calculator's outcome: the figures, table and chart that htmx swaps into the box. The
    page's live sentence (``summary``, see ``summary_sentence``) is no part of it: only the
    calculate view sends that, as nothing was recalculated when the page is first shown."""
    if result is None:
        return {"result": None}
    return {"result": result, "figures": figure_rows(result), "chart": chart_data(result),
            "result_rows": [(row, beneficiary_label(row.beneficiary)) for row in result.indicators],
            "years": [(year, euro(value)) for year, value in enumerate(result.yearly_benefits, start=1)]}


def summary_sentence(result: mkba.Result | None) -> str:
    """The calculator's one live sentence after a recalculation (the page's status region, which
    stays while htmx swaps the figures, table and chart under it): a screen reader hears that
    sentence, not the whole box again. Read from the result itself, not from the figure rows."""
    if result is None:
        return _("Nog geen uitkomst.")
    npv = euro(result.net_present_value)
    if result.benefit_cost_ratio is None:
        return _("Uitkomst bijgewerkt: netto contante waarde %(npv)s (geschat); de baten-kostenverhouding is "
                 "zonder kosten niet te berekenen.") % {"npv": npv}
    return _("Uitkomst bijgewerkt: netto contante waarde %(npv)s, baten-kostenverhouding %(ratio)s "
             "(geschat).") % {"npv": npv, "ratio": ratio_text(result.benefit_cost_ratio)}


@require_POST
@role_required(access.BROKER, access.COLLEAGUE)
def calculate(request):
    """htmx: the figures of the calculator's current input, and every field's error slot (out of
    band), so errors appear next to the field as you type. Nothing is stored. The edit page sends
    its analysis along (``analysis``, from the form's hx-vals): the stored indicator rows (their
    hidden id and analysis fields) are then read against that analysis, exactly as saving reads
    them; against a new, empty analysis every stored row was invalid."""
    instance = MkbaAnalysis()
    if request.POST.get("analysis"):
        instance = access.get_object_or_404(request.user, analysis_queryset(), access.CHANGE,
                                            pk=as_id(request.POST["analysis"]))
    figures = FiguresForm(request.POST)
    indicators = IndicatorFormSet(request.POST, instance=instance, prefix="indicators",
                                  form_kwargs={"user": request.user})
    result = None
    if figures.is_valid() and indicators.is_valid():
        rows = [f.instance for f in indicators.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        data = figures.cleaned_data
        rate = data.get("discount_rate")
        result = mkba.calculate(mkba.analysis_from(
            rows, costs=data.get("costs") or Decimal(0), kind=data.get("kind") or "quick_scan",
            discount_rate=mkba.DEFAULT_DISCOUNT_RATE if rate is None else rate))
    context = {"indicators": indicators, "figures_form": figures, "oob": True, "summary": summary_sentence(result),
               **results_context(result)}
    return render(request, "financing/mkba/_calculate.html", context)


class AnalysisDelete(generic.ScopedDeleteView):
    queryset = MkbaAnalysis.objects.all()
    roles = (access.BROKER,)

    def get_success_url(self):
        return reverse("financing:mkba-list")

