"""Writes of the bottleneck register: signal, change, share with a programme, "we see this too"
and status changes. Keyword-only, inside a transaction (views and the API wrap them; each
function opens its own atomic block too), ``by`` is the acting user. Changes re-read their row
under a lock and check the grant there; the rules a policy cannot express (one endorsement per
organisation, not the organisation's own signal, agenda details when on the agenda) live here, so
the screens and the API refuse the same things with the same messages. Every row is audited by
django-auditlog (the app's models are registered)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from impactportal import access
from impactportal.accounts.constants import Role
from impactportal.accounts.models import Organisation, Programme, users_with_role
from impactportal.notifications import notify_all
from impactportal.text import TEXT_MAX, short_date

from .constants import BottleneckStatus
from .models_bottlenecks import Bottleneck, BottleneckEndorsement, BottleneckStatusChange


def _check_sources(bottleneck: Bottleneck, by, before: Bottleneck | None = None) -> None:
    """A linked helpdesk case or contact moment must be one the user may see; on a change only a
    link that changes (a colleague who cannot see the broker's case still edits the text)."""
    errors = {}
    if (bottleneck.case_id and not (before and before.case_id == bottleneck.case_id)
            and not access.can(by, access.VIEW, bottleneck.case)):
        errors["case"] = _("Deze helpdeskvraag kunt u niet inzien.")
    if (bottleneck.contact_moment_id and not (before and before.contact_moment_id == bottleneck.contact_moment_id)
            and not access.can(by, access.VIEW, bottleneck.contact_moment)):
        errors["contact_moment"] = _("Dit contactmoment kunt u niet inzien.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def bottleneck_create(*, bottleneck: Bottleneck, by) -> Bottleneck:
    """Signal a new bottleneck or best practice under an organisation the user works for."""
    if not access.owner_choices(by, Bottleneck).filter(pk=bottleneck.organisation_id).exists():
        raise PermissionDenied
    today = timezone.localdate()
    bottleneck.raised_by = by
    bottleneck.status = BottleneckStatus.SIGNALLED
    bottleneck.status_date = today
    bottleneck.shared_with = None
    bottleneck.shared_at = None
    bottleneck.full_clean()
    _check_sources(bottleneck, by)
    bottleneck.save()
    BottleneckStatusChange.objects.create(bottleneck=bottleneck, status=BottleneckStatus.SIGNALLED, date=today,
                                          by=by)
    return bottleneck


# Solved and unsolvable are end points: what the steering group saw and answered stays as it was
# (its overview counts cases per theme and level). Changing it again means reopening it first, with
# a reason (``status_errors``).
CLOSED = (BottleneckStatus.SOLVED, BottleneckStatus.UNSOLVABLE)


def is_closed(bottleneck: Bottleneck) -> bool:
    return bottleneck.status in CLOSED


def closed_message(bottleneck: Bottleneck) -> str:
    return _("Dit staat op '%(status)s' en verandert niet meer. Zet de status eerst terug (met een reden) om "
             "het aan te passen.") % {"status": bottleneck.get_status_display()}


def refuse_if_closed(bottleneck: Bottleneck) -> None:
    if is_closed(bottleneck):
        raise ValidationError(closed_message(bottleneck))


@transaction.atomic
def bottleneck_update(*, bottleneck: Bottleneck, by) -> Bottleneck:
    """Save the changed description, theme, level and counts (the form or serializer set them on
    ``bottleneck``); owner, status and sharing change only through their own actions."""
    locked = access.require_locked(by, access.CHANGE, bottleneck)
    refuse_if_closed(locked)
    for name in ("organisation_id", "status", "status_date", "agenda_where", "agenda_on", "agenda_by",
                 "shared_with_id", "shared_at", "shared_by_id", "raised_by_id"):
        setattr(bottleneck, name, getattr(locked, name))
    bottleneck.full_clean()
    _check_sources(bottleneck, by, before=locked)
    bottleneck.save()
    return bottleneck


def share_choices(bottleneck: Bottleneck):
    """The programmes the bottleneck's organisation takes part in (where it can be shared)."""
    return Programme.objects.filter(participants=bottleneck.organisation_id).order_by("name")


@transaction.atomic
def bottleneck_share(*, bottleneck: Bottleneck, programme: Programme, by) -> Bottleneck:
    """Share with a programme (the City Deal): its participants and steering group see it from now on."""
    bottleneck = access.require_locked(by, "share", bottleneck)
    if bottleneck.shared_with_id:
        raise ValidationError({"programme": _("Dit is al gedeeld met %(programme)s.")
                                            % {"programme": bottleneck.shared_with}})
    if not share_choices(bottleneck).filter(pk=programme.pk).exists():
        raise ValidationError({"programme": _("%(organisation)s neemt niet deel aan %(programme)s.")
                                            % {"organisation": bottleneck.organisation, "programme": programme}})
    bottleneck.shared_with = programme
    bottleneck.shared_at = timezone.now()
    bottleneck.shared_by = by
    bottleneck.save(update_fields=["shared_with", "shared_at", "shared_by", "updated_at"])
    notify_all(users_with_role(Role.STEERING, programme=programme.pk), message=lambda: (
        _("Gedeeld met %(programme)s: %(title)s") % {"programme": programme, "title": bottleneck.title},
        _("%(organisation)s deelt een %(kind)s over %(theme)s.") % {
            "organisation": bottleneck.organisation, "kind": bottleneck.get_kind_display().lower(),
            "theme": bottleneck.get_theme_display().lower()}),
        url=bottleneck.get_absolute_url(), dedupe_key=f"bottleneck-shared:{bottleneck.pk}")
    return bottleneck


def speaks_for(bottleneck: Bottleneck, by):
    """The organisations on whose behalf ``by`` may speak on ``bottleneck``: their own (brokers and
    colleagues; the superuser any) that take part in the programme it is shared with. The
    authority question, asked before any rule about the organisation's own signal or earlier
    endorsement (which would tell a stranger what another organisation did)."""
    if not bottleneck.shared_with_id:
        return Organisation.objects.none()
    orgs = Organisation.objects.filter(programmes=bottleneck.shared_with_id)
    if not getattr(by, "is_superuser", False):
        orgs = orgs.filter(pk__in=access.organisation_ids(by, access.BROKER, access.COLLEAGUE))
    return orgs


def cannot_speak_for(bottleneck: Bottleneck, organisation: Organisation) -> str:
    return _("U kunt niet namens %(organisation)s reageren, of deze organisatie neemt niet deel aan "
             "%(programme)s.") % {"organisation": organisation, "programme": bottleneck.shared_with}


def endorse_choices(bottleneck: Bottleneck, by):
    """The organisations on whose behalf ``by`` may say "we see this too" (``speaks_for``), not the
    signalling one, and not one that already did."""
    return (speaks_for(bottleneck, by).exclude(pk=bottleneck.organisation_id)
            .exclude(bottleneck_endorsements__bottleneck=bottleneck).order_by("name"))


@transaction.atomic
def bottleneck_endorse(*, bottleneck: Bottleneck, organisation: Organisation, by, cases: int = 0,
                       enterprises: int = 0, note: str = "") -> BottleneckEndorsement:
    """Say "we see this too", with the organisation's own counts. Counts once per organisation: a
    second endorsement by the same organisation is refused and changes nothing."""
    bottleneck = access.require_locked(by, "endorse", bottleneck)  # one endorsement at a time per bottleneck
    refuse_if_closed(bottleneck)
    # Whether ``by`` may speak for the organisation comes first: "already endorsed" or "your own
    # signal" told a broker of another municipality what that organisation had done.
    if not speaks_for(bottleneck, by).filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": cannot_speak_for(bottleneck, organisation)})
    if organisation.pk == bottleneck.organisation_id:
        raise ValidationError({"organisation": _("Dit is gesignaleerd door uw eigen organisatie; pas daar de "
                                                 "aantallen aan.")})
    if BottleneckEndorsement.objects.filter(bottleneck=bottleneck, organisation=organisation).exists():
        raise ValidationError({"organisation": _("%(organisation)s heeft al aangegeven dit ook te zien.")
                                               % {"organisation": organisation}})
    endorsement = BottleneckEndorsement(bottleneck=bottleneck, organisation=organisation, cases=cases,
                                        enterprises=enterprises, note=note, by=by)
    endorsement.full_clean()
    try:
        with transaction.atomic():
            endorsement.save()
    except IntegrityError as error:  # the same organisation at the very same moment
        raise ValidationError({"organisation": _("%(organisation)s heeft al aangegeven dit ook te zien.")
                                               % {"organisation": organisation}}) from error
    return endorsement


def signalled_on(bottleneck: Bottleneck, timeline=None) -> dt.date:
    """The day it was signalled: the timeline's first "Gesignaleerd" step (the demo and an import
    date it in the past), else the status date while it is still signalled, else the day the
    record was made."""
    if timeline is None:
        timeline = BottleneckStatusChange.objects.filter(bottleneck=bottleneck).order_by("date", "at", "id")
    for step in timeline:
        if step.status == BottleneckStatus.SIGNALLED:
            return step.date
    if bottleneck.status == BottleneckStatus.SIGNALLED:
        return bottleneck.status_date
    return timezone.localdate(bottleneck.created_at)


# The statuses in the order a bottleneck normally moves through them; solved and unsolvable are
# both an end point. A step to a lower rank reopens it: allowed (a "solved" problem can come
# back), but only with a reason, so a quick save cannot silently move it backwards.
STATUS_RANK = {BottleneckStatus.SIGNALLED: 0, BottleneckStatus.ON_AGENDA: 1, BottleneckStatus.IN_PROGRESS: 2,
               BottleneckStatus.SOLVED: 3, BottleneckStatus.UNSOLVABLE: 3}


def status_errors(bottleneck: Bottleneck, *, status: str | None, date: dt.date | None, note: str = "",
                  agenda_where: str = "", agenda_on: dt.date | None = None) -> dict[str, str]:
    """What keeps ``bottleneck_change_status`` from moving the bottleneck, by field. The status
    form asks this too, so that these errors show together with the fields' own (a wrong date and a
    missing "where" in one round); a value its field refused (None) decides nothing: no status, no
    checks that depend on it. ``date`` None is today, as in the service."""
    today = timezone.localdate()
    date = date or today
    errors = {}
    if status is None:
        pass
    elif status not in BottleneckStatus.values:
        errors["status"] = _("Kies een geldige status.")
    elif status == bottleneck.status:
        errors["status"] = _("Het heeft deze status al.")
    elif status in CLOSED and is_closed(bottleneck) and not (note or "").strip():
        # From one end point to the other is no step back, but it rewrites what was concluded (and
        # what the steering group's overview counts): only with the reason why.
        errors["note"] = _("U verandert de afsluiting van '%(current)s' naar '%(new)s'. Licht in een zin toe "
                           "waarom.") % {"current": bottleneck.get_status_display(),
                                        "new": BottleneckStatus(status).label}
    elif STATUS_RANK[status] < STATUS_RANK[bottleneck.status] and not (note or "").strip():
        errors["note"] = _("U zet het terug van '%(current)s' naar '%(new)s'. Licht in een zin toe waarom.") % {
            "current": bottleneck.get_status_display(), "new": BottleneckStatus(status).label}
    if date > today:
        errors["date"] = _("De datum ligt in de toekomst.")
    elif date < bottleneck.status_date:
        errors["date"] = _("De datum ligt vóór de vorige stap (%(day)s).") % {
            "day": short_date(bottleneck.status_date)}
    if status == BottleneckStatus.ON_AGENDA:
        if not (agenda_where or "").strip():
            errors["agenda_where"] = _("Vul in waar het geagendeerd is.")
        signalled = signalled_on(bottleneck)
        if not agenda_on:
            errors["agenda_on"] = _("Vul in wanneer het geagendeerd is.")
        elif agenda_on < signalled:
            errors["agenda_on"] = _("Die datum ligt vóór de dag waarop het gesignaleerd is (%(day)s).") % {
                "day": short_date(signalled)}
        elif agenda_on > today + dt.timedelta(days=366):
            errors["agenda_on"] = _("Die datum ligt meer dan een jaar vooruit.")
    return errors


@transaction.atomic
def bottleneck_change_status(*, bottleneck: Bottleneck, by, status: str, date: dt.date | None = None,
                             note: str = "", agenda_where: str = "", agenda_on: dt.date | None = None,
                             agenda_by: str = "") -> Bottleneck:
    """Move the bottleneck along its timeline. Putting it on the agenda needs where and when
    (and preferably by whom); the date of a step is not in the future nor before the previous step;
    the agenda date is not before the day it was signalled (it may lie ahead: a meeting that is
    planned). Going back to an earlier status needs a reason in the note."""
    bottleneck = access.require_locked(by, "change_status", bottleneck)
    today = timezone.localdate()
    date = date or today
    errors = status_errors(bottleneck, status=status, date=date, note=note, agenda_where=agenda_where,
                           agenda_on=agenda_on)
    if errors:
        raise ValidationError(errors)
    bottleneck.status = status
    bottleneck.status_date = date
    fields = ["status", "status_date", "updated_at"]
    if status == BottleneckStatus.ON_AGENDA:
        bottleneck.agenda_where, bottleneck.agenda_on, bottleneck.agenda_by = agenda_where.strip(), agenda_on, \
            agenda_by.strip()
        fields += ["agenda_where", "agenda_on", "agenda_by"]
    bottleneck.save(update_fields=fields)
    BottleneckStatusChange.objects.create(bottleneck=bottleneck, status=status, date=date, note=note, by=by)
    return bottleneck


# From "on the agenda" on, the steering group can respond (``may_be_answered``).
RESPONDABLE = frozenset(status for status, rank in STATUS_RANK.items() if rank >= STATUS_RANK[BottleneckStatus.ON_AGENDA])


def agenda_since(bottleneck: Bottleneck) -> dt.date | None:
    """The day it was put on the agenda: the agenda date, else the timeline's last "Geagendeerd" step."""
    if bottleneck.agenda_on:
        return bottleneck.agenda_on
    step = (BottleneckStatusChange.objects.filter(bottleneck=bottleneck, status=BottleneckStatus.ON_AGENDA)
            .order_by("-date", "-at", "-id").first())
    return step.date if step else None


def may_be_answered(bottleneck: Bottleneck) -> bool:
    """Whether the steering group can respond: shared with its programme and on its agenda now or
    before (a bottleneck solved without ever being on the agenda was never put to it)."""
    return (bool(bottleneck.shared_with_id) and bottleneck.status in RESPONDABLE
            and agenda_since(bottleneck) is not None)


def respond_errors(bottleneck: Bottleneck, *, text: str, date: dt.date | None) -> dict[str, str]:
    """What is wrong with a steering group's response, by field; the respond form asks this too,
    so that a date in the future shows together with a missing text."""
    text = (text or "").strip()
    today = timezone.localdate()
    errors = {}
    if not text:
        errors["text"] = _("Vul de reactie van de stuurgroep in.")
    elif len(text) > TEXT_MAX:
        errors["text"] = _("De reactie is te lang (hoogstens %(max)s tekens).") % {"max": TEXT_MAX}
    since = agenda_since(bottleneck)
    if not date:
        errors["date"] = _("Vul de datum van de vergadering in.")
    elif date > today:
        errors["date"] = _("De datum ligt in de toekomst.")
    elif since and date < since:
        errors["date"] = _("Die datum ligt vóór de dag waarop het geagendeerd is (%(day)s).") % {
            "day": short_date(since)}
    return errors


@transaction.atomic
def steering_respond(*, bottleneck: Bottleneck, by, text: str, date: dt.date | None) -> Bottleneck:
    """Record the steering group's response to a bottleneck shared with its programme and on its
    agenda (or further along): what was decided or advised, and the date of the meeting (not in
    the future, not before it was put on the agenda). A new response replaces the previous one
    (the audit log keeps the old text). The organisation's brokers are told."""
    bottleneck = access.require_locked(by, "respond", bottleneck)
    if not bottleneck.shared_with_id:
        raise ValidationError(_("Dit is niet gedeeld met een programma."))
    if not may_be_answered(bottleneck):
        raise ValidationError(_("De stuurgroep reageert pas als het geagendeerd is (status nu: %(status)s).")
                              % {"status": bottleneck.get_status_display()})
    text = (text or "").strip()
    errors = respond_errors(bottleneck, text=text, date=date)
    if errors:
        raise ValidationError(errors)
    bottleneck.response_text = text
    bottleneck.response_date = date
    bottleneck.responded_by = by
    bottleneck.responded_at = timezone.now()
    bottleneck.save(update_fields=["response_text", "response_date", "responded_by", "responded_at", "updated_at"])
    brokers = users_with_role(Role.BROKER, organisation=bottleneck.organisation_id)
    notify_all(brokers, message=lambda: (
        _("Reactie van de stuurgroep: %(title)s") % {"title": bottleneck.title},
        _("De stuurgroep van %(programme)s heeft gereageerd op dit knelpunt (vergadering van %(day)s).") % {
            "programme": bottleneck.shared_with, "day": short_date(date)}),
        url=bottleneck.get_absolute_url(),
        dedupe_key=f"bottleneck-response:{bottleneck.pk}:{bottleneck.responded_at.isoformat()}")
    return bottleneck
