"""Helpdesk state changes. Keyword-only, atomic, audited with the acting user; views, the API,
tasks and the seeder call these and never change a case by hand."""

import datetime as dt

from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brokers.constants import DONE_STATUSES, OPEN_STATUSES, CasePriority, CaseStatus
from brokers.models import Case, CaseAttachment, CaseMessage, HelpdeskSettings, SelfServiceOutcome
from brokers.models.helpdesk import uploaded_name
from impactportal import access
from impactportal.audit import acting_as

from . import recipients, sla

REOPEN_WINDOW = dt.timedelta(days=14)
# One rate-limit bucket for new questions, shared by the screen and the API (20 an hour).
CASE_RATE_GROUP = "helpdesk.case_new"
# Statuses in which the service-level clock stands still.
PAUSED = (CaseStatus.WAITING, *DONE_STATUSES)


# --- the service-level clock ------------------------------------------------------------------


def pauses_of(case) -> list:
    return [(dt.datetime.fromisoformat(s), dt.datetime.fromisoformat(e) if e else None) for s, e in case.sla_pauses]


def _store_pauses(case, pauses):
    case.sla_pauses = [[s.isoformat(), e.isoformat() if e else None] for s, e in pauses]


def refresh_deadlines(case, settings=None):
    settings = settings or HelpdeskSettings.for_organisation(case.organisation)
    pauses = pauses_of(case)
    case.first_response_due = sla.deadline(case.submitted_at, settings.first_response_days, pauses)
    case.resolution_due = sla.deadline(case.submitted_at, settings.resolution_days, pauses)


def _set_status(case, status, now):
    old = case.status
    pauses = pauses_of(case)
    if old in PAUSED and status not in PAUSED:
        pauses = sla.close_pause(pauses, now)
    if status in PAUSED and old not in PAUSED:
        pauses.append((now, None))
    _store_pauses(case, pauses)
    case.status = status
    if status == CaseStatus.RESOLVED:
        case.resolved_at = now
    elif status in OPEN_STATUSES:
        case.resolved_at = None
    refresh_deadlines(case)


def _working_status(case):
    if case.referred_department:
        return CaseStatus.REFERRED
    started = case.assigned_to_id or case.first_response_at
    return CaseStatus.IN_PROGRESS if started else CaseStatus.NEW


def written_language() -> str:
    """The language a person writes a question or message in: the language of the page (or the API
    request's Accept-Language) they send it from, as one of ``settings.LANGUAGES``; outside a request
    the portal's default. Pages in the other language mark the text with it (``lang``)."""
    try:
        return translation.get_supported_language_variant(translation.get_language() or "")
    except LookupError:
        return django_settings.LANGUAGE_CODE


# --- services -----------------------------------------------------------------------------------


# Said on the 403 of the new question (screen and API) and on "Mijn vragen" for staff: who
# answers questions is pointed at the desk; a role without one (a steering-group member) is not.
NOT_FOR_STAFF = gettext_lazy("Vragen aan de helpdesk stelt een ondernemer. Als medewerker beantwoordt u vragen in "
                             "de helpdesk van uw organisatie; u kunt hier zelf geen vraag stellen.")
NOT_FOR_STAFF_WITHOUT_DESK = gettext_lazy(
    "Vragen aan de helpdesk stelt een ondernemer. Uw rol in het portaal geeft geen toegang tot de helpdesk; u kunt "
    "hier zelf geen vraag stellen.")


def not_for_staff(user) -> str:
    """Why ``user`` (staff, not an entrepreneur) asks no question here, in the words that fit
    whether they answer questions in a desk."""
    return str(NOT_FOR_STAFF if access.may(user, access.CHANGE, Case) else NOT_FOR_STAFF_WITHOUT_DESK)


