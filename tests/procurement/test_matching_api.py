"""The real route ``GET /api/v1/procurement/contracts/{id}/matches/`` on the contracts viewset
(which mixes in ``MatchesActionMixin``); ``test_matching_api_mixin.py`` tests the mixin on its own."""

import pytest

from enterprises.constants import AdmissionStatus
from enterprises.models import Offering
from tests import factories as f
from tests.procurement import factories as pf


@pytest.fixture
def contract(haarlem, broker_haarlem):
    category = pf.category()
    for name, offers in (("Met aanbod", True), ("Zonder aanbod", False)):
        enterprise = f.EnterpriseFactory(name=name, municipality=haarlem, admission_status=AdmissionStatus.ADMITTED)
        if offers:
            Offering.objects.create(enterprise=enterprise, name="Schoonmaak", category=category)
    return pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=pf.rule_set(organisation=haarlem),
                       category=category)


def test_matches_route(api, broker_haarlem, broker_amersfoort, contract):
    url = f"/api/v1/procurement/contracts/{contract.pk}/matches/"
    response = api(broker_haarlem).get(url, {"limit": 5})
    assert response.status_code == 200
    assert [m["name"] for m in response.json()] == ["Met aanbod", "Zonder aanbod"]
    assert set(response.json()[0]) == {"enterprise", "name", "score", "reasons"}
    assert api(broker_haarlem).get(url, {"limit": "0"}).status_code == 400
    assert api(broker_amersfoort).get(url).status_code == 404
