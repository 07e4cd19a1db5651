"""Demo data of the ecosystem map, parties, coalitions, regional collaboration and events.

Names, places, start dates and links are facts from the toolbox and seed ``003_*`` (networks and
coalitions in practice) and stay fixed; descriptions are in our own words. The demo's own activity
(meetings, the map's checklist, events) is dated relative to the day of seeding, so it reads the same
in any year. Running it twice changes nothing."""

import datetime as dt

from django.utils import timezone

from impactportal.accounts.constants import OrganisationKind, PartyCategory
from impactportal.accounts.models import Organisation, Region
from impactportal.seed.core import upsert

from .constants import CoalitionFunction, CollaborationTheme, Domain, EventKind, MeetingKind
from .models import Party
from .models_coalitions import (
    Coalition,
    CoalitionAgreement,
    CoalitionMeeting,
    CoalitionRole,
    Collaboration,
    CollaborationAgreement,
)
from .models_events import Event
from .models_maps import EcosystemMap, MapEntry

C = PartyCategory
# (name, category, website, region slug or "", description)
PARTIES = [
    ("Kennemer Impact Helpdesk", C.INTERMEDIARY, "", "zuid-kennemerland-ijmond",
     "Loket waar impactondernemers uit Zuid-Kennemerland en IJmond terechtkunnen met vragen over inkoop, "
     "vastgoed, financiering en personeel."),
    ("IMPACT024", C.INTERMEDIARY, "", "",
     "Netwerk voor een eerlijke en duurzame regio Nijmegen; werkt met zes themagroepen."),
    ("Rotterdam Impact Coalitie", C.INTERMEDIARY, "", "",
     "Samenwerking sinds 2019 van de gemeente Rotterdam, Voor Goed, THRIVE en Social Impact Fonds Rotterdam."),
    ("THRIVE", C.KNOWLEDGE, "", "", "Onderzoek en activering in de Rotterdam Impact Coalitie."),
    ("Kennemer Inkoop Platform", C.INTERMEDIARY, "", "zuid-kennemerland-ijmond",
     "Gedeeld platform dat impactondernemingen zichtbaar maakt voor inkopers in de regio; met een "
     "selectiecommissie."),
    ("Hogeschool Inholland Haarlem", C.EDUCATION, "", "zuid-kennemerland-ijmond",
     "Hogeschool met studenten en onderzoek voor ondernemers in de regio."),
    ("Pre Wonen", C.HOUSING, "", "zuid-kennemerland-ijmond",
     "Woningcorporatie met bedrijfsruimte in de wijken."),
    ("Paswerk", C.SHELTERED_WORK, "", "zuid-kennemerland-ijmond",
     "SW-bedrijf van Zuid-Kennemerland: werk en ontwikkeling voor mensen met een afstand tot de arbeidsmarkt."),
]

HAARLEM_MAP = [
    # (party, domain, role, active)
    ("Stadsgarage Haarlem/Kennemerland", Domain.NETWORK, "Aanjager van het netwerk van impactondernemers.", True),
    ("Kennemer Impact Helpdesk", Domain.SUPPORT, "Eerste loket voor vragen van impactondernemers.", True),
    ("Hogeschool Inholland Haarlem", Domain.KNOWLEDGE, "Onderzoek en studentenprojecten voor ondernemers.", True),
    ("Stadmakersfonds", Domain.FINANCING, "Financiering van maatschappelijke initiatieven.", True),
    ("Kennemer Inkoop Platform", Domain.MARKET, "Brengt impactondernemers bij inkopers in de regio.", True),
    ("Paswerk", Domain.HUMAN_CAPITAL, "Begeleidt mensen naar werk bij impactondernemers (gepauzeerd).", False),
]


def _party(name):
    return Party.objects.filter(name=name).first()


def seed(*, size, ref, stdout):
    orgs = ref["organisations"]
    regions = {r.slug: r for r in Region.objects.all()}
    for name, category, website, region_slug, description in PARTIES:
        upsert(Party, {"name": name}, category=category, website=website, region=regions.get(region_slug),
               description=description, is_published=True)
    for name, text in [("Stadsgarage Haarlem/Kennemerland", "Stichting die sinds 2020 met de gemeente Haarlem "
                        "het Actieprogramma Impact Ondernemen uitvoert."),
                       ("Impact Noord", "Vereniging van impactondernemers in Noord-Nederland."),
                       ("Impact Oost", "Platform van Impact Oost: toont alleen ondernemingen met een erkend label.")]:
        Party.objects.filter(name=name, description="").update(description=text)
    _maps(orgs)
    _coalitions(orgs)
    _collaborations(orgs, regions, ref)
    _events(orgs)


