"""Demo enterprises. ``small``: a few hundred plausible enterprises across the demo
municipalities; ``national``: about 100,000 for benchmarks, inserted in bulk."""

import random

from faker import Faker

from impactportal.accounts.models import Organisation
from impactportal.seed.core import seed_entrepreneurs, upsert

from .constants import AdmissionStatus
from .models import Enterprise

SMALL = 200
NATIONAL = 100_000
OWNED_IN = ["haarlem", "amersfoort"]  # municipalities of the demo entrepreneurs' enterprises
DEMO_MUNICIPALITIES = ["haarlem", "amersfoort", "emmen", "rotterdam", "groningen", "heemstede", "velsen", "zandvoort"]
ACTIVITIES = [
    "Fietsenmakerij", "Koffiebranderij", "Schoonmaakbedrijf", "Cateraar", "Kringloopwinkel", "Drukkerij",
    "Groenonderhoud", "Meubelmakerij", "Bakkerij", "IT-beheer", "Textielatelier", "Verhuisbedrijf",
    "Zonnepanelenmonteur", "Postbezorging", "Wasserette", "Hoveniersbedrijf", "Fietskoeriers", "Bouwbedrijf",
]


def _kvk(index: int) -> str:
    # Deterministic 8-digit numbers in a range real KvK numbers use; unique per index.
    return f"{90_000_000 + index:08d}"


def _enterprise_values(fake, rng, index, municipalities):
    activity = rng.choice(ACTIVITIES)
    status = rng.choices(
        [AdmissionStatus.ADMITTED, AdmissionStatus.APPLIED, AdmissionStatus.UNDER_REVIEW,
         AdmissionStatus.NOT_APPLIED, AdmissionStatus.REJECTED],
        weights=[60, 8, 6, 22, 4],
    )[0]
    return {
        "name": f"{activity} {fake.last_name()}",
        "municipality": rng.choice(municipalities),
        "description": f"{activity} die werk biedt aan mensen met een afstand tot de arbeidsmarkt. {fake.sentence()}",
        "website": f"https://www.voorbeeld-{index}.nl",
        "admission_status": status,
        "is_published": status == AdmissionStatus.ADMITTED and rng.random() < 0.95,
    }


def seed(*, size, ref, stdout):
    fake = Faker("nl_NL")
    fake.seed_instance(2021)
    rng = random.Random(2021)
    municipalities = list(Organisation.objects.filter(slug__in=DEMO_MUNICIPALITIES).order_by("slug"))
    if size == "national":
        municipalities = list(Organisation.objects.filter(kind="gemeente").order_by("slug"))
        _seed_bulk(fake, rng, municipalities, NATIONAL, stdout)
    else:
        for index in range(SMALL):
            values = _enterprise_values(fake, rng, index, municipalities)
            if index < len(OWNED_IN):
                # ondernemer-1 runs an admitted enterprise in Haarlem, ondernemer-2 one in Amersfoort.
                values.update(municipality=ref["organisations"][OWNED_IN[index]],
                              admission_status=AdmissionStatus.ADMITTED, is_published=True)
            upsert(Enterprise, {"kvk_number": _kvk(index)}, **values)
    owned = list(Enterprise.objects.filter(kvk_number__in=[_kvk(i) for i in range(len(OWNED_IN))])
                 .order_by("kvk_number"))
    seed_entrepreneurs(owned)
    return {"enterprises_owned": owned}


def _seed_bulk(fake, rng, municipalities, total, stdout, batch=5000):
    existing = set(Enterprise.objects.values_list("kvk_number", flat=True))
    created = 0
    pending = []
    for index in range(total):
        kvk = _kvk(index)
        values = _enterprise_values(fake, rng, index, municipalities)  # drawn always: same data every run
        if kvk in existing:
            continue
        pending.append(Enterprise(kvk_number=kvk, **values))
        if len(pending) >= batch:
            Enterprise.objects.bulk_create(pending)
            created += len(pending)
            pending = []
            stdout.write(f"    enterprises: {created:,}")
    if pending:
        Enterprise.objects.bulk_create(pending)
        created += len(pending)
    stdout.write(f"    enterprises created: {created:,}")
