"""Reference data: the City Deal's six current themes (with their English names) and coordinators and
its steering group (chair, budget held by Stichting Platform31). Demo data: the contributions per
party (by the deal's table), spending, this year's four meetings (one open), a baseline and the last
twelve monthly snapshots (two at national size), each with its year so far, targets, an approved
annual report of Haarlem and a programme report under review. Their PDFs are made eagerly here (two
renders, a few seconds at either size)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, Decimal

from django.db import transaction
from django.utils import timezone

from impactportal.accounts.constants import PartyCategory, Role
from impactportal.accounts.models import User, users_with_role
from impactportal.seed.core import upsert
from impactportal.seed.rows import fill_english, reference_row, seed_key

from . import registry, services
from .constants import (
    BZK_ONCE,
    CITY_DEAL_THEMES,
    Outcome,
    ReportKind,
    Section,
    UnderspendRule,
    standard_contribution,
)
from .models import (
    Contribution,
    Meeting,
    ProgrammeTheme,
    ReportRequest,
    Snapshot,
    Spending,
    SteeringGroup,
    Target,
)

# Only one coordinator is named in the City Deal's own publication (seed 003); the others are
# left for the steering group to fill in.
COORDINATORS = {"Impactnetwerken en het brede mkb": "Floortje van Aken"}
# National size: the baseline and the last two months only (each snapshot reads every row of
# every app); the bench measures a full snapshot at that size separately.
MONTHS = {"small": 12, "national": 2}


@transaction.atomic
def seed_reference(*, ref):
    programme = ref["programme"]
    for order, (name, english) in enumerate(CITY_DEAL_THEMES.items(), start=1):
        theme, _created = reference_row(ProgrammeTheme, {"programme": programme, "name": name},
                                        seed_key=seed_key(name), order=order, name_en=english,
                                        coordinator_name=COORDINATORS.get(name, ""), is_current=True)
        # A theme seeded before it had an English name gets the shipped one (an English the steering
        # group wrote, or a Dutch name it changed, stays).
        fill_english(theme, {"name": (name, english)})
    # The deal (part 4) leaves an underspend to the steering group ("in overleg met de stuurgroep
    # vastgesteld op welke manier deze onderuitputting wordt bestemd"): it does not move on to the
    # next year by itself. Set when the group is made; a later choice of the group stays (--update too).
    reference_row(SteeringGroup, {"programme": programme}, create={"underspend_rule": UnderspendRule.REALLOCATE})
    return {}


def _contributions(programme, years):
    from ecosystem.models import Party

    rows = []
    for party in Party.objects.filter(programmes=programme):
        money, in_kind = standard_contribution(party.category)
        for year in years:
            rows.append(Contribution(programme=programme, party=party, year=year, money=money, in_kind=in_kind,
                                     note="in natura" if party.category == PartyCategory.ENTREPRENEUR else ""))
    Contribution.objects.bulk_create(rows, ignore_conflicts=True)
    bzk = Party.objects.filter(name__icontains="Binnenlandse Zaken").first()
    if bzk:
        upsert(Contribution, {"programme": programme, "party": bzk, "year": years[0], "is_once": True},
               money=BZK_ONCE, note="Eenmalig voor procesbegeleiding en opstart (Agenda Stad)")


def seed(*, size, ref, stdout):
    programme = ref["programme"]
    today = timezone.localdate()
    steering = User.objects.filter(username="stuurgroep").first()
    # Its size (``member_count``) is left empty: the deal names no number (each party category sends
    # at least one member, seed 000), so the demo counts its accounts and a larger vote shows the
    # chair the hint to record the size. A size the group recorded stays (not named here).
    upsert(SteeringGroup, {"programme": programme}, chair=steering, underspend_rule=UnderspendRule.REALLOCATE)
    years = list(range(programme.start_date.year, today.year + 1))
    _contributions(programme, years)
    _spending(programme, years, today)
    for quarter in range(4):
        upsert(Meeting, {"programme": programme, "date": dt.date(today.year, quarter * 3 + 2, 10)},
               is_open=quarter == 3, agenda="Voortgang, begroting" + (", open sessie voor alle partijen"
                                                                    if quarter == 3 else ""))
    # The baseline at the programme's start and the last twelve months (idempotent: existing periods stay).
    services.baseline_take(programme=programme)
    first = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    months = []
    for _ in range(MONTHS[size]):
        months.append((first.year, first.month))
        first = (first - dt.timedelta(days=1)).replace(day=1)
    # Last December too: the demo annual report of last year is built from it (at national size
    # only the last two months are measured, which leaves last year without a snapshot).
    months.append((today.year - 1, 12))
    # Each month with its year so far, from the same data (``services.month_take``): the year was
    # measured when the report was built, after the later months and the targets, so a stock such as
    # the toolbox's progress read 18,6% for December and 20,9% for the year in the approved report.
    for year, month in sorted(set(months)):
        services.month_take(period=registry.month_period(year, month))
    _targets(ref, today.year)
    _reports(ref, programme, steering)
    return {}


def _spending(programme, years, today):
    """What the programme spent, year by year: the coordination team (a part year at the start,
    then growing as the deal took on six themes), meetings, and the studies of the deal's cycle (a
    mid-term review in its second year, the evaluation of the first term before 1 April 2024, a
    theme study). The same € 135.000 every year, against € 322.000 of contributions, left an
    underspend of € 187.000 year after year (user review 5). Nothing is dated after today."""
    studies = {1: (11, "Tussentijdse evaluatie (mid-term review)", "38000"),
               2: (9, "Verkenning impactfinanciering (thema)", "25000"),
               3: (3, "Evaluatie eerste looptijd", "42000"),
               4: (10, "Kennisproducten van de zes thema's", "30000")}
    # The earlier demo's flat rows (€ 120.000 and € 15.000 every year) make way for these.
    Spending.objects.filter(programme=programme, description="Coördinatieteam", amount=Decimal(120000)).delete()
    Spending.objects.filter(programme=programme, description="Bijeenkomsten", amount=Decimal(15000)).delete()
    for index, year in enumerate(years):
        team = Decimal(150000) if index == 0 else Decimal(205000 + 5000 * min(index, 5))
        rows = [(3 * quarter, 28, f"Coördinatieteam, kwartaal {quarter}", team / 4) for quarter in range(1, 5)]
        rows.append((6, 1, "Bijeenkomsten", Decimal(12000 + 2500 * (index % 4))))
        if index in studies:
            month, description, amount = studies[index]
            rows.append((month, 1, description, Decimal(amount)))
        for month, day, description, amount in rows:
            date = dt.date(year, month, day)
            if date <= today:
                upsert(Spending, {"programme": programme, "date": date, "description": description}, amount=amount)


# This year's ambitions of Haarlem and the City Deal: growth on the latest measurement for the
# stocks, a round monthly ambition for the helpdesk, a fixed policy share for own purchasing. A
# factor of 1.0 made the target of "Helpdeskvragen" (23/23, 11/11) and of the MVI share equal to
# the latest value, as if copied (user review 5).
TARGETS = (
    ("enterprises.admitted", Decimal("1.2"), None, "20% meer toegelaten impactondernemingen dan nu."),
    ("enterprises.disadvantaged_jobs", Decimal("1.1"), None, "10% meer banen voor mensen met afstand tot de "
                                                             "arbeidsmarkt."),
    ("helpdesk.cases", Decimal("1.5"), Decimal(5), "Per maand: het loket bekender maken bij ondernemers."),
    ("procurement.mvi_share", None, Decimal(5), "Beleidsdoel: 5% van de eigen inkoop bij impactondernemingen."),
)


def _ambition(value: Decimal, factor: Decimal | None, fixed: Decimal | None) -> Decimal:
    """``value × factor`` rounded up to a multiple of ``fixed`` (when given), or ``fixed`` itself."""
    if factor is None:
        return fixed
    target = (value * factor).quantize(Decimal("1"), rounding=ROUND_CEILING) or Decimal(5)
    if fixed:
        target = (target / fixed).quantize(Decimal("1"), rounding=ROUND_CEILING) * fixed
    return max(target, value + 1)


def _targets(ref, year):
    haarlem = ref["organisations"]["haarlem"]
    latest = Snapshot.objects.filter(kind="monthly").order_by("-period_end").first()
    if latest is None:
        return
    for code, factor, fixed, note in TARGETS:
        own = latest.values.filter(code=code, level="organisation", organisation=haarlem).first()
        if own:
            upsert(Target, {"code": code, "year": year, "organisation": haarlem, "programme": None},
                   value=_ambition(own.value, factor, fixed), note=note)
        prog = latest.values.filter(code=code, level="programme", programme=ref["programme"]).first()
        if prog:
            upsert(Target, {"code": code, "year": year, "programme": ref["programme"], "organisation": None},
                   value=_ambition(prog.value, factor, fixed), note=note)


def _reports(ref, programme, steering):
    from .tasks import build_report

    haarlem = ref["organisations"]["haarlem"]
    broker = users_with_role(Role.BROKER, organisation=haarlem.pk).first()
    if broker is None or steering is None:
        return
    year = str(timezone.localdate().year - 1)
    annual, _created = services.report_request(user=broker, kind=ReportKind.ANNUAL, period=year,
                                               organisation=haarlem, enqueue=False)
    if not annual.file:
        build_report(report_id=annual.pk)
        annual.refresh_from_db()
    if not annual.is_approved:
        services.review_comment(report=annual, by=broker, section=Section.SUMMARY,
                                body="Samenvatting sluit aan bij het actieprogramma.")
        services.review_decide(report=annual, by=broker, outcome=Outcome.APPROVED, note="Vastgesteld",
                               votes_for=None, votes_against=None)
    # The year of the latest month (in January last year's: this year has no measurement yet).
    current = str(registry.previous_month().start.year)
    review, _created = services.report_request(user=steering, kind=ReportKind.PROGRAMME, period=current,
                                               programme=programme, enqueue=False)
    if not review.file:
        build_report(report_id=review.pk)
        review.refresh_from_db()
    if not ReportRequest.objects.filter(pk=review.pk, reviews__isnull=False).exists():
        services.review_comment(report=review, by=steering, section=Section.LEVELS,
                                body="Graag per thema de voortgang toelichten.")
