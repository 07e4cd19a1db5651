"""Writes of monitoring: snapshots (idempotent per period), targets, report requests (idempotent
per kind, scope, period and snapshot), review, approval (immutable afterwards), new versions and
publication. Decisions lock their row and check again inside ``transaction.atomic()``."""

from __future__ import annotations

import datetime as dt
import logging
from contextlib import contextmanager
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from impactportal import access
from impactportal.dates import add_years
from impactportal.indicators import Level, Period
from impactportal.models import Job

from . import registry
from .constants import Outcome, ReportKind, ReportStatus, ReviewKind, ReviewState, SnapshotKind
from .models import ReportRequest, ReportText, Review, Snapshot, SnapshotValue, SteeringGroup

logger = logging.getLogger(__name__)
BATCH = 5000
# A decision that asks for changes says which (the form shows it next to the field).
CHANGES_NEED_A_NOTE = gettext_lazy("Geef aan welke wijzigingen de stuurgroep vraagt.")
# An organisation's or an enterprise's report: its brokers decide, no steering group.
CHANGES_NEED_A_NOTE_OWN = gettext_lazy("Geef aan welke wijzigingen er in het rapport moeten komen.")
VOTE_NOT_CARRIED = gettext_lazy("Bij staken of een meerderheid tegen is het rapport niet vastgesteld.")
VOTES_NOT_NEGATIVE = gettext_lazy("Een aantal stemmen is 0 of meer.")
VOTES_TOO_MANY = gettext_lazy("Zoveel stemmen heeft een stuurgroep niet: ten hoogste %(limit_value)s.")
NO_VOTES_CAST = gettext_lazy("Er is geen enkele stem geteld. Vul de stemmen in, of laat de drie velden leeg als er "
                             "niet is gestemd.")
VOTE_FIELDS = ("votes_for", "votes_against", "votes_abstain")
VOTES_MAX = 1000  # the API's bound too


def changes_need_a_note(report=None) -> str:
    """The message of a decision asking changes without saying which: a programme's report is the
    steering group's, another report its brokers'."""
    if report is not None and not report.programme_id:
        return str(CHANGES_NEED_A_NOTE_OWN)
    return str(CHANGES_NEED_A_NOTE)


# A form puts its own limit in %(limit_value)s (Django's MaxValueValidator).
VOTE_FIELD_ERRORS = {"min_value": VOTES_NOT_NEGATIVE, "max_value": VOTES_TOO_MANY}


class GroupSize(NamedTuple):
    """A steering group's size as a decision's votes are compared with it: ``members``, and
    whether that is the size recorded on the group (``recorded``) or its accounts counted."""

    members: int
    recorded: bool


def steering_size(report) -> GroupSize | None:
    """The size of the steering group deciding ``report`` now: the number of members recorded on
    the group (``SteeringGroup.member_count``, members without a portal account included; never
    below its accounts: ``SteeringGroup.recorded_size``) or, where none is recorded, its programme's
    steering memberships (``SteeringGroup.account_count``: the accounts the steering page lists; a
    membership has no validity dates). ``None``, so the votes are not compared, for a report without
    a programme (an organisation's or enterprise's: its brokers decide, no steering group votes on
    it) and for a programme without a steering group (no ``SteeringGroup`` row: only a superuser
    decides there, and there is no group whose size could be recorded)."""
    if not report.programme_id:
        return None
    group = SteeringGroup.objects.filter(programme=report.programme_id).first()
    if group is None:
        return None
    accounts = group.account_count()
    recorded = group.recorded_size(accounts)
    if recorded:
        return GroupSize(recorded, recorded=True)
    return GroupSize(accounts, recorded=False)


def _more_votes_than_members(votes: int, size: GroupSize) -> str:
    members = size.members
    if not members:
        return _("De stuurgroep van dit programma heeft geen leden in het portaal. Heeft de stuurgroep leden "
                 "zonder account? Vul dan het aantal leden in bij de stuurgroep, of laat de stemmen leeg.")
    if size.recorded:
        return ngettext("Er zijn %(votes)s stemmen opgegeven, maar de stuurgroep heeft %(count)s lid.",
                        "Er zijn %(votes)s stemmen opgegeven, maar de stuurgroep heeft %(count)s leden.",
                        members) % {"votes": votes, "count": members}
    return ngettext("Er zijn %(votes)s stemmen opgegeven, maar de stuurgroep heeft %(count)s lid met een account. "
                    "Heeft de stuurgroep ook leden zonder account? Vul dan het aantal leden in bij de stuurgroep.",
                    "Er zijn %(votes)s stemmen opgegeven, maar de stuurgroep heeft %(count)s leden met een "
                    "account. Heeft de stuurgroep ook leden zonder account? Vul dan het aantal leden in bij de "
                    "stuurgroep.", members) % {"votes": votes, "count": members}


