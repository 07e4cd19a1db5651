"""Pages of monitoring: the indicator dashboard (Chart.js time series with baseline and target,
the same numbers as the API), reports (request, live progress, PDF, review and decision, new
version, publication), the steering group, and the public pages of published reports."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_http_methods

from enterprises.models import Enterprise
from enterprises.search_field import EnterpriseSearchField, impact_statement_enterprises
from impactportal import access
from impactportal.accounts.models import Organisation, Programme
from impactportal.indicators import Basis, Level, Unit
from impactportal.jobs import job_live
from impactportal.ui import generic, once
from impactportal.ui.actions import role_required
from impactportal.ui.forms import PortalModelForm, name_the_blank_choice, required_when, style_widgets
from impactportal.uploads import serve_private_file

from . import registry, reports, services, views_texts
from .apps import READERS
from .constants import Outcome, ReportKind, ReportStatus, Section, SnapshotKind, UnderspendRule
from .models import (
    MEMBER_COUNT_MIN,
    Contribution,
    Meeting,
    ProgrammeTheme,
    ReportRequest,
    Review,
    SnapshotValue,
    Spending,
    SteeringGroup,
    Target,
)

REPORTS = ReportRequest.objects.select_related("organisation", "programme", "enterprise", "snapshot", "job",
                                               "approved_by", "requested_by")


# --- dashboard --------------------------------------------------------------------------------


def _scopes(user):
    """Organisations and programmes whose values the user may see (for the chooser). A steering
    member may see every participant of their programme's values (``VALUE_READERS``: steering via
    ``organisation__programmes``), measured or not: the chooser offered only the few with a
    measurement beside a dashboard counting all participants. One without a measurement says so."""
    visible = SnapshotValue.objects.for_user(user)
    participants = Q(programmes__in=access.programme_ids(user)) if access.has_role(user, access.STEERING) else Q(pk=None)
    organisations = Organisation.objects.filter(Q(pk__in=visible.filter(level=Level.ORGANISATION)
                                                  .values("organisation")) | participants).distinct().order_by("name")
    programmes = Programme.objects.filter(pk__in=visible.filter(level=Level.PROGRAMME).values("programme"))
    return list(organisations), list(programmes.order_by("name"))


def dashboard_data(user, level, owner, year: int | None = None) -> dict:
    """Per indicator: the monthly series, the baseline and this year's target (what the page draws
    and what ``/api/v1/monitoring/snapshots/`` returns for the same snapshots)."""
    values = (SnapshotValue.objects.for_user(user).filter(level=level, **{level: owner})
              .select_related("snapshot").order_by("snapshot__period_end"))
    # Values computed from rows of a department the user may not read (supplier payments, inkoop's):
    # the row says so instead of the figures (``registry.withheld``).
    withheld, held_back = registry.withheld(user, level, owner.pk), set()
    series, baseline, baseline_snapshot = defaultdict(list), {}, None
    for row in values:
        if row.code in withheld:
            held_back.add(row.code)
        elif row.snapshot.kind == SnapshotKind.BASELINE:
            baseline[row.code] = row.value
            baseline_snapshot = row.snapshot
        elif row.snapshot.kind != SnapshotKind.MONTHLY:
            continue  # a report's measurement of the year so far is no point of the monthly series
        else:
            series[row.code].append((row.snapshot.label, row.value))
    latest_label = max((points[-1][0] for points in series.values() if points), default=None)
    year = year or (int(latest_label[:4]) if latest_label else None)
    targets = dict(Target.objects.for_user(user).filter(**{level: owner}, year=year).values_list("code", "value")) \
        if year else {}
    rows = []
    for ind in registry.indicators():
        points = series.get(ind.code, [])
        if ind.code in held_back:
            rows.append(_withheld_row(ind, reports.figure(targets.get(ind.code), ind.unit)))
            continue
        if not points and ind.code not in baseline:
            continue
        # "Laatste meting" is the value in the latest month the page names, for every row alike: an
        # indicator's own last point may be months older, and a share next to the amounts it is
        # derived from must come from the same month.
        latest = dict(points).get(latest_label)
        rows.append({"code": ind.code, "name": ind.name, "unit": Unit(ind.unit).label, "basis": Basis(ind.basis).label,
                     "source": reports.source_label(ind.source), "definition": ind.definition,
                     # Money as the portal writes amounts ("€ 150.000,00"), a share with "%".
                     "latest": reports.figure(latest, ind.unit),
                     "baseline": reports.figure(baseline.get(ind.code), ind.unit),
                     "target": reports.figure(targets.get(ind.code), ind.unit),
                     # One monthly measurement is no line: the page says it in a sentence.
                     "single": {"month": reports.month_label(points[0][0]),
                                "value": reports.figure(points[0][1], ind.unit)} if len(points) == 1 else None,
                     # The unit decides the axis: whole numbers for a count, euros for money. The
                     # line between months is monotone: a smoothed (bezier) line dipped below 8
                     # between two months that both measured 8, a value nobody measured.
                     # The chart's points as text, for the table under the chart (the canvas is an image).
                     "series": [(reports.month_label(label), reports.figure(v, ind.unit)) for label, v in points],
                     "chart": {"unit": ind.unit, "interpolation": "monotone",
                               "labels": [reports.month_label(label, short=True) for label, _v in points],
                               "values": [float(v) for _l, v in points],
                               "baseline": float(baseline[ind.code]) if ind.code in baseline else None,
                               "target": float(targets[ind.code]) if ind.code in targets else None,
                               "names": {"baseline": pgettext("monitoring chart line", "nulmeting"),
                                         "target": pgettext("monitoring chart line", "doel")}}})
    return {"rows": rows, "latest": latest_label, "latest_label": reports.month_label(latest_label) if latest_label
            else None, "year": year,
            # The baseline's date, for the sentence on what its stocks can tell (the register as it stood then).
            "baseline_date": timezone.localtime(baseline_snapshot.period_end).date() if baseline_snapshot else None}


def _withheld_row(ind, target: str) -> dict:
    """An indicator whose values are not for the user's department: named, defined and its target,
    without a figure or a chart."""
    text = reports.withheld_text()
    return {"code": ind.code, "name": ind.name, "unit": Unit(ind.unit).label, "basis": Basis(ind.basis).label,
            "source": reports.source_label(ind.source), "definition": ind.definition, "withheld": True,
            "latest": text, "baseline": text, "target": target, "chart": None}


@role_required(*READERS)
def dashboard(request):
    organisations, programmes = _scopes(request.user)
    # An asked-for organisation or programme the user may not see (or that does not exist) is said
    # so above the default view: it silently showed the programme instead.
    unavailable = None
    slug, kind = request.GET.get("programme"), Level.PROGRAMME
    owner = next((p for p in programmes if p.slug == slug), None) if slug else None
    if slug and owner is None:
        unavailable = _("Het programma '%(slug)s' kunt u hier niet bekijken; u ziet hieronder een ander.") % {
            "slug": slug}
    if owner is None:
        slug, kind = request.GET.get("organisation"), Level.ORGANISATION
        owner = next((o for o in organisations if o.slug == slug), None) if slug else None
        if slug and owner is None:
            unavailable = _("De organisatie '%(slug)s' kunt u hier niet bekijken: alleen de organisaties in de "
                            "keuzelijst. U ziet hieronder een ander overzicht.") % {"slug": slug}
    if owner is None:
        own = access.organisation_ids(request.user, access.BROKER, access.COLLEAGUE)
        owner = next((o for o in organisations if o.pk in own), None) or (programmes[0] if programmes else None) \
            or (organisations[0] if organisations else None)
        kind = Level.PROGRAMME if isinstance(owner, Programme) else Level.ORGANISATION
    data = dashboard_data(request.user, kind, owner) if owner else {"rows": [], "latest": None}
    # The series as text (month, value; the target if there is one): the same points as the JSON.
    # The indicators with a target first (the steering group's questions), then the others in the
    # table's order, as the report's PDF draws them: the first twelve of the registry were charted,
    # four theme counts that never moved among them, the helpdesk's target not.
    shown = [row for row in data["rows"] if not row.get("withheld")]
    chosen = sorted(shown, key=lambda row: not (row["chart"] and row["chart"]["target"] is not None))[:CHART_LIMIT]
    charts = []
    for i, row in enumerate(chosen):
        charts.append({"id": f"chart-{i}", "name": row["name"], "data": row["chart"], "single": row["single"],
                       "series": row.get("series") or [],
                       "target": row["target"] if row["chart"] and row["chart"]["target"] is not None else None})
        row["chart_id"] = charts[-1]["id"]  # on a phone the charts come after every row: the row links there
    return render(request, "monitoring/dashboard.html", {
        "organisations": organisations, "programmes": programmes, "owner": owner, "level": kind, **data,
        "charts": charts, "charts_left_out": len(shown) - len(charts), "unavailable": unavailable})


# --- reports ----------------------------------------------------------------------------------


SCOPES = ("organisation", "programme", "enterprise")
CHART_LIMIT = 12  # charts on the dashboard (the report's PDF: ``reports.CHART_LIMIT``)


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Soort rapport"), choices=ReportKind.choices)
    organisation = forms.ModelChoiceField(label=gettext_lazy("Organisatie"), queryset=Organisation.objects.none(),
                                          required=False)
    programme = forms.ModelChoiceField(label=gettext_lazy("Programma"), queryset=Programme.objects.none(),
                                       required=False, to_field_name="slug")
    enterprise = forms.ModelChoiceField(label=gettext_lazy("Onderneming (impactverklaring)"),
                                        queryset=Enterprise.objects.none(), required=False)
    # A year, nothing else: no ``max_length`` (its HTML maxlength made the browser cut "2025-13"
    # to "2025", which then opened that year's report without a word), and ASCII digits only.
    period = forms.RegexField(label=gettext_lazy("Jaar"), regex=r"^[0-9]{4}$", strip=True,
                              help_text=gettext_lazy("Een jaar in vier cijfers, bijvoorbeeld 2025. Een rapport "
                                                     "beschrijft een heel jaar, geen maand of kwartaal."),
                              error_messages={"invalid": gettext_lazy(
                                  "Dit is geen jaar. Geef een jaar op in vier cijfers, bijvoorbeeld 2025; een maand "
                                  "(2025-11) of kwartaal (2025-Q4) kan niet.")})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = access.owner_choices(user, ReportRequest).order_by("name")
        self.fields["organisation"].to_field_name = "slug"
        self.fields["programme"].queryset = access.owner_choices(user, ReportRequest, path="programme").order_by("name")
        self.fields["enterprise"].queryset = impact_statement_enterprises(user)
        self._offer_what_the_user_may_request()
        if "enterprise" in self.fields:
            # A search box: the drop-down listed every enterprise of the municipality (of the country,
            # for a national administrator).
            self.user = user
            EnterpriseSearchField.install(self, "enterprise", purpose="impact-statement",
                                          queryset=self.fields["enterprise"].queryset)
        self._say_which_list_is_needed()  # after the search field replaced the enterprise list
        for field in self.fields.values():
            name_the_blank_choice(field)  # after the lists became required or not
        style_widgets(self)

    def _offer_what_the_user_may_request(self):
        """Only the kinds, and the scope lists, the user can ask for: an entrepreneur saw an annual
        report, a programme report and an evaluation beside empty organisation and programme
        lists, which could only fail with "Kies een organisatie, een programma of een
        onderneming." A list without choices is left out, and so is every kind it would need."""
        has = {name: self.fields[name].queryset.exists() for name in ("organisation", "programme", "enterprise")}
        needs = {ReportKind.ANNUAL: ("organisation", "programme"), ReportKind.EVALUATION: ("organisation", "programme"),
                 ReportKind.PROGRAMME: ("programme",), ReportKind.IMPACT_STATEMENT: ("enterprise",)}
        self.fields["kind"].choices = [(kind, label) for kind, label in ReportKind.choices
                                       if any(has[name] for name in needs[kind])]
        for name, available in has.items():
            if not available:
                del self.fields[name]
        # One list left (a steering member: only their programmes): it is the choice, so required
        # and not "(optioneel)". Leaving it empty gave "Kies een organisatie, een programma of een
        # onderneming." next to no such fields.
        scopes = [name for name in SCOPES if name in self.fields]
        if len(scopes) == 1:
            field = self.fields[scopes[0]]
            field.required = True
            field.error_messages["required"] = {"organisation": _("Kies een organisatie."),
                                                "programme": _("Kies een programma."),
                                                "enterprise": _("Kies een onderneming.")}[scopes[0]]
        # A list of one is preselected (a broker's own organisation, a steering member's programme,
        # an entrepreneur's enterprise) where it is the only list of its kind of report: beside a
        # programme list a preselected organisation would be sent with a programme report too.
        owners = [name for name in ("organisation", "programme") if name in self.fields]
        for name in scopes:
            if name == "enterprise" and len(scopes) > 1 or name in owners and len(owners) > 1:
                continue
            options = list(self.fields[name].queryset[:2])
            if len(options) == 1:
                self.fields[name].initial = options[0]

    def _say_which_list_is_needed(self):
        """Several lists (a broker: their organisation, and the enterprises of an impact
        statement): which one is needed depends on the kind. The labels say so before sending
        ("verplicht, behalve bij een impactverklaring", "alleen bij een impactverklaring"),
        instead of "(optioneel)" beside each and an error about all three after."""
        scopes = [name for name in SCOPES if name in self.fields]
        if len(scopes) < 2:
            return
        both = "organisation" in self.fields and "programme" in self.fields
        conditions = {
            "organisation": gettext_lazy("of een programma; niet bij een impactverklaring") if both
            else gettext_lazy("verplicht, behalve bij een impactverklaring"),
            "programme": gettext_lazy("of een organisatie; niet bij een impactverklaring") if both
            else gettext_lazy("verplicht, behalve bij een impactverklaring"),
            "enterprise": gettext_lazy("alleen bij een impactverklaring")}
        for name in scopes:
            required_when(self.fields[name], conditions[name])
        if "enterprise" in self.fields:  # its condition names the kind already
            self.fields["enterprise"].label = gettext_lazy("Onderneming")

    def clean_period(self):
        """A year with a measurement of its own (the service checks it again)."""
        period = self.cleaned_data["period"]
        try:
            services.check_period(period)
        except ValidationError as error:
            raise ValidationError(error.message_dict["period"]) from error
        return period

    def clean(self):
        """The kind decides the list: an impact statement an enterprise (a preselected organisation
        is left aside), another report an organisation or a programme. A missing or extra choice
        is said on its field."""
        data = super().clean()
        kind = data.get("kind")
        scopes = [name for name in SCOPES if name in self.fields]
        if not kind or any(name in self.errors for name in scopes):
            return data
        if kind == ReportKind.IMPACT_STATEMENT:
            for name in ("organisation", "programme"):
                data[name] = None
            if not data.get("enterprise"):
                self.add_error("enterprise", _("Kies de onderneming van de impactverklaring."))
            return data
        if data.get("enterprise"):
            self.add_error("enterprise", _("Een onderneming hoort alleen bij een impactverklaring. Kies die soort, "
                                           "of laat de onderneming leeg."))
        owners = [name for name in ("organisation", "programme") if name in self.fields]
        given = [name for name in owners if data.get(name)]
        if kind == ReportKind.PROGRAMME:
            if not data.get("programme") and "programme" in self.fields:
                self.add_error("programme", _("Een programmarapportage hoort bij een programma."))
            elif data.get("organisation"):
                self.add_error("organisation", _("Een programmarapportage hoort bij een programma: laat de "
                                                 "organisatie leeg."))
        elif not given and owners:
            self.add_error(owners[0], _("Kies een organisatie of een programma.") if len(owners) == 2
                           else _("Kies een organisatie."))
        elif len(given) == 2:
            self.add_error("programme", _("Kies een organisatie of een programma, niet allebei."))
        return data


