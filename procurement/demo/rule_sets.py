"""SROI rule sets: the published tables as reference data (Oost-Nederland uniform model V05, the
Utrecht table) and example tables for Haarlem's region and Amersfoort as demo data.

Where a source leaves something open (a threshold, a maximum, what a purchase must meet), the
choice made here is written in the data (``notes``), never in code. Idempotent: every row is looked
up on its natural key; a missing one is created, one that exists is kept as an administrator left it
unless the run updates (``impactportal.seed.rows``: ``seed_reference --update``, ``seed_demo``)."""

import datetime as dt
from decimal import Decimal

from impactportal.accounts.models import Region
from impactportal.seed import rows
from impactportal.seed.rows import reference_row

from ..constants import BlockKind
from ..models import Block, RuleSet
from .blocks_en import english

D = Decimal
PSO_SCHEMES = ["pso_1", "pso_2", "pso_3", "pso_30"]

OOST_NEDERLAND_REGION = {
    "slug": "oost-nederland", "name": "Oost-Nederland",
    "description": "Overheden in Overijssel en Gelderland die één uniform SROI-model hanteren (SROI-convenant).",
    "members": ["apeldoorn", "provincie-overijssel"],
}

# code, kind, name, value, extra fields (share, max_years, required_schemes, reduction_percentage, level, notes)
OOST_NEDERLAND_V05 = {
    "name": "Uniform model SROI Oost-Nederland",
    "version": 5,  # the document's own version number (V05); V01–V04 are not in the portal
    "valid_from": dt.date(2023, 4, 1),
    "obligation_percentage": D("5.00"),
    "threshold": D("0"),
    "source": "Uniform model SROI Oost-Nederland, versie V05 (april 2023)",
    "notes": "Het model noemt geen drempelwaarde en geen maximum per opdracht: die bepaalt de aanbestedende "
             "organisatie per opdracht. Hier daarom drempel 0 en geen maximum; stel ze per contract bij "
             "waar de aanbesteding dat zegt.",
    "blocks": [
        ("participatiewet-kort", BlockKind.PLACEMENT, "Participatiewet < 2 jaar uitkering", D("30000"),
         {"max_years": D("2"), "notes": "Kandidaat korter dan 2 jaar in de uitkering; per fte-jaar, ten hoogste "
                                        "2 jaar per kandidaat."}),
        ("participatiewet-lang", BlockKind.PLACEMENT, "Participatiewet > 2 jaar uitkering", D("40000"),
         {"max_years": D("2"), "notes": "Kandidaat langer dan 2 jaar in de uitkering; per fte-jaar, ten hoogste "
                                        "2 jaar per kandidaat."}),
        ("doelgroepregister", BlockKind.PLACEMENT, "Doelgroepregister (banenafspraak)", D("40000"),
         {"notes": "Per fte-jaar; het model noemt geen maximum aantal jaren."}),
        ("wajong", BlockKind.PLACEMENT, "Wajong", D("40000"),
         {"notes": "Per fte-jaar; het model noemt geen maximum aantal jaren."}),
        ("wia-wao", BlockKind.PLACEMENT, "WIA/WAO", D("40000"),
         {"notes": "Per fte-jaar; het model noemt geen maximum aantal jaren."}),
        ("wsw", BlockKind.PLACEMENT, "Wsw (sociale werkvoorziening)", D("40000"),
         {"notes": "Per fte-jaar; het model noemt geen maximum aantal jaren."}),
        ("beschut-werk", BlockKind.PLACEMENT, "Beschut werk", D("40000"),
         {"notes": "Per fte-jaar; het model noemt geen maximum aantal jaren."}),
        ("ww-kort", BlockKind.PLACEMENT, "WW < 1 jaar uitkering", D("10000"),
         {"notes": "Per fte-jaar; het model noemt geen maximum aantal jaren."}),
        ("ww-lang", BlockKind.PLACEMENT, "WW > 1 jaar uitkering", D("15000"),
         {"notes": "Per fte-jaar; het model noemt geen maximum aantal jaren."}),
        ("nug", BlockKind.PLACEMENT, "Niet-uitkeringsgerechtigde (NUG)", D("10000"),
         {"notes": "Geen uitkering; per fte-jaar, geen maximum aantal jaren genoemd."}),
        ("werkervaringsplek", BlockKind.WORK_EXPERIENCE, "Werkervaringsplek", D("750"),
         {"notes": "Per maand."}),
        ("bbl-1-2", BlockKind.TRAINING, "BBL niveau 1-2", D("20000"),
         {"level": "BBL 1-2", "notes": "Per opleidingsjaar, naar rato van de maanden."}),
    ],
}

