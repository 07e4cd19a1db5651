"""Match-making screens: the ranked candidates of a contract (the "intake table"), recording a
match-making meeting from a candidate, and the meetings with their follow-ups."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from enterprises.models import Enterprise
from impactportal import access
from impactportal.contributions import STAFF
from impactportal.text import as_id
from impactportal.ui import generic
from impactportal.ui.actions import RoleRequiredMixin
from impactportal.ui.forms import style_widgets

from .. import services_matching
from ..constants import BlockKind
from ..filters.matching import ContractMatchFilter, MatchMeetingFilter, follow_up_due, is_follow_up_due
from ..forms.matching import MatchMeetingCreateForm, MatchMeetingForm
from ..models import Block, Contract, MatchMeeting
from ..tables.matching import MatchMeetingTable

CONTRACTS = Contract.objects.select_related("organisation", "category", "rule_set")
MEETINGS = MatchMeeting.objects.select_related("contract__organisation", "enterprise", "recorded_by")


def _contract_for_matching(request, pk):
    return access.get_object_or_404(request.user, CONTRACTS, "match", pk=pk)


class ContractMatches(RoleRequiredMixin, TemplateView):
    """The ranked candidates with their score and the reason per component, a page at a time,
    narrowed by the filters (``ContractMatchFilter``, applied in SQL before scoring).

    The score is computed in Python (``matching.score_candidate``: certificates valid through the
    contract's end, the best purchase block, the reasons' texts), so it cannot order 100,000 rows
    in the database. Every page therefore ranks the same bounded pool: the ``MAX_LIMIT`` best of
    ``MAX_LIMIT × POOL_FACTOR`` candidates pre-ranked in SQL (``services_matching``), and shows its
    slice of that list. The same pool on every page keeps the pages consistent (no candidate on
    two pages or on none); the list is in memory, so counting it costs no query. The filters
    reach candidates beyond the best ``MAX_LIMIT``."""

    template_name = "procurement/matching/contract_matches.html"
    partial_template_name = "procurement/matching/partials/match_results.html"  # the results htmx swaps in
    paginate_by = 20
    max_matches = services_matching.MAX_LIMIT

    def get_template_names(self):
        if generic.wants_fragment(self.request):
            return [self.partial_template_name]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contract = _contract_for_matching(self.request, kwargs["pk"])
        filterset = ContractMatchFilter(self.request.GET or None, contract=contract)
        valid = not filterset.is_bound or filterset.is_valid()
        style_widgets(filterset.form)  # after validation: a refused value's field is marked invalid
        narrow = filterset.filter_queryset if filterset.is_bound and valid else None
        matches = services_matching.matches_for(contract, user=self.request.user, limit=self.max_matches,
                                                narrow=narrow) if valid else []
        paginator = generic.BoundedPaginator(matches, self.paginate_by)
        page = paginator.get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(contract=contract, matches=page.object_list, page_obj=page, paginator=paginator,
                       filter=filterset, page_query=query.urlencode(), is_capped=len(matches) >= self.max_matches,
                       is_filtered=any(v for k, v in self.request.GET.items() if k != "page"),
                       has_remaining=services_matching.has_remaining(contract),
                       meetings=MEETINGS.filter(contract=contract).order_by("-date", "-id")[:10])
        if not matches and context["has_remaining"]:
            context["has_purchase_block"] = Block.objects.filter(rule_set_id=contract.rule_set_id,
                                                                 kind=BlockKind.PURCHASE).exists()
        return context


class MeetingSaveMixin:
    """Saves through ``services_matching.meeting_save``: its errors appear next to the fields."""

    def save(self, form):
        return services_matching.meeting_save(meeting=form.instance, by=self.request.user)

    def get_success_url(self):
        return reverse("procurement:meeting-detail", args=[self.object.pk])


class MeetingCreate(MeetingSaveMixin, generic.ScopedCreateView):
    """Record a meeting between the contract's supplier and a candidate (``?onderneming=<id>``)."""

    model = MatchMeeting
    form_class = MatchMeetingCreateForm
    template_name = "procurement/matching/meeting_form.html"

    success_message = gettext_lazy("Het matchgesprek is vastgelegd.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.contract = _contract_for_matching(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def chosen_enterprise(self):
        """The candidate the meeting is with: ``?onderneming=`` on the way in, the form's value after."""
        chosen = as_id(str(self.request.POST.get("enterprise") or self.request.GET.get("onderneming") or ""))
        return None if chosen is None else Enterprise.objects.for_user(self.request.user).filter(pk=chosen).first()

    def get_initial(self):
        enterprise = self.chosen_enterprise()
        return {**super().get_initial(), "enterprise": enterprise.pk if enterprise else None,
                "date": timezone.localdate()}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.instance.contract = self.contract
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Without a candidate there is nothing to record: the page sends the user to the matches.
        context.update(contract=self.contract, enterprise=self.chosen_enterprise())
        return context


class MeetingList(generic.ScopedListView):
    roles = STAFF
    queryset = MEETINGS
    filterset_class = MatchMeetingFilter
    table_class = MatchMeetingTable
    template_name = "procurement/matching/meeting_list.html"
    partial_template_name = "procurement/matching/partials/meeting_table.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["due_count"] = self.get_queryset().filter(follow_up_due()).count()
        return context


class MeetingDetail(generic.ScopedDetailView):
    queryset = MEETINGS
    template_name = "procurement/matching/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_due"] = is_follow_up_due(self.object)
        return context


class MeetingUpdate(MeetingSaveMixin, generic.ScopedUpdateView):
    model = MatchMeeting
    form_class = MatchMeetingForm

    success_message = gettext_lazy("Het matchgesprek is bijgewerkt.")
