"""State changes of the register: registration, admission, certificate verification and the
daily certificate checks. Keyword-only, inside a transaction, called from views, API, tasks and
the admin alike; audit entries come from django-auditlog (actor from the request or
``audit.acting_as``)."""

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from impactportal import access
from impactportal.accounts.constants import Role
from impactportal.accounts.models import Membership, users_with_role
from impactportal.integrity import explain_integrity_error
from impactportal.notifications import notify_all, render
from impactportal.text import short_date

from . import admission, checks, signals
from .constants import (
    AdmissionMode,
    AdmissionRoute,
    AdmissionStatus,
    CertificationSource,
    CertificationStatus,
    Scheme,
)
from .models import AdmissionRule, Certification, DefinitionCheck, Enterprise

logger = logging.getLogger(__name__)

# --- people to tell -------------------------------------------------------------------------


def brokers_of(organisation_id):
    return list(users_with_role(Role.BROKER, organisation=organisation_id))


def entrepreneurs_of(enterprise_id):
    return list(users_with_role(Role.ENTREPRENEUR, enterprise=enterprise_id))


def _tell(*, enterprise, message, key, brokers=True, entrepreneurs=True, broker_cache=None):
    """Notify the municipality's brokers (register page) and the entrepreneurs (their own page).
    ``message``: ``() -> (subject, body)``, written in each language (see ``impactportal.notifications``)."""
    texts = render(message)
    sent = 0
    if brokers:
        recipients = (broker_cache.setdefault(enterprise.municipality_id, brokers_of(enterprise.municipality_id))
                      if broker_cache is not None else brokers_of(enterprise.municipality_id))
        sent += notify_all(recipients, message=texts, dedupe_key=key,
                           url=reverse("enterprises:detail", args=[enterprise.pk]))
    if entrepreneurs:
        sent += notify_all(entrepreneurs_of(enterprise.pk), message=texts, dedupe_key=key,
                           url=reverse("enterprises:mine-detail", args=[enterprise.pk]))
    return sent


# --- registration and admission -------------------------------------------------------------


@transaction.atomic
def enterprise_register(*, by, themes=(), sdgs=(), **values) -> Enterprise:
    """An entrepreneur registers their enterprise: it enters the register (not the showcase)
    and the user becomes its entrepreneur."""
    enterprise = Enterprise(**values)
    enterprise.full_clean()
    try:
        with transaction.atomic():  # a savepoint: a parallel registration may take the KvK number first
            enterprise.save()
    except IntegrityError as error:
        raise explain_integrity_error(enterprise) from error
    enterprise.themes.set(themes)
    enterprise.sdgs.set(sdgs)
    Membership.objects.get_or_create(user=by, role=Role.ENTREPRENEUR, enterprise=enterprise)
    access.forget(by)
    return enterprise


def definition_check_save(*, enterprise, organisation, by, values: dict) -> DefinitionCheck:
    """Record an organisation's assessment: one per enterprise and organisation. Two first saves
    at the same moment (a double click) both find no check; update_or_create inserts under the
    unique constraint and, when the other insert won, updates that row instead of failing."""
    check, _created = DefinitionCheck.objects.update_or_create(
        enterprise=enterprise, organisation=organisation, defaults={**values, "checked_by": by})
    return check


@transaction.atomic
def enterprise_apply(*, enterprise, by) -> Enterprise:
    enterprise = access.require_locked(by, access.CHANGE, enterprise)
    if enterprise.admission_status not in (AdmissionStatus.NOT_APPLIED, AdmissionStatus.REJECTED):
        raise ValidationError(_("Deze onderneming heeft de toelating al aangevraagd of is al toegelaten."))
    enterprise.admission_status = AdmissionStatus.APPLIED
    enterprise.applied_at = timezone.now()
    enterprise.save(update_fields=["admission_status", "applied_at", "updated_at"])
    if admission.admit_on_label(enterprise=enterprise):
        enterprise.refresh_from_db()
        return enterprise  # the platform admits automatically on a valid recognised label
    _tell(enterprise=enterprise, entrepreneurs=False, message=lambda: (
              _("Aanvraag toelating etalage: %(name)s") % {"name": enterprise.name},
              _("%(name)s vraagt toelating tot de etalage aan. Beoordeel de aanvraag in het register.")
              % {"name": enterprise.name}),
          key=f"admission:{enterprise.pk}:applied:{enterprise.applied_at:%Y%m%d%H%M%S}")
    return enterprise


