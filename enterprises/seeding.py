"""Demo enterprises. ``small``: about 200 plausible enterprises across the demo municipalities,
with themes, SDGs, offerings, certificates (some expiring, some expired), contact moments and
definition checks for Haarlem and Amersfoort. ``national``: the small set plus enough bulk rows
to reach 100,000 enterprises with offerings and certificates, for benchmarks.

Idempotent: rows are looked up by natural keys and only created when missing; dates relative
to today are set on creation only, so a second run (on any day) creates and changes nothing."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone
from faker import Faker

from impactportal.accounts.constants import OrganisationKind, Role
from impactportal.accounts.models import Organisation, User
from impactportal.seed.core import seed_entrepreneurs, upsert

from . import checks
from .constants import (
    AdmissionMode,
    AdmissionStatus,
    CertificationSource,
    ContactKind,
    EnterpriseType,
    LegalForm,
    Scheme,
    Stage,
)
from .models import (
    Certification,
    ContactMoment,
    ContactPerson,
    DefinitionCheck,
    Enterprise,
    ImpactTheme,
    Offering,
    OfferingCategory,
)

SMALL = 200
NATIONAL = 100_000
OWNED_IN = ["haarlem", "amersfoort"]  # municipalities of the demo entrepreneurs' enterprises
DEMO_MUNICIPALITIES = ["haarlem", "amersfoort", "emmen", "rotterdam", "groningen", "heemstede", "velsen", "zandvoort"]
# activity, offering category, themes, offerings
ACTIVITIES = [
    ("Fietsenmakerij", "logistiek", ["arbeidsparticipatie", "mobiliteit"], ["Fietsreparatie", "Fietsleasing"]),
    ("Koffiebranderij", "voedsel", ["arbeidsparticipatie", "voedsel"], ["Koffie voor kantoren", "Barista-opleiding"]),
    ("Schoonmaakbedrijf", "schoonmaak", ["arbeidsparticipatie"], ["Kantoorschoonmaak", "Glasbewassing"]),
    ("Cateraar", "catering", ["arbeidsparticipatie", "voedsel"], ["Lunchcatering", "Vergaderarrangementen"]),
    ("Kringloopwinkel", "recycling", ["circulaire-economie", "armoede-en-schulden"], ["Ophalen van inboedels",
                                                                                       "Tweedehands meubilair"]),
    ("Drukkerij", "drukwerk", ["arbeidsparticipatie"], ["Drukwerk", "Grafisch ontwerp"]),
    ("Groenonderhoud", "groenonderhoud", ["arbeidsparticipatie", "energie-en-klimaat"], ["Onderhoud openbaar groen",
                                                                                         "Groene daken"]),
    ("Meubelmakerij", "meubilair", ["circulaire-economie"], ["Meubels van restafval", "Interieurbouw"]),
    ("Bakkerij", "voedsel", ["arbeidsparticipatie", "voedsel"], ["Brood en banket", "Relatiegeschenken"]),
    ("IT-beheer", "ict", ["arbeidsparticipatie", "onderwijs"], ["Werkplekbeheer", "Datavernietiging"]),
    ("Textielatelier", "textiel", ["circulaire-economie", "arbeidsparticipatie"], ["Bedrijfskleding", "Reparatie"]),
    ("Verhuisbedrijf", "logistiek", ["arbeidsparticipatie"], ["Kantoorverhuizingen", "Opslag"]),
    ("Zonnepanelenmonteur", "energie", ["energie-en-klimaat"], ["Zonnepanelen", "Energiescans"]),
    ("Postbezorging", "logistiek", ["arbeidsparticipatie", "sociale-cohesie"], ["Interne postbezorging"]),
    ("Wasserette", "facilitair", ["arbeidsparticipatie", "zorg-en-welzijn"], ["Linnenservice", "Wasservice"]),
    ("Hoveniersbedrijf", "groenonderhoud", ["arbeidsparticipatie"], ["Tuinaanleg", "Tuinonderhoud"]),
    ("Fietskoeriers", "logistiek", ["mobiliteit", "energie-en-klimaat"], ["Stadsdistributie", "Spoedkoeriers"]),
    ("Bouwbedrijf", "bouw", ["arbeidsparticipatie", "circulaire-economie"], ["Renovatie", "Leerwerkplekken bouw"]),
    ("Zorgboerderij", "zorg", ["zorg-en-welzijn", "voedsel"], ["Dagbesteding", "Streekproducten"]),
    ("Theatergezelschap", "evenementen", ["cultuur", "sociale-cohesie"], ["Voorstellingen", "Workshops"]),
    ("Leerwerkbedrijf", "re-integratie", ["arbeidsparticipatie", "onderwijs"], ["Werkfit-trajecten", "Jobcoaching"]),
    ("Schuldhulpcoöperatie", "advies", ["armoede-en-schulden"], ["Budgetcoaching", "Trainingen geldzaken"]),
]
THEME_SDGS = {
    "arbeidsparticipatie": [8, 10], "armoede-en-schulden": [1, 10], "circulaire-economie": [12],
    "energie-en-klimaat": [7, 13], "zorg-en-welzijn": [3], "onderwijs": [4], "voedsel": [2, 12],
    "mobiliteit": [11], "cultuur": [11], "sociale-cohesie": [11, 16],
}
# How an enterprise would put its themes in its own description.
THEME_PHRASES = {
    "arbeidsparticipatie": "werk voor mensen met een afstand tot de arbeidsmarkt",
    "armoede-en-schulden": "huishoudens die rond moeten komen",
    "circulaire-economie": "hergebruik van materialen die anders worden weggegooid",
    "energie-en-klimaat": "minder CO2-uitstoot in de stad",
    "zorg-en-welzijn": "zorg en welzijn dicht bij huis",
    "onderwijs": "jongeren die een vak willen leren",
    "voedsel": "eerlijk en lokaal geproduceerd eten",
    "mobiliteit": "schoon vervoer door de binnenstad",
    "cultuur": "cultuur die voor iedereen toegankelijk is",
    "sociale-cohesie": "ontmoeting tussen buurtbewoners",
}


def describe(rng, activity: str, city: str, themes: list[str], offerings: list[str], headcount: int,
             disadvantaged: int) -> str:
    """A short description as an entrepreneur would write it, from the enterprise's own facts."""
    cause = THEME_PHRASES[themes[0]]
    offer = " en ".join(o.lower() for o in offerings[:2])
    people = _people(headcount, disadvantaged)
    template = rng.randrange(3)
    if template == 0:
        return f"{activity} in {city} voor {offer}. We zetten ons in voor {cause}. {people}"
    if template == 1:
        return f"Wij verzorgen {offer} voor bedrijven en gemeenten in de regio {city}. {people}"
    return f"{activity} uit {city} met een missie: {cause}. Opdrachtgevers kennen ons van {offer}. {people}"


