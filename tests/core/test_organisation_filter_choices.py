"""A list's organisation filter offers the organisations whose rows the user sees there, not every
organisation of the portal (a municipality's staff see their own rows: any other choice gave an
empty list). Who sees every row keeps every organisation; the API refuses a choice outside them."""

import pytest
from django.urls import reverse

from impactportal.accounts.models import User
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines(haarlem, amersfoort):
    return f.budget_line(haarlem), f.budget_line(amersfoort)


def _options(response) -> str:
    content = response.content.decode()
    start = content.index('name="organisation"')
    return content[start:content.index("</select>", start)]


def test_staff_are_offered_their_own_organisation(login, broker_haarlem, lines):
    options = _options(login(broker_haarlem).get(reverse("brokers:budget-list")))
    assert 'value="haarlem"' in options
    assert 'value="amersfoort"' not in options


def test_who_sees_every_row_is_offered_every_organisation(login, lines):
    admin = User.objects.create_superuser("beheer", "beheer@example.org", "x-very-secret-1")
    options = _options(login(admin).get(reverse("brokers:budget-list")))
    assert 'value="haarlem"' in options and 'value="amersfoort"' in options


def test_the_api_refuses_an_organisation_outside_the_choices(api, broker_haarlem, lines):
    client = api(broker_haarlem)
    assert client.get("/api/v1/budget-lines/", {"organisation": "haarlem"}).status_code == 200
    response = client.get("/api/v1/budget-lines/", {"organisation": "amersfoort"})
    assert response.status_code == 400
    assert "organisation" in response.json()
