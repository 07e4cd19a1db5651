"""Social impact bonds (payers, investors, cash flows), the SIB feasibility check and the
open-data download."""

import json

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from impactportal import access
from impactportal.ui import generic
from impactportal.ui.forms import add_validation_error

from .. import open_data
from .. import outcomes as rules
from .. import services_outcomes as services
from ..filters_outcomes import FeasibilityFilter
from ..forms.outcomes import BondCashFlowForm, BondForm, BondInvestorForm, BondPayerForm, FeasibilityForm
from ..models import CashFlowKind, FeasibilityCheck, OutcomeContract, SocialImpactBond


class ChildCreate(LoginRequiredMixin, View):
    """Add a row under a parent the user may change (a bond under its contract, an investor under
    its bond …): the parent is locked and the grant checked again on it."""

    parent_model = None
    parent_queryset = None
    form_class = None
    parent_field = ""
    template_name = "ui/object_form.html"
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        source = self.parent_queryset if self.parent_queryset is not None else self.parent_model
        self.parent = access.get_object_or_404(request.user, source, access.CHANGE, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def form_kwargs(self):
        return {"user": self.request.user}

    def render_form(self, form, status=200):
        return render(self.request, self.template_name,
                      {"form": form, "parent": self.parent,
                       "verbose_name": self.form_class._meta.model._meta.verbose_name}, status=status)

    def get(self, request, pk):
        return self.render_form(self.form_class(**self.form_kwargs()))

    def success_url(self, obj):
        return self.parent.get_absolute_url()

    def post(self, request, pk):
        form = self.form_class(request.POST, **self.form_kwargs())
        if form.is_valid():
            try:
                with transaction.atomic():
                    parent = type(self.parent).objects.select_for_update().get(pk=self.parent.pk)
                    access.require(request.user, access.CHANGE, parent)
                    setattr(form.instance, self.parent_field, parent)
                    obj = form.save()
            except (IntegrityError, ValidationError) as error:
                add_validation_error(form, error if isinstance(error, ValidationError) else ValidationError(
                    _("Deze gegevens staan er al.")))
            else:
                messages.success(request, self.success_message)
                return redirect(self.success_url(obj))
        return self.render_form(form, status=400)


class BondCreate(ChildCreate):
    parent_model = OutcomeContract
    form_class = BondForm
    parent_field = "contract"

    @property
    def success_message(self):
        return _("De social impact bond is vastgelegd. Voeg investeerders en kasstromen toe.")

    def post(self, request, pk):
        if SocialImpactBond.objects.filter(contract_id=pk).exists():
            messages.error(request, _("Dit contract heeft al een social impact bond."))
            return redirect(self.parent.get_absolute_url())
        return super().post(request, pk)

    def success_url(self, obj):
        return obj.get_absolute_url()


class PayerCreate(ChildCreate):
    parent_model = SocialImpactBond
    form_class = BondPayerForm
    parent_field = "bond"

    @property
    def success_message(self):
        return _("De betaler is toegevoegd.")


class InvestorCreate(ChildCreate):
    parent_model = SocialImpactBond
    form_class = BondInvestorForm
    parent_field = "bond"

    @property
    def success_message(self):
        return _("De investeerder is toegevoegd.")


class CashFlowCreate(ChildCreate):
    parent_model = SocialImpactBond
    form_class = BondCashFlowForm
    parent_field = "bond"

    @property
    def success_message(self):
        return _("De kasstroom is toegevoegd.")

    def form_kwargs(self):
        return {"user": self.request.user, "bond": self.parent}


class BondDetail(generic.ScopedDetailView):
    queryset = SocialImpactBond.objects.select_related("contract__organisation", "contract__provider")
    template_name = "financing/outcomes/bond_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bond, user = self.object, self.request.user
        flows = list(access.scope(user, bond.cash_flows.select_related("investor")))
        periods = sorted({f.period for f in flows})
        series = {kind: [0.0] * len(periods) for kind, _label in CashFlowKind.choices}
        for flow in flows:
            series[flow.kind][periods.index(flow.period)] += float(flow.amount)
        investors = list(access.scope(user, bond.investors.all()))
        context.update(
            payers=list(access.scope(user, bond.payers.select_related("organisation"))),
            investors=investors,
            committed=sum((i.committed_capital for i in investors), 0),
            flows=flows,
            totals=bond.cash_flows.values("kind").annotate(total=Sum("amount")).order_by("kind"),
            chart={"labels": [f"{p:%m-%Y}" for p in periods],
                   "datasets": [{"label": str(label), "data": series[kind]} for kind, label in CashFlowKind.choices
                                if any(series[kind])]},
        )
        return context


# --- feasibility check ----------------------------------------------------------------------


class FeasibilityList(generic.ScopedListView):
    model = FeasibilityCheck
    table_class = None
    filterset_class = FeasibilityFilter
    create_url_name = "financing:feasibility-create"
    template_name = "financing/outcomes/feasibility_list.html"
    roles = (access.BROKER,)

    def get_queryset(self):
        return super().get_queryset().select_related("organisation", "contract")


class FeasibilityCreate(generic.ScopedCreateView):
    model = FeasibilityCheck
    form_class = FeasibilityForm
    template_name = "financing/outcomes/feasibility_form.html"

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = services.feasibility_save(check=form.instance, by=self.request.user)
        except ValidationError as error:
            add_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("De toets is vastgelegd: %(conclusion)s.") % {
            "conclusion": self.object.get_conclusion_display()})
        return redirect(self.object.get_absolute_url())


class FeasibilityDetail(generic.ScopedDetailView):
    queryset = FeasibilityCheck.objects.select_related("organisation", "contract")
    template_name = "financing/outcomes/feasibility_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        check = self.object
        # Reasons in the reader's language, from the stored answers (the same rules as on saving).
        result = rules.feasibility({name: getattr(check, name) for name in rules.QUESTION_NAMES})
        context["answers"] = [(q, getattr(check, f"get_{q.name}_display")()) for q in rules.QUESTIONS]
        context["reasons"] = result.reasons
        return context


class OpenData(View):
    """The open-data export as a JSON download (the same document as ``/api/v1/financing/open-data/``):
    published contracts only, the same for everyone, so no login."""

    def get(self, request):
        body = json.dumps(open_data.export(), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="uitkomstcontracten-open-data.json"'
        return response
