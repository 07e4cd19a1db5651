"""Scoped querysets that join a many-valued path (a contract's contacts) must not count a contract twice."""

import datetime as dt
from decimal import Decimal

import pytest

from procurement import figures, services
from procurement.models import ContractContact
from tests import factories as f
from tests.procurement import factories as pf

pytestmark = pytest.mark.django_db


def test_a_contract_with_several_contacts_counts_once(haarlem, broker_haarlem):
    pf.rule_set(organisation=haarlem)
    contract = pf.contract(organisation=haarlem, by=broker_haarlem)
    line = pf.realisation(contract, "werkervaringsplek", by=broker_haarlem, months=Decimal("2"),
                          date=dt.date(2025, 3, 1))
    services.realisation_assess(realisation=line, by=broker_haarlem, verify=True, today=dt.date(2025, 6, 1))
    for name in ("contact-1", "contact-2"):
        ContractContact.objects.create(contract=contract, user=f.UserFactory(username=name))
    tiles = {x.key: x.value for x in figures.obligation_figures(broker_haarlem, haarlem, 2025)["tiles"]}
    assert tiles["contracts"] == 1 and tiles["obligation"] == Decimal("50000.00")
    assert tiles["realised"] == Decimal("1500.00")
    assert figures.dashboard_summary(broker_haarlem, haarlem, 2025)["obligation"] == Decimal("50000.00")
