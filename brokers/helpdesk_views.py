"""Staff screens of the helpdesk: the broker inbox (colleagues see the cases referred to their
department there), the case page with thread and history, and the actions on a case."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from impactportal import access, audit
from impactportal.ui import generic
from impactportal.uploads import serve_private_file

from . import services
from .filters import CaseFilter
from .forms import AssignForm, BulkAssignForm, ReferForm, StaffReplyForm, StatusForm
from .models import Case, CaseAttachment, CaseMessage, HelpdeskSettings
from .tables import CaseTable

CASE_QUERYSET = Case.objects.select_related("organisation", "enterprise", "assigned_to", "submitter")


def _require_staff(user):
    if not access.has_role(user, access.BROKER, access.COLLEAGUE):
        raise PermissionDenied


class Inbox(generic.ScopedListView):
    queryset = CASE_QUERYSET
    filterset_class = CaseFilter
    table_class = CaseTable
    template_name = "brokers/helpdesk/inbox.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _require_staff(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_table_kwargs(self):
        is_broker = access.has_role(self.request.user, access.BROKER)
        return {"exclude": () if is_broker else ("select",)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org_ids = access.organisation_ids(self.request.user, access.BROKER)
        context["is_broker"] = bool(org_ids) or self.request.user.is_superuser
        context["bulk_form"] = AssignForm(organisation_ids=org_ids, auto_id="bulk_%s")
        return context


@login_required
@require_POST
def bulk_assign(request):
    _require_staff(request.user)
    org_ids = access.organisation_ids(request.user, access.BROKER)
    form = BulkAssignForm(request.POST, organisation_ids=org_ids,
                          cases=Case.objects.for_user(request.user, access.CHANGE).filter(organisation__in=org_ids))
    if not form.is_valid():
        messages.error(request, _("Kies een of meer vragen en een behandelaar."))
        return redirect("helpdesk:inbox")
    done = 0
    for case in form.cleaned_data["cases"]:
        try:
            services.case_assign(case=case, assignee=form.cleaned_data["assignee"], by=request.user)
            done += 1
        except (ValidationError, PermissionDenied):
            continue
    messages.success(request, _("%(n)s vragen toegewezen.") % {"n": done})
    return redirect("helpdesk:inbox")


def _case_for(request, pk, action=access.VIEW):
    return access.get_object_or_404(request.user, CASE_QUERYSET, action, pk=pk)


@login_required
def case_detail(request, pk, forms=None, status=200):
    case = _case_for(request, pk)
    if not services.is_handler(request.user, case):
        if services.is_requester(request.user, case):
            return redirect("helpdesk:my-case", pk=case.pk)
        raise PermissionDenied
    is_broker = services.is_case_broker(request.user, case)
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
        "reply_form": forms.get("reply") or StaffReplyForm(),
        "status_form": forms.get("status") or StatusForm(initial={"status": case.status}, auto_id="status_%s"),
    }
    if is_broker:
        context["assign_form"] = forms.get("assign") or AssignForm(
            organisation_ids=[case.organisation_id], initial={"assignee": case.assigned_to_id}, auto_id="assign_%s")
        context["refer_form"] = forms.get("refer") or ReferForm(
            initial={"department": case.referred_department}, auto_id="refer_%s")
    return render(request, "brokers/helpdesk/case_detail.html", context, status=status)


def run_case_action(case, form, action) -> bool:
    """Validate ``form`` and run ``action(case, data)``; a service's ValidationError becomes form
    errors. True when the action ran. Shared by the staff and the entrepreneur case pages."""
    if form.is_valid():
        try:
            action(case, form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
    return not form.errors


def _apply(request, pk, name, form, action):
    """Run a staff action; on errors re-render the case page with them."""
    case = _case_for(request, pk, access.CHANGE)
    if not run_case_action(case, form, action):
        return case_detail(request, pk, forms={name: form}, status=400)
    return redirect("helpdesk:case-detail", pk=case.pk)


@login_required
@require_POST
def case_reply(request, pk):
    form = StaffReplyForm(request.POST, request.FILES)

    def act(case, data):
        files = [data["attachment"]] if data.get("attachment") else []
        services.case_reply(case=case, author=request.user, body=data["body"], internal=data["is_internal"],
                            wait_for_entrepreneur=data["wait_for_entrepreneur"], files=files)
        messages.success(request, _("Interne notitie opgeslagen.") if data["is_internal"]
                         else _("Reactie verstuurd naar de ondernemer."))

    return _apply(request, pk, "reply", form, act)


@login_required
@require_POST
def case_assign(request, pk):
    case = _case_for(request, pk, access.CHANGE)
    form = AssignForm(request.POST, organisation_ids=[case.organisation_id], auto_id="assign_%s")
    return _apply(request, pk, "assign", form,
                  lambda c, d: services.case_assign(case=c, assignee=d["assignee"], by=request.user))


@login_required
@require_POST
def case_refer(request, pk):
    form = ReferForm(request.POST, auto_id="refer_%s")
    return _apply(request, pk, "refer", form, lambda c, d: services.case_refer(
        case=c, department=d["department"], note=d["note"], by=request.user))


@login_required
@require_POST
def case_status(request, pk):
    form = StatusForm(request.POST, auto_id="status_%s")
    return _apply(request, pk, "status", form,
                  lambda c, d: services.case_set_status(case=c, status=d["status"], by=request.user))


@login_required
def attachment_download(request, pk):
    attachment = access.get_object_or_404(request.user, CaseAttachment, access.VIEW, pk=pk)
    return serve_private_file(request.user, attachment, "file")


@login_required
def service_levels(request):
    """Brokers set the service levels of their own organisations (defaults: 3 and 15 working days)."""
    from impactportal.accounts.models import Organisation

    from .forms import HelpdeskSettingsForm

    if not access.has_role(request.user, access.BROKER):
        raise PermissionDenied
    org_ids = access.organisation_ids(request.user, access.BROKER)
    if request.user.is_superuser and not org_ids:
        org_ids = set(Organisation.objects.filter(helpdesk_cases__isnull=False).values_list("pk", flat=True))
    forms = []
    for organisation in Organisation.objects.filter(pk__in=org_ids).order_by("name"):
        instance = HelpdeskSettings.for_organisation(organisation)
        bound = request.method == "POST" and request.POST.get("organisation") == str(organisation.pk)
        form = HelpdeskSettingsForm(request.POST if bound else None, instance=instance, user=request.user,
                                    prefix=f"org{organisation.pk}")
        if bound and form.is_valid():
            # update_or_create: a double first save updates the row the other request created.
            HelpdeskSettings.objects.update_or_create(organisation=organisation, defaults=form.cleaned_data)
            messages.success(request, _("Servicenormen van %(org)s opgeslagen.") % {"org": organisation})
            return redirect("helpdesk:service-levels")
        forms.append((organisation, form))
    status = 400 if any(form.errors for _org, form in forms) else 200
    return render(request, "brokers/helpdesk/service_levels.html", {"forms": forms}, status=status)
