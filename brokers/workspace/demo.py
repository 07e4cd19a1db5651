"""Demo team workspaces, true to the seeds.

Haarlem (seed 002): the college adopted the Actieprogramma Impact Ondernemen 2020-2024 on 19 May
2020 (2020/246333), €35,000 a year, out of which the €10,000 City Deal contribution is paid; two
account managers and a core team of policy colleagues work with Stichting De Stadsgarage
(cooperation agreement of 2019).

Amersfoort (seed 000): no mandated broker team yet in 2021 — "binnen de huidige middelen is deze
stap op dit moment niet haalbaar"; account management for impact entrepreneurs sits in the
existing structures (WSP, Amersfoort Business Team). The City Deal contribution of €10,000 a year
for 2021-2023 is paid from three programmes (governance renewal €2,000, re-integration €4,000,
economy €4,000): recorded as spending with the paying programme, not as budget lines.

Both run on after the City Deal's first term (to 1 April 2024): the deal continued (by January
2026 it had run five years, seed 003) and so do the contributions. From 2025 Haarlem works with a
follow-up programme (``FOLLOW_UP_TITLE``) with the same yearly €35,000; from 2024 Amersfoort
budgets the contribution and its network track in one economy line. These later years, their
spending and the follow-up's actions are illustrative and dated relative to the seeding day, so
the demo has a current year with money spent and actions mostly on time whenever it is seeded.

Dates of individual payments and the actions are illustrative (the seeds give years, not days)."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from ecosystem.models import Party
from impactportal.seed.core import upsert

from ..constants import (
    ActionStatus,
    BudgetLineKind,
    InnovationPath,
    MemberRole,
    PartnerRelation,
    SpendingKind,
    TeamForm,
)
from ..constants import (
    TeamQuality as Q,
)
from ..models import (
    Action,
    ActionLine,
    ActionLink,
    ActionProgramme,
    AnswerVersion,
    BrokerTeam,
    BudgetLine,
    Mandate,
    Question,
    Spending,
    TeamMember,
    TeamPartner,
)
from ..toolbox import services as toolbox_services
from ..toolbox.seeding import seed_content
from ..toolbox_content import SUPPORT_MAP

HAARLEM_TEAM = "Makelaarsteam Impact Haarlem"
AMERSFOORT_TEAM = "Accountmanagement impactondernemers Amersfoort"
PROGRAMME_TITLE = "Actieprogramma Impact Ondernemen 2020-2024"
FOLLOW_UP_TITLE = "Vervolg Actieprogramma Impact Ondernemen"
FOLLOW_UP_FIRST_YEAR = 2025  # the year after the programme of 2020-2024
AMERSFOORT_LINE = "Sociaal ondernemen: bijdrage City Deal en netwerkspoor"
AMERSFOORT_LINE_FROM = 2024  # the deal's continuation after its first term


def _not_after(date: dt.date, today: dt.date) -> dt.date:
    """A payment's date this year: never after the seeding day (spending records what was paid)."""
    return min(date, today)


def seed_workspace(ref) -> None:
    seed_content()
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=["makelaar-haarlem", "makelaar-amersfoort", "inkoper-haarlem"])}
    _haarlem(ref["organisations"]["haarlem"], users)
    _amersfoort(ref["organisations"]["amersfoort"], users)