def no_desk_message(organisation) -> str:
    """What an entrepreneur reads when ``organisation`` has no helpdesk in the portal (nobody who
    receives questions): that plainly, where to go instead, and no promise of an answer."""
    said = _("%(org)s heeft nog geen helpdesk in het Impactportaal: niemand kan uw vraag hier beantwoorden.") % {
        "org": organisation}
    contact = recipients.contact_of(organisation)
    if contact:
        said += " " + _("Neem rechtstreeks contact op via %(contact)s.") % {"contact": contact}
    return said + " " + _("U kunt uw vraag ook stellen aan een gemeente die wel een helpdesk heeft.")


@transaction.atomic
def case_submit(*, submitter, category, subject, description, organisation=None, enterprise=None,
                priority=CasePriority.NORMAL, files=(), suggestions_shown=False) -> Case:
    if not access.may_ask_helpdesk(submitter):
        # Staff answer questions: a broker filed one to herself as an entrepreneur (screen and API).
        raise PermissionDenied(not_for_staff(submitter))
    if enterprise is not None and not access.can(submitter, "represent", enterprise):
        raise ValidationError({"enterprise": _("U bent niet gekoppeld aan deze onderneming.")})
    organisation = organisation or (enterprise.municipality if enterprise else None)
    if organisation is None:
        raise ValidationError({"organisation": _("Kies de gemeente waaraan u de vraag stelt.")})
    if not recipients.has_desk(organisation):
        # Nobody would read it (``recipients.new_case`` tells the desk), while the page promised an answer.
        raise ValidationError({"organisation": no_desk_message(organisation)})
    with acting_as(submitter):
        case = Case(organisation=organisation, enterprise=enterprise, submitter=submitter, category=category,
                    subject=subject, description=description, priority=priority,
                    suggestions_shown=suggestions_shown, submitted_at=timezone.now(), language=written_language())
        refresh_deadlines(case)
        case.full_clean()
        case.save()
        _attach(case, files, by=submitter, message=None, internal=False)
        if suggestions_shown:
            SelfServiceOutcome.objects.create(user=submitter, organisation=organisation, category=category,
                                              solved=False, case=case)
    transaction.on_commit(lambda: recipients.new_case(case))
    return case


def _attach(case, files, *, by, message, internal):
    for upload in files:
        attachment = CaseAttachment(case=case, message=message, file=upload, uploaded_by=by, is_internal=internal,
                                    original_name=uploaded_name(upload))
        attachment.full_clean(exclude=["case", "message"])
        attachment.save()


@transaction.atomic
def case_assign(*, case, assignee, by) -> Case:
    case = access.require_locked(by, "assign", case)
    if not case.is_open:  # its handler was told it was done; a new one would be told of a closed case
        raise ValidationError({"assigned_to": _("Deze vraag is afgesloten. Heropen de vraag om haar toe te wijzen.")})
    if assignee is not None and not recipients.desk_of(case.organisation_id).filter(pk=assignee.pk).exists():
        raise ValidationError({"assigned_to": _("Wijs de vraag toe aan een makelaar van deze gemeente.")})
    if case.assigned_to_id == getattr(assignee, "pk", None) and case.status != CaseStatus.NEW:
        return case  # already so (a second click, a bulk assignment again): no change, no second notice
    with acting_as(by):
        case.assigned_to = assignee
        if case.status == CaseStatus.NEW and assignee is not None:
            _set_status(case, CaseStatus.IN_PROGRESS, timezone.now())
        case.save()
    if assignee is not None and assignee != by:
        transaction.on_commit(lambda: recipients.tell([assignee], message=lambda: (
            _("Vraag aan u toegewezen: %(s)s") % {"s": case.subject},
            _("%(who)s heeft een vraag aan u toegewezen.") % {"who": by}), url=recipients.staff_url(case)))
    return case


