"""Demo data: Haarlem's and Amersfoort's SROI contracts in every status (open, on track,
behind, fulfilled, closed), with realisation lines of every kind — verified, submitted, one
rejected with a reason — valued by the example rule sets of the rule-set part.

Idempotent: a contract is keyed on its organisation and demo reference and gets its lines only
when it is created. Dates are relative to the day of seeding, so the statuses are real."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise, OfferingCategory

from .. import services
from ..constants import BlockKind
from ..models import Contract

D = Decimal
VERIFIED, SUBMITTED, REJECTED = "verified", "submitted", "rejected"

# reference, title, category, value, award (days from today), end (days from today), supplier, lines,
# closed. Supplier "own" is the enterprise of the demo entrepreneur of that municipality (they
# report on it themselves); otherwise a named company outside the register.
# A line: (kind, fields, outcome); "other" with amount None takes the whole obligation (fulfilled).
CONTRACTS = {
    "haarlem": [
        ("DEMO-HLM-01", "Schoonmaak gemeentehuis en stadskantoren", "schoonmaak", D("1200000"), -200, 530, "own", [
            (BlockKind.PLACEMENT, {"fte": D("0.8"), "months": D("12"), "candidate_ref": "SPA-001", "bonus": True},
             VERIFIED),
            (BlockKind.WORK_EXPERIENCE, {"months": D("6"), "candidate_ref": "SPA-002"}, VERIFIED),
            (BlockKind.PURCHASE, {"amount": D("8500")}, VERIFIED),
            (BlockKind.TRAINING, {"months": D("10"), "candidate_ref": "SPA-003"}, SUBMITTED),
            (BlockKind.HOURS, {"hours": D("40")}, SUBMITTED),
            (BlockKind.OTHER, {"amount": D("2500"), "justification": "Gastlessen op het Nova College"}, SUBMITTED),
        ], False),
        ("DEMO-HLM-02", "Groenonderhoud parken en plantsoenen", "groenonderhoud", D("800000"), -500, 230,
         "Groenbedrijf Spaarnwoude BV", [
             (BlockKind.WORK_EXPERIENCE, {"months": D("3"), "candidate_ref": "GRO-001"}, VERIFIED),
             (BlockKind.PLACEMENT, {"fte": D("1"), "months": D("6"), "candidate_ref": "GRO-002"}, REJECTED),
         ], False),
        ("DEMO-HLM-03", "ICT-beheer en werkplekondersteuning", "ict", D("450000"), 30, 1125,
         "Kennemer ICT Services BV", [], False),
        ("DEMO-HLM-04", "Catering raadszaal en bedrijfsrestaurant", "catering", D("300000"), -365, 365,
         "Catering Zuid-Kennemerland BV", [
             (BlockKind.PLACEMENT, {"fte": D("0.5"), "months": D("6"), "candidate_ref": "CAT-001"}, VERIFIED),
             (BlockKind.OTHER, {"amount": None, "justification": "Leerwerkbedrijf in de keuken, afgesproken "
                                                                 "met de opdrachtgever"}, VERIFIED),
         ], False),
        ("DEMO-HLM-05", "Reconstructie Kruisweg en Jansweg", "bouw", D("2500000"), -900, -60,
         "Wegenbouw Haarlemmermeer BV", [
             (BlockKind.PLACEMENT, {"fte": D("1"), "months": D("18"), "candidate_ref": "WEG-001"}, VERIFIED),
             (BlockKind.TRAINING, {"months": D("12"), "candidate_ref": "WEG-002"}, VERIFIED),
         ], True),
    ],
    "amersfoort": [
        ("DEMO-AMF-01", "Schoonmaak stadhuis en sportaccommodaties", "schoonmaak", D("950000"), -150, 580, "own", [
            (BlockKind.PLACEMENT, {"fte": D("1"), "months": D("9"), "candidate_ref": "EEM-001", "bonus": True},
             VERIFIED),
            (BlockKind.PURCHASE, {"amount": D("4200")}, VERIFIED),
            (BlockKind.HOURS, {"hours": D("24")}, SUBMITTED),
        ], False),
        ("DEMO-AMF-02", "Groenonderhoud wijken Vathorst en Nieuwland", "groenonderhoud", D("700000"), -450, 280,
         "Eemland Groen BV", [
             (BlockKind.WORK_EXPERIENCE, {"months": D("4"), "candidate_ref": "EGR-001"}, VERIFIED),
             (BlockKind.OTHER, {"amount": D("1500"), "justification": "Sponsoring buurtmoestuin"}, REJECTED),
         ], False),
        ("DEMO-AMF-03", "Beheer ICT-infrastructuur", "ict", D("600000"), 45, 1140, "Utrechtse Heuvelrug IT BV", [],
         False),
        ("DEMO-AMF-04", "Drukwerk en verzending", "drukwerk", D("250000"), -300, 430, "Drukkerij Eemland BV", [
            (BlockKind.OTHER, {"amount": None, "justification": "Drukwerk door een sociale werkplaats"}, VERIFIED),
        ], False),
        ("DEMO-AMF-05", "Reconstructie Stationsplein", "bouw", D("1800000"), -800, -30, "Bouwcombinatie Eem BV", [
            (BlockKind.PLACEMENT, {"fte": D("1"), "months": D("12"), "candidate_ref": "STA-001"}, VERIFIED),
        ], True),
    ],
}
REJECTION = "Geen loonstrook of arbeidsovereenkomst bijgevoegd; voeg die toe en meld opnieuw."


def seed(*, size, ref, stdout):
    """Contracts pinned, as in real life, to the rule set valid on their award date (the example
    tables of ``demo/rule_sets.py``, which seeds first)."""
    organisations = ref["organisations"]
    created = 0
    for slug, contracts in CONTRACTS.items():
        created += _seed_organisation(organisations[slug], contracts)
    if stdout is not None and created:
        stdout.write(f"  procurement: {created} SROI-contracten met realisaties")
    return {}


@transaction.atomic
def _seed_organisation(organisation, contracts) -> int:
    User = get_user_model()
    broker = User.objects.filter(username=f"makelaar-{organisation.slug}").first()
    own = Enterprise.objects.filter(memberships__user__username=_entrepreneur_of(organisation.slug)).first()
    seller = (Enterprise.objects.filter(admission_status=AdmissionStatus.ADMITTED).exclude(pk=getattr(own, "pk", None))
              .order_by("kvk_number").first())
    today = timezone.localdate()
    created = 0
    for reference, title, category, value, award, end, supplier, lines, closed in contracts:
        if Contract.objects.filter(organisation=organisation, reference=reference).exists():
            continue
        award_date = today + dt.timedelta(days=award)
        contract = Contract(organisation=organisation, reference=reference, title=title, value=value,
                            award_date=award_date, end_date=today + dt.timedelta(days=end),
                            category=OfferingCategory.objects.filter(slug=category).first(),
                            rule_set=services.default_rule_set(organisation, award_date))
        if supplier == "own" and own is not None:
            contract.supplier = own
        else:
            contract.supplier_name = supplier if supplier != "own" else f"Schoonmaakbedrijf {organisation.name}"
        contract = services.contract_save(contract=contract, by=broker, today=today)
        for kind, fields, outcome in lines:
            _line(contract, kind, dict(fields), outcome, broker=broker, seller=seller, today=today)
        if closed:
            services.contract_close(contract=contract, by=broker, today=today)
        created += 1
    return created


def _entrepreneur_of(slug):
    return {"haarlem": "ondernemer-1", "amersfoort": "ondernemer-2"}.get(slug, "")


def _line(contract, kind, fields, outcome, *, broker, seller, today):
    blocks = list(contract.rule_set.blocks.all())
    block = next((b for b in blocks if b.kind == kind), None)
    if block is None or (kind == BlockKind.PURCHASE and seller is None):
        return None
    if fields.pop("bonus", False):
        fields["bonuses"] = [b for b in blocks if b.kind == BlockKind.BONUS][:1]
    if kind == BlockKind.PURCHASE:
        fields["seller"] = seller
    if kind == BlockKind.OTHER and fields["amount"] is None:
        contract.refresh_from_db()
        fields["amount"] = max(contract.obligation - contract.realised, D("0"))  # fulfils the obligation
    date = min(today, contract.award_date + dt.timedelta(days=30))  # demo lines start a month after award
    line = services.realisation_record(contract=contract, block=block, by=broker, today=today,
                                       values={"date": date, **fields})
    if outcome != SUBMITTED:
        services.realisation_assess(realisation=line, by=broker, verify=outcome == VERIFIED,
                                    reason=REJECTION if outcome == REJECTED else "", today=today)
    return line
