"""Staff screens of the helpdesk: the broker inbox (colleagues see the cases referred to their
department there), the case page with thread and history, and the actions on a case."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from brokers.filters import CaseFilter
from brokers.models import Case, CaseAttachment, CaseMessage, ExternalReferral, HelpdeskSettings
from brokers.tables import CaseTable
from enterprises.models import ContactPerson
from impactportal import access, audit
from impactportal.ui import generic, once
from impactportal.ui.actions import ScopedActionView, role_required
from impactportal.uploads import serve_private_file

from .. import recipients, services
from ..forms import (
    AssignForm,
    BulkAssignForm,
    ExternalReferralForm,
    ReferForm,
    StaffReplyForm,
    StatusForm,
    assignee_choices,
    organisation_assignees,
)

# The outcome of a bulk assignment takes the focus when the inbox comes back (base.html, portal.js).
FOCUS = "focus"

CASE_QUERYSET = Case.objects.select_related("organisation", "enterprise", "assigned_to", "submitter")


class Inbox(generic.ScopedListView):
    # What the rows show (and their exports): the enterprise's name, the assignee's name, the
    # SLA clock. Not every column of four joined tables: 67 model rows for a 15-row page.
    queryset = Case.objects.select_related("enterprise", "assigned_to").only(
        "organisation_id", "enterprise_id", "submitter_id", "category", "subject", "status", "priority",
        "assigned_to_id", "referred_department", "submitted_at", "first_response_at", "first_response_due",
        "resolution_due", "language", "enterprise__name", "assigned_to__first_name", "assigned_to__last_name",
        "assigned_to__username")
    filterset_class = CaseFilter
    table_class = CaseTable
    template_name = "brokers/helpdesk/inbox.html"
    roles = (access.BROKER, access.COLLEAGUE, access.PARTNER)

    def get_table_kwargs(self):
        return {"exclude": () if access.may(self.request.user, "assign", Case) else ("select",)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_broker"] = access.may(self.request.user, "assign", Case)
        if context["is_broker"]:  # only brokers see the bulk assignment
            context["bulk_form"] = BulkAssignForm(assignees=assignee_choices(self.request.user), auto_id="bulk_%s")
        return context


# What the inbox's address may carry back after a bulk assignment: its filters, page and sort order
# (not ``_export``: the answer would be a download instead of the inbox).
INBOX_PARAMETERS = (*CaseFilter.base_filters, "page", "sort", "per_page")


def inbox_url(request):
    """The inbox as it was when the bulk assignment was sent (``next``: its address with the
    filters in use, kept up to date by portal.js when htmx swaps the results), else the plain inbox.
    Only the inbox's own path with its own parameters: ``next`` is rebuilt, never followed."""
    inbox = reverse("helpdesk:inbox")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        return inbox
    path, _sep, query = target.partition("?")
    if path != inbox:
        return inbox
    given, kept = QueryDict(query.partition("#")[0]), QueryDict(mutable=True)
    for key in INBOX_PARAMETERS:
        values = [value for value in given.getlist(key) if value]
        if values:
            kept.setlist(key, values)
    return f"{inbox}?{kept.urlencode()}" if kept else inbox


