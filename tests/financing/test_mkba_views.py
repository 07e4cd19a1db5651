"""MKBA screens: the list (filter, export, constant queries), the analysis page, the calculator
(create and edit, htmx recalculation with errors next to the fields) and the PDF."""

import shutil
import subprocess
from decimal import Decimal as D

import pytest
from django.urls import reverse

from financing.models import Assumption, MkbaAnalysis
from tests.pdf_words import pdf_words, words_outside_the_margins

from .mkba_factories import analysis

pytestmark = pytest.mark.django_db


def form_data(**kw):
    data = {
        "organisation": "", "title": "Leerwerkbedrijf Spaarne", "kind": "key_figures", "enterprise": "",
        "sroi_contract": "", "summary": "", "costs": "10000", "discount_rate": "0,0225",
        "indicators-TOTAL_FORMS": "1", "indicators-INITIAL_FORMS": "0", "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "50",
        "indicators-0-name": "Uit de bijstand", "indicators-0-beneficiary": "social_assistance",
        "indicators-0-count": "2", "indicators-0-value_per_case": "17500", "indicators-0-deadweight": "0,3",
        "indicators-0-attribution": "0,1", "indicators-0-substitution": "0", "indicators-0-short_term": "1",
        "indicators-0-medium_term": "0", "indicators-0-long_term": "0",
        "steps-TOTAL_FORMS": "1", "steps-INITIAL_FORMS": "0", "steps-MIN_NUM_FORMS": "0", "steps-MAX_NUM_FORMS": "30",
        "steps-0-activity": "Leerwerkplek", "steps-0-change": "Werkritme", "steps-0-indicator": "Uit de bijstand",
        "assumptions-TOTAL_FORMS": "1", "assumptions-INITIAL_FORMS": "0", "assumptions-MIN_NUM_FORMS": "0",
        "assumptions-MAX_NUM_FORMS": "30", "assumptions-0-text": "Uitkering € 17.500 per jaar",
        "assumptions-0-source": "Kengetal", "assumptions-0-status": "estimated", "assumptions-0-visibility": "public",
    }
    data.update(kw)
    return data


def test_calculator_saves_an_analysis(login, haarlem, broker_haarlem):
    client = login(broker_haarlem)
    assert client.get(reverse("financing:mkba-create")).status_code == 200
    response = client.post(reverse("financing:mkba-create"), form_data(organisation=haarlem.pk))
    assert response.status_code == 302, response.content.decode()[:3000]
    obj = MkbaAnalysis.objects.get()
    assert obj.created_by == broker_haarlem and obj.kind == "key_figures"
    assert obj.indicators.get().deadweight == D("0.3")
    assert obj.change_steps.count() == 1 and obj.assumptions.count() == 1
    # 2 × 17,500 × 0.6 = 21,000
    assert obj.result.total_impact == D("21000.00")


def test_calculator_shows_errors_next_to_the_field(login, haarlem, broker_haarlem):
    client = login(broker_haarlem)
    response = client.post(reverse("financing:mkba-create"), form_data(
        organisation=haarlem.pk, **{"indicators-0-deadweight": "0,8", "indicators-0-attribution": "0,5"}))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_indicators-0-substitution_error"' in page and "samen mogen niet meer dan 1" in page
    assert not MkbaAnalysis.objects.exists()


