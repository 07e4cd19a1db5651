"""Services of external referrals (a case referred to UWV, the Chamber of Commerce, the
labour-market desk, a network partner or a knowledge institution). Keyword-only, atomic,
audited; they lock the case and check the acting user's grant on it, like the case services."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brokers.constants import REFERRAL_INSTRUMENT_KIND, CaseStatus, ExternalReferralKind
from brokers.models import ExternalReferral
from impactportal import access
from impactportal.audit import acting_as

from . import services


def referral_errors(*, kind, instrument, party_name, follow_up_on, today=None) -> dict:
    """Field errors of a referral, shared by the form, the API and the service."""
    today = today or timezone.localdate()
    errors = {}
    if kind not in ExternalReferralKind.values:
        errors["kind"] = _("Kies naar wie u de vraag doorverwijst.")
    wanted = REFERRAL_INSTRUMENT_KIND.get(kind)
    if instrument is not None and wanted is None:
        errors["instrument"] = _("Kies alleen een partij uit de kennisbank bij een netwerkpartner of kennisinstelling.")
    elif instrument is not None and instrument.kind != wanted:
        errors["instrument"] = _("Deze partij uit de kennisbank is geen %(kind)s.") % {
            "kind": ExternalReferralKind(kind).label.lower()}
    elif wanted is not None and instrument is None and not (party_name or "").strip():
        errors["instrument"] = _("Kies de partij uit de kennisbank of vul de naam in.")
    if follow_up_on is None:
        errors["follow_up_on"] = _("Kies de datum van de vervolgactie.")
    elif isinstance(follow_up_on, dt.date) and follow_up_on < today:
        errors["follow_up_on"] = _("De vervolgactie ligt in het verleden.")
    return errors


@transaction.atomic
def referral_create(*, case, by, kind, follow_up_on, instrument=None, party_name="", note="") -> ExternalReferral:
    case = access.require_locked(by, "refer", case)
    if not case.is_open:
        raise ValidationError({"kind": _("Een afgesloten vraag kan niet worden doorverwezen.")})
    party_name = (party_name or "").strip()
    errors = referral_errors(kind=kind, instrument=instrument, party_name=party_name, follow_up_on=follow_up_on)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with acting_as(by):
        referral = ExternalReferral(case=case, kind=kind, instrument=instrument, party_name=party_name,
                                    note=(note or "").strip(), referred_at=now, referred_by=by,
                                    follow_up_on=follow_up_on)
        referral.full_clean()
        referral.save()
        if case.status == CaseStatus.NEW:
            # Someone is working on it now; the case stays with the broker (no department sees it).
            services._set_status(case, CaseStatus.IN_PROGRESS, now)
            case.save()
    return referral


@transaction.atomic
def referral_complete(*, referral, by, outcome="") -> ExternalReferral:
    access.require_locked(by, "refer", referral.case)
    referral = ExternalReferral.objects.select_for_update().get(pk=referral.pk)
    if referral.follow_up_done:
        raise ValidationError({"outcome": _("Deze vervolgactie is al afgerond.")})
    with acting_as(by):
        referral.follow_up_done = True
        referral.done_at = timezone.now()
        referral.outcome = (outcome or "").strip()
        referral.full_clean()
        referral.save()
    return referral

