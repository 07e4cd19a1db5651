"""Demo data of instruments, the financing mix and impact funds.

``seed_reference``: the instrument catalogue (public reference data, from the toolbox module on
financing and the roadmap: start support, loans, guarantees, crowdfunding, impact investing,
wage-cost subsidy, no-risk policy, results-based financing and social impact bonds).
``seed``: financing needs with a mix for ondernemer-1's enterprise and a few other Haarlem and
Amersfoort enterprises, and one regional impact fund for Zuid-Kennemerland en IJmond with
investments, repayments and reported impact. Idempotent: keyed on slugs, enterprise + purpose,
fund name, fund + enterprise, and dates."""

import calendar
import datetime as dt
from decimal import Decimal as D

from django.utils import timezone

from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise, ImpactTheme
from impactportal.accounts.models import User
from impactportal.seed import rows
from impactportal.seed.core import upsert
from impactportal.seed.rows import reference_row

from ..models import (
    ComponentStatus,
    FinancingNeed,
    ImpactFund,
    ImpactReport,
    IndicatorKind,
    Instrument,
    InstrumentKind,
    Investment,
    InvestmentKind,
    MixComponent,
    Repayment,
    SourceStatus,
)
from .catalogue_en import CATALOGUE_EN

K = InstrumentKind
# slug, kind, name, provider, description, conditions, amount from, amount to, url
CATALOGUE = [
    ("bbz-starterskrediet", K.START_SUBSIDY, "Bbz-bedrijfskapitaal voor starters", "Gemeente (Besluit bijstandverlening zelfstandigen)",
     "Wie vanuit een uitkering een eigen bedrijf start, kan bij de gemeente bedrijfskapitaal aanvragen: een rentedragende "
     "lening of, als terugbetalen niet haalbaar is, een bedrag om niet. Vaak samen met een voorbereidingsperiode en "
     "begeleiding.",
     "Een levensvatbaar ondernemingsplan; de gemeente laat dat beoordelen. Het bedrijf moet rond kunnen komen zonder "
     "blijvende bijstand.", None, D("40000"), "https://www.rijksoverheid.nl/onderwerpen/bijstand/bijstand-voor-zelfstandigen"),
    ("startsubsidie-impactondernemers", K.START_SUBSIDY, "Startsubsidie impactondernemers", "Gemeente",
     "Een eenmalige bijdrage van de gemeente voor de eerste stappen van een impactonderneming: een haalbaarheidsonderzoek, "
     "een pilot of de eerste impactmeting. Een eerste deel van de financiering maakt het voor andere financiers "
     "makkelijker om in te stappen.",
     "De onderneming staat in het register van impactondernemingen van de gemeente en laat zien welke maatschappelijke "
     "doelen van de gemeente zij dient.", D("2500"), D("25000"), ""),
    ("qredits-microfinanciering", K.LOAN, "Qredits microfinanciering", "Qredits Microfinanciering Nederland",
     "Zakelijke lening voor starters en kleine ondernemers die bij de bank niet terechtkunnen, met coaching erbij.",
     "Een ondernemingsplan met een financieel plan; een persoonlijk gesprek met een adviseur.", D("1000"),
     D("50000"), "https://www.qredits.nl/"),
    ("qredits-mkb-krediet", K.LOAN, "Qredits MKB-krediet", "Qredits Microfinanciering Nederland",
     "Grotere lening voor bestaande en groeiende ondernemingen; vaak gecombineerd met een bankfinanciering of "
     "crowdfunding.", "Een ondernemingsplan met cijfers over de afgelopen jaren.", D("50000"), D("250000"),
     "https://www.qredits.nl/"),
    ("bmkb", K.GUARANTEE, "Borgstelling MKB-kredieten (BMKB)", "Rijksdienst voor Ondernemend Nederland, via de bank",
     "De overheid staat borg voor een deel van een bankkrediet, zodat een ondernemer met te weinig zekerheden toch "
     "kan lenen.", "De aanvraag loopt via de bank of een andere aangesloten financier; er is een borgstellingsprovisie.",
     None, None, "https://www.rvo.nl/subsidies-financiering/bmkb"),
    ("crowdfunding-oneplanetcrowd", K.CROWDFUNDING, "Crowdfunding voor impactondernemingen", "Oneplanetcrowd",
     "Een publiek investeert via een online platform in een onderneming met maatschappelijke impact, als lening, "
     "converteerbare lening of in aandelen. Een geslaagde campagne laat ook zien dat er een publiek voor het idee is.",
     "Het platform toetst de onderneming en de impact; de ondernemer zorgt zelf voor een campagne en een netwerk.",
     D("50000"), D("2500000"), "https://www.oneplanetcrowd.com/"),
    ("crowdfunding-voorjebuurt", K.CROWDFUNDING, "Buurtcrowdfunding", "Voor je Buurt",
     "Donaties uit de buurt voor een maatschappelijk initiatief, soms verdubbeld door een gemeente of fonds.",
     "Een concreet initiatief met een duidelijk doelbedrag.", D("500"), D("50000"), "https://www.voorjebuurt.nl/"),
    ("sif-zkij", K.IMPACT_INVESTMENT, "Social Impact Fonds Zuid-Kennemerland en IJmond", "SIF-ZKIJ",
     "Regionaal impactfonds (place-based impact investing): leningen en participaties voor ondernemingen die in de "
     "regio impact maken op werk voor mensen met een afstand tot de arbeidsmarkt, armoede en schulden en "
     "inclusieve duurzaamheid. Het fonds meet de impact van elke investering.",
     "De onderneming is gevestigd of actief in de regio, heeft een gezond verdienmodel en rapporteert jaarlijks haar "
     "impact.", D("25000"), D("250000"), ""),
    ("sif-rotterdam", K.IMPACT_INVESTMENT, "Social Impact Fonds Rotterdam", "SIFR",
     "Investeert sinds 2019 in Rotterdamse impactondernemers, samen met de Rotterdam Impact Coalitie; accepteert een "
     "lager financieel rendement als er aantoonbaar impact in de stad wordt gemaakt.",
     "Impact in Rotterdam op werkgelegenheid, armoedebestrijding of inclusieve duurzaamheid.", D("50000"),
     D("500000"), "https://sifr.nl/"),
    ("start-foundation", K.IMPACT_INVESTMENT, "Investering van Start Foundation", "Start Foundation",
     "Leningen, garanties en participaties voor ondernemingen die werk maken voor mensen met een afstand tot de "
     "arbeidsmarkt.", "Werk voor mensen met een afstand tot de arbeidsmarkt staat centraal.", D("50000"), None,
     "https://www.startfoundation.nl/"),
    ("loonkostensubsidie", K.WAGE_COST_SUBSIDY, "Loonkostensubsidie (Participatiewet)", "Gemeente (werkgeversservicepunt)",
     "Compensatie voor de werkgever als een medewerker met een arbeidsbeperking minder dan het minimumloon kan "
     "verdienen; de gemeente vult het loon aan tot het afgesproken loon.",
     "De gemeente stelt de loonwaarde vast op de werkplek; de medewerker valt onder de Participatiewet.", None, None,
     "https://www.werk.nl/werkgevers/"),
    ("no-riskpolis", K.NO_RISK_POLICY, "No-riskpolis", "UWV of gemeente",
     "Bij ziekte van een medewerker met een arbeidsbeperking betaalt UWV (of de gemeente) de ziektewet-uitkering; "
     "de werkgever draagt dat risico dan niet.", "Geldt voor medewerkers uit de doelgroep van de banenafspraak en "
     "enkele andere groepen.", None, None, "https://www.uwv.nl/werkgevers/"),
    ("resultaatfinanciering", K.RESULTS_BASED, "Resultaatfinanciering door de gemeente", "Gemeente",
     "De gemeente betaalt achteraf per bereikt en gecontroleerd resultaat (bijvoorbeeld iemand die duurzaam uit de "
     "bijstand naar werk gaat) in plaats van vooraf voor activiteiten. Zo komt de besparing terug bij de onderneming "
     "die haar mogelijk maakt.", "Afgesproken resultaatindicatoren, een meetmethode en een prijs per resultaat.", None,
     None, ""),
    ("social-impact-bond", K.SIB, "Social impact bond", "Gemeente met private investeerders",
     "Investeerders financieren vooraf een aanpak van een sociale onderneming; haalt die de afgesproken doelen, dan "
     "betaalt de gemeente de investeerders terug met rendement. Het risico verschuift van de overheid naar de "
     "investeerders.", "Een helder maatschappelijk businesscase, meetbare en in geld uit te drukken resultaten en "
     "voldoende schaal om de voorbereiding te dragen.", D("700000"), D("5000000"), ""),
]


