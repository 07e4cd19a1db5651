"""The workspace demo data, true to the seeds: Haarlem's action programme (19 May 2020, 2020/246333,
€35,000 a year with the €10,000 City Deal contribution paid from it) and Amersfoort's decision (no
mandated team; €10,000 a year 2021-2023 paid from three programmes, as spending). Harmless twice."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from brokers.models import (
    Action,
    ActionProgramme,
    Answer,
    AnswerVersion,
    BrokerTeam,
    BudgetLine,
    Mandate,
    Spending,
    TeamMember,
    TeamPartner,
)

pytestmark = pytest.mark.django_db


def test_demo_workspaces_follow_the_seeds_and_are_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    models = (BrokerTeam, Mandate, TeamMember, TeamPartner, BudgetLine, Spending, ActionProgramme, Action, Answer,
              AnswerVersion)
    counts = [m.objects.count() for m in models]
    call_command("seed_demo", stdout=io.StringIO())
    assert [m.objects.count() for m in models] == counts

    haarlem = BrokerTeam.objects.get(organisation__slug="haarlem")
    first, renewed = haarlem.mandates.order_by("valid_from")
    assert (first.decision_date, first.decision_reference) == (dt.date(2020, 5, 19), "2020/246333")
    # The first-time-user review: the flagship team had only the mandate that ended in 2024, so
    # its page said "no valid mandate today" beside a broker "met mandaat". The renewal holds today.
    today = timezone.localdate()
    assert not first.is_valid_today and renewed.is_valid_today
    assert renewed.valid_from == dt.date(2025, 1, 1) and renewed.valid_until >= dt.date(2028, 12, 31)
    for mandate in (first, renewed):  # the rule of ``Mandate.clean``: decided, and in force after it
        assert mandate.decision_date <= today and mandate.decision_date <= mandate.valid_from
        mandate.full_clean()
    assert haarlem.members.filter(role="account_manager").count() == 2
    assert haarlem.members.filter(role="core_team").count() >= 2
    assert "Stadsgarage" in haarlem.partners.get().party.name
    lines = BudgetLine.objects.filter(organisation__slug="haarlem")
    this_year = timezone.localdate().year
    assert sorted(lines.values_list("year", flat=True)) == list(range(2020, this_year + 1))
    assert set(lines.values_list("amount", flat=True)) == {Decimal("35000.00")}
    assert set(lines.filter(year__lte=2024).values_list("description", flat=True)) == {
        "Actieprogramma Impact Ondernemen 2020-2024"}
    city_deal = Spending.objects.filter(organisation__slug="haarlem", description__startswith="Bijdrage City Deal")
    assert sorted((s.budget_line.year, s.amount) for s in city_deal) == [
        (year, Decimal("10000.00")) for year in range(2021, this_year + 1) if year != 2024]
    programme = ActionProgramme.objects.get(organisation__slug="haarlem", title__endswith="2020-2024")
    assert (programme.adopted_on, programme.decision_reference, programme.yearly_budget) == (
        dt.date(2020, 5, 19), "2020/246333", Decimal("35000.00"))
    assert list(programme.lines.values_list("title", flat=True)) == [
        "Dienstverlening", "Netwerk", "Handel", "Investeren", "Communicatie"]

    amersfoort = BrokerTeam.objects.get(organisation__slug="amersfoort")
    assert not amersfoort.mandates.exists() and "niet haalbaar" in amersfoort.description
    assert not BudgetLine.objects.filter(organisation__slug="amersfoort", year__lt=2024).exists()
    paid = Spending.objects.filter(organisation__slug="amersfoort", budget_line__isnull=True)
    assert {(s.date.year, s.paying_programme, s.amount) for s in paid} == {
        (year, programme, Decimal(amount)) for year in (2021, 2022, 2023)
        for programme, amount in (("governance", 2000), ("reintegration", 4000), ("economy", 4000))}
    assert paid.filter(date__year=2022).aggregate(total=Sum("amount"))["total"] == Decimal("10000.00")

    for slug in ("haarlem", "amersfoort"):
        answered = Answer.objects.filter(organisation__slug=slug, is_answered=True).count()
        assert 3 <= answered < 35  # part of the toolbox, not all of it
