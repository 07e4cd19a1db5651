"""The showcase is the public list, the same for every visitor: a signed-in entrepreneur (who
cannot see the whole register) gets the same rows and the same municipality choices as an
anonymous visitor, without reading the municipalities of the visible enterprises (a DISTINCT
over 60,000 rows nationally) or an OR on its own enterprises in the count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enterprises.models import Enterprise

pytestmark = pytest.mark.django_db


def _enterprise_queries(queries):
    table = Enterprise._meta.db_table
    return [q["sql"] for q in queries if f'FROM "{table}"' in q["sql"]]


def test_entrepreneur_gets_the_public_showcase_without_distinct_or_or(
    login, client, ondernemer_1, enterprise_haarlem, showcase_enterprise, amersfoort
):
    assert not enterprise_haarlem.is_published  # their own enterprise is not in the showcase
    entrepreneur = login(ondernemer_1)
    with CaptureQueriesContext(connection) as queries:
        page = entrepreneur.get(reverse("etalage"))
    assert page.status_code == 200
    html = page.content.decode()
    assert showcase_enterprise.name in html and enterprise_haarlem.name not in html
    sql = _enterprise_queries(queries)
    assert sql, "the showcase reads enterprises"
    assert not [s for s in sql if "DISTINCT" in s.upper()]  # no keys of the visible rows for the choices
    counts = [s for s in sql if "COUNT(" in s.upper()]
    assert counts and not [s for s in counts if " OR " in s.upper()]
    # Every municipality stays a choice, as for an anonymous visitor (Amersfoort has no showcase row).
    choices = {str(label) for _value, label in page.context["filter"].form.fields["municipality"].choices}
    anonymous = client.get(reverse("etalage"))
    assert choices == {
        str(label) for _value, label in anonymous.context["filter"].form.fields["municipality"].choices
    }
    assert amersfoort.name in choices
