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


def test_a_member_page_save_and_ending_the_membership_at_once_do_not_deadlock(haarlem, monkeypatch, client):
    """The member page's save locked the membership (its version) and then the organisation
    (``member_change``); ending a membership locks the organisation, then the membership. At once,
    PostgreSQL found a deadlock and one request failed. The page now locks the organisation first."""
    import re
    import threading
    import time

    from django.db import OperationalError
    from django.test import Client
    from django.urls import reverse

    first, second = _admins(haarlem, "beheerder-1", "beheerder-2")
    member = f.broker(haarlem, "makelaar-lid")
    row = Membership.objects.get(user=member, organisation=haarlem)
    url = reverse("staff:member-update", args=[row.pk])
    page = Client()
    page.force_login(first)
    version = re.search(r'name="_version" value="([^"]+)"', page.get(url).content.decode()).group(1)
    saving, original = threading.Event(), services.member_change

    def slow_change(**kwargs):
        saving.set()  # the page holds its locks now
        time.sleep(0.5)  # and the other administrator's end starts meanwhile
        return original(**kwargs)

    monkeypatch.setattr(services, "member_change", slow_change)
    outcomes = {}

    def save_page():
        try:
            outcomes["page"] = page.post(url, {"_version": version, "role": "colleague", "department": "inkoop"})
        except Exception as error:  # noqa: BLE001 - reported to the test
            outcomes["page"] = error
        finally:
            from django.db import connection
            connection.close()

    def end_membership():
        from django.db import connection
        try:
            saving.wait(timeout=10)
            services.member_end(membership=Membership.objects.get(pk=row.pk), by=type(second).objects.get(pk=second.pk))
            outcomes["end"] = "ended"
        except Exception as error:  # noqa: BLE001 - reported to the test
            outcomes["end"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=save_page), threading.Thread(target=end_membership)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not isinstance(outcomes["page"], OperationalError) and not isinstance(outcomes["end"], OperationalError), \
        outcomes
    assert getattr(outcomes["page"], "status_code", None) == 302, outcomes
    assert outcomes["end"] == "ended" or isinstance(outcomes["end"], ValidationError), outcomes
