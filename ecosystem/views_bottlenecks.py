"""The bottleneck and best-practice register: the list (filters, export), a bottleneck's page
with its "we see this too" and status timeline, signal/change forms (also from a helpdesk case
or a contact moment), the share / endorse / status actions and the steering group's overview of
the shared list by theme and solving level. Every queryset comes from the access module; the
rules live in ``services_bottlenecks``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brokers.constants import CaseCategory
from brokers.models import Case
from enterprises.models import ContactMoment
from impactportal import access, audit
from impactportal.accounts.models import Programme
from impactportal.text import as_id
from impactportal.ui import generic
from impactportal.ui.actions import ScopedActionView, role_required

from . import bottleneck_figures as figures
from . import services_bottlenecks as services
from .constants import BottleneckKind, BottleneckTheme, SolvingLevel
from .filters import BottleneckFilter
from .forms_bottlenecks import BottleneckForm, EndorseForm, RespondForm, ShareForm, StatusForm
from .models_bottlenecks import Bottleneck, BottleneckEndorsement, BottleneckStatusChange
from .tables import BottleneckTable

READERS = (access.BROKER, access.COLLEAGUE, access.STEERING)
BOTTLENECKS = Bottleneck.objects.select_related("organisation", "shared_with", "responded_by")


def with_totals(queryset):
    """Each row with the number of organisations that see it (its own + "we see this too") and the
    cases counted by all of them: one grouped join, whatever the page size."""
    return queryset.annotate(
        seen_by=Count("endorsements") + Value(1),
        cases_total=F("affected_cases") + Coalesce(Sum("endorsements__cases"), 0),
        enterprises_total=F("affected_enterprises") + Coalesce(Sum("endorsements__enterprises"), 0),
    )


class BottleneckList(generic.ScopedListView):
    roles = READERS
    queryset = with_totals(BOTTLENECKS)
    filterset_class = BottleneckFilter
    table_class = BottleneckTable
    create_url_name = "ecosystem:bottleneck-create"
    template_name = "ecosystem/bottlenecks/list.html"
    export_title = gettext_lazy("knelpunten")


@login_required
def bottleneck_detail(request, pk):
    user = request.user
    obj = access.get_object_or_404(user, with_totals(BOTTLENECKS.select_related("raised_by", "case",
                                                                                  "contact_moment")), pk=pk)
    endorsements = list(BottleneckEndorsement.objects.for_user(user).filter(bottleneck=obj)
                        .select_related("organisation", "by"))
    timeline = list(BottleneckStatusChange.objects.for_user(user).filter(bottleneck=obj).select_related("by"))
    # Whether the user may share it at all (the access module's answer for "share"): only then do
    # the page's sentences ask them to; others are told who can.
    can_share = access.can(user, "share", obj)
    may_share = can_share and not obj.shared_with_id
    may_endorse = access.can(user, "endorse", obj) and not services.is_closed(obj)
    endorse_orgs = services.endorse_choices(obj, user) if may_endorse else None
    context = {
        "object": obj,
        "endorsements": endorsements,
        "timeline": timeline,
        "signalled_on": services.signalled_on(obj, timeline),
        "can_change": access.can(user, access.CHANGE, obj) and not services.is_closed(obj),
        "may_status": access.can(user, "change_status", obj),
        "can_share": can_share,
        "may_share": may_share,
        "may_endorse": endorse_orgs is not None and endorse_orgs.exists(),
        "own_case": obj.case if obj.case_id and access.can(user, access.VIEW, obj.case) else None,
        "own_contact": (obj.contact_moment if obj.contact_moment_id
                        and access.can(user, access.VIEW, obj.contact_moment) else None),
        "history": audit.history_for(obj),
        "may_respond": access.can(user, "respond", obj) and services.may_be_answered(obj),
    }
    if may_share:
        context["share_form"] = ShareForm(programmes=services.share_choices(obj))
    if context["may_endorse"]:
        context["endorse_form"] = EndorseForm(organisations=endorse_orgs)
    if context["may_status"]:
        # The current status preselected: saving without choosing changes nothing (the service says
        # it has that status already) instead of silently moving it to another step.
        context["status_form"] = StatusForm(initial={"status": obj.status})
    if context["may_respond"]:
        context["respond_form"] = RespondForm(initial={"text": obj.response_text,
                                                       "date": obj.response_date})
    return render(request, "ecosystem/bottlenecks/detail.html", context)


# --- signal and change ------------------------------------------------------------------------

# A helpdesk case's category → the register's theme (a first guess the user can change).
CASE_THEMES = {
    CaseCategory.FINANCING: BottleneckTheme.FINANCING,
    CaseCategory.PROPERTY: BottleneckTheme.REAL_ESTATE,
    CaseCategory.PROCUREMENT: BottleneckTheme.PROCUREMENT,
    CaseCategory.STAFF: BottleneckTheme.LABOUR,
    CaseCategory.IMPACT: BottleneckTheme.DEFINITION,
}


class BottleneckCreate(generic.ScopedCreateView):
    """``?case=<pk>`` or ``?contact=<pk>`` prefills the form from a helpdesk case or a contact
    moment the user may see (its organisation, subject, one case and one enterprise)."""

    model = Bottleneck
    form_class = BottleneckForm
    template_name = "ecosystem/bottlenecks/form.html"

    def source(self):
        if not hasattr(self, "_source"):
            self._source = None
            user = self.request.user
            case_id = as_id(self.request.GET.get("case", ""))
            contact_id = as_id(self.request.GET.get("contact", ""))
            if case_id is not None:
                self._source = Case.objects.for_user(user).select_related("organisation").filter(pk=case_id).first()
            elif contact_id is not None:
                self._source = (ContactMoment.objects.for_user(user).select_related("organisation")
                                .filter(pk=contact_id).first())
        return self._source

    def get_initial(self):
        initial = super().get_initial()
        initial.update(kind=BottleneckKind.BOTTLENECK, level=SolvingLevel.MUNICIPALITY)
        source = self.source()
        if isinstance(source, Case):
            initial.update(case=source.pk, organisation=source.organisation_id, title=source.subject,
                           theme=CASE_THEMES.get(source.category, BottleneckTheme.OTHER), affected_cases=1,
                           affected_enterprises=1 if source.enterprise_id else 0)
        elif isinstance(source, ContactMoment):
            initial.update(contact_moment=source.pk, organisation=source.organisation_id, title=source.subject,
                           affected_enterprises=1)
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["source"] = self.source()
        return context

    def save(self, form):
        return services.bottleneck_create(bottleneck=form.instance, by=self.request.user)

    def get_success_message(self, form):
        if access.can(self.request.user, "share", self.object):
            return _("Vastgelegd. Deel het met de City Deal als andere deelnemers het moeten kunnen zien.")
        return _("Vastgelegd. Een makelaar van %(organisation)s kan het delen met de City Deal als andere "
                 "deelnemers het moeten kunnen zien.") % {"organisation": self.object.organisation}


class BottleneckUpdate(generic.ScopedUpdateView):
    model = Bottleneck
    form_class = BottleneckForm
    template_name = "ecosystem/bottlenecks/form.html"
    success_message = gettext_lazy("De wijzigingen zijn opgeslagen.")

    def get(self, request, *args, **kwargs):
        # A closed one does not change: say so before anything is typed, on its page (which
        # offers the way back: the status form).
        self.object = self.get_object()
        if services.is_closed(self.object):
            messages.warning(request, services.closed_message(self.object))
            return redirect(self.object)
        return self.render_to_response(self.get_context_data())

    def save(self, form):
        return services.bottleneck_update(bottleneck=form.instance, by=self.request.user)


# --- actions ----------------------------------------------------------------------------------


class BottleneckShare(ScopedActionView):
    model = Bottleneck
    action = "share"
    form_class = ShareForm

    def get_form(self):
        return ShareForm(data=self.request.POST, programmes=services.share_choices(self.object))

    def perform(self, obj, data):
        return services.bottleneck_share(bottleneck=obj, programme=data["programme"], by=self.request.user)

    def get_success_message(self, obj, data, result):
        return _("Gedeeld met %(programme)s.") % {"programme": data["programme"]}


class BottleneckEndorse(ScopedActionView):
    model = Bottleneck
    action = "endorse"
    form_class = EndorseForm

    def get_form(self):
        return EndorseForm(data=self.request.POST, organisations=services.endorse_choices(self.object,
                                                                                            self.request.user))

    def form_invalid(self, form):
        # A second "we see this too" by the same organisation is not a valid choice any more: say so.
        org_id = as_id(self.request.POST.get("organisation", ""))
        if org_id and BottleneckEndorsement.objects.filter(bottleneck=self.object, organisation_id=org_id).exists():
            form.errors.pop("organisation", None)
            form.add_error("organisation", _("Deze organisatie heeft al aangegeven dit ook te zien."))
        return super().form_invalid(form)

    def perform(self, obj, data):
        return services.bottleneck_endorse(bottleneck=obj, organisation=data["organisation"], by=self.request.user,
                                           cases=data["cases"], enterprises=data["enterprises"], note=data["note"])

    success_message = gettext_lazy("Genoteerd: uw organisatie ziet dit ook.")


class BottleneckStatusView(ScopedActionView):
    model = Bottleneck
    action = "change_status"
    form_class = StatusForm

    def get_form(self):
        return StatusForm(data=self.request.POST, bottleneck=self.object)

    def perform(self, obj, data):
        return services.bottleneck_change_status(
            bottleneck=obj, by=self.request.user, status=data["status"], date=data["date"], note=data["note"],
            agenda_where=data["agenda_where"], agenda_on=data["agenda_on"], agenda_by=data["agenda_by"])

    def get_success_message(self, obj, data, result):
        return _("Status: %(status)s.") % {"status": result.get_status_display()}


class BottleneckRespond(ScopedActionView):
    """The steering group's response to a bottleneck shared with its programme and on its agenda."""

    model = Bottleneck
    action = "respond"
    form_class = RespondForm
    versioned_fields = ("response_text", "response_date")  # another member answered meanwhile: look again

    def get_form(self):
        return RespondForm(data=self.request.POST, bottleneck=self.object)

    def perform(self, obj, data):
        return services.steering_respond(bottleneck=obj, by=self.request.user, text=data["text"],
                                         date=data["date"])

    success_message = gettext_lazy("De reactie van de stuurgroep is vastgelegd.")


