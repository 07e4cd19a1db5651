from django.db.models import Count, Sum
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal import access
from impactportal.ui import generic

from .filters import BrokerTeamFilter, BudgetLineFilter
from .forms import BrokerTeamForm, BudgetLineForm
from .models import BrokerTeam, BudgetLine
from .tables import BrokerTeamTable, BudgetLineTable
from .workspace.services import ZERO, budget_line_save

# Who may open the lists: the roles of the models' view grants, so a role without them (a network
# partner) gets the 403 page instead of an empty list. Keep apps.py's menu entries the same.
TEAM_ROLES = (access.BROKER, access.COLLEAGUE)  # teams, the action agenda (colleagues read)
BUDGET_ROLES = (access.BROKER,)  # budget lines and spending


class TeamList(generic.ScopedListView):
    roles = TEAM_ROLES
    queryset = BrokerTeam.objects.select_related("organisation")
    filterset_class = BrokerTeamFilter
    table_class = BrokerTeamTable
    create_url_name = "brokers:team-create"


class TeamDetail(generic.ScopedDetailView):
    queryset = BrokerTeam.objects.select_related("organisation").prefetch_related("mandates")
    template_name = "brokers/team_detail.html"

    def get_context_data(self, **kwargs):
        from .models import TeamMember, TeamPartner
        from .workspace import team

        context = super().get_context_data(**kwargs)
        user = self.request.user
        members = list(TeamMember.objects.for_user(user).filter(team=self.object).select_related("user"))
        partners = list(TeamPartner.objects.for_user(user).filter(team=self.object).select_related("party"))
        # The remove links (member-delete, partner-delete) for whoever may delete each row.
        access.mark_can(members, user, access.DELETE, "can_delete")
        access.mark_can(partners, user, access.DELETE, "can_delete")
        present, missing = team.qualities(self.object, members)
        # Mandates there are, none of them valid today (expired, or not yet started): the page says so.
        today = timezone.localdate()
        mandates = list(self.object.mandates.all())
        for mandate in mandates:
            mandate.state = mandate.state_on(today)
        context.update({"members": members, "partners": partners, "present_qualities": present,
                        "missing_qualities": missing, "mandates": mandates,
                        "no_valid_mandate": bool(mandates) and all(m.state != "valid" for m in mandates)})
        return context


class TeamCreate(generic.ScopedCreateView):
    model = BrokerTeam
    form_class = BrokerTeamForm
    success_message = _("Team %(object)s is aangemaakt.")


class TeamUpdate(generic.ScopedUpdateView):
    model = BrokerTeam
    form_class = BrokerTeamForm
    success_message = _("Team %(object)s is bijgewerkt.")


class TeamDelete(generic.ScopedDeleteView):
    """Deleting a team deletes its members, partners and mandates with it (``on_delete=CASCADE``):
    they are the team's and mean nothing without it, and a municipality that ends a team (or
    merges it into another) expects one step, not removing each person first. So the page says
    what goes with it, with counts, before the broker confirms; it deleted them without a word."""

    model = BrokerTeam
    success_url = reverse_lazy("brokers:team-list")
    template_name = "brokers/team_confirm_delete.html"

    def get_context_data(self, **kwargs):
        # Counted without the user's scope: the delete takes every row, seen or not.
        counts = BrokerTeam.objects.filter(pk=self.object.pk).aggregate(
            members=Count("members", distinct=True), partners=Count("partners", distinct=True),
            mandates=Count("mandates", distinct=True))
        return super().get_context_data(**kwargs) | {"counts": counts}


class BudgetList(generic.ScopedListView):
    roles = BUDGET_ROLES
    queryset = BudgetLine.objects.select_related("organisation", "programme")
    filterset_class = BudgetLineFilter
    table_class = BudgetLineTable
    create_url_name = "brokers:budget-create"


class BudgetDetail(generic.ScopedDetailView):
    queryset = BudgetLine.objects.select_related("organisation", "programme")
    fields = ["organisation", "programme", "year", "kind", "description", "amount"]
    template_name = "brokers/budget_detail.html"

    def get_context_data(self, **kwargs):
        """What is spent or committed on the line and what remains (one query), and the way to that
        spending: the page showed the line's own fields only."""
        from .models import Spending

        context = super().get_context_data(**kwargs)
        spent = Spending.objects.for_user(self.request.user).filter(budget_line=self.object) \
            .aggregate(total=Sum("amount"))["total"] or ZERO
        return context | {"spent": spent, "remaining": self.object.amount - spent,
                          "spending_url": f"{reverse('brokers:spending-list')}?budget_line={self.object.pk}"}


class BudgetCreate(generic.ScopedCreateView):
    model = BudgetLine
    form_class = BudgetLineForm
    success_message = _("Begrotingsregel %(object)s is opgeslagen.")


class BudgetUpdate(generic.ScopedUpdateView):
    model = BudgetLine
    form_class = BudgetLineForm
    success_message = _("Begrotingsregel %(object)s is bijgewerkt.")

    def save(self, form):
        """Stored by ``services.budget_line_save``: checked again on the locked line."""
        return budget_line_save(line=form.instance)


class BudgetDelete(generic.ScopedDeleteView):
    model = BudgetLine
    success_url = reverse_lazy("brokers:budget-list")