@transaction.atomic
def case_reply(*, case, author, body, internal=False, files=(), wait_for_entrepreneur=False) -> CaseMessage:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Schrijf een bericht.")})
    case = Case.objects.select_for_update().get(pk=case.pk)
    staff = access.can(author, access.CHANGE, case)
    if not staff:
        access.require(author, "respond", case)
        if internal or wait_for_entrepreneur:
            raise PermissionDenied
        if not case.is_open:
            raise ValidationError({"body": _("Deze vraag is afgesloten. Heropen de vraag om te reageren.")})
    now = timezone.now()
    with acting_as(author):
        message = CaseMessage.objects.create(case=case, author=author, body=body, is_internal=internal,
                                             from_staff=staff, created_at=now, language=written_language())
        _attach(case, files, by=author, message=message, internal=internal)
        old_status = case.status
        # A reply on a closed case is a message, not a reopening (``case_reopen`` has its rules).
        if staff and not internal and case.is_open:
            if case.first_response_at is None:
                case.first_response_at = now
            if wait_for_entrepreneur:
                _set_status(case, CaseStatus.WAITING, now)
            elif case.status == CaseStatus.NEW:
                _set_status(case, CaseStatus.IN_PROGRESS, now)
        elif not staff and case.status == CaseStatus.WAITING:
            _set_status(case, _working_status(case), now)
        case.save()
    key = f"helpdesk:message:{message.pk}"
    if internal:
        pass  # internal notes are read in the case page; no one outside the team is told
    elif staff:
        replier = recipients.speaks_for(case, author)

        status_moved = old_status != case.status

        def reply_message():
            # The notification is read in the portal (and mailed with the link to the case): it does
            # not send its reader to the portal they are reading it in.
            if replier.pk == case.organisation_id:
                said = _("De gemeente heeft gereageerd op uw vraag.")
            else:  # a network partner running the desk: not "the municipality"
                said = _("%(org)s heeft gereageerd op uw vraag.") % {"org": replier}
            if status_moved:  # one message for one reply: the status it moved to is said here
                said += " " + _("De status van uw vraag is nu: %(status)s.") % {"status": case.get_status_display()}
            return _("Nieuwe reactie op uw vraag: %(s)s") % {"s": case.subject}, said

        transaction.on_commit(lambda: recipients.tell_requesters(case, message=reply_message, key=key))
    else:
        transaction.on_commit(lambda: recipients.tell(
            [p for p in recipients.handlers_of(case) if p.pk != author.pk],
            message=lambda: (_("Nieuwe reactie van de ondernemer: %(s)s") % {"s": case.subject},
                             _("De ondernemer heeft gereageerd op vraag #%(pk)s.") % {"pk": case.pk}),
            url=recipients.staff_url(case), key=key))
    # A staff reply that moved the status says so in its own message (above): one reply, one mail.
    return message


@transaction.atomic
def case_refer(*, case, department, by, note="") -> Case:
    case = access.require_locked(by, "refer", case)
    if not case.is_open:
        raise ValidationError({"department": _("Een afgesloten vraag kan niet worden doorverwezen.")})
    if case.status == CaseStatus.REFERRED and case.referred_department == department:
        # Sent again (a second click, a stale page), it mailed the department and the entrepreneur
        # ("Uw vraag heeft een nieuwe status: Doorverwezen") once more, for nothing that changed.
        raise ValidationError({"department": _("Deze vraag is al doorverwezen naar %(dept)s.") % {
            "dept": case.get_referred_department_display()}})
    status_changes = case.status != CaseStatus.REFERRED
    with acting_as(by):
        case.referred_department = department
        _set_status(case, CaseStatus.REFERRED, timezone.now())
        case.full_clean()
        case.save()
        if note.strip():
            CaseMessage.objects.create(case=case, author=by, body=note.strip(), is_internal=True, from_staff=True,
                                       language=written_language())
    transaction.on_commit(lambda: recipients.tell(
        recipients.colleagues_of(case.organisation_id, department), message=lambda: (
            _("Vraag doorverwezen naar %(dept)s: %(s)s") % {
                "dept": case.get_referred_department_display(), "s": case.subject},
            _("%(who)s heeft een vraag van een ondernemer naar uw afdeling doorverwezen.") % {"who": by}),
        url=recipients.staff_url(case)))
    if status_changes:  # to another department: the entrepreneur's status stays "Doorverwezen"
        transaction.on_commit(lambda: recipients.status_changed(case))
    return case