def _haarlem(org, users):
    team = upsert(
        BrokerTeam, {"organisation": org, "name": HAARLEM_TEAM},
        form=TeamForm.WITH_PARTNER, network_partner="Stichting De Stadsgarage", mailbox="impact@haarlem.example.org",
        description="Twee accountmanagers en een kernteam van collega's uit de beleidsafdelingen; Stichting De "
                    "Stadsgarage voert het actieprogramma mee uit en verzorgt loket en netwerk.",
        qualities=[], innovation_path=InnovationPath.VISION_FIRST,
        path_stage="Actieprogramma 2020-2024 afgerond; het vervolgprogramma (vanaf 2025) is in uitvoering. "
                   "Collega's worden meegenomen via het kernteam.")
    _haarlem_mandates(team)
    members = [
        ({"user": users.get("makelaar-haarlem")}, MemberRole.ACCOUNT_MANAGER, "economie",
         [Q.CONNECTOR, Q.ACCOUNT_MANAGER, Q.ENTHUSING]),
        ({"name": "Tweede accountmanager impact ondernemen"}, MemberRole.ACCOUNT_MANAGER, "economie",
         [Q.STRATEGIST, Q.COMMUNICATIVE, Q.ECOSYSTEM_BUILDER]),
        ({"user": users.get("inkoper-haarlem")}, MemberRole.CORE_TEAM, "inkoop", [Q.PERSEVERING]),
        ({"name": "Beleidsadviseur werk en inkomen"}, MemberRole.CORE_TEAM, "sociaal_domein", [Q.AMBASSADOR]),
        ({"name": "Beleidsadviseur vastgoed"}, MemberRole.CORE_TEAM, "vastgoed", []),
        ({"name": "Beleidsadviseur duurzaamheid"}, MemberRole.CORE_TEAM, "ruimte", [Q.CREATIVE]),
    ]
    for who, role, department, qualities in members:
        if "user" in who and who["user"] is None:
            continue
        upsert(TeamMember, {"team": team, **who}, role=role, department=department,
               qualities=[str(q) for q in qualities])
    party = Party.objects.filter(name__icontains="Stadsgarage").first()
    if party:
        upsert(TeamPartner, {"team": team, "party": party, "relation": PartnerRelation.COLLABORATION},
               description="Samenwerkingsovereenkomst (2019) voor de uitvoering van het actieprogramma: loket en "
                           "netwerk van ondernemers.")
    # The invented split of the budget over five lines of €7,000 is replaced by the programme's one figure.
    BudgetLine.objects.filter(organisation=org, description="Actieprogramma Impact Ondernemen", amount=7000,
                              spendings__isnull=True).delete()
    lines = {}
    for year in range(2020, 2025):
        lines[year] = upsert(BudgetLine, {"organisation": org, "year": year, "kind": BudgetLineKind.OTHER},
                             programme=None, amount=Decimal(35000), description=PROGRAMME_TITLE)
    for year in (2021, 2022, 2023):
        upsert(Spending, {"organisation": org, "budget_line": lines[year],
                          "description": f"Bijdrage City Deal Impact Ondernemen {year}"},
               kind=SpendingKind.SPENDING, date=dt.date(year, 4, 1), amount=Decimal(10000),
               paying_programme=BudgetLineKind.ECONOMY)
    upsert(Spending, {"organisation": org, "budget_line": lines[2024], "description": "Opdracht netwerk en loket 2024"},
           kind=SpendingKind.COMMITMENT, date=dt.date(2024, 1, 15), amount=Decimal(15000),
           paying_programme=BudgetLineKind.ECONOMY)
    _haarlem_follow_up_budget(org)
    _haarlem_agenda(org, users)
    _haarlem_follow_up(org, users)
    _answers(org, users.get("makelaar-haarlem"), {
        SUPPORT_MAP: [{"name": "Wethouder economie", "stance": "Steunend", "how": "Portefeuillehouder, agendeert"},
                      {"name": "Afdeling inkoop", "stance": "Te overtuigen", "how": "Voorbeelden van social return"},
                      {"name": "Afdeling vastgoed", "stance": "Te overtuigen", "how": "Gesprek over maatschappelijke huur"}],
        "alderman": True,
        "short-term-goals": "Kernteam maandelijks bijeen; twee inkoopcases met impactondernemers.",
        "team-form": "Een team met een externe netwerkpartner",
        "team-people": "Twee accountmanagers en een kernteam van collega's uit de beleidsafdelingen.",
        "new-colleague": False,
        "definition": "De vijf kenmerken van Social Enterprise NL en de SER",
        "domains": ["Economie", "Werk en inkomen", "Inkoop", "Vastgoed", "Duurzaamheid"],
        "path": "Pad 1: visie → actieagenda → uitvoeren",
        "action-agenda": True,
    })


