import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from impactportal import access
from impactportal.filters import BrokerOrganisationsFilter, OrganisationFilter
from impactportal.text import as_id
from impactportal.ui.columns import YES_NO_CHOICE

from .constants import (
    OPEN_STATUSES,
    BudgetLineKind,
    CaseCategory,
    CasePriority,
    CaseStatus,
    ExternalReferralKind,
    InstrumentKind,
    TeamForm,
)
from .models import Answer, BrokerTeam, BudgetLine, Case, ExternalReferral, KnowledgeInstrument, Mandate


class BrokerTeamFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Zoeken"))
    form = django_filters.ChoiceFilter(choices=TeamForm.choices, label=_("Vorm"))
    organisation = OrganisationFilter()
    mine = BrokerOrganisationsFilter()

    class Meta:
        model = BrokerTeam
        fields = ["q", "form", "organisation", "mine"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(network_partner__icontains=value))


class MandateFilter(django_filters.FilterSet):
    team = django_filters.NumberFilter(field_name="team_id", label=_("Team"))
    valid = django_filters.BooleanFilter(method="filter_valid", widget=YES_NO_CHOICE, label=_("Vandaag geldig"))

    class Meta:
        model = Mandate
        fields = ["team", "valid"]

    def filter_valid(self, queryset, name, value):
        """In force today: begun, and not ended (no end date: open-ended)."""
        if value is None:
            return queryset
        today = timezone.localdate()
        valid = Q(valid_from__lte=today) & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        return queryset.filter(valid) if value else queryset.exclude(valid)


class AnswerFilter(django_filters.FilterSet):
    """The toolbox answers (API): by module number, question (id) and organisation (slug)."""

    module = django_filters.NumberFilter(field_name="question__module__number", label=_("Module"))
    question = django_filters.NumberFilter(field_name="question_id", label=_("Vraag (id)"))
    organisation = OrganisationFilter()

    class Meta:
        model = Answer
        fields = ["module", "question", "organisation"]


class BudgetLineFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Jaar"))
    kind = django_filters.ChoiceFilter(choices=BudgetLineKind.choices, label=_("Programmalijn"))
    organisation = OrganisationFilter()

    class Meta:
        model = BudgetLine
        fields = ["year", "kind", "organisation"]


# --- helpdesk and knowledge base ---------------------------------------------------------------

ASSIGNEE_CHOICES = [("me", _("Aan mij")), ("none", _("Niemand"))]


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Zoeken"))
    status = django_filters.ChoiceFilter(choices=[("open", _("Alle open vragen")), *CaseStatus.choices],
                                         method="filter_status", label=_("Status"))
    category = django_filters.ChoiceFilter(choices=CaseCategory.choices, label=_("Onderwerp"))
    priority = django_filters.ChoiceFilter(choices=CasePriority.choices, label=_("Prioriteit"))
    assignee = django_filters.ChoiceFilter(choices=ASSIGNEE_CHOICES, method="filter_assignee",
                                           label=_("Behandelaar"))
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Servicenorm overschreden"),
        widget=YES_NO_CHOICE,
    )
    organisation = OrganisationFilter(label=_("Gemeente"))

    class Meta:
        model = Case
        fields = ["q", "status", "category", "priority", "assignee", "overdue", "organisation"]

    def search(self, queryset, name, value):
        query = Q(subject__icontains=value) | Q(enterprise__name__icontains=value)
        number = as_id(value.lstrip("#"))  # not str.isdigit: "²".isdigit() is True, int("²") fails
        if number is not None:
            query |= Q(pk=number)
        return queryset.filter(query)

    def filter_status(self, queryset, name, value):
        if value == "open":
            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset.filter(status=value)

    def filter_assignee(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assigned_to=self.request.user if self.request else None)
        if value == "none":
            return queryset.filter(assigned_to__isnull=True)
        return queryset

    def filter_overdue(self, queryset, name, value):
        overdue = Case.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class InstrumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Zoeken"))
    kind = django_filters.ChoiceFilter(choices=InstrumentKind.choices, label=_("Soort"))
    region = django_filters.CharFilter(lookup_expr="icontains", label=_("Werkgebied"))
    category = django_filters.ChoiceFilter(choices=CaseCategory.choices, method="filter_category",
                                           label=_("Past bij vraag over"))

    class Meta:
        model = KnowledgeInstrument
        fields = ["q", "kind", "region", "category"]

    def filter_category(self, queryset, name, value):
        from .helpdesk.knowledge import SUGGESTED_KINDS

        return queryset.filter(kind__in=SUGGESTED_KINDS.get(value, []))

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value)
                               | Q(name_en__icontains=value) | Q(description_en__icontains=value)
                               | Q(provider__icontains=value))