def seed_reference(*, ref):
    """The catalogue: a missing instrument is created; one that exists stays as an administrator left it
    (``seed_reference --update`` brings it back to the text here)."""
    instruments = {}
    for slug, kind, name, provider, description, conditions, low, high, url in CATALOGUE:
        name_en, provider_en, description_en, conditions_en = CATALOGUE_EN[slug]
        instruments[slug], _ = reference_row(Instrument, {"slug": slug}, kind=kind, name=name, name_en=name_en,
                                             provider=provider, provider_en=provider_en, description=description,
                                             description_en=description_en, conditions=conditions,
                                             conditions_en=conditions_en, amount_min=low, amount_max=high, url=url,
                                             is_active=True)
        # Kept rows seeded before the English get it where an administrator left the Dutch as shipped.
        rows.fill_english(instruments[slug], {"name": (name, name_en), "provider": (provider, provider_en),
                                              "description": (description, description_en),
                                              "conditions": (conditions, conditions_en)})
    return {"instruments": instruments}


S = ComponentStatus
# Needs per enterprise: the first is for ondernemer-1's enterprise.
NEEDS = [
    ("Tweede werkplaats en twee leerwerkplekken", D("85000"), 9,
     "Een extra werkplaats in Haarlem-Noord met plek voor twee medewerkers uit de bijstand.",
     [("qredits-microfinanciering", "", D("40000"), S.GRANTED, "Toegekend, eerste half jaar aflossingsvrij."),
      ("startsubsidie-impactondernemers", "", D("15000"), S.APPLIED, ""),
      ("crowdfunding-oneplanetcrowd", "", D("20000"), S.IDEA, "Campagne in het voorjaar."),
      (None, "Eigen inbreng", D("5000"), S.GRANTED, ""),
      ("bbz-starterskrediet", "", D("10000"), S.REJECTED, "Geen starter meer; afgewezen.")]),
    ("Bedrijfsbus op elektriciteit", D("45000"), 6, "",
     [("qredits-mkb-krediet", "", D("30000"), S.APPLIED, ""),
      ("crowdfunding-voorjebuurt", "", D("8000"), S.IDEA, "")]),
    ("Opschalen naar een tweede vestiging", D("250000"), 18,
     "Groei naar een tweede vestiging met tien banen voor mensen met een afstand tot de arbeidsmarkt.",
     [("sif-zkij", "", D("120000"), S.GRANTED, ""), ("bmkb", "", D("80000"), S.APPLIED, "Via de huisbank."),
      ("loonkostensubsidie", "", D("30000"), S.GRANTED, "Verwachte subsidie in het eerste jaar.")]),
    ("Werkvoorraad voor de winterperiode", D("20000"), 3, "", []),
]

