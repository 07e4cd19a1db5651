"""The monthly toolbox indicator asks every linked source once for all organisations
(``ToolboxSource.answered_in``), not once per organisation: its queries do not grow with the
country (354 organisations). The batched answer is the page's answer: for every source and reader,
``answered_in`` says what ``has_data(context(user, organisation))`` says for each organisation."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from brokers.constants import MemberRole, QuestionKind, TeamQuality
from brokers.indicators_toolbox import toolbox_progress
from brokers.models import Answer, KnowledgeInstrument, Question, TeamMember
from brokers.toolbox.progress import linked
from impactportal import contributions
from impactportal.accounts.models import User
from impactportal.indicators import Period
from tests import factories as f
from tests.financing import outcome_factories as of
from tests.financing.mkba_factories import analysis
from tests.procurement import factories as pf

pytestmark = pytest.mark.django_db


def _monitoring_reader():
    """The indicator's reader (``toolbox_progress``): a superuser that is never saved."""
    return User(username="monitoring", is_superuser=True, is_active=True)


def _snapshot(label, month, values):
    from monitoring.models import Snapshot, SnapshotValue

    tz = timezone.get_current_timezone()
    snapshot = Snapshot.objects.create(kind="monthly", label=label,
                                       period_start=dt.datetime(2025, month, 1, tzinfo=tz),
                                       period_end=dt.datetime(2025, month + 1, 1, tzinfo=tz))
    for organisation, code in values:
        SnapshotValue.objects.create(snapshot=snapshot, code=code, level="organisation", organisation=organisation,
                                     value=Decimal(3), basis="measured", source=code.split(".")[0])


@pytest.fixture
def world(haarlem, amersfoort, broker_haarlem, broker_amersfoort, enterprise_haarlem, enterprise_amersfoort,
          vastgoed, stuurgroep, region):
    """Haarlem with data for every source, Amersfoort with some (outside Haarlem's staff's scope),
    Utrecht with rows that do not count (a team without known qualities, a map without entries, a
    contract that ended, a snapshot of an indicator no app has)."""
    from ecosystem.models import Collaboration, EcosystemMap, MapEntry, Party

    utrecht = f.OrganisationFactory(name="Gemeente Utrecht", slug="utrecht")
    leiden = f.OrganisationFactory(name="Gemeente Leiden", slug="leiden")  # nothing at all
    # Module 2: a team-wide quality (Haarlem), a member's only (Amersfoort), none known (Utrecht).
    f.broker_team(haarlem, qualities=[TeamQuality.AGILE.value])
    team = f.broker_team(amersfoort)
    TeamMember.objects.create(team=team, user=broker_amersfoort, role=MemberRole.ACCOUNT_MANAGER,
                              qualities=[TeamQuality.CONNECTOR.value])
    empty = f.broker_team(utrecht, qualities=["no-longer-offered"])
    TeamMember.objects.create(team=empty, name="Adviseur", role=MemberRole.CORE_TEAM, qualities=[])
    KnowledgeInstrument.objects.create(name="Ondernemershuis", kind="network")
    # Ecosystem: Haarlem's map with an entry, Utrecht's empty one; a property of Amersfoort; a
    # collaboration of Haarlem's region with Amersfoort as participant.
    party = Party.objects.create(name="Impact Hub", category="network")
    own = EcosystemMap.objects.create(organisation=haarlem, title="Kaart Haarlem")
    MapEntry.objects.create(map=own, party=party, domain="network", role="Netwerk.")
    EcosystemMap.objects.create(organisation=utrecht, title="Kaart Utrecht")
    f.property_of(amersfoort)  # published: everyone reads it
    f.property_of(utrecht, is_published=False)  # Utrecht's own: its staff and administrators
    collaboration = Collaboration.objects.create(region=region, theme="sroi_rules", title="SROI-regels")
    collaboration.participants.add(amersfoort)
    # Financing: an MKBA analysis of Haarlem, an outcome contract of Amersfoort.
    analysis(haarlem)
    of.contract(amersfoort, enterprise_amersfoort)
    # Procurement: Haarlem's contract runs this year, Utrecht's ended before it.
    pf.rule_set(region=region, name="Regeling ZKIJ")
    pf.rule_set(organisation=utrecht, name="Regeling Utrecht")
    this_year = timezone.localdate().year
    pf.contract(organisation=haarlem, by=broker_haarlem, award_date=dt.date(this_year - 1, 1, 1),
                end_date=dt.date(this_year + 1, 12, 31), today=dt.date(this_year - 1, 6, 1))
    pf.contract(organisation=utrecht, award_date=dt.date(this_year - 3, 1, 1), end_date=dt.date(this_year - 2, 12, 31),
                today=dt.date(this_year - 3, 6, 1))
    # Monitoring: Haarlem's latest snapshot holds only a value a vastgoed colleague may not read
    # (supplier payments), so for them the one before is the latest; Utrecht's latest holds only a
    # code no app has, which hides the registered value before it.
    _snapshot("2025-09", 9, [(haarlem, "helpdesk.cases"), (utrecht, "helpdesk.cases")])
    _snapshot("2025-10", 10, [(haarlem, "procurement.mvi_share"), (utrecht, "retired.indicator"),
                              (amersfoort, "procurement.mvi_share")])
    readers = {"monitoring": _monitoring_reader(), "broker_haarlem": broker_haarlem,
               "broker_amersfoort": broker_amersfoort, "vastgoed": vastgoed, "stuurgroep": stuurgroep,
               "no_role": f.UserFactory(username="zonder-rol")}
    return [haarlem, amersfoort, utrecht, leiden], readers