UTRECHT = {
    "name": "SROI-waardering Gemeente Utrecht",
    "version": 1,
    "valid_from": dt.date(2023, 1, 1),
    "obligation_percentage": D("5.00"),
    "threshold": D("0"),
    "source": "Gemeente Utrecht, waarderingstabel social return",
    "notes": "De tabel noemt geen ingangsdatum, drempelwaarde of maximum per opdracht: in het portaal geldt ze "
             "vanaf 1 januari 2023, met drempel 0 en zonder maximum. Bonussen gelden per fte-jaar bij een plaatsing.",
    "blocks": [
        ("participatiewet", BlockKind.PLACEMENT, "Participatiewet", D("40000"),
         {"notes": "Per fte-jaar; de tabel noemt geen maximum aantal jaren."}),
        ("doelgroepregister", BlockKind.PLACEMENT, "Doelgroepregister", D("50000"),
         {"notes": "Per fte-jaar; de tabel noemt geen maximum aantal jaren."}),
        ("wia-wao", BlockKind.PLACEMENT, "WIA/WAO", D("40000"),
         {"notes": "Per fte-jaar; de tabel noemt geen maximum aantal jaren."}),
        ("ww", BlockKind.PLACEMENT, "WW", D("20000"),
         {"notes": "Per fte-jaar; de tabel noemt geen maximum aantal jaren."}),
        ("nug", BlockKind.PLACEMENT, "Niet-uitkeringsgerechtigde (NUG)", D("10000"),
         {"notes": "Per fte-jaar; de tabel noemt geen maximum aantal jaren."}),
        ("bbl", BlockKind.TRAINING, "BBL-traject", D("35000"), {"level": "BBL", "notes": "Per opleidingsjaar."}),
        ("bol", BlockKind.TRAINING, "BOL-traject", D("20000"), {"level": "BOL", "notes": "Per opleidingsjaar."}),
        ("bonus-50-plus", BlockKind.BONUS, "Bonus kandidaat 50 jaar of ouder", D("10000"), {}),
        ("bonus-statushouder-taal", BlockKind.BONUS, "Bonus statushouder of taalachterstand", D("10000"), {}),
        ("bonus-vast-contract", BlockKind.BONUS, "Bonus vast contract", D("10000"), {}),
        ("inkoop", BlockKind.PURCHASE, "Inkoop bij een sociale onderneming", None,
         {"share": D("1"), "required_schemes": [],
          "notes": "De volledige kosten exclusief btw tellen. De tabel vraagt geen certificaat: elke toegelaten "
                   "impactonderneming uit het register telt."}),
        ("kennisuren", BlockKind.HOURS, "Inzet van kennis en kunde", D("100"), {"notes": "Per uur."}),
    ],
}


def _table(owner: dict, table: dict, **extra) -> RuleSet:
    blocks = table["blocks"]
    fields = {k: v for k, v in table.items() if k not in ("name", "version", "blocks")}
    rule_set, _ = reference_row(RuleSet, {**owner, "name": table["name"], "version": table["version"]},
                                seed_key=rows.seed_key(table["name"]),
                                **{"valid_until": None, "cap": None, "is_example": False, "notes": "", **fields,
                                   **extra})
    for order, (code, kind, name, value, more) in enumerate(blocks):
        notes = more.get("notes", "")
        block, _ = reference_row(Block, {"rule_set": rule_set, "code": code}, kind=kind, name=name,
                                 name_en=english(name), value=value, order=order,
                                 **{"share": None, "max_years": None, "required_schemes": [],
                                    "reduction_percentage": None, "level": "", "notes": "", **more,
                                    "notes_en": english(notes)})
        # Kept blocks seeded before the English get it where an administrator left the Dutch as shipped.
        rows.fill_english(block, {"name": (name, english(name)), "notes": (notes, english(notes))})
    return rule_set


def seed_reference(*, ref):
    """The published SROI tables (Oost-Nederland V05, Utrecht): reference data."""
    orgs = ref["organisations"]
    region, created = reference_row(Region, {"slug": OOST_NEDERLAND_REGION["slug"]},
                                    name=OOST_NEDERLAND_REGION["name"],
                                    description=OOST_NEDERLAND_REGION["description"])
    wanted = {orgs[slug].pk for slug in OOST_NEDERLAND_REGION["members"]}
    if (created or rows.updating()) and not wanted <= set(region.members.values_list("pk", flat=True)):
        region.members.add(*wanted)
    oost = _table({"region": region, "organisation": None}, OOST_NEDERLAND_V05)
    utrecht = _table({"organisation": orgs["utrecht"], "region": None}, UTRECHT)
    return {"region_oost_nederland": region, "rule_sets": {"oost-nederland": oost, "utrecht": utrecht}}


