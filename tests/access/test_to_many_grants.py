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


def _contact_world(haarlem, amersfoort, region, broker_haarlem, broker_amersfoort, count=2):
    """A Haarlem broker who is also an invited contact of ``count`` contracts of Amersfoort."""
    pf.rule_set(organisation=haarlem, name="Regeling Haarlem")
    pf.rule_set(organisation=amersfoort, name="Regeling Amersfoort")
    own = pf.contract(organisation=haarlem, by=broker_haarlem, title="Eigen contract")
    elsewhere = [pf.contract(organisation=amersfoort, by=broker_amersfoort, title=f"Amersfoort {n}")
                 for n in range(count)]
    pf.contract(organisation=amersfoort, by=broker_amersfoort, title="Niet uitgenodigd")
    for contract in elsewhere:
        ContractContact.objects.create(contract=contract, user=broker_haarlem, invited_by=broker_amersfoort)
    return own, elsewhere


def test_the_contracts_a_user_is_a_contact_of_are_matched_as_a_list_of_keys(
        haarlem, amersfoort, region, broker_haarlem, broker_amersfoort):
    """Few keys: read first and matched as a list, so PostgreSQL can OR this grant with the broker's
    own organisation through both indexes (a subquery made every contract list scan the table)."""
    own, elsewhere = _contact_world(haarlem, amersfoort, region, broker_haarlem, broker_amersfoort)
    visible = Contract.objects.for_user(broker_haarlem)
    assert set(visible) == {own, *elsewhere}
    sql = str(visible.query).upper()
    assert "CONTRACTCONTACT" not in sql and sql.count("SELECT") == 1


def test_many_keys_stay_a_subquery_with_the_same_rows(haarlem, amersfoort, region, broker_haarlem,
                                                      broker_amersfoort, monkeypatch):
    from impactportal import access

    own, elsewhere = _contact_world(haarlem, amersfoort, region, broker_haarlem, broker_amersfoort, count=3)
    monkeypatch.setattr(access, "EAGER_KEYS", 2)
    visible = Contract.objects.for_user(broker_haarlem)
    assert "CONTRACTCONTACT" in str(visible.query).upper()
    assert set(visible) == {own, *elsewhere} and visible.count() == 4
    monkeypatch.setattr(access, "EAGER_KEYS", 3)
    assert "CONTRACTCONTACT" not in str(Contract.objects.for_user(broker_haarlem).query).upper()


def test_a_page_that_only_reads_reads_the_keys_once(haarlem, amersfoort, region, broker_haarlem, broker_amersfoort,
                                                    django_assert_num_queries):
    """While a GET is answered (``access.reading``) the list, its count and the figures of a page
    share one read of the keys; outside it, and for the re-check of a decision, each reads anew."""
    from impactportal import access

    own, elsewhere = _contact_world(haarlem, amersfoort, region, broker_haarlem, broker_amersfoort)
    access.memberships(broker_haarlem)
    with access.reading():
        with django_assert_num_queries(3):  # the keys, the rows, the count
            assert set(Contract.objects.for_user(broker_haarlem)) == {own, *elsewhere}
            assert Contract.objects.for_user(broker_haarlem).count() == 3
        ContractContact.objects.filter(user=broker_haarlem, contract=elsewhere[0]).delete()
        with django_assert_num_queries(1):
            assert Contract.objects.for_user(broker_haarlem).count() == 3, "remembered within the page"
    with django_assert_num_queries(2):
        assert Contract.objects.for_user(broker_haarlem).count() == 2
