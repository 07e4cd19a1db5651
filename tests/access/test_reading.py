"""``access.can`` while a request only reads (``access.reading``, ``ReadingMiddleware``): one query
per row and filter, the same answers as without it, and never for ``require``'s re-check."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from enterprises.models import Enterprise
from impactportal import access
from impactportal.ui.middleware import ReadingMiddleware

pytestmark = pytest.mark.django_db

ACTIONS = (access.VIEW, access.CHANGE, "decide", "impact", "dossier")


def answers(user, enterprise):
    return {action: access.can(user, action, enterprise) for action in ACTIONS}


def test_grants_that_reach_nothing_are_left_out_of_the_filter(broker_haarlem, haarlem):
    """A broker holds no partner or coordinator role: those grants add nothing, so changing and
    deciding on an enterprise are one filter, not two that differ in empty ``IN ()`` parts."""
    change = access.rule(broker_haarlem, Enterprise, access.CHANGE)
    assert change == access.rule(broker_haarlem, Enterprise, "decide")
    assert change.children == [("municipality__in", {haarlem.pk})]
    assert access.rule(broker_haarlem, Enterprise, access.VIEW) is None  # the register: every row


def test_a_user_without_grants_still_reaches_nothing(enterprise_haarlem):
    from tests import factories as f

    stranger = f.UserFactory()
    assert access.rule(stranger, Enterprise, access.CHANGE) is access.NOTHING
    assert not access.can(stranger, access.CHANGE, enterprise_haarlem)


@pytest.mark.parametrize("which", ["own", "other"])
def test_reading_gives_the_same_answers_with_fewer_queries(which, broker_haarlem, enterprise_haarlem,
                                                          enterprise_amersfoort, django_assert_num_queries):
    enterprise = enterprise_haarlem if which == "own" else enterprise_amersfoort
    expected = answers(broker_haarlem, enterprise)
    assert expected["change"] is (which == "own") and expected["view"] is True
    with access.reading():
        # view and dossier: every row (one filter); change, decide, impact: Haarlem's (another).
        with django_assert_num_queries(2):
            assert answers(broker_haarlem, enterprise) == expected
        with django_assert_num_queries(0):
            assert answers(broker_haarlem, enterprise) == expected
    with django_assert_num_queries(len(ACTIONS)):  # outside the block every question is a query
        assert answers(broker_haarlem, enterprise) == expected


def test_each_row_is_its_own_question(broker_haarlem, enterprise_haarlem, enterprise_amersfoort):
    with access.reading():
        assert access.can(broker_haarlem, access.CHANGE, enterprise_haarlem)
        assert not access.can(broker_haarlem, access.CHANGE, enterprise_amersfoort)


def test_require_asks_the_database_even_while_reading(broker_haarlem, enterprise_haarlem, amersfoort):
    with access.reading():
        assert access.can(broker_haarlem, access.CHANGE, enterprise_haarlem)
        Enterprise.objects.filter(pk=enterprise_haarlem.pk).update(municipality=amersfoort)
        assert access.can(broker_haarlem, access.CHANGE, enterprise_haarlem), "remembered within the block"
        with pytest.raises(PermissionDenied):  # still visible (the register), no longer Haarlem's
            access.require(broker_haarlem, access.CHANGE, enterprise_haarlem)
        Enterprise.objects.filter(pk=enterprise_haarlem.pk).delete()
        with pytest.raises(Http404):
            access.require(broker_haarlem, access.VIEW, enterprise_haarlem)
    assert not access.can(broker_haarlem, access.CHANGE, enterprise_haarlem)


@pytest.mark.parametrize(("method", "queries"), [("get", 1), ("head", 1), ("post", 2), ("delete", 2)])
def test_only_requests_that_change_nothing_remember(method, queries, broker_haarlem, enterprise_haarlem,
                                                    django_assert_num_queries):
    def view(request):
        first = access.can(broker_haarlem, access.CHANGE, enterprise_haarlem)
        second = access.can(broker_haarlem, "decide", enterprise_haarlem)
        return HttpResponse(f"{first} {second}")

    request = getattr(RequestFactory(), method)("/register/")
    access.memberships(broker_haarlem)  # loaded once per user, as on any page
    with django_assert_num_queries(queries):
        response = ReadingMiddleware(view)(request)
    assert response.content == b"True True"
    assert access._read_answers.get() is None  # nothing is remembered after the request