def _maps(orgs):
    checked = timezone.localdate() - dt.timedelta(days=92)  # the checklist was last gone through a quarter ago
    haarlem = upsert(EcosystemMap, {"organisation": orgs["haarlem"], "title": "Ecosysteem impact ondernemen Haarlem"},
                     region=None, description="Wie doet wat voor impactondernemers in Haarlem en de regio.",
                     shared_vision=True, added_value_clear=True, sustainability_anchored=False,
                     preconditions_clear=False, checklist_date=checked,
                     checklist_notes=f"Borging na {checked.year} en afspraken met partners nog uitwerken.")
    for name, domain, role, active in HAARLEM_MAP:
        party = _party(name)
        if party:
            upsert(MapEntry, {"map": haarlem, "party": party, "domain": domain}, role=role, is_active=active)


def _coalitions(orgs):
    today = timezone.localdate()
    rotterdam = upsert(Coalition, {"organisation": orgs["rotterdam"], "name": "Rotterdam Impact Coalitie"},
                       description="Het Rotterdamse model: een lokale samenwerking om sociaal ondernemerschap te "
                                   "versterken, als middel voor maatschappelijke opgaven.",
                       focus_areas="Werk voor mensen met een afstand tot de arbeidsmarkt\nKansengelijkheid\n"
                                   "Armoedebestrijding",
                       started_on=dt.date(2019, 1, 1))
    roles = {CoalitionFunction.POLICY: "Gemeente Rotterdam", CoalitionFunction.BUILDER: "Voor Goed Agency Rotterdam",
             CoalitionFunction.FINANCING: "Social Impact Fonds Rotterdam", CoalitionFunction.RESEARCH: "THRIVE",
             CoalitionFunction.ACTIVATION: "THRIVE", CoalitionFunction.MANDATE: "Gemeente Rotterdam"}
    _roles(rotterdam, roles)
    rotterdam.members.set([p for p in (_party(n) for n in set(roles.values())) if p])
    # A meeting is keyed on its coalition and kind: its date moves with the day of seeding.
    upsert(CoalitionMeeting, {"coalition": rotterdam, "kind": MeetingKind.COUNCIL},
           date=today - dt.timedelta(days=265), summary="Rotterdam Impact Raad: 25 Rotterdammers, vijf keer per jaar.")
    haarlem = upsert(Coalition, {"organisation": orgs["haarlem"], "name": "Impactcoalitie Kennemerland"},
                     description="Groeit vanuit de samenwerking van de gemeente Haarlem met Stichting Stadsgarage.",
                     focus_areas="Werk en participatie\nCirculaire economie\nInclusieve wijken\nImpactinkoop",
                     started_on=dt.date(2020, 1, 1))
    _roles(haarlem, {CoalitionFunction.POLICY: "Gemeente Haarlem",
                     CoalitionFunction.BUILDER: "Stadsgarage Haarlem/Kennemerland",
                     CoalitionFunction.FINANCING: None,  # SIF-ZKIJ is being set up
                     CoalitionFunction.RESEARCH: "Hogeschool Inholland Haarlem",
                     CoalitionFunction.ACTIVATION: "Kennemer Impact Helpdesk",
                     CoalitionFunction.MANDATE: "Gemeente Haarlem"})
    haarlem.members.set([p for p in (_party(n) for n in ("Gemeente Haarlem", "Stadsgarage Haarlem/Kennemerland",
                                                          "Hogeschool Inholland Haarlem", "Kennemer Impact Helpdesk"))
                         if p])
    haarlem.council_members.set([p for p in (_party("Pre Wonen"), _party("Paswerk")) if p])
    upsert(CoalitionMeeting, {"coalition": haarlem, "kind": MeetingKind.COALITION},
           date=today - dt.timedelta(days=55),
           summary="Voortgang Actieprogramma; verkenning Social Impact Fonds Zuid-Kennemerland en IJmond.")
    upsert(CoalitionMeeting, {"coalition": haarlem, "kind": MeetingKind.COUNCIL},
           date=today - dt.timedelta(days=181), summary="Adviesraad over huisvesting voor impactondernemers.")
    upsert(CoalitionAgreement, {"coalition": haarlem, "title": "Actieprogramma Impact Ondernemen"},
           date=dt.date(2020, 1, 1))