def _haarlem_mandates(team):
    """The mandate of the programme 2020-2024 (seed 002), kept as history, and its renewal for the
    follow-up programme from 2025 (illustrative: decided in December 2024, in force from 1 January
    2025 through the follow-up's last year), so the team is mandated today, as its broker's role
    says. Each decision lies in the past and precedes the mandate it grants."""
    today = timezone.localdate()
    renewed_from = dt.date(FOLLOW_UP_FIRST_YEAR, 1, 1)
    # The old invented one, and the renewal keyed by the old key (granted_by) before there were two.
    Mandate.objects.filter(team=team).exclude(decision_reference="2020/246333").exclude(
        valid_from=renewed_from).delete()
    upsert(Mandate, {"team": team, "decision_reference": "2020/246333"},
           granted_by="College van B&W Haarlem", decision_date=dt.date(2020, 5, 19),
           scope="Uitvoering van het Actieprogramma Impact Ondernemen 2020-2024 met de lijnen dienstverlening, "
                 "netwerk, handel, investeren en communicatie, binnen het budget van € 35.000 per jaar.",
           valid_from=dt.date(2020, 5, 19), valid_until=dt.date(2024, 12, 31))
    upsert(Mandate, {"team": team, "valid_from": renewed_from},
           granted_by="College van B&W Haarlem", decision_reference="",
           decision_date=min(dt.date(FOLLOW_UP_FIRST_YEAR - 1, 12, 17), today),
           scope=f"Uitvoering van het {FOLLOW_UP_TITLE} (vanaf {FOLLOW_UP_FIRST_YEAR}) met dezelfde vijf lijnen, "
                 "binnen het budget van € 35.000 per jaar.",
           valid_until=dt.date(_follow_up_last_year(today), 12, 31))


def _follow_up_last_year(today: dt.date) -> int:
    """The follow-up programme's last year (and its mandate's): 2028, or next year if later."""
    return max(2028, today.year + 1)


def _haarlem_agenda(org, users):
    programme = upsert(
        ActionProgramme, {"organisation": org, "title": PROGRAMME_TITLE},
        first_year=2020, last_year=2024, adopted_on=dt.date(2020, 5, 19), decision_reference="2020/246333",
        yearly_budget=Decimal(35000),
        vision="Haarlem faciliteert ondernemers die met hun economische activiteiten bijdragen aan het oplossen van "
               "maatschappelijke vraagstukken: meer werk, duurzaamheid, circulariteit en sociale samenhang.",
        stakeholders="Impactondernemers, Stichting De Stadsgarage, beleidsafdelingen (economie, werk en inkomen, "
                     "inkoop, vastgoed), de City Deal Impact Ondernemen.",
        short_term_goals="Eén aanspreekpunt voor impactondernemers; twee inkoopcases per jaar; deelname City Deal.")
    owner = users.get("makelaar-haarlem")
    plan = [
        (1, "Dienstverlening", [("Loket impactondernemers met De Stadsgarage", ActionStatus.DONE, dt.date(2020, 12, 31), 4),
                                ("Doorverwijzing binnen de gemeente vastleggen", ActionStatus.DONE,
                                 dt.date(2024, 6, 30), 2)]),
        (2, "Netwerk", [("Netwerkbijeenkomst impactondernemers", ActionStatus.DONE, dt.date(2021, 11, 30), 8),
                        # Not done within the programme: taken over by the follow-up programme.
                        ("Regionale samenwerking Zuid-Kennemerland verkennen", ActionStatus.CANCELLED,
                         dt.date(2024, 9, 30), 12)]),
        (3, "Handel", [("Inkoopcases met impactondernemers", ActionStatus.DONE, dt.date(2024, 3, 31), 9)]),
        (4, "Investeren", [("Financieringsmogelijkheden in kaart", ActionStatus.DONE, dt.date(2024, 10, 31), 10)]),
        (5, "Communicatie", [("Verhalen van impactondernemers delen", ActionStatus.DONE, dt.date(2022, 6, 30), 13)]),
    ]
    _plan(org, programme, owner, plan)


def _plan(org, programme, owner, plan):
    for number, title, actions in plan:
        line = upsert(ActionLine, {"programme": programme, "number": number}, title=title)
        for name, status, due, module in actions:
            action = upsert(Action, {"line": line, "title": name}, status=status, due_date=due, module_number=module,
                            owner=owner, completed_on=due if status == ActionStatus.DONE else None)
            if module == 9:
                from enterprises.models import Enterprise

                enterprise = Enterprise.objects.filter(municipality=org).order_by("pk").first()
                if enterprise:
                    upsert(ActionLink, {"action": action, "link_model": "enterprises.enterprise",
                                        "link_id": enterprise.pk})


