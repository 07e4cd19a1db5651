from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from impactportal import access, contributions
from impactportal.api import is_api
from impactportal.jobs import job_live, job_message, job_result, job_status_text, may_download
from impactportal.models import Job, Notification
from impactportal.uploads import serve_private_file

from . import cache
from . import dashboard as dashboards
from .context_processors import UNREAD_NAMESPACE


def home(request):
    from impactportal.accounts.models import Organisation, Programme

    context = {
        "panels": [panel.render_context(request.user) for panel in contributions.panels(contributions.HOME)],
        "organisation_count": Organisation.objects.filter(kind="gemeente", is_active=True).count(),
        # Two different counts, each said for what it is: the participating organisations in the
        # portal, and the programme's (published) parties, which the footer's "Partijen City Deal"
        # lists (the card said "15 deelnemers" beside a list of 80 parties).
        "programmes": Programme.objects.annotate(
            participant_count=Count("participants", distinct=True),
            party_count=Count("parties", filter=Q(parties__is_published=True), distinct=True))[:3],
    }
    return render(request, "ui/home.html", context)


@login_required
def dashboard(request):
    return render(request, "ui/dashboard.html", {"sections_html": dashboards.rendered_sections(request.user)})


@login_required
def notifications(request, status: str = ""):
    items = Notification.objects.for_user(request.user).order_by("-created_at")[:100]
    context = {"items": items, "status": status}
    if status and request.htmx:
        # The list, the status sentence and the header's unread count (out of band).
        return render(request, "ui/partials/notifications_read.html", context)
    return render(request, "ui/notifications.html", context)


@login_required
@require_POST
def notifications_mark_read(request):
    Notification.objects.for_user(request.user, access.CHANGE).filter(read_at__isnull=True).update(
        read_at=timezone.now()
    )
    cache.bump(UNREAD_NAMESPACE)  # a bulk update sends no signal
    if request.htmx:
        return notifications(request, status=_("Alle meldingen gelezen"))
    # Without JavaScript: post/redirect/get, the sentence as a message on the page it leads to
    # (reloading that page sends nothing again).
    messages.success(request, _("Alle meldingen gelezen"))
    return redirect("notifications")


@login_required
def job_detail(request, pk):
    if request.GET.get("download"):
        # Only the user who started the job downloads its file: it holds what they may see.
        job = access.get_object_or_404(request.user, Job, "download", pk=pk)
        if not may_download(job, request.user):
            raise PermissionDenied(_("Uw rollen zijn veranderd sinds deze taak is gestart; het bestand bevat wat u "
                                     "toen mocht zien. Maak de export opnieuw."))
        return serve_private_file(request.user, job, "file")
    job = job_live(access.get_object_or_404(request.user, Job, access.VIEW, pk=pk))
    template = "ui/partials/job_progress.html" if request.htmx else "ui/job_detail.html"
    ready = bool(job.file) and job.created_by_id == request.user.pk  # its download link shows
    status_text = job_status_text(job, done=_("Klaar: het bestand staat klaar om te downloaden.") if ready else "",
                                  failed=_("De taak is mislukt."))
    return render(request, template, {"job": job, "status_text": status_text, "job_message": job_message(job),
                                      "job_result": job_result(job)})


def error_403(request, exception=None):
    # A page that is not for the user's role says so, and names the roles the user has (so they
    # know what to ask for); other refusals are about one action.
    role_message = str(exception) if isinstance(exception, access.RoleRequired) else ""
    held = access.memberships(request.user) if role_message else []
    # An entrepreneur has no administrator to ask for a staff role: the page says whom it is for.
    entrepreneur = bool(held) and all(membership.role == access.ENTREPRENEUR for membership in held)
    return render(request, "403.html", {"role_message": role_message, "roles": [_role_in(m) for m in held],
                                        "entrepreneur": entrepreneur}, status=403)


def _role_in(membership) -> str:
    """"netwerkpartner bij Gemeente Haarlem": a membership as the 403 page names it."""
    role = str(membership.get_role_display())
    role = role[:1].lower() + role[1:]  # inside a sentence ("U bent aangemeld als makelaar met mandaat")
    if not membership.organisation_id:
        return role
    return _("%(role)s bij %(organisation)s") % {"role": role, "organisation": membership.organisation}


def error_405(request):
    """A GET of an address that only takes a form's POST (a decision, a reply): a bookmark, the
    back button, or the language switch after a form with errors. ``PostOnlyMiddleware`` sends
    the visitor to the page above it when there is one; otherwise this page says what happened."""
    return render(request, "405.html", status=405)


def error_404(request, exception=None):
    if is_api(request):  # an address the API does not have: JSON, as its other errors
        return JsonResponse({"detail": _("Dit adres bestaat niet in de API. Zie /api/v1/ voor de adressen.")},
                            status=404)
    return render(request, "404.html", status=404)
