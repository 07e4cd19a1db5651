"""Demo data: open purchase requests of Haarlem and Amersfoort (one reserved) with a few
responses of demo enterprises. Idempotent: keyed on organisation and title."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise, OfferingCategory
from impactportal.accounts.models import User
from impactportal.seed.core import upsert

from ..constants import Procedure, RequestStatus
from ..models import PurchaseRequest, PurchaseResponse

# organisation, poster, title, category, budget, days to the deadline, procedure, reserved, description
REQUESTS = [
    ("haarlem", "inkoper-haarlem", "Schoonmaak van drie wijkcentra", "schoonmaak", "85000", 30, Procedure.MULTIPLE,
     True, "Dagelijkse schoonmaak van de wijkcentra in Schalkwijk, Haarlem-Noord en het Centrum, twee jaar met een "
           "optie op verlenging. Voorbehouden aan sociale ondernemingen (art. 2.82 Aanbestedingswet)."),
    ("haarlem", "makelaar-haarlem", "Lunchcatering voor raadsvergaderingen", "catering", "18000", 21, Procedure.SINGLE,
     False, "Broodjeslunch en soep voor ongeveer veertig mensen, op dertig avonden per jaar in het stadhuis."),
    ("amersfoort", "makelaar-amersfoort", "Groenonderhoud rond sportparken", "groenonderhoud", "40000", 45,
     Procedure.MULTIPLE, False, "Maaien, snoeien en zwerfafval rapen rond vier sportparken, van maart tot november."),
    ("amersfoort", "makelaar-amersfoort", "Kerstpakketten voor medewerkers", "voedsel", "12500", 14, Procedure.SINGLE,
     False, "Ongeveer 1.200 kerstpakketten met producten van lokale impactondernemingen, bezorgd op drie locaties."),
]
# title, entrepreneur's enterprise (username) or a category to find another admitted enterprise, quote, message
RESPONSES = [
    ("Schoonmaak van drie wijkcentra", "ondernemer-1", "79500",
     "Wij werken met vaste ploegen van mensen met een afstand tot de arbeidsmarkt, met een eigen werkleider."),
    ("Kerstpakketten voor medewerkers", "ondernemer-2", "11950",
     "Pakketten met koffie, brood en banket uit eigen bakkerij en van twee andere sociale ondernemingen."),
    ("Lunchcatering voor raadsvergaderingen", "catering", "16400", "Vers bereid door onze leerlingen in de keuken."),
    ("Groenonderhoud rond sportparken", "groenonderhoud", "38250", "Met twee ploegen en eigen materieel."),
]


def _enterprise(key):
    if key.startswith("ondernemer-"):
        return Enterprise.objects.filter(memberships__user__username=key).order_by("pk").first()
    return (Enterprise.objects.filter(admission_status=AdmissionStatus.ADMITTED, offerings__category__slug=key)
            .exclude(memberships__isnull=False).order_by("pk").first())


def seed(*, size, ref, stdout):
    today = timezone.localdate()
    categories = {c.slug: c for c in OfferingCategory.objects.all()}
    posted = {}
    for slug, poster, title, category, budget, days, procedure, reserved, description in REQUESTS:
        organisation = ref["organisations"][slug]
        posted[title] = upsert(
            PurchaseRequest, {"organisation": organisation, "title": title}, description=description,
            category=categories[category], budget_indication=Decimal(budget), deadline=today + dt.timedelta(days=days),
            procedure=procedure, is_reserved=reserved, status=RequestStatus.OPEN,
            posted_by=User.objects.filter(username=poster).first())
    responses = 0
    for title, who, quote, message in RESPONSES:
        enterprise = _enterprise(who)
        if enterprise is None:
            continue
        submitter = User.objects.filter(username=who).first() if who.startswith("ondernemer-") else None
        upsert(PurchaseResponse, {"request": posted[title], "enterprise": enterprise}, quote_amount=Decimal(quote),
               message=message, submitted_by=submitter)
        responses += 1
    stdout.write(f"  purchase requests: {len(posted)}, responses: {responses}\n")
    return {"purchase_requests": list(posted.values())}
