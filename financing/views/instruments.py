"""The instrument catalogue (public) and the financing mix per enterprise: the brokers of the
enterprise's municipality and its own entrepreneurs see and change a need and its components;
everyone else gets a 404. Every queryset comes from the access module."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic as django_generic

from impactportal import access
from impactportal.money import MONEY_FIELD, ZERO_EUROS
from impactportal.text import in_page_order, page_language_key
from impactportal.ui import generic
from impactportal.ui.once import OnceFormMixin

from .. import services_instruments as services
from ..filters_instruments import InstrumentFilter, NeedFilter
from ..forms.instruments import ComponentForm, NeedForm, need_enterprises
from ..models import ComponentStatus, FinancingNeed, Instrument, MixComponent
from ..tables_instruments import InstrumentTable, NeedTable, amount_range

NEED_ROLES = (access.BROKER, access.ENTREPRENEUR)


def _sum(condition):
    return Coalesce(Sum("components__amount", filter=condition), ZERO_EUROS, output_field=MONEY_FIELD)


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
        # By kind, then by name as the page shows it (the English on English pages); the table's
        # name and provider columns sort on the same keys (``sort_name``, ``sort_provider``).
        return in_page_order(super().get_queryset().filter(is_active=True), "kind").annotate(
            sort_provider=page_language_key("provider"))


def instrument_detail(request, pk):
    instrument = access.get_object_or_404(request.user, Instrument, access.VIEW, pk=pk)
    return render(request, "financing/instruments/instrument_detail.html",
                  {"object": instrument, "amounts": amount_range(instrument),
                   "others": in_page_order(Instrument.objects.filter(kind=instrument.kind, is_active=True)
                                           .exclude(pk=instrument.pk))[:5]})


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


class NeedCreate(OnceFormMixin, generic.ScopedMixin, generic.OwnedFormMixin, django_generic.CreateView):
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


class ComponentCreate(generic.ScopedChildCreateView):
    parent_model = FinancingNeed
    parent_field = "need"
    form_class = ComponentForm
    template_name = "financing/instruments/child_form.html"
    title = gettext_lazy("Onderdeel aan de mix toevoegen")

    def save(self, form):
        return services.component_add(need=self.parent, component=form.instance, by=self.request.user)


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
