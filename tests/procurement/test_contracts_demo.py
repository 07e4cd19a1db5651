"""The contracts' demo data: every status in Haarlem and Amersfoort, every kind of line, one
rejection with a reason; running it twice changes nothing."""

import pytest

from enterprises.constants import AdmissionStatus
from procurement.constants import OWED_STATUSES, BlockKind, RealisationStatus
from procurement.demo import contracts as demo
from procurement.demo import rule_sets as rule_set_demo
from procurement.models import Contract, Realisation, RuleSet
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_users(haarlem, amersfoort, enterprise_haarlem, enterprise_amersfoort):
    f.broker(haarlem, "makelaar-haarlem")
    f.broker(amersfoort, "makelaar-amersfoort")
    f.entrepreneur(enterprise_haarlem, "ondernemer-1")
    f.entrepreneur(enterprise_amersfoort, "ondernemer-2")


def test_every_status_every_kind_and_idempotent(haarlem, amersfoort, region, demo_users, enterprise_amersfoort):
    enterprise_amersfoort.admission_status = AdmissionStatus.ADMITTED
    enterprise_amersfoort.save()
    ref = {"organisations": {"haarlem": haarlem, "amersfoort": amersfoort}, "region": region}
    rule_set_demo.seed(size="small", ref=ref, stdout=None)
    demo.seed(size="small", ref=ref, stdout=None)
    for organisation in (haarlem, amersfoort):
        statuses = set(Contract.objects.filter(organisation=organisation).values_list("status", flat=True))
        # Every status of a contract that owes social return (the demo has none below the threshold).
        assert statuses == set(OWED_STATUSES), organisation
    kinds = set(Realisation.objects.values_list("block__kind", flat=True))
    assert kinds == {BlockKind.PLACEMENT, BlockKind.WORK_EXPERIENCE, BlockKind.TRAINING, BlockKind.PURCHASE,
                     BlockKind.HOURS, BlockKind.OTHER}
    assert Realisation.objects.filter(bonuses__isnull=False).exists()
    assert Realisation.objects.filter(block__kind=BlockKind.OTHER, status=RealisationStatus.SUBMITTED).exists()
    rejected = Realisation.objects.filter(status=RealisationStatus.REJECTED)
    assert rejected.exists() and all(line.rejection_reason for line in rejected)
    assert Contract.objects.filter(supplier__memberships__user__username="ondernemer-1").exists()
    counts = (Contract.objects.count(), Realisation.objects.count(), RuleSet.objects.count())
    demo.seed(size="small", ref=ref, stdout=None)
    assert (Contract.objects.count(), Realisation.objects.count(), RuleSet.objects.count()) == counts


def test_each_contract_is_pinned_to_the_version_valid_on_its_award_date(haarlem, amersfoort, region, demo_users):
    ref = {"organisations": {"haarlem": haarlem, "amersfoort": amersfoort}, "region": region}
    rule_set_demo.seed(size="small", ref=ref, stdout=None)
    demo.seed(size="small", ref=ref, stdout=None)
    contracts = Contract.objects.select_related("rule_set")
    assert contracts.exists() and all(c.rule_set.is_valid_on(c.award_date) for c in contracts)
    assert all(c.rule_set.is_example for c in contracts)
    # Haarlem's older contracts keep the first version of the region's table, newer ones the second.
    assert {c.rule_set.version for c in contracts.filter(organisation=haarlem)} == {1, 2}
