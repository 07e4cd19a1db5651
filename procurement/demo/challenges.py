"""Demo data: Haarlem's impact challenge in the submissions phase, with criteria, a jury of two
demo users and submissions. Idempotent: keyed on organisation and title."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise
from impactportal.accounts.models import User
from impactportal.seed.core import upsert

from ..constants import ChallengePhase
from ..models import Challenge, ChallengeCriterion, Juror, Submission

TITLE = "Jongeren zonder startkwalificatie aan het werk"
PROBLEM = (
    "In Haarlem hebben ruim vierhonderd jongeren tussen 18 en 27 jaar geen startkwalificatie en geen werk. "
    "Reguliere trajecten bereiken hen slecht. Wij zoeken impactondernemingen die deze jongeren een leerwerkplek, "
    "begeleiding en uitzicht op een diploma of vaste baan bieden, samen met het mbo en werkgevers in de regio."
)
CRITERIA = [("Maatschappelijke impact", 3), ("Haalbaarheid en schaalbaarheid", 2),
            ("Samenwerking met onderwijs en werkgevers", 1)]
SUBMISSIONS = [
    ("ondernemer-1", "Leerwerkbedrijf op de werkvloer",
     "Twaalf jongeren per jaar werken vier dagen bij ons en leren één dag op het mbo; een jobcoach begeleidt hen."),
    (None, "Buddy's uit de buurt",
     "Jongeren die het zelf gehaald hebben begeleiden nieuwe jongeren naar een BBL-plek bij lokale bedrijven."),
]


def seed(*, size, ref, stdout):
    haarlem = ref["organisations"]["haarlem"]
    broker = User.objects.filter(username="makelaar-haarlem").first()
    challenge = upsert(Challenge, {"organisation": haarlem, "title": TITLE}, problem=PROBLEM,
                       prize_budget=Decimal("60000"), phase=ChallengePhase.SUBMISSIONS, is_published=True,
                       submission_deadline=timezone.localdate() + dt.timedelta(days=40), created_by=broker)
    for order, (name, weight) in enumerate(CRITERIA):
        upsert(ChallengeCriterion, {"challenge": challenge, "name": name}, weight=weight, order=order)
    for username in ("makelaar-haarlem", "inkoper-haarlem"):
        user = User.objects.filter(username=username).first()
        if user is not None:
            upsert(Juror, {"challenge": challenge, "user": user})
    others = (Enterprise.objects.filter(admission_status=AdmissionStatus.ADMITTED, municipality=haarlem,
                                        memberships__isnull=True).order_by("pk"))
    count = 0
    for username, title, summary in SUBMISSIONS:
        if username:
            enterprise = Enterprise.objects.filter(memberships__user__username=username).order_by("pk").first()
        else:
            enterprise = others.first()
        if enterprise is None:
            continue
        upsert(Submission, {"challenge": challenge, "enterprise": enterprise}, title=title, summary=summary,
               submitted_by=User.objects.filter(username=username).first() if username else None)
        count += 1
    stdout.write(f"  challenges: 1, submissions: {count}\n")
    return {"challenges": [challenge]}