class ExternalReferralFilter(django_filters.FilterSet):
    """Referrals beyond the town hall; ``?mine=true&due=true`` is the broker's follow-up tile."""

    kind = django_filters.ChoiceFilter(choices=ExternalReferralKind.choices, label=_("Doorverwezen naar"))
    open = django_filters.BooleanFilter(method="filter_open", label=_("Vervolgactie open"), widget=YES_NO_CHOICE)
    due = django_filters.BooleanFilter(method="filter_due", label=_("Vervolgactie nu aan de beurt"), widget=YES_NO_CHOICE)
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("Door mij doorverwezen"), widget=YES_NO_CHOICE)
    organisation = OrganisationFilter(field_name="case__organisation", label=_("Gemeente"))

    class Meta:
        model = ExternalReferral
        fields = ["kind", "open", "due", "mine", "organisation"]

    def filter_open(self, queryset, name, value):
        return queryset.filter(follow_up_done=not value)

    def filter_due(self, queryset, name, value):
        due = queryset.due().values("pk")
        return queryset.filter(pk__in=due) if value else queryset.exclude(pk__in=due)

    def filter_mine(self, queryset, name, value):
        user = self.request.user if self.request else None
        if not getattr(user, "is_authenticated", False):
            return queryset.none() if value else queryset
        return queryset.filter(referred_by=user) if value else queryset.exclude(referred_by=user)


# --- workspace: spending and the action agenda (issue 13) --------------------------------------

from .constants import ActionStatus, SpendingKind  # noqa: E402
from .models import Action, ActionProgramme, Spending  # noqa: E402
from .models.bounds import PROGRAMME_FIRST_YEAR, latest_programme_year  # noqa: E402
from .workspace.modules import module_choices  # noqa: E402


class SpendingFilter(django_filters.FilterSet):
    # The years a spending may have (``models.bounds``, as its budget line's); 2100 was offered.
    year = django_filters.NumberFilter(field_name="date__year", label=_("Jaar"), min_value=PROGRAMME_FIRST_YEAR,
                                       max_value=latest_programme_year)
    kind = django_filters.ChoiceFilter(choices=SpendingKind.choices, label=_("Soort"))
    paying_programme = django_filters.ChoiceFilter(choices=BudgetLineKind.choices, label=_("Betalend programma"))
    budget_line = django_filters.NumberFilter(field_name="budget_line_id", label=_("Begrotingsregel"))
    organisation = OrganisationFilter()

    class Meta:
        model = Spending
        fields = ["year", "kind", "paying_programme", "budget_line", "organisation"]


class ActionProgrammeFilter(django_filters.FilterSet):
    organisation = OrganisationFilter()

    class Meta:
        model = ActionProgramme
        fields = ["organisation"]


class ProgrammeChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name_with_years  # "Vervolg Actieprogramma (2025–2028)"


class ProgrammeFilter(django_filters.ModelChoiceFilter):
    field_class = ProgrammeChoiceField


def _visible_programmes(request):
    user = getattr(request, "user", None)
    if user is None:  # the API schema describes the filter without a request
        return ActionProgramme.objects.none()
    return access.scope(user, ActionProgramme).order_by("-first_year", "title")


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Zoeken"))
    status = django_filters.ChoiceFilter(choices=[("open", _("Alle open acties")), *ActionStatus.choices],
                                         method="filter_status", label=_("Status"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Te laat"), widget=YES_NO_CHOICE)
    # Django's TypedChoiceField adds no empty choice (django-filter's ChoiceField does): the list
    # opened showing module 1 as if chosen, and "Filteren" with another filter narrowed to it.
    module = django_filters.TypedChoiceFilter(field_name="module_number", choices=lambda: [
        ("", _("Alle")), *module_choices()], coerce=int, empty_value=None, label=_("Toolboxmodule"))
    # A choice of the user's programmes by name, not a number: as a key filter (``line__programme_id``)
    # it was a hidden field, so the list could not be narrowed to one programme. ``?programme=<id>``
    # as before (links, the API).
    programme = ProgrammeFilter(field_name="line__programme", label=_("Actieprogramma"),
                                queryset=_visible_programmes)
    organisation = OrganisationFilter(field_name="line__programme__organisation")
    mine = BrokerOrganisationsFilter("line__programme__organisation")

    class Meta:
        model = Action
        fields = ["q", "status", "overdue", "module", "programme", "organisation", "mine"]

    def filter_status(self, queryset, name, value):
        return queryset.open() if value == "open" else queryset.filter(status=value)

    def filter_overdue(self, queryset, name, value):
        overdue = Action.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)
