"""Review 7: an anonymous read of rows that are never public is refused by a DRF permission
(``PublicReadsForAnonymous``), which every scoped viewset gets from ``ScopedViewSetMixin`` even
when it names its own permissions; DRF answers 401 with the authenticator's challenge."""

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.permissions import AllowAny
from rest_framework.test import APIRequestFactory, force_authenticate

from brokers.helpdesk.api import CaseViewSet
from enterprises.api.views import EnterpriseViewSet
from impactportal.api.permissions import PublicReadsForAnonymous

pytestmark = pytest.mark.django_db


class OpenCaseViewSet(CaseViewSet):
    """A scoped viewset that names its own permissions (and forgot the rule)."""

    permission_classes = [AllowAny]


def _list(viewset, user=None):
    request = APIRequestFactory().get("/api/v1/helpdesk/cases/")
    if user is not None:
        force_authenticate(request, user)
    return viewset.as_view({"get": "list"})(request)


def test_every_scoped_viewset_has_the_rule_among_its_permissions():
    for viewset in (CaseViewSet, EnterpriseViewSet, OpenCaseViewSet):
        assert any(isinstance(permission, PublicReadsForAnonymous) for permission in viewset().get_permissions())
    assert any(isinstance(permission, AllowAny) for permission in OpenCaseViewSet().get_permissions())


def test_the_rule_refuses_only_anonymous_reads_of_never_public_rows(broker_haarlem):
    rule = PublicReadsForAnonymous()
    anonymous = type("Request", (), {"user": AnonymousUser()})()
    signed_in = type("Request", (), {"user": broker_haarlem})()
    assert not rule.has_permission(anonymous, CaseViewSet())  # helpdesk cases: never public
    assert rule.has_permission(anonymous, EnterpriseViewSet())  # the showcase's enterprises are
    assert rule.has_permission(signed_in, CaseViewSet())
    assert rule.has_permission(anonymous, object())  # not a scoped list: not this rule's to decide


def test_a_viewset_with_its_own_permissions_still_asks_anonymous_callers_to_sign_in(broker_haarlem):
    response = _list(OpenCaseViewSet)
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert _list(OpenCaseViewSet, broker_haarlem).status_code == 200