def _roles(coalition, roles):
    for function, name in roles.items():
        upsert(CoalitionRole, {"coalition": coalition, "function": function},
               party=_party(name) if name else None, notes="" if name else "In voorbereiding.")


OOST = ["enschede", "hengelo", "almelo", "deventer", "zwolle"]


def _collaborations(orgs, regions, ref):
    from procurement.models import RuleSet

    zkij = ref["region"]
    members = list(zkij.members.all())
    kip = upsert(Collaboration, {"region": zkij, "title": "Kennemer Inkoop Platform"},
                 theme=CollaborationTheme.PROCUREMENT_PLATFORM,
                 description="Zuid-Kennemerland en IJmond: één platform waar inkopers impactondernemers vinden.",
                 started_on=dt.date(2020, 1, 1))
    kip.participants.set(members)
    rules = upsert(Collaboration, {"region": zkij, "title": "Eén set SROI-regels Zuid-Kennemerland en IJmond"},
                   theme=CollaborationTheme.SROI_RULES, started_on=dt.date(2019, 1, 1),
                   description="De zeven gemeenten van de arbeidsmarktregio rekenen social return op dezelfde manier.",
                   sroi_rule_set=RuleSet.objects.filter(region=zkij).order_by("-version").first())
    rules.participants.set(members)
    helpdesk = upsert(Collaboration, {"region": zkij, "title": "Kennemer Impact Helpdesk"},
                      theme=CollaborationTheme.SHARED_SERVICES, started_on=dt.date(2023, 1, 1),
                      description="Eén loket voor impactondernemers, gerund door een netwerkpartner.")
    helpdesk.participants.set([orgs[s] for s in ("haarlem", "heemstede", "bloemendaal", "zandvoort")])
    # The Oost-Nederland social return covenant with the Impact Oost platform.
    oost_region = regions.get("oost-nederland")
    if oost_region is None:
        return
    gelderland = upsert(Organisation, {"slug": "provincie-gelderland"}, name="Provincie Gelderland",
                        kind=OrganisationKind.PROVINCIE)
    oost_orgs = [upsert(Organisation, {"slug": slug}, name=f"Gemeente {slug.capitalize()}",
                        kind=OrganisationKind.GEMEENTE) for slug in OOST]
    oost_region.members.add(gelderland, *oost_orgs)
    covenant = upsert(Collaboration, {"region": oost_region, "title": "Convenant social return Oost-Nederland"},
                      theme=CollaborationTheme.SROI_RULES, started_on=dt.date(2024, 4, 4),
                      description="Alle overheden in Overijssel en Gelderland hanteren één uniform SROI-model; "
                                  "het platform Impact Oost toont de impactondernemingen met een erkend label.",
                      website="https://impactoost.nl/",
                      sroi_rule_set=RuleSet.objects.filter(region=oost_region).order_by("-version").first())
    covenant.participants.set([*oost_orgs, orgs["apeldoorn"], orgs["provincie-overijssel"], gelderland])
    upsert(CollaborationAgreement, {"collaboration": covenant, "title": "Lancering Impact Oost"},
           signed_on=dt.date(2024, 4, 4), document_url="https://impactoost.nl/")


def _events(orgs):
    now = timezone.now()
    rows = [
        ("haarlem", EventKind.WORK_VISIT, "Werkbezoek wethouder bij impactondernemers in Schalkwijk", -40, True, 12),
        ("haarlem", EventKind.PITCH_DAY, "Pitchdag Social Impact Fonds Kennemerland", 20, True, None),
        ("haarlem", EventKind.INTERVISION, "Intervisie makelaars impact ondernemen", -10, False, 8),
        ("amersfoort", EventKind.NETWORK, "Netwerkbijeenkomst impact ondernemen Amersfoort", -5, True, 45),
    ]
    for slug, kind, title, days, public, participants in rows:
        start = (now + dt.timedelta(days=days)).replace(hour=15, minute=0, second=0, microsecond=0)
        event = Event.objects.filter(organisation=orgs[slug], title=title).first()
        if event is None:
            event = Event.objects.create(organisation=orgs[slug], kind=kind, title=title, starts_at=start,
                                         is_public=public, participants=participants,
                                         location=orgs[slug].name.replace("Gemeente ", ""))
        if slug == "haarlem":
            event.parties.set([p for p in (_party("Stadsgarage Haarlem/Kennemerland"),) if p])