@transaction.atomic
def admission_start_review(*, enterprise, by) -> Enterprise:
    enterprise = access.require_locked(by, "decide", enterprise)
    if enterprise.admission_status != AdmissionStatus.APPLIED:
        raise ValidationError(_("Alleen een ingediende aanvraag kan in behandeling worden genomen."))
    enterprise.admission_status = AdmissionStatus.UNDER_REVIEW
    enterprise.save(update_fields=["admission_status", "updated_at"])
    return enterprise


@transaction.atomic
def admission_decide(*, enterprise, by, admit: bool, reasons: str = "", today: dt.date | None = None,
                     publish: bool = False) -> Enterprise:
    """Admit or reject an application under review. Admitted without a quality mark, the
    enterprise gets the platform's SROI badge for one year (see checks.badge_valid_until).
    ``publish``: admitted, its profile is published in the showcase at once, by a decider who
    may change the enterprise (publication is otherwise the entrepreneur's own step)."""
    today = today or timezone.localdate()
    enterprise = access.require_locked(by, "decide", enterprise)
    publish = bool(publish and admit and not enterprise.is_published)
    if publish and not access.can(by, access.CHANGE, enterprise):
        raise PermissionDenied(_("U mag het profiel van deze onderneming niet publiceren."))
    if enterprise.admission_status != AdmissionStatus.UNDER_REVIEW:
        raise ValidationError(_("Neem de aanvraag eerst in behandeling."))
    reasons = (reasons or "").strip()
    if not admit and not reasons:
        raise ValidationError({"reasons": _("Geef bij een afwijzing de redenen op.")})
    try:  # the column's limit (TEXT_MAX), for every caller: the save below skips full_clean
        Enterprise._meta.get_field("admission_reasons").run_validators(reasons)
    except ValidationError as error:
        raise ValidationError({"reasons": error.messages}) from error
    if admit:
        rule = admission.rule_for(enterprise)
        if rule.mode == AdmissionMode.LABEL:
            raise ValidationError({"decision": _(
                "Dit platform laat alleen toe op een geldig erkend keurmerk (%(labels)s); een commissiebesluit "
                "kan dat niet vervangen.") % {"labels": ", ".join(rule.accepted_labels())}})
    enterprise.admission_status = AdmissionStatus.ADMITTED if admit else AdmissionStatus.REJECTED
    enterprise.admission_decided_at = timezone.now()
    enterprise.admission_decided_by = by if getattr(by, "pk", None) else None
    enterprise.admission_reasons = reasons
    enterprise.admission_route = AdmissionRoute.COMMITTEE if admit else ""
    enterprise.admission_certificate = None
    if publish:
        enterprise.is_published = True  # saved: the showcase's cache follows (``showcase.connect_cache_invalidation``)
    enterprise.save(update_fields=["admission_status", "admission_decided_at", "admission_decided_by",
                                   "admission_reasons", "admission_route", "admission_certificate", "updated_at",
                                   *(["is_published"] if publish else [])])
    badge, bridge_over = None, False
    if admit:
        facts = [c.facts for c in enterprise.certifications.all()]
        if not checks.has_quality_mark(facts, today):
            badge = issue_badge(enterprise=enterprise, by=by, today=today)
            bridge_over = badge is None
    def message():
        if not admit:
            return (_("Aanvraag voor de etalage afgewezen: %(name)s") % {"name": enterprise.name},
                    _("Redenen: %(reasons)s") % {"reasons": reasons})
        body = (_("Uw onderneming is toegelaten en staat nu in de etalage.") if publish else
                _("Uw onderneming is toegelaten. Zet 'gepubliceerd' aan om zichtbaar te worden in de etalage."))
        if badge:
            body += " " + _("U krijgt de SROI-badge van het platform tot en met %(end)s. Behaal binnen die tijd "
                            "een certificaat Code Sociale Ondernemingen of PSO 30+, anders vervalt de badge.") % {
                "end": short_date(badge.valid_until)}
        elif bridge_over:
            body += " " + _("Het jaar van de SROI-badge van het platform is voorbij; voor SROI-opdrachten telt nu "
                            "alleen een certificaat Code Sociale Ondernemingen of PSO 30+.")
        return _("%(name)s is toegelaten tot de etalage") % {"name": enterprise.name}, body

    _tell(enterprise=enterprise, brokers=False, message=message,
          key=f"admission:{enterprise.pk}:{enterprise.admission_status}:{enterprise.admission_decided_at:%Y%m%d%H%M%S}")
    return enterprise