def _may_request(user) -> bool:
    return (access.may_own(user, ReportRequest)
            or access.may_own(user, ReportRequest, path="programme")
            or impact_statement_enterprises(user).exists())


@role_required(*READERS, access.ENTREPRENEUR)
def report_list(request):
    reports_ = list(REPORTS.for_user(request.user)[:200])
    return render(request, "monitoring/report_list.html", {"reports": reports_, "may_request": _may_request(request.user)})


@role_required(access.BROKER, access.STEERING, access.ENTREPRENEUR)
@require_http_methods(["GET", "POST"])
@once.once  # Back and "Rapport aanvragen" again: the report asked for, not a second request
def report_create(request):
    if not _may_request(request.user):
        raise access.RoleRequired(_("U kunt geen rapporten aanvragen."))
    form = once.with_token(request, ReportRequestForm(request.POST or None, user=request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report, created = services.report_request(user=request.user, kind=data["kind"], period=data["period"],
                                                      organisation=data.get("organisation"),
                                                      programme=data.get("programme"),
                                                      enterprise=data.get("enterprise"))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            report.refresh_from_db(fields=["status"])  # made already when the task ran at once
            if not created:
                messages.success(request, _("Dit rapport bestond al voor deze meting; u ziet het bestaande."))
            elif report.version > 1:
                # The period had versions from an earlier measurement: this is the next one.
                messages.success(request, _("Er was al een rapport over %(year)s uit een eerdere meting. Dit is "
                                            "versie %(version)s, uit de meting van %(month)s; de eerdere versies "
                                            "blijven bewaard.") % {
                    "year": report.period, "version": report.version,
                    "month": reports.month_label(report.snapshot.label)})
            else:
                messages.success(request, _("Het rapport is klaar.") if report.status == ReportStatus.DONE
                                 else _("Het rapport wordt gemaakt."))
            return redirect(report.get_absolute_url())
    return render(request, "monitoring/report_form.html", {"form": form}, status=400 if form.errors else 200)


class CommentForm(forms.Form):
    section = forms.ChoiceField(label=gettext_lazy("Onderdeel"), choices=Section.choices)
    body = forms.CharField(label=gettext_lazy("Opmerking"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, sections=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sections is not None:  # the report's own (``reports.sections``): an impact statement has no charts
            self.fields["section"].choices = sections
        style_widgets(self)


class DecisionForm(forms.Form):
    # An empty first choice: a select that opened on "Vastgesteld" recorded an approval when the
    # chair sent it without choosing.
    outcome = forms.ChoiceField(label=gettext_lazy("Besluit"),
                                choices=[("", gettext_lazy("— kies een besluit —")), *Outcome.choices],
                                error_messages={"required": gettext_lazy("Kies een besluit.")})
    # The steering group's votes: together at most its members (the size recorded on the group,
    # members without a portal account included, or else its accounts listed on the steering
    # page: ``services.steering_size``); impossible numbers are field errors (``services.vote_errors``).
    votes_for = forms.IntegerField(
        label=gettext_lazy("Stemmen voor"), min_value=0, max_value=services.VOTES_MAX, required=False,
        error_messages=services.VOTE_FIELD_ERRORS,
        help_text=gettext_lazy("Alleen als er is gestemd. Tel alle stemmende leden, ook wie geen account in het "
                               "portaal heeft. Voor, tegen en onthoudingen samen zijn niet meer dan het aantal "
                               "leden van de stuurgroep (vastgelegd bij de stuurgroep; anders de leden met een "
                               "account)."))
    votes_against = forms.IntegerField(label=gettext_lazy("Stemmen tegen"), min_value=0, max_value=services.VOTES_MAX,
                                       required=False, error_messages=services.VOTE_FIELD_ERRORS)
    votes_abstain = forms.IntegerField(label=gettext_lazy("Onthoudingen"), min_value=0, max_value=services.VOTES_MAX,
                                       required=False, error_messages=services.VOTE_FIELD_ERRORS)
    # Required when changes are asked for (the service checks it too): which changes, or the
    # report page showed "Besluit: Wijzigingen gevraagd: —" and nobody knew what to change.
    note = required_when(
        forms.CharField(label=gettext_lazy("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})),
        gettext_lazy("verplicht bij wijzigingen gevraagd"))

    def __init__(self, *args, members=None, report=None, **kwargs):
        # ``members``: the deciding steering group's size (``services.steering_size``; None: no
        # group). The service counts again when it records the decision. ``report``: the report
        # decided; one without a programme (an organisation's or an enterprise's) is decided by
        # its brokers, not by a steering group's vote: no vote fields, no word of a steering group.
        self.members = members
        self.report = report
        super().__init__(*args, **kwargs)
        if report is not None and not report.programme_id:
            for name in services.VOTE_FIELDS:
                del self.fields[name]
            self.fields["note"].help_text = _("Wat er aan het rapport moet veranderen, of waarom u het vaststelt.")
        style_widgets(self)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Outcome.CHANGES_REQUESTED and not (data.get("note") or "").strip():
            self.add_error("note", services.changes_need_a_note(self.report))
        if "votes_for" not in self.fields:
            return data
        # The service's vote check, here too: it shows with the other fields' errors, not a round
        # later. A field that refused its input is left out: with another one refused, only votes
        # for and against that both fields accepted are compared.
        rejected = [name for name in services.VOTE_FIELDS if name in self.errors]
        votes = {name: data.get(name) for name in services.VOTE_FIELDS if name not in rejected}
        if data.get("outcome") and rejected:
            votes = {"votes_for": votes.get("votes_for"), "votes_against": votes.get("votes_against")}
            votes = votes if None not in votes.values() else {}
        if data.get("outcome") and votes:
            for name, message in services.vote_errors(outcome=data["outcome"], members=self.members,
                                                      **votes).items():
                if name not in rejected:
                    self.add_error(name, message)
        return data


def _report_post(request, report):
    """The actions of the report page: comment, decide, new version, publish."""
    op = request.POST.get("op")
    sections = reports.sections(report)
    forms_ = {"comment": CommentForm(sections=sections), "decision": DecisionForm(report=report)}
    try:
        if op == "comment":
            form = forms_["comment"] = CommentForm(request.POST, sections=sections)
            if form.is_valid():
                services.review_comment(report=report, by=request.user, **form.cleaned_data)
                messages.success(request, _("Uw opmerking is toegevoegd."))
                return None, forms_
        elif op == "decide":
            form = forms_["decision"] = DecisionForm(request.POST, members=services.steering_size(report), report=report)
            if form.is_valid():
                services.review_decide(report=report, by=request.user, **form.cleaned_data)
                messages.success(request, _("Het besluit is vastgelegd."))
                return None, forms_
        elif op == "new_version":
            new = services.report_new_version(report=report, by=request.user)
            new.refresh_from_db(fields=["status"])
            messages.success(request, _("De nieuwe versie is klaar.") if new.status == ReportStatus.DONE
                             else _("Een nieuwe versie wordt gemaakt."))
            return new, forms_
        elif op == "publish":
            published = services.report_publish(report=report, by=request.user)
            messages.success(request, _("Het rapport is gepubliceerd. Het openbare adres is %(url)s") % {
                "url": request.build_absolute_uri(published.public_url())})
            return None, forms_
        else:
            return HttpResponse(status=400), forms_
    except ValidationError as error:
        if op in ("comment", "decide"):  # a bound form: the service's refusal beside its fields
            forms_["decision" if op == "decide" else "comment"].add_error(None, error)
        else:
            # Publishing or a new version refused (a stale tab publishing v1 after v2 was approved):
            # no form to hang it on (the unbound comment form had no ``cleaned_data``: a 500). The
            # page says why, with status 400, and nothing changed.
            forms_["action_errors"] = error.messages
    except PermissionDenied:
        raise
    return HttpResponse(status=400), forms_


@role_required(*READERS, access.ENTREPRENEUR)
def report_detail(request, pk):
    report = access.get_object_or_404(request.user, REPORTS, access.VIEW, pk=pk)
    forms_ = {"comment": CommentForm(sections=reports.sections(report)), "decision": DecisionForm(report=report)}
    status = 200
    if request.method == "POST":
        result, forms_ = _report_post(request, report)
        if isinstance(result, ReportRequest):
            return redirect(result.get_absolute_url())
        if result is None:
            return redirect(report.get_absolute_url())
        status = 400
        report.refresh_from_db()
    # A version followed by another is settled: comments and the decision go to the newest, and
    # an approved version is not published once a later one is approved (``services``).
    later = services.later_version(report)
    if report.job_id:
        job_live(report.job)  # how far its task is, as the task last said (its row may trail)
    context = {"report": report, "progress": services.progress_of(report), "later_version": later,
               "reviews": Review.objects.for_user(request.user).filter(report=report).select_related("author"),
               "history": ReportRequest.objects.for_user(request.user).filter(
                   kind=report.kind, scope_key=report.scope_key, period=report.period).order_by("-version"),
               "can_comment": access.can(request.user, "comment", report) and not report.is_approved
               and later is None,
               # Every member of the steering group holds the grant; the chair records the decision.
               "can_decide": access.can(request.user, "decide", report) and not report.is_approved
               and report.status == ReportStatus.DONE and later is None and services.is_chair(request.user, report),
               "can_change": access.can(request.user, access.CHANGE, report),
               "can_publish": access.can(request.user, "publish", report) and report.is_approved
               and not report.published_at and (later is None or services.later_approved(report) is None),
               "can_download": access.can(request.user, "download", report),
               "withheld": reports.withheld_in_draft(request.user, report),
               "action_errors": forms_.pop("action_errors", []),
               **{f"{k}_form": v for k, v in forms_.items()}}
    # A version followed by another that is not merely the draft of an update of this approved one.
    context["superseded"] = later is not None and not (report.is_approved and not later.is_approved)
    # The keepers' text of each section beside its comments; the edit page while the version is a draft.
    context["text_rows"] = views_texts.section_rows(request.user, report, reviews=context["reviews"])
    context["can_edit_texts"] = context["can_change"] and services.texts_editable(report)
    context["texts_written"] = any(row["text"] for row in context["text_rows"])
    # Deciding on a year that is not over: the figures are those of the months so far (said above the form).
    context["year_running"] = int(report.period) >= timezone.localdate().year
    context["snapshot_month"] = reports.month_label(report.snapshot.label)
    context["next_step"] = _next_step(report, context)
    context["status_text"] = _status_text(report, context["can_download"])
    # A draft holding figures not for the user's department: they read its department copy (those
    # figures say "niet beschikbaar voor uw afdeling"), with its own checksum; the page names them.
    context["checksum"] = report.department_checksum if context["withheld"] else report.checksum
    if context["withheld"]:
        context["withheld_message"] = reports.withheld_message(context["withheld"])
    if request.headers.get("HX-Request"):
        # The status poll. Its last answer (the report finished) also brings what a finished report
        # offers, out of band: the page kept its "being made" state below the box until a reload.
        context["oob"] = report.status in (ReportStatus.DONE, ReportStatus.FAILED)
        return render(request, "monitoring/_report_poll.html", context)
    return render(request, "monitoring/report_detail.html", context, status=status)


def _status_text(report, can_download: bool) -> str:
    """The report's state in one sentence, as its status box says it (monitoring/_report_status.html),
    without the percentage: the page's status region holds it and static/js/portal.js writes the
    polled box's ``data-status-text`` there when it changes, so a screen reader hears each change
    of state once."""
    if report.status == ReportStatus.DONE:
        done = _("de PDF staat klaar om te openen.") if can_download else _("het rapport is gemaakt.")
        return f"{report.get_status_display()}: {done}"
    if report.status == ReportStatus.FAILED:
        return _("Het maken van het rapport is mislukt.")
    return str(report.get_status_display())


def _next_step(report, context) -> str:
    """What happens next, for a reader who can neither comment, decide nor publish: the review
    section showed an entrepreneur a bare "Nog geen opmerkingen." without a word on who reviews
    their impact statement or that its PDF is theirs."""
    if context["can_comment"] or context["can_decide"] or context["can_publish"] or context["later_version"]:
        return ""  # a version followed by another: the page says so and links the newer one
    if report.kind == ReportKind.IMPACT_STATEMENT:
        municipality = report.enterprise.municipality
        if report.is_approved:
            return _("De makelaars van %(municipality)s hebben deze impactverklaring vastgesteld. De PDF is van u: "
                     "u kunt hem downloaden en delen.") % {"municipality": municipality}
        return _("De makelaars van %(municipality)s beoordelen deze impactverklaring en stellen haar vast; zij "
                 "hebben er bericht van gekregen. Tot dan is het een concept: u kunt de PDF al openen en "
                 "downloaden.") % {"municipality": municipality}
    if report.is_approved:
        return ""
    if report.programme_id:
        return _("De stuurgroep van %(programme)s beoordeelt dit rapport; de voorzitter legt het besluit "
                 "vast.") % {"programme": report.programme}
    return _("De makelaars van %(organisation)s beoordelen dit rapport en stellen het vast.") % {
        "organisation": report.organisation}


@role_required(*READERS, access.ENTREPRENEUR)
def report_file(request, pk):
    report = access.get_object_or_404(request.user, REPORTS, "download", pk=pk)
    if report.status != ReportStatus.DONE or not report.file:
        return render(request, "monitoring/report_not_ready.html", {"report": report}, status=409)
    file, name = services.report_file_for(report=report, user=request.user)  # a department copy, maybe
    if not file:
        raise Http404
    # A file missing from storage is a 404, not a 500 (``serve_private_file``).
    return serve_private_file(request.user, report, file.field.name, as_attachment=False, filename=name,
                              content_type="application/pdf")


# --- the steering group -----------------------------------------------------------------------


def budget_years(programme, user, rule: str | None = None, *, today=None) -> list[dict]:
    """Per year: contributions in money and in kind, spending, and the underspend. Under the
    steering group's rule "to the next year" (``UnderspendRule.CARRY_OVER``) a year's money
    includes what the year before left (``carried_in``), and its underspend is what is left of
    both: the page said "Naar het volgende jaar" while every year stood alone. Under the other
    rules (the steering group reallocates it, or it goes back to the parties) nothing moves on
    by itself, so ``carried_in`` stays 0.

    A year that is not over (``running``) has spending so far, no underspend yet: the page said
    "Onderbesteding € 135.000,00" for the current year in December. Nothing carries over from it."""
    today = today or timezone.localdate()
    money = defaultdict(lambda: {"money": Decimal(0), "in_kind": Decimal(0), "spent": Decimal(0)})
    for row in (Contribution.objects.for_user(user).filter(programme=programme).values("year")
                .annotate(m=Sum("money"), k=Sum("in_kind"))):
        money[row["year"]]["money"] += row["m"] or 0
        money[row["year"]]["in_kind"] += row["k"] or 0
    for row in (Spending.objects.for_user(user).filter(programme=programme).values("date__year")
                .annotate(s=Sum("amount"))):
        money[row["date__year"]]["spent"] += row["s"] or 0
    rows, carried = [], Decimal(0)
    for year, v in sorted(money.items()):
        available = v["money"] + carried
        running = year >= today.year
        underspend = None if running else max(available - v["spent"], Decimal(0))
        rows.append({"year": year, **v, "carried_in": carried, "available": available, "underspend": underspend,
                     "running": running})
        carried = underspend if rule == UnderspendRule.CARRY_OVER and not running else Decimal(0)
    return rows


def on_the_agenda(user, programme):
    """Bottlenecks shared with the programme and put on the agenda ("Geagendeerd"), as the user may
    see them (the steering group sees what is shared with its programme): the steering page listed
    bare meeting dates while "Geagendeerd bij: Stuurgroep" lived only on each bottleneck."""
    from ecosystem.constants import BottleneckStatus
    from ecosystem.models import Bottleneck

    return list(access.scope(user, Bottleneck).filter(shared_with=programme, status=BottleneckStatus.ON_AGENDA)
                .select_related("organisation").order_by("agenda_on", "title"))


def programme_period(programme, meetings, budget, today) -> dict:
    """The programme's dates as the page shows them. The City Deal's end date is the end of its
    first term (1 April 2024) while its steering group still meets and budgets: say that it runs
    on, and until when the page has meetings or budget, instead of an end date in the past beside
    later years."""
    last_year = max([m.date.year for m in meetings] + [row["year"] for row in budget], default=None)
    ended = programme.end_date is not None and programme.end_date < today
    runs_on = ended and last_year is not None and last_year > programme.end_date.year
    return {"start": programme.start_date, "end": programme.end_date, "runs_on": runs_on, "last_year": last_year}


class SteeringGroupForm(PortalModelForm):
    """The steering group's own page of its details: its number of members (members without a
    portal account included), which a decision's votes are compared with."""

    class Meta:
        model = SteeringGroup
        fields = ["member_count"]
        error_messages = {"member_count": {"min_value": MEMBER_COUNT_MIN}}  # -3 too (the field's own 0)


class SteeringGroupUpdate(generic.ScopedUpdateView):
    roles = (access.STEERING,)
    model = SteeringGroup
    form_class = SteeringGroupForm
    success_message = gettext_lazy("De stuurgroep van %(object)s is bijgewerkt.")


@role_required(access.STEERING)
def steering(request):
    groups = []
    today = timezone.localdate()
    for programme in Programme.objects.filter(pk__in=access.programme_ids(request.user)).order_by("name"):
        from impactportal.accounts.constants import Role
        from impactportal.accounts.models import users_with_role

        group = SteeringGroup.objects.for_user(request.user).filter(programme=programme).first()
        meetings = list(Meeting.objects.for_user(request.user).filter(programme=programme).order_by("-date")[:8])
        budget = budget_years(programme, request.user, group.underspend_rule if group else None, today=today)
        agenda = on_the_agenda(request.user, programme)
        for meeting in meetings:  # a bottleneck put on the agenda for that meeting's date
            meeting.bottlenecks = [b for b in agenda if b.agenda_on == meeting.date]
        members = list(users_with_role(Role.STEERING, programme=programme.pk))
        contributions = list(Contribution.objects.for_user(request.user).filter(programme=programme)
                             .select_related("party").order_by("-year", "party__name")[:60])
        spending = list(Spending.objects.for_user(request.user).filter(programme=programme)
                        .order_by("-date", "-id")[:60])
        # Per row: may the user change it (the edit and delete links; ``views_steering``).
        targets = list(Target.objects.for_user(request.user).filter(programme=programme).order_by("-year", "code"))
        indicators = registry.by_code()
        for target in targets:  # the indicator's name and the value in its unit ("86", "€ 1.000,00")
            indicator = indicators.get(target.code)
            target.indicator_name = indicator.name if indicator else target.code
            target.shown = reports.fmt(target.value, indicator.unit if indicator else "")
        # Every theme the group keeps, the former ones too (marked so): the report names the current ones.
        themes = list(ProgrammeTheme.objects.for_user(request.user).filter(programme=programme)
                      .order_by("-is_current", "order", "name"))
        for rows in (meetings, contributions, spending, targets, themes):
            access.mark_can(rows, request.user, access.CHANGE, "may_change")
        groups.append({
            "programme": programme,
            "group": group,
            "period": programme_period(programme, meetings, budget, today),
            "members": members,
            # The recorded size, never below the accounts listed (``SteeringGroup.recorded_size``).
            "member_count": group.recorded_size(len(members)) if group else None,
            "may_change": group is not None and access.can(request.user, access.CHANGE, group),
            "themes": themes,
            "meetings": meetings,
            "agenda": agenda,
            "today": today,
            "budget": budget,
            "carries_over": bool(group) and group.underspend_rule == UnderspendRule.CARRY_OVER,
            "contributions": contributions,
            "spending": spending,
            "targets": targets,
        })
    return render(request, "monitoring/steering.html", {"groups": groups})


# --- public pages -----------------------------------------------------------------------------


def _published(request, **scope):
    return (REPORTS.for_user(request.user).published().filter(**scope).order_by("-period", "-version"))


def _with_published_reports(request, organisations):
    """Those of ``organisations`` that have a published report of their own (their public page
    lists it), by name."""
    own = _published(request, programme__isnull=True, organisation__isnull=False).values("organisation")
    return list(organisations.filter(pk__in=own).order_by("name"))


def public_organisation(request, slug):
    owner = get_object_or_404(Organisation, slug=slug)
    # The programmes it takes part in: their public pages list their reports and their participants'.
    return render(request, "monitoring/public_list.html",
                  {"owner": owner, "reports": _published(request, organisation=owner, programme__isnull=True),
                   "programmes": list(owner.programmes.order_by("name"))})


def public_programme(request, slug):
    owner = get_object_or_404(Programme, slug=slug)
    # Without reports the page points on to what is public of the programme: its parties.
    has_parties = owner.parties.filter(is_published=True).exists()
    # The participants' own published reports are on their public pages, linked from here: those
    # pages were linked from nowhere public.
    return render(request, "monitoring/public_list.html",
                  {"owner": owner, "reports": _published(request, programme=owner), "has_parties": has_parties,
                   "participants": _with_published_reports(request, owner.participants.all())})


def public_file(request, pk):
    report = get_object_or_404(_published(request), pk=pk)
    if not report.public_file:
        return HttpResponse(status=404)
    return serve_private_file(request.user, report, "public_file", as_attachment=False,
                              filename=reports.filename(report), content_type="application/pdf")