def test_every_source_has_a_batched_path():
    """Every source's context reads per organisation: each answers for many organisations at once."""
    sources = contributions.toolbox_sources()
    assert len(sources) >= 9
    assert [key for key, source in sources.items() if source.answered is None] == []


@pytest.mark.parametrize("key", ["brokers.team_qualities", "brokers.knowledge", "enterprises.register",
                                 "procurement.sroi", "financing.overview", "ecosystem.map", "ecosystem.real_estate",
                                 "ecosystem.collaborations", "monitoring.indicators"])
def test_answered_in_is_has_data_of_the_context_for_each_organisation(world, key):
    organisations, readers = world
    source = contributions.toolbox_sources()[key]
    assert source.answered is not None
    for name, user in readers.items():
        expected = {org.pk for org in organisations if source.has_data(source.context(user, org) or {})}
        assert source.answered_in(user, organisations) == expected, name
        if name == "monitoring":
            assert expected, key  # not a vacuous equality: the reader sees data of some organisation
    assert source.answered_in(readers["monitoring"], []) == set()


def test_monitoring_source_follows_the_withheld_values(world):
    """The vastgoed colleague's latest snapshot is the one before the payments' value; Utrecht's
    latest holds no registered indicator."""
    (haarlem, amersfoort, utrecht, leiden), readers = world
    source = contributions.toolbox_sources()["monitoring.indicators"]
    assert source.answered_in(readers["monitoring"], [haarlem, amersfoort, utrecht, leiden]) == {haarlem.pk,
                                                                                               amersfoort.pk}
    assert source.answered_in(readers["vastgoed"], [haarlem, amersfoort, utrecht]) == {haarlem.pk}
    assert source.context(readers["vastgoed"], haarlem)["rows"][0]["code"] == "helpdesk.cases"


def test_a_source_without_a_batched_path_falls_back_to_the_context(haarlem, amersfoort):
    source = contributions.ToolboxSource(key="later.app", label="Kaart", template="x.html",
                                         context=lambda user, organisation: {"rows": [organisation.slug == "haarlem"]},
                                         has_data=lambda context: context["rows"][0])
    assert source.answered_in(_monitoring_reader(), [haarlem, amersfoort]) == {haarlem.pk}


# --- the indicator ----------------------------------------------------------------------------------------
def _organisation_with_team(n):
    org = f.OrganisationFactory(name=f"Gemeente Batch {n}", slug=f"batch-{n}")
    team = f.broker_team(org, qualities=[TeamQuality.AGILE.value] if n % 2 else [])
    TeamMember.objects.create(team=team, name="Lid", role=MemberRole.CORE_TEAM,
                              qualities=[TeamQuality.CONNECTOR.value] if n % 3 else [])
    if n % 2 == 0:
        f.EnterpriseFactory(municipality=org)
    Answer.objects.create(organisation=org, question=Question.objects.get(key="vision"))  # in the indicator
    return org


def _period():
    now = timezone.now()
    return Period(now - dt.timedelta(days=30), now + dt.timedelta(days=1), "now")


def _per_organisation(organisations):
    """What the indicator gave before: each linked question's context per organisation (the page's test)."""
    reader, total = _monitoring_reader(), Question.objects.count()
    questions = list(Question.objects.filter(kind=QuestionKind.LINKED))
    return {org.pk: (Decimal(100) * sum(linked(q, reader, org).has_data for q in questions) / total)
            .quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) for org in organisations}


def test_toolbox_progress_queries_do_not_grow_with_the_organisations():
    f.toolbox_edition()
    assert Question.objects.filter(kind=QuestionKind.LINKED, source_key="brokers.team_qualities").exists()
    organisations = [_organisation_with_team(n) for n in range(2)]
    toolbox_progress(_period())  # caches (content types, …) out of the count
    with CaptureQueriesContext(connection) as two:
        values = toolbox_progress(_period())
    assert values == _per_organisation(organisations)
    organisations += [_organisation_with_team(n) for n in range(2, 6)]
    with CaptureQueriesContext(connection) as six:
        values = toolbox_progress(_period())
    assert values == _per_organisation(organisations)
    assert len(set(values.values())) > 1  # the organisations differ: a real comparison
    assert len(six) == len(two), [q["sql"][:120] for q in six.captured_queries]


def test_toolbox_progress_gives_the_values_of_the_contexts_for_the_world(world):
    f.toolbox_edition()
    organisations, _readers = world
    for org in organisations:
        Answer.objects.create(organisation=org, question=Question.objects.get(key="vision"))
    assert toolbox_progress(_period()) == _per_organisation(organisations)