def _people(headcount: int, disadvantaged: int) -> str:
    """The sentence about the team, in the right number ("heeft er 1", one person alone)."""
    if headcount == 1:
        return "Het bedrijf bestaat uit één persoon."
    if disadvantaged:
        verb = "heeft" if disadvantaged == 1 else "hebben"
        return f"Van onze {headcount} medewerkers {verb} er {disadvantaged} een afstand tot de arbeidsmarkt."
    return f"We werken met een team van {headcount} mensen."


PRICES = ["Op aanvraag", "Vanaf € 45 per uur", "Vanaf € 250 per maand", "€ 12,50 per stuk", "Offerte op maat"]
PSO_SCHEMES = [Scheme.PSO_BASIS, Scheme.PSO_1, Scheme.PSO_2, Scheme.PSO_3]


def _kvk(index: int) -> str:
    # Deterministic 8-digit numbers in a range real KvK numbers use; unique per index.
    return f"{90_000_000 + index:08d}"


def _postcode(rng) -> str:
    return f"{rng.randint(1000, 9999)} {rng.choice('ABCDEGHJKLMNPRTVWXZ')}{rng.choice('ABCDEGHJKLMNPRTVWXZ')}"


def _enterprise_values(fake, rng, index, municipalities):
    activity, _category, themes, offerings = rng.choice(ACTIVITIES)
    status = rng.choices(
        [AdmissionStatus.ADMITTED, AdmissionStatus.APPLIED, AdmissionStatus.UNDER_REVIEW,
         AdmissionStatus.NOT_APPLIED, AdmissionStatus.REJECTED],
        weights=[60, 8, 6, 22, 4],
    )[0]
    # A fixed list, not EnterpriseType.values: a new type must not change the drawn demo data.
    kind = rng.choices([EnterpriseType.IMPACT_FIRST, EnterpriseType.IMPACT_SECOND, EnterpriseType.REGULAR_SME],
                       weights=[60, 30, 10])[0]
    headcount = rng.randint(1, 120)
    share = rng.choice([0.1, 0.2, 0.3, 0.45, 0.6, 0.8]) if kind == EnterpriseType.IMPACT_FIRST else rng.random() * .3
    municipality = rng.choice(municipalities)
    city = municipality.name.replace("Gemeente ", "")
    disadvantaged = int(headcount * share)
    return {
        "name": f"{activity} {fake.last_name()}",
        "municipality": municipality,
        "legal_form": rng.choice([LegalForm.BV, LegalForm.STICHTING, LegalForm.COOPERATIE, LegalForm.EENMANSZAAK]),
        "address": f"{fake.street_name()} {rng.randint(1, 250)}",
        "postcode": _postcode(rng),
        "city": city,
        "founding_year": rng.randint(1985, 2024),
        "stage": rng.choice(list(Stage.values)),
        "enterprise_type": kind,
        "headcount": headcount,
        "disadvantaged_count": disadvantaged,
        "description": describe(rng, activity, city, themes, offerings, headcount, disadvantaged),
        "website": f"https://www.voorbeeld-{index}.nl",
        "admission_status": status,
        "is_published": status == AdmissionStatus.ADMITTED and rng.random() < 0.95,
    }, activity, themes


