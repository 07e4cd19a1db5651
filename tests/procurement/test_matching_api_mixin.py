"""``MatchesActionMixin`` through a minimal contracts viewset defined here (the real contracts
viewset belongs to the contracts part; ``test_matching_api.py`` tests the real route)."""

import pytest
from django.urls import include, path
from rest_framework.routers import DefaultRouter

from enterprises.constants import AdmissionStatus
from enterprises.models import Offering
from impactportal.api.serializers import PortalModelSerializer
from impactportal.api.viewsets import ScopedReadOnlyViewSet
from procurement.api.matching import MatchesActionMixin
from procurement.models import Contract
from tests import factories as f
from tests.procurement import factories as pf


class _ContractSerializer(PortalModelSerializer):
    class Meta:
        model = Contract
        fields = ["id", "title"]


class _ContractViewSet(MatchesActionMixin, ScopedReadOnlyViewSet):
    queryset = Contract.objects.all()
    serializer_class = _ContractSerializer


_router = DefaultRouter()
_router.register("procurement/contracts", _ContractViewSet, basename="procurement-contract")
urlpatterns = [path("api/v1/", include(_router.urls))]

pytestmark = pytest.mark.urls(__name__)


@pytest.fixture
def contract(haarlem, region, broker_haarlem):
    category = pf.category()
    for name, municipality, offers in (("Dichtbij", haarlem, True), ("Ver weg", f.OrganisationFactory(slug="emmen"),
                                                                        True), ("Ander aanbod", haarlem, False)):
        enterprise = f.EnterpriseFactory(name=name, municipality=municipality,
                                         admission_status=AdmissionStatus.ADMITTED)
        if offers:
            Offering.objects.create(enterprise=enterprise, name="Schoonmaak", category=category)
    return pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=pf.rule_set(organisation=haarlem),
                       category=category)


def url(contract):
    return f"/api/v1/procurement/contracts/{contract.pk}/matches/"


def test_matches_sorted_by_score_with_reasons(api, broker_haarlem, contract):
    client = api(broker_haarlem)
    response = client.get(url(contract))
    assert response.status_code == 200
    body = response.json()
    assert [m["name"] for m in body] == ["Dichtbij", "Ver weg", "Ander aanbod"]
    assert set(body[0]) == {"enterprise", "name", "score", "reasons"}
    assert isinstance(body[0]["score"], str) and body[0]["score"] == "0.700"
    scores = [float(m["score"]) for m in body]
    assert scores == sorted(scores, reverse=True)
    assert [r["component"] for r in body[0]["reasons"]] == ["category", "location", "purchase", "certificate",
                                                            "capacity"]
    assert all(r["text"] and r["label"] for r in body[0]["reasons"])


def test_limit(api, broker_haarlem, contract):
    client = api(broker_haarlem)
    assert len(client.get(url(contract), {"limit": 1}).json()) == 1
    assert len(client.get(url(contract), {"limit": 100}).json()) == 3


@pytest.mark.parametrize("limit", ["0", "101", "abc", "-1", "2.5", "١"])
def test_bad_limit_is_a_field_error(api, broker_haarlem, contract, limit):
    client = api(broker_haarlem)
    response = client.get(url(contract), {"limit": limit})
    assert response.status_code == 400
    assert "limit" in response.json()


def test_grant_match_is_needed(api, contract, broker_amersfoort, inkoper_haarlem, enterprise_haarlem):
    supplier_person = f.entrepreneur(enterprise_haarlem, "leverancier")
    contract.supplier = enterprise_haarlem
    contract.save(update_fields=["supplier"])
    client = api(inkoper_haarlem)
    assert client.get(url(contract)).status_code == 200
    client = api(supplier_person)
    assert client.get(url(contract)).status_code == 403
    client = api(broker_amersfoort)
    assert client.get(url(contract)).status_code == 404
    client = api()
    assert client.get(url(contract)).status_code == 401  # no credentials: sign in first, whatever the id


def test_queries_are_bounded(api, broker_haarlem, contract, django_assert_max_num_queries):
    client = api(broker_haarlem)
    with django_assert_max_num_queries(14):  # 12, and the broker's own contracts read as keys twice
        assert client.get(url(contract)).status_code == 200
