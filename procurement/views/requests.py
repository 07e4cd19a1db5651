"""Purchase requests (*inkoopvragen*): the public list of open requests and their pages, the
staff list, posting, responding with a quote, and the poster's decisions. Every queryset comes
from the access module; the rules live in ``services_requests``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from impactportal import access
from impactportal.ui import generic, once
from impactportal.ui.actions import ConfirmForm, RoleRequiredMixin, ScopedActionView
from impactportal.ui.forms import add_validation_error
from impactportal.uploads import serve_private_file

from .. import services_requests as services
from ..constants import RequestStatus
from ..filters.requests import PurchaseRequestFilter, ResponseFilter, answered_requests
from ..forms.requests import CloseRequestForm, PurchaseRequestForm, ResponseForm, ShortlistForm
from ..models import PurchaseRequest, PurchaseResponse
from ..tables.requests import MyResponseTable, PurchaseRequestTable, StaffPurchaseRequestTable

REQUESTS = PurchaseRequest.objects.select_related("organisation", "category")


def open_requests(today=None):
    """What the public list shows: open and the deadline not yet passed."""
    return REQUESTS.filter(status=RequestStatus.OPEN, deadline__gte=today or timezone.localdate())


class PublicRequestList(generic.ScopedListView):
    """Open purchase requests for everyone, signed in or not; exported by everyone too, as the
    other public lists (parties, instruments): the export holds what the page shows."""

    public = True
    public_export = True
    model = PurchaseRequest
    filterset_class = PurchaseRequestFilter
    table_class = PurchaseRequestTable
    template_name = "procurement/requests/public_list.html"
    partial_template_name = "procurement/requests/partials/public_results.html"
    exclude_columns = ("status",)

    def base_queryset(self):
        return open_requests()

    def get_table_kwargs(self):
        return {"exclude": ("status",)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["is_staff"] = access.may(user, "award", PurchaseRequest)
        context["fields"] = [context["filter"].form[name] for name in ("q", "category", "organisation", "reserved")]
        return context


class RequestList(generic.ScopedListView):
    """Every request in every status, with the number of responses: procurement and brokers.
    The requests they manage, not every one they may read: another municipality's open request is
    public (``PublicRequestList``), and listed here it offered nothing to do."""

    roles = (access.BROKER, access.COLLEAGUE)
    queryset = REQUESTS.annotate(response_count=Count("responses"))
    filterset_class = PurchaseRequestFilter
    table_class = StaffPurchaseRequestTable
    create_url_name = "procurement:request-create"
    template_name = "procurement/requests/list.html"

    def get_queryset(self):
        return access.scope(self.request.user, self.base_queryset(), access.CHANGE)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"page_heading": _("Inkoopvragen beheren")}


class MyResponses(generic.ScopedListView):
    """An entrepreneur's responses and their outcome, also after a request has closed."""

    roles = (access.ENTREPRENEUR,)
    queryset = PurchaseResponse.objects.select_related("request__organisation", "enterprise")
    filterset_class = ResponseFilter
    table_class = MyResponseTable
    template_name = "procurement/requests/my_responses.html"

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        # The drop-down: the requests answered, not every open request in the country.
        filterset.form.fields["request"].queryset = answered_requests(self.request.user)
        return filterset


def request_detail(request, pk):
    """Public for open requests; others for the signed-in users the policy lets see them."""
    user = request.user
    try:
        obj = access.get_object_or_404(user, REQUESTS.select_related("posted_by"), access.VIEW, pk=pk)
    except Http404:
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise
    today = timezone.localdate()
    responses = (PurchaseResponse.objects.for_user(user).filter(request=obj)
                 .select_related("enterprise").order_by("quote_amount", "pk"))
    responses = access.annotate_can(access.annotate_can(responses, user, access.CHANGE, "may_change"),
                                    user, "attachment", "may_download")
    may_award = access.can(user, "award", obj)
    context = {
        "object": obj,
        "responses": list(responses),
        "may_award": may_award,
        "can_change": obj.status == RequestStatus.OPEN and access.can(user, access.CHANGE, obj),
        "is_open": obj.status == RequestStatus.OPEN and obj.deadline >= today,
        "deadline_passed": obj.deadline < today,
        "may_respond": access.can(user, "respond", obj) and obj.deadline >= today,
        "close_form": CloseRequestForm(),
    }
    if context["may_respond"]:
        answered = {r.enterprise_id for r in context["responses"]}
        context["standings"] = [services.standing(obj, e, today=today)
                                for e in services.represented_enterprises(user) if e.pk not in answered]
    return render(request, "procurement/requests/detail.html", context)


