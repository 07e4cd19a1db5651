"""The MKBA demo data: plausible analyses of Haarlem and Amersfoort, harmless to seed twice."""

import io

import pytest
from django.core.management import call_command

from financing.models import Assumption, ChangeStep, MkbaAnalysis, MkbaIndicator

pytestmark = pytest.mark.django_db


def counts():
    return [MkbaAnalysis.objects.count(), MkbaIndicator.objects.count(), ChangeStep.objects.count(),
            Assumption.objects.count()]


def test_demo_analyses_are_plausible_and_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    first = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == first
    assert 3 <= first[0] <= 4
    assert set(MkbaAnalysis.objects.values_list("organisation__slug", flat=True)) == {"haarlem", "amersfoort"}
    shared = MkbaAnalysis.objects.get(title="Leerwerkbedrijf: jongeren naar werk en diploma")
    assert shared.is_shared and shared.enterprise.memberships.filter(user__username="ondernemer-1").exists()
    for analysis in MkbaAnalysis.objects.prefetch_related("indicators"):
        result = analysis.result
        assert 0 < result.total_impact < result.total_outcome  # corrections applied: impact below the gross value
        assert result.benefit_cost_ratio is not None and result.present_value > 0
    social = MkbaIndicator.objects.filter(beneficiary="social_assistance")
    assert social.exists() and all(16000 <= row.value_per_case <= 20000 for row in social)
    assert Assumption.objects.filter(status="estimated").exists()
