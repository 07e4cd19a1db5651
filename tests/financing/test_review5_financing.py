"""User review 5, financing: a payment's calculation line is written in the page's language with
amounts as that language writes them; a new MKBA analysis preselects the user's only organisation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from financing import outcomes as rules
from financing import services_outcomes as services
from financing.models import MkbaAnalysis

from . import outcome_factories as of
from .test_mkba_views import form_data

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def paid_claim(haarlem, enterprise_haarlem, ondernemer_1, broker_haarlem):
    """7 outcomes at € 6.500 against a cap of € 39.000: capped by the metric."""
    metric = of.metric(of.contract(haarlem, enterprise_haarlem, maximum="100000.00"), price="6500.00", cap="39000.00")
    claim = services.claim_submit(contract=metric.contract, metric=metric, period_start=dt.date(2025, 1, 1),
                                  period_end=dt.date(2025, 3, 31), claimed_count=7, by=ondernemer_1)
    claim = services.claim_verify(claim=claim, by=broker_haarlem, accepted_count=7, reason="")
    services.claim_pay(claim=claim, by=broker_haarlem)
    return claim


def calculation(page):
    start = page.index('id="payment-calculation">') + len('id="payment-calculation">')
    return page[start:page.index("</p>", start)]


def test_the_calculation_line_follows_the_page_language(paid_claim, broker_haarlem, login):
    client = login(broker_haarlem)
    dutch = calculation(client.get(paid_claim.get_absolute_url()).content.decode())
    assert dutch == ("7 × €\u00a06.500,00 = €\u00a045.500,00; begrensd door het plafond van de uitkomstmaat "
                     "(nog €\u00a039.000,00 ruimte): €\u00a039.000,00")
    client.cookies["django_language"] = "en"
    english = calculation(client.get(paid_claim.get_absolute_url()).content.decode())
    assert english == ("7 × €6,500.00 = €45,500.00; capped by the cap of the outcome "
                       "metric (€39,000.00 left): €39,000.00")


def test_the_stored_record_is_dutch_with_dutch_amounts(paid_claim):
    assert paid_claim.payment.explanation.startswith("7 × €\u00a06.500,00 = €\u00a045.500,00; begrensd")


@pytest.mark.parametrize(("language", "expected"), [
    ("nl", "4 × €\u00a05.000,00 = €\u00a020.000,00; begrensd door het contractmaximum (nog €\u00a08.000,00 "
           "ruimte): €\u00a08.000,00"),
    ("en", "4 × €5,000.00 = €20,000.00; capped by the contract maximum (€8,000.00 left): "
           "€8,000.00"),
])
def test_contract_maximum_line_in_both_languages(language, expected):
    with translation.override(language):
        assert rules.explain(count=4, price=D("5000"), calculated=D("20000.00"), amount=D("8000.00"),
                             capped_by=rules.CONTRACT_MAXIMUM) == expected


# --- 5. the MKBA form preselects the only organisation -------------------------------------------


def test_new_analysis_preselects_the_only_organisation(haarlem, broker_haarlem, login):
    page = login(broker_haarlem).get(reverse("financing:mkba-create")).content.decode()
    select = page[page.index('name="organisation"'):]
    select = select[:select.index("</select>")]
    assert f'value="{haarlem.pk}" selected' in select


def test_new_analysis_still_saves_with_its_rows(haarlem, broker_haarlem, login):
    client = login(broker_haarlem)
    response = client.post(reverse("financing:mkba-create"), form_data(organisation=haarlem.pk))
    assert response.status_code == 302
    analysis = MkbaAnalysis.objects.get()
    assert analysis.organisation == haarlem and analysis.created_by == broker_haarlem
    assert analysis.indicators.count() == 1 and analysis.change_steps.count() == 1


def test_editing_keeps_the_stored_organisation(haarlem, broker_haarlem, login):
    client = login(broker_haarlem)
    client.post(reverse("financing:mkba-create"), form_data(organisation=haarlem.pk))
    analysis = MkbaAnalysis.objects.get()
    page = client.get(reverse("financing:mkba-update", args=[analysis.pk])).content.decode()
    assert 'value="Leerwerkbedrijf Spaarne"' in page and f'value="{haarlem.pk}" selected' in page
