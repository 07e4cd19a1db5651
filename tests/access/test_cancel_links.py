"""Every form's "Annuleren" link leads to a page that exists (first-time-user review 12: on many
forms it went to "../", a 404: "/makelaars/teams/leden/nieuw/?team=1" → "/makelaars/teams/leden/").

Walks the permission matrix's routes (``routes.py``): every create, update and delete form (and
every other "nieuw"/"wijzigen"/"verwijderen" page), opened by every actor the table lets in, and follows its cancel
link as that actor."""

from __future__ import annotations

import copy
import re
from urllib.parse import urljoin

import pytest

from .routes import ACTORS, ROUTES, Route
from .test_matrix import build_url, client_for, url_routes

CANCEL = re.compile(r'<a [^>]*href="([^"]*)"[^>]*>\s*Annuleren\s*</a>')


def _is_form_route(route: Route) -> bool:
    info = url_routes()[0].get(route.name)
    if info is None or info.is_api:
        return False
    return route.name.endswith(("-create", "-update", "-new", "-delete")) or \
        info.path.endswith(("nieuw/", "wijzigen/", "verwijderen/"))


FORM_ROUTES = [r for r in ROUTES if _is_form_route(r)]


@pytest.fixture
def world(shared_world, db, settings):
    """The module's world, as the matrix's (rolled back after each test, objects copied)."""
    settings.MEDIA_ROOT = shared_world.media_root
    return copy.deepcopy(shared_world)


def _id(route: Route) -> str:
    return f"{route.name}[{route.obj}]" if route.obj else route.name


def cancel_problems(world, url: str, actors) -> tuple[list[str], int]:
    """The cancel links on ``url`` that 404 (or worse) for the actors who open it; and how many
    links were followed."""
    problems, followed = [], 0
    for actor in actors:
        client = client_for(world, actor)
        response = client.get(url)
        if response.status_code != 200:
            continue
        for href in CANCEL.findall(response.content.decode()):
            if href.startswith("#"):
                continue
            target = urljoin(url, href)
            status = client.get(target).status_code
            followed += 1
            if status >= 400:
                problems.append(f"{url} as {actor}: Annuleren → {target} answers {status}")
    return problems, followed


# The forms of the review: each has a cancel link (the meeting form without a chosen enterprise had none).
REVIEWED = ("brokers:member-create", "brokers:partner-create", "brokers:line-create", "brokers:action-link-create",
            "enterprises:contact-create", "financing:outcome-metric-create", "financing:bond-create",
            "financing:bond-payer-create", "financing:bond-investor-create", "financing:bond-cash-flow-create",
            "procurement:response-update", "procurement:meeting-create")


def test_the_walk_covers_the_forms_of_the_review():
    names = {r.name for r in FORM_ROUTES}
    for name in REVIEWED:
        assert name in names, name


@pytest.mark.parametrize("route", FORM_ROUTES, ids=_id)
def test_a_forms_cancel_link_leads_to_a_page(route, world):
    url = build_url(route, world)
    actors = [a for a in ACTORS if route.status_for(a) == 200]
    problems, followed = cancel_problems(world, url, actors)
    assert not problems, "\n".join(problems)
    if route.name in REVIEWED:
        assert followed, f"{url}: no Annuleren link"


@pytest.mark.parametrize(("name", "parameter", "parent"), [
    ("brokers:member-create", "team", "team_haarlem"),
    ("brokers:partner-create", "team", "team_haarlem"),
    ("brokers:line-create", "programme", "agenda_haarlem"),
    ("brokers:action-link-create", "action", "action_haarlem"),
])
def test_a_new_row_under_a_parent_cancels_to_the_parent(world, name, parameter, parent):
    """A link that names the parent (the team's "Lid toevoegen": ``?team=1``): Annuleren goes back
    to the parent's page; another organisation's parent is not named (the page above instead)."""
    from .routes import BROKER_AMERSFOORT, BROKER_HAARLEM

    obj = world[parent]
    url = build_url(Route(name, default=200, query=f"?{parameter}={obj.pk}"), world)
    page = client_for(world, BROKER_HAARLEM).get(url).content.decode()
    assert CANCEL.findall(page) == [obj.get_absolute_url()]
    problems, followed = cancel_problems(world, url, [BROKER_HAARLEM, BROKER_AMERSFOORT])
    assert followed == 2 and not problems, "\n".join(problems)
    other = client_for(world, BROKER_AMERSFOORT).get(url).content.decode()
    assert obj.get_absolute_url() not in CANCEL.findall(other)
