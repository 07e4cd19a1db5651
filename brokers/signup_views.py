"""Sign-up and e-mail verification for entrepreneurs; brokers confirming enterprise links."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from impactportal import access

from . import signup
from .constants import LinkRequestStatus
from .forms import SignupForm
from .models import EnterpriseLinkRequest
from .requester_views import LINK_MESSAGES


@ratelimit(key="ip", rate="5/h", method="POST", block=False)
def signup_view(request):
    if request.user.is_authenticated:
        return redirect("helpdesk:my-cases")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and getattr(request, "limited", False):
        form.is_valid()
        messages.error(request, _("Er zijn vanaf uw verbinding te veel aanmeldingen gedaan. Probeer het over een uur "
                                  "opnieuw."))
        return render(request, "brokers/helpdesk/signup.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        signup.signup(email=data["email"], password=data["password1"], first_name=data["first_name"],
                      last_name=data["last_name"], kvk_number=data["kvk_number"])
        # Same answer whether or not the address was known: no account enumeration.
        return redirect("helpdesk:signup-sent")
    return render(request, "brokers/helpdesk/signup.html", {"form": form}, status=400 if form.errors else 200)


def signup_sent(request):
    return render(request, "brokers/helpdesk/signup_sent.html")


def signup_verify(request, token):
    """GET shows a confirm button (mail scanners follow links); POST activates the account."""
    if signup.read_token(token) is None:
        return render(request, "brokers/helpdesk/signup_invalid.html", status=400)
    if request.method != "POST":
        return render(request, "brokers/helpdesk/signup_verify.html", {"token": token})
    user, outcome = signup.verify(token=token)
    if user is None:
        return render(request, "brokers/helpdesk/signup_invalid.html", status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Uw e-mailadres is bevestigd. Welkom!"))
    if outcome:
        messages.info(request, LINK_MESSAGES[outcome]())
    return redirect("helpdesk:my-cases")


@login_required
def link_request_list(request):
    if not access.has_role(request.user, access.BROKER):
        raise PermissionDenied
    requests_ = EnterpriseLinkRequest.objects.for_user(request.user).select_related(
        "user", "enterprise", "enterprise__municipality", "decided_by")
    return render(request, "brokers/helpdesk/link_requests.html", {
        "pending": [r for r in requests_ if r.status == LinkRequestStatus.PENDING],
        "decided": [r for r in requests_ if r.status != LinkRequestStatus.PENDING][:50],
    })


@login_required
@require_POST
def link_request_decide(request, pk):
    link_request = access.get_object_or_404(request.user, EnterpriseLinkRequest, access.CHANGE, pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        signup.decide_link_request(link_request=link_request, approve=approve, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Koppeling bevestigd.") if approve else _("Verzoek afgewezen."))
    return redirect("helpdesk:link-request-list")