def vote_errors(*, outcome: str, votes_for=None, votes_against=None, votes_abstain=None,
                members: int | GroupSize | None = None) -> dict[str, str]:
    """What is impossible about a decision's vote, per field (the form, the API and
    ``review_decide`` alike): a negative number or more than ``VOTES_MAX``; a vote in which nobody
    voted (all given numbers 0); more votes together than the steering group has ``members``
    (``steering_size``; a bare number is a recorded size; ``None``: no group, not compared); an
    approval without more votes for than against (a field left empty beside a filled one counts 0:
    "approved" with only 3 against was accepted). No vote at all (three empty fields) is fine: not every decision is voted on.
    "Changes requested" is not compared with the majority: whether "for" meant for the report or
    for asking changes cannot be told (and asking changes is no rejection)."""
    votes = dict(zip(VOTE_FIELDS, (votes_for, votes_against, votes_abstain), strict=True))
    size = members if members is None or isinstance(members, GroupSize) else GroupSize(members, recorded=True)
    errors = {}
    for name, value in votes.items():
        if value is not None and value < 0:
            errors[name] = str(VOTES_NOT_NEGATIVE)
        elif value is not None and value > VOTES_MAX:
            errors[name] = str(VOTES_TOO_MANY) % {"limit_value": VOTES_MAX}
    if errors or all(value is None for value in votes.values()):
        return errors
    counted = {name: value or 0 for name, value in votes.items()}
    if not sum(counted.values()):
        errors["votes_for"] = str(NO_VOTES_CAST)
    elif size is not None and sum(counted.values()) > size.members:
        errors["votes_for"] = _more_votes_than_members(sum(counted.values()), size)
    elif outcome == Outcome.APPROVED and counted["votes_for"] <= counted["votes_against"]:
        errors["votes_for"] = str(VOTE_NOT_CARRIED)
    return errors


# --- snapshots --------------------------------------------------------------------------------


def _store(*, kind: str, period: Period, programme, computed) -> Snapshot:
    """A snapshot of ``period`` with the ``computed`` values, written with ``bulk_create`` in batches
    (inside the caller's transaction)."""
    snapshot = Snapshot.objects.create(kind=kind, label=period.label, programme=programme,
                                       period_start=period.start, period_end=period.end)
    owner_field = {Level.ORGANISATION: "organisation_id", Level.REGION: "region_id",
                   Level.PROGRAMME: "programme_id"}
    SnapshotValue.objects.bulk_create(
        (SnapshotValue(snapshot=snapshot, code=c.code, level=c.level, value=c.value, basis=c.basis,
                       source=c.source, **{owner_field[c.level]: c.owner_id}) for c in computed),
        batch_size=BATCH)
    logger.info("snapshot %s %s: %d values", kind, period.label, len(computed))
    return snapshot


def snapshot_take(*, period: Period, kind: str = SnapshotKind.MONTHLY, programme=None) -> tuple[Snapshot, bool]:
    """Store every indicator's value for ``period`` at every level, once: a period that already has
    its snapshot stores nothing new (returns it with ``False``). One snapshot alone: a month is
    measured with its year so far by ``month_take``."""
    lookup = {"kind": kind, "programme": programme} if programme else {"kind": kind, "label": period.label,
                                                                       "programme": None}
    existing = Snapshot.objects.filter(**lookup).first()
    if existing:
        return existing, False
    computed = registry.compute_all(period)
    try:
        with transaction.atomic():
            snapshot = _store(kind=kind, period=period, programme=programme, computed=computed)
    except IntegrityError:  # a concurrent run stored this period first
        return Snapshot.objects.get(**lookup), False
    return snapshot, True


def _year_so_far(end: dt.datetime, month_label: str) -> Period:
    """From 1 January to ``end``, the end of the month ``month_label``: "2026-01/2026-11"."""
    start = timezone.make_aware(dt.datetime(timezone.localtime(end - dt.timedelta(microseconds=1)).year, 1, 1))
    return Period(start, end, f"{timezone.localtime(start).strftime('%Y-%m')}/{month_label}")


