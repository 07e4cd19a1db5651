"""Admission rules per platform: which rule applies to an enterprise, automatic admission on a
valid recognised label and its withdrawal when that label lapses.

- ``rule_for(enterprise)``: the municipality's rule, else the rule of a region the municipality
  belongs to (the first by region name when there are several), else the default rule (a
  committee decides, the five common characteristics as the definition check).
- ``admit_on_label``: an application (applied or under review) under an automatic rule with a
  verified, valid certificate of an accepted scheme is admitted; the reason says which label.
  Called when a broker verifies a certificate, when an enterprise applies, and by the daily job.
- ``withdraw_if_lapsed``: an enterprise admitted automatically whose label is no longer valid and
  that holds no other accepted valid label goes back to "applied" (the committee reviews it, or it
  waits for a new label); the reason is recorded and the brokers are told once. Committee
  admissions are never withdrawn automatically.

Every change is saved on the locked row inside a transaction; django-auditlog records it (the
actor is the broker, or nobody for the daily job)."""

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from impactportal.text import short_date

from . import checks
from .constants import AdmissionMode, AdmissionRoute, AdmissionStatus
from .models import AdmissionRule, Certification, Enterprise

logger = logging.getLogger(__name__)

# Applications the automatic route may decide; a rejection stays a committee's decision.
OPEN = (AdmissionStatus.APPLIED, AdmissionStatus.UNDER_REVIEW)


def default_rule() -> AdmissionRule:
    """The rule where no organisation or region set one: a committee decides."""
    return AdmissionRule(mode=AdmissionMode.COMMITTEE, accepted_schemes=[])


def _ordered(queryset):
    # The municipality's own rule first; among regional rules the first by region name.
    return queryset.select_related("organisation", "region").order_by("region__name", "region_id")


def rule_for(enterprise) -> AdmissionRule:
    """The admission rule of the enterprise's municipality, else of its region, else the default."""
    return rule_for_municipality(enterprise.municipality_id)


def rule_for_municipality(municipality_id) -> AdmissionRule:
    rules = list(_ordered(AdmissionRule.objects.filter(
        Q(organisation_id=municipality_id) | Q(region__members=municipality_id))))
    own = next((rule for rule in rules if rule.organisation_id == municipality_id), None)
    return own or (rules[0] if rules else default_rule())


def rules_by_municipality() -> dict[int, AdmissionRule]:
    """Every municipality that has a rule (its own or a region's), with that rule: two queries."""
    rules = list(_ordered(AdmissionRule.objects.prefetch_related("region__members")))
    found: dict[int, AdmissionRule] = {}
    for rule in rules:
        if rule.region_id:
            for member in rule.region.members.all():
                found.setdefault(member.pk, rule)
    for rule in rules:
        if rule.organisation_id:
            found[rule.organisation_id] = rule  # the municipality's own rule wins
    return found


def who_assesses(rule: AdmissionRule, *, applied: bool = False, staff: bool = False) -> str:
    """Who decides on an application under ``rule``, for the entrepreneur: before they apply (their
    page) and after (the message), in the same terms. The page said a selection committee would
    assess it and the message after applying that a broker would, whatever the rule.
    ``staff``: for a broker who applied on the enterprise's behalf (after applying), about the
    enterprise and its entrepreneur rather than to them."""
    labels = ", ".join(rule.accepted_labels())
    if staff:
        if not rule.committee_decides:
            return _("De onderneming wordt toegelaten zodra een makelaar van haar gemeente een geldig certificaat "
                     "van een erkend keurmerk (%(labels)s) heeft geverifieerd.") % {"labels": labels}
        if rule.is_automatic:
            return _("Een selectiecommissie van de gemeente beoordeelt haar, tenzij de onderneming eerder wordt "
                     "toegelaten op een geverifieerd, geldig certificaat van een erkend keurmerk (%(labels)s).") % {
                "labels": labels}
        return _("Een selectiecommissie van de gemeente beoordeelt haar; de ondernemer krijgt bericht van het "
                 "besluit.")
    if not rule.committee_decides:  # automatic on a label only
        return _("U wordt toegelaten zodra een makelaar van uw gemeente een geldig certificaat van een erkend "
                 "keurmerk (%(labels)s) heeft geverifieerd.") % {"labels": labels}
    if rule.is_automatic:
        if applied:
            return _("Een selectiecommissie van uw gemeente beoordeelt haar, tenzij u eerder wordt toegelaten op een "
                     "geverifieerd, geldig certificaat van een erkend keurmerk (%(labels)s).") % {"labels": labels}
        return _("Met een geverifieerd, geldig certificaat van een erkend keurmerk (%(labels)s) wordt u direct "
                 "toegelaten; anders beoordeelt een selectiecommissie van uw gemeente of u een impactonderneming "
                 "bent.") % {"labels": labels}
    if applied:
        return _("Een selectiecommissie van uw gemeente beoordeelt haar; u krijgt bericht van het besluit.")
    return _("Een selectiecommissie van uw gemeente beoordeelt of u een impactonderneming bent.")