def _certificate_plan(rng, index, kvk, admitted, today):
    """(scheme, number, issued_on, valid_until) tuples; some expired, some expiring."""
    plan = []
    draw = rng.random()
    offset = rng.randint(-120, 900)  # days until expiry: about 10% expired, 5% expiring
    until = today + dt.timedelta(days=offset)
    if draw < 0.30:
        plan.append((rng.choice(PSO_SCHEMES), f"PSO-{kvk[-5:]}-{until.year}", checks.add_years(until, -3), until))
    elif draw < 0.45:
        plan.append((Scheme.PSO_30, f"PSO30-{kvk[-5:]}", checks.add_years(until, -3), until))
    elif draw < 0.62:
        plan.append((Scheme.CSO, f"CSO-{index:06d}", checks.add_years(until, -2), until))
    elif draw < 0.68:
        plan.append((Scheme.B_CORP, f"BC-{index:06d}", checks.add_years(until, -3), until))
    elif admitted:
        plan.append(_badge(kvk, today - dt.timedelta(days=rng.randint(30, 420))))  # some badges lapsed
    if rng.random() < 0.1:
        plan.append((Scheme.SENL, "", None, None))
    return plan


def _badge(kvk, admitted_on):
    return (Scheme.SROI_BADGE, f"SROI-{kvk}-{admitted_on.year}", admitted_on, checks.badge_valid_until(admitted_on))


def _certificate(enterprise_id, plan_item, today, now):
    scheme, number, issued_on, valid_until = plan_item
    issued_on = min(issued_on, today) if issued_on else None
    cert = Certification(enterprise_id=enterprise_id, scheme=scheme, number=number, issued_on=issued_on,
                         valid_until=valid_until, verified_at=now, issuer=_issuer(scheme),
                         source=CertificationSource.ADMISSION if scheme == Scheme.SROI_BADGE else CertificationSource.MANUAL)
    cert.status = checks.compute_status(cert.facts, today)
    return cert


