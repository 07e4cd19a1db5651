"""``?per_page=`` on the HTML lists: never a 500, never more than the API's maximum page size."""

import pytest
from django.urls import reverse

from brokers.models import BudgetLine
from ecosystem.models import Party
from impactportal.api.pagination import PageNumberPagination

pytestmark = pytest.mark.django_db

ROWS = 205  # more than the maximum page size


@pytest.fixture
def many_lines(haarlem):
    BudgetLine.objects.bulk_create(
        BudgetLine(organisation=haarlem, year=2000 + i % 20, kind="network", amount=i) for i in range(ROWS)
    )


@pytest.fixture
def many_parties(db):
    category = Party._meta.get_field("category").choices[0][0]
    Party.objects.bulk_create(Party(name=f"Partij {i:03d}", category=category) for i in range(ROWS))


# value of per_page → rows on the first page ("default": the list's page size; django-tables2 takes 0
# as "not given" and falls back to the table's own default of 25)
CASES = [("-1", 1), ("0", 25), ("abc", "default"), ("100000", PageNumberPagination.max_page_size), ("50", 50),
         ("1e9", "default"), ("99999999999999999999999", PageNumberPagination.max_page_size)]


@pytest.mark.parametrize(("per_page", "rows"), CASES)
def test_generic_list_bounds_per_page(login, broker_haarlem, many_lines, per_page, rows):
    response = login(broker_haarlem).get(reverse("brokers:budget-list"), {"per_page": per_page})
    assert response.status_code == 200
    page = response.context["table"].page
    assert len(page.object_list) == (25 if rows == "default" else rows)


@pytest.mark.parametrize(("per_page", "rows"), CASES)
def test_public_party_list_bounds_per_page(client, many_parties, per_page, rows):
    response = client.get(reverse("ecosystem:party-list"), {"per_page": per_page})
    assert response.status_code == 200
    page = response.context["table"].page
    assert len(page.object_list) == (50 if rows == "default" else rows)
    second = client.get(reverse("ecosystem:party-list"), {"per_page": per_page, "page": "2"})
    assert second.status_code == 200 and second.context["table"].page.number == 2
