"""Purchase requests (*inkoopvragen*): posting, responding, shortlisting, awarding, closing.

Keyword-only, inside a transaction (views and the API wrap them), ``by`` is the acting user.
Decisions re-read their row under a lock and check the grant there; the rules a policy cannot
express (admission, reserved eligibility, the deadline, one response per enterprise) live here,
so the screens and the API refuse the same things with the same messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises import checks
from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise, Offering
from impactportal import access
from impactportal.accounts.constants import Role
from impactportal.accounts.models import users_with_role
from impactportal.notifications import notify_all, render
from impactportal.text import short_date

from .constants import RequestStatus, ResponseStatus
from .models import PurchaseRequest, PurchaseResponse

# --- who may respond --------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """Whether an enterprise may respond to a request, and if not, why (shown on the screen and
    returned by the API)."""

    enterprise: Enterprise
    allowed: bool
    reason: str = ""
    basis: str | None = None  # for a reserved request: "certificate" or "self_declared"


def standing(request: PurchaseRequest, enterprise: Enterprise, *, today: dt.date | None = None) -> Standing:
    """May ``enterprise`` respond to ``request``? Admission first, then (reserved) art. 2.82."""
    today = today or timezone.localdate()
    if enterprise.admission_status != AdmissionStatus.ADMITTED:
        return Standing(enterprise, False, _("%(name)s is nog niet toegelaten tot het register; alleen toegelaten "
                                             "ondernemingen kunnen reageren.") % {"name": enterprise.name})
    if request.is_reserved:
        eligibility = checks.reserved_contract_eligibility(
            [c.facts for c in enterprise.certifications.all()], enterprise.headcount,
            enterprise.disadvantaged_count, today)
        if not eligibility.eligible:
            return Standing(enterprise, False, _(
                "Dit is een voorbehouden opdracht (art. 2.82 Aanbestedingswet): alleen ondernemingen met een geldig "
                "PSO 30+-certificaat of met ten minste 30%% medewerkers met een afstand tot de arbeidsmarkt kunnen "
                "reageren. Voor %(name)s is dat niet aangetoond.") % {"name": enterprise.name})
        return Standing(enterprise, True, basis=eligibility.basis)
    return Standing(enterprise, True)


def represented_enterprises(user):
    """The enterprises ``user`` acts for (with certificates, for the reserved check)."""
    return (Enterprise.objects.for_user(user, "represent").prefetch_related("certifications")
            .order_by("name", "pk"))


def _check_open(request: PurchaseRequest, today: dt.date) -> None:
    if request.status != RequestStatus.OPEN:
        raise ValidationError(_("Deze inkoopvraag staat niet meer open voor reacties."))
    if request.deadline < today:
        raise ValidationError(_("De termijn om te reageren is verlopen (%(day)s).")
                              % {"day": short_date(request.deadline)})


# --- posting and closing ----------------------------------------------------------------------


def fitting_entrepreneurs(request: PurchaseRequest):
    """Entrepreneurs of admitted enterprises that offer something in the request's category:
    one query (EXISTS on the offerings), however many enterprises fit."""
    fits = Offering.objects.filter(enterprise=OuterRef("pk"), category_id=request.category_id)
    enterprises = Enterprise.objects.filter(Exists(fits), admission_status=AdmissionStatus.ADMITTED)
    return users_with_role(Role.ENTREPRENEUR, enterprise=list(enterprises.values_list("pk", flat=True)))


def request_post(*, request: PurchaseRequest, by) -> PurchaseRequest:
    """Save a new request (the form or serializer validated it) and tell the entrepreneurs whose
    offering fits its category, once per request. A deadline in the past, new or changed, is the
    model's rule (``PurchaseRequest.clean``): the form, the API, the admin and ``request_update``
    refuse it alike."""
    if not access.owner_choices(by, PurchaseRequest).filter(pk=request.organisation_id).exists():
        raise PermissionDenied
    request.posted_by = by
    request.status = RequestStatus.OPEN
    request.full_clean()
    request.save()
    notify_fitting(request)
    return request


def notify_fitting(request: PurchaseRequest) -> int:
    def message():
        return (_("Nieuwe inkoopvraag in uw categorie: %(title)s") % {"title": request.title},
                _("%(organisation)s vraagt om een offerte. Reageren kan tot en met %(day)s.") % {
                    "organisation": request.organisation, "day": short_date(request.deadline)})

    return notify_all(fitting_entrepreneurs(request), message=message, url=request.get_absolute_url(),
                      dedupe_key=f"purchase-request-posted:{request.pk}")


def request_update(*, request: PurchaseRequest, by) -> PurchaseRequest:
    locked = access.require_locked(by, access.CHANGE, request)
    if locked.status != RequestStatus.OPEN:
        raise ValidationError(_("Alleen een open inkoopvraag kan worden gewijzigd."))
    request.full_clean()
    request.save()
    return request


def request_close(*, request: PurchaseRequest, by, withdraw: bool = False) -> PurchaseRequest:
    """Stop taking responses: closed (to assess them) or withdrawn (the purchase is off; the
    responders hear so)."""
    request = access.require_locked(by, "award", request)
    if request.status not in (RequestStatus.OPEN, RequestStatus.CLOSED):
        raise ValidationError(_("Deze inkoopvraag is al gegund of ingetrokken."))
    if withdraw:
        request.status = RequestStatus.WITHDRAWN
        PurchaseResponse.objects.filter(request=request).exclude(status=ResponseStatus.WITHDRAWN).update(
            status=ResponseStatus.NOT_SELECTED, updated_at=timezone.now())
        _notify_responders(request, lambda: _("De inkoopvraag %(title)s is ingetrokken") % {"title": request.title},
                           "withdrawn")
    else:
        if request.status == RequestStatus.CLOSED:
            raise ValidationError(_("Deze inkoopvraag is al gesloten."))
        request.status = RequestStatus.CLOSED
    request.save(update_fields=["status", "updated_at"])
    return request


# --- responding ---------------------------------------------------------------------------------


def response_submit(*, request: PurchaseRequest, enterprise: Enterprise, by, quote_amount, message: str = "",
                    attachment=None, today: dt.date | None = None) -> PurchaseResponse:
    """An entrepreneur responds for one of their enterprises: once per enterprise, while the
    request is open and before its deadline; a reserved request only for eligible enterprises."""
    today = today or timezone.localdate()
    request = access.require_locked(by, "respond", request)
    _check_open(request, today)
    if not access.can(by, "represent", enterprise):
        raise ValidationError({"enterprise": _("U kunt alleen reageren namens een onderneming die u vertegenwoordigt.")})
    enterprise = Enterprise.objects.prefetch_related("certifications").get(pk=enterprise.pk)
    verdict = standing(request, enterprise, today=today)
    if not verdict.allowed:
        raise ValidationError({"enterprise": verdict.reason})
    if PurchaseResponse.objects.filter(request=request, enterprise=enterprise).exists():
        raise ValidationError({"enterprise": _("%(name)s heeft al gereageerd op deze inkoopvraag; u kunt die reactie "
                                               "wijzigen zolang ze is ingediend.") % {"name": enterprise.name}})
    response = PurchaseResponse(request=request, enterprise=enterprise, quote_amount=quote_amount,
                                message=message, submitted_by=by)
    if attachment:
        response.attachment = attachment
    response.full_clean()
    response.save()
    return response


def response_update(*, response: PurchaseResponse, by, quote_amount, message: str | None, attachment=None,
                    today: dt.date | None = None) -> PurchaseResponse:
    """Change one's own response while it is submitted and the request is still open;
    ``quote_amount`` or ``message`` None keeps it (a PATCH without it)."""
    today = today or timezone.localdate()
    locked = access.require_locked(by, access.CHANGE, response)
    _check_open(PurchaseRequest.objects.get(pk=locked.request_id), today)
    if quote_amount is not None:
        locked.quote_amount = quote_amount
    if message is not None:
        locked.message = message
    if attachment:
        locked.attachment = attachment
    locked.full_clean()
    locked.save()
    return locked


def response_withdraw(*, response: PurchaseResponse, by) -> PurchaseResponse:
    # While the request is open: once it is closed the responses are being assessed (and one may be
    # on the shortlist by the time the entrepreneur's page is reloaded). The request is locked
    # first, as closing it locks it before its responses.
    request = PurchaseRequest.objects.select_for_update().get(pk=response.request_id)
    response = access.require_locked(by, access.CHANGE, response)  # own response, still submitted
    if request.status != RequestStatus.OPEN:
        raise ValidationError(_("De inkoopvraag is gesloten en de reacties worden beoordeeld; neem contact op met "
                                "de opdrachtgever als u niet meer kunt leveren."))
    response.status = ResponseStatus.WITHDRAWN
    response.save(update_fields=["status", "updated_at"])
    return response


# --- assessing ----------------------------------------------------------------------------------


def response_shortlist(*, response: PurchaseResponse, by, shortlisted: bool = True) -> PurchaseResponse:
    response = access.require_locked(by, "award", response)
    if response.request.status in (RequestStatus.AWARDED, RequestStatus.WITHDRAWN):
        raise ValidationError(_("Over deze inkoopvraag is al besloten."))
    wanted_from = ResponseStatus.SUBMITTED if shortlisted else ResponseStatus.SHORTLISTED
    if response.status != wanted_from:
        raise ValidationError(_("Deze reactie kan niet op of van de shortlist: ze is %(status)s.")
                              % {"status": response.get_status_display().lower()})
    response.status = ResponseStatus.SHORTLISTED if shortlisted else ResponseStatus.SUBMITTED
    response.save(update_fields=["status", "updated_at"])
    return response


def request_award(*, response: PurchaseResponse, by) -> PurchaseResponse:
    """Award the request to one response: the request and all its responses are locked, the
    grant is checked on the locked request, the others become "not selected" and every
    responder hears the outcome."""
    request = PurchaseRequest.objects.select_for_update().get(pk=response.request_id)
    access.require(by, "award", request)
    responses = {r.pk: r for r in PurchaseResponse.objects.select_for_update().filter(request=request)}
    chosen = responses.get(response.pk)
    if request.status not in (RequestStatus.OPEN, RequestStatus.CLOSED):
        raise ValidationError(_("Deze inkoopvraag is al gegund of ingetrokken."))
    if chosen is None or chosen.status not in (ResponseStatus.SUBMITTED, ResponseStatus.SHORTLISTED):
        raise ValidationError(_("Alleen een ingediende reactie kan worden gegund."))
    now = timezone.now()
    PurchaseResponse.objects.filter(request=request).exclude(pk=chosen.pk).exclude(
        status=ResponseStatus.WITHDRAWN).update(status=ResponseStatus.NOT_SELECTED, updated_at=now)
    chosen.status = ResponseStatus.AWARDED
    chosen.save(update_fields=["status", "updated_at"])
    request.status = RequestStatus.AWARDED
    request.save(update_fields=["status", "updated_at"])
    _notify_responders(request, lambda: _("Besluit over inkoopvraag %(title)s") % {"title": request.title}, "awarded")
    return chosen


def _notify_responders(request: PurchaseRequest, subject: Callable[[], str], event: str) -> None:
    """Each responder's entrepreneurs, with their own outcome (never another's quote). ``subject``
    is called in each language (see ``impactportal.notifications``)."""
    responses = PurchaseResponse.objects.filter(request=request).select_related("enterprise")
    by_enterprise = {r.enterprise_id: r for r in responses}
    people = users_with_role(Role.ENTREPRENEUR, enterprise=list(by_enterprise)).prefetch_related("memberships")
    url = reverse("procurement:my-responses")  # the request itself is no longer public

    def outcome(response):
        return subject(), _("De reactie van %(name)s: %(status)s.") % {
            "name": response.enterprise.name, "status": response.get_status_display().lower()}

    texts = {}  # written once per response and language, whichever of its entrepreneurs hears first
    for person in people:
        for membership in person.memberships.all():
            response = by_enterprise.get(membership.enterprise_id)
            if response is None:
                continue
            if response.pk not in texts:
                texts[response.pk] = render(partial(outcome, response))
            notify_all([person], message=texts[response.pk], url=url,
                       dedupe_key=f"purchase-request-{event}:{request.pk}:{response.pk}")