@contextmanager
def _one_state_of_the_data():
    """The reads inside see the database as it was at their first: on PostgreSQL a REPEATABLE READ
    transaction (under READ COMMITTED each query sees what was committed just before it); SQLite's
    transaction (IMMEDIATE, the settings) lets no writer in meanwhile. Inside a caller's transaction
    (the demo seeding, tests) its isolation holds: the level is set by a transaction's first query."""
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def month_take(*, period: Period) -> tuple[Snapshot, bool]:
    """The monthly snapshot of ``period`` with its year so far (``year_to_date``: 1 January to the
    month's end), once: both computed from one state of the data (``_one_state_of_the_data``) and
    stored in one transaction, so a stock (read as at the period's end) is the same in both, as a
    report's summary says. The year taken apart, lazily when a report was built, read data that had
    changed since: Haarlem's approved annual report printed the toolbox's progress as 18,6% for
    December and 20,9% for the year (its linked question counts once the portal has a monthly
    snapshot). The registry cannot tell a stock from a flow, so the year is measured in full, not
    copied from the month. A month taken alone before keeps its snapshot and gets its year when
    asked, as before: stored snapshots never change, so no approved report does."""
    lookup = {"kind": SnapshotKind.MONTHLY, "label": period.label, "programme": None}
    existing = Snapshot.objects.filter(**lookup).first()
    if existing:
        year_to_date(existing)
        return existing, False
    year = _year_so_far(period.end, period.label)
    with _one_state_of_the_data():
        computed = registry.compute_all(period)
        # January's year so far is the month itself: the same values.
        year_computed = computed if year.start == period.start else registry.compute_all(year)
    try:
        with transaction.atomic():
            snapshot = _store(kind=SnapshotKind.MONTHLY, period=period, programme=None, computed=computed)
            if not Snapshot.objects.filter(kind=SnapshotKind.YEAR_TO_DATE, label=year.label,
                                           programme=None).exists():
                _store(kind=SnapshotKind.YEAR_TO_DATE, period=year, programme=None, computed=year_computed)
    except IntegrityError:  # a concurrent run stored this month first
        return Snapshot.objects.get(**lookup), False
    return snapshot, True


def year_to_date(monthly: Snapshot) -> Snapshot:
    """The measurement from 1 January to the end of ``monthly``'s month (a report of the year reads
    it beside the month). A monthly snapshot counts a flow ("vragen ingediend in de periode") over its
    month only: the annual report printed November's cases as if they were the year's. Stocks read
    the same at the month's end in both, as the year is taken with the month (``month_take``); a
    month taken alone (before there was ``month_take``) gets its year now, once. Label:
    "2026-01/2026-11"."""
    return snapshot_take(period=_year_so_far(monthly.period_end, monthly.label), kind=SnapshotKind.YEAR_TO_DATE)[0]


def baseline_take(*, programme) -> tuple[Snapshot, bool]:
    """The programme's baseline (*nulmeting*): the values as at its start (flows over the year before)."""
    end = timezone.make_aware(dt.datetime.combine(programme.start_date, dt.time()))
    start = timezone.make_aware(dt.datetime.combine(add_years(programme.start_date, -1), dt.time()))
    period = Period(start, end, _("nulmeting %(slug)s") % {"slug": programme.slug})
    return snapshot_take(period=period, kind=SnapshotKind.BASELINE, programme=programme)


def baseline_of(*, organisation=None, programme=None):
    if programme is not None:
        return Snapshot.objects.filter(kind=SnapshotKind.BASELINE, programme=programme).first()
    if organisation is not None:
        return (Snapshot.objects.filter(kind=SnapshotKind.BASELINE, programme__participants=organisation)
                .order_by("period_end").first())
    return None


def _own_snapshot(period_label: str) -> Snapshot | None:
    return (Snapshot.objects.filter(kind=SnapshotKind.MONTHLY, label__startswith=f"{period_label}-")
            .order_by("-period_end").first())


def check_period(period_label: str) -> None:
    """A report describes a year with a measurement of its own: one stored, or last month's when
    that month is of the year (``snapshot_for_period`` takes it). An earlier year without
    measurements, a year still to come, and January's own year (last month is December of the
    year before) are refused on the field ``period``."""
    if _own_snapshot(period_label):
        return
    year, last_month = int(period_label), registry.previous_month()
    if year < last_month.start.year:
        raise ValidationError({"period": _("Er is geen maandmeting van %(year)s.") % {"year": period_label}})
    if year > last_month.start.year:
        raise ValidationError({"period": _("Er is nog geen maandmeting van %(year)s: de eerste wordt na afloop van "
                                           "januari %(year)s gemaakt.") % {"year": period_label}})


