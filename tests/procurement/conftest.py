"""Fixtures shared by the procurement tests."""

import pytest

from . import factories as pf


@pytest.fixture
def zkij_rules(region):
    """The region's SROI rule set, which a new contract in the region pins."""
    return pf.rule_set(region=region, name="Regeling ZKIJ")


@pytest.fixture
def contract(haarlem, broker_haarlem, zkij_rules, enterprise_haarlem):
    """Haarlem's contract with ``enterprise_haarlem`` as supplier, under the region's rule set."""
    return pf.contract(organisation=haarlem, by=broker_haarlem, supplier=enterprise_haarlem)