@transaction.atomic
def case_set_status(*, case, status, by) -> Case:
    case = access.require_locked(by, access.CHANGE, case)
    if status not in CaseStatus.values:
        raise ValidationError({"status": _("Onbekende status.")})
    if status == case.status:
        return case
    if status == CaseStatus.REFERRED and not case.referred_department:
        raise ValidationError({"status": _("Verwijs de vraag door naar een afdeling.")})
    reopening = case.status in DONE_STATUSES and status not in DONE_STATUSES
    if reopening:  # as ``case_reopen``: within its window, and the old rating goes with the old solution
        _check_reopen_window(case, timezone.now())
    if status == CaseStatus.NEW and case.assigned_to_id is not None:
        # Back to "Nieuw" ends the assignment: assigning is the broker's (a colleague of the
        # department it was referred to answers 403 on assign, and did unassign this way).
        access.require(by, "assign", case)
    with acting_as(by):
        if status == CaseStatus.NEW:
            case.assigned_to = None
        if reopening:
            case.rating, case.rating_comment = None, ""
        _set_status(case, status, timezone.now())
        case.save()
    transaction.on_commit(lambda: recipients.status_changed(case))
    return case


@transaction.atomic
def case_rate(*, case, by, rating, comment="") -> Case:
    case = access.require_locked(by, "respond", case)
    if case.status not in DONE_STATUSES:
        raise ValidationError({"rating": _("U kunt een vraag beoordelen zodra die is opgelost.")})
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Kies een waardering van 1 tot en met 5.")})
    with acting_as(by):
        case.rating = rating
        case.rating_comment = (comment or "").strip()
        case.save(update_fields=["rating", "rating_comment"])
    return case


def _check_reopen_window(case, now) -> None:
    if case.resolved_at is None or now - case.resolved_at > REOPEN_WINDOW:
        raise ValidationError({"status": _("Een vraag kan tot 14 dagen na de oplossing worden heropend. "
                                           "Stel anders een nieuwe vraag.")})


@transaction.atomic
def case_reopen(*, case, by, reason="", now=None) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    staff = access.can(by, access.CHANGE, case)
    if not staff:
        access.require(by, "respond", case)
    now = now or timezone.now()
    if case.status not in DONE_STATUSES:
        raise ValidationError({"status": _("Deze vraag is nog open.")})
    _check_reopen_window(case, now)
    with acting_as(by):
        case.rating = None
        case.rating_comment = ""
        _set_status(case, _working_status(case), now)
        case.save()
        if reason.strip():
            CaseMessage.objects.create(case=case, author=by, body=reason.strip(), from_staff=staff,
                                       language=written_language())
    transaction.on_commit(lambda: recipients.tell(recipients.handlers_of(case), message=lambda: (
        _("Vraag heropend: %(s)s") % {"s": case.subject}, _("Vraag #%(pk)s is heropend.") % {"pk": case.pk}),
        url=recipients.staff_url(case)))
    return case


@transaction.atomic
def case_withdraw(*, case, by, reason="", now=None) -> Case:
    """The requester withdraws or closes their own open question (no longer needed, solved elsewhere):
    it is closed, the thread says so (with the reason given), and whoever handles it is told. The
    requester could reply, rate and reopen, but a question they no longer needed stayed in the
    municipality's queue until a broker closed it."""
    case = access.require_locked(by, "withdraw", case)
    if not case.is_open:
        raise ValidationError({"status": _("Deze vraag is al afgesloten.")})
    now = now or timezone.now()
    reason = (reason or "").strip()
    with acting_as(by):
        handlers = recipients.handlers_of(case)  # before the close: the assignee or the queue
        _set_status(case, CaseStatus.CLOSED, now)
        case.save()
        said = _("De aanvrager heeft de vraag ingetrokken en afgesloten.")
        note = CaseMessage.objects.create(case=case, author=by, body=f"{said}\n\n{reason}" if reason else said,
                                          from_staff=False, created_at=now, language=written_language())
    transaction.on_commit(lambda: recipients.tell([p for p in handlers if p.pk != by.pk], message=lambda: (
        _("Vraag ingetrokken: %(s)s") % {"s": case.subject},
        _("De ondernemer heeft vraag #%(pk)s ingetrokken en afgesloten.") % {"pk": case.pk}),
        url=recipients.staff_url(case), key=f"helpdesk:withdrawn:{note.pk}"))
    return case


