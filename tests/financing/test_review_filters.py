"""The filter panels of the MKBA list and the outcome contracts after the user review: unfiltered
on a first visit ("Filters", not "Filters (1)"), yes/no filters that offer "Alle" as every other
list does (not Django's "Onbekend"), and the MKBA list's key filters hidden like the other lists'."""

from html.parser import HTMLParser

import pytest

from financing.models import MkbaAnalysis

from .mkba_factories import analysis
from .outcome_factories import contract

pytestmark = pytest.mark.django_db
MKBA, CONTRACTS = "/financiering/mkba/", "/financiering/uitkomstcontracten/"


class FilterFields(HTMLParser):
    """The filter form's fields as portal.js counts them: ``{name: (type, value)}``, a select's value
    the selected option's (else its first), and the labels of each select's options."""

    def __init__(self):
        super().__init__()
        self.fields, self.options, self._form, self._select, self._option = {}, {}, False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("role") == "search":
            self._form = True
        elif not self._form:
            return
        elif tag == "input":
            self.fields[attrs["name"]] = (attrs.get("type", "text"), attrs.get("value") or "")
        elif tag == "select":
            self._select = attrs["name"]
            self.options[self._select] = []
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            self._option = value
            if "selected" in attrs or self._select not in self.fields:
                self.fields[self._select] = ("select", value)

    def handle_data(self, data):
        if self._option is not None and self._select:
            self.options[self._select].append(data.strip())

    def handle_endtag(self, tag):
        if tag == "option":
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._form = False


def filter_fields(response) -> FilterFields:
    assert response.status_code == 200
    parser = FilterFields()
    parser.feed(response.content.decode())
    return parser


def in_use(parser) -> dict:
    """What portal.js counts in "Filters (n)": visible fields with a value."""
    return {name: value for name, (kind, value) in parser.fields.items() if kind != "hidden" and value != ""}


@pytest.mark.parametrize(("url", "name", "label"), [
    (MKBA, "is_shared", "Gedeeld met de onderneming"),
    (CONTRACTS, "is_published", "Gepubliceerd als open data"),
])
def test_a_first_visit_is_unfiltered_and_yes_no_filters_offer_all(login, client, broker_haarlem, url, name, label):
    client = login(broker_haarlem)
    page = filter_fields(client.get(url))
    assert in_use(page) == {}  # "Filters", not "Filters (1)"
    assert page.fields[name] == ("select", "")
    assert page.options[name] == ["Alle", "Ja", "Nee"]
    assert label in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    assert filter_fields(client.get(url)).options[name] == ["All", "Yes", "No"]


def test_the_yes_no_filters_still_filter_in_the_list_and_the_api(login, api, haarlem, broker_haarlem,
                                                                 enterprise_haarlem):
    analysis(haarlem, title="Gedeelde analyse", enterprise=enterprise_haarlem, is_shared=True)
    analysis(haarlem, title="Interne analyse")
    contract(haarlem, enterprise_haarlem, title="Open contract", is_published=True)
    contract(haarlem, enterprise_haarlem, title="Besloten contract")
    client = login(broker_haarlem)
    for url, query, shown, hidden in [
        (MKBA, {"is_shared": "true"}, "Gedeelde analyse", "Interne analyse"),
        (MKBA, {"is_shared": "false"}, "Interne analyse", "Gedeelde analyse"),
        (CONTRACTS, {"is_published": "true"}, "Open contract", "Besloten contract"),
        (CONTRACTS, {"is_published": "false"}, "Besloten contract", "Open contract"),
    ]:
        response = client.get(url, query)
        body = response.content.decode()
        assert shown in body and hidden not in body, (url, query)
        assert in_use(filter_fields(response)) == query
    rows = api(broker_haarlem).get("/api/v1/financing/analyses/", {"is_shared": "true"}).json()["results"]
    assert [row["title"] for row in rows] == ["Gedeelde analyse"]


def test_the_mkba_list_hides_its_key_filters_and_names_the_enterprise(login, api, haarlem, broker_haarlem,
                                                                      enterprise_haarlem):
    analysis(haarlem, title="Van de onderneming", enterprise=enterprise_haarlem)
    analysis(haarlem, title="Zonder onderneming")
    client = login(broker_haarlem)
    page = filter_fields(client.get(MKBA))
    assert page.fields["enterprise"][0] == "hidden" and page.fields["sroi_contract"][0] == "hidden"
    response = client.get(MKBA, {"enterprise": enterprise_haarlem.pk})
    body = response.content.decode()
    assert "Van de onderneming" in body and "Zonder onderneming" not in body
    key = body.split("data-key-filter>")[1].split("</p>")[0]
    assert f"Onderneming: <strong>{enterprise_haarlem.name}</strong>" in key and "(nummer)" not in body
    assert in_use(filter_fields(response)) == {}  # the key is named above the form, not counted in it
    rows = api(broker_haarlem).get("/api/v1/financing/analyses/", {"enterprise": enterprise_haarlem.pk}).json()
    assert [row["title"] for row in rows["results"]] == ["Van de onderneming"]
    assert MkbaAnalysis.objects.count() == 2