def issue_badge(*, enterprise, by, today: dt.date) -> Certification | None:
    """The platform's SROI badge for an enterprise admitted without a quality mark. It bridges one
    year from the enterprise's first admission: a re-admission after a material change restores
    it until that same end, never for a fresh year (else every move would extend the bridge), and
    once that year is over there is no badge: only a quality mark counts. ``None`` then."""
    earlier = Certification.objects.filter(enterprise=enterprise, scheme=Scheme.SROI_BADGE,
                                            source=CertificationSource.ADMISSION).order_by("issued_on", "pk")
    first = earlier.first()
    valid_until = checks.badge_valid_until(first.issued_on or today if first else today)
    values = {
        "issuer": f"Impactportaal — {enterprise.municipality.name}", "valid_until": valid_until,
        "status": CertificationStatus.VERIFIED,
        "verified_by": by if getattr(by, "pk", None) else None, "verified_at": timezone.now(),
    }
    if first is None:
        return Certification.objects.create(
            enterprise=enterprise, scheme=Scheme.SROI_BADGE, number=f"SROI-{enterprise.kvk_number}-{today.year}",
            issued_on=today, source=CertificationSource.ADMISSION, **values)
    if valid_until < today:
        return None
    badge = earlier.last()
    if badge.status in checks.STICKY_STATUSES and badge.verified_at is not None:
        return None  # revoked or disputed by a broker (``end_admission_badges`` clears verified_at): that stands
    if not checks.is_valid(badge.facts, today):
        # Ended when the admission was re-opened (``enterprise_changed``): the new admission restores
        # it, by the municipality that admitted; ``issued_on`` stays, so the year keeps its start.
        # Its number follows the KvK number, which may have been the change.
        values["number"] = f"SROI-{enterprise.kvk_number}-{badge.issued_on.year if badge.issued_on else today.year}"
        for name, value in values.items():
            setattr(badge, name, value)
        badge.save(update_fields=[*values, "updated_at"])
    return badge


def end_admission_badges(enterprise) -> int:
    """End (revoke, not delete) the badges the admission issued: they rest on a decision that no
    longer holds. The history keeps them; a new admission issues the badge again (``issue_badge``)."""
    ended = 0
    badges = Certification.objects.select_for_update().filter(
        enterprise=enterprise, source=CertificationSource.ADMISSION).exclude(status__in=checks.STICKY_STATUSES)
    for badge in badges:
        # Without its verification: that is how ``issue_badge`` tells this end from a broker's
        # revocation, which a re-admission does not undo.
        badge.status, badge.verified_at, badge.verified_by = CertificationStatus.REVOKED, None, None
        badge.save(update_fields=["status", "verified_at", "verified_by", "updated_at"])  # audited; the cache follows
        ended += 1
    return ended


# The admission's state: decided by the services on the locked row, never by a profile form.
ADMISSION_STATE = ("admission_status", "applied_at", "admission_decided_at", "admission_decided_by_id",
                   "admission_reasons", "admission_route", "admission_certificate_id")


def enterprise_lock_admission_state(enterprise) -> None:
    """Call inside the transaction that will save a profile edit of ``enterprise``, before the save:
    locks the row and takes its admission state as it is now. The edit saves the whole row, so a
    decision taken after the form read it (admitted while the entrepreneur typed) was written back
    to "under review" by the stale copy."""
    current = Enterprise.objects.select_for_update().filter(pk=enterprise.pk).values(*ADMISSION_STATE).first()
    for name, value in (current or {}).items():
        setattr(enterprise, name, value)


