"""Demo helpdesk: settings, the knowledge base and a few dozen cases in every state for Haarlem
and Amersfoort. A case is created with its thread only when it does not exist yet, so running
the seeder twice adds no rows and no audit entries."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from brokers.constants import CaseCategory, CasePriority, CaseStatus, ExternalReferralKind
from brokers.models import Case, CaseMessage, ExternalReferral, HelpdeskSettings, KnowledgeInstrument
from enterprises.models import Enterprise
from impactportal.accounts.constants import Department
from impactportal.seed.core import upsert

from . import services
from .knowledge_data import ENGLISH, INSTRUMENTS

QUESTIONS = [
    (CaseCategory.REFERRAL, "Bij welke afdeling kan ik terecht voor een pand voor onze werkplaats?"),
    (CaseCategory.STAFF, "Wij zoeken twee medewerkers uit de doelgroep voor onze bezorgdienst"),
    (CaseCategory.FINANCING, "Welke financiering past bij de uitbreiding van onze productielijn?"),
    (CaseCategory.PROPERTY, "Vergunning nodig voor een koffiebar in ons leerwerkbedrijf?"),
    (CaseCategory.BUSINESS_CASE, "Hulp bij het doorrekenen van de maatschappelijke businesscase"),
    (CaseCategory.PROCUREMENT, "Hoe schrijven wij in op de aanbesteding voor groenonderhoud?"),
    (CaseCategory.IMPACT, "Welke methode kunnen wij gebruiken om onze impact te meten?"),
    (CaseCategory.OTHER, "Kunnen wij meedoen aan de netwerkbijeenkomst van de gemeente?"),
    (CaseCategory.STAFF, "Loonkostensubsidie aanvragen voor een nieuwe medewerker"),
    (CaseCategory.PROCUREMENT, "Wij willen leverancier worden van de gemeentelijke kantines"),
    (CaseCategory.FINANCING, "Is er een lokaal impactfonds waar wij een lening kunnen aanvragen?"),
    (CaseCategory.PROPERTY, "Huurverlenging maatschappelijk tarief voor ons atelier"),
    (CaseCategory.IMPACT, "Hoe laten wij zien hoeveel mensen bij ons doorstromen naar regulier werk?"),
    (CaseCategory.REFERRAL, "Contactpersoon gezocht voor social return in een lopend contract"),
    (CaseCategory.BUSINESS_CASE, "Onze businesscase voor resultaatfinanciering: wie denkt mee?"),
]
STATUSES = [CaseStatus.NEW, CaseStatus.NEW, CaseStatus.IN_PROGRESS, CaseStatus.IN_PROGRESS, CaseStatus.REFERRED,
            CaseStatus.WAITING, CaseStatus.RESOLVED, CaseStatus.CLOSED]
REFERRAL_DEPARTMENT = {CaseCategory.PROCUREMENT: Department.INKOOP, CaseCategory.PROPERTY: Department.VASTGOED,
                       CaseCategory.STAFF: Department.SOCIAAL_DOMEIN, CaseCategory.FINANCING: Department.SUBSIDIES}


def seed_helpdesk(*, ref):
    orgs = ref["organisations"]
    for slug in ("haarlem", "amersfoort"):
        if not HelpdeskSettings.objects.filter(organisation=orgs[slug]).exists():
            HelpdeskSettings.objects.create(organisation=orgs[slug])
    seed_knowledge_base()
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=["makelaar-haarlem", "makelaar-amersfoort", "ondernemer-1", "ondernemer-2"])}
    owned = ref.get("enterprises_owned", [])
    plan = [("haarlem", users.get("makelaar-haarlem"), owned[0] if owned else None, users.get("ondernemer-1")),
            ("amersfoort", users.get("makelaar-amersfoort"), owned[1] if len(owned) > 1 else None,
             users.get("ondernemer-2"))]
    created = 0
    for slug, broker, own_enterprise, entrepreneur in plan:
        created += _seed_cases(orgs[slug], broker, own_enterprise, entrepreneur, random.Random(slug))
        _seed_referrals(orgs[slug], broker)
    return created


def seed_knowledge_base():
    """The knowledge base of the toolbox (``knowledge_data``), in Dutch and English."""
    for name, kind, region, provider, url, description in INSTRUMENTS:
        name_en, description_en = ENGLISH[name]
        upsert(KnowledgeInstrument, {"name": name}, kind=kind, region=region, provider=provider, url=url,
               description=description, name_en=name_en, description_en=description_en)


# Referrals beyond the town hall on open demo cases: (question, kind, knowledge-base entry or
# None, party name, note, follow-up in days from today, done).
REFERRALS = [
    ("Wij zoeken twee medewerkers uit de doelgroep voor onze bezorgdienst", ExternalReferralKind.EMPLOYER_DESK,
     None, "Werkgeversservicepunt van de arbeidsmarktregio",
     "Het WSP heeft kandidaten in beeld en kent de regels voor loonkostensubsidie.", 0, False),
    ("Loonkostensubsidie aanvragen voor een nieuwe medewerker", ExternalReferralKind.UWV, None, "UWV Werkgeversservice",
     "Vraag over de no-riskpolis en de loondispensatie; UWV neemt contact op met de ondernemer.", 7, False),
    ("Welke methode kunnen wij gebruiken om onze impact te meten?", ExternalReferralKind.KNOWLEDGE_INSTITUTION,
     "Thrive Institute", "", "Kennis over impact meten; de ondernemer kan aansluiten bij een leerkring.", -2, False),
    ("Kunnen wij meedoen aan de netwerkbijeenkomst van de gemeente?", ExternalReferralKind.NETWORK_PARTNER,
     None, "Kennemer Impact Helpdesk", "Netwerkpartner nodigt de ondernemer uit voor de volgende bijeenkomst.", 14,
     False),
    ("Wij willen leverancier worden van de gemeentelijke kantines", ExternalReferralKind.KVK, None, "",
     "Inschrijving en SBI-code nakijken voordat de ondernemer zich aanmeldt als leverancier.", -10, True),
]


# The questions referred outside the town hall: the broker works on them, so they are never
# "Nieuw" (demo question #9 was referred to UWV while "Nieuw" with nobody handling it).
REFERRED_OUTSIDE = {subject for subject, *_rest in REFERRALS}


def _seed_referrals(org, broker):
    """A few external referrals per municipality, keyed on case and kind (idempotent). Each is
    made while its case was open and handled: after the broker's first answer and before the
    case was resolved ("Doorverwezen op 30-11" stood above "Ingediend op 02-12")."""
    today = timezone.localdate()
    now = timezone.now()
    for subject, kind, instrument_name, party_name, note, days, done in REFERRALS:
        case = Case.objects.filter(organisation=org, subject=subject).first()
        if case is None or ExternalReferral.objects.filter(case=case, kind=kind).exists():
            continue
        instrument = KnowledgeInstrument.objects.filter(name=instrument_name).first() if instrument_name else None
        if instrument_name and instrument is None:
            continue
        # _play answers at +0 and +5 minutes and resolves at +30: referred in between.
        referred_at = min((case.first_response_at or case.submitted_at) + dt.timedelta(minutes=10), now)
        # A follow-up on or after the day of the referral; "due" ones stay due (on or before today).
        follow_up_on = max(today + dt.timedelta(days=days), timezone.localdate(referred_at))
        ExternalReferral.objects.create(
            case=case, kind=kind, instrument=instrument, party_name=party_name, note=note, referred_by=broker,
            referred_at=referred_at, follow_up_on=follow_up_on, follow_up_done=done,
            done_at=min(max(now - dt.timedelta(days=1), referred_at + dt.timedelta(hours=1)), now) if done else None,
            outcome="Ondernemer staat ingeschreven en heeft zich aangemeld." if done else "")


def _seed_cases(org, broker, own_enterprise, entrepreneur, rng):
    others = list(Enterprise.objects.filter(municipality=org).exclude(pk=getattr(own_enterprise, "pk", None))
                  .order_by("kvk_number")[:12])
    now = timezone.now()
    created = 0
    for index, (category, subject) in enumerate(QUESTIONS):
        if Case.objects.filter(organisation=org, subject=subject).exists():
            continue
        # Every third case is the demo entrepreneur's. The other enterprises have no account in the
        # demo, so their cases have no submitter, as when a submitter's account has been removed: the
        # case page tells the broker that a reply reaches nobody and how to reach the enterprise, and
        # the broker does so (internal notes of phone calls, no public reply: see ``_play``).
        mine = index % 3 == 0 and own_enterprise is not None
        enterprise = own_enterprise if mine else (others[index % len(others)] if others else None)
        status = STATUSES[index % len(STATUSES)]
        if status == CaseStatus.NEW and subject in REFERRED_OUTSIDE:
            status = CaseStatus.IN_PROGRESS  # what referral_create makes of a new case
        submitted = now - dt.timedelta(days=rng.randint(1, 30), hours=rng.randint(0, 8))
        case = Case(organisation=org, enterprise=enterprise, submitter=entrepreneur if mine else None,
                    category=category, subject=subject, priority=rng.choice(list(CasePriority.values)),
                    description=f"{subject}\n\nWij zijn een impactonderneming en horen graag wat de gemeente "
                                "hierin kan betekenen.", submitted_at=submitted, suggestions_shown=mine)
        _play(case, status, broker, submitted, now)
        created += 1
    return created


def _play(case, status, broker, submitted, now):
    """Give the case a plausible history for its status (times are before ``now``)."""
    answer = submitted + dt.timedelta(hours=20)
    if status != CaseStatus.NEW:
        case.assigned_to = broker
        case.first_response_at = min(answer, now)
    if status == CaseStatus.REFERRED:
        case.referred_department = REFERRAL_DEPARTMENT.get(case.category, Department.INKOOP)
    pauses = []
    if status in (CaseStatus.WAITING, CaseStatus.RESOLVED, CaseStatus.CLOSED):
        # From the last public reply below: a case "resolved at 23:27" showed its answers at 23:32
        # and 23:57.
        pause_from = min(answer + dt.timedelta(minutes=5 if status == CaseStatus.WAITING else 30), now)
        pauses.append((pause_from, None))
        if status != CaseStatus.WAITING:
            case.resolved_at = pause_from
    if status == CaseStatus.CLOSED:
        case.rating = 4
    case.status = status
    services._store_pauses(case, pauses)
    services.refresh_deadlines(case)
    case.save()
    if status == CaseStatus.NEW:
        return
    CaseMessage.objects.create(case=case, author=broker, from_staff=True, is_internal=True, created_at=answer,
                               body="Ondernemer is bekend bij het team; eerder contact over huisvesting.")
    # A public reply goes to the submitter; a case without one (its account removed) is answered by
    # phone through the enterprise's contact person and noted internally: a demo "Dank voor uw
    # vraag…" under the page's own warning that nobody receives it confused the first users.
    reachable = case.submitter_id is not None
    CaseMessage.objects.create(
        case=case, author=broker, from_staff=True, is_internal=not reachable,
        created_at=answer + dt.timedelta(minutes=5),
        body="Dank voor uw vraag. Ik kijk met de collega's wat er mogelijk is en kom er snel bij u op terug."
        if reachable else "Geen account meer bij deze vraag: de contactpersoon van de onderneming gebeld. Ik kijk "
                          "met de collega's wat er mogelijk is en bel terug.")
    if status in (CaseStatus.RESOLVED, CaseStatus.CLOSED):
        CaseMessage.objects.create(
            case=case, author=broker, from_staff=True, is_internal=not reachable,
            created_at=answer + dt.timedelta(minutes=30),
            body="U kunt terecht bij de genoemde afdeling; de contactpersoon belt u deze week." if reachable
            else "Teruggebeld: de ondernemer kan terecht bij de genoemde afdeling; die belt deze week.")