def _haarlem_follow_up_budget(org):
    """The follow-up programme's €35,000 for every year from 2025 up to this one, with the City Deal
    contribution, the desk and network assignment and a network meeting (none dated after today)."""
    today = timezone.localdate()
    for year in range(FOLLOW_UP_FIRST_YEAR, today.year + 1):
        line = upsert(BudgetLine, {"organisation": org, "year": year, "kind": BudgetLineKind.OTHER},
                      programme=None, amount=Decimal(35000), description=FOLLOW_UP_TITLE)
        upsert(Spending, {"organisation": org, "budget_line": line,
                          "description": f"Bijdrage City Deal Impact Ondernemen {year}"},
               kind=SpendingKind.SPENDING, date=_not_after(dt.date(year, 4, 1), today), amount=Decimal(10000),
               paying_programme=BudgetLineKind.ECONOMY)
        upsert(Spending, {"organisation": org, "budget_line": line, "description": f"Opdracht netwerk en loket {year}"},
               kind=SpendingKind.COMMITMENT, date=dt.date(year, 1, 15), amount=Decimal(15000),
               paying_programme=BudgetLineKind.ECONOMY)
        if dt.date(year, 10, 1) <= today:
            upsert(Spending, {"organisation": org, "budget_line": line,
                              "description": f"Netwerkbijeenkomst impactondernemers {year}"},
                   kind=SpendingKind.SPENDING, date=dt.date(year, 10, 1), amount=Decimal(2500),
                   paying_programme=BudgetLineKind.ECONOMY)


def _haarlem_follow_up(org, users):
    """The programme after 2020-2024, with actions dated around the seeding day: some done, most
    open and on time, one a little late (as a real agenda is)."""
    today = timezone.localdate()
    programme = upsert(
        ActionProgramme, {"organisation": org, "title": FOLLOW_UP_TITLE},
        first_year=FOLLOW_UP_FIRST_YEAR, last_year=_follow_up_last_year(today), adopted_on=None,
        decision_reference="", yearly_budget=Decimal(35000),
        vision="Voortzetting van het Actieprogramma Impact Ondernemen 2020-2024 met dezelfde vijf lijnen: Haarlem "
               "faciliteert ondernemers die met hun economische activiteiten bijdragen aan het oplossen van "
               "maatschappelijke vraagstukken.",
        stakeholders="Impactondernemers, Stichting De Stadsgarage, beleidsafdelingen (economie, werk en inkomen, "
                     "inkoop, vastgoed), de regio Zuid-Kennemerland en IJmond, de City Deal Impact Ondernemen.",
        short_term_goals="Regionale samenwerking uitwerken; twee inkoopcases per jaar; een lokaal of regionaal "
                         "impactfonds verkennen.")
    days = dt.timedelta
    plan = [
        (1, "Dienstverlening", [("Loket en doorverwijzing evalueren met De Stadsgarage", ActionStatus.DONE,
                                 today - days(120), 2)]),
        (2, "Netwerk", [("Regionale samenwerking Zuid-Kennemerland uitwerken", ActionStatus.IN_PROGRESS,
                         today + days(60), 12)]),
        (3, "Handel", [("Impactondernemers op het inkoopplatform van de regio", ActionStatus.DONE,
                        today - days(200), 9),
                       ("Twee inkoopcases met impactondernemers dit jaar", ActionStatus.IN_PROGRESS,
                        dt.date(today.year, 12, 31), 9)]),
        (4, "Investeren", [("Verkenning regionaal impactfonds", ActionStatus.PLANNED, today + days(150), 10)]),
        (5, "Communicatie", [("Voortgangsrapportage impact ondernemen aan de raad", ActionStatus.DONE,
                              today - days(250), 13),
                             ("Verhalen van impactondernemers delen", ActionStatus.IN_PROGRESS,
                              today - days(14), 13)]),
    ]
    _plan(org, programme, users.get("makelaar-haarlem"), plan)


