"""Demo broker teams, mandates and budgets, based on the real arrangements described in the
toolbox and the Amersfoort council decision."""

import datetime as dt
from decimal import Decimal

from impactportal.seed.core import upsert

from .constants import BudgetLineKind, TeamForm, TeamQuality
from .helpdesk.seeding import seed_helpdesk
from .models import BrokerTeam, BudgetLine, Mandate


def seed(*, size, ref, stdout):
    orgs = ref["organisations"]
    programme = ref["programme"]
    haarlem = upsert(
        BrokerTeam, {"organisation": orgs["haarlem"], "name": "Makelaarsteam Impact Haarlem"},
        form=TeamForm.WITH_PARTNER, network_partner="Stadsgarage Haarlem/Kennemerland",
        mailbox="impact@haarlem.example.org",
        description="Twee accountmanagers en een kernteam van collega's uit de beleidsafdelingen; "
                    "de netwerkpartner verzorgt het loket en het netwerk van ondernemers.",
        qualities=[TeamQuality.CONNECTOR, TeamQuality.ACCOUNT_MANAGER, TeamQuality.STRATEGIST],
    )
    upsert(Mandate, {"team": haarlem, "granted_by": "College van B&W Haarlem"},
           decision_reference="Actieprogramma Impact Ondernemen 2020-2024", decision_date=dt.date(2020, 2, 11),
           scope="Verbinden van ondernemers met afdelingen, inzet van het actieprogrammabudget.",
           valid_from=dt.date(2020, 1, 1), valid_until=dt.date(2024, 12, 31))
    amersfoort = upsert(
        BrokerTeam, {"organisation": orgs["amersfoort"], "name": "Makelaar Sociaal Ondernemen Amersfoort"},
        form=TeamForm.SINGLE, mailbox="sociaalondernemen@amersfoort.example.org",
        description="Eén makelaar die sociaal ondernemers in kaart brengt en het netwerk versterkt.",
        qualities=[TeamQuality.CONNECTOR, TeamQuality.ECOSYSTEM_BUILDER],
    )
    upsert(Mandate, {"team": amersfoort, "granted_by": "College van B&W Amersfoort"},
           decision_reference="Deelname City Deal Impact Ondernemen", decision_date=dt.date(2021, 3, 2),
           scope="Deelname aan de City Deal; financieel spoor en netwerkspoor.",
           valid_from=dt.date(2021, 3, 11), valid_until=dt.date(2024, 4, 1))
    # Amersfoort: €10,000 a year to the City Deal, split over three programmes.
    for year in range(2021, 2025):
        for kind, amount in [(BudgetLineKind.GOVERNANCE, 2000), (BudgetLineKind.REINTEGRATION, 4000),
                             (BudgetLineKind.ECONOMY, 4000)]:
            upsert(BudgetLine, {"organisation": orgs["amersfoort"], "year": year, "kind": kind},
                   programme=programme, amount=Decimal(amount), description="Bijdrage City Deal")
    # Haarlem: €35,000 a year for the action programme lines.
    for year in range(2020, 2025):
        for kind in [BudgetLineKind.SERVICES, BudgetLineKind.NETWORK, BudgetLineKind.TRADE,
                     BudgetLineKind.INVESTMENT, BudgetLineKind.COMMUNICATION]:
            upsert(BudgetLine, {"organisation": orgs["haarlem"], "year": year, "kind": kind},
                   programme=None, amount=Decimal(7000), description="Actieprogramma Impact Ondernemen")
    created = seed_helpdesk(ref=ref)
    stdout.write(f"  brokers: {created} new helpdesk cases")
    return {}
