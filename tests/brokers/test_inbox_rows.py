"""The inbox table's rows take portal_tables' shortcuts (a checkbox with a per-row label, the
table's own ``render_<name>`` methods, a choice's label, an overdue badge): the HTML must be what
django-tables2 renders through its own template, in both languages."""

import datetime as dt
import re

import pytest
from django.test import RequestFactory
from django.test.html import parse_html
from django.utils import timezone, translation

from brokers.models import Case
from brokers.tables import CaseTable


@pytest.mark.parametrize("language", ["nl", "en"])
def test_inbox_rows_match_django_tables2s_own_template(language, make_case, ondernemer_1, enterprise_haarlem,
                                                         broker_haarlem):
    late = make_case(ondernemer_1, enterprise_haarlem, subject="Huur <te> hoog & nu")
    Case.objects.filter(pk=late.pk).update(priority="high", assigned_to=broker_haarlem,
                                           resolution_due=timezone.now() - dt.timedelta(days=2))
    waiting = make_case(ondernemer_1, None, organisation=enterprise_haarlem.municipality, subject="Zonder onderneming")
    Case.objects.filter(pk=waiting.pk).update(status="referred", referred_department="economie", resolution_due=None)
    queryset = Case.objects.select_related("enterprise", "assigned_to").order_by("pk")

    def tbody(template):
        table = CaseTable(queryset, template_name=template)
        table.paginate(per_page=25)
        html = table.as_html(RequestFactory().get("/"))
        return re.search(r"<tbody.*?</tbody>", html, re.S).group(0)

    with translation.override(language):
        ours, theirs = tbody("ui/table.html"), tbody("django_tables2/table.html")
    assert parse_html(ours) == parse_html(theirs)
    assert "Huur &lt;te&gt; hoog &amp; nu" in ours and f'value="{late.pk}"' in ours
    assert ours.count("portal-badge--alert") == 2  # high priority and overdue, on the late case only
    assert ("Vraag #%s selecteren" if language == "nl" else "Select question #%s") % late.pk in ours