def test_live_calculation_returns_figures_and_out_of_band_errors(login, broker_haarlem):
    client = login(broker_haarlem)
    url = reverse("financing:mkba-calculate")
    response = client.post(url, form_data(), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert "21.000,00" in page and "mkba-chart-data" in page and "(geschat)" in page
    response = client.post(url, form_data(**{"indicators-0-count": "-1"}), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert 'id="id_indicators-0-count_error" aria-live="polite" data-swap-if-changed hx-swap-oob="innerHTML"><p>' in page
    assert 'id="mkba-no-result"' in page
    assert client.get(url)["Location"] == reverse("financing:mkba-list")  # a person is sent to the list


def test_edit_keeps_and_deletes_rows(login, haarlem, broker_haarlem):
    obj = analysis(haarlem)
    client = login(broker_haarlem)
    page = client.get(reverse("financing:mkba-update", args=[obj.pk]))
    assert page.status_code == 200 and "Uit de bijstand" in page.content.decode()
    indicator = obj.indicators.get()
    data = form_data(organisation=haarlem.pk, **{
        "indicators-INITIAL_FORMS": "1", "indicators-0-id": str(indicator.pk), "indicators-0-analysis": str(obj.pk),
        "indicators-0-count": "3",
        "steps-TOTAL_FORMS": "0", "assumptions-TOTAL_FORMS": "0"})
    response = client.post(reverse("financing:mkba-update", args=[obj.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    indicator.refresh_from_db()
    assert indicator.count == 3


def test_detail_shows_estimates_and_hides_confidential_assumptions(login, haarlem, broker_haarlem, ondernemer_1,
                                                                   enterprise_haarlem):
    obj = analysis(haarlem, enterprise=enterprise_haarlem, is_shared=True)
    page = login(broker_haarlem).get(obj.get_absolute_url()).content.decode()
    assert "Bruto-opbrengst (outcome, geschat)" in page and "Quick scan" in page
    assert "Vertrouwelijke aanname" in page and "mkba-chart-data" in page
    page = login(ondernemer_1).get(obj.get_absolute_url()).content.decode()
    assert "Openbare aanname" in page and "Vertrouwelijke aanname" not in page
    assert Assumption.objects.filter(visibility="private").exists()


def test_list_filters_exports_and_has_constant_queries(login, haarlem, amersfoort, broker_haarlem,
                                                       django_assert_max_num_queries):
    for index in range(3):
        analysis(haarlem, title=f"Analyse {index}")
    analysis(amersfoort, title="Van Amersfoort")
    client = login(broker_haarlem)
    url = reverse("financing:mkba-list")
    with django_assert_max_num_queries(14):
        page = client.get(url).content.decode()
    assert "Analyse 0" in page and "Van Amersfoort" not in page
    for index in range(3, 9):
        analysis(haarlem, title=f"Analyse {index}")
    with django_assert_max_num_queries(14):
        assert "Analyse 8" in client.get(url).content.decode()
    assert "Analyse 1" not in client.get(url + "?q=Analyse+2").content.decode()
    export = client.get(url + "?_export=csv")
    assert export.status_code == 200
    content = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "Analyse 2" in content and "9000" in content


def test_access(login, haarlem, broker_amersfoort, stuurgroep, ondernemer_1, inkoper_haarlem, enterprise_haarlem):
    obj = analysis(haarlem, enterprise=enterprise_haarlem)
    assert login(broker_amersfoort).get(obj.get_absolute_url()).status_code == 404
    assert login(ondernemer_1).get(obj.get_absolute_url()).status_code == 404  # not shared
    assert login(stuurgroep).get(reverse("financing:mkba-list")).status_code == 403
    assert login(inkoper_haarlem).get(reverse("financing:mkba-update", args=[obj.pk])).status_code == 403
    assert login(inkoper_haarlem).get(reverse("financing:mkba-create")).status_code == 403


def test_pdf_has_the_figures_and_an_svg_chart(login, haarlem, broker_haarlem, tmp_path):
    obj = analysis(haarlem, title="Kringloop Haarlem")
    response = login(broker_haarlem).get(reverse("financing:mkba-pdf", args=[obj.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    path = tmp_path / "mkba.pdf"
    path.write_bytes(response.content)
    text = subprocess.run([shutil.which("pdftotext"), "-layout", str(path), "-"], check=True,  # noqa: S603
                          capture_output=True, text=True).stdout
    assert "Kringloop Haarlem" in text and "Quick scan" in text and "geschat" in text
    assert "Netto-impact" in text and "Vertrouwelijke aanname" in text  # the owner's brokers see it


def test_pdf_tables_stay_inside_the_margins(login, haarlem, broker_haarlem):
    """The eight-column table per indicator ran past the right margin (its last column at 555 of
    544 points) with long indicator names and six-figure amounts."""
    obj = analysis(haarlem, title="Leerwerkbedrijf", indicators=[
        {"name": "Jongeren duurzaam uit de bijstand", "count": D(8), "value_per_case": D(17500),
         "beneficiary": "social_assistance", "deadweight": D("0.3"), "attribution": D("0.1"),
         "substitution": D("0.05"), "short_term": D("0.4"), "medium_term": D("0.3"), "long_term": D("0.3")},
        {"name": "Startkwalificatiebehaald", "count": D(60), "value_per_case": D(104200),
         "beneficiary": "education"},
    ])
    content = login(broker_haarlem).get(reverse("financing:mkba-pdf", args=[obj.pk])).content
    words = [word for word, _x0, _x1 in pdf_words(content)]
    assert "6.252.000,00" in words  # the widest amount is in the file
    assert "1.265,80" in words  # the benefit-cost ratio, its thousands grouped as the amounts' are
    assert words_outside_the_margins(content) == []


def test_pdf_template_draws_the_yearly_benefits_as_svg_bars(monkeypatch, login, haarlem, broker_haarlem):
    from financing.views import mkba as views

    captured = {}

    def fake_pdf(template_name, context, request=None):
        from django.template.loader import render_to_string

        captured["html"] = render_to_string(template_name, context, request=request)
        return b"%PDF-fake"

    monkeypatch.setattr(views, "render_to_pdf", fake_pdf)
    obj = analysis(haarlem)
    login(broker_haarlem).get(reverse("financing:mkba-pdf", args=[obj.pk]))
    html = captured["html"]
    assert html.count("<rect ") == 10 and "<svg" in html and "jaar 10" in html


def test_svg_bars_geometry():
    from financing import mkba
    from financing.views.mkba import svg_bars

    result = mkba.calculate(mkba.Analysis(indicators=(mkba.Indicator("x", D(1), D(300)),), discount_rate=D(0)))
    chart = svg_bars(result)
    assert len(chart["bars"]) == 10
    assert chart["bars"][0]["height"] > 0 and chart["bars"][9]["height"] == 0
    assert chart["bars"][0]["y"] + chart["bars"][0]["height"] == pytest.approx(chart["axis_y"])
    assert [tick["label"] for tick in chart["ticks"]] == ["€\u00a00", "€\u00a050", "€\u00a0100"]  # whole euros


def test_svg_bars_make_room_for_the_scale():
    """The scale's top label "€ 2.094.266,67" ran past the chart's left edge, its € cut off (the
    PDF test above checks the edge); the scale now runs to a round number."""
    from financing import mkba
    from financing.views.mkba import svg_bars

    small = svg_bars(mkba.calculate(mkba.Analysis(indicators=(mkba.Indicator("x", D(1), D(300)),),
                                                  discount_rate=D(0))))
    large = svg_bars(mkba.calculate(mkba.Analysis(indicators=(mkba.Indicator("x", D(60), D(104200)),),
                                                  discount_rate=D(0))))
    assert [tick["label"] for tick in large["ticks"]] == ["€\u00a00", "€\u00a01.100.000", "€\u00a02.200.000"]
    assert small["left"] == 48 and large["left"] > small["left"]
    # the tallest bar (2.084.000) stands just under the scale's top line
    assert min(bar["y"] for bar in large["bars"]) > large["ticks"][-1]["y"]


def test_svg_bars_without_benefits_draw_only_the_zero_line():
    from financing import mkba
    from financing.views.mkba import svg_bars

    chart = svg_bars(mkba.calculate(mkba.Analysis(indicators=(), discount_rate=D(0))))
    assert [tick["label"] for tick in chart["ticks"]] == ["€\u00a00"]
    assert {bar["height"] for bar in chart["bars"]} == {0}


@pytest.mark.parametrize(("peak", "top"), [
    (D(0), D(0)), (D("-5"), D(0)), (D("0.4"), D(2)), (D(1), D(2)), (D("1.5"), D(2)), (D(2), D(2)),
    (D("2.01"), D(4)), (D(9), D(10)), (D(10), D(10)), (D(11), D(12)), (D(99), D(100)), (D(100), D(100)),
    (D(101), D(120)), (D(300), D(300)), (D(310), D(320)), (D("2094266.67"), D(2200000)),
    (D(2000000), D(2000000)), (D(2000001), D(2200000)),
])
def test_scale_top_is_round_even_and_at_least_the_peak(peak, top):
    from financing.views.mkba import scale_top

    assert scale_top(peak) == top
    assert top == 0 or (top >= peak and (top / 2) == (top / 2).to_integral_value())


def test_the_error_summary_names_each_field_in_error(login, haarlem, broker_haarlem):
    """An empty analysis said only "the fields with an error are marked", somewhere among dozens."""
    data = form_data(organisation=haarlem.pk)
    data["title"] = ""
    html = login(broker_haarlem).post(reverse("financing:mkba-create"), data).content.decode()
    summary = html.split("data-error-summary")[1].split("</div>")[0]
    assert 'href="#id_title"' in summary and "Dit veld is vereist." in summary


def test_the_indicator_tables_abbreviations_are_explained(login, haarlem, broker_haarlem):
    """"DW / AT / SE" headed a column on the page and in the PDF without saying what it means."""
    item = analysis(organisation=haarlem, by=broker_haarlem)
    html = login(broker_haarlem).get(item.get_absolute_url()).content.decode()
    assert 'id="mkba-abbreviations"' in html and "deadweight" in html and "substitutie" in html