END = 0  # a day of the month: its last

FUND_NAME = "Social Impact Fonds Zuid-Kennemerland en IJmond"
FUND_THEMES = ["arbeidsparticipatie", "armoede-en-schulden", "circulaire-economie"]
# amount, kind, date, terms, repayments [(date, amount, interest)], impact [(indicator, unit, value, start, end, status)];
# a date is (months, day): that day of the month so many months from the month of seeding (``END``: its last
# day), so the fund's history reads the same in any year.
# Counts at a moment (people employed): the fund's totals take each investment's latest period.
STOCK_INDICATORS = {"Mensen met een afstand tot de arbeidsmarkt in dienst"}
INVESTMENTS = [
    (D("150000"), InvestmentKind.LOAN, (-11, 15), "4% rente, 6 jaar, eerste jaar aflossingsvrij",
     [], [("Mensen met een afstand tot de arbeidsmarkt in dienst", "personen", D("6"), (-11, 1),
           (-6, END), SourceStatus.SELF_DECLARED)]),
    (D("80000"), InvestmentKind.LOAN, (-21, 1), "3,5% rente, 5 jaar",
     [((-15, 1), D("8000"), D("1400")), ((-9, 1), D("8000"), D("1260"))],
     [("Mensen met een afstand tot de arbeidsmarkt in dienst", "personen", D("4"), (-21, 1),
       (-12, END), SourceStatus.MEASURED),
      ("Huishoudens geholpen met schulden", "huishoudens", D("35"), (-21, 1), (-12, END),
       SourceStatus.SELF_DECLARED)]),
    (D("50000"), InvestmentKind.EQUITY, (-18, 1), "Minderheidsbelang van 15%, exit na 7 jaar", [],
     [("Hergebruikt materiaal", "kg", D("12500"), (-18, 1), (-12, END),
       SourceStatus.MEASURED)]),
    (D("60000"), InvestmentKind.LOAN, (-15, 1), "4% rente, 4 jaar",
     [((-9, 1), D("7500"), D("1200"))],
     [("Mensen met een afstand tot de arbeidsmarkt in dienst", "personen", D("3"), (-15, 1),
       (-10, END), SourceStatus.SELF_DECLARED)]),
    (D("35000"), InvestmentKind.LOAN, (-25, 1), "3% rente, 3 jaar",
     [((-19, 1), D("6000"), D("520")), ((-13, 1), D("6000"), D("430")),
      ((-7, 1), D("6000"), D("340"))], []),
]


