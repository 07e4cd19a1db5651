"""Real estate screens: properties (public when published, without rents and notes), photos,
space requests with their matches, responses, allocations under the Didam rule and the tenant
mix. Querysets come from the access module; the rules live in ``services_realestate``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impactportal import access, audit
from impactportal.text import short_date
from impactportal.ui import generic, once
from impactportal.ui.actions import ScopedActionView, action_form_invalid
from impactportal.ui.forms import add_validation_error
from impactportal.uploads import serve_private_file

from . import services_realestate as services
from .constants import SpaceRequestStatus, TenantKind
from .filters_realestate import AllocationFilter, PropertyFilter, SpaceRequestFilter
from .forms_realestate import (
    AllocateForm,
    EndLettingForm,
    PhotoForm,
    PropertyForm,
    RespondForm,
    SpaceRequestForm,
)
from .models_realestate import (
    Allocation,
    Property,
    PropertyPhoto,
    PropertyResponse,
    SpaceRequest,
    current_lettings,
    letting_allocations,
)
from .tables_realestate import AllocationTable, PropertyTable, SpaceRequestTable

STAFF = (access.BROKER, access.COLLEAGUE)
# The matches on a space request's page, of the best ``services.MAX_LIMIT``.
MATCHES_PER_PAGE = 20
# An allocation's terms as its tenant reads them (``space_request_detail``).
TERMS_FIELDS = ("id", "rent", "start_date", "ended_on", "space_request_id", "property__id", "property__name",
                "property__address", "property__area", "organisation__id", "organisation__name",
                "organisation__contact_email", "organisation__website")


def with_allocated(queryset):
    """Each property with ``is_allocated``: let now to an enterprise (a current letting; then only its
    owner and its tenant see it). After an ended letting it is free again."""
    return queryset.annotate(is_allocated=Exists(current_lettings(OuterRef("pk"))))


def space_request_offer(user) -> str:
    """The next step the property pages offer someone looking for space: a visitor logs in and
    files a space request ("login"), an entrepreneur with an enterprise files one ("create"); the
    municipality's staff, who handle the requests, get none ("")."""
    if not user.is_authenticated:
        return "login"
    if access.has_role(user, access.ENTREPRENEUR) and access.enterprise_ids(user):
        return "create"
    return ""


class PropertyList(generic.ScopedListView):
    """Public: published properties that are still free; the owner's staff also see their
    unpublished and allocated ones ("Toegewezen"). The table shows no rents (they are on the
    property's page, for the owner only)."""

    public = True
    queryset = with_allocated(Property.objects.select_related("organisation"))
    filterset_class = PropertyFilter
    table_class = PropertyTable
    create_url_name = "ecosystem:property-create"
    template_name = "ecosystem/realestate/property_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["space_request_offer"] = space_request_offer(self.request.user)
        return context


def property_detail(request, pk):
    user = request.user
    obj = access.get_object_or_404(user, Property.objects.select_related("organisation"), pk=pk)
    internal = access.can(user, "internal", obj)
    # The current letting only: after its end the property is free again (``CURRENT``).
    allocated = (current_lettings(obj).select_related("space_request__enterprise")
                 .order_by("-start_date", "-id").first())
    tenant = None
    if allocated is not None:
        # Besides the owner's staff only the entrepreneurs of the enterprise the property is let to
        # reach it (view only): they see their own allocation's date, and their enterprise as tenant.
        letting = letting_allocations(obj).select_related("space_request__enterprise")
        if internal:
            current = allocated if allocated.space_request.status == SpaceRequestStatus.ALLOCATED else letting.first()
        else:
            current = letting.filter(space_request__enterprise__in=access.enterprise_ids(user)).first()
            allocated = current or allocated
        tenant = current.space_request.enterprise if current is not None else None
    context = {
        "object": obj,
        "internal": internal,
        "allocated": allocated,
        "tenant": tenant,
        "own_tenant": tenant is not None and tenant.pk in access.enterprise_ids(user),
        "photos": list(PropertyPhoto.objects.for_user(user).filter(property=obj)),
        "can_change": access.can(user, access.CHANGE, obj),
        # Not on a property let to the visitor's own enterprise: they have it already.
        "space_request_offer": "" if allocated is not None else space_request_offer(user),
    }
    if internal:
        context["allocations"] = list(Allocation.objects.for_user(user).filter(property=obj)
                                      .select_related("space_request__enterprise"))
        context["responses"] = list(PropertyResponse.objects.for_user(user).filter(property=obj)
                                    .select_related("space_request__enterprise"))
        context["history"] = audit.history_for(obj)
        context["photo_form"] = once.with_token(request, PhotoForm(user=user)) if context["can_change"] else None
    return render(request, "ecosystem/realestate/property_detail.html", context)


