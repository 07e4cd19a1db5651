"""Demo data of real estate: ten properties (Haarlem and Amersfoort), space requests in various
states, an allocation after an open procedure and one justified exception (Didam). At national
size: properties and space requests across every municipality, bulk inserted (for the bench)."""

import datetime as dt
import random
from decimal import Decimal as D

from django.db import transaction
from django.utils import timezone

from enterprises.models import Enterprise
from impactportal.accounts.constants import Department, OrganisationKind, Role
from impactportal.accounts.models import Membership, Organisation, User
from impactportal.seed.core import demo_user, upsert

from .constants import Procedure, PropertyType, SpaceRequestStatus, TenantKind
from .models_realestate import Allocation, Property, SpaceRequest

T = PropertyType
# (owner slug, name, address, area, type, m², market rent, social tariff, from (days), published, notes)
PROPERTIES = [
    ("haarlem", "Voormalige school Schalkwijk", "Floris van Adrichemlaan 12", "Schalkwijk", T.COMMUNITY, "420",
     "3150", "1400", -30, True, "Geschikt voor een combinatie van werkplaats en ontmoetingsruimte."),
    ("haarlem", "Werkplaats Waarderpolder", "Oudeweg 91", "Waarderpolder", T.WORKSHOP, "180", "1650", "900", 0,
     True, "Krachtstroom aanwezig; geen horeca."),
    ("haarlem", "Winkelruimte Generaal Cronjéstraat", "Generaal Cronjéstraat 40", "Haarlem-Noord", T.RETAIL, "85",
     "1900", "1100", 14, True, "Aanloopstraat; geschikt voor een leerwerkwinkel."),
    ("haarlem", "Kantoorvleugel Stadhuis-Zuid", "Zijlvest 39", "Centrum", T.OFFICE, "60", "1200", None, 60, True,
     "Tijdelijk: tot de renovatie."),
    ("haarlem", "Atelier Slachthuisbuurt", "Slachthuisplein 5", "Oost", T.STUDIO, "45", "650", "350", -90, True,
     "Voor makers; lage huur tegen inzet in de wijk."),
    ("haarlem", "Bedrijfshal Spaarnwoude", "Spaarnwouderweg 2", "Waarderpolder", T.HALL, "600", "4200", "2600", 120,
     False, "Nog niet gepubliceerd: asbestinventarisatie loopt."),
    ("haarlem", "Buurtcentrum Delftwijk", "Delftplein 3", "Haarlem-Noord", T.COMMUNITY, "250", "2100", "800", -10,
     True, "Medegebruik door de wijkraad."),
    ("amersfoort", "Loods Soesterkwartier", "Soesterweg 300", "Soesterkwartier", T.HALL, "350", "2800", "1500", 0,
     True, "Onderdeel van de gebiedsontwikkeling."),
    ("amersfoort", "Kantoor De Nieuwe Stad", "Oliemolenhof 90", "De Nieuwe Stad", T.OFFICE, "120", "1750", "950",
     30, True, "Gedeelde voorzieningen."),
    ("amersfoort", "Winkel Langestraat", "Langestraat 71", "Binnenstad", T.RETAIL, "70", "2300", None, -20, False,
     "Alleen op marktvoorwaarden."),
]


def seed(*, size, ref, stdout):
    orgs = ref["organisations"]
    _vastgoed_user(orgs["haarlem"])
    today = timezone.localdate()
    props = {}
    for slug, name, address, area, kind, m2, rent, social, days, published, notes in PROPERTIES:
        props[name] = upsert(Property, {"organisation": orgs[slug], "name": name}, address=address, area=area,
                             property_type=kind, floor_area=D(m2), market_rent=D(rent),
                             social_tariff=D(social) if social else None, department=Department.VASTGOED,
                             available_from=today + dt.timedelta(days=days), is_published=published,
                             suitability_notes=notes,
                             description=f"{kind.label} van {m2} m² in {area}.")
    _requests_and_allocations(orgs, props, today)
    if size == "national":
        _national(stdout, today)
    return {}


def _vastgoed_user(haarlem):
    """A real-estate colleague of Haarlem (department vastgoed): properties, requests, allocations."""
    user = demo_user("vastgoed-haarlem", first_name="Vera", last_name="Vastgoed",
                     email="vastgoed-haarlem@example.org", email_verified=True)
    upsert(Membership, {"user": user, "role": Role.COLLEAGUE, "organisation": haarlem},
           department=Department.VASTGOED)


def _enterprises(org, n):
    return list(Enterprise.objects.filter(municipality=org).order_by("pk")[:n])


