"""The public list of open purchase requests offers its export, to visitors too, as the other
public lists do (parties, instruments): the page showed no export links while ``?_export=csv``
answered every signed-in user, and refused a visitor the same public rows."""

import pytest
from django.urls import reverse

from tests.csv_export import csv_rows

from .builders_requests import purchase_request

pytestmark = pytest.mark.django_db

URL = "procurement:request-public-list"


@pytest.mark.parametrize("who", ["anon", "ondernemer_1", "inkoper_haarlem"])
def test_the_public_request_list_offers_its_export(who, request, haarlem, client, login):
    purchase_request(haarlem, title="Catering voor het stadhuis")
    if who != "anon":
        client = login(request.getfixturevalue(who))
    page = client.get(reverse(URL), {"q": "Catering"}).content.decode()
    assert 'id="export-links"' in page and "q=Catering&amp;_export=csv" in page
    response = client.get(reverse(URL), {"q": "Catering", "_export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response.content)
    assert len(rows) == 2 and "Catering voor het stadhuis" in rows[1]
    assert "Status" not in rows[0]  # the page's columns, no more