def _amersfoort(org, users):
    BrokerTeam.objects.filter(organisation=org, name="Makelaar Sociaal Ondernemen Amersfoort").update(
        name=AMERSFOORT_TEAM)  # the earlier demo name suggested a mandated broker
    team = upsert(
        BrokerTeam, {"organisation": org, "name": AMERSFOORT_TEAM},
        form=TeamForm.SINGLE, network_partner="", mailbox="sociaalondernemen@amersfoort.example.org",
        description="Nog geen makelaarsteam met mandaat: binnen de huidige middelen was die stap in 2021 niet "
                    "haalbaar. Het accountmanagement voor impactondernemers is belegd binnen de bestaande structuren "
                    "(WSP, Amersfoort Business Team).",
        qualities=[], innovation_path=InnovationPath.ACT_FIRST,
        path_stage="Netwerkspoor en financieel spoor via de City Deal; sociaal ondernemers in kaart brengen.")
    Mandate.objects.filter(team=team).delete()  # there is no mandate (the decision of 2021 says so)
    if users.get("makelaar-amersfoort"):
        upsert(TeamMember, {"team": team, "user": users["makelaar-amersfoort"]}, role=MemberRole.ACCOUNT_MANAGER,
               department="economie", qualities=[Q.CONNECTOR.value, Q.ECOSYSTEM_BUILDER.value])
    BudgetLine.objects.filter(organisation=org, description="Bijdrage City Deal", spendings__isnull=True).delete()
    for year in (2021, 2022, 2023):
        for programme, amount in ((BudgetLineKind.GOVERNANCE, 2000), (BudgetLineKind.REINTEGRATION, 4000),
                                  (BudgetLineKind.ECONOMY, 4000)):
            upsert(Spending, {"organisation": org, "date": dt.date(year, 3, 11), "paying_programme": programme},
                   budget_line=None, kind=SpendingKind.SPENDING, amount=Decimal(amount),
                   description=f"Bijdrage City Deal Impact Ondernemen {year}")
    _amersfoort_budget(org)
    _answers(org, users.get("makelaar-amersfoort"), {
        "alderman": True,
        "team-form": "Eén makelaar met mandaat",
        "new-colleague": True,
        "start-with": "Sociaal ondernemers in kaart brengen en het netwerk versterken (netwerkspoor); "
                      "het inkoop- en aanbestedingsbeleid van 2019 doorontwikkelen.",
        "definition": "De Europese definitie",
        "mvoi-policy": True,
    })


def _amersfoort_budget(org):
    """From the deal's continuation on, the contribution is budgeted in one economy line with the
    network track (meetings of social entrepreneurs); none of it dated after today."""
    today = timezone.localdate()
    for year in range(AMERSFOORT_LINE_FROM, today.year + 1):
        line = upsert(BudgetLine, {"organisation": org, "year": year, "kind": BudgetLineKind.ECONOMY},
                      programme=None, amount=Decimal(15000), description=AMERSFOORT_LINE)
        upsert(Spending, {"organisation": org, "budget_line": line,
                          "description": f"Bijdrage City Deal Impact Ondernemen {year}"},
               kind=SpendingKind.SPENDING, date=_not_after(dt.date(year, 3, 11), today), amount=Decimal(10000),
               paying_programme=BudgetLineKind.ECONOMY)
        if dt.date(year, 6, 12) <= today:
            upsert(Spending, {"organisation": org, "budget_line": line,
                              "description": f"Netwerkbijeenkomst sociaal ondernemers {year}"},
                   kind=SpendingKind.SPENDING, date=dt.date(year, 6, 12), amount=Decimal(1800),
                   paying_programme=BudgetLineKind.ECONOMY)


# The demo's toolbox answers were given over the past year, about one every three weeks: all
# dated on the seeding day, the monthly progress snapshots showed none of them (18,6% against the
# dashboard's 42%) instead of a municipality working through the toolbox.
ANSWER_INTERVAL = dt.timedelta(days=20)


def _answers(org, by, answers: dict):
    questions = {q.key: q for q in Question.objects.filter(module__edition__is_current=True, key__in=answers)}
    now = timezone.now()
    for number, (key, value) in enumerate(answers.items()):
        question = questions.get(key)
        if question is None:
            continue
        answer = question.answers.filter(organisation=org).first()
        if answer is not None and answer.saved_value == value:
            continue  # idempotent: a second seed adds no history
        saved = toolbox_services.answer_save(organisation=org, question=question, value=value, by=by)
        AnswerVersion.objects.filter(answer=saved).update(
            changed_at=now - ANSWER_INTERVAL * (len(answers) - number))
