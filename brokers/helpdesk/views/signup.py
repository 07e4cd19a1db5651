"""Sign-up and e-mail verification for entrepreneurs; brokers confirming enterprise links."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from brokers.constants import LinkRequestStatus
from brokers.models import EnterpriseLinkRequest
from impactportal import access
from impactportal.ui.actions import ScopedActionView, role_required

from .. import signup
from ..forms import LinkDecisionForm, SignupForm, SignupVerifyForm
from .requester import link_message, register_url

# Accounts made per connection and hour. Only a valid sign-up counts (it makes an account and
# sends a mail): someone correcting typos was locked out for an hour by their own attempts.
SIGNUP_GROUP, SIGNUP_RATE = "helpdesk.signup", "5/h"


def signup_view(request):
    if request.user.is_authenticated:
        return redirect("helpdesk:my-cases")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if is_ratelimited(request, group=SIGNUP_GROUP, key="ip", rate=SIGNUP_RATE, method="POST", increment=True):
            messages.error(request, _("Er zijn vanaf uw verbinding te veel aanmeldingen gedaan. Probeer het over een "
                                      "uur opnieuw."))
            return render(request, "brokers/helpdesk/signup.html", {"form": form}, status=429)
        data = form.cleaned_data
        signup.signup(email=data["email"], password=data["password1"], first_name=data["first_name"],
                      last_name=data["last_name"], kvk_number=data["kvk_number"])
        # Same answer whether or not the address was known: no account enumeration.
        return redirect("helpdesk:signup-sent")
    return render(request, "brokers/helpdesk/signup.html", {"form": form}, status=400 if form.errors else 200)


def signup_sent(request):
    return render(request, "brokers/helpdesk/signup_sent.html")


def signup_verify(request, token):
    """GET shows the form (mail scanners follow links); POST with the sign-up's password activates
    the account and signs in, once."""
    if not signup.link_works(token):
        return render(request, "brokers/helpdesk/signup_invalid.html", status=400)
    form = SignupVerifyForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        return render(request, "brokers/helpdesk/signup_verify.html", {"token": token, "form": form},
                      status=400 if form.is_bound else 200)
    try:
        user, outcome = signup.verify(token=token, password=form.cleaned_data["password"])
    except ValidationError as error:
        form.add_error(None, error)
        return render(request, "brokers/helpdesk/signup_verify.html", {"token": token, "form": form}, status=400)
    if outcome == signup.CONFIRMED_BEFORE:
        messages.info(request, _("Uw e-mailadres is al bevestigd. Log in met uw e-mailadres en wachtwoord."))
        return redirect("login")
    if user is None:
        return render(request, "brokers/helpdesk/signup_invalid.html", status=400)
    login(request, user, backend="impactportal.accounts.backends.ModelBackend")
    messages.success(request, _("Uw e-mailadres is bevestigd. Welkom!"))
    kvk_number = (signup.read_token(token) or {}).get("k", "")
    if outcome:
        messages.info(request, link_message(outcome, user, kvk_number))
    if outcome == signup.UNKNOWN:
        # Signed up with the number of an enterprise not yet in the register: they came to register
        # it, so they go on there (with the number filled in), not to "Mijn vragen".
        return redirect(register_url(kvk_number))
    return redirect("helpdesk:my-cases")


@role_required(access.BROKER)
def link_request_list(request, form=None, status=200, failed=None):
    requests_ = EnterpriseLinkRequest.objects.for_user(request.user).select_related(
        "user", "enterprise", "enterprise__municipality", "decided_by")
    return render(request, "brokers/helpdesk/link_requests.html", {
        "pending": [r for r in requests_ if r.status == LinkRequestStatus.PENDING],
        "decided": [r for r in requests_ if r.status != LinkRequestStatus.PENDING][:50],
        "form": form,
        # The request whose decision was refused: its form shows the errors and what was typed.
        "decision_form": form, "decision_form_for": failed.pk if failed else None,
    }, status=status)


class LinkRequestDecide(ScopedActionView):
    model = EnterpriseLinkRequest
    action = "decide"
    form_class = LinkDecisionForm
    success_url_name = "helpdesk:link-request-list"

    def get_success_url(self, link_request, result):
        if self.request.POST.get("return_to") == "enterprise":
            return reverse("enterprises:detail", args=[link_request.enterprise_id]) + "#link-requests"
        return reverse(self.success_url_name)

    def perform(self, link_request, data):
        return signup.decide_link_request(link_request=link_request, approve=data["decision"] == "approve",
                                          by=self.request.user, reason=data.get("reason", ""))

    def get_success_message(self, link_request, data, result):
        return _("Koppeling bevestigd.") if data["decision"] == "approve" else _("Verzoek afgewezen.")

    def form_invalid(self, form):
        # The errors go where the broker decided: a rejection without a reason sent from the
        # enterprise's page showed them on the list of requests, a page the broker had not opened.
        if self.request.POST.get("return_to") == "enterprise":
            from enterprises.views import enterprise_page_with_link_decision

            page = enterprise_page_with_link_decision(self.request, self.object, form)
            if page is not None:
                return page
        return link_request_list(self.request, form=form, status=400, failed=self.object)
