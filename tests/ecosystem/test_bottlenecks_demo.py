"""The register's demo data: real themes, a few shared and endorsed, harmless to seed twice."""

import io

import pytest
from django.core.management import call_command

from ecosystem.models import Bottleneck, BottleneckEndorsement, BottleneckStatusChange

pytestmark = pytest.mark.django_db


def test_demo_bottlenecks_are_plausible_and_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    counts = [Bottleneck.objects.count(), BottleneckEndorsement.objects.count(),
              BottleneckStatusChange.objects.count()]
    call_command("seed_demo", stdout=io.StringIO())
    assert [Bottleneck.objects.count(), BottleneckEndorsement.objects.count(),
            BottleneckStatusChange.objects.count()] == counts
    assert counts[0] >= 12 and counts[1] >= 5
    titles = " ".join(Bottleneck.objects.values_list("title", flat=True))
    assert "BVm" in titles and "Didam" in titles and "armoedeval" in titles
    shared = Bottleneck.objects.filter(shared_with__slug="city-deal-impact-ondernemen")
    assert 3 <= shared.count() < counts[0]
    assert {"haarlem", "amersfoort"} <= set(Bottleneck.objects.values_list("organisation__slug", flat=True))
    assert not Bottleneck.objects.exclude(level="national").exclude(ministry="").exists()
    assert not Bottleneck.objects.filter(level="national", ministry="").exists()
    assert not BottleneckEndorsement.objects.filter(bottleneck__shared_with__isnull=True).exists()
    for b in Bottleneck.objects.all():  # every row passes its own validation
        b.full_clean()
