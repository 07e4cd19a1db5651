"""The register and the certificate list read only the columns their rows show: every shown
value is on the page, and no row reads a column it was not given (which would cost a query per
row: the same number of queries for 2 rows as for 8)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def _rows(haarlem, make_cert, first, last):
    for number in range(first, last):
        enterprise = f.EnterpriseFactory(name=f"Kringloop {number:02d}", municipality=haarlem, headcount=10 + number,
                                         disadvantaged_count=number, kvk_number=f"{40_000_000 + number}")
        make_cert(enterprise, number=f"PSO-{number:02d}")


@pytest.mark.parametrize("route", ["enterprises:register", "enterprises:certification-list"])
def test_a_page_of_eight_rows_runs_the_queries_of_a_page_of_two(route, login, broker_haarlem, haarlem, make_cert):
    client = login(broker_haarlem)
    url = reverse(route)
    counts = []
    for first, last in ((0, 2), (2, 8)):
        _rows(haarlem, make_cert, first, last)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            content = client.get(url, {"sort": "name"} if route == "enterprises:register" else {}).content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1]
    for number in range(8):
        assert f"Kringloop {number:02d}" in content and f"{40_000_000 + number}" in content
        if route == "enterprises:certification-list":
            assert f"PSO-{number:02d}" in content
        else:
            assert f">{10 + number}</td>" in content  # headcount