def snapshot_for_period(period_label: str) -> Snapshot:
    """The monthly snapshot a report of ``period_label`` ("2025") is built from: the last month of
    that year that has one; for the current year without one yet, last month's (taken now if
    needed). A year without a measurement of its own has no report (``check_period``)."""
    found = _own_snapshot(period_label)
    if found:
        return found
    check_period(period_label)
    return month_take(period=registry.previous_month())[0]


# --- report requests --------------------------------------------------------------------------


def _scope_key(*, organisation=None, programme=None, enterprise=None) -> str:
    if enterprise is not None:
        return f"enterprise:{enterprise.pk}"
    if programme is not None:
        return f"programme:{programme.pk}"
    return f"organisation:{organisation.pk}"


def check_may_request(*, user, kind, organisation=None, programme=None, enterprise=None) -> None:
    """Annual and evaluation reports of an organisation: its brokers; a programme's report or
    evaluation: its steering group; an enterprise's impact statement: its municipality's brokers
    and its own entrepreneurs. ``user`` None: the scheduler (January drafts)."""
    if user is None:
        return
    if kind == ReportKind.IMPACT_STATEMENT:
        if enterprise is None:
            raise ValidationError({"enterprise": _("Kies de onderneming.")})
        access.require(user, "impact", enterprise)
        return
    if programme is not None:
        allowed = access.owner_choices(user, ReportRequest, access.CHANGE, path="programme")
        owner = programme
    elif organisation is not None:
        allowed = access.owner_choices(user, ReportRequest, access.CHANGE)
        owner = organisation
    else:
        raise ValidationError({"organisation": _("Kies een organisatie of een programma.")})
    if kind == ReportKind.PROGRAMME and programme is None:
        raise ValidationError({"programme": _("Een programmarapportage hoort bij een programma.")})
    if not allowed.filter(pk=owner.pk).exists():
        raise PermissionDenied


def _lock_scope(*, organisation=None, programme=None, enterprise=None) -> None:
    """Lock the row of the report's owner: two requests for one scope at the same moment (a double
    click, the January job beside a broker) take their version numbers one after the other, also
    before any version exists (then there is no report row to lock)."""
    owner = enterprise or programme or organisation
    type(owner)._base_manager.select_for_update().filter(pk=owner.pk).values_list("pk", flat=True).first()


def report_request(*, user, kind: str, period: str, organisation=None, programme=None, enterprise=None,
                   enqueue: bool = True) -> tuple[ReportRequest, bool]:
    """Ask for a report; the same kind, scope, period and snapshot again returns the existing
    request (and its file) instead of making another. Returns ``(report, created)``.

    A period that has versions made from another (earlier) snapshot gets the next version, made
    from the newest snapshot (its ``previous`` the latest version): a second "version 1" was at once
    superseded by the existing version 2 (``later_version``), so it could never be commented on or
    decided, and the public page kept the older figures. The numbers are taken under a lock of the
    scope and of the period's versions (``report_new_version`` locks one of them)."""
    if not (len(period) == 4 and period.isdigit()):
        raise ValidationError({"period": _("Geef een jaar op, bijvoorbeeld 2025.")})
    check_may_request(user=user, kind=kind, organisation=organisation, programme=programme, enterprise=enterprise)
    snapshot = snapshot_for_period(period)
    key = _scope_key(organisation=organisation, programme=programme, enterprise=enterprise)
    versions = ReportRequest.objects.filter(kind=kind, scope_key=key, period=period)
    with transaction.atomic():
        _lock_scope(organisation=organisation, programme=programme, enterprise=enterprise)
        list(versions.select_for_update().values_list("pk", flat=True))
        # Read after the locks (a new statement): a version made meanwhile is seen.
        existing = versions.filter(snapshot=snapshot).order_by("-version").first()
        if existing and existing.status != ReportStatus.FAILED:
            return existing, False
        if existing:  # a failed one is tried again, same row
            report = existing
            ReportRequest.objects.filter(pk=report.pk).update(status=ReportStatus.QUEUED, error="")
            report.refresh_from_db()
        else:
            latest = versions.order_by("-version").first()
            try:
                with transaction.atomic():
                    report = ReportRequest.objects.create(
                        kind=kind, organisation=organisation, programme=programme, enterprise=enterprise,
                        period=period, scope_key=key, snapshot=snapshot, requested_by=user,
                        version=latest.version + 1 if latest else 1, previous=latest)
                    if latest is not None:
                        _copy_texts(source=latest, target=report)
            except IntegrityError:
                # Asked at the same moment by someone else (a database without row locks): theirs
                # is the report, as if it had been found above.
                return versions.filter(snapshot=snapshot).order_by("-version").first(), False
        if enqueue:
            _enqueue(report, user)
        if kind == ReportKind.IMPACT_STATEMENT and user is not None:
            _statement_to_review(report, user)
    return report, True


