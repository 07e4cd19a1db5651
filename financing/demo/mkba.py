"""Demo data: four MKBA analyses of Haarlem and Amersfoort (a learning-work company, a cleaning
enterprise employing people from social assistance, a repair and second-hand shop, an SROI
contract), with indicators, a theory of change and assumptions. The values per case are plausible
key figures, marked as estimates. Idempotent: keyed on organisation and title, rows on position."""

from decimal import Decimal as D

from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise
from impactportal.accounts.models import User
from impactportal.seed.core import upsert
from procurement.models import Contract

from ..models import Assumption, ChangeStep, MkbaAnalysis, MkbaIndicator

BIJSTAND = "Kengetal: bespaarde bijstandsuitkering plus uitvoeringskosten per persoon per jaar (geschat, landelijke kengetallen)"

ANALYSES = [
    {
        "organisation": "haarlem", "enterprise": "ondernemer-1", "is_shared": True, "kind": "key_figures",
        "title": "Leerwerkbedrijf: jongeren naar werk en diploma",
        "summary": "Twaalf jongeren per jaar werken vier dagen in het leerwerkbedrijf en leren één dag op het mbo.",
        "costs": D("185000"),
        "indicators": [
            ("Jongeren duurzaam uit de bijstand", "social_assistance", D(8), D("17500"), ("0.30", "0.10", "0.05"),
             ("0.4", "0.3", "0.3")),
            ("Startkwalificatie behaald", "education", D(6), D("4200"), ("0.20", "0.10", "0"), ("0.2", "0.3", "0.5")),
            ("Minder inzet jeugdhulp en ggz", "youth_care", D(5), D("3100"), ("0.25", "0.15", "0"), ("1", "0", "0")),
        ],
        "steps": [
            ("Leerwerkplek met jobcoach", "Werkritme en vakvaardigheden", "Jongeren duurzaam uit de bijstand"),
            ("Eén dag per week mbo (BBL)", "Diploma op niveau 2", "Startkwalificatie behaald"),
            ("Begeleiding thuis en bij schulden", "Minder crisissen", "Minder inzet jeugdhulp en ggz"),
        ],
        "assumptions": [
            ("Een bijstandsuitkering met uitvoeringskosten kost ongeveer € 17.500 per persoon per jaar.", BIJSTAND,
             "estimated", "public"),
            ("30% van de jongeren had binnen een jaar ook zonder leerwerkbedrijf werk gevonden.",
             "Inschatting van het werkgeversservicepunt", "estimated", "public"),
            ("Acht van de twaalf jongeren stroomden in 2025 uit naar werk.", "Administratie leerwerkbedrijf",
             "self_declared", "disputed"),
            ("Tarief jobcoach volgens de interne begroting.", "Begroting 2026", "measured", "private"),
        ],
    },
    {
        "organisation": "amersfoort", "enterprise": "amersfoort", "is_shared": False, "kind": "full",
        "title": "Schoonmaakbedrijf met medewerkers uit de bijstand",
        "summary": "Vaste banen in de schoonmaak voor mensen die lang in de bijstand zaten, met begeleiding op de werkvloer.",
        "costs": D("240000"),
        "indicators": [
            ("Medewerkers uit de bijstand in vaste dienst", "social_assistance", D(12), D("18800"),
             ("0.25", "0.10", "0.10"), ("0.3", "0.3", "0.4")),
            ("Schulden onder controle", "debt_relief", D(7), D("2600"), ("0.20", "0.20", "0"), ("0.6", "0.4", "0")),
            ("Minder zorggebruik", "health_care", D(12), D("1100"), ("0.30", "0.10", "0"), ("0.3", "0.3", "0.4")),
        ],
        "steps": [
            ("Vaste baan met werkbegeleider", "Inkomen uit werk", "Medewerkers uit de bijstand in vaste dienst"),
            ("Budgetcoach via de werkgever", "Rust in de financiën", "Schulden onder controle"),
        ],
        "assumptions": [
            ("Bespaarde uitkering per persoon per jaar € 18.800.", BIJSTAND, "estimated", "public"),
            ("Uitstroom gemeten in het klantvolgsysteem van Werk en Inkomen.", "Gemeente Amersfoort, 2025",
             "measured", "public"),
        ],
    },
    {
        "organisation": "haarlem", "enterprise": None, "is_shared": False, "kind": "quick_scan",
        "title": "Kringloop en reparatiecafé: quick scan",
        "summary": "Een eerste indruk, om met de afdelingen afval en werk te bespreken wie er baat bij heeft.",
        "costs": D("95000"),
        "indicators": [
            ("Ton restafval voorkomen", "waste", D(140), D("190"), ("0.20", "0", "0.10"), ("0.4", "0.2", "0.4")),
            ("Deelnemers uit de bijstand aan het werk", "social_assistance", D(3), D("16000"),
             ("0.40", "0.10", "0.05"), ("0.5", "0.3", "0.2")),
        ],
        "steps": [("Inzameling en reparatie", "Spullen gaan langer mee", "Ton restafval voorkomen")],
        "assumptions": [
            ("Verwerking van een ton restafval kost de gemeente ongeveer € 190.", "Afvalbeheerplan (geschat)",
             "estimated", "public"),
        ],
    },
    {
        "organisation": "amersfoort", "enterprise": None, "contract": "amersfoort", "is_shared": False,
        "kind": "quick_scan", "title": "Quick scan social return groenonderhoud",
        "summary": "Wat de plaatsingen uit het SROI-contract maatschappelijk opleveren.",
        "costs": D("60000"),
        "indicators": [
            ("Plaatsingen vanuit de bijstand", "social_assistance", D(4), D("17000"), ("0.35", "0.15", "0.05"),
             ("0.5", "0.3", "0.2")),
        ],
        "steps": [],
        "assumptions": [
            ("Geplaatste kandidaten blijven gemiddeld twee jaar in dienst.", "Opgave opdrachtnemer",
             "self_declared", "public"),
        ],
    },
]