class PropertyCreate(generic.ScopedCreateView):
    model = Property
    form_class = PropertyForm
    success_message = _("Pand %(object)s is opgeslagen.")


class PropertyUpdate(generic.ScopedUpdateView):
    model = Property
    form_class = PropertyForm
    success_message = _("Pand %(object)s is bijgewerkt.")


@login_required
@once.once  # Back and Toevoegen again: no second copy of the photo
def property_photo_add(request, pk):
    obj = access.get_object_or_404(request.user, Property, access.CHANGE, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = once.with_token(request, PhotoForm(request.POST, request.FILES, user=request.user))
    if form.is_valid():
        photo = form.save(commit=False)
        photo.property = obj
        photo.save()
        messages.success(request, _("De foto is toegevoegd."))
        return redirect(obj.get_absolute_url())
    return action_form_invalid(request, form, obj)


def property_photo(request, pk):
    """A photo through a permission-checked view (a published property's photos are public)."""
    photo = access.get_object_or_404(request.user, PropertyPhoto, pk=pk)
    return serve_private_file(request.user, photo, "image", as_attachment=False)


# --- space requests ----------------------------------------------------------------------------


class SpaceRequestList(generic.ScopedListView):
    roles = (*STAFF, access.ENTREPRENEUR)
    queryset = SpaceRequest.objects.select_related("enterprise", "organisation")
    filterset_class = SpaceRequestFilter
    table_class = SpaceRequestTable
    create_url_name = "ecosystem:space-request-create"

    def may_create(self):
        # Brokers and entrepreneurs file requests (the organisation is not the creator's, so the
        # owner rule does not apply); a colleague who sees them may not (the form says 403).
        return services.may_file_space_requests(self.request.user)


class SpaceRequestCreate(generic.ScopedCreateView):
    roles = (access.BROKER, access.ENTREPRENEUR)
    model = SpaceRequest
    form_class = SpaceRequestForm
    template_name = "ui/object_form.html"
    success_message = gettext_lazy("Uw ruimtevraag is ingediend. Hieronder staan de panden die passen.")

    def may_create(self):
        return services.may_file_space_requests(self.request.user)

    def save(self, form):
        return services.space_request_create(space_request=form.instance, by=self.request.user)


@login_required
def space_request_detail(request, pk):
    user = request.user
    obj = access.get_object_or_404(user, SpaceRequest.objects.select_related("enterprise", "organisation"), pk=pk)
    may_allocate = access.can(user, "allocate", obj)
    may_respond = access.can(user, "respond", obj)
    # The best ``MAX_LIMIT`` matches, ranked once (one query, a bounded pool: ``matches_for``) and
    # shown a page at a time: the same list on every page, so no property shows on two pages or on
    # none, and counting it costs no query. What a row needs beyond it is asked for the page's rows.
    matches = services.matches_for(obj, user, limit=services.MAX_LIMIT) if obj.status == "open" else []
    paginator = generic.BoundedPaginator(matches, MATCHES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    matches = page.object_list
    internal_ids = set(access.scope(user, Property.objects.filter(pk__in=[p.pk for p, _m in matches]), "internal")
                       .values_list("pk", flat=True)) if matches else set()
    responded = set(PropertyResponse.objects.for_user(user).filter(space_request=obj)
                    .values_list("property_id", flat=True))
    # Each "Interesse tonen" form is sent once (``once``): a token of its own.
    # A property is let by its own municipality (``services.allocate``): matches from a neighbour
    # in the same area are shown, but "Toewijzen" only where the request's municipality owns it
    # (a broker of both saw it offered for the neighbour's and was refused).
    rows = [{"property": p, "match": m, "internal": p.pk in internal_ids, "responded": p.pk in responded,
             "allocatable": may_allocate and p.pk in internal_ids and p.organisation_id == obj.organisation_id,
             "token": once.fresh_token()} for p, m in matches]
    for row in rows:
        if row["allocatable"]:  # the allocation form's rent help, per property to choose
            row["rent_help"] = services.rent_help(row["property"])
    context = {"object": obj, "rows": rows, "may_allocate": may_allocate, "may_respond": may_respond,
               "page_obj": page, "paginator": paginator, "is_capped": paginator.count >= services.MAX_LIMIT,
               "responses": list(PropertyResponse.objects.for_user(user).filter(space_request=obj)
                                 .select_related("property")),
               "allocations": list(Allocation.objects.for_user(user).filter(space_request=obj)
                                   .select_related("property")),
               "can_change": access.can(user, access.CHANGE, obj)}
    if not context["allocations"] and obj.status == SpaceRequestStatus.ALLOCATED:
        # The entrepreneur does not see the allocation (market rent, Didam record, notes), but the
        # terms agreed with their enterprise (``terms``): the property let to it (linked to its
        # page), from when, the rent the enterprise pays, and the owner to contact. Only the
        # columns shown are read.
        context["tenancies"] = list(
            access.scope(user, Allocation.objects.filter(space_request=obj), "terms")
            .select_related("property", "organisation")
            .only(*TERMS_FIELDS).order_by("-start_date", "-id"))
    if may_allocate:
        # "Toewijzen" next to a match links here with ?property=<pk>: that property is chosen in
        # the form (the first match was, whichever link was followed). Only one of the choices.
        choices = {str(row["property"].pk): row["property"] for row in rows if row["allocatable"]}
        context["allocate_property"] = next((pk for pk in choices if pk == request.GET.get("property")),
                                            next(iter(choices), ""))
        context["allocate_form"] = once.with_token(request, AllocateForm(
            prefix="allocate", chosen_property=choices.get(context["allocate_property"])))
    return render(request, "ecosystem/realestate/space_request_detail.html", context)


@login_required
@once.once  # Back and "Interesse tonen" again: the response given, not "U heeft al op dit pand gereageerd"
def space_request_respond(request, pk):
    user = request.user
    obj = access.get_object_or_404(user, SpaceRequest, "respond", pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = once.with_token(request, RespondForm(request.POST))
    if form.is_valid():
        prop = Property.objects.for_user(user).filter(pk=form.cleaned_data["property"]).first()
        try:
            if prop is None:
                raise ValidationError({"property": _("Dit pand kunt u niet zien.")})
            with transaction.atomic():
                services.respond(space_request=obj, property=prop, message=form.cleaned_data["message"], by=user)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("Uw reactie is doorgegeven aan de gemeente."))
            return redirect(obj.get_absolute_url())
    return action_form_invalid(request, form, obj)


@login_required
@once.once  # Back and Toewijzen again: the allocation made, not "Deze ruimtevraag is niet meer open"
def space_request_allocate(request, pk):
    user = request.user
    obj = access.get_object_or_404(user, SpaceRequest, "allocate", pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = once.with_token(request, AllocateForm(request.POST, prefix="allocate"))
    if form.is_valid():
        data = form.cleaned_data
        prop = Property.objects.for_user(user).filter(pk=data["property"]).first()
        try:
            if prop is None:
                raise ValidationError({"property": _("Dit pand kunt u niet zien.")})
            with transaction.atomic():
                allocation = services.allocate(
                    property=prop, space_request=obj, rent=data["rent"], procedure=data["procedure"], by=user,
                    procedure_reference=data["procedure_reference"], publication_date=data["publication_date"],
                    candidates=data["candidates"], justification=data["justification"],
                    decided_by=data["decided_by"], decision_date=data["decision_date"],
                    start_date=data["start_date"], tenant_kind=data["tenant_kind"])
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("Het pand is toegewezen."))
            return redirect(allocation.get_absolute_url())
    # The page again with its errors names the property being allocated (it is a hidden field).
    chosen = form.cleaned_data.get("property") if hasattr(form, "cleaned_data") else None
    chosen = Property.objects.for_user(user).filter(pk=chosen).first() if chosen is not None else None
    if chosen is not None and access.can(user, "internal", chosen):
        form.choose_property(chosen)  # the rent's help: its market rent and social tariff
    return render(request, "ecosystem/realestate/allocate_form.html",
                  {"form": form, "object": obj, "action_url": request.path, "chosen_property": chosen}, status=400)


# --- allocations and the tenant mix -------------------------------------------------------------


class AllocationList(generic.ScopedListView):
    roles = STAFF
    queryset = Allocation.objects.select_related("property", "space_request__enterprise")
    filterset_class = AllocationFilter
    table_class = AllocationTable
    template_name = "ecosystem/realestate/allocation_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The rows the table lists (``FilterView``: none while a filter is invalid), so the mix "met
        # de filters hierboven" never counts the allocations an invalid filter left out of the table.
        mix = services.tenant_mix(self.object_list)
        context["mix"] = mix
        context["has_allocations"] = any(row["count"] for row in mix.values())
        context["mix_chart"] = {
            "type": "bar",
            "data": {"labels": [row["label"] for row in mix.values()],
                     "datasets": [{"label": str(_("Aantal huurders")), "data": [row["count"] for row in mix.values()],
                                   "backgroundColor": ["#01689b", "#39870c", "#ca005d"]}]},
            "options": {"scales": {"y": {"beginAtZero": True, "ticks": {"precision": 0}}},
                        "plugins": {"legend": {"display": False}}},
        }
        context["tenant_kinds"] = TenantKind.choices
        # What the mix counts follows the list's filter "Verhuur" (the rows the table lists): the
        # current lettings, the ended ones, or every allocation (current and ended), as labelled.
        letting = self.filterset.form.cleaned_data.get("letting") if self.filterset.is_valid() else ""
        context["mix_counts"] = letting or "all"
        return context


def allocation_context(request, obj, end_form=None) -> dict:
    """The allocation's page: the allocation, its history and, for a user with the ``end`` grant,
    the form "Verhuur beëindigen" while the letting is current, or the button that undoes the end
    once it has ended ("Beëindiging ongedaan maken")."""
    may_end = access.can(request.user, "end", obj)
    current = obj.ended_on is None
    if may_end and current and end_form is None:
        end_form = EndLettingForm(initial={"ended_on": services.today()})
    return {"object": obj, "history": audit.history_for(obj), "end_form": end_form if may_end and current else None,
            "may_reopen": may_end and not current}


@login_required
def allocation_detail(request, pk):
    obj = access.get_object_or_404(request.user, Allocation.objects.select_related(
        "property", "space_request__enterprise", "created_by"), pk=pk)
    return render(request, "ecosystem/realestate/allocation_detail.html", allocation_context(request, obj))


class AllocationEnd(ScopedActionView):
    """"Verhuur beëindigen" (``services.end_letting``): 404 outside the view scope, 403 without the
    ``end`` grant; a refused date or a letting ended already shows the allocation's page again with
    the form's errors (400)."""

    model = Allocation
    queryset = Allocation.objects.select_related("property", "space_request__enterprise", "created_by")
    action = "end"
    form_class = EndLettingForm

    def perform(self, obj, data):
        return services.end_letting(allocation=obj, by=self.request.user, ended_on=data["ended_on"],
                                    reason=data["end_reason"])

    def get_success_message(self, obj, data, result):
        return _("De verhuur is beëindigd op %(date)s. Het pand staat weer te huur zolang de beschikbaarheid dat "
                 "toelaat.") % {"date": short_date(result.ended_on)}

    def form_invalid(self, form):
        self.object.refresh_from_db()  # as stored: nothing of the refused end
        return render(self.request, "ecosystem/realestate/allocation_detail.html",
                      allocation_context(self.request, self.object, end_form=form), status=400)


class AllocationReopen(ScopedActionView):
    """"Beëindiging ongedaan maken" (``services.reopen_letting``): an end registered by mistake. 404
    outside the view scope, 403 without the ``end`` grant; refused (400, on the allocation's page)
    when the property has been allocated again since."""

    model = Allocation
    queryset = Allocation.objects.select_related("property", "space_request__enterprise", "created_by")
    action = "end"

    def perform(self, obj, data):
        return services.reopen_letting(allocation=obj, by=self.request.user)

    def get_success_message(self, obj, data, result):
        return _("De beëindiging is ongedaan gemaakt: de verhuur loopt weer en het pand staat niet meer te huur.")

    def form_invalid(self, form):
        self.object.refresh_from_db()
        context = allocation_context(self.request, self.object) | {"reopen_form": form}
        return render(self.request, "ecosystem/realestate/allocation_detail.html", context, status=400)


class SpaceRequestWithdraw(ScopedActionView):
    """"Intrekken": an open request that is no longer needed ends (``services.space_request_withdraw``)."""

    model = SpaceRequest
    success_message = gettext_lazy("De ruimtevraag is ingetrokken.")

    def perform(self, obj, data):
        return services.space_request_withdraw(space_request=obj, by=self.request.user)