@transaction.atomic
def _requests_and_allocations(orgs, props, today):
    haarlem = _enterprises(orgs["haarlem"], 5)
    amersfoort = _enterprises(orgs["amersfoort"], 2)
    # (enterprise, min, max, type, budget, area, start (days), purpose, status)
    plans = [
        (haarlem[0] if haarlem else None, "40", "80", T.WORKSHOP, "700", "Waarderpolder", 30,
         "Reparatiewerkplaats met leerwerkplekken.", SpaceRequestStatus.OPEN),
        (haarlem[1] if len(haarlem) > 1 else None, "150", "250", T.WORKSHOP, "1000", "Waarderpolder", 0,
         "Productie en opslag van gerecyclede materialen.", "allocate_open"),
        (haarlem[2] if len(haarlem) > 2 else None, "30", "60", T.STUDIO, "400", "Oost", -30,
         "Atelier voor een sociaal ontwerpbureau.", "allocate_exception"),
        (haarlem[3] if len(haarlem) > 3 else None, "200", "450", T.COMMUNITY, "1500", "Schalkwijk", 15,
         "Wijkrestaurant met leerwerkplekken.", SpaceRequestStatus.OPEN),
        (haarlem[4] if len(haarlem) > 4 else None, "60", "100", T.RETAIL, "900", "", 45,
         "Kringloopwinkel.", SpaceRequestStatus.WITHDRAWN),
        (amersfoort[0] if amersfoort else None, "250", "400", T.HALL, "1600", "Soesterkwartier", 10,
         "Circulaire bouwmaterialen.", SpaceRequestStatus.OPEN),
    ]
    broker = User.objects.filter(username="makelaar-haarlem").first()
    published = today - dt.timedelta(days=60)  # the open procedure's publication
    for enterprise, low, high, kind, budget, area, days, purpose, state in plans:
        if enterprise is None:
            continue
        request = SpaceRequest.objects.filter(enterprise=enterprise, purpose=purpose).first()
        if request is None:
            request = SpaceRequest.objects.create(
                enterprise=enterprise, organisation_id=enterprise.municipality_id, min_area=D(low), max_area=D(high),
                property_type=kind, budget=D(budget), area=area, start_date=today + dt.timedelta(days=days),
                purpose=purpose,
                status=state if state in SpaceRequestStatus.values else SpaceRequestStatus.OPEN)
        if state == "allocate_open" and not Allocation.objects.filter(space_request=request).exists():
            Allocation.objects.create(
                organisation=orgs["haarlem"], property=props["Werkplaats Waarderpolder"], space_request=request,
                rent=D("900"), market_rent=D("1650"), tenant_kind=TenantKind.SOCIAL, start_date=today,
                procedure=Procedure.OPEN, procedure_reference=f"HLM-VG-{published.year}-014",
                publication_date=published, candidates=4, created_by=broker)
            SpaceRequest.objects.filter(pk=request.pk).update(status=SpaceRequestStatus.ALLOCATED)
        if state == "allocate_exception" and not Allocation.objects.filter(space_request=request).exists():
            Allocation.objects.create(
                organisation=orgs["haarlem"], property=props["Atelier Slachthuisbuurt"], space_request=request,
                rent=D("350"), market_rent=D("650"), tenant_kind=TenantKind.CULTURAL,
                start_date=today - dt.timedelta(days=30), procedure=Procedure.EXCEPTION,
                justification="Het atelier is onderdeel van de herontwikkeling van de Slachthuisbuurt en alleen "
                              "deze ondernemer voldoet aan de eis van inzet in de wijk.",
                decided_by="College van B&W", decision_date=today - dt.timedelta(days=45), created_by=broker)
            SpaceRequest.objects.filter(pk=request.pk).update(status=SpaceRequestStatus.ALLOCATED)


# --- national size: for the bench -------------------------------------------------------------

PER_MUNICIPALITY = 30  # properties per municipality
REQUESTS_PER_MUNICIPALITY = 10
AREAS = ["Centrum", "Noord", "Oost", "Zuid", "West", "Bedrijventerrein"]


def _national(stdout, today):
    if Property.objects.filter(name__startswith="Pand NL-").exists():
        return
    rng = random.Random(2026)
    municipalities = list(Organisation.objects.filter(kind=OrganisationKind.GEMEENTE).order_by("pk"))
    types = PropertyType.values
    rows = []
    for org in municipalities:
        for i in range(PER_MUNICIPALITY):
            m2 = D(rng.randrange(20, 800))
            rent = (m2 * D(rng.randrange(80, 200)) / 12).quantize(D("1"))
            rows.append(Property(
                organisation=org, name=f"Pand NL-{org.pk}-{i}", address=f"Straat {i}", area=rng.choice(AREAS),
                property_type=rng.choice(types), floor_area=m2, market_rent=rent,
                social_tariff=(rent * D("0.6")).quantize(D("1")) if rng.random() < 0.6 else None,
                available_from=today + dt.timedelta(days=rng.randrange(-60, 180)), is_published=rng.random() < 0.7))
    Property.objects.bulk_create(rows, batch_size=2000)
    enterprises = {}
    for pk, municipality in (Enterprise.objects.filter(municipality__in=municipalities)
                             .order_by("municipality_id", "pk").values_list("pk", "municipality_id").iterator()):
        bucket = enterprises.setdefault(municipality, [])
        if len(bucket) < REQUESTS_PER_MUNICIPALITY:
            bucket.append(pk)
    requests = []
    for org in municipalities:
        for pk in enterprises.get(org.pk, []):
            low = D(rng.randrange(20, 400))
            requests.append(SpaceRequest(
                organisation=org, enterprise_id=pk, min_area=low, max_area=low * 2, property_type=rng.choice(types),
                budget=D(rng.randrange(300, 4000)), area=rng.choice(AREAS),
                start_date=today + dt.timedelta(days=rng.randrange(0, 120)), purpose="Bedrijfsruimte (demo)"))
    SpaceRequest.objects.bulk_create(requests, batch_size=2000)
    stdout.write(f"    properties: {len(rows):,}, space requests: {len(requests):,}")