class RequestCreate(generic.ScopedCreateView):
    model = PurchaseRequest
    form_class = PurchaseRequestForm
    success_message = gettext_lazy("De inkoopvraag is geplaatst. Ondernemingen met aanbod in deze categorie "
                                   "krijgen een melding.")

    def save(self, form):
        return services.request_post(request=form.instance, by=self.request.user)


class RequestUpdate(generic.ScopedUpdateView):
    model = PurchaseRequest
    form_class = PurchaseRequestForm
    success_message = gettext_lazy("De inkoopvraag is bijgewerkt.")

    def save(self, form):
        return services.request_update(request=form.instance, by=self.request.user)


class RequestClose(ScopedActionView):
    model = PurchaseRequest
    action = "award"
    form_class = CloseRequestForm

    def perform(self, obj, data):
        return services.request_close(request=obj, by=self.request.user, withdraw=data["decision"] == "withdraw")

    def get_success_message(self, obj, data, result):
        return result.get_status_display()


@method_decorator(once.once, name="post")  # Back and Versturen again: the quote, not a refusal
class RespondView(RoleRequiredMixin, View):
    """An entrepreneur's quote for one of their enterprises. The page says for each enterprise
    why it cannot respond (not admitted, not eligible for a reserved contract)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = access.get_object_or_404(request.user, REQUESTS, "respond", pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def _page(self, form, status=200):
        today = timezone.localdate()
        answered = set(PurchaseResponse.objects.filter(request=self.object).values_list("enterprise_id", flat=True))
        standings = [services.standing(self.object, e, today=today)
                     for e in services.represented_enterprises(self.request.user) if e.pk not in answered]
        allowed = [s.enterprise.pk for s in standings if s.allowed]
        form.fields["enterprise"].queryset = services.represented_enterprises(self.request.user).filter(pk__in=allowed)
        return render(self.request, "procurement/requests/respond.html",
                      {"object": self.object, "form": once.with_token(self.request, form), "standings": standings, "may_submit": bool(allowed),
                       "deadline_passed": self.object.deadline < today}, status=status)

    def get(self, request, pk):
        return self._page(ResponseForm(user=request.user))

    def post(self, request, pk):
        form = ResponseForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    services.response_submit(request=self.object, enterprise=data["enterprise"], by=request.user,
                                             quote_amount=data["quote_amount"], message=data["message"],
                                             attachment=data.get("attachment"))
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("Uw reactie is verstuurd. U hoort het besluit via een melding."))
                return redirect(self.object.get_absolute_url())
        return self._page(form, status=400)


class ResponseUpdate(generic.ScopedUpdateView):
    model = PurchaseResponse
    form_class = ResponseForm
    success_message = gettext_lazy("Uw reactie is bijgewerkt.")

    def get_cancel_url(self):
        return self.object.request.get_absolute_url()  # a response has no page of its own

    def save(self, form):
        data = form.cleaned_data
        return services.response_update(response=self.object, by=self.request.user, quote_amount=data["quote_amount"],
                                        message=data["message"], attachment=data.get("attachment"))

    def get_success_url(self):
        return self.object.request.get_absolute_url()


class ResponseAction(ScopedActionView):
    model = PurchaseResponse
    queryset = PurchaseResponse.objects.select_related("request", "enterprise")

    def get_success_url(self, obj, result):
        return obj.request.get_absolute_url()

    def form_invalid(self, form):
        return render(self.request, self.template_name,
                      {"form": form, "object": self.object, "action_url": self.request.path,
                       "back_url": self.object.request.get_absolute_url()}, status=400)


class ResponseWithdraw(ResponseAction):
    action = access.CHANGE
    form_class = ConfirmForm
    success_message = gettext_lazy("Uw reactie is ingetrokken.")

    def perform(self, obj, data):
        return services.response_withdraw(response=obj, by=self.request.user)


class ResponseShortlist(ResponseAction):
    action = "award"
    form_class = ShortlistForm
    versioned_fields = ("enterprise", "quote_amount", "message", "attachment")  # a changed quote: look again

    def perform(self, obj, data):
        return services.response_shortlist(response=obj, by=self.request.user, shortlisted=data["shortlisted"])


class ResponseAward(ResponseAction):
    action = "award"
    success_message = gettext_lazy("De opdracht is gegund. De andere reacties zijn niet gekozen; alle inzenders "
                                   "krijgen een melding.")
    versioned_fields = ("enterprise", "quote_amount", "message", "attachment")  # a changed quote: look again

    def version_locks(self, obj):
        return [(PurchaseRequest, obj.request_id)]  # ``request_award`` locks the request before its responses

    def perform(self, obj, data):
        return services.request_award(response=obj, by=self.request.user)


@login_required
def response_attachment(request, pk):
    response = access.get_object_or_404(request.user, PurchaseResponse, "attachment", pk=pk)
    return serve_private_file(request.user, response, "attachment")
