"""National demo data for benchmarks: ~20,000 contracts and ~200,000 realisation lines spread
over every municipality and the register, so lists, figures and matching are measured at scale.

Fast: bulk inserts in batches, values from the pure valuation functions (explanations cached per
distinct calculation), statuses from ``contract_status``. Each municipality's contracts pin its
own or its region's rule set (``services.default_rule_set``); a municipality without one gets a
national example table (``is_example``). Idempotent: contracts are keyed on their reference
(``NAT-00001``…); a second run creates nothing, and the random draws are the same every run."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from enterprises.constants import AdmissionStatus
from enterprises.models import Certification, Enterprise, OfferingCategory
from impactportal.accounts.constants import OrganisationKind
from impactportal.accounts.models import Organisation
from impactportal.seed.core import upsert

from .. import services, valuation
from ..constants import NOT_A_LINE, BlockKind, RealisationStatus
from ..models import Block, Contract, Realisation, RuleSet
from .blocks_en import english

CONTRACTS = 20_000
LINES_PER_CONTRACT = (5, 15)  # 10 on average: ~200,000 lines
BATCH = 1_000
SELLER_POOL = 2_000  # admitted enterprises purchases are made from (their certificates loaded once)
D = Decimal

EXAMPLE_NAME = "Voorbeeldregeling social return (landelijke demo)"
# code, kind, name, value, extra fields — a plain table in the spirit of the published ones.
EXAMPLE_BLOCKS = [
    ("participatiewet", BlockKind.PLACEMENT, "Participatiewet", D("35000"), {"max_years": D("2")}),
    ("doelgroepregister", BlockKind.PLACEMENT, "Doelgroepregister", D("40000"), {}),
    ("ww", BlockKind.PLACEMENT, "WW", D("15000"), {"max_years": D("1")}),
    ("werkervaringsplek", BlockKind.WORK_EXPERIENCE, "Werkervaringsplek", D("750"), {}),
    ("bbl", BlockKind.TRAINING, "BBL-traject", D("25000"), {"level": "BBL 1-4"}),
    ("inkoop", BlockKind.PURCHASE, "Inkoop bij een impactonderneming", None, {"share": D("1")}),
    ("kennisuren", BlockKind.HOURS, "Kennis- en ondersteuningsuren", D("100"), {}),
    ("pso", BlockKind.CERTIFICATE, "PSO-certificaat leverancier", None,
     {"reduction_percentage": D("25"), "required_schemes": ["pso_1", "pso_2", "pso_3", "pso_30"]}),
    ("anders", BlockKind.OTHER, "Anders, met onderbouwing", None, {}),
]
TITLES = ["Schoonmaak gemeentelijke gebouwen", "Groenonderhoud openbare ruimte", "Catering stadskantoor",
          "Onderhoud wegen en riolering", "Leerlingenvervoer", "ICT-werkplekbeheer", "Renovatie sporthal",
          "Beveiliging en receptie", "Drukwerk en post", "Inhuur tijdelijk personeel", "Afvalinzameling",
          "Nieuwbouw brede school", "Bedrijfskleding", "Verhuizing archief", "Energiebesparing vastgoed"]
COMPANIES = ["Bouwcombinatie", "Facilitair Bedrijf", "Infra", "Schoonmaakgroep", "Installatietechniek",
             "Groenbedrijf", "Vervoer", "ICT Services"]
PLACES = ["Noord", "Zuid", "Oost", "West", "Centrum", "Holland", "Delta", "Brabant"]


def seed(*, size, ref, stdout):
    if size != "national":
        return {}
    today = timezone.localdate()
    rng = random.Random(2016)
    organisations = list(Organisation.objects.filter(kind=OrganisationKind.GEMEENTE).order_by("slug"))
    rule_sets = _rule_sets(organisations, today)
    blocks = _blocks(rule_sets.values())
    categories = list(OfferingCategory.objects.order_by("slug").values_list("pk", flat=True))
    enterprise_ids = list(Enterprise.objects.order_by("pk").values_list("pk", "name"))
    sellers = _sellers(today)
    seller_ids = sorted(sellers)
    existing = set(Contract.objects.filter(reference__startswith="NAT-").values_list("reference", flat=True))
    created = lines = 0
    pending = []
    for index in range(1, CONTRACTS + 1):
        plan = _plan(rng, index, organisations, rule_sets, categories, enterprise_ids, today)  # drawn always
        if plan["contract"].reference in existing:
            continue
        pending.append(plan)
        if len(pending) >= BATCH:
            lines += _flush(pending, blocks, sellers, seller_ids, rng, today)
            created += len(pending)
            pending = []
            stdout.write(f"    national contracts: {created:,}, realisations: {lines:,}")
    if pending:
        lines += _flush(pending, blocks, sellers, seller_ids, rng, today)
        created += len(pending)
    stdout.write(f"    national contracts created: {created:,}, realisations: {lines:,}")
    return {}


def _rule_sets(organisations, today) -> dict[int, RuleSet]:
    """Each municipality's table valid today (own, else its region's), or a national example."""
    since = dt.date(today.year - 4, 1, 1)
    found = {}
    for organisation in organisations:
        rule_set = services.default_rule_set(organisation, today)
        if rule_set is None:
            rule_set = upsert(RuleSet, {"organisation": organisation, "name": EXAMPLE_NAME, "version": 1},
                              valid_from=since, obligation_percentage=D("5.00"), threshold=D("100000"),
                              is_example=True, source="Demotabel voor benchmarks, geen vastgesteld beleid.")
            if not rule_set.blocks.exists():
                Block.objects.bulk_create(
                    Block(rule_set=rule_set, code=code, kind=kind, name=name, name_en=english(name), value=value,
                          order=order, **extra)
                    for order, (code, kind, name, value, extra) in enumerate(EXAMPLE_BLOCKS))
        found[organisation.pk] = rule_set
    return found


def _blocks(rule_sets) -> dict[int, list[Block]]:
    by_rule_set: dict[int, list[Block]] = {}
    for block in Block.objects.filter(rule_set__in={rs.pk for rs in rule_sets}).order_by("rule_set", "order", "pk"):
        by_rule_set.setdefault(block.rule_set_id, []).append(block)
    return by_rule_set


def _sellers(today) -> dict[int, valuation.Seller]:
    ids = list(Enterprise.objects.filter(admission_status=AdmissionStatus.ADMITTED).order_by("pk")
               .values_list("pk", flat=True)[:SELLER_POOL])
    certificates: dict[int, list] = {}
    for cert in Certification.objects.filter(enterprise_id__in=ids):
        certificates.setdefault(cert.enterprise_id, []).append(cert.facts)
    return {pk: valuation.Seller(admitted=True, certificates=tuple(certificates.get(pk, ()))) for pk in ids}


def _plan(rng, index, organisations, rule_sets, categories, enterprises, today) -> dict:
    organisation = organisations[index % len(organisations)]
    rule_set = rule_sets[organisation.pk]
    earliest = max(rule_set.valid_from, today - dt.timedelta(days=3 * 365))
    latest = min(rule_set.valid_until or today, today)
    award = earliest + dt.timedelta(days=rng.randint(0, max(0, (latest - earliest).days)))
    end = award + dt.timedelta(days=rng.randint(365, 4 * 365))
    supplier_id, supplier_name = (rng.choice(enterprises) if rng.random() < 0.3 else
                                  (None, f"{rng.choice(COMPANIES)} {rng.choice(PLACES)} BV"))
    value = D(rng.choice([80, 150, 250, 400, 750, 1200, 2500, 5000])) * 1000
    contract = Contract(
        organisation=organisation, title=f"{rng.choice(TITLES)} {award.year}", reference=f"NAT-{index:05d}",
        category_id=rng.choice(categories) if categories else None, value=value, award_date=award, end_date=end,
        supplier_id=supplier_id, supplier_name=supplier_name, rule_set=rule_set)
    return {"contract": contract, "close": end < today and rng.random() < 0.5,
            "lines": rng.randint(*LINES_PER_CONTRACT)}


@transaction.atomic
def _flush(pending, blocks, sellers, seller_ids, rng, today) -> int:
    supplier_certificates: dict[int, list] = {}
    for cert in Certification.objects.filter(enterprise_id__in={p["contract"].supplier_id for p in pending} - {None}):
        supplier_certificates.setdefault(cert.enterprise_id, []).append(cert.facts)
    explain = _Explainer()
    now = timezone.now()
    for plan in pending:
        contract = plan["contract"]
        rules = [valuation.BlockRule.of(b) for b in blocks[contract.rule_set_id] if b.kind == BlockKind.CERTIFICATE]
        reduction = valuation.certificate_reduction(
            rules, supplier_certificates.get(contract.supplier_id, ()), contract.end_date, contract.award_date)
        rs = contract.rule_set
        contract.obligation, contract.obligation_explanations = explain(
            ("obligation", rs.pk, contract.value, reduction.code if reduction else ""),
            lambda c=contract, r=reduction, s=rs: valuation.contract_obligation(
                c.value, percentage=s.obligation_percentage, threshold=s.threshold, cap=s.cap, reduction=r))
    contracts = Contract.objects.bulk_create([p["contract"] for p in pending])
    lines = []
    for contract, plan in zip(contracts, pending, strict=True):
        line_blocks = [b for b in blocks[contract.rule_set_id] if b.kind not in NOT_A_LINE]
        realised = reported = D("0")
        last_day = min(today, contract.end_date)
        for number in range(plan["lines"] if last_day > contract.award_date else 0):
            block = rng.choice(line_blocks)
            day = contract.award_date + dt.timedelta(days=rng.randint(0, (last_day - contract.award_date).days))
            status = (RealisationStatus.SUBMITTED if (today - day).days < 60 else
                      rng.choices([RealisationStatus.VERIFIED, RealisationStatus.REJECTED, RealisationStatus.SUBMITTED],
                                  weights=[85, 5, 10])[0])
            line = _line(rng, contract, block, day, status, number, seller_ids)
            line.value, line.explanations = _value(explain, block, line, sellers)
            if status == RealisationStatus.VERIFIED:
                realised += line.value
            elif status == RealisationStatus.SUBMITTED:  # a pending "other" claim at its amount (reported_value)
                reported += line.amount if block.kind == BlockKind.OTHER else line.value
            lines.append(line)
        contract.realised, contract.reported = realised, reported
        contract.closed_at = now if plan["close"] else None
        contract.status = valuation.contract_status(
            obligation=contract.obligation, realised=realised, award_date=contract.award_date,
            end_date=contract.end_date, today=today, closed=plan["close"])
    Contract.objects.bulk_update(contracts, ["realised", "reported", "closed_at", "status"], batch_size=BATCH)
    Realisation.objects.bulk_create(lines, batch_size=5_000)
    return len(lines)


def _line(rng, contract, block, day, status, number, seller_ids) -> Realisation:
    line = Realisation(contract=contract, block=block, date=day, status=status)
    if block.kind == BlockKind.PLACEMENT:
        line.fte, line.months = rng.choice([D("0.5"), D("0.8"), D("1")]), D(rng.randint(1, 12))
        line.candidate_ref = f"N{contract.reference[4:]}-{number:02d}"  # one line per candidate: no prior months
    elif block.kind in (BlockKind.WORK_EXPERIENCE, BlockKind.TRAINING):
        line.months = D(rng.randint(1, 12))
    elif block.kind == BlockKind.HOURS:
        line.hours = D(rng.choice([8, 16, 40, 80, 120]))
    elif block.kind == BlockKind.PURCHASE:
        line.amount = D(rng.choice([500, 1500, 4000, 12500, 30000]))
        line.seller_id = rng.choice(seller_ids) if seller_ids else None
        line.description = "Inkoop bij een impactonderneming"
    elif block.kind == BlockKind.OTHER:
        line.amount = D(rng.choice([1000, 2500, 5000]))
        line.justification = "Maatschappelijke activiteit in overleg met de gemeente."
    return line


def _value(explain, block, line, sellers):
    seller = sellers.get(line.seller_id)
    facts = valuation.LineFacts(date=line.date, fte=line.fte, months=line.months, amount=line.amount, hours=line.hours,
                                approved=line.status == RealisationStatus.VERIFIED and block.kind == BlockKind.OTHER)
    rule = valuation.BlockRule.of(block)
    # Only a purchase that does not count names its date (the seller lacked a valid certificate
    # on it); every other calculation is the same on any day.
    counts = block.kind != BlockKind.PURCHASE or (seller is not None and (not rule.required_schemes or any(
        c.scheme in rule.required_schemes and valuation.valid_on(c, line.date) for c in seller.certificates)))
    key = ("line", block.pk, facts.fte, facts.months, facts.amount, facts.hours, facts.approved, counts,
           None if counts else line.date)
    return explain(key, lambda: valuation.value_realisation(rule, facts, seller=seller))


class _Explainer:
    """``(amount, explanations)`` of a calculation, computed once per distinct key: most lines
    repeat a handful of calculations, and formatting every one in every language would be slow."""

    def __init__(self):
        self.cache = {}

    def __call__(self, key, compute):
        if key not in self.cache:
            self.cache[key] = (compute().amount, valuation.explain_all(compute))
        return self.cache[key]
