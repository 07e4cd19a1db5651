"""Builders of social-return objects for tests: a rule set with the usual blocks, a contract
pinned to it (through the service, so obligation and status are real), a realisation line."""

import datetime as dt
from decimal import Decimal

from enterprises.models import OfferingCategory
from procurement import services
from procurement.constants import BlockKind
from procurement.models import Block, Contract, RuleSet

D = Decimal
FIVE_PERCENT, NOTHING, A_MILLION = D("5.00"), D("0"), D("1000000")

# code, kind, name, value, extra fields
STANDARD_BLOCKS = [
    ("participatiewet-kort", BlockKind.PLACEMENT, "Participatiewet < 2 jaar", D("30000"), {"max_years": D("2")}),
    ("doelgroepregister", BlockKind.PLACEMENT, "Doelgroepregister", D("40000"), {}),
    ("werkervaringsplek", BlockKind.WORK_EXPERIENCE, "Werkervaringsplek", D("750"), {}),
    ("bbl-1-2", BlockKind.TRAINING, "BBL niveau 1-2", D("20000"), {"level": "BBL 1-2"}),
    ("inkoop", BlockKind.PURCHASE, "Inkoop bij een impactonderneming", None, {"share": D("1")}),
    ("kennisuren", BlockKind.HOURS, "Kennisuren", D("100"), {}),
    ("pso", BlockKind.CERTIFICATE, "PSO-certificaat leverancier", None,
     {"reduction_percentage": D("25"), "required_schemes": ["pso_1", "pso_2", "pso_3", "pso_30"]}),
    ("bonus-50-plus", BlockKind.BONUS, "50+", D("10000"), {}),
    ("anders", BlockKind.OTHER, "Anders", None, {}),
]


def rule_set(*, organisation=None, region=None, name="Testregeling", version=1, valid_from=dt.date(2023, 1, 1),
             valid_until=None, percentage=FIVE_PERCENT, threshold=NOTHING, cap=None, blocks=STANDARD_BLOCKS, **extra):
    rs = RuleSet.objects.create(organisation=organisation, region=region, name=name, version=version,
                                valid_from=valid_from, valid_until=valid_until, obligation_percentage=percentage,
                                threshold=threshold, cap=cap, **extra)
    for order, (code, kind, block_name, value, fields) in enumerate(blocks):
        Block.objects.create(rule_set=rs, code=code, kind=kind, name=block_name, value=value, order=order, **fields)
    return rs


def category(slug="schoonmaak", name="Schoonmaak"):
    return OfferingCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def contract(*, organisation, by=None, rule_set=None, title="Schoonmaak stadhuis", value=A_MILLION,
             award_date=dt.date(2025, 1, 1), end_date=dt.date(2026, 12, 31), supplier=None,
             supplier_name="Schoonmaakbedrijf Spaarne BV", today=None, **extra) -> Contract:
    c = Contract(organisation=organisation, title=title, value=value, award_date=award_date, end_date=end_date,
                 supplier=supplier, supplier_name="" if supplier else supplier_name, rule_set=rule_set,
                 category=extra.pop("category", None) or category(), **extra)
    return services.contract_save(contract=c, by=by, today=today or dt.date(2025, 6, 1))


def block(contract_or_rule_set, code):
    rs = getattr(contract_or_rule_set, "rule_set", contract_or_rule_set)
    return rs.blocks.get(code=code)


def realisation(contract, code="participatiewet-kort", *, by, today=None, **values):
    values.setdefault("date", dt.date(2025, 3, 1))
    b = block(contract, code)
    if b.kind == BlockKind.PLACEMENT:
        values.setdefault("fte", D("1"))
        values.setdefault("months", D("12"))
    return services.realisation_record(contract=contract, block=b, by=by, values=values,
                                       today=today or dt.date(2025, 6, 1))