@transaction.atomic
def service_levels_save(*, organisation, first_response_days, resolution_days, by) -> HelpdeskSettings:
    """Store an organisation's service levels and move the deadlines of its open cases with them.
    The stored deadlines drive the inbox's "te laat", the dashboard and which cases the escalation
    looks at, while the escalation measured against the new levels: after 15 → 5 working days a case
    10 days old was escalated only on day 15, and after 3 → 10 the inbox called cases late that no
    norm had passed."""
    if not access.owner_choices(by, HelpdeskSettings).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    with acting_as(by):
        # update_or_create: a double first save updates the row the other request created.
        levels, _created = HelpdeskSettings.objects.update_or_create(
            organisation=organisation,
            defaults={"first_response_days": first_response_days, "resolution_days": resolution_days})
        move_open_deadlines(levels)
    return levels


def move_open_deadlines(levels: HelpdeskSettings) -> None:
    """The open cases of ``levels``' organisation, locked, due by those levels (also after a change
    in the Django admin). Call inside a transaction."""
    for case in Case.objects.select_for_update().filter(organisation_id=levels.organisation_id).open():
        old = (case.first_response_due, case.resolution_due)
        refresh_deadlines(case, levels)
        if (case.first_response_due, case.resolution_due) != old:
            case.save(update_fields=["first_response_due", "resolution_due"])


def record_self_service(*, user, category, organisation=None, instrument=None) -> SelfServiceOutcome:
    """The entrepreneur found the answer among the suggestions and filed no question."""
    return SelfServiceOutcome.objects.create(user=user, organisation=organisation, category=category,
                                             instrument=instrument, solved=True)


def escalate_breaches(*, now=None) -> int:
    """Tell the team coordinators about each breached service level, once per case and target."""
    now = now or timezone.now()
    count = 0
    candidates = Case.objects.overdue(now).filter(
        first_response_escalated=False) | Case.objects.overdue(now).filter(resolution_escalated=False)
    for candidate in candidates.select_related("organisation").distinct():
        settings = HelpdeskSettings.for_organisation(candidate.organisation)
        for target, days in (("first_response", settings.first_response_days),
                             ("resolution", settings.resolution_days)):
            flag = f"{target}_escalated"
            if getattr(candidate, flag) or (target == "first_response" and candidate.first_response_at):
                continue  # done already as the list was read (the locked row is checked again below)
            with transaction.atomic(), acting_as(None):
                # The row as it is now, locked: a second run at the same time (or a reply, a pause, a
                # solution since the list was read) must not escalate it (again).
                case = Case.objects.select_for_update().filter(pk=candidate.pk).overdue(now).first()
                if (case is None or getattr(case, flag)
                        or (target == "first_response" and case.first_response_at is not None)
                        or not sla.is_breached(case.submitted_at, days, now, pauses_of(case))):
                    continue
                case.organisation = candidate.organisation

                def message(case=case, target=target, days=days):
                    label = _("eerste reactie") if target == "first_response" else _("oplossing")
                    return (_("Servicenorm overschreden (%(t)s): %(s)s") % {"t": label, "s": case.subject},
                            _("Vraag #%(pk)s heeft de servicenorm voor de %(t)s (%(d)s werkdagen) overschreden.")
                            % {"pk": case.pk, "t": label, "d": days})

                recipients.tell(recipients.escalation_recipients(case.organisation_id), message=message,
                                url=recipients.staff_url(case), key=f"helpdesk:sla:{case.pk}:{target}")
                setattr(case, flag, True)
                case.save(update_fields=[flag])
                count += 1
    return count
