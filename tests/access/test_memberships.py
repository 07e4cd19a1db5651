"""``access.memberships``: what ``user.memberships.select_related("organisation")`` gives, read
with SQL compiled once per process (every signed-in request reads it)."""

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from impactportal import access
from impactportal.accounts.constants import Role
from impactportal.accounts.models import Membership, User

pytestmark = pytest.mark.django_db


def values(instance):
    return None if instance is None else {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


@pytest.fixture
def people(broker_haarlem, ondernemer_1, amersfoort):
    # A second membership, at another organisation, and a user with none at all.
    Membership.objects.create(user=broker_haarlem, role=Role.COLLEAGUE, organisation=amersfoort, department="inkoop")
    return {"broker": broker_haarlem, "entrepreneur": ondernemer_1, "nobody": User.objects.create(username="zonder")}


@pytest.mark.parametrize("who", ["broker", "entrepreneur", "nobody"])
def test_the_same_memberships_and_organisations_as_the_orm(people, who):
    user = User.objects.get(pk=people[who].pk)
    expected = list(user.memberships.select_related("organisation"))
    with CaptureQueriesContext(connection) as queries:
        found = access.memberships(user)
        assert [values(m) for m in found] == [values(m) for m in expected]
        assert [values(m.organisation) for m in found] == [values(m.organisation) for m in expected]
        assert all(m.user is user for m in found)
        assert all(m._state.adding is False and m._state.db == "default" for m in found)
        assert access.memberships(user) is found  # once per user object
    assert len(queries) == 1
    assert len(found) == {"broker": 2, "entrepreneur": 1, "nobody": 0}[who]
    if who == "entrepreneur":
        assert found[0].organisation is None and found[0].enterprise_id is not None


def test_no_compiling_after_the_first_user(people, monkeypatch):
    access.memberships(User.objects.get(pk=people["broker"].pk))
    compiled = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(1) or original(self, *a, **k))
    user = people["entrepreneur"]
    access.forget(user)
    assert [m.role for m in access.memberships(user)] == [Role.ENTREPRENEUR]
    assert compiled == []
