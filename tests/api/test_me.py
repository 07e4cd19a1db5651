"""``/api/v1/me/`` (``accounts.api.views.MeView``): who the signed-in user is, with per membership
whether they are a functional administrator of its organisation (``Membership.is_admin``, the role
``access.FUNCTIONAL_ADMIN``). A pending invitation gives no role and is not listed, whatever it says."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from impactportal.accounts.constants import Role
from impactportal.accounts.models import Membership, User
from tests import factories as f

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"


def _me(api, user):
    # A fresh user object each time: the access module caches a user's memberships on the object.
    return api(User.objects.get(pk=user.pk)).get(ME)


def _memberships(response) -> dict:
    assert response.status_code == 200, response.content
    return {m["organisation"]: m["is_admin"] for m in response.json()["memberships"]}


def _queries(api, user) -> int:
    """The queries of one request to /me/ (not counting fetching the user)."""
    client = api(User.objects.get(pk=user.pk))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(ME).status_code == 200
    return len(captured)


def test_me_tells_per_membership_whether_the_user_is_a_functional_administrator(api, broker_haarlem, haarlem,
                                                                                 amersfoort):
    Membership.objects.filter(user=broker_haarlem, organisation=haarlem).update(is_admin=True)
    Membership.objects.create(user=broker_haarlem, role=Role.COLLEAGUE, organisation=amersfoort, department="inkoop")
    assert _memberships(_me(api, broker_haarlem)) == {"haarlem": True, "amersfoort": False}


def test_a_pending_invitation_as_administrator_is_not_listed_and_gives_no_admin_flag(api, broker_haarlem, haarlem,
                                                                                     amersfoort):
    Membership.objects.create(user=broker_haarlem, role=Role.BROKER, organisation=amersfoort, is_admin=True,
                              accepted_at=None, invited_email=broker_haarlem.email)
    assert _memberships(_me(api, broker_haarlem)) == {"haarlem": False}


def test_the_number_of_queries_does_not_grow_with_the_memberships(api, broker_haarlem, haarlem, amersfoort):
    one = _queries(api, broker_haarlem)
    Membership.objects.filter(user=broker_haarlem).update(is_admin=True)
    Membership.objects.create(user=broker_haarlem, role=Role.BROKER, organisation=amersfoort, is_admin=True)
    for n in range(3):
        organisation = f.OrganisationFactory(name=f"Gemeente Extra {n}")
        Membership.objects.create(user=broker_haarlem, role=Role.COLLEAGUE, organisation=organisation,
                                  department="inkoop", is_admin=bool(n % 2))
    Membership.objects.create(user=broker_haarlem, role=Role.BROKER, organisation=f.OrganisationFactory(),
                              is_admin=True, accepted_at=None)  # pending: not read, not listed
    assert _queries(api, broker_haarlem) == one == 1  # the memberships with their organisations, one query
    assert len(_me(api, broker_haarlem).json()["memberships"]) == 5


def test_the_programmes_of_steering_memberships_take_one_query(api, programme):
    member = f.steering(programme, "stuurgroep")
    assert _queries(api, member) == 2  # the memberships, the programmes
    for _ in range(3):
        Membership.objects.create(user=member, role=Role.STEERING, programme=f.ProgrammeFactory())
    assert _queries(api, member) == 2
    assert {m["programme"] for m in _me(api, member).json()["memberships"]} == set(
        Membership.objects.filter(user=member).values_list("programme__slug", flat=True))
