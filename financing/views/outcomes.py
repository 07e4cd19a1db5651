"""Outcome contracts: the list, the contract page with its metrics and claims, the statement
(targets vs achieved vs verified vs paid, with a chart), claims, their verification and payment."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from impactportal import access
from impactportal.money import MONEY_FIELD, ZERO_EUROS, euro
from impactportal.ui import generic, once
from impactportal.ui.actions import ScopedActionView
from impactportal.ui.forms import add_validation_error
from impactportal.uploads import serve_private_file

from .. import outcomes as rules
from .. import services_outcomes as services
from ..filters_outcomes import OutcomeContractFilter
from ..forms.outcomes import ClaimForm, OutcomeContractForm, OutcomeMetricForm, VerifyForm
from ..models import ClaimStatus, OutcomeClaim, OutcomeContract, OutcomeMetric, OutcomePayment
from ..tables_outcomes import OutcomeContractTable


def contract_queryset():
    """Contracts with what was paid and how many claims wait for verification (subqueries: no
    join that repeats a contract per claim; a constant number of queries per page)."""
    paid = (OutcomePayment.objects.filter(contract=OuterRef("pk")).order_by().values("contract")
            .annotate(total=Sum("amount")).values("total"))
    open_claims = (OutcomeClaim.objects.filter(contract=OuterRef("pk"), status=ClaimStatus.SUBMITTED).order_by()
                   .values("contract").annotate(n=Count("pk")).values("n"))
    return (OutcomeContract.objects.select_related("organisation", "provider")
            .annotate(paid_total=Coalesce(Subquery(paid, output_field=MONEY_FIELD), ZERO_EUROS,
                                          output_field=MONEY_FIELD),
                      open_claims=Coalesce(Subquery(open_claims, output_field=IntegerField()), Value(0))))


def claim_queryset():
    return OutcomeClaim.objects.select_related("contract__organisation", "contract__provider", "metric", "payment",
                                               "submitted_by", "verified_by")


class OutcomeContractList(generic.ScopedListView):
    queryset = contract_queryset()
    filterset_class = OutcomeContractFilter
    table_class = OutcomeContractTable
    create_url_name = "financing:outcome-contract-create"
    template_name = "financing/outcomes/contract_list.html"


class OutcomeContractCreate(generic.ScopedCreateView):
    model = OutcomeContract
    form_class = OutcomeContractForm

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        return super().form_valid(form)


class OutcomeContractUpdate(generic.ScopedUpdateView):
    model = OutcomeContract
    form_class = OutcomeContractForm
    success_message = gettext_lazy("Het contract %(object)s is bijgewerkt.")

    def save(self, form):
        """The service checks the claims and payments again on the locked contract (one paid while
        the form was open counts); its refusals become field errors."""
        return services.contract_update(contract=form.instance, by=self.request.user)


class OutcomeContractDetail(generic.ScopedDetailView):
    queryset = contract_queryset()
    template_name = "financing/outcomes/contract_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contract, user = self.object, self.request.user
        metrics = list(access.scope(user, contract.metrics.all()))
        # Per metric: its cap (or the contract maximum) reached or nearly so, with the room left:
        # a new claim on it is recorded but not paid beyond the cap.
        warnings = services.cap_warnings(contract)
        for metric in metrics:
            metric.cap_warning = warnings.get(metric.pk)
        context.update(
            metrics=metrics,
            claims=list(access.scope(user, claim_queryset().filter(contract=contract))),
            may_claim=access.can(user, "claim", contract),
            may_verify=access.can(user, "verify", contract),
            cap_warnings=[warnings[metric.pk] for metric in metrics if metric.pk in warnings],
            bond=getattr(contract, "bond", None) if hasattr(contract, "bond") else None,
        )
        return context


class OutcomeContractStatement(generic.ScopedDetailView):
    queryset = contract_queryset()
    template_name = "financing/outcomes/statement.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["statement"] = services.statement(self.object)
        return context


@method_decorator(once.once, name="post")  # Back and Opslaan again: no second metric
class MetricCreate(LoginRequiredMixin, View):
    """A broker of the commissioner adds an outcome metric to the contract."""

    template_name = "ui/object_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.contract = access.get_object_or_404(request.user, OutcomeContract, access.CHANGE, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        return render(self.request, self.template_name,
                      {"form": once.with_token(self.request, form), "parent": self.contract, "verbose_name": OutcomeMetric._meta.verbose_name,
                       "cancel_url": self.contract.get_absolute_url()},
                      status=status)

    def get(self, request, pk):
        return self.render_form(OutcomeMetricForm(user=request.user, contract=self.contract))

    def post(self, request, pk):
        form = OutcomeMetricForm(request.POST, user=request.user, contract=self.contract)
        if form.is_valid():
            with transaction.atomic():
                form.instance.contract = access.require_locked(request.user, access.CHANGE, self.contract)
                form.save()
            messages.success(request, _("De uitkomstmaat is toegevoegd."))
            return redirect(self.contract.get_absolute_url())
        return self.render_form(form, status=400)


@method_decorator(once.once, name="post")  # Back and Indienen again: the claim, not a refusal
class ClaimCreate(LoginRequiredMixin, View):
    """The provider's entrepreneur (or a broker on its behalf) claims achieved outcomes."""

    template_name = "financing/outcomes/claim_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.contract = access.get_object_or_404(request.user, OutcomeContract.objects.select_related("provider"),
                                                 "claim", pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        # The metrics whose cap is reached or nearly so: the claim is still accepted (the outcomes
        # are recorded), but the form says beforehand that it will not be paid beyond the cap.
        warnings = list(services.cap_warnings(self.contract).values())
        return render(self.request, self.template_name, {"form": once.with_token(self.request, form),
                                                         "contract": self.contract, "cap_warnings": warnings},
                      status=status)

    def get(self, request, pk):
        return self.render_form(ClaimForm(contract=self.contract))

    def post(self, request, pk):
        form = ClaimForm(request.POST, request.FILES, contract=self.contract)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    claim = services.claim_submit(
                        contract=self.contract, metric=data["metric"], period_start=data["period_start"],
                        period_end=data["period_end"], claimed_count=data["claimed_count"], by=request.user,
                        note=data["note"], evidence=data.get("evidence"),
                        above_target_confirmed=data.get("above_target_confirmed", False))
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("De claim is ingediend. Een makelaar van de opdrachtgever beoordeelt "
                                            "haar."))
                warning = services.cap_warnings(self.contract, next_outcomes=0).get(claim.metric_id)
                if warning is not None:
                    messages.warning(request, str(warning))
                return redirect(claim.get_absolute_url())
        return self.render_form(form, status=400)


