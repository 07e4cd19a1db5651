"""The inbox table's rows take portal_tables' shortcuts (a checkbox with a per-row label, the
table's own ``render_<name>`` methods, a choice's label, an overdue badge): the HTML must be what
django-tables2 renders through its own template, in both languages."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from brokers.models import Case
from brokers.tables import CaseTable
from tests.table_html import ours_and_theirs


@pytest.mark.parametrize("language", ["nl", "en"])
def test_inbox_rows_match_django_tables2s_own_template(language, make_case, ondernemer_1, enterprise_haarlem,
                                                         broker_haarlem):
    late = make_case(ondernemer_1, enterprise_haarlem, subject="Huur <te> hoog & nu")
    Case.objects.filter(pk=late.pk).update(priority="high", assigned_to=broker_haarlem,
                                           resolution_due=timezone.now() - dt.timedelta(days=2))
    waiting = make_case(ondernemer_1, None, organisation=enterprise_haarlem.municipality, subject="Zonder onderneming")
    Case.objects.filter(pk=waiting.pk).update(status="referred", referred_department="economie", resolution_due=None)
    queryset = Case.objects.select_related("enterprise", "assigned_to").order_by("pk")

    with translation.override(language):
        ours, _theirs = ours_and_theirs(CaseTable, queryset)
    assert "Huur &lt;te&gt; hoog &amp; nu" in ours and f'value="{late.pk}"' in ours
    assert ours.count("portal-badge--alert") == 2  # high priority and overdue, on the late case only
    assert ("Vraag #%s selecteren" if language == "nl" else "Select question #%s") % late.pk in ours
