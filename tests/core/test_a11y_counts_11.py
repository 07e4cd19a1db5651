"""Walk 11 of the counts a screen reader hears: the enterprise search field's status sentence comes
from the server (ngettext, "10 of meer" when there were more than it shows), and the knowledge base
and a contract's matches carry their count (data-result-count) for the live search's status."""

import re

import pytest
from django.urls import reverse

from brokers.constants import InstrumentKind
from brokers.models import KnowledgeInstrument
from enterprises.constants import AdmissionStatus
from enterprises.search_field import MAX_SUGGESTIONS, EnterpriseSearchInput
from tests import factories as f

from ..procurement.test_matching_paging import candidates, contract, places  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

LIST_ID = "id_supplier-suggestions"


def suggest(client, q):
    """The supplier suggestions as htmx asks them (HX-Target names the field's <datalist>)."""
    return client.get(reverse("enterprises:suggestions"), {"purpose": "supplier", "field": "supplier", "supplier": q},
                      HTTP_HX_REQUEST="true", HTTP_HX_TARGET=LIST_ID).content.decode()


def status_of(html: str) -> str:
    found = re.findall(rf'<span id="{LIST_ID}-status" hx-swap-oob="innerHTML">([^<]*)</span>', html)
    assert len(found) == 1, html
    return found[0]


def enterprises(haarlem, count, prefix="Zoekbedrijf"):
    return [f.EnterpriseFactory(name=f"{prefix} {i:02d}", municipality=haarlem,
                                admission_status=AdmissionStatus.ADMITTED) for i in range(count)]


def test_the_field_has_an_empty_status_outside_its_list_and_no_texts_for_a_script():
    html = str(EnterpriseSearchInput().render("supplier", "", {"id": "id_supplier"}))
    tag = re.search(rf'<span id="{LIST_ID}-status"[^>]*></span>', html).group(0)
    assert 'role="status"' in tag and "aria-live" not in tag and "data-" not in tag
    assert html.index("</datalist>") < html.index(f'id="{LIST_ID}-status"')


def test_one_and_several_suggestions_are_counted_with_ngettext(login, broker_haarlem, haarlem):
    enterprises(haarlem, 3)
    enterprises(haarlem, 1, prefix="Eenling")
    client = login(broker_haarlem)
    one = suggest(client, "Eenling")
    assert status_of(one) == "1 suggestie; kies met pijl omlaag"
    # The options come first and are what the <datalist> gets (htmx takes the oob status out).
    assert one.startswith('<option value="') and one.count("<option") == 1
    assert status_of(suggest(client, "Zoekbedrijf")) == "3 suggesties; kies met pijl omlaag"


def test_a_full_list_says_there_were_more(login, broker_haarlem, haarlem):
    enterprises(haarlem, MAX_SUGGESTIONS + 1)
    html = suggest(login(broker_haarlem), "Zoekbedrijf")
    assert html.count("<option") == MAX_SUGGESTIONS
    assert status_of(html) == f"{MAX_SUGGESTIONS} of meer suggesties; kies met pijl omlaag of typ meer om te verfijnen"


def test_exactly_the_maximum_is_not_more(login, broker_haarlem, haarlem):
    enterprises(haarlem, MAX_SUGGESTIONS)
    assert status_of(suggest(login(broker_haarlem), "Zoekbedrijf")) == f"{MAX_SUGGESTIONS} suggesties; kies met pijl omlaag"


def test_none_found_and_too_little_typed(login, broker_haarlem, haarlem):
    enterprises(haarlem, 2)
    client = login(broker_haarlem)
    none = suggest(client, "qqzzxxqq")
    assert "<option" not in none and status_of(none) == "Geen ondernemingen gevonden; typ meer of iets anders"
    assert status_of(suggest(client, "Z")) == ""  # too little typed: nothing said (an earlier sentence cleared)


# --- the knowledge base --------------------------------------------------------------------------


@pytest.fixture
def instruments(db):
    return [KnowledgeInstrument.objects.create(name=name, kind=kind, description="Voor ondernemers")
            for name, kind in (("Finance Tool", InstrumentKind.FINANCING), ("Impact Noord", InstrumentKind.NETWORK),
                               ("Impactnetwerk Zuid", InstrumentKind.NETWORK))]


def test_the_knowledge_base_has_one_status_region_outside_its_results(client, instruments):
    page = client.get(reverse("helpdesk:instrument-list")).content.decode()
    assert page.count("data-results-status") == 1
    status = re.search(r"<p [^>]*data-results-status[^>]*></p>", page).group(0)
    assert 'role="status"' in status and 'class="visually-hidden"' in status and "aria-live" not in status
    assert page.index("data-results-status") < page.index('<div id="results">')
    assert re.search(r"<h2 [^>]*data-result-count[^>]*>3 resultaten</h2>", page)


def test_the_knowledge_search_answer_carries_its_count(client, instruments):
    url = reverse("helpdesk:instrument-list")
    found = client.get(url, {"q": "impact"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in found and "data-results-status" not in found
    assert re.search(r"<h2 [^>]*data-result-count[^>]*>2 resultaten</h2>", found)
    one = client.get(url, {"q": "finance"}, HTTP_HX_REQUEST="true").content.decode()
    assert re.search(r"<h2 [^>]*data-result-count[^>]*>1 resultaat</h2>", one)
    none = client.get(url, {"q": "zzqqxx"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<span data-result-count>Niets gevonden.</span>" in none


# --- a contract's matches ------------------------------------------------------------------------


def test_the_matches_answer_carries_its_count(client, broker_haarlem, places, contract):  # noqa: F811
    candidates(contract, places["haarlem"], 3)
    client.force_login(broker_haarlem)
    url = reverse("procurement:contract-matches", args=[contract.pk])
    page = client.get(url).content.decode()
    assert page.count("data-results-status") == 1 and page.index("data-results-status") < page.index('<div id="results">')
    answer = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in answer
    assert re.search(r'<h2 [^>]*id="matches-count" tabindex="-1" data-result-count>3 resultaten</h2>', answer)
    none = client.get(url, {"vestiging": "regio", "q": "zzqqxx"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<span data-result-count>Geen matches met deze filters.</span>" in none