# --- demo: example tables ------------------------------------------------------------------


def example_blocks(*, work_experience: Decimal, purchase_share: Decimal) -> list:
    """Every kind of block once (a few twice), so each can be tried out in the demo."""
    return [
        ("participatiewet-kort", BlockKind.PLACEMENT, "Participatiewet < 2 jaar", D("30000"), {"max_years": D("2")}),
        ("doelgroepregister", BlockKind.PLACEMENT, "Doelgroepregister", D("40000"), {}),
        ("werkervaringsplek", BlockKind.WORK_EXPERIENCE, "Werkervaringsplek", work_experience, {}),
        ("bbl-1-2", BlockKind.TRAINING, "BBL niveau 1-2", D("20000"), {"level": "BBL 1-2"}),
        ("inkoop", BlockKind.PURCHASE, "Inkoop bij een impactonderneming", None,
         {"share": purchase_share, "notes": "Elke toegelaten impactonderneming uit het register telt."}),
        ("inkoop-pso", BlockKind.PURCHASE, "Inkoop bij een PSO-gecertificeerde onderneming", None,
         {"share": D("1"), "required_schemes": PSO_SCHEMES,
          "notes": "De verkoper heeft op de factuurdatum een geldig PSO-certificaat."}),
        ("kennisuren", BlockKind.HOURS, "Kennisuren", D("100"), {}),
        ("pso", BlockKind.CERTIFICATE, "PSO-certificaat leverancier", None,
         {"reduction_percentage": D("25"), "required_schemes": PSO_SCHEMES,
          "notes": "Een PSO-certificaat dat geldig blijft tot het einde van het contract verlaagt de verplichting."}),
        ("bonus-50-plus", BlockKind.BONUS, "Bonus 50+", D("10000"), {}),
        ("anders", BlockKind.OTHER, "Anders, met onderbouwing", None,
         {"notes": "Telt pas na goedkeuring door een makelaar."}),
    ]


EXAMPLE_NOTE = "Voorbeeldtabel voor de demo, geen vastgesteld beleid."


def seed(*, size, ref, stdout):
    """Example tables (``is_example``) for Haarlem's region (version 1 and a current version 2)
    and for Amersfoort; contracts from 2022 on find a valid one."""
    region = {"region": ref["region"], "organisation": None}
    name = "Voorbeeldregeling SROI Zuid-Kennemerland en IJmond"
    zkij_v1 = _table(region, {
        "name": name, "version": 1, "valid_from": dt.date(2022, 1, 1), "valid_until": dt.date(2024, 12, 31),
        "obligation_percentage": D("5.00"), "threshold": D("100000"), "cap": None,
        "source": "Voorbeeld, gebaseerd op gangbare regionale tabellen", "notes": EXAMPLE_NOTE,
        "blocks": example_blocks(work_experience=D("750"), purchase_share=D("0.5")),
    }, is_example=True)
    zkij_v2 = _table(region, {
        "name": name, "version": 2, "valid_from": dt.date(2025, 1, 1),
        "obligation_percentage": D("5.00"), "threshold": D("50000"), "cap": D("250000"),
        "source": "Voorbeeld, gebaseerd op gangbare regionale tabellen",
        "notes": EXAMPLE_NOTE + " Versie 2: lagere drempel, een maximum per opdracht, inkoop telt volledig.",
        "blocks": example_blocks(work_experience=D("800"), purchase_share=D("1")),
    }, is_example=True, previous=zkij_v1)
    amersfoort = _table({"organisation": ref["organisations"]["amersfoort"], "region": None}, {
        "name": "Voorbeeldregeling SROI Amersfoort", "version": 1, "valid_from": dt.date(2022, 1, 1),
        "obligation_percentage": D("5.00"), "threshold": D("0"), "cap": None,
        "source": "Voorbeeld", "notes": EXAMPLE_NOTE,
        "blocks": example_blocks(work_experience=D("750"), purchase_share=D("1")),
    }, is_example=True)
    return {"example_rule_sets": {"zkij-v1": zkij_v1, "zkij-v2": zkij_v2, "amersfoort": amersfoort}}
