"""Realisation lines: entry by the supplier's people or a broker (valued at once by the pinned
rule set), the line's page with the side-by-side comparison, assessment and evidence."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from impactportal import access
from impactportal.accounts.models import Region
from impactportal.text import as_id
from impactportal.ui import generic, once, versions
from impactportal.ui.actions import ScopedActionView
from impactportal.ui.forms import add_validation_error
from impactportal.uploads import serve_private_file

from .. import services
from ..constants import RealisationStatus
from ..forms.contracts import AssessForm, RealisationForm
from ..models import Contract, Realisation
from ..valuation import Valuation, cents


@method_decorator(once.once, name="post")  # Back and Melden again: no second line
class RealisationCreate(LoginRequiredMixin, View):
    """Pick a block, then the fields of its kind appear (htmx swaps the form; without
    JavaScript the "Verder" button reloads the page with the block chosen)."""

    template_name = "procurement/contracts/realisation_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.contract = access.get_object_or_404(
            request.user, Contract.objects.select_related("rule_set", "organisation"), "report", pk=kwargs["pk"])
        if self.contract.closed_at is not None:
            messages.error(request, _("Dit contract is afgesloten: er kunnen geen realisaties meer bij."))
            return redirect(self.contract.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        # Choosing a block swaps in the fields of its kind (the page's #line-fields).
        form.fields["block"].widget.attrs.update({
            "hx-get": self.request.path, "hx-target": "#line-fields", "hx-select": "#line-fields",
            "hx-swap": "outerHTML", "hx-push-url": "true"})
        return render(self.request, self.template_name, {"form": once.with_token(self.request, form),
                                                         "contract": self.contract}, status=status)

    def get(self, request, pk):
        initial = {"block": request.GET["block"]} if as_id(request.GET.get("block", "")) is not None else {}
        return self.render_form(RealisationForm(initial=initial, contract=self.contract, user=request.user))

    def post(self, request, pk):
        form = RealisationForm(request.POST, request.FILES, contract=self.contract, user=request.user)
        if form.kind is not None and form.is_valid():
            try:
                with transaction.atomic():
                    line = services.realisation_record(
                        contract=self.contract, block=form.cleaned_data["block"], by=request.user,
                        values=form.line_values(), evidence=form.cleaned_data.get("evidence"))
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("De realisatie is gemeld en gewaardeerd op %(value)s. Een makelaar "
                                            "verifieert haar; daarna telt ze als gerealiseerd.")
                                 % {"value": cents(line.value)})
                return redirect(self.contract.get_absolute_url())
        elif form.kind is None:
            form.add_error("block", _("Kies een bouwblok uit de regeling van dit contract."))
        return self.render_form(form, status=400)


class RealisationUpdate(LoginRequiredMixin, View):
    """Correct a line: the supplier's people while it awaits assessment, a broker at any time
    (an assessed line goes back to "submitted" and is verified again). The block is fixed. A
    correction sent after someone else changed the line is not saved (``versions``)."""

    template_name = "procurement/contracts/realisation_form.html"
    FIELDS = ("date", "fte", "months", "amount", "hours", "candidate_ref", "seller", "justification", "description")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.line = access.get_object_or_404(
            request.user, Realisation.objects.select_related("contract__rule_set", "block", "seller"), pk=kwargs["pk"])
        access.require(request.user, access.CHANGE, self.line)
        self.contract = self.line.contract
        if self.contract.closed_at is not None:
            messages.error(request, _("Dit contract is afgesloten: de realisaties liggen vast."))
            return redirect(self.line.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def version(self):
        fields = [Realisation._meta.get_field(name).attname for name in self.FIELDS]
        return versions.Version().row(self.line, [*fields, "evidence", "bonuses"])

    def make_form(self, data=None, files=None):
        initial = {name: getattr(self.line, name) for name in self.FIELDS}
        initial.update(block=self.line.block_id, bonuses=list(self.line.bonuses.all()))
        if data is not None:
            data = data.copy()
            data["block"] = str(self.line.block_id)  # the block is fixed
        form = RealisationForm(data, files, initial=initial, contract=self.contract, user=self.request.user,
                               line=self.line)
        form.fields["block"].disabled = True
        return form

    def render_form(self, form, status=200, version_token=None):
        return render(self.request, self.template_name,
                      {"form": form, "contract": self.contract, "line": self.line,
                       "version_token": version_token or versions.token_for(self.request, self.version())},
                      status=status)

    def get(self, request, pk):
        return self.render_form(self.make_form())

    def post(self, request, pk):
        with versions.transaction_for(request):  # the line stays locked from the version check until it is saved
            newer = versions.stale(request, self.version())
            if newer:  # someone else changed the line: the saved values, nothing saved
                try:
                    self.line.refresh_from_db()
                except Realisation.DoesNotExist:
                    raise Http404 from None  # removed meanwhile
                form = self.make_form()
                versions.refuse(form)
                return self.render_form(form, status=versions.STALE_STATUS, version_token=newer)
            form = self.make_form(request.POST, request.FILES)
            if form.is_valid():
                try:
                    with transaction.atomic():
                        line = services.realisation_update(
                            realisation=self.line, by=request.user, values=form.line_values(),
                            evidence=form.cleaned_data.get("evidence"))
                except ValidationError as error:
                    add_validation_error(form, error)
                else:
                    messages.success(request, _("De realisatie is gecorrigeerd en opnieuw gewaardeerd op %(value)s. "
                                                "Een makelaar verifieert haar opnieuw.") % {"value": cents(line.value)})
                    return redirect(line.get_absolute_url())
        return self.render_form(form, status=400)


def side_by_side_rows(realisation):
    """The line under its own rule set first, then under the other rule sets valid on its date that
    matter to the reader: the contracting organisation's own and those of its regions. Valuing it
    under every rule set in the country (hundreds) made the page slow and unreadable; the count of
    the ones left out is returned as well. (There is no national rule set: see DOMAIN.md.)"""
    pinned, organisation_id = realisation.contract.rule_set, realisation.contract.organisation_id
    valid = services.valid_rule_sets(realisation.date).exclude(pk=pinned.pk)
    relevant = Q(organisation_id=organisation_id) | Q(
        region__in=Region.objects.filter(members=organisation_id).values("pk"))
    others = list(valid.filter(relevant).select_related("organisation", "region").prefetch_related("blocks")
                  .order_by("name", "-version"))
    left_out = valid.exclude(pk__in=[rs.pk for rs in others]).count()
    rows = services.side_by_side(realisation, [pinned, *others])
    # Its own rule set: the stored valuation (it counts the candidate's earlier months, which a
    # comparison of one line on its own cannot know).
    rows[0] = (pinned, Valuation(realisation.value, realisation.explanation))
    top = max((result.amount for _rs, result in rows if result is not None), default=0)
    return [{"rule_set": rs, "result": result, "own": rs.pk == pinned.pk,
             "difference": None if result is None else result.amount - realisation.value,
             "percent": round(result.amount / top * 100) if result is not None and top else 0}
            for rs, result in rows], left_out


class RealisationDetail(generic.ScopedDetailView):
    queryset = (Realisation.objects
                .select_related("contract__rule_set", "contract__organisation", "block", "seller", "entered_by",
                                "verified_by")
                .prefetch_related("bonuses", "seller__certifications"))
    template_name = "procurement/contracts/realisation_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        line, user = self.object, self.request.user
        rows, left_out = side_by_side_rows(line)
        # A closed contract's lines stay as they were closed (``services.realisation_assess``).
        may_verify = (line.status == RealisationStatus.SUBMITTED and line.contract.closed_at is None
                      and access.can(user, "verify", line))
        # The lines that report the same as this one, for the broker who is about to verify it.
        values = {name: getattr(line, name) for name in ("date", "fte", "months", "amount", "hours",
                                                         "candidate_ref", "seller")}
        context.update(
            duplicates=list(services.possible_duplicates(contract=line.contract, kind=line.block.kind, values=values,
                                                         user=user, exclude=line)) if may_verify else [],
            may_verify=may_verify,
            may_correct=line.contract.closed_at is None and access.can(user, access.CHANGE, line),
            may_evidence=bool(line.evidence) and access.can(user, "evidence", line),
            side_by_side=rows,
            # Only its own rule set: nothing to compare, so no table with an empty difference
            # column but a sentence that says why (``side-by-side-empty``).
            side_by_side_compared=len(rows) > 1,
            side_by_side_left_out=left_out,
            chart={"labels": [f"{r['rule_set']} — {r['rule_set'].owner}" for r in rows],
                   "values": [float(r["result"].amount) if r["result"] else 0 for r in rows],
                   "label": _("Waarde van deze regel (€)")},
            assess_form=AssessForm(),
        )
        return context


class RealisationAssess(ScopedActionView):
    """Verify (it counts as realised) or reject with a reason: brokers of the contracting
    organisation. The service locks the line and refuses a second assessment."""

    model = Realisation
    action = "verify"
    form_class = AssessForm
    # What the line and its detail page show: a line corrected since the page was loaded (another
    # amount, another date) is not verified unseen (``versions``).
    versioned_fields = ("block", "date", "fte", "months", "amount", "hours", "bonuses", "candidate_ref", "seller",
                        "justification", "description", "evidence", "value")

    def perform(self, obj, data):
        return services.realisation_assess(realisation=obj, by=self.request.user,
                                           verify=data["decision"] == AssessForm.VERIFY, reason=data["reason"])

    def get_success_url(self, obj, result):
        return obj.contract.get_absolute_url()

    def get_success_message(self, obj, data, result):
        if result.status == RealisationStatus.VERIFIED:
            return _("De realisatie is geverifieerd en telt nu mee als gerealiseerd.")
        return _("De realisatie is afgewezen; de leverancier ziet de reden.")


def realisation_evidence(request, pk):
    """The evidence file, for the supplier's people and the brokers (permission-checked)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    line = access.get_object_or_404(request.user, Realisation, "evidence", pk=pk)
    return serve_private_file(request.user, line, "evidence")
