"""The access module: scoping per organisation, region, programme, enterprise and role."""

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models
from django.http import Http404

from brokers.models import BrokerTeam, BudgetLine
from ecosystem.models import RegionalAgreement
from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise
from impactportal import access
from impactportal.models import Notification
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams(haarlem, amersfoort):
    return {
        "haarlem": BrokerTeam.objects.create(organisation=haarlem, name="Team Haarlem"),
        "amersfoort": BrokerTeam.objects.create(organisation=amersfoort, name="Team Amersfoort"),
    }


def test_broker_sees_only_own_organisation(teams, broker_haarlem, broker_amersfoort):
    assert list(access.scope(broker_haarlem, BrokerTeam)) == [teams["haarlem"]]
    assert list(access.scope(broker_amersfoort, BrokerTeam)) == [teams["amersfoort"]]


def test_object_of_other_organisation_is_404_not_403(teams, broker_haarlem):
    with pytest.raises(Http404):
        access.get_object_or_404(broker_haarlem, BrokerTeam, access.VIEW, pk=teams["amersfoort"].pk)
    with pytest.raises(Http404):
        access.get_object_or_404(broker_haarlem, BrokerTeam, access.CHANGE, pk=teams["amersfoort"].pk)


def test_colleague_may_view_but_not_change_team(teams, inkoper_haarlem):
    assert access.can(inkoper_haarlem, access.VIEW, teams["haarlem"])
    assert not access.can(inkoper_haarlem, access.CHANGE, teams["haarlem"])
    with pytest.raises(PermissionDenied):
        access.get_object_or_404(inkoper_haarlem, BrokerTeam, access.CHANGE, pk=teams["haarlem"].pk)


def test_budget_is_for_brokers_only(haarlem, broker_haarlem, inkoper_haarlem, ondernemer_1, stuurgroep):
    line = BudgetLine.objects.create(organisation=haarlem, year=2024, kind="network", amount=7000)
    assert list(access.scope(broker_haarlem, BudgetLine)) == [line]
    for user in (inkoper_haarlem, ondernemer_1, stuurgroep):
        assert not access.scope(user, BudgetLine).exists()


def test_anonymous_and_roleless_users_see_nothing_private(teams):
    from django.contrib.auth.models import AnonymousUser

    assert not access.scope(AnonymousUser(), BrokerTeam).exists()
    assert not access.scope(f.UserFactory(), BrokerTeam).exists()


def test_inactive_user_sees_nothing(teams, broker_haarlem):
    broker_haarlem.is_active = False
    assert not access.scope(broker_haarlem, BrokerTeam).exists()


def test_superuser_sees_everything(teams):
    admin = f.UserFactory(username="root", is_superuser=True)
    assert access.scope(admin, BrokerTeam).count() == 2


def test_region_objects_visible_to_member_organisations_only(region, haarlem, amersfoort, broker_haarlem,
                                                              broker_amersfoort):
    agreement = RegionalAgreement.objects.create(region=region, title="SROI-regels")
    assert list(access.scope(broker_haarlem, RegionalAgreement)) == [agreement]
    assert not access.scope(broker_amersfoort, RegionalAgreement).exists()
    region.members.add(amersfoort)
    assert list(access.scope(broker_amersfoort, RegionalAgreement)) == [agreement]


def test_enterprise_public_showcase_and_owner_rules(enterprise_haarlem, enterprise_amersfoort, ondernemer_1,
                                                     broker_haarlem, broker_amersfoort):
    from django.contrib.auth.models import AnonymousUser

    enterprise_haarlem.admission_status = AdmissionStatus.ADMITTED
    enterprise_haarlem.is_published = True
    enterprise_haarlem.save()
    assert list(access.scope(AnonymousUser(), Enterprise)) == [enterprise_haarlem]
    # The entrepreneur sees and changes their own enterprise only.
    assert access.can(ondernemer_1, access.CHANGE, enterprise_haarlem)
    assert not access.can(ondernemer_1, access.VIEW, enterprise_amersfoort)
    # Brokers read the whole register but change only enterprises of their own municipality.
    assert access.scope(broker_amersfoort, Enterprise).count() == 2
    assert not access.can(broker_amersfoort, access.CHANGE, enterprise_haarlem)
    assert access.can(broker_haarlem, access.CHANGE, enterprise_haarlem)