# Facts the admission decision was about: changing one of them by someone other than the
# municipality's brokers sends an admitted enterprise back to review (and out of the showcase).
MATERIAL_FACTS = ("name", "kvk_number", "municipality")


def sends_back_to_review(enterprise, by, changed) -> bool:
    """Whether changing the fields ``changed`` sends this admitted enterprise back to review."""
    return (enterprise.admission_status == AdmissionStatus.ADMITTED and bool(set(changed) & set(MATERIAL_FACTS))
            and not access.can(by, "decide", enterprise))


def enterprise_changed(*, enterprise, by, changed, previous_municipality=None) -> Enterprise:
    """Call inside the transaction that saved ``enterprise`` with the names of the changed fields
    (and, when the municipality may have changed, the one it had before: its id or the object).

    An admitted enterprise whose material fact someone other than its deciding brokers changed
    applies anew: the decision it had (when, by whom, why) is no longer the current one (the
    change log keeps it), the badge the admission issued ends, and the brokers of the
    municipality are told — those of the previous one as well when it moved."""
    if not sends_back_to_review(enterprise, by, changed):
        return enterprise
    enterprise.admission_status = AdmissionStatus.APPLIED
    enterprise.applied_at = timezone.now()
    enterprise.admission_route = ""
    enterprise.admission_certificate = None
    enterprise.admission_decided_at = None
    enterprise.admission_decided_by = None
    enterprise.admission_reasons = ""
    enterprise.save(update_fields=["admission_status", "applied_at", "admission_route", "admission_certificate",
                                   "admission_decided_at", "admission_decided_by", "admission_reasons",
                                   "updated_at"])
    badge_ended = end_admission_badges(enterprise) > 0

    def badge_line():
        return (" " + _("De SROI-badge van het platform die bij de toelating werd uitgereikt, is ingetrokken tot een "
                        "nieuw besluit.")) if badge_ended else ""

    key = f"admission:{enterprise.pk}:changed:{enterprise.applied_at:%Y%m%d%H%M%S}"
    _tell(enterprise=enterprise, entrepreneurs=False, message=lambda: (
              _("Opnieuw beoordelen: %(name)s") % {"name": enterprise.name},
              _("De ondernemer heeft naam, KvK-nummer of gemeente van %(name)s gewijzigd. De onderneming staat "
                "niet meer in de etalage tot u de toelating opnieuw beoordeelt.") % {"name": enterprise.name}
              + badge_line()),
          key=key)
    previous_id = getattr(previous_municipality, "pk", previous_municipality)
    if previous_id and previous_id != enterprise.municipality_id:
        # The municipality that admitted it (and may hold contracts with it) hears that its decision lapsed.
        notify_all(brokers_of(previous_id), dedupe_key=f"{key}:previous",
                   url=reverse("enterprises:detail", args=[enterprise.pk]), message=lambda: (
                       _("Verhuisd naar een andere gemeente: %(name)s") % {"name": enterprise.name},
                       _("De ondernemer heeft %(name)s verplaatst naar %(new)s. De toelating die uw "
                         "gemeente gaf, geldt niet meer: %(new)s beoordeelt de onderneming opnieuw en tot die tijd "
                         "staat zij niet in de etalage.") % {"name": enterprise.name,
                                                              "new": enterprise.municipality.name}
                       + badge_line() + " "
                       + _("Ga na wat dit betekent voor lopende afspraken met de onderneming, zoals SROI-contracten.")))
    return enterprise


def may_own_admission_rule(user, rule) -> bool:
    """Whether ``user`` may keep the admission rule of its owner (organisation or region)."""
    path = "organisation" if rule.organisation_id else "region"
    owner_id = rule.organisation_id or rule.region_id
    return bool(owner_id) and access.owner_choices(user, AdmissionRule, path=path).filter(pk=owner_id).exists()


# --- certificates ---------------------------------------------------------------------------

