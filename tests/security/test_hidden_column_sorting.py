"""A column a list leaves out for its reader (``get_table_kwargs`` → ``exclude``: django-tables2
drops it from the table) can be neither sorted by (``?sort=`` names only the table's own columns)
nor exported: the page and its CSV/XLSX export (``ScopedListView.get_exporter``, built with the same
table arguments) show the reader nothing of it, not even its order. Here the public list of
purchase requests, which leaves out the status the organisation's own list shows."""

import pytest
from django.urls import reverse

from procurement.constants import RequestStatus
from tests.csv_export import csv_rows
from tests.procurement.builders_requests import purchase_request

pytestmark = pytest.mark.django_db
PUBLIC = "procurement:request-public-list"


def test_sorting_by_a_left_out_column_is_ignored(haarlem, client):
    purchase_request(haarlem, title="Open vraag")
    page = client.get(reverse(PUBLIC) + "?sort=-status")
    table = page.context["table"]
    assert page.status_code == 200 and "status" not in table.columns
    assert tuple(table.order_by) == ()


def test_the_export_leaves_the_column_out_and_ignores_its_sort(haarlem, ondernemer_1, login):
    purchase_request(haarlem, title="Open vraag")
    export = login(ondernemer_1).get(reverse(PUBLIC) + "?_export=csv&sort=status")
    assert export.status_code == 200
    header = csv_rows(export.content)[0]
    assert "Status" not in header and "Open vraag" in export.content.decode()


def test_the_organisations_own_list_still_sorts_by_it(haarlem, inkoper_haarlem, login):
    purchase_request(haarlem, title="Open vraag")
    purchase_request(haarlem, title="Gesloten vraag", status=RequestStatus.CLOSED)
    page = login(inkoper_haarlem).get(reverse("procurement:request-list") + "?sort=-status")
    assert page.status_code == 200 and tuple(page.context["table"].order_by) == ("-status",)
