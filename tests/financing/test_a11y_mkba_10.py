"""Accessibility walk 10: the MKBA calculator's yearly-benefits chart has its table (the analysis
page's partial), and only a short summary sentence is live; the box of figures, table and chart
that htmx replaces after each keystroke is not re-announced."""

import re

import pytest
from django.urls import reverse

from .mkba_factories import analysis
from .test_mkba_views import form_data

pytestmark = pytest.mark.django_db


def _results_section(html: str) -> str:
    return re.search(r'aria-labelledby="results-heading">(.*?)</section>', html, re.S)[1]


def _years(html: str) -> list[tuple[str, str]]:
    table = re.search(r'<table[^>]*id="mkba-years">(.*?)</table>', html, re.S)[1]
    return re.findall(r'<td class="utrecht-table__cell">(\d+)</td><td class="utrecht-table__cell numeric">(.*?)</td>',
                      table)


def test_the_form_has_one_live_sentence_and_not_a_live_box(login, broker_haarlem):
    html = login(broker_haarlem).get(reverse("financing:mkba-create")).content.decode()
    section = _results_section(html)
    assert '<div id="mkba-results">' in section
    assert section.count('role="status"') == 1 and "aria-live" not in section  # role=status is polite
    # Nothing was calculated yet: the live sentence is empty until a recalculation fills it.
    assert '<p class="utrecht-paragraph" id="mkba-summary" role="status"></p>' in section


def test_the_recalculation_swaps_the_summary_text_and_gives_the_chart_its_table(login, broker_haarlem):
    response = login(broker_haarlem).post(reverse("financing:mkba-calculate"), form_data(), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    # The summary's content only, into the element that stays on the page.
    summary = re.search(r'<p id="mkba-summary" hx-swap-oob="innerHTML">(.*?)</p>', page, re.S)[1]
    assert summary == "Uitkomst bijgewerkt: netto contante waarde €\xa010.089,28, baten-kostenverhouding 2,01 (geschat)."
    # The box htmx puts into #mkba-results: figures, table, chart and its years table, nothing live.
    box = page[:page.index('<p id="mkba-summary"')]
    assert "aria-live" not in box and "mkba-chart-data" in box
    assert "dezelfde bedragen staan in de tabel eronder" in box
    years = _years(box)
    assert len(years) == 10 and years[0] == ("1", "€\xa07.000,00") and years[3] == ("4", "€\xa00,00")


def test_the_edit_form_shows_the_saved_years_without_saying_it_was_updated(login, haarlem, broker_haarlem):
    obj = analysis(haarlem)
    html = login(broker_haarlem).get(reverse("financing:mkba-update", args=[obj.pk])).content.decode()
    section = _results_section(html)
    assert section.count('role="status"') == 1 and "aria-live" not in section  # role=status is polite
    # Nothing was recalculated on opening the page: the live sentence says nothing (no "bijgewerkt").
    assert '<p class="utrecht-paragraph" id="mkba-summary" role="status"></p>' in section
    assert "Uitkomst bijgewerkt" not in html
    assert len(_years(section)) == 10
    # The analysis page keeps its years table (the same partial).
    assert len(_years(login(broker_haarlem).get(obj.get_absolute_url()).content.decode())) == 10


def _summary(response) -> str:
    return re.search(r'<p id="mkba-summary" hx-swap-oob="innerHTML">(.*?)</p>', response.content.decode(), re.S)[1]


def test_the_summary_without_costs_says_the_ratio_cannot_be_calculated(login, broker_haarlem):
    response = login(broker_haarlem).post(reverse("financing:mkba-calculate"), form_data(costs=""),
                                          HTTP_HX_REQUEST="true")
    assert _summary(response) == ("Uitkomst bijgewerkt: netto contante waarde €\xa020.089,28 (geschat); "
                                  "de baten-kostenverhouding is zonder kosten niet te berekenen.")


def test_the_summary_reads_the_result_not_the_order_of_the_figure_rows(login, broker_haarlem, monkeypatch):
    from financing.views import mkba as views

    original = views.figure_rows
    monkeypatch.setattr(views, "figure_rows", lambda result: list(reversed(original(result))))
    response = login(broker_haarlem).post(reverse("financing:mkba-calculate"), form_data(), HTTP_HX_REQUEST="true")
    assert _summary(response) == ("Uitkomst bijgewerkt: netto contante waarde €\xa010.089,28, "
                                  "baten-kostenverhouding 2,01 (geschat).")