def _enterprise(key, organisation):
    if key is None:
        return None
    if key.startswith("ondernemer-"):
        return Enterprise.objects.filter(memberships__user__username=key).order_by("pk").first()
    return (Enterprise.objects.filter(admission_status=AdmissionStatus.ADMITTED, municipality=organisation)
            .order_by("pk").first())


def seed(*, size, ref, stdout):
    analyses = []
    for spec in ANALYSES:
        organisation = ref["organisations"][spec["organisation"]]
        broker = User.objects.filter(username=f"makelaar-{spec['organisation']}").first()
        contract = (Contract.objects.filter(organisation=organisation).order_by("pk").first()
                    if spec.get("contract") else None)
        analysis = upsert(MkbaAnalysis, {"organisation": organisation, "title": spec["title"]}, kind=spec["kind"],
                          enterprise=_enterprise(spec["enterprise"], organisation), sroi_contract=contract,
                          summary=spec["summary"], costs=spec["costs"], is_shared=spec["is_shared"],
                          created_by=broker)
        for order, (name, beneficiary, count, value, corrections, timing) in enumerate(spec["indicators"]):
            upsert(MkbaIndicator, {"analysis": analysis, "order": order}, name=name, beneficiary=beneficiary,
                   count=count, value_per_case=value, deadweight=D(corrections[0]), attribution=D(corrections[1]),
                   substitution=D(corrections[2]), short_term=D(timing[0]), medium_term=D(timing[1]),
                   long_term=D(timing[2]))
        for order, (activity, change, indicator) in enumerate(spec["steps"]):
            upsert(ChangeStep, {"analysis": analysis, "order": order}, activity=activity, change=change,
                   indicator=indicator)
        for order, (text, source, status, visibility) in enumerate(spec["assumptions"]):
            upsert(Assumption, {"analysis": analysis, "order": order}, text=text, source=source, status=status,
                   visibility=visibility)
        analyses.append(analysis)
    if stdout is not None:
        stdout.write(f"  MKBA analyses: {len(analyses)}\n")
    return {"mkba_analyses": analyses}
