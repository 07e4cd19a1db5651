"""Demo data (a baseline and twelve monthly snapshots for the City Deal and Haarlem, one approved
annual report, one under review; seeding twice adds nothing) and the steering group's budget:
contributions by party type, spending, underspend; six themes with coordinators."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from impactportal.accounts.models import Programme
from monitoring.constants import STANDARD_CONTRIBUTION, standard_contribution
from monitoring.models import Contribution, Meeting, ProgrammeTheme, ReportRequest, Snapshot, SnapshotValue
from monitoring.views import budget_years


@pytest.fixture
def seeded(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--size", "small", stdout=io.StringIO())


@pytest.mark.django_db
def test_demo_data_and_seeding_twice_adds_nothing(seeded, client):
    programme = Programme.objects.get(slug="city-deal-impact-ondernemen")
    assert Snapshot.objects.filter(kind="baseline", programme=programme).count() == 1
    assert Snapshot.objects.filter(kind="monthly").count() == 12
    assert SnapshotValue.objects.filter(level="programme", programme=programme, snapshot__kind="monthly") \
        .values("snapshot").distinct().count() == 12
    assert SnapshotValue.objects.filter(level="organisation", organisation__slug="haarlem",
                                        snapshot__kind="monthly").values("snapshot").distinct().count() == 12
    approved = ReportRequest.objects.get(review_state="approved")
    assert approved.kind == "annual" and approved.organisation.slug == "haarlem" and approved.file
    assert approved.approved_by and approved.approved_at
    # Each month is measured with its year so far, from the same data: a stock reads the same in both
    # columns of the approved report (the toolbox's progress read 18,6% for December, 20,9% for the year).
    assert Snapshot.objects.filter(kind="year_to_date").count() == 12
    from monitoring import reports, services

    month = reports.values_of(approved.snapshot, "organisation", approved.organisation_id)
    year = reports.values_of(services.year_to_date(approved.snapshot), "organisation", approved.organisation_id)
    assert month["brokers.toolbox_progress"] == year["brokers.toolbox_progress"]
    under_review = ReportRequest.objects.get(review_state="under_review")
    assert under_review.kind == "programme" and under_review.file and under_review.reviews.exists()
    assert ProgrammeTheme.objects.filter(programme=programme).count() == 6
    assert Meeting.objects.filter(programme=programme, is_open=True).count() == 1
    # The register grew over the years (``enterprises.seeding._backdate``): the baseline of March
    # 2021 counts the enterprises then in it, fewer than the latest month, and not none.
    admitted = SnapshotValue.objects.filter(code="enterprises.admitted", level="programme", programme=programme)
    baseline = admitted.get(snapshot__kind="baseline").value
    latest = admitted.filter(snapshot__kind="monthly").order_by("-snapshot__period_end").first().value
    assert 0 < baseline < latest, (baseline, latest)
    from enterprises.models import Enterprise

    joined = list(Enterprise.objects.order_by("created_at").values_list("created_at", flat=True))
    counts = (Snapshot.objects.count(), SnapshotValue.objects.count(), ReportRequest.objects.count(),
              Contribution.objects.count())
    call_command("seed_demo", "--size", "small", stdout=io.StringIO())
    assert list(Enterprise.objects.order_by("created_at").values_list("created_at", flat=True)) == joined
    assert (Snapshot.objects.count(), SnapshotValue.objects.count(), ReportRequest.objects.count(),
            Contribution.objects.count()) == counts
    client.login(username="stuurgroep", password="impactportal-demo")
    page = client.get("/monitoring/stuurgroep/").content.decode()
    assert "Floortje van Aken" in page and "Stichting Platform31" in page


def test_contributions_by_party_type():
    assert standard_contribution("rijk") == (Decimal("30000"), Decimal("0"))
    assert standard_contribution("gemeente") == (Decimal("10000"), Decimal("0"))
    assert standard_contribution("uitvoeringsorganisatie") == (Decimal("10000"), Decimal("0"))
    assert standard_contribution("kennisinstelling") == (Decimal("2000"), Decimal("3000"))
    assert standard_contribution("impactondernemer") == (Decimal("0"), Decimal("0"))
    assert len(STANDARD_CONTRIBUTION) == 5


@pytest.mark.django_db
def test_budget_underspend_per_year(programme, stuurgroep, broker_amersfoort):
    import datetime as dt

    from ecosystem.models import Party
    from monitoring.models import Spending

    ministry = Party.objects.create(name="Ministerie van BZK", category="rijk")
    city = Party.objects.create(name="Gemeente Haarlem", category="gemeente")
    for party in (ministry, city):
        money, in_kind = standard_contribution(party.category)
        Contribution.objects.create(programme=programme, party=party, year=2025, money=money, in_kind=in_kind)
    Spending.objects.create(programme=programme, date=dt.date(2025, 6, 1), description="Team", amount=Decimal("25000"))
    # ``carried_in`` and ``available``: what the year before carried over (only under that rule, user review 5).
    assert budget_years(programme, stuurgroep) == [{"year": 2025, "money": Decimal("40000"), "in_kind": Decimal("0"),
                                                    "spent": Decimal("25000"), "carried_in": Decimal("0"),
                                                    "available": Decimal("40000"), "underspend": Decimal("15000"),
                                                    "running": False}]
    assert budget_years(programme, broker_amersfoort) == []  # not a participant: nothing


@pytest.mark.django_db
def test_four_meetings_a_year_one_open(programme):
    import datetime as dt

    from django.core.exceptions import ValidationError

    for month in (2, 5, 8):
        Meeting.objects.create(programme=programme, date=dt.date(2026, month, 1), is_open=month == 8)
    with pytest.raises(ValidationError) as error:
        Meeting(programme=programme, date=dt.date(2026, 11, 1), is_open=True).full_clean()
    assert "is_open" in error.value.message_dict
    Meeting(programme=programme, date=dt.date(2026, 11, 1)).full_clean()
    Meeting.objects.create(programme=programme, date=dt.date(2026, 11, 1))
    with pytest.raises(ValidationError):
        Meeting(programme=programme, date=dt.date(2026, 12, 1)).full_clean()
    Meeting(programme=programme, date=dt.date(2027, 1, 1)).full_clean()  # a new year


@pytest.mark.django_db
def test_demo_with_only_the_last_two_months_measured_still_has_last_years_report(monkeypatch,
                                                                                django_capture_on_commit_callbacks):
    """At national size only two months are measured; the annual report of last year needs last
    December's snapshot (``seed_demo --size national`` failed without it from February on)."""
    from monitoring import seeding

    monkeypatch.setattr(seeding, "MONTHS", {"small": 2, "national": 2})
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--size", "small", stdout=io.StringIO())
    from django.utils import timezone

    last_year = timezone.localdate().year - 1
    assert Snapshot.objects.filter(kind="monthly", label=f"{last_year}-12").exists()
    assert ReportRequest.objects.get(review_state="approved").period == str(last_year)
