"""The entrepreneur's side: "Mijn vragen", a new question with self-service suggestions, the
thread (public replies only), rating and reopening, and linking the account to an enterprise."""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from brokers.constants import DONE_STATUSES, CaseCategory, LinkRequestStatus
from brokers.models import Case, CaseAttachment, CaseMessage, EnterpriseLinkRequest, KnowledgeInstrument
from enterprises.models import Enterprise
from impactportal import access
from impactportal.accounts.models import Organisation
from impactportal.text import as_id
from impactportal.ui import once
from impactportal.ui.actions import ScopedActionView

from .. import recipients, services, signup
from ..forms import CaseForm, LinkEnterpriseForm, RatingForm, ReopenForm, RequesterReplyForm, WithdrawForm
from ..knowledge import suggestions_for
from ..services import CASE_RATE_GROUP


def _own_cases(user):
    """Cases the user asked (or their enterprise asked): the requester's grant, so that staff
    do not see their inbox here."""
    return Case.objects.for_user(user, "respond").select_related("organisation", "enterprise")


# ``login_required`` for asking a question, but a visitor lands on the page that says why an
# account is needed and how to get one (``ask``), not on the bare login form.
asking_needs_an_account = login_required(login_url="helpdesk:ask", redirect_field_name=None)


def ask(request):
    """"Een vraag stellen" for visitors: questions go to the municipality's broker and are answered
    in "Mijn vragen", so asking needs an account; this page says so and offers logging in (back to
    the new question) and signing up. A signed-in user goes straight to the new question."""
    if request.user.is_authenticated:
        return redirect("helpdesk:case-new")
    login_url = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': reverse('helpdesk:case-new')})}"
    return render(request, "brokers/helpdesk/ask.html", {"login_url": login_url})


def _staff_context(user) -> dict:
    """What staff read instead of the entrepreneur's way in: who asks here, and their own inbox
    where they have one (brokers, the desk's network partner, colleagues)."""
    return {"not_for_staff": services.not_for_staff(user), "inbox": access.may(user, access.CHANGE, Case)}


def _not_for_staff(request):
    """The new question refused to staff: a page that says why and where their questions are."""
    return render(request, "brokers/helpdesk/not_for_staff.html", _staff_context(request.user), status=403)


@login_required
def my_cases(request):
    if not access.may_ask_helpdesk(request.user):
        # Staff were offered "Onderneming aanmelden / koppelen" and a form to ask themselves a
        # question; the questions they asked before (if any) stay readable.
        return render(request, "brokers/helpdesk/my_cases.html", {
            **_staff_context(request.user), "cases": _own_cases(request.user).order_by("-submitted_at")})
    cases = _own_cases(request.user)
    # "?open=1": what the dashboard's "N open vragen" counts, exactly those (the tile opened every question).
    only_open = request.GET.get("open") == "1"
    context = {
        "cases": (cases.open() if only_open else cases).order_by("-submitted_at"),
        "only_open": only_open,
        "link_requests": _with_notices(EnterpriseLinkRequest.objects.for_user(request.user)
                                       .filter(user=request.user).select_related("enterprise__municipality")),
        # The enterprises the user represents, each linking to its page: the section offered
        # "Onderneming koppelen" even to an entrepreneur whose enterprise was linked and admitted.
        "enterprises": Enterprise.objects.for_user(request.user, "represent").select_related("municipality")
        .order_by("name"),
    }
    return render(request, "brokers/helpdesk/my_cases.html", context)


def _with_notices(link_requests) -> list:
    """The requests, each pending one with what its requester reads about it (``signup.pending_notice``)."""
    links = list(link_requests)
    for link in links:
        if link.status == LinkRequestStatus.PENDING:
            link.notice = signup.pending_notice(link)
    return links


@asking_needs_an_account
@ratelimit(group=CASE_RATE_GROUP, key="user_or_ip", rate="20/h", method="POST", block=False)
@once.once  # Back and "Vraag versturen" again: the question asked, not a second one
def case_new(request):
    if not access.may_ask_helpdesk(request.user):
        return _not_for_staff(request)
    form = CaseForm(request.POST or None, request.FILES or None, user=request.user)
    form.once_token = once.token_for(request)
    if request.method == "POST" and getattr(request, "limited", False):
        messages.error(request, _("U heeft veel vragen kort na elkaar gesteld. Probeer het over een uur opnieuw."))
        return render(request, "brokers/helpdesk/case_new.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_submit(
                submitter=request.user, category=data["category"], subject=data["subject"],
                description=data["description"], organisation=data["organisation"], enterprise=data["enterprise"],
                files=[data["attachment"]] if data.get("attachment") else [],
                suggestions_shown=bool(suggestions_for(data["category"], data["organisation"])),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Uw vraag is verstuurd. U hoort binnen %(d)s werkdagen van ons.")
                             % {"d": services.HelpdeskSettings.for_organisation(case.organisation).first_response_days})
            return redirect("helpdesk:my-case", pk=case.pk)
    category = request.POST.get("category") or request.GET.get("category")
    place = _asker_municipality(request, request.POST.get("organisation"), request.POST.get("enterprise"))
    context = {"form": form, "suggestions": suggestions_for(category, place) if category else None,
               "category": category, "organisation": request.POST.get("organisation", ""),
               **_desks_context(request.user)}
    return render(request, "brokers/helpdesk/case_new.html", context, status=400 if form.errors else 200)