def _issuer(scheme):
    if scheme in PSO_SCHEMES or scheme == Scheme.PSO_30:
        return "PSO Nederland"
    return {Scheme.CSO: "Code Sociale Ondernemingen", Scheme.B_CORP: "B Lab", Scheme.SENL: "Social Enterprise NL",
            Scheme.SROI_BADGE: "Impactportaal", Scheme.CEDRIS: "Cedris"}.get(scheme, "")


def seed(*, size, ref, stdout):
    fake = Faker("nl_NL")
    fake.seed_instance(2021)
    rng = random.Random(2021)
    today = timezone.localdate()
    municipalities = list(Organisation.objects.filter(slug__in=DEMO_MUNICIPALITIES).order_by("slug"))
    owned = _seed_small(fake, rng, municipalities, ref, today)
    if size == "national":
        everywhere = list(Organisation.objects.filter(kind=OrganisationKind.GEMEENTE).order_by("slug"))
        _seed_bulk(fake, rng, everywhere, NATIONAL, stdout, today)
    return {"enterprises_owned": owned}


@transaction.atomic
def _seed_small(fake, rng, municipalities, ref, today):
    themes = {t.slug: t for t in ImpactTheme.objects.all()}
    categories = {c.slug: c for c in OfferingCategory.objects.all()}
    now = timezone.now()
    created = []
    for index in range(SMALL):
        values, activity, theme_slugs = _enterprise_values(fake, rng, index, municipalities)
        contact = (fake.name(), rng.choice(["Directeur", "Eigenaar", "Bedrijfsleider", "Office manager"]))
        plan = _certificate_plan(rng, index, _kvk(index), values["admission_status"] == AdmissionStatus.ADMITTED,
                                 today)
        if index < len(OWNED_IN):
            # ondernemer-1 runs an admitted enterprise in Haarlem, ondernemer-2 one in Amersfoort.
            municipality = ref["organisations"][OWNED_IN[index]]
            values.update(municipality=municipality, city=municipality.name.replace("Gemeente ", ""),
                          admission_status=AdmissionStatus.ADMITTED, is_published=True,
                          enterprise_type=EnterpriseType.IMPACT_FIRST, headcount=24, disadvantaged_count=9)
            # The drawn description named the drawn city and counts: write it anew from these facts
            # (its own generator, so the shared draws, and every other enterprise, stay the same).
            values["description"] = describe(random.Random(index), activity, values["city"], theme_slugs,
                                             next(a for a in ACTIVITIES if a[0] == activity)[3],
                                             values["headcount"], values["disadvantaged_count"])
            plan = ([(Scheme.PSO_30, "PSO30-00000", checks.add_years(today, -2), checks.add_years(today, 1))]
                    if index == 0 else
                    [_badge(_kvk(index), today - dt.timedelta(days=325))])
        enterprise = upsert(Enterprise, {"kvk_number": _kvk(index)}, **values)
        created.append(enterprise)
        wanted_themes = {themes[s].pk for s in theme_slugs if s in themes}
        if set(enterprise.themes.values_list("pk", flat=True)) != wanted_themes:
            enterprise.themes.set(wanted_themes)
        wanted_sdgs = {n for s in theme_slugs for n in THEME_SDGS.get(s, [])}
        if set(enterprise.sdgs.values_list("pk", flat=True)) != wanted_sdgs:
            enterprise.sdgs.set(wanted_sdgs)
        if not ContactPerson.objects.filter(enterprise=enterprise).exists():
            ContactPerson.objects.create(enterprise=enterprise, name=contact[0], role=contact[1],
                                         email=f"info@voorbeeld-{index}.nl")
        offerings = next(a for a in ACTIVITIES if a[0] == activity)
        for position, name in enumerate(offerings[3]):
            if not Offering.objects.filter(enterprise=enterprise, name=name).exists():
                Offering.objects.create(enterprise=enterprise, name=name, category=categories[offerings[1]],
                                        description=f"{name} door {enterprise.name}.",
                                        price_indication=PRICES[(index + position) % len(PRICES)])
        for item in plan:
            # Keyed on the scheme only: numbers derive from dates relative to today.
            if not Certification.objects.filter(enterprise=enterprise, scheme=item[0]).exists():
                _certificate(enterprise.pk, item, today, now).save()
    _backdate(created, run_started=now, today=today)
    seed_entrepreneurs(created[:len(OWNED_IN)])
    _seed_broker_records(ref, created, today)
    _seed_admission_rules(ref, today, now)
    from .measurement.seeding import seed_measurements

    seed_measurements(created, today=today)
    return created[:len(OWNED_IN)]