# --- the steering group's overview -----------------------------------------------------------


def _programmes(user):
    """The programmes whose shared list the user may look at."""
    programmes = Programme.objects.order_by("name")
    if user.is_superuser:
        return programmes
    ids = access.programme_ids(user)
    orgs = access.organisation_ids(user, access.BROKER, access.COLLEAGUE)
    return programmes.filter(pk__in=Programme.objects.filter(participants__in=orgs).values("pk")) | \
        programmes.filter(pk__in=ids)


@role_required(*READERS)
def bottleneck_overview(request):
    user = request.user
    programmes = list(_programmes(user).distinct())
    chosen = next((p for p in programmes if p.slug == request.GET.get("programme")), programmes[0] if programmes
                  else None)
    kind = request.GET.get("kind") if request.GET.get("kind") in BottleneckKind.values else ""
    shared = Bottleneck.objects.for_user(user).filter(shared_with=chosen) if chosen else Bottleneck.objects.none()
    if kind:
        shared = shared.filter(kind=kind)
    table = figures.counts_by_theme_and_level(shared)
    counts = figures.counts_by_status_and_theme(shared)
    rows = list(with_totals(shared.select_related("organisation")).order_by("theme", "level", "-created_at"))
    groups = [{"label": label, "rows": [r for r in rows if r.theme == value]}
              for value, label in BottleneckTheme.choices if any(r.theme == value for r in rows)]
    levels = [label for _value, label in SolvingLevel.choices]
    chart = {
        "type": "bar",
        "data": {"labels": [str(row["label"]) for row in table],
                 "datasets": [{"label": str(level), "data": [row["levels"][i] for row in table]}
                              for i, level in enumerate(levels)]},
        # Horizontal bars with the legend below: on a phone the themes' names stand level at the
        # left instead of rotated under the bars, which (with the legend on top) left the bars
        # themselves some 80 px of the chart's height.
        "options": {"indexAxis": "y",
                    "scales": {"x": {"stacked": True, "beginAtZero": True, "ticks": {"precision": 0}},
                               "y": {"stacked": True}},
                    "plugins": {"legend": {"position": "bottom"}}},
    }
    return render(request, "ecosystem/bottlenecks/overview.html", {
        "today": timezone.localdate(),
        "programmes": programmes, "programme": chosen, "kind": kind, "kinds": BottleneckKind.choices,
        "table": table, "levels": levels, "counts": counts, "groups": groups, "chart": chart,
        "level_totals": [sum(row["levels"][i] for row in table) for i in range(len(levels))],
    })
