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
