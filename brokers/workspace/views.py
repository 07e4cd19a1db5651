"""Pages of the workspace: team members and partners with the team diagram, spending with the
budget overview and chart, and the action agenda."""

from django.db.models import Count, Prefetch, Q
from django.forms import RadioSelect
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from impactportal import access
from impactportal.text import as_id
from impactportal.ui import generic
from impactportal.ui.actions import RoleRequiredMixin

from ..constants import ActionStatus
from ..filters import ActionFilter, ActionProgrammeFilter, SpendingFilter
from ..models import (
    Action,
    ActionLine,
    ActionLink,
    ActionProgramme,
    Answer,
    BrokerTeam,
    BudgetLine,
    Spending,
    TeamMember,
    TeamPartner,
)
from ..models.links import find_linkable, linkable_model
from ..tables import ActionProgrammeTable, ActionTable, SpendingTable
from ..views import BUDGET_ROLES, TEAM_ROLES
from . import forms, history, services, team


# --- team --------------------------------------------------------------------------------------
class TeamDiagram(RoleRequiredMixin, View):
    def get(self, request, pk):
        obj = access.get_object_or_404(request.user, BrokerTeam, access.VIEW, pk=pk)
        data = team.diagram_data(obj, list(obj.members.select_related("user")),
                                 list(obj.partners.select_related("party")))
        svg = team.diagram_svg(data, _("Teamdiagram van %(team)s") % {"team": obj.name})
        return HttpResponse(svg, content_type="image/svg+xml")


class MemberCreate(generic.ScopedCreateView):
    model = TeamMember
    form_class = forms.TeamMemberForm
    success_message = gettext_lazy("%(object)s is aan het team toegevoegd.")
    prefill = ("team",)


class MemberUpdate(generic.ScopedUpdateView):
    model = TeamMember
    form_class = forms.TeamMemberForm
    success_message = gettext_lazy("%(object)s is bijgewerkt.")


class MemberDelete(generic.ScopedDeleteView):
    model = TeamMember

    def get_success_url(self):  # back to the team the member was removed from
        return self.object.team.get_absolute_url()


class PartnerCreate(generic.ScopedCreateView):
    model = TeamPartner
    form_class = forms.TeamPartnerForm
    success_message = gettext_lazy("Partner %(object)s is toegevoegd.")
    prefill = ("team",)


class PartnerDelete(generic.ScopedDeleteView):
    model = TeamPartner

    def get_success_url(self):  # back to the team the partner was removed from
        return self.object.team.get_absolute_url()


# --- budget and spending -----------------------------------------------------------------------
class SpendingList(generic.ScopedListView):
    roles = BUDGET_ROLES
    queryset = Spending.objects.select_related("organisation", "budget_line")
    filterset_class = SpendingFilter
    table_class = SpendingTable
    create_url_name = "brokers:spending-create"


class SpendingDetail(generic.ScopedDetailView):
    queryset = Spending.objects.select_related("organisation", "budget_line", "decided_by", "recorded_by")
    template_name = "brokers/workspace/spending_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["linked"] = self.object.linked_object(self.request.user)
        return context

    def get_history(self):
        return history.with_linked_names(super().get_history(), self.object, self.request.user)


class SpendingSaveMixin:
    """A new or changed spending is stored by ``services.spending_record``: it locks the budget
    line and checks again what remains on it."""

    def save(self, form):
        return services.spending_record(spending=form.instance, by=self.request.user)


class SpendingCreate(SpendingSaveMixin, generic.ScopedCreateView):
    model = Spending
    form_class = forms.SpendingForm
    success_message = gettext_lazy("%(object)s is vastgelegd.")


class SpendingUpdate(SpendingSaveMixin, generic.ScopedUpdateView):
    model = Spending
    form_class = forms.SpendingForm
    success_message = gettext_lazy("%(object)s is bijgewerkt.")


class SpendingDelete(generic.ScopedDeleteView):
    model = Spending
    success_url = reverse_lazy("brokers:spending-list")