# Changing these facts makes an earlier verification meaningless.
VERIFIED_FACTS = ("scheme", "number", "issuer", "issued_on", "valid_until", "evidence")


@transaction.atomic
def certification_save(*, certification, by, changed=(), today=None) -> Certification:
    """Save a certificate entered or edited by hand. Only a broker of the enterprise's
    municipality keeps (or sets) a verification; an entrepreneur's change makes it unverified."""
    today = today or timezone.localdate()
    if certification.pk is not None:
        # The decisions on it as they are now, on the locked row: the form or API read the row
        # before; a revocation or verification since was written back by that stale copy.
        current = (Certification.objects.select_for_update().filter(pk=certification.pk)
                   .values("status", "verified_at", "verified_by_id").first())
        for name, value in (current or {}).items():
            setattr(certification, name, value)
    touched = certification.pk is None or set(changed) & set(VERIFIED_FACTS)
    if touched and not access.can(by, "verify", certification):
        certification.verified_at = None
        certification.verified_by = None
        if certification.status not in checks.STICKY_STATUSES:
            certification.status = CertificationStatus.UNVERIFIED
    certification.full_clean()
    certification.status = checks.compute_status(certification.facts, today)
    certification.save()
    label_admission_recheck(enterprise=certification.enterprise, today=today)
    return certification


def label_admission_recheck(*, enterprise, today=None) -> bool:
    """An admission on a label rests on that certificate: revoked, disputed, edited into
    "unverified" or deleted, the admission is withdrawn now (unless another accepted label holds),
    not at the next night's run, when the showcase had listed it on a label that no longer counts.
    Call inside the transaction that changed the certificate. Returns whether it withdrew."""
    if enterprise.admission_route != AdmissionRoute.LABEL:
        return False
    return admission.withdraw_if_lapsed(enterprise=enterprise, today=today or timezone.localdate())


@transaction.atomic
def certification_verify(*, certification, by, today=None) -> Certification:
    today = today or timezone.localdate()
    certification = access.require_locked(by, "verify", certification)
    if certification.verified_at is not None and certification.status not in checks.STICKY_STATUSES:
        # Already verified: the first verification (who, when) is the record; a second click or
        # a retried API call reset verified_at to now. Verifying a revoked or disputed one again
        # still lifts that decision.
        return certification
    certification.verified_by = by
    certification.verified_at = timezone.now()
    if certification.status in checks.STICKY_STATUSES:
        certification.status = CertificationStatus.UNVERIFIED  # verifying again lifts a dispute
    certification.status = checks.compute_status(certification.facts, today)
    certification.save(update_fields=["verified_by", "verified_at", "status", "updated_at"])
    # A verified label of an accepted scheme admits an open application on an automatic platform.
    admission.admit_on_label(enterprise=certification.enterprise, today=today)
    return certification


@transaction.atomic
def certification_set_status(*, certification, by, status) -> Certification:
    """Revoke or dispute (brokers only): decisions the daily job never overrides."""
    certification = access.require_locked(by, "verify", certification)
    if status not in checks.STICKY_STATUSES:
        raise ValidationError({"status": _("Alleen intrekken of betwisten kan met de hand.")})
    certification.status = status
    certification.save(update_fields=["status", "updated_at"])
    label_admission_recheck(enterprise=certification.enterprise)
    return certification


# --- the daily check ------------------------------------------------------------------------


