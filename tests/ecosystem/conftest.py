"""Fixtures of the ecosystem tests (the bottleneck register): the City Deal with Haarlem and Amersfoort as
participants, Utrecht outside it, and a builder for bottlenecks."""

import pytest

from ecosystem import services_bottlenecks as services
from ecosystem.models import Bottleneck
from tests import factories as f


@pytest.fixture
def deal(programme, amersfoort):
    programme.participants.add(amersfoort)
    return programme


@pytest.fixture
def utrecht(db):
    return f.OrganisationFactory(name="Gemeente Utrecht", slug="utrecht")


@pytest.fixture
def broker_utrecht(utrecht):
    return f.broker(utrecht, "makelaar-utrecht")


@pytest.fixture
def make_bottleneck(broker_haarlem, haarlem):
    def make(by=None, organisation=None, **values):
        fields = {"kind": "bottleneck", "theme": "legislation", "level": "national", "ministry": "ez",
                  "title": "Geen rechtsvorm voor sociale ondernemingen",
                  "description": "Ondernemers kiezen tussen een stichting en een bv.", "affected_cases": 3,
                  "affected_enterprises": 2}
        fields.update(values)
        return services.bottleneck_create(bottleneck=Bottleneck(organisation=organisation or haarlem, **fields),
                                          by=by or broker_haarlem)

    return make