def _statement_to_review(report: ReportRequest, user) -> None:
    """An impact statement an entrepreneur asked for goes to the brokers of the enterprise's
    municipality, who review and approve it (the report's decide grant): the report page tells the
    entrepreneur so, and the brokers hear it here."""
    from django.urls import reverse

    from impactportal.accounts.constants import Role
    from impactportal.accounts.models import users_with_role
    from impactportal.notifications import notify_all

    enterprise = report.enterprise
    brokers = [broker for broker in users_with_role(Role.BROKER, organisation=enterprise.municipality_id)
               if broker.pk != user.pk]
    notify_all(
        brokers,
        message=lambda: (_("Impactverklaring %(enterprise)s %(year)s ter beoordeling") % {
            "enterprise": enterprise.name, "year": report.period},
            _("%(enterprise)s vroeg haar impactverklaring over %(year)s aan. Beoordeel haar en stel haar vast op "
              "de rapportpagina.") % {"enterprise": enterprise.name, "year": report.period}),
        url=reverse("monitoring:report-detail", args=[report.pk]), dedupe_key=f"monitoring-statement-{report.pk}")


def _enqueue(report: ReportRequest, user) -> None:
    from .tasks import build_report

    job = Job.objects.create(kind="monitoring.report", title=str(report)[:200], created_by=user,
                             organisation=report.organisation)
    ReportRequest.objects.filter(pk=report.pk).update(job=job)
    report.job = job

    def enqueue():
        result = build_report.apply_async(kwargs={"report_id": report.pk, "job_id": job.pk})
        task_id = result.id or ""
        Job.objects.filter(pk=job.pk, task_id="").update(task_id=task_id)
        ReportRequest.objects.filter(pk=report.pk, task_id="").update(task_id=task_id)

    transaction.on_commit(enqueue)


def progress_of(report: ReportRequest) -> int:
    if report.status == ReportStatus.DONE:
        return 100
    return report.job.progress if report.job_id else 0


def report_department_copy(*, report: ReportRequest, store: bool = True):
    """The draft's department copy (``ReportRequest.department_file``): the report with the figures
    computed from a department's rows (``reports.department_values``) replaced by "niet
    beschikbaar voor uw afdeling", for readers of another department (``reports.withheld_in_draft``).
    Made by the task with the file, before the report is done; made here once for a report made
    before there were copies. None when the report holds no such figures. Idempotent: an existing copy is returned as it is.
    ``store=False``: the copy is made and put on ``report``, its caller stores it (the task, with the file)."""
    from django.core.files.base import ContentFile

    from . import reports

    if report.department_file:
        return report.department_file
    held = reports.department_values(report)
    if not held:
        return None
    content = reports.render(report, withheld=frozenset(ind.code for ind in held))
    report.department_file.save(reports.department_filename(report), ContentFile(content), save=False)
    report.department_checksum = reports.checksum(content)
    if store:
        # An update, not save(): the copy is derived from the version's snapshot and may follow its
        # approval (the database's immutability trigger leaves these two columns free).
        ReportRequest.objects.filter(pk=report.pk).update(department_file=report.department_file.name,
                                                          department_checksum=report.department_checksum)
    return report.department_file


def report_file_for(*, report: ReportRequest, user) -> tuple:
    """``(file, filename)`` of a done report as ``user`` reads it: the department copy of a draft
    holding figures not for their department (``reports.withheld_in_draft``), else the file."""
    from . import reports

    if reports.withheld_in_draft(user, report):
        return report_department_copy(report=report), reports.department_filename(report)
    return report.file, reports.filename(report)


# --- review, approval, versions, publication --------------------------------------------------


def _later_versions(report):
    return ReportRequest.objects.filter(kind=report.kind, scope_key=report.scope_key, period=report.period,
                                        version__gt=report.version).order_by("-version")


def later_version(report):
    """The newest version of the same report after ``report`` (None: it is the newest). Comments,
    the decision and publication belong to the newest: a version sent back for changes and
    followed by another is settled (``report_new_version`` treats it so too)."""
    return _later_versions(report).first()


