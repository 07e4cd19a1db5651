"""The instrument catalogue (public) and the financing mix per enterprise: the brokers of the
enterprise's municipality and its own entrepreneurs see and change a need and its components;
everyone else gets a 404. Every queryset comes from the access module."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic as django_generic

from impactportal import access
from impactportal.ui import generic
from impactportal.ui.actions import RoleRequiredMixin
from impactportal.ui.forms import add_validation_error

from .. import services_instruments as services
from ..filters_instruments import InstrumentFilter, NeedFilter
from ..forms.instruments import ComponentForm, NeedForm, need_enterprises
from ..models import ComponentStatus, FinancingNeed, Instrument, MixComponent
from ..tables_instruments import InstrumentTable, NeedTable, amount_range

NEED_ROLES = (access.BROKER, access.ENTREPRENEUR)
MONEY = DecimalField(max_digits=14, decimal_places=2)


def _sum(condition):
    return Coalesce(Sum("components__amount", filter=condition), Value(Decimal("0")), output_field=MONEY)


def need_queryset():
    """Needs with their granted and pending amounts computed in the database (one query a page)."""
    return (FinancingNeed.objects.select_related("enterprise", "enterprise__municipality")
            .annotate(covered_amount=_sum(Q(components__status=ComponentStatus.GRANTED)),
                      pending_amount=_sum(Q(components__status__in=[ComponentStatus.IDEA,
                                                                    ComponentStatus.APPLIED]))))


def coverage_labels():
    return (_("Toegekend"), _("In behandeling of idee"), _("Nog niet gedekt"))


# --- catalogue -------------------------------------------------------------------------------


class InstrumentList(generic.ScopedListView):
    public = True
    public_export = True
    queryset = Instrument.objects.all()
    filterset_class = InstrumentFilter
    table_class = InstrumentTable
    template_name = "financing/instruments/instrument_list.html"

    def get_queryset(self):
        return super().get_queryset().filter(is_active=True)


def instrument_detail(request, pk):
    instrument = access.get_object_or_404(request.user, Instrument, access.VIEW, pk=pk)
    return render(request, "financing/instruments/instrument_detail.html",
                  {"object": instrument, "amounts": amount_range(instrument),
                   "others": Instrument.objects.filter(kind=instrument.kind, is_active=True)
                   .exclude(pk=instrument.pk).order_by("name")[:5]})


# --- financing needs -------------------------------------------------------------------------


class NeedList(generic.ScopedListView):
    queryset = need_queryset()
    filterset_class = NeedFilter
    table_class = NeedTable
    create_url_name = "financing:need-create"
    template_name = "financing/instruments/need_list.html"
    roles = NEED_ROLES

    def may_create(self) -> bool:
        return need_enterprises(self.request.user).exists()


class NeedCreate(generic.ScopedMixin, generic.OwnedFormMixin, django_generic.CreateView):
    model = FinancingNeed
    form_class = NeedForm
    template_name = "financing/instruments/need_form.html"
    roles = NEED_ROLES
    success_message = gettext_lazy("De financieringsbehoefte %(object)s is vastgelegd.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not need_enterprises(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        return super().form_valid(form)


class NeedDetail(generic.ScopedDetailView):
    queryset = need_queryset()
    template_name = "financing/instruments/need_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        need = self.object
        components = list(MixComponent.objects.for_user(self.request.user).filter(need=need)
                          .select_related("instrument").order_by("id"))
        coverage = services.need_coverage(need, components)
        context.update(components=components, coverage=coverage, chart=coverage.chart(coverage_labels()),
                       component_form=ComponentForm(user=self.request.user))
        return context


class NeedUpdate(generic.ScopedUpdateView):
    queryset = need_queryset()
    form_class = NeedForm
    template_name = "financing/instruments/need_form.html"
    success_message = gettext_lazy("De financieringsbehoefte %(object)s is bijgewerkt.")


class NeedDelete(generic.ScopedDeleteView):
    model = FinancingNeed

    def get_success_url(self):
        return reverse("financing:need-list")


# --- components of the mix -------------------------------------------------------------------


class ChildCreate(RoleRequiredMixin, django_generic.View):
    """Adds a row under a parent the user may change (404 outside scope, 403 without the grant):
    GET shows the form, POST saves through the service or shows the errors (400)."""

    parent_model = None
    form_class = None
    template_name = "financing/instruments/child_form.html"
    title = ""

    def get_parent(self):
        return access.get_object_or_404(self.request.user, self.parent_model, access.CHANGE, pk=self.kwargs["pk"])

    def new_instance(self, parent):
        raise NotImplementedError

    def save(self, parent, instance):
        raise NotImplementedError

    def success_url(self, parent, obj):
        return parent.get_absolute_url()

    def render_form(self, parent, form, status=200):
        return render(self.request, self.template_name,
                      {"form": form, "parent": parent, "title": self.title, "cancel_url": parent.get_absolute_url()},
                      status=status)

    def get(self, request, *args, **kwargs):
        parent = self.get_parent()
        return self.render_form(parent, self.form_class(user=request.user, instance=self.new_instance(parent)))

    def post(self, request, *args, **kwargs):
        parent = self.get_parent()
        form = self.form_class(request.POST, user=request.user, instance=self.new_instance(parent))
        if form.is_valid():
            try:
                obj = self.save(parent, form.instance)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("Opgeslagen."))
                return redirect(self.success_url(parent, obj))
        return self.render_form(parent, form, status=400)


class ComponentCreate(ChildCreate):
    parent_model = FinancingNeed
    form_class = ComponentForm
    title = gettext_lazy("Onderdeel aan de mix toevoegen")

    def new_instance(self, parent):
        return MixComponent(need=parent)

    def save(self, parent, instance):
        return services.component_add(need=parent, component=instance, by=self.request.user)


class ComponentUpdate(generic.ScopedUpdateView):
    queryset = MixComponent.objects.select_related("need", "instrument")
    form_class = ComponentForm
    template_name = "financing/instruments/child_form.html"
    success_message = gettext_lazy("Het onderdeel %(object)s is bijgewerkt.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(parent=self.object.need, title=_("Onderdeel wijzigen"),
                       cancel_url=self.object.need.get_absolute_url())
        return context

    def get_success_url(self):
        return self.object.need.get_absolute_url()


class ComponentDelete(generic.ScopedDeleteView):
    queryset = MixComponent.objects.select_related("need", "instrument")

    def get_success_url(self):
        return self.object.need.get_absolute_url()
