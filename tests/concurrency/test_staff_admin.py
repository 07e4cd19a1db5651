"""Simultaneous staff changes of one organisation (``impactportal.accounts.services``): the
organisation's row is locked first and the rule "an organisation keeps an active functional
administrator" is checked on what is committed, so administrators stepping down all at once
leave exactly one of them in place."""

import pytest
from django.core.exceptions import ValidationError

from impactportal.accounts import services
from impactportal.accounts.models import Membership
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def _admins(haarlem, *usernames):
    users = [f.broker(haarlem, name) for name in usernames]
    Membership.objects.filter(user__in=users).update(is_admin=True)
    return users


@pytest.mark.parametrize("how", ["unflag", "end"])
def test_administrators_stepping_down_at_once_leave_one(race, haarlem, how):
    users = _admins(haarlem, *(f"beheerder-{i}" for i in range(6)))

    def step_down(i):
        user = type(users[i]).objects.get(pk=users[i].pk)  # each thread its own user object
        own = Membership.objects.get(user=user, organisation=haarlem)
        if how == "unflag":
            return services.member_change(membership=own, by=user, role="broker", is_admin=False).pk
        return services.member_end(membership=own, by=user)

    results = race(len(users), step_down)
    assert sum(ok for ok, _ in results) == len(users) - 1, results
    assert all(isinstance(error, ValidationError) for ok, error in results if not ok)
    assert Membership.objects.filter(organisation=haarlem, is_admin=True, user__is_active=True).count() == 1


def test_two_invitations_of_one_new_address_at_once_share_one_account(race, haarlem, amersfoort, monkeypatch):
    """Two administrators invite the same new address into their organisations at once: both find no
    account, the second insert waits for the first and fails on the unique user name. It runs in a
    savepoint, so the second invitation takes the first one's account instead of answering a 500."""
    import threading

    from impactportal.accounts.models import User

    admins = [_admins(haarlem, "beheerder-haarlem")[0], _admins(amersfoort, "beheerder-amersfoort")[0]]
    organisations = [haarlem, amersfoort]
    found, looked = services._existing_account, threading.Barrier(2)
    first = threading.local()

    def both_look_first(email):
        account = found(email)
        if not getattr(first, "done", False):
            first.done = True
            looked.wait(timeout=10)  # neither inserts before both looked
        return account

    monkeypatch.setattr(services, "_existing_account", both_look_first)

    def invite(i):
        by = type(admins[i]).objects.get(pk=admins[i].pk)
        return services.member_invite(organisation=organisations[i], email="nina@voorbeeld.nl", by=by,
                                      role="colleague", department="economie", first_name="Nina").pk

    results = race(2, invite)
    assert all(ok for ok, _ in results), results
    [user] = User.objects.filter(username="nina@voorbeeld.nl")
    assert set(Membership.objects.filter(user=user).values_list("organisation", flat=True)) == {haarlem.pk,
                                                                                                  amersfoort.pk}
