"""The permission matrix for colleagues of two departments: the routes procurement keeps to its
department (``DEPARTMENT_ROUTES`` and ``DEPARTMENT_POSTS`` in routes_procurement.py), walked as
Haarlem's inkoop colleague and as its vastgoed colleague (``vastgoed_haarlem``, procurement_world.py),
on the matrix's world and with its checks (status per actor; a refused POST changes nothing, an
allowed one changes something)."""

import copy

import pytest
from django.urls import reverse

from .routes import INKOPER_HAARLEM
from .routes_procurement import DEPARTMENT_ACTORS, DEPARTMENT_POSTS, DEPARTMENT_ROUTES, VASTGOED_HAARLEM
from .test_matrix import _answered_status, _route_id, build_url, client_for, post_failures


@pytest.fixture
def world(shared_world, db, settings):
    """The module's world, as the matrix uses it (``test_matrix.world``): rows rolled back after
    each test, objects copied."""
    settings.MEDIA_ROOT = shared_world.media_root
    return copy.deepcopy(shared_world)


@pytest.mark.parametrize("route", DEPARTMENT_ROUTES, ids=_route_id)
def test_department_matrix(route, world):
    url = build_url(route, world)
    mismatches = []
    for actor in DEPARTMENT_ACTORS:
        response = client_for(world, actor).get(url)
        expected = route.status_for(actor)
        if _answered_status(response, url) != expected:
            mismatches.append(f"  {actor:18} expected {expected}, got {response.status_code}")
    assert not mismatches, f"GET {url} ({route.name}):\n" + "\n".join(mismatches)


@pytest.mark.parametrize("post", DEPARTMENT_POSTS, ids=lambda post: post.name)
def test_department_post_matrix(post, world):
    failures = post_failures(post, DEPARTMENT_ACTORS, world)
    assert not failures, "\n".join(failures)


def _payment_ids(world, actor):
    response = client_for(world, actor).get(reverse("procurement-payments-list"), {"page_size": 200})
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def test_the_api_list_holds_payments_for_inkoop_only(world):
    """The vastgoed colleague's list is empty; the inkoop colleague's holds Haarlem's payment (and
    not Amersfoort's), so the empty list is the department's doing, not an empty world."""
    assert _payment_ids(world, VASTGOED_HAARLEM) == set()
    assert _payment_ids(world, INKOPER_HAARLEM) == {world["payment_haarlem"].pk}