def _desks_context(user) -> dict:
    """Said before anything is typed: the municipalities of the user's enterprises that have no
    helpdesk (nobody would read a question put to them; where to go instead), and whether any desk
    receives questions at all."""
    municipalities = {e.municipality for e in Enterprise.objects.for_user(user, "represent")
                      .select_related("municipality") if e.municipality_id}
    without = sorted((m for m in municipalities if not recipients.has_desk(m)), key=lambda m: m.name)
    return {"no_desk": [services.no_desk_message(m) for m in without],
            "no_desk_anywhere": not CaseForm.base_fields["organisation"].queryset.exists()}


@asking_needs_an_account
def suggestions(request):
    """htmx partial: instruments that fit the chosen category."""
    if not access.may_ask_helpdesk(request.user):
        return _not_for_staff(request)
    category = request.GET.get("category", "")
    if category not in CaseCategory.values:
        category = ""
    place = _asker_municipality(request, request.GET.get("organisation"), request.GET.get("enterprise"))
    context = {"suggestions": suggestions_for(category, place) if category else None, "category": category,
               "organisation": request.GET.get("organisation", ""), "oob": True,  # and their count's status
               "category_label": CaseCategory(category).label if category else ""}
    return render(request, "brokers/helpdesk/partials/suggestions.html", context)


def _asker_municipality(request, organisation, enterprise):
    """The municipality a question is put to, for suggestions near it: the one chosen, else that of
    the chosen enterprise, else that of the user's first enterprise (the form's own default), else
    that of the enterprise the user asked to be linked to (a new entrepreneur whose link waits for
    the broker represents none yet and was offered Eindhoven, Amsterdam and Utrecht first)."""
    chosen = as_id(organisation or "")
    if chosen:  # one of the form's own choices: an active municipality
        return CaseForm.base_fields["organisation"].queryset.filter(pk=chosen).first()
    represented = Enterprise.objects.for_user(request.user, "represent").select_related("municipality")
    picked = as_id(enterprise or "")
    found = (represented.filter(pk=picked) if picked else represented.order_by("pk")).first()
    if found is None and not picked:
        link = (EnterpriseLinkRequest.objects.for_user(request.user)
                .filter(user=request.user, status=LinkRequestStatus.PENDING)
                .select_related("enterprise__municipality").order_by("-pk").first())
        found = link.enterprise if link else None
    return found.municipality if found else None


@login_required
@require_POST
def suggestion_helped(request):
    category = request.POST.get("category", "")
    if category not in CaseCategory.values:
        messages.error(request, _("Kies eerst waar uw vraag over gaat."))
        return redirect("helpdesk:case-new")
    # as_id, not str.isdigit: "²".isdigit() is True and reached the query (a 500).
    organisation_id, instrument_id = as_id(request.POST.get("organisation", "")), as_id(request.POST.get("instrument", ""))
    organisation = Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None
    instrument = KnowledgeInstrument.objects.filter(pk=instrument_id).first() if instrument_id else None
    services.record_self_service(user=request.user, category=category, organisation=organisation,
                                 instrument=instrument)
    messages.success(request, _("Fijn dat u verder kunt! U hoeft geen vraag te stellen."))
    return redirect("helpdesk:my-cases")


def _my_case(request, pk):
    case = _own_cases(request.user).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


@login_required
def my_case(request, pk, forms=None, status=200):
    case = _my_case(request, pk)
    forms = forms or {}
    can_reopen = case.status in DONE_STATUSES and case.resolved_at and (
        timezone.now() - case.resolved_at <= services.REOPEN_WINDOW)
    context = {
        "case": case,
        # The requester closes their own open question ("Vraag intrekken / afsluiten").
        "withdraw_form": forms.get("withdraw") or (
            WithdrawForm(auto_id="withdraw_%s") if case.is_open and access.can(request.user, "withdraw", case)
            else None),
        # Why a done question cannot be reopened: solved longer than the window ago, or closed
        # without a solution (withdrawn, or closed by the municipality).
        "reopen_days": services.REOPEN_WINDOW.days,
        # Scoped: an entrepreneur's grant on messages excludes internal notes.
        "thread": CaseMessage.objects.for_user(request.user).filter(case=case).select_related("author")
        .prefetch_related("attachments"),
        "case_attachments": CaseAttachment.objects.for_user(request.user).filter(case=case, message__isnull=True),
        "reply_form": once.with_token(request, forms.get("reply") or (RequesterReplyForm() if case.is_open else None)),
        # The rating given so far is filled in: "Uw beoordeling aanpassen" showed five empty options.
        "rating_form": forms.get("rating") or (
            RatingForm(initial={"rating": case.rating, "comment": case.rating_comment} if case.rating else None)
            if case.status in DONE_STATUSES else None),
        "reopen_form": forms.get("reopen") or (ReopenForm(auto_id="reopen_%s") if can_reopen else None),
        # Past the reopening window only the rating form was left: point to a new question instead.
        "ask_anew": case.status in DONE_STATUSES and not can_reopen,
    }
    return render(request, "brokers/helpdesk/my_case.html", context, status=status)