def _month(months: int, day: int, today: dt.date) -> dt.date:
    """``day`` (``END``: the last day) of the month ``months`` from today's month."""
    year, month = divmod(today.year * 12 + today.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, last if day == END else min(day, last))


def _enterprises(ref):
    """ondernemer-1's enterprise first, then other admitted Haarlem and Amersfoort enterprises."""
    picked = []
    own = Enterprise.objects.filter(memberships__user__username="ondernemer-1").order_by("pk").first()
    if own is not None:
        picked.append(own)
    orgs = ref["organisations"]
    for slug in ("haarlem", "amersfoort"):
        org = orgs.get(slug)
        if org is None:
            continue
        others = (Enterprise.objects.filter(municipality=org, admission_status=AdmissionStatus.ADMITTED)
                  .exclude(pk__in=[e.pk for e in picked]).order_by("pk"))
        picked.extend(others[:2] if slug == "haarlem" else others[:1])
    return picked


def seed(*, size, ref, stdout):
    instruments = {i.slug: i for i in Instrument.objects.all()}
    if not instruments:
        instruments = seed_reference(ref=ref)["instruments"]
    enterprises = _enterprises(ref)
    author = User.objects.filter(username="ondernemer-1").first()
    needs = []
    for enterprise, (purpose, amount, horizon, description, components) in zip(enterprises, NEEDS, strict=False):
        need = upsert(FinancingNeed, {"enterprise": enterprise, "purpose": purpose}, amount=amount,
                      horizon_months=horizon, description=description,
                      created_by=author if not needs else None)
        for slug, label, part, status, note in components:
            instrument = instruments.get(slug) if slug else None
            if slug and instrument is None:
                continue
            upsert(MixComponent, {"need": need, "instrument": instrument, "label": label}, amount=part, status=status,
                   note=note)
        needs.append(need)

    fund = None
    haarlem = ref["organisations"].get("haarlem")
    if haarlem is not None:
        fund = upsert(ImpactFund, {"name": FUND_NAME}, organisation=haarlem, region=ref.get("region"),
                      capital=D("2000000"),
                      description="Regionaal impactfonds voor Zuid-Kennemerland en IJmond (ongeveer 300.000 inwoners), "
                                  "naar het voorbeeld van het Social Impact Fonds Rotterdam. De eerste leningen "
                                  "gaan begin 2026 uit.")
        themes = list(ImpactTheme.objects.filter(slug__in=FUND_THEMES))
        if set(fund.impact_focus.values_list("pk", flat=True)) != {t.pk for t in themes}:
            fund.impact_focus.set(themes)
        region_members = ref["region"].members.all() if ref.get("region") is not None else [haarlem]
        candidates = list(Enterprise.objects.filter(municipality__in=region_members,
                                                    admission_status=AdmissionStatus.ADMITTED).order_by("pk")[:5])
        today = timezone.localdate()
        for enterprise, (amount, kind, date, terms, repayments, impact) in zip(candidates, INVESTMENTS, strict=False):
            investment = upsert(Investment, {"fund": fund, "enterprise": enterprise}, amount=amount, kind=kind,
                                date=_month(*date, today), terms=terms)
            # Keyed on their place in the schedule, not their date: seeding a month later moves them.
            existing = list(investment.repayments.order_by("date", "pk"))
            for index, (day, principal, interest) in enumerate(repayments):
                values = {"date": _month(*day, today), "amount": principal, "interest": interest}
                if index < len(existing):
                    rows.sync(existing[index], **values)
                else:
                    Repayment.objects.create(investment=investment, **values)
            for indicator, unit, value, start, end, status in impact:
                upsert(ImpactReport, {"investment": investment, "indicator": indicator}, unit=unit, value=value,
                       period_start=_month(*start, today), period_end=_month(*end, today), source_status=status,
                       indicator_kind=IndicatorKind.STOCK if indicator in STOCK_INDICATORS else IndicatorKind.FLOW)
    if stdout is not None:
        stdout.write(f"  financing needs: {len(needs)}, impact funds: {1 if fund else 0}\n")
    return {"financing_needs": needs, "impact_funds": [fund] if fund else []}