# --- automatic admission --------------------------------------------------------------------


def _facts(enterprise):
    return [c.facts for c in enterprise.certifications.all()]


def admit_on_label(*, enterprise, today: dt.date | None = None, rule: AdmissionRule | None = None) -> bool:
    """Admit an open application when its rule admits automatically and a label qualifies.
    Returns whether it admitted. Call inside a transaction; the row is locked here."""
    today = today or timezone.localdate()
    rule = rule or rule_for(enterprise)
    if not rule.is_automatic:
        return False
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if enterprise.admission_status not in OPEN:
        return False
    label = checks.admitting_label(_facts(enterprise), rule.accepted_schemes, today)
    if label is None:
        return False
    cert = Certification.objects.get(pk=label.id)

    def values():  # in the language being written: the label's name
        return {"label": cert.get_scheme_display(), "number": cert.number or "—",
                "platform": rule.platform_name or rule.owner}

    enterprise.admission_status = AdmissionStatus.ADMITTED
    enterprise.admission_route = AdmissionRoute.LABEL
    enterprise.admission_certificate = cert
    enterprise.admission_decided_at = timezone.now()
    enterprise.admission_decided_by = None  # nobody decided: the rule did
    enterprise.admission_reasons = _("Automatisch toegelaten door %(platform)s op het geldige keurmerk %(label)s "
                                     "(nummer %(number)s).") % values()
    enterprise.save(update_fields=["admission_status", "admission_route", "admission_certificate",
                                   "admission_decided_at", "admission_decided_by", "admission_reasons",
                                   "updated_at"])
    from .services import _tell

    _tell(enterprise=enterprise, brokers=False, message=lambda: (
              _("%(name)s is toegelaten tot de etalage") % {"name": enterprise.name},
              _("Uw onderneming is automatisch toegelaten op het keurmerk %(label)s. Zet 'gepubliceerd' aan om "
                "zichtbaar te worden in de etalage.") % values()),
          key=f"admission:{enterprise.pk}:label:{cert.pk}:{enterprise.admission_decided_at:%Y%m%d%H%M%S}")
    return True


