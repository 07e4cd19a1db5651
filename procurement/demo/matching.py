"""Demo data: match-making meetings on the Haarlem and Amersfoort contracts that still owe social
return (one agreement, one follow-up that is due, one planned), with enterprises of the
contract's own municipality. Idempotent: one meeting per contract and enterprise; dates relative
to today are set on creation only."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise
from impactportal.accounts.constants import Role
from impactportal.accounts.models import User

from ..constants import ContractStatus, MeetingOutcome
from ..models import Contract, MatchMeeting

# outcome, days from today of the meeting, of its follow-up, agreed amount, notes
MEETINGS = [
    (MeetingOutcome.AGREED, -40, None, Decimal("18000"),
     "De leverancier besteedt de schoonmaak van de bouwkeet uit; afspraak voor het hele contract."),
    (MeetingOutcome.FOLLOW_UP, -20, -2, None, "Kennismaking verliep goed; offerte volgt, daarna opnieuw om tafel."),
    (MeetingOutcome.PLANNED, 7, 21, None, "Intaketafel met de leverancier en twee impactondernemingen."),
]


def seed(*, size, ref, stdout):
    today = timezone.localdate()
    created = 0
    for slug, username in (("haarlem", "makelaar-haarlem"), ("amersfoort", "makelaar-amersfoort")):
        organisation = ref["organisations"][slug]
        broker = User.objects.filter(username=username, memberships__role=Role.BROKER).first()
        contracts = (Contract.objects.filter(organisation=organisation, obligation__gt=0)
                     .exclude(status__in=[ContractStatus.CLOSED, ContractStatus.FULFILLED])
                     .exclude(reference__startswith="NAT-").order_by("pk")[:2])
        enterprises = list(Enterprise.objects.filter(municipality=organisation, admission_status=AdmissionStatus.ADMITTED)
                           .order_by("name", "pk")[:len(MEETINGS)])
        for contract in contracts:
            for enterprise, (outcome, days, follow_up, amount, notes) in zip(enterprises, MEETINGS, strict=False):
                if MatchMeeting.objects.filter(contract=contract, enterprise=enterprise).exists():
                    continue
                MatchMeeting.objects.create(
                    contract=contract, enterprise=enterprise, date=today + dt.timedelta(days=days), outcome=outcome,
                    agreed_amount=amount, notes=notes, recorded_by=broker,
                    follow_up_on=None if follow_up is None else today + dt.timedelta(days=follow_up))
                created += 1
    if created:
        stdout.write(f"    match-making meetings: {created}")
    return {}