class ClaimDetail(generic.ScopedDetailView):
    queryset = claim_queryset()
    template_name = "financing/outcomes/claim_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claim, user = self.object, self.request.user
        own = not services.may_decide(claim, user)
        may_verify = claim.is_open and access.can(user, "verify", claim)
        may_pay = claim.is_payable and access.can(user, "pay", claim)
        preview = services.payment_preview(claim) if may_pay and not own else None
        context.update(
            # Four eyes: the broker who submitted the claim on the provider's behalf sees why the
            # buttons are missing instead of getting an error after clicking.
            may_verify=may_verify and not own,
            may_pay=may_pay and not own,
            own_claim=own and (may_verify or may_pay),
            may_evidence=bool(claim.evidence) and access.can(user, "evidence", claim),
            verify_form=VerifyForm(initial={"accepted_count": claim.claimed_count}),
            payment=getattr(claim, "payment", None)
            if claim.status in (ClaimStatus.PAID, ClaimStatus.NOT_PAID_CAPPED) else None,
            # What "Betalen" would pay now, so a used-up ceiling is seen before clicking.
            preview=preview,
            preview_text=preview and rules.explain(count=preview.count, price=preview.price,
                                                   calculated=preview.calculated, amount=preview.amount,
                                                   capped_by=preview.capped_by),
        )
        return context


class ClaimVerify(ScopedActionView):
    model = OutcomeClaim
    action = "verify"
    form_class = VerifyForm
    # What the claim page shows: a count or period corrected since is not accepted unseen.
    versioned_fields = ("metric", "period_start", "period_end", "claimed_count", "note", "evidence")

    def perform(self, obj, data):
        return services.claim_verify(claim=obj, by=self.request.user, accepted_count=data["accepted_count"],
                                     reason=data["reason"])

    def get_success_message(self, obj, data, result):
        return {ClaimStatus.ACCEPTED: _("De claim is volledig geaccepteerd."),
                ClaimStatus.PARTLY_ACCEPTED: _("De claim is deels geaccepteerd; de aanbieder ziet de reden."),
                }.get(result.status, _("De claim is afgewezen; de aanbieder ziet de reden."))


class ClaimPay(ScopedActionView):
    """Pay the verified claim; a second click shows the payment already made."""

    model = OutcomeClaim
    action = "pay"
    versioned_fields = ("metric", "period_start", "period_end", "claimed_count", "accepted_count", "reason", "note",
                        "evidence")  # the accepted count the amount is paid on, among what the page shows

    def perform(self, obj, data):
        return services.claim_pay(claim=obj, by=self.request.user)

    def get_success_message(self, obj, data, result):
        payment, created = result
        if not created:
            return _("Deze claim was al betaald; er is niets opnieuw betaald.")
        if not payment.amount and payment.capped_by:
            return _("Niet betaald: het %(limit)s is bereikt (berekend was %(calculated)s). De claim is afgehandeld "
                     "zonder betaling.") % {"limit": payment.get_capped_by_display(),
                                            "calculated": euro(payment.calculated)}
        if payment.capped_by:
            return _("Betaald: %(amount)s, begrensd door het %(limit)s (berekend was %(calculated)s).") % {
                "amount": euro(payment.amount), "limit": payment.get_capped_by_display(),
                "calculated": euro(payment.calculated)}
        return _("Betaald: %(amount)s.") % {"amount": euro(payment.amount)}


def claim_evidence(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    claim = access.get_object_or_404(request.user, OutcomeClaim, "evidence", pk=pk)
    return serve_private_file(request.user, claim, "evidence")
