"""Demo data: the supplier payments of Gemeente Haarlem and Gemeente Amersfoort for this year and
last year, as their financial systems would export them: large suppliers that are not in the
register, and admitted impact enterprises of the demo register (matched by KvK number) for
catering, cleaning, print and the Christmas hampers. The share at impact enterprises comes out at
a few percent, as it does in practice. The payments are procurement's (department inkoop): the
demo's ``inkoper-haarlem`` reads and imports them, ``vastgoed-haarlem`` does not. Idempotent: a
payment is found again by organisation, supplier, date and cost category."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise
from impactportal.accounts.constants import Department
from impactportal.accounts.models import Organisation
from impactportal.seed.core import upsert

from ..models import SupplierPayment

ORGANISATIONS = ["haarlem", "amersfoort"]
# Regular suppliers (not in the register): name, KvK number, cost category, monthly amount range.
LARGE_SUPPLIERS = [
    ("Kantoorreus BV", "34125678", "Kantoorartikelen", (1500, 6000)),
    ("Bouwcombinatie Spaarne-Eem BV", "33987654", "Onderhoud gebouwen", (25000, 90000)),
    ("ICT Partners Nederland BV", "30123456", "ICT", (15000, 45000)),
    ("Energiebedrijf Noord-Holland NV", "34567812", "Energie", (12000, 30000)),
    ("Adviesbureau Stad & Land BV", "55123987", "Advies", (5000, 25000)),
    ("Schoonmaakgroep Nederland BV", "33445566", "Schoonmaak", (18000, 32000)),
    ("Cateringgroep Holland BV", "60112233", "Catering", (4000, 9000)),
    ("Drukwerkdeal Online BV", "62334455", "Drukwerk", (500, 3000)),
]
# Impact enterprises of the demo register, by the activity their name starts with (see
# enterprises.seeding.ACTIVITIES): cost category, amount range, months they are paid in.
IMPACT_PURCHASES = [
    ("Cateraar", "Catering", (600, 2200), range(1, 13)),
    ("Schoonmaakbedrijf", "Schoonmaak", (1200, 3000), range(1, 13)),
    ("Drukkerij", "Drukwerk", (300, 1500), (3, 6, 9, 11)),
    ("Kringloopwinkel", "Meubilair", (400, 1800), (4, 10)),
    ("Koffiebranderij", "Catering", (200, 700), range(1, 13, 2)),
]
# The classic first step: Christmas hampers for the staff from a social enterprise.
HAMPERS = ("Bakkerij", "Relatiegeschenken", (9000, 16000), 12)


def _impact_enterprises():
    admitted = Enterprise.objects.filter(admission_status=AdmissionStatus.ADMITTED).order_by("kvk_number")
    found = {}
    for prefix, *_rest in [*IMPACT_PURCHASES, HAMPERS]:
        enterprise = admitted.filter(name__startswith=prefix).first()
        if enterprise:
            found[prefix] = enterprise
    return found


def _plan(rng, year, last_month, enterprises):
    """(supplier name, KvK, date, amount, cost category, enterprise) of one organisation's year."""
    rows = []
    for month in range(1, last_month + 1):
        day = dt.date(year, month, 1)
        for name, kvk, category, (low, high) in LARGE_SUPPLIERS:
            rows.append((name, kvk, day + dt.timedelta(days=rng.randint(0, 26)), rng.randint(low, high), category,
                         None))
        for prefix, category, (low, high), months in IMPACT_PURCHASES:
            enterprise = enterprises.get(prefix)
            if enterprise and month in months:
                rows.append((enterprise.name, enterprise.kvk_number, day + dt.timedelta(days=rng.randint(0, 26)),
                             rng.randint(low, high), category, enterprise))
    prefix, category, (low, high), month = HAMPERS
    if enterprises.get(prefix) and last_month >= month:
        enterprise = enterprises[prefix]
        rows.append((enterprise.name, enterprise.kvk_number, dt.date(year, 12, 10), rng.randint(low, high), category,
                     enterprise))
    return rows


@transaction.atomic
def seed(*, size, ref, stdout):
    today = timezone.localdate()
    enterprises = _impact_enterprises()
    count = 0
    for slug in ORGANISATIONS:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        rng = random.Random(f"payments-{slug}")
        for year, last_month in ((today.year - 1, 12), (today.year, today.month - 1 or 1)):
            for name, kvk, day, amount, category, enterprise in _plan(rng, year, last_month, enterprises):
                day = min(day, today)
                upsert(SupplierPayment, {"organisation": organisation, "supplier_name": name, "date": day,
                                         "cost_category": category},
                       supplier_kvk=kvk, amount=Decimal(amount) + Decimal(rng.randint(0, 99)) / 100,
                       enterprise=enterprise, department=Department.INKOOP)
                count += 1
    return {"supplier_payments": count}
