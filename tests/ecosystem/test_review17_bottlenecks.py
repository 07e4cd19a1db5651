"""A solved (or unsolvable) bottleneck is an end point: its counts, level and theme are not changed
and no endorsements are added until its status is set back (with a reason)."""

import pytest
from django.core.exceptions import ValidationError

from ecosystem import services_bottlenecks as services
from ecosystem.constants import BottleneckStatus
from ecosystem.models import BottleneckEndorsement

pytestmark = pytest.mark.django_db


@pytest.fixture
def solved(make_bottleneck, broker_haarlem, deal):
    bottleneck = make_bottleneck()
    services.bottleneck_share(bottleneck=bottleneck, programme=deal, by=broker_haarlem)
    services.bottleneck_change_status(bottleneck=bottleneck, by=broker_haarlem, status=BottleneckStatus.SOLVED)
    bottleneck.refresh_from_db()
    return bottleneck


def test_a_solved_bottleneck_is_not_changed_or_endorsed(solved, api, login, broker_haarlem, broker_amersfoort,
                                                        amersfoort):
    page = login(broker_haarlem).get(solved.get_absolute_url()).content.decode()
    assert 'id="bottleneck-edit"' not in page
    response = api(broker_haarlem).patch(f"/api/v1/bottlenecks/{solved.pk}/", {"affected_cases": 400}, format="json")
    assert response.status_code == 400 and "Opgelost" in str(response.json())
    solved.refresh_from_db()
    assert solved.affected_cases == 3
    assert "endorse-form" not in login(broker_amersfoort).get(solved.get_absolute_url()).content.decode()
    with pytest.raises(ValidationError):
        services.bottleneck_endorse(bottleneck=solved, organisation=amersfoort, by=broker_amersfoort, cases=50)
    assert not BottleneckEndorsement.objects.filter(bottleneck=solved).exists()


def test_set_back_it_changes_again(solved, api, broker_haarlem):
    services.bottleneck_change_status(bottleneck=solved, by=broker_haarlem, status=BottleneckStatus.IN_PROGRESS,
                                      note="Het probleem is terug: de nieuwe regeling schiet tekort.")
    response = api(broker_haarlem).patch(f"/api/v1/bottlenecks/{solved.pk}/", {"affected_cases": 4}, format="json")
    assert response.status_code == 200, response.content
    solved.refresh_from_db()
    assert solved.affected_cases == 4
