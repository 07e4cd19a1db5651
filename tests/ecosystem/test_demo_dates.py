"""The ecosystem demo is dated relative to the day of seeding: seeded in any year, upcoming events
are upcoming, meetings and the register's history lie behind, properties come free both before and
after today, and an open procedure's reference carries the year it was published. Historical facts
(when a coalition or a covenant started) stay fixed."""

import datetime as dt
import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from ecosystem.models import (
    Allocation,
    Bottleneck,
    BottleneckStatusChange,
    Coalition,
    Collaboration,
    EcosystemMap,
    Event,
    Property,
    SpaceRequest,
)
from ecosystem.models_coalitions import CoalitionMeeting, CollaborationAgreement

pytestmark = pytest.mark.django_db


def _seed_on(moment):
    with mock.patch.object(timezone, "now", return_value=moment):
        call_command("seed_demo", stdout=io.StringIO())
        return timezone.localdate()


def _offsets(dates, today):
    return sorted((day - today).days for day in dates)


@pytest.mark.parametrize("moment", [dt.datetime(2028, 1, 4, 9, tzinfo=dt.UTC),
                                    dt.datetime(2031, 8, 20, 9, tzinfo=dt.UTC)], ids=["2028", "2031"])
def test_demo_reads_the_same_in_any_year(moment):
    today = _seed_on(moment)
    assert today == moment.date()
    # Events: some ahead, some behind.
    assert Event.objects.filter(starts_at__gt=moment).exists()
    assert Event.objects.filter(starts_at__lt=moment).exists()
    pitch = Event.objects.get(title__startswith="Pitchdag")
    assert timezone.localtime(pitch.starts_at).date() == today + dt.timedelta(days=20)
    # Coalition meetings: recent ones, all behind us.
    assert _offsets(CoalitionMeeting.objects.values_list("date", flat=True), today) == [-265, -181, -55]
    # The map's checklist was gone through a quarter ago; its note speaks of that year.
    haarlem_map = EcosystemMap.objects.get(organisation__slug="haarlem")
    assert haarlem_map.checklist_date == today - dt.timedelta(days=92)
    assert str(haarlem_map.checklist_date.year) in haarlem_map.checklist_notes
    # The register: every step lies behind, the latest a little over a year ago, none stale.
    changes = list(BottleneckStatusChange.objects.values_list("date", flat=True))
    assert max(changes) == today - dt.timedelta(days=422) and min(changes) == today - dt.timedelta(days=914)
    for bottleneck in Bottleneck.objects.all():
        assert bottleneck.status_date <= today
        assert bottleneck.agenda_on is None or bottleneck.agenda_on <= today
        assert bottleneck.shared_at is None or bottleneck.shared_at <= moment
        steps = list(bottleneck.status_changes.order_by("date", "pk").values_list("status", flat=True))
        assert steps[0] == "signalled"
    # Real estate: properties come free before and after today, open requests look ahead.
    assert Property.objects.filter(available_from__lt=today).exists()
    assert Property.objects.filter(available_from__gt=today).exists()
    assert SpaceRequest.objects.filter(status="open", start_date__gt=today).exists()
    for allocation in Allocation.objects.all():
        assert allocation.start_date <= today
        if allocation.publication_date:
            assert allocation.publication_date < allocation.start_date
            assert allocation.procedure_reference == f"HLM-VG-{allocation.publication_date.year}-014"
        if allocation.decision_date:
            assert allocation.decision_date < allocation.start_date
    # Historical facts stay as they were.
    assert Coalition.objects.get(name="Rotterdam Impact Coalitie").started_on == dt.date(2019, 1, 1)
    assert Collaboration.objects.get(title="Convenant social return Oost-Nederland").started_on == dt.date(2024, 4, 4)
    assert CollaborationAgreement.objects.get(title="Lancering Impact Oost").signed_on == dt.date(2024, 4, 4)


def test_seeding_again_a_year_later_moves_the_demo_without_doubling_it():
    first = _seed_on(dt.datetime(2028, 1, 4, 9, tzinfo=dt.UTC))
    counts = [CoalitionMeeting.objects.count(), BottleneckStatusChange.objects.count()]
    later = _seed_on(dt.datetime(2029, 2, 8, 9, tzinfo=dt.UTC))
    assert later > first
    assert [CoalitionMeeting.objects.count(), BottleneckStatusChange.objects.count()] == counts
    assert _offsets(CoalitionMeeting.objects.values_list("date", flat=True), later) == [-265, -181, -55]
    assert max(BottleneckStatusChange.objects.values_list("date", flat=True)) == later - dt.timedelta(days=422)
