"""The demo data of purchase requests and challenges: plausible, and harmless to seed twice."""

import io

import pytest
from django.core.management import call_command

from procurement.constants import ChallengePhase
from procurement.models import Challenge, Juror, PurchaseRequest, PurchaseResponse, Submission

pytestmark = pytest.mark.django_db


def test_demo_requests_and_challenge_are_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    counts = [PurchaseRequest.objects.count(), PurchaseResponse.objects.count(), Challenge.objects.count(),
              Submission.objects.count(), Juror.objects.count()]
    call_command("seed_demo", stdout=io.StringIO())
    assert [PurchaseRequest.objects.count(), PurchaseResponse.objects.count(), Challenge.objects.count(),
            Submission.objects.count(), Juror.objects.count()] == counts
    assert set(PurchaseRequest.objects.values_list("organisation__slug", flat=True)) == {"haarlem", "amersfoort"}
    assert PurchaseRequest.objects.filter(is_reserved=True).count() == 1
    assert PurchaseResponse.objects.count() >= 2
    challenge = Challenge.objects.get(title="Jongeren zonder startkwalificatie aan het werk")
    assert challenge.phase == ChallengePhase.SUBMISSIONS and challenge.prize_budget == 60000
    assert challenge.jurors.count() == 2 and challenge.criteria.count() == 3 and challenge.submissions.exists()