def later_approved(report):
    """A later version of the same report that was approved (None: none)."""
    return _later_versions(report).filter(review_state=ReviewState.APPROVED).first()


def _refuse_if_superseded(report, message=None, error=ValidationError) -> None:
    """``message`` (with %(version)s, the newer version's number): what the caller says instead."""
    later = later_version(report)
    if later is not None:
        raise error((message or _("Er is een nieuwere versie van dit rapport (versie %(version)s); opmerkingen "
                                  "en het besluit horen bij die versie.")) % {"version": later.version})


def review_comment(*, report, by, section: str, body: str) -> Review:
    from . import reports

    with transaction.atomic():
        report = access.require_locked(by, "comment", report)
        if report.is_approved:
            raise ValidationError(_("Dit rapport is vastgesteld; opmerkingen horen bij een nieuwe versie."))
        _refuse_if_superseded(report)
        # The sections this kind of report has (the page's choice; the API asked no question).
        if section not in {key for key, _label in reports.sections(report)}:
            raise ValidationError({"section": _("Dit rapport heeft geen onderdeel “%(section)s”.") % {
                "section": section}})
        if not body.strip():
            raise ValidationError({"body": _("Schrijf uw opmerking.")})
        review = Review.objects.create(report=report, kind=ReviewKind.COMMENT, section=section, body=body, author=by)
        if report.review_state == ReviewState.DRAFT and report.status == ReportStatus.DONE:
            report.review_state = ReviewState.UNDER_REVIEW
            report.save(update_fields=["review_state"])
    return review


# --- the keepers' texts per section --------------------------------------------------------------


class TextsNotEditable(ValidationError):
    """The texts of a version that can no longer change: approved, decided on, or followed by another
    version (a page loaded before that happened is told so, nothing is saved)."""


def check_texts_editable(report) -> None:
    """The texts of a version are written while it is a draft: not approved, no decision recorded
    on it (asking for changes means a new version, which starts from these texts) and no later
    version. Raises ``TextsNotEditable`` saying why not."""
    if report.is_approved:
        raise TextsNotEditable(_("Dit rapport is vastgesteld: de teksten liggen vast. Wijzigingen komen in een nieuwe "
                                 "versie."))
    _refuse_if_superseded(report, _("Er is een nieuwere versie van dit rapport (versie %(version)s); de teksten "
                                    "schrijft u in die versie."), error=TextsNotEditable)
    if report.review_state not in (ReviewState.DRAFT, ReviewState.UNDER_REVIEW):
        raise TextsNotEditable(_("Over deze versie is al besloten: er zijn wijzigingen gevraagd. Maak een nieuwe "
                                 "versie; die begint met deze teksten."))


def texts_editable(report) -> bool:
    try:
        check_texts_editable(report)
    except TextsNotEditable:
        return False
    return True


def report_texts_save(*, report, by, texts: dict[str, str]) -> bool:
    """Store the keepers' texts of ``report`` (``{section: body}``; an empty body removes the
    section's text) and have its PDF made again in the background (the report's job, with
    progress), so that what reviewers download shows them; the comments stay. Under the report's
    lock the version is checked again: decided or superseded since the page was loaded refuses
    (``TextsNotEditable``). Returns whether anything changed (nothing changed: no new PDF)."""
    from . import reports

    with transaction.atomic():
        report = access.require_locked(by, access.CHANGE, report)
        check_texts_editable(report)
        sections = [code for code, _label in reports.text_sections(report)]
        unknown = sorted(set(texts) - set(sections))
        if unknown:
            raise ValidationError(_("Dit rapport heeft geen onderdeel “%(section)s” met een tekst.") % {
                "section": unknown[0]})
        body_field = ReportText._meta.get_field("body")
        bodies, errors = {}, {}
        for section in sections:
            if section not in texts:
                continue
            body = (texts[section] or "").replace("\r\n", "\n").replace("\r", "\n").strip()
            try:
                body_field.run_validators(body)
            except ValidationError as error:
                errors[section] = error.messages
            bodies[section] = body
        if errors:
            raise ValidationError(errors)
        stored = {text.section: text for text in ReportText.objects.filter(report=report)}
        changed = False
        for section, body in bodies.items():
            text = stored.get(section)
            if text is None and body:
                ReportText.objects.create(report=report, section=section, body=body, changed_by=by)
            elif text is not None and not body:
                text.delete()
            elif text is not None and text.body != body:
                text.body, text.changed_by, text.changed_at = body, by, timezone.now()
                text.save(update_fields=["body", "changed_by", "changed_at"])
            else:
                continue
            changed = True
        if changed:
            # Made again, as it was made (``build_report``): until it is done the report is not
            # decided on (``review_decide`` waits for a done report), so nobody decides on a file
            # without the texts.
            ReportRequest.objects.filter(pk=report.pk).update(status=ReportStatus.QUEUED, error="", finished_at=None)
            report.status = ReportStatus.QUEUED
            _enqueue(report, by)
    return changed


