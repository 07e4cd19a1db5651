"""Demo data of the bottleneck and best-practice register: a dozen signals of real themes from
the City Deal's practice, some shared with the City Deal (with "we see this too" from other
participants), with their status timelines. Idempotent: keyed on organisation and title."""

import datetime as dt

from django.utils import timezone

from impactportal.accounts.models import User
from impactportal.seed.core import upsert

from .constants import BottleneckKind as K
from .constants import BottleneckStatus as S
from .constants import BottleneckTheme as T
from .constants import Ministry as M
from .constants import SolvingLevel as L
from .models_bottlenecks import Bottleneck, BottleneckEndorsement, BottleneckStatusChange

# (organisation, kind, theme, level, ministry, title, description, cases, enterprises,
#  shared (day or None), [(status, day, note)], agenda (where, day, by) or None,
#  [(endorsing organisation, cases, enterprises, note)]). A day is a number of days relative to the
# day of seeding (-600: about twenty months before), so the register reads the same in any year.
ITEMS = [
    ("haarlem", K.BOTTLENECK, T.LEGISLATION, L.NATIONAL, M.EZ,
     "Geen eigen rechtsvorm voor sociale ondernemingen (BVm)",
     "Een sociale onderneming moet nu kiezen tussen een stichting, waar geen investeerder in kan stappen, en een "
     "gewone bv, waarin het maatschappelijk doel nergens is vastgelegd. Het wetsvoorstel voor een bv met "
     "maatschappelijk doel (BVm) ligt sinds de consultatie stil. Financiers en inkopers kunnen een sociale "
     "onderneming daardoor niet herkennen, en ondernemers kiezen vaak een ingewikkelde constructie met een "
     "stichting en een bv naast elkaar.",
     6, 5, -638,
     [(S.ON_AGENDA, -596, "Ingebracht als casus in het overleg van de City Deal met EZ.")],
     ("Ministerie van Economische Zaken, overleg City Deal", -596, "Makelaar namens Haarlem"),
     [("amersfoort", 3, 3, "Twee ondernemers in de zorg kozen om deze reden voor een stichting met een bv ernaast."),
      ("utrecht", 4, 4, "")]),
    ("amersfoort", K.BOTTLENECK, T.REAL_ESTATE, L.NATIONAL, M.BZK,
     "Didam-arrest: leeg gemeentelijk pand niet zomaar aan een sociale onderneming",
     "Sinds het Didam-arrest van de Hoge Raad (november 2021) moet de gemeente bij verkoop van vastgoed andere "
     "gegadigden de kans geven om mee te dingen, tenzij vooraf vaststaat dat er maar één serieuze gegadigde is. "
     "Een leegstaand pand rechtstreeks aan een sociale onderneming verkopen of langdurig verhuren kan daardoor niet "
     "meer; een openbare selectie kost maanden en de onderneming verliest die vaak van een commerciële partij.",
     3, 3, -660,
     [(S.ON_AGENDA, -622, ""),
      (S.IN_PROGRESS, -457, "BZK werkt aan een wetswijziging en een handreiking voor maatschappelijk "
                                           "vastgoed.")],
     ("Ministerie van BZK, ambtelijk overleg Didam", -622, "Team Vastgoed Amersfoort"),
     [("haarlem", 2, 2, "Speelt bij de verhuur van een voormalige school aan een kringloopbedrijf.")]),
    ("haarlem", K.BOTTLENECK, T.LABOUR, L.NATIONAL, M.SZW,
     "Uitkeringsregels maken beginnen met werken riskant (armoedeval)",
     "Wie vanuit de bijstand een paar dagen per week gaat werken bij een sociale onderneming, gaat er soms nauwelijks "
     "op vooruit of moet later toeslagen terugbetalen als het inkomen wisselt. Mensen durven de stap daardoor niet "
     "te zetten, en sociale ondernemingen verliezen kandidaten die graag willen werken.",
     9, 4, -681,
     [(S.ON_AGENDA, -643, "Besproken in de stuurgroep; SZW is gevraagd om een reactie.")],
     ("Stuurgroep City Deal Impact Ondernemen", -643, "Wethouder Werk en Inkomen Haarlem"),
     [("amersfoort", 5, 2, ""), ("rotterdam", 12, 6, "Ook bij beschut werk en loonkostensubsidie.")]),
    ("rotterdam", K.BOTTLENECK, T.PROCUREMENT, L.MUNICIPALITY, "",
     "Inkoopregels geven de laagste prijs de doorslag",
     "In veel aanbestedingen weegt de prijs zo zwaar dat sociale waarde niet meer telt. Sociale ondernemingen "
     "die mensen met een afstand tot de arbeidsmarkt in dienst hebben, zijn zelden de goedkoopste en vallen "
     "daardoor af, ook als de opdracht daarna social return moet opleveren.",
     4, 4, -569, [], None, []),
    ("utrecht", K.BOTTLENECK, T.DEFINITION, L.NATIONAL, M.EZ,
     "Geen gedeelde definitie van een impactonderneming",
     "Elke gemeente gebruikt eigen criteria om te bepalen of een onderneming een impactonderneming is. Een "
     "onderneming die in meerdere gemeenten werkt, moet dat steeds opnieuw aantonen, en cijfers tussen gemeenten "
     "zijn niet te vergelijken.",
     5, 5, -609,
     [(S.ON_AGENDA, -540, "")],
     ("Werkgroep definitie City Deal", -540, "Coördinatieteam City Deal"),
     [("haarlem", 2, 2, ""), ("amersfoort", 1, 1, "")]),
    ("amersfoort", K.BOTTLENECK, T.FINANCING, L.PROVINCE, "",
     "Financieringsgat tussen 50.000 en 250.000 euro",
     "Voor groeiende sociale ondernemingen is een lening van deze omvang moeilijk te krijgen: te groot voor "
     "microkrediet en crowdfunding, te klein en te risicovol voor banken en de meeste fondsen.",
     4, 4, None, [], None, []),
    ("haarlem", K.BEST_PRACTICE, T.PROCUREMENT, L.REGION, "",
     "Inkoopplatform maakt impactondernemers vindbaar voor inkopers",
     "Op het Kennemer Inkoop Platform zien inkopers van de zeven gemeenten in de regio welke impactondernemers "
     "wat leveren. Kleine opdrachten gaan sindsdien vaker rechtstreeks naar een sociale onderneming.",
     0, 14, -638, [], None, []),
    ("amersfoort", K.BEST_PRACTICE, T.REAL_ESTATE, L.MUNICIPALITY, "",
     "Openbare selectie met sociale criteria voor maatschappelijk vastgoed",
     "Na het Didam-arrest selecteert Amersfoort huurders van maatschappelijk vastgoed openbaar, maar met "
     "criteria die sociale waarde meetellen. Zo kon een leerwerkbedrijf een leegstaand pand huren zonder de "
     "regels te omzeilen.",
     0, 2, -443, [], None, []),
    ("haarlem", K.BOTTLENECK, T.PERMITS, L.MUNICIPALITY, "",
     "Omgevingsvergunning voor een kringloopwerkplaats duurt maanden",
     "Een kringloopbedrijf dat mensen uit de bijstand opleidt, wacht al maanden op een vergunning voor een "
     "werkplaats op een bedrijventerrein; huur loopt intussen door.",
     1, 1, None, [(S.IN_PROGRESS, -422, "Vergunningverlener en makelaar plannen een gesprek.")],
     None, []),
    ("groningen", K.BOTTLENECK, T.FINANCING, L.MUNICIPALITY, "",
     "Subsidieregelingen sluiten ondernemingen met winstoogmerk uit",
     "Een sociale onderneming in de vorm van een bv kan niet meedoen aan regelingen voor maatschappelijke "
     "initiatieven, ook niet als de winst terugvloeit naar het maatschappelijk doel.",
     2, 2, -548, [], None, [("haarlem", 1, 1, "")]),
    ("emmen", K.BOTTLENECK, T.LABOUR, L.REGION, "",
     "Loonkostensubsidie verschilt per gemeente in de arbeidsmarktregio",
     "Een sociale onderneming met medewerkers uit drie gemeenten heeft met drie verschillende werkwijzen voor "
     "loonkostensubsidie en jobcoaching te maken.",
     3, 1, -513, [], None, []),
    ("haarlem", K.BOTTLENECK, T.OTHER, L.MUNICIPALITY, "",
     "Ondernemers vinden de weg in het gemeentehuis niet",
     "Impactondernemers wisten niet bij wie ze moesten zijn voor inkoop, vastgoed of werk. Sinds er één loket is "
     "met een vaste makelaar, komen vragen op één plek binnen.",
     7, 7, None,
     [(S.IN_PROGRESS, -822, ""), (S.SOLVED, -695, "Eén loket en een vaste makelaar.")],
     None, []),
    ("utrecht", K.BEST_PRACTICE, T.FINANCING, L.MUNICIPALITY, "",
     "Lening met terugbetaling naar draagkracht uit het impactfonds",
     "Het fonds verstrekt leningen die pas worden afgelost als de onderneming omzet draait, met coaching erbij. "
     "Het vult het gat tussen microkrediet en de bank.",
     0, 8, -471, [], None, [("amersfoort", 0, 2, "Wij willen dit overnemen.")]),
]

