"""Second user review of the MKBA calculator: the live result of an existing analysis, Dutch number
input (thousands separator) and what a fraction field says when a percentage is typed."""

import json
from decimal import Decimal as D
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from financing.forms.mkba import FiguresForm, IndicatorForm

from .mkba_factories import analysis
from .test_mkba_views import form_data

pytestmark = pytest.mark.django_db


class FormReader(HTMLParser):
    """What the browser sends of the page's form #mkba-form, where htmx posts it and what htmx
    adds (hx-vals)."""

    def __init__(self):
        super().__init__()
        self.data, self.hx_post, self.hx_vals, self._inside, self._select, self._textarea = (
            {}, None, {}, False, None, None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "mkba-form":
            self._inside, self.hx_post = True, attrs.get("hx-post")
            self.hx_vals = json.loads(attrs.get("hx-vals") or "{}")
        if not self._inside or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            if attrs.get("type") not in ("submit", "button"):
                self.data[attrs["name"]] = attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")
        elif tag == "select":
            self._select = attrs["name"]
            self.data[self._select] = ""
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.data[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.removeprefix("\n") if not self.data[self._textarea] else data

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def edit_page(client, obj) -> FormReader:
    response = client.get(reverse("financing:mkba-update", args=[obj.pk]))
    assert response.status_code == 200
    reader = FormReader()
    reader.feed(response.content.decode())
    assert reader.hx_post and "indicators-0-id" in reader.data
    return reader


# --- 1. the live result of an existing analysis ----------------------------------------------


def test_live_result_of_an_existing_analysis_uses_what_the_edit_page_posts(login, haarlem, broker_haarlem):
    """Changing only the costs on the edit page replaced the figures by "Vul ten minste één
    indicator volledig in": the recalculation built the indicator rows on a new, empty analysis,
    so the stored rows' hidden id and analysis fields did not match and every row was invalid."""
    obj = analysis(haarlem, costs=D("5000"))  # 1 × € 9.000, no corrections, discount rate 0
    client = login(broker_haarlem)
    page = edit_page(client, obj)
    page.data["costs"] = "6000"
    response = client.post(page.hx_post, {**page.data, **page.hx_vals}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="mkba-no-result"' not in html
    assert "9.000,00" in html and "6.000,00" in html and "3.000,00" in html  # outcome, costs, net present value
    # Saving the same values works and gives the same figures.
    assert client.post(reverse("financing:mkba-update", args=[obj.pk]), page.data).status_code == 302
    obj.refresh_from_db()
    assert obj.costs == D("6000") and obj.result.net_present_value == D("3000.00")


def test_live_result_of_an_existing_analysis_leaves_out_a_row_marked_for_deletion(login, haarlem, broker_haarlem):
    obj = analysis(haarlem, indicators=[
        {"name": "Uit de bijstand", "count": D(1), "value_per_case": D(9000)},
        {"name": "Minder schuldhulp", "count": D(2), "value_per_case": D(1000)},
    ])
    client = login(broker_haarlem)
    page = edit_page(client, obj)
    page.data["indicators-1-DELETE"] = "on"
    html = client.post(page.hx_post, {**page.data, **page.hx_vals}, HTTP_HX_REQUEST="true").content.decode()
    assert "Minder schuldhulp" not in html and "Uit de bijstand" in html


def test_live_result_of_an_analysis_is_for_those_who_may_change_it(login, haarlem, broker_amersfoort,
                                                                   inkoper_haarlem):
    obj = analysis(haarlem)
    url = reverse("financing:mkba-calculate")
    assert login(broker_amersfoort).post(url, form_data(analysis=obj.pk), HTTP_HX_REQUEST="true").status_code == 404
    assert login(inkoper_haarlem).post(url, form_data(analysis=obj.pk), HTTP_HX_REQUEST="true").status_code == 403
    assert login(inkoper_haarlem).post(url, form_data(analysis="x"), HTTP_HX_REQUEST="true").status_code == 404
    assert login(inkoper_haarlem).post(url, form_data(), HTTP_HX_REQUEST="true").status_code == 200


# --- 2. Dutch number input ---------------------------------------------------------------------


@pytest.mark.parametrize(("language", "typed", "value"), [
    ("nl", "50.000", D("50000")), ("nl", "50.000,50", D("50000.50")), ("nl", "1.250.000", D("1250000")),
    ("nl", "50000,5", D("50000.5")), ("en", "50,000.50", D("50000.50")), ("en", "50000.5", D("50000.5")),
])
def test_amounts_accept_the_thousands_separator_of_the_language(language, typed, value):
    """"50.000" for the costs gave "niet meer dan 2 cijfers achter de komma": Django read the Dutch
    thousands separator as a decimal point."""
    with translation.override(language):
        figures = FiguresForm({"costs": typed})
        assert figures.is_valid(), figures.errors
        assert figures.cleaned_data["costs"] == value
        row = IndicatorForm({"name": "Uit de bijstand", "count": typed, "value_per_case": typed, "deadweight": "0",
                             "attribution": "0", "substitution": "0", "short_term": "1", "medium_term": "0",
                             "long_term": "0"})
        assert row.is_valid(), row.errors
        assert row.cleaned_data["count"] == row.cleaned_data["value_per_case"] == value


def test_calculator_saves_costs_typed_with_thousands_separators(login, haarlem, broker_haarlem):
    client = login(broker_haarlem)
    data = form_data(organisation=haarlem.pk, costs="50.000,50", **{"indicators-0-value_per_case": "17.500"})
    html = client.post(reverse("financing:mkba-calculate"), data, HTTP_HX_REQUEST="true").content.decode()
    assert "50.000,50" in html and "21.000,00" in html  # the costs, and 2 × 17.500 × 0,6
    response = client.post(reverse("financing:mkba-create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    from financing.models import MkbaAnalysis

    obj = MkbaAnalysis.objects.get()
    assert obj.costs == D("50000.50") and obj.indicators.get().value_per_case == D("17500")


def test_the_api_reads_numbers_as_before():
    """The API (`financing.mkba.parse`) reads a decimal point or comma, no thousands separator; unchanged."""
    from financing import mkba

    assert mkba.parse({"indicators": [{"name": "x", "count": "2", "value_per_case": "17500.5"}],
                       "costs": "50000,50"}).costs == D("50000.50")
    with pytest.raises(mkba.Invalid):
        mkba.parse({"indicators": [{"name": "x", "count": "2", "value_per_case": "1"}], "costs": "50.000,50"})


@pytest.mark.parametrize(("field", "typed", "message"), [
    ("indicators-0-deadweight", "60", "Vul een fractie tussen 0 en 1 in: 0,6 voor 60%."),
    ("indicators-0-long_term", "-0,2", "Vul een fractie tussen 0 en 1 in (bijvoorbeeld 0,25 voor 25%)."),
    ("indicators-0-attribution", "250", "Vul een fractie tussen 0 en 1 in (bijvoorbeeld 0,25 voor 25%)."),
    ("discount_rate", "2,25", "Vul een disconteringsvoet tussen 0 en 0,5 in: 0,0225 voor 2,25%."),
    ("discount_rate", "0,6", "Vul een disconteringsvoet tussen 0 en 0,5 in (bijvoorbeeld 0,0225)."),
])
def test_a_fraction_field_says_what_to_type(login, haarlem, broker_haarlem, field, typed, message):
    """60 for a deadweight of 60% gave "niet meer dan 1 cijfer voor de komma"; the page asks for
    fractions (0,25 for 25%), so the message says which fraction to type."""
    client = login(broker_haarlem)
    slot = f'id="id_{field}_error" aria-live="polite" data-swap-if-changed hx-swap-oob="innerHTML"><p>{message}</p></div>'
    html = client.post(reverse("financing:mkba-calculate"), form_data(**{field: typed}),
                       HTTP_HX_REQUEST="true").content.decode()
    assert slot in html and "cijfer voor de komma" not in html
    response = client.post(reverse("financing:mkba-create"), form_data(organisation=haarlem.pk, **{field: typed}))
    html = response.content.decode()
    assert response.status_code == 400 and message in html and "cijfer voor de komma" not in html


def test_the_discount_rate_shows_its_help_text(login, broker_haarlem):
    html = login(broker_haarlem).get(reverse("financing:mkba-create")).content.decode()
    assert 'id="id_discount_rate_helptext"' in html and "als fractie: 0,0225 is 2,25%" in html


@pytest.mark.parametrize("analysis", ["abc", "9" * 5000, "-1", "0"])
def test_a_garbage_analysis_id_is_not_found(login, broker_haarlem, analysis):
    response = login(broker_haarlem).post(reverse("financing:mkba-calculate"), {"analysis": analysis})
    assert response.status_code == 404