def _copy_texts(*, source, target) -> None:
    """A new version starts from the texts of the version it follows, as written (by whom and when)."""
    for text in ReportText.objects.filter(report=source).order_by("id"):
        ReportText.objects.create(report=target, section=text.section, body=text.body,
                                  changed_by_id=text.changed_by_id, changed_at=text.changed_at)


def is_chair(user, report) -> bool:
    """A programme's report is decided by the chair of its steering group; an organisation's by its
    brokers (the policy's decide grant)."""
    if getattr(user, "is_superuser", False):
        return True
    if report.programme_id:
        return SteeringGroup.objects.filter(programme=report.programme_id, chair=user).exists()
    return True  # an organisation's or enterprise's report: the decide grant (its brokers) suffices


def review_decide(*, report, by, outcome: str, note: str = "", votes_for=None, votes_against=None,
                  votes_abstain=None) -> Review:
    """The chair records the steering group's decision (with the vote where one was held)."""
    with transaction.atomic():
        report = access.require_locked(by, "decide", report)
        if not is_chair(by, report):
            raise PermissionDenied(_("Alleen de voorzitter legt het besluit vast."))
        if report.is_approved:
            raise ValidationError(_("Dit rapport is al vastgesteld."))
        _refuse_if_superseded(report)
        if report.status != ReportStatus.DONE:
            raise ValidationError(_("Het rapport is nog niet klaar."))
        if outcome not in Outcome.values:
            raise ValidationError({"outcome": _("Kies vastgesteld of wijzigingen gevraagd.")})
        if outcome == Outcome.CHANGES_REQUESTED and not note.strip():
            raise ValidationError({"note": changes_need_a_note(report)})
        # Asking the same version for changes again is a repeat (a double click recorded the
        # decision twice): the changes go into a new version; approving it after all still can.
        if outcome == Outcome.CHANGES_REQUESTED and report.review_state == ReviewState.CHANGES_REQUESTED:
            raise ValidationError(_("Op deze versie is al om wijzigingen gevraagd; die komen in een nieuwe versie."))
        # The group's size read now, under the report's lock (a member added or ended, or a size
        # recorded, since the form was shown counts as it stands at the moment of deciding).
        errors = vote_errors(outcome=outcome, votes_for=votes_for, votes_against=votes_against,
                             votes_abstain=votes_abstain, members=steering_size(report))
        if errors:
            raise ValidationError(errors)
        review = Review.objects.create(report=report, kind=ReviewKind.DECISION, outcome=outcome, body=note,
                                       votes_for=votes_for, votes_against=votes_against,
                                       votes_abstain=votes_abstain, author=by)
        fields = ["review_state", "approved_by", "approved_at"]
        if outcome == Outcome.APPROVED:
            report.review_state = ReviewState.APPROVED
            report.approved_by, report.approved_at = by, timezone.now()
            fields += _stamp_approval(report)
        else:
            report.review_state = ReviewState.CHANGES_REQUESTED
        report.save(update_fields=fields)
    return review


def _stamp_approval(report: ReportRequest) -> list[str]:
    """The files of ``report``, just approved (not yet saved), made again so that every page says
    "vastgesteld door … op …" instead of "concept" (the stamp of ``monitoring/pdf/report.html``):
    the full file and, where there is one, the department copy. Made here, in the decision's
    transaction and saved with it, because once the approval is stored the file and its checksum
    are frozen (model and database trigger); the figures are the version's snapshot's, unchanged.
    The public variant follows in the background once the decision is committed.
    The earlier "concept" files are removed once the decision is committed. Returns the fields to
    save."""
    from django.core.files.base import ContentFile

    from . import reports

    if not report.file:  # nothing made yet (a decision needs a done report; defensive)
        return []
    replaced = [report.file.name]
    content = reports.render(report)
    report.file.save(reports.filename(report), ContentFile(content), save=False)
    report.checksum = reports.checksum(content)
    fields = ["file", "checksum"]
    if report.department_file:
        held = reports.department_values(report)
        replaced.append(report.department_file.name)
        copy = reports.render(report, withheld=frozenset(ind.code for ind in held))
        report.department_file.save(reports.department_filename(report), ContentFile(copy), save=False)
        report.department_checksum = reports.checksum(copy)
        fields += ["department_file", "department_checksum"]
    storage = report.file.storage
    current = {report.file.name, report.department_file.name}

    def remove():
        for name in replaced:
            if name and name not in current:  # a storage that overwrites kept the name
                storage.delete(name)

    transaction.on_commit(remove)
    transaction.on_commit(lambda: _enqueue_public_file(report.pk))
    return fields