def withdraw_if_lapsed(*, enterprise, today: dt.date, rule: AdmissionRule | None = None,
                       broker_cache=None) -> bool:
    """Withdraw an automatic admission whose label no longer holds. Returns whether it withdrew."""
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if (enterprise.admission_status != AdmissionStatus.ADMITTED
            or enterprise.admission_route != AdmissionRoute.LABEL):
        return False  # committee admissions are never withdrawn automatically
    rule = rule or rule_for(enterprise)
    certificate = enterprise.admission_certificate
    accepted = set(rule.accepted_schemes) | ({certificate.scheme} if certificate else set())
    facts = _facts(enterprise)
    if certificate is not None and checks.admitting_label(
            [c for c in facts if c.id == certificate.pk], accepted, today):
        return False  # the label it was admitted on still holds
    other = checks.admitting_label(facts, accepted, today)
    if other is not None:
        # Another accepted label is valid: the admission now rests on that one.
        enterprise.admission_certificate_id = other.id
        enterprise.save(update_fields=["admission_certificate", "updated_at"])
        return False
    def values():  # in the language being written: the label's name and the date
        scheme = certificate.get_scheme_display() if certificate else _("het keurmerk")
        end = short_date(certificate.valid_until) if certificate and certificate.valid_until else ""
        return {"name": enterprise.name, "label": scheme, "end": end}

    def reason_text():
        known = values()
        return (_("Toelating ingetrokken: het keurmerk %(label)s is niet meer geldig (einddatum %(end)s) en er is "
                  "geen ander erkend keurmerk.") if known["end"] else
                _("Toelating ingetrokken: het keurmerk %(label)s is niet meer geldig en er is geen ander erkend "
                  "keurmerk.")) % known

    reason = reason_text()
    enterprise.admission_status = AdmissionStatus.APPLIED
    enterprise.applied_at = timezone.now()
    enterprise.admission_route = ""
    enterprise.admission_certificate = None
    enterprise.admission_decided_at = timezone.now()
    enterprise.admission_decided_by = None
    enterprise.admission_reasons = reason
    enterprise.save(update_fields=["admission_status", "applied_at", "admission_route", "admission_certificate",
                                   "admission_decided_at", "admission_decided_by", "admission_reasons",
                                   "updated_at"])
    from .services import _tell

    def message():
        return _("Toelating ingetrokken: %(name)s") % values(), reason_text() + " " + (
            _("De onderneming staat niet meer in de etalage. De gemeente beoordeelt de aanvraag opnieuw, tenzij er "
              "eerder een nieuw geldig keurmerk is.") if rule.committee_decides else
            _("De onderneming staat niet meer in de etalage tot er een nieuw geldig erkend keurmerk is."))

    # Once per admission: the key names the certificate and the day the admission was granted.
    end = certificate.valid_until.isoformat() if certificate and certificate.valid_until else ""  # any language
    key = f"admission:{enterprise.pk}:withdrawn:{certificate.pk if certificate else 0}:{end}"
    _tell(enterprise=enterprise, broker_cache=broker_cache, message=message, key=key)
    return True


def sweep(*, today: dt.date) -> dict:
    """The daily job's part: admit open applications that now hold an accepted valid label, and
    withdraw automatic admissions whose label lapsed. Idempotent; each enterprise in its own
    transaction, so one failure leaves the others done."""
    summary = {"admitted_on_label": 0, "admissions_withdrawn": 0}
    rules = rules_by_municipality()
    automatic: dict[int, list[int]] = {}
    for municipality_id, rule in rules.items():
        if rule.is_automatic:
            automatic.setdefault(rule.pk, []).append(municipality_id)
    by_pk = {rule.pk: rule for rule in rules.values()}
    for rule_pk, municipality_ids in automatic.items():
        rule = by_pk[rule_pk]
        labelled = Certification.objects.filter(
            enterprise=OuterRef("pk"), scheme__in=rule.accepted_schemes, verified_at__isnull=False).valid(today)
        candidates = (Enterprise.objects.filter(municipality__in=municipality_ids, admission_status__in=OPEN)
                      .filter(Exists(labelled)).order_by("pk").only("pk", "municipality_id"))
        for enterprise in candidates.iterator(chunk_size=500):
            with transaction.atomic():
                summary["admitted_on_label"] += admit_on_label(enterprise=enterprise, today=today, rule=rule)
    broker_cache: dict = {}
    still_valid = Certification.objects.filter(pk=OuterRef("admission_certificate_id"),
                                               verified_at__isnull=False).valid(today)
    admitted = (Enterprise.objects.filter(admission_status=AdmissionStatus.ADMITTED,
                                          admission_route=AdmissionRoute.LABEL)
                .exclude(Exists(still_valid)).order_by("pk").only("pk", "municipality_id"))
    for enterprise in admitted.iterator(chunk_size=500):
        rule = rules.get(enterprise.municipality_id) or default_rule()
        with transaction.atomic():
            summary["admissions_withdrawn"] += withdraw_if_lapsed(enterprise=enterprise, today=today, rule=rule,
                                                                  broker_cache=broker_cache)
    return summary