def run_certification_checks(*, today: dt.date) -> dict:
    """Apply the checks: store each certificate's status as of ``today`` and tell brokers and
    entrepreneurs about certificates that expire soon or expired and badges that lapsed.

    Idempotent: statuses converge, and every notification has a dedupe key tied to the
    certificate and its end date, so a second run (same day or later) sends nothing again."""
    horizon = today + dt.timedelta(days=checks.EXPIRING_WITHIN_DAYS)
    candidates = (
        Certification.objects.exclude(status__in=checks.STICKY_STATUSES)
        .filter(Q(valid_until__lte=horizon) | Q(status__in=[CertificationStatus.EXPIRING, CertificationStatus.EXPIRED]))
        .select_related("enterprise__municipality")
        .order_by("pk")
    )
    summary = {"checked": 0, "status_changed": 0, "notifications": 0, "badges_lapsed": 0}
    broker_cache: dict = {}
    for cert in candidates.iterator(chunk_size=2000):
        summary["checked"] += 1
        with transaction.atomic():
            new_status = checks.compute_status(cert.facts, today)
            if new_status != cert.status:
                # The row as it is now, locked: the list was read before; a broker who revoked or
                # disputed it since (a run over every municipality takes a while) had that decision
                # overwritten by the status computed from the old row.
                locked = Certification.objects.select_for_update().filter(pk=cert.pk).first()
                if locked is None or locked.status in checks.STICKY_STATUSES:
                    continue
                locked.enterprise = cert.enterprise
                cert = locked
                new_status = checks.compute_status(cert.facts, today)
                if new_status != cert.status:
                    cert.status = new_status
                    cert.save(update_fields=["status", "updated_at"])
                    summary["status_changed"] += 1
            sent, lapsed = _notify_about(cert, today, broker_cache)
            summary["notifications"] += sent
            summary["badges_lapsed"] += lapsed
    # Admission rules: open applications with a now-valid label are admitted, automatic
    # admissions whose label lapsed are withdrawn.
    summary.update(admission.sweep(today=today))
    # Other apps act on the new statuses (a subscriber's failure must not undo the register's checks).
    for receiver, result in signals.certificates_checked.send_robust(sender=Certification, today=today):
        if isinstance(result, Exception):
            logger.error("certificates_checked receiver %r failed", receiver, exc_info=result)
        elif isinstance(result, dict):
            summary.update(result)
    return summary


def _notify_about(cert, today, broker_cache) -> tuple[int, int]:
    enterprise = cert.enterprise

    def values():  # in the language being written: the scheme's name and the date
        end = short_date(cert.valid_until) if cert.valid_until else ""
        return {"scheme": cert.get_scheme_display(), "name": enterprise.name, "end": end}

    if cert.scheme == Scheme.SROI_BADGE:
        others = [c.facts for c in enterprise.certifications.all()]
        if checks.badge_grace_over(cert.facts, others, today):
            sent = _tell(enterprise=enterprise, broker_cache=broker_cache, message=lambda: (
                             _("SROI-badge vervallen: %(name)s") % values(),
                             _("Binnen een jaar na toelating is geen certificaat Code Sociale Ondernemingen of "
                               "PSO 30+ behaald. De SROI-badge van %(name)s is per %(end)s vervallen.") % values()),
                         key=f"badge:{cert.pk}:lapsed:{cert.valid_until}")
            return sent, 1
        if checks.is_expiring(cert.facts, today) and not checks.has_qualifying_certificate(others, today):
            return _tell(enterprise=enterprise, broker_cache=broker_cache, message=lambda: (
                             _("SROI-badge loopt af: %(name)s") % values(),
                             _("De SROI-badge van %(name)s loopt af op %(end)s. Behaal vóór die datum een "
                               "certificaat Code Sociale Ondernemingen of PSO 30+.") % values()),
                         key=f"badge:{cert.pk}:expiring:{cert.valid_until}"), 0
        return 0, 0
    if cert.status == CertificationStatus.EXPIRED:
        return _tell(enterprise=enterprise, broker_cache=broker_cache, message=lambda: (
                         _("Certificaat verlopen: %(scheme)s van %(name)s") % values(),
                         _("Het certificaat %(scheme)s van %(name)s is verlopen op %(end)s. Voeg een nieuw "
                           "certificaat toe.") % values()),
                     key=f"cert:{cert.pk}:expired:{cert.valid_until}"), 0
    if cert.status == CertificationStatus.EXPIRING:
        return _tell(enterprise=enterprise, broker_cache=broker_cache, message=lambda: (
                         _("Certificaat verloopt binnenkort: %(scheme)s van %(name)s") % values(),
                         _("Het certificaat %(scheme)s van %(name)s verloopt op %(end)s.") % values()),
                     key=f"cert:{cert.pk}:expiring:{cert.valid_until}"), 0
    return 0, 0
