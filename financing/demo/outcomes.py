"""Demo data of outcome contracts (issue 11 parts 2 and 3).

Small: Haarlem's outcome contract with the demo entrepreneur's enterprise as provider, two
metrics and claims in every state (submitted, fully accepted, partly accepted, rejected, paid —
one payment capped by the metric's cap — and one left unpaid because the cap was used up), published as open data; a social impact bond on a
second contract with a bank and a fund as investors and cash flows per quarter (its outcome
payments are the contract's own payments of verified claims); a feasibility
check. Idempotent: contracts are keyed on organisation and reference and get their metrics,
claims and bond only when they are created.

National: 2,000 contracts with 20,000 claims (a third paid) over every municipality, bulk
inserted, keyed on ``NAT-UC-…`` references, so the lists and statements are measured at scale."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from enterprises.models import Enterprise
from impactportal.accounts.models import Organisation

from .. import services_outcomes as services
from ..models import (
    BondCashFlow,
    BondInvestor,
    BondPayer,
    ClaimStatus,
    FeasibilityCheck,
    OutcomeClaim,
    OutcomeContract,
    OutcomeMetric,
    OutcomePayment,
    SocialImpactBond,
)
from ..outcomes import payment_for

D = Decimal
WORK = {
    "name": "Uitstroom naar duurzaam werk",
    "definition": "Een deelnemer uit de doelgroep werkt zes maanden aaneengesloten ten minste 20 uur per week in "
                  "betaald werk en heeft in die periode geen bijstandsuitkering.",
    "unit": "deelnemer", "price": D("6500.00"), "target": 24, "cap": D("78000.00"),
    "validation_method": "Steekproef van loonstroken en controle in de uitkeringsadministratie (Suwinet) door de "
                         "afdeling Werk en Inkomen.",
    "data_source": "Uitkeringsadministratie gemeente Haarlem en loonadministratie aanbieder",
}
QUALIFICATION = {
    "name": "Startkwalificatie behaald",
    "definition": "Een deelnemer zonder startkwalificatie behaalt een mbo-2-diploma of een erkend branchecertificaat.",
    "unit": "diploma", "price": D("2500.00"), "target": 15, "cap": None,
    "validation_method": "Kopie van diploma of certificaat, gecontroleerd door de leerplicht- en RMC-afdeling.",
    "data_source": "DUO-registratie en certificaten van de opleider",
}


def seed(*, size, ref, stdout):
    organisations = ref["organisations"]
    created = _seed_haarlem(organisations["haarlem"])
    if stdout is not None and created:
        stdout.write(f"  financing: {created} uitkomstcontracten met claims, betalingen en een social impact bond")
    if size == "national":
        national(stdout)
    return {}


def _user(username):
    return get_user_model().objects.filter(username=username).first()


@transaction.atomic
def _seed_haarlem(haarlem) -> int:
    broker, entrepreneur = _user("makelaar-haarlem"), _user("ondernemer-1")
    provider = Enterprise.objects.filter(memberships__user=entrepreneur).first() if entrepreneur else None
    if provider is None or broker is None:
        return 0
    today = timezone.localdate()
    created = 0
    start = dt.date(today.year - 1, 1, 1)
    if not OutcomeContract.objects.filter(organisation=haarlem, reference="DEMO-UC-HLM-01").exists():
        contract = OutcomeContract.objects.create(
            organisation=haarlem, provider=provider, reference="DEMO-UC-HLM-01", created_by=broker,
            title="Werkfit Haarlem: jongeren duurzaam aan het werk",
            target_group="Jongeren van 18 tot 27 jaar in de bijstand, zonder startkwalificatie",
            description="Resultaatfinanciering: de gemeente betaalt achteraf per jongere die duurzaam uitstroomt "
                        "naar werk en per behaalde startkwalificatie. De besparing op de bijstand landt bij de "
                        "gemeente; zo komt een deel ervan terug bij de onderneming die haar mogelijk maakt.",
            start_date=start, end_date=dt.date(today.year + 1, 12, 31), maximum=D("110000.00"), is_published=True)
        work = OutcomeMetric.objects.create(contract=contract, order=1, **WORK)
        qualification = OutcomeMetric.objects.create(contract=contract, order=2, **QUALIFICATION)
        quarter = _quarters(start)
        # (metric, quarter, claimed, accepted or None, reason, pay)
        plan = [
            (work, 0, 6, 6, "", True),
            (work, 1, 6, 4, "Twee deelnemers werkten korter dan zes maanden aaneengesloten.", False),
            (work, 2, 7, 7, "", True),  # the metric's cap binds: 39,000 of 45,500 fits under 78,000
            (qualification, 0, 3, 3, "", False),  # accepted, not yet paid
            (qualification, 1, 4, 0, "De certificaten zijn niet door een erkende opleider afgegeven.", False),
            # The cap is used up: verified, but handled without payment ("niet betaald: plafond bereikt").
            (work, 3, 2, 2, "", True),
            (qualification, 2, 3, None, "", False),  # submitted, waits for verification
        ]
        for metric, q, claimed, accepted, reason, pay in plan:
            claim = services.claim_submit(contract=contract, metric=metric, period_start=quarter[q][0],
                                          period_end=quarter[q][1], claimed_count=claimed, by=entrepreneur,
                                          note="Aantallen uit de eigen deelnemersadministratie.", notify=False)
            if accepted is not None:
                claim = services.claim_verify(claim=claim, by=broker, accepted_count=accepted, reason=reason,
                                              notify=False)
            if pay:
                services.claim_pay(claim=claim, by=broker, notify=False)
        created += 1
    if not OutcomeContract.objects.filter(organisation=haarlem, reference="DEMO-UC-HLM-02").exists():
        contract = OutcomeContract.objects.create(
            organisation=haarlem, provider=provider, reference="DEMO-UC-HLM-02", created_by=broker,
            title="Social impact bond Leerwerkbedrijf Schalkwijk",
            target_group="Werkzoekenden met een afstand tot de arbeidsmarkt in Schalkwijk",
            start_date=start, end_date=dt.date(today.year + 2, 12, 31), maximum=D("750000.00"), is_published=True)
        sib_metric = OutcomeMetric.objects.create(
            contract=contract, name="Uitstroom naar werk (12 maanden)", unit="deelnemer", price=D("12500.00"),
            target=60, cap=D("750000.00"), order=1,
            definition="Twaalf maanden aaneengesloten betaald werk, zonder uitkering.",
            validation_method="Controle in Suwinet door een onafhankelijke partij.",
            data_source="Suwinet en loonadministratie werkgevers")
        bond = SocialImpactBond.objects.create(
            contract=contract, name="SIB Leerwerkbedrijf Schalkwijk", intermediary="Social Impact Ventures NL",
            description="Investeerders financieren het leerwerkbedrijf vooraf; Haarlem en Heemstede betalen per "
                        "deelnemer die twaalf maanden aan het werk blijft.")
        heemstede = Organisation.objects.filter(slug="heemstede").first()
        if heemstede is not None:  # a neighbour whose residents take part pays for its share
            BondPayer.objects.create(bond=bond, organisation=heemstede, committed=D("150000.00"))
        bank = BondInvestor.objects.create(
            bond=bond, name="Coöperatieve Bank Kennemerland", kind="bank", committed_capital=D("400000.00"),
            repayment_terms="Aflossing uit de uitkomstbetalingen, per kwartaal, uiterlijk na vier jaar.",
            return_if_met=D("6.00"), terms_status="PRIVATE")
        fund = BondInvestor.objects.create(
            bond=bond, name="Fonds Sociaal Ondernemen Haarlem", kind="fund", committed_capital=D("250000.00"),
            repayment_terms="Achtergesteld op de bank; terugbetaling alleen als de doelen worden gehaald.",
            return_if_met=D("3.50"), terms_status="PUBLIC")
        quarter = _quarters(start)
        # The bond's outcome payments are the contract's own payments for verified claims (7 and
        # 9 participants at € 12.500), so the bond page and the contract page tell the same story;
        # each is paid in the quarter after the one it is for.
        for q, count in ((2, 7), (3, 9)):
            claim = services.claim_submit(contract=contract, metric=sib_metric, period_start=quarter[q][0],
                                          period_end=quarter[q][1], claimed_count=count, by=entrepreneur,
                                          note="Aantallen uit Suwinet, gecontroleerd door de intermediair.",
                                          notify=False)
            claim = services.claim_verify(claim=claim, by=broker, accepted_count=count, notify=False)
            services.claim_pay(claim=claim, by=broker, notify=False)
        # (quarter, kind, investor, amount, realised): the first five quarters have happened; the
        # last row is the forecast of the next outcome payment (no quarter: next January).
        flows = [(0, "investment", bank, D("200000"), True), (0, "investment", fund, D("125000"), True),
                 (1, "delivery", None, D("140000"), True), (2, "investment", bank, D("200000"), True),
                 (2, "investment", fund, D("125000"), True), (3, "outcome_payment", None, D("87500"), True),
                 (3, "repayment", bank, D("60000"), True), (4, "outcome_payment", None, D("112500"), True),
                 (4, "repayment", bank, D("80000"), True), (4, "return", fund, D("4000"), True),
                 (None, "outcome_payment", None, D("125000"), False)]
        next_year = dt.date(today.year + 1, 1, 1)  # a forecast lies ahead, whenever the demo is seeded
        BondCashFlow.objects.bulk_create(
            BondCashFlow(bond=bond, period=next_year if q is None else quarter[q % 8][0], kind=kind, investor=who, amount=amount,
                         status="realised" if realised else "planned")
            for q, kind, who, amount, realised in flows)
        services.feasibility_save(check=FeasibilityCheck(
            organisation=haarlem, contract=contract, title="Haalbaarheid SIB Leerwerkbedrijf Schalkwijk",
            societal_case="yes", causal_link="yes", few_beneficiaries="partly", benefits_exceed_costs="yes",
            sufficient_scale="yes", committed_parties="yes",
            notes="Ook Heemstede en het UWV profiteren: maak afspraken over hun aandeel in de betalingen."), by=broker)
        created += 1
    return created


def _quarters(start: dt.date) -> list[tuple[dt.date, dt.date]]:
    quarters = []
    for i in range(8):
        year, month = start.year + (start.month - 1 + 3 * i) // 12, (start.month - 1 + 3 * i) % 12 + 1
        first = dt.date(year, month, 1)
        nxt = dt.date(year + (month + 2) // 12, (month + 2) % 12 + 1, 1)
        quarters.append((first, nxt - dt.timedelta(days=1)))
    return quarters


# --- national size ----------------------------------------------------------------------------

CONTRACTS = 2_000
CLAIMS_PER_CONTRACT = 10  # 20,000 claims
BATCH = 500
TOPICS = ["Uitstroom naar werk", "Schuldhulp: schuldenvrij", "Voortijdig schoolverlaten voorkomen",
          "Recidive voorkomen", "Zelfstandig wonen", "Energiearmoede verminderen"]


def national(stdout):
    from impactportal.accounts.constants import OrganisationKind

    if OutcomeContract.objects.filter(reference__startswith="NAT-UC-").exists():
        return
    rng = random.Random(2026)
    organisations = list(Organisation.objects.filter(kind=OrganisationKind.GEMEENTE).order_by("slug"))
    enterprises = list(Enterprise.objects.order_by("pk").values_list("pk", flat=True)[:5_000])
    if not organisations or not enterprises:
        return
    now = timezone.now()
    for first in range(1, CONTRACTS + 1, BATCH):
        with transaction.atomic():
            contracts = OutcomeContract.objects.bulk_create(
                _contract(rng, i, organisations, enterprises, timezone.localdate())
                for i in range(first, min(first + BATCH, CONTRACTS + 1)))
            metrics = OutcomeMetric.objects.bulk_create(
                OutcomeMetric(contract=c, name=f"{rng.choice(TOPICS)} ({c.reference})", unit="deelnemer",
                              price=D(rng.choice([1500, 2500, 5000, 7500])), target=rng.randint(10, 60),
                              cap=None if rng.random() < 0.5 else D(rng.randint(40, 200) * 1000),
                              definition="Zie het contract.", validation_method="Steekproef door de gemeente.",
                              data_source="Gemeentelijke administratie")
                for c in contracts)
            claims, paid = [], []
            for metric in metrics:
                start = metric.contract.start_date
                for q in range(CLAIMS_PER_CONTRACT):
                    period = start + dt.timedelta(days=30 * q)
                    claimed = rng.randint(1, 8)
                    status = rng.choice([ClaimStatus.SUBMITTED, ClaimStatus.ACCEPTED, ClaimStatus.PARTLY_ACCEPTED,
                                         ClaimStatus.REJECTED, ClaimStatus.PAID, ClaimStatus.PAID])
                    accepted = {ClaimStatus.SUBMITTED: None, ClaimStatus.REJECTED: 0,
                                ClaimStatus.PARTLY_ACCEPTED: max(claimed - 1, 0)}.get(status, claimed)
                    claims.append(OutcomeClaim(contract=metric.contract, metric=metric, period_start=period,
                                               period_end=period + dt.timedelta(days=29), claimed_count=claimed,
                                               status=status, accepted_count=accepted,
                                               reason="Steekproef" if status in (ClaimStatus.REJECTED,
                                                                                 ClaimStatus.PARTLY_ACCEPTED) else ""))
            claims = OutcomeClaim.objects.bulk_create(claims)
            totals: dict[int, D] = {}
            metric_totals: dict[int, D] = {}
            by_metric = {m.pk: m for m in metrics}
            for claim in claims:
                if claim.status != ClaimStatus.PAID:
                    continue
                metric = by_metric[claim.metric_id]
                calc = payment_for(count=claim.accepted_count, price=metric.price, metric_cap=metric.cap,
                                   metric_paid=metric_totals.get(metric.pk, D("0")),
                                   contract_maximum=metric.contract.maximum,
                                   contract_paid=totals.get(claim.contract_id, D("0")))
                totals[claim.contract_id] = totals.get(claim.contract_id, D("0")) + calc.amount
                metric_totals[metric.pk] = metric_totals.get(metric.pk, D("0")) + calc.amount
                paid.append(OutcomePayment(claim=claim, contract_id=claim.contract_id, metric=metric,
                                           count=calc.count, price=calc.price, calculated=calc.calculated,
                                           amount=calc.amount, capped_by=calc.capped_by,
                                           explanation=calc.explanation, paid_at=now))
            OutcomePayment.objects.bulk_create(paid)
        if stdout is not None:
            stdout.write(f"    national outcome contracts: {min(first + BATCH - 1, CONTRACTS):,}")


def _contract(rng, index, organisations, enterprises, today) -> OutcomeContract:
    organisation = organisations[index % len(organisations)]
    # Started on the first of a month one to four years before the month of seeding: some ended, most running.
    year, month = divmod(today.year * 12 + today.month - 1 - 47 + 12 * (index % 3) + index % 12, 12)
    start = dt.date(year, month + 1, 1)
    return OutcomeContract(
        organisation=organisation, provider_id=rng.choice(enterprises), reference=f"NAT-UC-{index:05d}",
        title=f"{rng.choice(TOPICS)} {organisation.name.removeprefix('Gemeente ')}",
        target_group="Inwoners met een afstand tot de arbeidsmarkt", start_date=start,
        end_date=start + dt.timedelta(days=3 * 365), maximum=D(rng.randint(50, 500) * 1000),
        is_published=index % 4 == 0)
