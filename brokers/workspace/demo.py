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
        path_stage="Actieprogramma 2020-2024 vastgesteld en in uitvoering; collega's worden meegenomen via het "
                   "kernteam.")
    Mandate.objects.filter(team=team).exclude(decision_reference="2020/246333").delete()  # the old invented one
    upsert(Mandate, {"team": team, "granted_by": "College van B&W Haarlem"},
           decision_reference="2020/246333", decision_date=dt.date(2020, 5, 19),
           scope="Uitvoering van het Actieprogramma Impact Ondernemen 2020-2024 met de lijnen dienstverlening, "
                 "netwerk, handel, investeren en communicatie, binnen het budget van € 35.000 per jaar.",
           valid_from=dt.date(2020, 5, 19), valid_until=dt.date(2024, 12, 31))
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
    _haarlem_agenda(org, users)
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
                                ("Doorverwijzing binnen de gemeente vastleggen", ActionStatus.IN_PROGRESS,
                                 dt.date(2024, 6, 30), 2)]),
        (2, "Netwerk", [("Netwerkbijeenkomst impactondernemers", ActionStatus.DONE, dt.date(2021, 11, 30), 8),
                        ("Regionale samenwerking Zuid-Kennemerland verkennen", ActionStatus.PLANNED,
                         dt.date(2024, 9, 30), 12)]),
        (3, "Handel", [("Inkoopcases met impactondernemers", ActionStatus.IN_PROGRESS, dt.date(2024, 3, 31), 9)]),
        (4, "Investeren", [("Financieringsmogelijkheden in kaart", ActionStatus.PLANNED, dt.date(2024, 10, 31), 10)]),
        (5, "Communicatie", [("Verhalen van impactondernemers delen", ActionStatus.DONE, dt.date(2022, 6, 30), 13)]),
    ]
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
    _answers(org, users.get("makelaar-amersfoort"), {
        "alderman": True,
        "team-form": "Eén makelaar met mandaat",
        "new-colleague": True,
        "start-with": "Sociaal ondernemers in kaart brengen en het netwerk versterken (netwerkspoor); "
                      "het inkoop- en aanbestedingsbeleid van 2019 doorontwikkelen.",
        "definition": "De Europese definitie",
        "mvoi-policy": True,
    })


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