# The demo register grew over the years before the seeding day, as a real one does: every
# enterprise seeded on the same moment made the baseline (the register at the City Deal's start,
# March 2021, counted as it stood then: ``enterprises.indicators``) and every earlier monthly
# measurement empty. Spread from the autumn of 2019 to two months ago; admitted some weeks after
# being added; a certificate recorded and verified a month after.
REGISTER_OPENED = dt.datetime(2019, 9, 2, 9, 0, tzinfo=dt.UTC)


def _backdate(enterprises, *, run_started, today):
    """Give the enterprises this run added (``created_at`` from ``run_started`` on; a second run
    keeps the dates of the first) a moment of joining in the past, deterministic per position."""
    span = max((today - REGISTER_OPENED.date()).days - 60, 1)
    for index, enterprise in enumerate(enterprises):
        if enterprise.created_at < run_started:
            continue
        added = REGISTER_OPENED + dt.timedelta(days=(index * 53) % span, hours=index % 8)
        changes = {"created_at": added}
        if enterprise.admission_status == AdmissionStatus.ADMITTED and (
                enterprise.admission_decided_at is None or enterprise.admission_decided_at >= run_started):
            changes["admission_decided_at"] = added + dt.timedelta(days=45)
        Enterprise.objects.filter(pk=enterprise.pk).update(**changes)
        recorded = added + dt.timedelta(days=30)
        Certification.objects.filter(enterprise=enterprise, created_at__gte=run_started).update(created_at=recorded)
        Certification.objects.filter(enterprise=enterprise, verified_at__gte=run_started).update(verified_at=recorded)


# --- admission rules ------------------------------------------------------------------------

# The region as procurement's reference data seeds it (procurement/demo/rule_sets.py); created
# here only when missing, so the register's demo does not depend on procurement.
OOST_NEDERLAND = {"slug": "oost-nederland", "name": "Oost-Nederland",
                  "description": "Overheden in Overijssel en Gelderland die één uniform SROI-model hanteren "
                                 "(SROI-convenant).",
                  "members": ["apeldoorn", "provincie-overijssel"]}
IMPACT_OOST = {
    "platform_name": "Impact Oost", "mode": AdmissionMode.LABEL,
    "accepted_schemes": [Scheme.PSO_1, Scheme.PSO_2, Scheme.PSO_3, Scheme.PSO_30, Scheme.CSO, Scheme.B_CORP,
                         Scheme.CEDRIS],
    "definition": "Impact Oost toont alleen ondernemingen met een erkend keurmerk. Het keurmerk is het bewijs dat "
                  "de onderneming werk biedt aan mensen met een afstand tot de arbeidsmarkt of op een andere "
                  "aantoonbare manier maatschappelijke impact maakt.",
}
HAARLEM_RULE = {
    "platform_name": "Kennemer Inkoop Platform", "mode": AdmissionMode.COMMITTEE, "accepted_schemes": [],
    "definition": "De selectiecommissie van het Kennemer Inkoop Platform kijkt of de aanvrager:\n"
                  "1. een maatschappelijk doel vooropstelt en daar zichtbaar op stuurt;\n"
                  "2. als zelfstandige onderneming producten of diensten verkoopt in de regio;\n"
                  "3. grotendeels eigen inkomsten heeft;\n"
                  "4. winst vooral terugzet in de missie en belanghebbenden laat meepraten;\n"
                  "5. open is over resultaten en bestuur.\n"
                  "Zonder keurmerk volgt een SROI-badge voor één jaar.",
}
# Demo enterprises of Oost-Nederland that Impact Oost admits on their label (kvk, name, type, scheme, number).
OOST_ENTERPRISES = [
    ("91000001", "Leerwerkbedrijf De Veluwse Werkplaats", EnterpriseType.IMPACT_FIRST, Scheme.CEDRIS,
     "CED-2024-0117"),
    ("91000002", "Sociaal Werkbedrijf Apeldoorn-Zuid", EnterpriseType.SHELTERED_WORK, Scheme.PSO_3,
     "PSO-91000-2026"),
]


