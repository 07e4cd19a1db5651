"""Reference data: the City Deal's six current themes with their coordinators and its steering
group (chair, budget held by Stichting Platform31). Demo data: the contributions per party
(by the deal's table), spending, this year's four meetings (one open), a baseline and the last
twelve monthly snapshots (two at national size), targets, an approved annual report of Haarlem and a programme report
under review. Their PDFs are made eagerly here (two renders, a few seconds at either size)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from impactportal.accounts.constants import PartyCategory, Role
from impactportal.accounts.models import User, users_with_role
from impactportal.seed.core import upsert

from . import registry, services
from .constants import BZK_ONCE, CITY_DEAL_THEMES, Outcome, ReportKind, Section, standard_contribution
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
    for order, name in enumerate(CITY_DEAL_THEMES, start=1):
        upsert(ProgrammeTheme, {"programme": programme, "name": name}, order=order,
               coordinator_name=COORDINATORS.get(name, ""), is_current=True)
    upsert(SteeringGroup, {"programme": programme})
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
    upsert(SteeringGroup, {"programme": programme}, chair=steering)
    _contributions(programme, list(range(programme.start_date.year, today.year + 1)))
    for year in range(programme.start_date.year, today.year + 1):
        upsert(Spending, {"programme": programme, "date": dt.date(year, 12, 15), "description": "Coördinatieteam"},
               amount=Decimal("120000"))
        upsert(Spending, {"programme": programme, "date": dt.date(year, 6, 1), "description": "Bijeenkomsten"},
               amount=Decimal("15000"))
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
    for year, month in sorted(set(months)):
        services.snapshot_take(period=registry.month_period(year, month))
    _targets(ref, today.year)
    _reports(ref, programme, steering)
    return {}


def _targets(ref, year):
    haarlem = ref["organisations"]["haarlem"]
    latest = Snapshot.objects.filter(kind="monthly").order_by("-period_end").first()
    if latest is None:
        return
    for code, factor in (("enterprises.admitted", "1.2"), ("enterprises.disadvantaged_jobs", "1.1"),
                         ("helpdesk.cases", "1.0"), ("procurement.mvi_share", "1.0")):
        own = latest.values.filter(code=code, level="organisation", organisation=haarlem).first()
        if own:
            upsert(Target, {"code": code, "year": year, "organisation": haarlem, "programme": None},
                   value=(own.value * Decimal(factor)).quantize(Decimal("1")) or Decimal(5))
        prog = latest.values.filter(code=code, level="programme", programme=ref["programme"]).first()
        if prog:
            upsert(Target, {"code": code, "year": year, "programme": ref["programme"], "organisation": None},
                   value=(prog.value * Decimal(factor)).quantize(Decimal("1")) or Decimal(5))


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
