"""The API leak check (``test_api_lists_never_leak``) lets an entrepreneur see a property of a
municipality only when the row names their enterprise as its tenant and the database confirms the
letting. These tests show the exception is exercised and still catches the leaks around it: a
let property without its tenant named, a grant that ignores a withdrawn request (the reverted first
attempt), and a row that claims a tenant the database does not confirm."""

import dataclasses

import pytest

from ecosystem.api.realestate import PropertySerializer
from ecosystem.models import Property
from impactportal import access

from .routes import ONDERNEMER_1, ONDERNEMER_2
from .test_matrix import api_list_leaks, client_for, world  # noqa: F401

PROPERTIES = ["ecosystem-property-list"]
pytestmark = pytest.mark.django_db


def _ids(world, actor):  # noqa: F811
    return {row["id"] for row in client_for(world, actor).get("/api/v1/ecosystem/properties/",
                                                              {"page_size": 200}).json()["results"]}


def test_the_tenants_own_property_passes_the_check(world):  # noqa: F811
    assert world["property_let_haarlem"].pk in _ids(world, ONDERNEMER_1)
    assert world["property_let_amersfoort"].pk in _ids(world, ONDERNEMER_2)
    assert world["property_let_haarlem"].pk not in _ids(world, ONDERNEMER_2)
    leaks, _seen = api_list_leaks(world, actors=[ONDERNEMER_1, ONDERNEMER_2], names=PROPERTIES)
    assert leaks == []


def test_a_let_property_without_its_tenant_is_a_leak(world, monkeypatch):  # noqa: F811
    """What the first attempt ran into: the row names only its owner (Haarlem)."""
    monkeypatch.setattr(PropertySerializer, "get_tenant", lambda self, obj: None)
    leaks, _seen = api_list_leaks(world, actors=[ONDERNEMER_1], names=PROPERTIES)
    assert leaks == [f"ecosystem-property-list as {ONDERNEMER_1}: private row {world['property_let_haarlem'].pk} "
                     "of organisation=haarlem"]


def _ungated(monkeypatch):
    """The reverted first attempt: entrepreneurs through any allocation, whatever its request's status."""
    policy = Property.access
    staff = [grant for grant in policy.view if grant.role != access.ENTREPRENEUR]
    monkeypatch.setattr(Property, "access", dataclasses.replace(
        policy, view=[*staff, access.Grant(access.ENTREPRENEUR, via="allocations__space_request__enterprise")]))


def _withdraw(world):  # noqa: F811
    request_ = world["allocation_haarlem"].space_request
    request_.status = "withdrawn"
    request_.save()


def test_a_grant_that_ignores_a_withdrawn_request_is_caught(world, monkeypatch):  # noqa: F811
    _withdraw(world)
    assert world["property_let_haarlem"].pk not in _ids(world, ONDERNEMER_1)  # the real rule: gone
    _ungated(monkeypatch)
    assert world["property_let_haarlem"].pk in _ids(world, ONDERNEMER_1)
    leaks, _seen = api_list_leaks(world, actors=[ONDERNEMER_1], names=PROPERTIES)
    assert len(leaks) == 1 and "organisation=haarlem" in leaks[0]


def test_a_tenant_the_database_does_not_confirm_is_caught(world, monkeypatch):  # noqa: F811
    """The row's own claim is not enough: every row says "let to you", one is not."""
    _withdraw(world)
    _ungated(monkeypatch)
    enterprise = world["enterprise_haarlem"]
    monkeypatch.setattr(PropertySerializer, "get_tenant",
                        lambda self, obj: {"id": enterprise.pk, "name": enterprise.name})
    leaks, _seen = api_list_leaks(world, actors=[ONDERNEMER_1], names=PROPERTIES)
    assert len(leaks) == 1 and f"private row {world['property_let_haarlem'].pk} of organisation=haarlem" in leaks[0]