class MyCaseAction(ScopedActionView):
    """The requester's actions; errors re-render their case page with the form (status 400)."""

    action = "respond"
    form_name = ""
    success_url_name = "helpdesk:my-case"

    def base_queryset(self):
        return _own_cases(self.request.user)

    def form_invalid(self, form):
        return my_case(self.request, self.object.pk, forms={self.form_name: form}, status=400)


@method_decorator(once.once, name="post")  # Back and Versturen again: no second reply
class MyCaseReply(MyCaseAction):
    form_class = RequesterReplyForm
    form_name = "reply"
    success_message = gettext_lazy("Uw reactie is verstuurd.")

    def perform(self, case, data):
        files = [data["attachment"]] if data.get("attachment") else []
        return services.case_reply(case=case, author=self.request.user, body=data["body"], files=files)


class MyCaseRate(MyCaseAction):
    form_class = RatingForm
    form_name = "rating"
    success_message = gettext_lazy("Dank u wel voor uw beoordeling.")

    def perform(self, case, data):
        return services.case_rate(case=case, by=self.request.user, rating=data["rating"], comment=data["comment"])


class MyCaseWithdraw(MyCaseAction):
    action = "withdraw"
    form_class = WithdrawForm
    form_name = "withdraw"
    success_message = gettext_lazy("Uw vraag is ingetrokken en afgesloten.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "auto_id": "withdraw_%s"}

    def perform(self, case, data):
        return services.case_withdraw(case=case, by=self.request.user, reason=data["reason"])


class MyCaseReopen(MyCaseAction):
    form_class = ReopenForm
    form_name = "reopen"
    success_message = gettext_lazy("Uw vraag is heropend.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "auto_id": "reopen_%s"}

    def perform(self, case, data):
        return services.case_reopen(case=case, by=self.request.user, reason=data["reason"])


@login_required
def link_enterprise(request):
    # Prefilled from the registration form that found the number taken (``?kvk_number=``).
    form = LinkEnterpriseForm(request.POST or None, initial={"kvk_number": request.GET.get("kvk_number", "")[:8]})
    if request.method == "POST" and form.is_valid():
        try:
            outcome = signup.link_enterprise(user=request.user, kvk_number=form.cleaned_data["kvk_number"])
        except ValidationError as error:
            form.add_error("kvk_number", error.message_dict.get("kvk_number"))
        else:
            messages.success(request, link_message(outcome, request.user, form.cleaned_data["kvk_number"]))
            return redirect("helpdesk:my-cases")
    # The number typed (one not in the register) goes along to "Meld uw onderneming aan".
    typed = form["kvk_number"].value() if form.is_bound else form.initial.get("kvk_number", "")
    return render(request, "brokers/helpdesk/link_enterprise.html",
                  {"form": form, "register_url": register_url("".join(str(typed or "").split()))},
                  status=400 if form.errors else 200)


def register_url(kvk_number="") -> str:
    """"Meld uw onderneming aan", with the KvK number the user typed already filled in."""
    url = reverse("enterprises:self-register")
    kvk_number = (kvk_number or "").strip()
    return f"{url}?{urlencode({'kvk_number': kvk_number})}" if re.fullmatch(r"[0-9]{8}", kvk_number) else url


LINK_MESSAGES = {
    signup.LINKED: lambda link=None, kvk="": _("Uw account is gekoppeld aan uw onderneming."),
    # The same whether or not the enterprise has an owner already: the answer does not tell.
    signup.REQUESTED: lambda link=None, kvk="": signup.pending_notice(link),
    signup.ALREADY: lambda link=None, kvk="": _("Uw account was al gekoppeld aan deze onderneming."),
    # After sign-up: the next step is registering the enterprise (the sentence ended there before),
    # with the number the user typed (the registration form's KvK field was empty).
    signup.UNKNOWN: lambda link=None, kvk="": format_html(
        "{} <a class=\"utrecht-link\" href=\"{}\">{}</a>",
        _("Er staat geen onderneming met dit KvK-nummer in het register."), register_url(kvk),
        _("Meld uw onderneming aan")),
}


def link_message(outcome, user, kvk_number):
    """What the entrepreneur reads after asking for a link; a request names the enterprise."""
    link = None
    if outcome == signup.REQUESTED:
        link = (EnterpriseLinkRequest.objects.for_user(user)
                .filter(user=user, status=LinkRequestStatus.PENDING, enterprise__kvk_number=kvk_number.strip())
                .select_related("enterprise__municipality").first())
    return LINK_MESSAGES[outcome](link, kvk_number)
