"""The authority check of a write comes before the body is judged: a caller without the right gets
403 (404 outside their scope) whatever the body holds, never another organisation's state or the
validation rules (review of the REST API's permission decisions)."""

import pytest

from ecosystem import services_bottlenecks as services
from ecosystem.models import BottleneckEndorsement
from ecosystem.models_realestate import Allocation
from tests import factories as f

pytestmark = pytest.mark.django_db

ALLOCATIONS = "/api/v1/ecosystem/allocations/"


@pytest.mark.parametrize("body", [{}, {"rent": "-1", "procedure": "nonsense"}])
def test_an_entrepreneur_may_not_allocate_whatever_the_body(api, ondernemer_1, haarlem, enterprise_haarlem, body):
    prop, space_request = f.property_of(haarlem), f.space_request_of(enterprise_haarlem)
    body = {"property": prop.pk, "space_request": space_request.pk, **body} if body else body
    assert api(ondernemer_1).post(ALLOCATIONS, body, format="json").status_code == 403
    assert not Allocation.objects.exists()


def test_another_municipalitys_property_is_refused_before_the_didam_rules(api, broker_amersfoort, haarlem,
                                                                          enterprise_haarlem):
    prop, space_request = f.property_of(haarlem), f.space_request_of(enterprise_haarlem)
    body = {"property": prop.pk, "space_request": space_request.pk, "rent": "700", "procedure": "exception"}
    response = api(broker_amersfoort).post(ALLOCATIONS, body, format="json")  # no justification: invalid
    assert response.status_code in (403, 404)
    assert not Allocation.objects.exists()


@pytest.fixture
def shared(deal, broker_haarlem, broker_amersfoort, amersfoort, make_bottleneck):
    """One bottleneck of Haarlem that Amersfoort endorsed, and one of Amersfoort, both shared."""
    own = make_bottleneck()
    services.bottleneck_share(bottleneck=own, programme=deal, by=broker_haarlem)
    services.bottleneck_endorse(bottleneck=own, organisation=amersfoort, by=broker_amersfoort, cases=1)
    theirs = make_bottleneck(by=broker_amersfoort, organisation=amersfoort, title="Ander knelpunt")
    services.bottleneck_share(bottleneck=theirs, programme=deal, by=broker_amersfoort)
    return own, theirs


def test_endorsing_for_another_organisation_is_refused_before_its_state_shows(api, broker_haarlem, shared):
    for bottleneck in shared:
        for body in ({"organisation": "amersfoort", "cases": 1}, {"organisation": "amersfoort", "cases": -1}):
            response = api(broker_haarlem).post(f"/api/v1/bottlenecks/{bottleneck.pk}/endorse/", body, format="json")
            assert response.status_code == 403
            assert "namens Gemeente Amersfoort" in response.json()["detail"]
    assert BottleneckEndorsement.objects.count() == 1


def test_an_organisations_own_rules_still_answer_its_own_staff(api, broker_haarlem, broker_amersfoort, shared):
    own, _theirs = shared
    again = api(broker_amersfoort).post(f"/api/v1/bottlenecks/{own.pk}/endorse/",
                                        {"organisation": "amersfoort", "cases": 2}, format="json")
    assert again.status_code == 400 and "al aangegeven" in again.json()["organisation"][0]
    self_ = api(broker_haarlem).post(f"/api/v1/bottlenecks/{own.pk}/endorse/",
                                     {"organisation": "haarlem", "cases": 2}, format="json")
    assert self_.status_code == 400 and "eigen organisatie" in self_.json()["organisation"][0]
    assert BottleneckEndorsement.objects.count() == 1