class BudgetOverview(RoleRequiredMixin, View):
    """Remaining per budget line and year, and a chart of budget against spending per year."""

    roles = BUDGET_ROLES

    def get(self, request):
        lines = BudgetLine.objects.for_user(request.user).select_related("organisation", "programme") \
            .order_by("organisation__name", "year", "kind")
        loose = Spending.objects.for_user(request.user).filter(budget_line__isnull=True) \
            .select_related("organisation").order_by("organisation__name", "date", "pk")
        # ``?organisation=<slug>``: one of several organisations (an administrator's), with its chart.
        chosen = request.GET.get("organisation", "").strip()[:100]
        if chosen:
            lines, loose = lines.filter(organisation__slug=chosen), loose.filter(organisation__slug=chosen)
        rows = services.remaining_per_line(lines)
        loose = list(loose)
        # Per organisation: the years of Haarlem and Amersfoort added together were nobody's budget.
        groups = services.per_organisation(rows, loose)
        years = groups[0][1] if len(groups) == 1 else {}
        chart = {"type": "bar", "data": {
            "labels": [str(y) for y in years],
            "datasets": [{"label": _("Begroot"), "data": [float(v["budget"]) for v in years.values()],
                          "backgroundColor": "#01689b"},
                         {"label": _("Uitgegeven en verplicht"), "data": [float(v["spent"]) for v in years.values()],
                          "backgroundColor": "#e17000"}]}}
        return render(request, "brokers/workspace/budget_overview.html", {
            "rows": rows, "years": years, "groups": groups, "loose": loose, "chart": chart, "chosen": chosen,
            "several": len(groups) > 1})


# --- action agenda -----------------------------------------------------------------------------
class AgendaList(generic.ScopedListView):
    roles = TEAM_ROLES
    queryset = ActionProgramme.objects.select_related("organisation")
    table_class = None
    export_table_class = ActionProgrammeTable
    template_name = "brokers/workspace/agenda_list.html"
    create_url_name = "brokers:agenda-create"
    filterset_class = ActionProgrammeFilter


class AgendaDetail(generic.ScopedDetailView):
    queryset = ActionProgramme.objects.select_related("organisation")
    template_name = "brokers/workspace/agenda_detail.html"

    def get_context_data(self, **kwargs):
        from ..toolbox_content import SUPPORT_MAP

        context = super().get_context_data(**kwargs)
        user = self.request.user
        actions = Action.objects.for_user(user).select_related("owner").prefetch_related("links")
        lines = list(ActionLine.objects.for_user(user).filter(programme=self.object)
                     .prefetch_related(Prefetch("actions", queryset=actions))
                     .annotate(total=Count("actions", filter=~Q(actions__status=ActionStatus.CANCELLED)),
                               done=Count("actions", filter=Q(actions__status=ActionStatus.DONE))))
        total = sum(line.total for line in lines)
        done = sum(line.done for line in lines)
        support = Answer.objects.for_user(user).filter(
            organisation=self.object.organisation, question__key=SUPPORT_MAP,
            question__module__edition__is_current=True).select_related("question").first()
        context.update({"lines": lines, "total": total, "done": done,
                        "percentage": round(100 * done / total) if total else 0,
                        "support_map": support, "today": timezone.localdate()})
        return context


class AgendaCreate(generic.ScopedCreateView):
    model = ActionProgramme
    form_class = forms.ActionProgrammeForm
    success_message = gettext_lazy("Actieprogramma %(object)s is aangemaakt.")


class AgendaUpdate(generic.ScopedUpdateView):
    model = ActionProgramme
    form_class = forms.ActionProgrammeForm
    success_message = gettext_lazy("Actieprogramma %(object)s is bijgewerkt.")


class LineCreate(generic.ScopedCreateView):
    model = ActionLine
    form_class = forms.ActionLineForm
    success_message = gettext_lazy("Actielijn %(object)s is toegevoegd.")
    prefill = ("programme",)


class ActionList(generic.ScopedListView):
    roles = TEAM_ROLES
    queryset = Action.objects.select_related("line__programme__organisation", "owner")
    filterset_class = ActionFilter
    table_class = ActionTable
    create_url_name = "brokers:action-create"
    template_name = "brokers/workspace/action_list.html"

    @cached_property
    def first_step(self):
        """No action line to add an action to: what to make first (``services.first_step_for_actions``)."""
        return services.first_step_for_actions(self.request.user)

    def may_create(self) -> bool:
        # Without a line "Nieuwe actie" and "Voeg de eerste toe" led to a form that could not be sent.
        return super().may_create() and self.first_step is None

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"first_step": self.first_step}


