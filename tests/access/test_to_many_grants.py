"""A grant through a to-many relation (a contract's invited contacts) never repeats a row when
it is OR-ed with the other grants (issue 16: lists of contracts and challenges)."""

from procurement.models import Contract, ContractContact
from tests import factories as f
from tests.procurement import factories as pf


def test_a_contract_with_two_contacts_is_listed_once(haarlem, region, broker_haarlem, enterprise_haarlem):
    pf.rule_set(region=region)
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, supplier=enterprise_haarlem)
    first, second = f.UserFactory(username="contact-1"), f.UserFactory(username="contact-2")
    for user in (first, second):
        ContractContact.objects.create(contract=contract, user=user, invited_by=broker_haarlem)
    assert list(Contract.objects.for_user(broker_haarlem)) == [contract]
    assert list(Contract.objects.for_user(first)) == [contract]
    assert Contract.objects.for_user(f.UserFactory(username="stranger")).count() == 0
