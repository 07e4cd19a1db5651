"""Lists shown as cards export too (``ScopedListView.export_table_class``): the SIB feasibility
checks and the action programmes, scoped as on screen; the reports page says what a report is."""

import pytest
from django.urls import reverse

from financing.models import FeasibilityCheck
from tests import factories as f
from tests.csv_export import csv_cells

pytestmark = pytest.mark.django_db


def _check(org, title):
    return FeasibilityCheck.objects.create(
        organisation=org, title=title, conclusion="explore", reasons=[],
        **dict.fromkeys(("societal_case", "causal_link", "few_beneficiaries", "benefits_exceed_costs",
                         "sufficient_scale", "committed_parties"), "yes"))


def test_feasibility_checks_export_the_users_rows(login, broker_haarlem, haarlem, amersfoort):
    _check(haarlem, "SIB-toets Haarlem")
    _check(amersfoort, "SIB-toets Amersfoort")
    client = login(broker_haarlem)
    page = client.get(reverse("financing:feasibility-list")).content.decode()
    assert 'id="export-links"' in page and "_export=xlsx" in page
    response = client.get(reverse("financing:feasibility-list"), {"_export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    cells = csv_cells(response.content)
    assert "SIB-toets Haarlem" in cells and "SIB-toets Amersfoort" not in cells
    xlsx = client.get(reverse("financing:feasibility-list"), {"_export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_action_programmes_export_the_users_rows(login, broker_haarlem, haarlem, amersfoort):
    f.agenda_action(haarlem)
    f.agenda_action(amersfoort)
    client = login(broker_haarlem)
    assert 'id="export-links"' in client.get(reverse("brokers:agenda-list")).content.decode()
    cells = csv_cells(client.get(reverse("brokers:agenda-list"), {"_export": "csv"}).content)
    assert "Actieprogramma Gemeente Haarlem" in cells and "Actieprogramma Gemeente Amersfoort" not in cells


def test_no_export_links_on_an_empty_card_list(login, broker_haarlem):
    assert 'id="export-links"' not in login(broker_haarlem).get(reverse("brokers:agenda-list")).content.decode()


def test_empty_reports_page_says_what_a_report_is(login, ondernemer_1):
    page = login(ondernemer_1).get(reverse("monitoring:report-list")).content.decode()
    assert 'id="report-intro"' in page and "impactverklaring van een onderneming" in page
    assert 'id="report-empty"' in page