class ActionDetail(generic.ScopedDetailView):
    queryset = Action.objects.select_related("line__programme", "owner")
    template_name = "brokers/workspace/action_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["links"] = [(link, link.linked_object(user))
                            for link in ActionLink.objects.for_user(user).filter(action=self.object)]
        return context

    def get_history(self):
        return history.action_history(self.object, self.request.user)


class ActionCreate(generic.ScopedCreateView):
    model = Action
    form_class = forms.ActionForm
    success_message = gettext_lazy("Actie %(object)s is toegevoegd.")
    prefill = {"line": "line", "module_number": "module"}

    def form_valid(self, form):
        form.instance.completed_on = services.completed_on(form.instance.status)
        return super().form_valid(form)


class ActionUpdate(generic.ScopedUpdateView):
    model = Action
    form_class = forms.ActionForm
    success_message = gettext_lazy("Actie %(object)s is bijgewerkt.")

    def form_valid(self, form):
        if "status" in form.changed_data:
            form.instance.completed_on = services.completed_on(form.instance.status)
        return super().form_valid(form)


class ActionDelete(generic.ScopedDeleteView):
    model = Action
    success_url = reverse_lazy("brokers:action-list")


class ActionLinkCreate(generic.ScopedCreateView):
    model = ActionLink
    form_class = forms.ActionLinkForm
    success_message = gettext_lazy("Het object is gekoppeld.")
    prefill = ("action",)

    def get_success_url(self):
        return self.object.action.get_absolute_url()


class ActionLinkDelete(generic.ScopedDeleteView):
    """Unlinks an object from an action (the object itself stays); the action's history shows it."""

    queryset = ActionLink.objects.select_related("action")
    template_name = "brokers/workspace/action_link_confirm_delete.html"

    def get_object(self, queryset=None):
        link = super().get_object(queryset)
        # Named as the user may see the object, on the page and in the message ("Koppeling met …").
        obj = link.linked_object(self.request.user)
        link.shown_as = str(obj) if obj is not None else \
            f"{link.get_link_model_display()} #{link.link_id} ({_('niet beschikbaar')})"
        return link

    def get_success_url(self):
        return self.object.action.get_absolute_url()


class LinkSearch(RoleRequiredMixin, View):
    """The link picker's results as the broker types (``forms.LinkFormMixin``): the object already
    chosen, then up to 20 of the kind asked for whose name contains the text, among those the
    broker may see. For whoever may link spending or actions to objects."""

    MIN_LENGTH = 2

    def check_roles(self, user):
        if not (access.may_own(user, Spending) or access.may_own(user, ActionLink)):
            raise access.RoleRequired

    def get(self, request):
        label, text = request.GET.get("link_model", ""), request.GET.get("link_search", "").strip()[:200]
        model, chosen_pk = linkable_model(label), as_id(request.GET.get("link_id", ""))
        chosen = access.scope(request.user, model).filter(pk=chosen_pk).first() if model and chosen_pk else None
        found = find_linkable(request.user, label, text, forms.LINK_RESULTS) if len(text) >= self.MIN_LENGTH else []
        more, found = len(found) > forms.LINK_RESULTS, found[:forms.LINK_RESULTS]
        objects = [chosen, *(obj for obj in found if obj.pk != chosen_pk)] if chosen else found
        # The live region's new content: what was found, then the choices (the region stays).
        required = request.GET.get("link_required") == "1"  # an action's link: "Geen koppeling" is no choice
        choices = RadioSelect(choices=forms.link_options(objects, required)).render(
            "link_id", chosen.pk if chosen else "", attrs={"id": "id_link_id"})
        if model is None:
            status = _("Kies eerst de soort object.")
        elif len(text) < self.MIN_LENGTH:
            status = _("Typ minstens twee letters van de naam.")
        elif more:
            status = _("Meer dan %(count)s gevonden; typ meer van de naam.") % {"count": forms.LINK_RESULTS}
        else:
            status = ngettext("%(count)s gevonden", "%(count)s gevonden", len(found)) % {"count": len(found)}
        return HttpResponse(format_html('<p class="portal-link-status">{}</p>{}', status, choices))