def _enqueue_public_file(report_id: int) -> None:
    from .tasks import build_public_file

    build_public_file.apply_async(kwargs={"report_id": report_id})


def public_file_made(report: ReportRequest) -> bool:
    return bool(report.public_file) and report.public_file.storage.exists(report.public_file.name)


def _make_public_file(report: ReportRequest) -> list[str]:
    """Render and attach (not save) the public variant; returns the fields to save."""
    from django.core.files.base import ContentFile

    from . import reports

    content = reports.render(report, public=True)
    report.public_file.save(reports.public_filename(report), ContentFile(content), save=False)
    report.public_checksum = reports.checksum(content)  # what visitors download, not the internal file
    return ["public_file", "public_checksum"]


def report_public_file(*, report_id: int) -> bool:
    """The public variant of an approved report, made right after the approval (``tasks.
    build_public_file``) from the version as approved: published months later, it still shows what
    the steering group approved, though the goals, certificates and analyses a report reads beside
    its snapshot may have changed since. Not in the decision's own request: the approval already
    renders the approved files, and this one may still change after it (``MUTABLE_WHEN_APPROVED``).
    Under the row's lock: a publication at the same moment makes it once. False: nothing to make
    (not approved, or made already)."""
    with transaction.atomic():
        report = ReportRequest.objects.select_for_update().filter(pk=report_id).first()
        if report is None or not report.is_approved or public_file_made(report):
            return False
        report.save(update_fields=_make_public_file(report))
    return True


def report_new_version(*, report, by) -> ReportRequest:
    """After changes were requested (or to update an approved one): a new version from the latest
    snapshot; the earlier versions and their reviews stay as they are. Once per version: when a
    later version exists already (a double click, or two keepers at once: the second waits for the
    lock) that one is returned and nothing is made; a version still in draft (no changes asked,
    not approved) gets no successor, as the report page offers none."""
    with transaction.atomic():
        report = access.require_locked(by, access.CHANGE, report)
        latest = ReportRequest.objects.filter(kind=report.kind, scope_key=report.scope_key,
                                              period=report.period).order_by("-version").first()
        if latest.version > report.version:
            return latest
        if report.status != ReportStatus.DONE or not (
                report.is_approved or report.review_state == ReviewState.CHANGES_REQUESTED):
            raise ValidationError(_("Een nieuwe versie kan pas als de stuurgroep om wijzigingen heeft gevraagd of "
                                    "het rapport heeft vastgesteld."))
        new = ReportRequest.objects.create(
            kind=report.kind, organisation=report.organisation, programme=report.programme,
            enterprise=report.enterprise, period=report.period, scope_key=report.scope_key,
            snapshot=snapshot_for_period(report.period), version=latest.version + 1, previous=report,
            requested_by=by)
        _copy_texts(source=report, target=new)  # the drafter edits from there
        _enqueue(new, by)
    return new


def report_publish(*, report, by) -> ReportRequest:
    """Publish an approved report: its public version (without the internal appendix), made right
    after the approval (``report_public_file``), becomes visible. One not made yet (published at
    once, a version approved before approvals made it, a file gone from storage) is made now."""
    with transaction.atomic():
        report = access.require_locked(by, "publish", report)
        if not report.is_approved:
            raise ValidationError(_("Alleen een vastgesteld rapport kan worden gepubliceerd."))
        if report.published_at:
            return report
        later = later_approved(report)
        if later is not None:  # an outdated figure would go public beside (or instead of) the newer one
            raise ValidationError(_("Versie %(version)s van dit rapport is later vastgesteld; publiceer die.") % {
                "version": later.version})
        fields = ["published_at"] + ([] if public_file_made(report) else _make_public_file(report))
        report.published_at = timezone.now()
        report.save(update_fields=fields)
    return report