@login_required
@require_POST
@role_required(access.BROKER, access.PARTNER)
def bulk_assign(request):
    # Any case the user sees may be ticked: one the user may not assign is reported by name below
    # (the form refused the whole selection with "choose one or more cases" before).
    form = BulkAssignForm(request.POST, organisations=access.owner_choices(request.user, Case, "assign"),
                          cases=Case.objects.for_user(request.user))
    if not form.is_valid():
        if not request.POST.getlist("cases"):  # the most common slip: a behandelaar chosen, no row ticked
            messages.error(request, _("Selecteer eerst een of meer vragen."), extra_tags=FOCUS)
        else:
            messages.error(request, _("Kies een of meer vragen en een behandelaar (of 'niemand' om de toewijzing "
                                      "op te heffen)."), extra_tags=FOCUS)
        return redirect(inbox_url(request))
    assignee = form.cleaned_data["assignee"]
    done, results = 0, []
    for case in form.cleaned_data["cases"]:
        # One line per case: what happened to it, so nothing changes silently.
        try:
            services.case_assign(case=case, assignee=assignee, by=request.user)
        except ValidationError as error:
            results.append(_("%(case)s: niet gewijzigd, %(reason)s") % {
                "case": case.subject, "reason": " ".join(error.messages)})
            continue
        except PermissionDenied:
            results.append(_("%(case)s: niet gewijzigd, u mag deze vraag niet toewijzen") % {"case": case.subject})
            continue
        done += 1
        results.append(_("%(case)s: toegewezen aan %(who)s") % {"case": case.subject, "who": assignee}
                       if assignee else _("%(case)s: toewijzing opgeheven") % {"case": case.subject})
    summary = (ngettext("%(n)s vraag toegewezen aan %(who)s.", "%(n)s vragen toegewezen aan %(who)s.", done)
               % {"n": done, "who": assignee} if assignee else
               ngettext("Bij %(n)s vraag is de toewijzing opgeheven.", "Bij %(n)s vragen is de toewijzing opgeheven.",
                        done) % {"n": done})
    messages.success(request, summary, extra_tags=FOCUS)
    for line in results:
        messages.info(request, line)
    return redirect(inbox_url(request))


@login_required
def case_detail(request, pk, forms=None, status=200):
    case = access.get_object_or_404(request.user, CASE_QUERYSET, access.VIEW, pk=pk)
    if not access.can(request.user, access.CHANGE, case):
        if access.can(request.user, "respond", case):
            return redirect("helpdesk:my-case", pk=case.pk)
        raise PermissionDenied
    is_broker = access.can(request.user, "assign", case)
    forms = forms or {}
    settings = HelpdeskSettings.for_organisation(case.organisation)
    context = {
        "case": case,
        "thread": CaseMessage.objects.for_user(request.user).filter(case=case).select_related("author")
        .prefetch_related("attachments"),
        "case_attachments": CaseAttachment.objects.for_user(request.user).filter(case=case, message__isnull=True),
        "history": audit.history_for(case),
        "is_broker": is_broker,
        "sla": settings,
        "reply_form": once.with_token(request, forms.get("reply") or StaffReplyForm()),
        "status_form": forms.get("status") or StatusForm(initial={"status": case.status}, auto_id="status_%s"),
    }
    if is_broker:
        context["assign_form"] = forms.get("assign") or AssignForm(
            assignees=organisation_assignees(case.organisation_id), initial={"assignee": case.assigned_to_id},
            auto_id="assign_%s")
        context["refer_form"] = forms.get("refer") or ReferForm(
            initial={"department": case.referred_department}, auto_id="refer_%s")
        context["external_form"] = forms.get("external") or ExternalReferralForm(auto_id="external_%s")
    context["external_referrals"] = (ExternalReferral.objects.for_user(request.user).filter(case=case)
                                     .select_related("instrument", "referred_by"))
    # A reply reaches nobody when the case has no submitter with an active account and its
    # enterprise no linked entrepreneur: say so before the broker writes one, with the ways to
    # reach the enterprise outside the portal (a broker thought "Reactie verstuurd" had reached them).
    context["nobody_told"] = not recipients.requesters_of(case)
    if context["nobody_told"] and case.enterprise_id:
        context["enterprise_contacts"] = ContactPerson.objects.for_user(request.user).filter(enterprise=case.enterprise)
        # Contact persons are personal data of the enterprise's municipality (a case put to another
        # organisation shows the website and address, and says whom the persons are for).
        context["may_see_contact_persons"] = access.can(request.user, "contact_persons", case.enterprise)
        context["may_open_dossier"] = access.can(request.user, "dossier", case.enterprise)
    return render(request, "brokers/helpdesk/case_detail.html", context, status=status)


class CaseAction(ScopedActionView):
    """A staff action on a case; errors re-render the case page with the form (status 400)."""

    queryset = CASE_QUERYSET
    form_name = ""
    success_url_name = "helpdesk:case-detail"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "auto_id": f"{self.form_name}_%s"}

    def form_invalid(self, form):
        return case_detail(self.request, self.object.pk, forms={self.form_name: form}, status=400)


