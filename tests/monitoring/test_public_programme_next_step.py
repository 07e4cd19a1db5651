"""A programme's public page without published reports was a dead end (first-time-user review:
"There are no published reports yet." and nothing else): it now says when a report appears there
and points on to what is public, the programme's parties and the showcase."""

import pytest
from django.test import Client
from django.urls import reverse

from ecosystem.models import Party

pytestmark = pytest.mark.django_db


def _empty(page: str) -> str:
    start = page.index('id="no-published-reports"')
    return page[start:page.index("</div>", start)]


def test_a_programme_without_published_reports_points_on(programme):
    Party.objects.create(name="Social Enterprise NL", category="intermediair").programmes.add(programme)
    response = Client().get(reverse("monitoring:public-programme", args=[programme.slug]))
    assert response.status_code == 200
    empty = _empty(response.content.decode())
    assert "Er zijn nog geen gepubliceerde rapporten." in empty and "zodra het is vastgesteld en gepubliceerd" in empty
    assert f'href="{reverse("ecosystem:party-list")}?programme={programme.slug}"' in empty
    assert f"De partijen van {programme.name}" in empty
    assert f'href="{reverse("etalage")}"' in empty


def test_without_public_parties_the_page_points_to_the_showcase_only(programme, haarlem):
    Party.objects.create(name="Verborgen", category="intermediair", is_published=False).programmes.add(programme)
    empty = _empty(Client().get(reverse("monitoring:public-programme", args=[programme.slug])).content.decode())
    assert reverse("ecosystem:party-list") not in empty and f'href="{reverse("etalage")}"' in empty
    organisation = _empty(Client().get(reverse("monitoring:public-organisation", args=[haarlem.slug])).content.decode())
    assert f'href="{reverse("etalage")}"' in organisation