def _seed_admission_rules(ref, today, now):
    from impactportal.accounts.models import Region

    from . import admission
    from .models import AdmissionRule

    orgs = ref["organisations"]
    region = Region.objects.filter(slug=OOST_NEDERLAND["slug"]).first()
    if region is None:
        region = Region.objects.create(slug=OOST_NEDERLAND["slug"], name=OOST_NEDERLAND["name"],
                                       description=OOST_NEDERLAND["description"])
        region.members.add(*[orgs[slug] for slug in OOST_NEDERLAND["members"] if slug in orgs])
    upsert(AdmissionRule, {"region": region}, organisation=None, **IMPACT_OOST)
    upsert(AdmissionRule, {"organisation": orgs["haarlem"]}, region=None, **HAARLEM_RULE)
    apeldoorn = orgs.get("apeldoorn")
    if apeldoorn is None:
        return
    for kvk, name, kind, scheme, number in OOST_ENTERPRISES:
        enterprise = Enterprise.objects.filter(kvk_number=kvk).first()
        if enterprise is None:  # status and dates only on creation: a second run changes nothing
            enterprise = Enterprise.objects.create(
                kvk_number=kvk, name=name, municipality=apeldoorn, city="Apeldoorn", enterprise_type=kind,
                legal_form=LegalForm.STICHTING if kind == EnterpriseType.SHELTERED_WORK else LegalForm.BV,
                stage=Stage.ESTABLISHED, headcount=85, disadvantaged_count=52, is_published=True,
                description=f"{name} biedt leerwerkplekken en begeleid werk in de regio Apeldoorn.",
                admission_status=AdmissionStatus.APPLIED, applied_at=now)
        if not Certification.objects.filter(enterprise=enterprise, scheme=scheme).exists():
            cert = Certification(enterprise=enterprise, scheme=scheme, number=number, issuer=_issuer(scheme),
                                 issued_on=checks.add_years(today, -1), valid_until=checks.add_years(today, 2),
                                 verified_at=now)
            cert.status = checks.compute_status(cert.facts, today)
            cert.save()
        admission.admit_on_label(enterprise=enterprise, today=today)  # only acts on an open application


INTAKE = {
    "intake_activities": "Produceert en verkoopt; biedt leerwerkplekken.",
    "intake_employees": "Twaalf medewerkers, van wie vijf met een afstand tot de arbeidsmarkt (aantallen, geen namen).",
    "intake_needs": "Contact met inkoop en hulp bij het vinden van een grotere werkruimte.",
    "intake_shape_programme": True,
}