@method_decorator(once.once, name="post")  # Back and Plaatsen again: no second reply
class CaseReply(CaseAction):
    form_class = StaffReplyForm
    form_name = "reply"

    def get_form_kwargs(self):
        return {"data": self.request.POST, "files": self.request.FILES}

    def perform(self, case, data):
        files = [data["attachment"]] if data.get("attachment") else []
        return services.case_reply(case=case, author=self.request.user, body=data["body"],
                                   internal=data["is_internal"], files=files,
                                   wait_for_entrepreneur=data["wait_for_entrepreneur"])

    def get_success_message(self, case, data, result):
        if data["is_internal"]:
            return _("Interne notitie opgeslagen.")
        if not recipients.requesters_of(case):  # the same people case_reply tells
            if case.enterprise_id:
                return _("Reactie opgeslagen. Deze vraag heeft geen indiener in het portaal, dus niemand is op de "
                         "hoogte gebracht. Neem zelf contact op met de onderneming; de bekende contactgegevens "
                         "staan bij het reactieformulier.")
            return _("Reactie opgeslagen. Deze vraag heeft geen indiener in het portaal en geen onderneming, dus "
                     "niemand is op de hoogte gebracht.")
        return _("Reactie verstuurd naar de ondernemer.")

    def success_message_takes_focus(self, case, data, result) -> bool:
        # "Nobody was told: contact the enterprise yourself" must be read, not sit unannounced.
        return not data["is_internal"] and not recipients.requesters_of(case)


class CaseAssign(CaseAction):
    action = "assign"
    form_class = AssignForm
    form_name = "assign"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisations": [self.object.organisation_id]}

    def perform(self, case, data):
        return services.case_assign(case=case, assignee=data["assignee"], by=self.request.user)

    def get_success_message(self, case, data, result):
        if data["assignee"] is None:
            return _("De toewijzing is opgeheven.")
        return _("Vraag toegewezen aan %(who)s.") % {"who": data["assignee"]}


class CaseRefer(CaseAction):
    action = "refer"
    form_class = ReferForm
    form_name = "refer"

    def perform(self, case, data):
        return services.case_refer(case=case, department=data["department"], note=data["note"], by=self.request.user)

    def get_success_message(self, case, data, result):
        return _("Vraag doorverwezen naar %(department)s.") % {"department": result.get_referred_department_display()}


class CaseStatus(CaseAction):
    form_class = StatusForm
    form_name = "status"

    def perform(self, case, data):
        return services.case_set_status(case=case, status=data["status"], by=self.request.user)

    def get_success_message(self, case, data, result):
        return _("Status opgeslagen: %(status)s.") % {"status": result.get_status_display()}


@login_required
def attachment_download(request, pk):
    attachment = access.get_object_or_404(request.user, CaseAttachment, access.VIEW, pk=pk)
    # Under the name it was uploaded with, not storage's ("vraag_XAA9I1r.pdf").
    return serve_private_file(request.user, attachment, "file", filename=attachment.filename)


@role_required(access.BROKER)
def service_levels(request):
    """Brokers set the service levels of their own organisations (defaults: 3 and 15 working days)."""
    from ..forms import HelpdeskSettingsForm

    organisations = access.owner_choices(request.user, HelpdeskSettings)
    if request.user.is_superuser:  # every organisation: only those that run a helpdesk
        organisations = organisations.filter(helpdesk_cases__isnull=False).distinct()
    forms = []
    for organisation in organisations.order_by("name"):
        instance = HelpdeskSettings.for_organisation(organisation)
        bound = request.method == "POST" and request.POST.get("organisation") == str(organisation.pk)
        form = HelpdeskSettingsForm(request.POST if bound else None, instance=instance, user=request.user,
                                    prefix=f"org{organisation.pk}")
        if bound and form.is_valid():
            # The open cases' deadlines move with the levels (services.service_levels_save).
            services.service_levels_save(organisation=organisation, by=request.user, **form.cleaned_data)
            messages.success(request, _("Servicenormen van %(org)s opgeslagen.") % {"org": organisation})
            return redirect("helpdesk:service-levels")
        forms.append((organisation, form))
    status = 400 if any(form.errors for _org, form in forms) else 200
    return render(request, "brokers/helpdesk/service_levels.html", {"forms": forms}, status=status)