START = -914  # the register's first signals: two and a half years before the seeding day


def seed(*, size, ref, stdout):
    orgs = ref["organisations"]
    programme = ref["programme"]
    brokers = {"haarlem": User.objects.filter(username="makelaar-haarlem").first(),
               "amersfoort": User.objects.filter(username="makelaar-amersfoort").first()}
    today = timezone.localdate()

    def on(days):
        return None if days is None else today + dt.timedelta(days=days)

    start = on(START)
    count = endorsements = 0
    for (slug, kind, theme, level, ministry, title, description, cases, enterprises, shared, steps, agenda,
         seen_by) in ITEMS:
        org = orgs.get(slug)
        if org is None:
            continue
        shared, steps = on(shared), [(step, on(days), note) for step, days, note in steps]
        agenda = (agenda[0], on(agenda[1]), agenda[2]) if agenda else None
        status, status_date = (steps[-1][0], steps[-1][1]) if steps else (S.SIGNALLED, shared or start)
        where, agenda_on, by = agenda or ("", None, "")
        shared_at = timezone.make_aware(dt.datetime.combine(shared, dt.time(10))) if shared else None
        bottleneck = upsert(
            Bottleneck, {"organisation": org, "title": title}, kind=kind, theme=theme, level=level,
            ministry=ministry, description=description, affected_cases=cases, affected_enterprises=enterprises,
            status=status, status_date=status_date, agenda_where=where, agenda_on=agenda_on, agenda_by=by,
            raised_by=brokers.get(slug), shared_with=programme if shared else None, shared_at=shared_at,
            shared_by=brokers.get(slug) if shared else None)
        signalled = min([shared or start, *(d for _s, d, _n in steps)])
        upsert(BottleneckStatusChange, {"bottleneck": bottleneck, "status": S.SIGNALLED}, date=signalled,
               by=brokers.get(slug))
        for step_status, date, note in steps:
            upsert(BottleneckStatusChange, {"bottleneck": bottleneck, "status": step_status}, date=date, note=note,
                   by=brokers.get(slug))
        for other, n_cases, n_enterprises, note in seen_by if shared else ():
            if other in orgs and other != slug:
                upsert(BottleneckEndorsement, {"bottleneck": bottleneck, "organisation": orgs[other]},
                       cases=n_cases, enterprises=n_enterprises, note=note, by=brokers.get(other))
                endorsements += 1
        count += 1
    stdout.write(f"  bottlenecks: {count}, endorsements: {endorsements}\n")
    return {}