def _seed_broker_records(ref, enterprises, today):
    """Contact moments and definition checks of the two demo broker teams."""
    for slug, username in (("haarlem", "makelaar-haarlem"), ("amersfoort", "makelaar-amersfoort")):
        organisation = ref["organisations"][slug]
        broker = User.objects.filter(username=username, memberships__role=Role.BROKER).first()
        local = [e for e in enterprises if e.municipality_id == organisation.pk][:12]
        for position, enterprise in enumerate(local):
            moments = [("Intakegesprek", ContactKind.INTAKE, INTAKE),
                       ("Werkbezoek en rondleiding", ContactKind.WORK_VISIT, {}),
                       ("Vraag over aanbesteding", ContactKind.MAIL, {})][: 1 + position % 3]
            for number, (subject, kind, extra) in enumerate(moments):
                if ContactMoment.objects.filter(organisation=organisation, enterprise=enterprise,
                                                subject=subject).exists():
                    continue
                day = today - dt.timedelta(days=10 + position * 7 + number * 3)
                ContactMoment.objects.create(
                    organisation=organisation, enterprise=enterprise, kind=kind, subject=subject, date=day,
                    notes=f"{subject} met {enterprise.name}.", owner=broker,
                    follow_up_on=day + dt.timedelta(days=21) if number == len(moments) - 1 else None, **extra)
            if position < 6 and not DefinitionCheck.objects.filter(enterprise=enterprise,
                                                                   organisation=organisation).exists():
                DefinitionCheck.objects.create(
                    enterprise=enterprise, organisation=organisation, checked_by=broker, checked_on=today,
                    impact_first=True, independent_with_product=True, economically_independent=position % 3 != 2,
                    social_governance=position % 2 == 0 or None, transparent=True,
                    notes="Getoetst tijdens het intakegesprek.")


def _seed_bulk(fake, rng, municipalities, total, stdout, today, batch=5000):
    """Bulk inserts (no per-row signals, so no audit noise): enterprises, their themes, SDGs,
    offerings and certificates, batch by batch."""
    existing = set(Enterprise.objects.values_list("kvk_number", flat=True))
    theme_ids = dict(ImpactTheme.objects.values_list("slug", "pk"))
    category_ids = dict(OfferingCategory.objects.values_list("slug", "pk"))
    now = timezone.now()
    created = 0
    pending = []
    for index in range(SMALL, total):
        kvk = _kvk(index)
        values, activity, themes = _enterprise_values(fake, rng, index, municipalities)  # drawn always: stable data
        plan = _certificate_plan(rng, index, kvk, values["admission_status"] == AdmissionStatus.ADMITTED, today)
        if kvk in existing:
            continue
        pending.append((Enterprise(kvk_number=kvk, **values), activity, themes, plan))
        if len(pending) >= batch:
            created += _flush(pending, theme_ids, category_ids, today, now)
            pending = []
            stdout.write(f"    enterprises: {created:,}")
    if pending:
        created += _flush(pending, theme_ids, category_ids, today, now)
    stdout.write(f"    enterprises created: {created:,}")


@transaction.atomic
def _flush(pending, theme_ids, category_ids, today, now):
    enterprises = Enterprise.objects.bulk_create([p[0] for p in pending])
    theme_rows, sdg_rows, offerings, certificates = [], [], [], []
    ThemeLink, SdgLink = Enterprise.themes.through, Enterprise.sdgs.through
    for enterprise, (_e, activity, themes, plan) in zip(enterprises, pending, strict=True):
        sdgs = set()
        for slug in themes:
            theme_rows.append(ThemeLink(enterprise_id=enterprise.pk, impacttheme_id=theme_ids[slug]))
            sdgs.update(THEME_SDGS.get(slug, []))
        sdg_rows += [SdgLink(enterprise_id=enterprise.pk, sdg_id=n) for n in sorted(sdgs)]
        _name, category, _themes, names = next(a for a in ACTIVITIES if a[0] == activity)
        offerings += [Offering(enterprise_id=enterprise.pk, name=name, category_id=category_ids[category],
                               price_indication=PRICES[(enterprise.pk + i) % len(PRICES)]) for i, name in enumerate(names)]
        certificates += [_certificate(enterprise.pk, item, today, now) for item in plan]
    ThemeLink.objects.bulk_create(theme_rows)
    SdgLink.objects.bulk_create(sdg_rows)
    Offering.objects.bulk_create(offerings)
    Certification.objects.bulk_create(certificates)
    return len(enterprises)