def test_self_grant_notifications(broker_haarlem, broker_amersfoort):
    mine = Notification.objects.create(recipient=broker_haarlem, subject="Hallo")
    Notification.objects.create(recipient=broker_amersfoort, subject="Ander")
    assert list(Notification.objects.for_user(broker_haarlem)) == [mine]


def test_owner_choices_for_creation(haarlem, amersfoort, broker_haarlem, inkoper_haarlem, region):
    assert list(access.owner_choices(broker_haarlem, BrokerTeam)) == [haarlem]
    assert not access.owner_choices(inkoper_haarlem, BrokerTeam).exists()
    assert list(access.owner_choices(broker_haarlem, RegionalAgreement)) == [region]


def test_user_with_several_roles_gets_union(haarlem, amersfoort, teams):
    user = f.broker(haarlem, "twee-petten")
    f.MembershipFactory(user=user, role="colleague", organisation=amersfoort, department="inkoop")
    access.forget(user)
    assert set(access.scope(user, BrokerTeam)) == {teams["haarlem"], teams["amersfoort"]}
    assert set(access.scope(user, BrokerTeam, access.CHANGE)) == {teams["haarlem"]}


def test_model_without_policy_is_refused():
    class Secret(models.Model):  # noqa: DJ008
        class Meta:
            app_label = "brokers"
            managed = False

    with pytest.raises(ImproperlyConfigured):
        access.scope(f.UserFactory.build(), Secret)


def test_department_grant_pairs_organisation_and_department(haarlem, amersfoort):
    """A department grant matches the colleague's own organisation *and* department."""
    from impactportal.access import AccessPolicy, Grant

    user = f.colleague(haarlem, "inkoop", "inkoop-haarlem")
    policy = AccessPolicy(owner="organisation", view=[Grant("colleague", department_field="form")])
    q = access._grant_filter(user, policy.view[0], BrokerTeam, policy)
    BrokerTeam.objects.create(organisation=haarlem, name="A", form="inkoop")
    BrokerTeam.objects.create(organisation=amersfoort, name="B", form="inkoop")
    BrokerTeam.objects.create(organisation=haarlem, name="C", form="team")
    assert list(BrokerTeam.objects.filter(q).values_list("name", flat=True)) == ["A"]


def _owned_models():
    from django.apps import apps

    return [model for model in apps.get_models()
            if isinstance(getattr(model, "access", None), access.AccessPolicy) and model.access.owner]


@pytest.mark.parametrize("path", [None, "region", "programme"])
def test_may_own_answers_what_owner_choices_exists_answers(path, haarlem, amersfoort, region, programme, broker_haarlem,
                                                           inkoper_haarlem, ondernemer_1, stuurgroep, django_user_model):
    """``may_own`` (the list pages' "new" button) answers from memberships where it can; it must
    agree with the query it replaces for every owned model, role and owner path."""
    coordinator = f.UserFactory(username="coordinator")
    f.MembershipFactory(user=coordinator, role=access.SROI_COORDINATOR, organisation=None, region=region)
    nobody = f.UserFactory(username="nobody")
    admin = django_user_model.objects.create_superuser("beheer", "beheer@example.org", "x")
    checked = 0
    for model in _owned_models():
        if path and not any(field.name == path for field in model._meta.get_fields()):
            continue
        for user in (broker_haarlem, inkoper_haarlem, ondernemer_1, stuurgroep, coordinator, nobody, admin):
            for action in (access.CHANGE, access.VIEW):
                try:
                    expected = access.owner_choices(user, model, action, path=path).exists()
                except ImproperlyConfigured:  # a role that cannot be anchored at this owner
                    continue
                assert access.may_own(user, model, action, path=path) is expected, (model, user, action, path)
                checked += 1
    assert checked > 50


def test_may_own_needs_no_query_when_memberships_name_the_owner(broker_haarlem, django_assert_num_queries):
    access.memberships(broker_haarlem)
    with django_assert_num_queries(0):
        assert access.may_own(broker_haarlem, BrokerTeam)
        assert access.may_own(broker_haarlem, Enterprise)
