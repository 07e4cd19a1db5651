"""A rule set's threshold and cap as its page writes them: whole euros without cents, as its rates
("€ 30.000 per fte-jaar"), and in English as British English writes amounts, the sign against the
figure (€50,000, not € 50,000)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.procurement import factories as pf

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "threshold", "cap"), [
    ("nl", "€\u00a050.000</span>", "€\u00a030.000,50</span>"),
    ("en", "€50,000</span>", "€30,000.50</span>"),
])
def test_the_threshold_and_cap_in_each_language(login, broker_haarlem, haarlem, language, threshold, cap):
    rule_set = pf.rule_set(organisation=haarlem, threshold=Decimal("50000.00"), cap=Decimal("30000.50"))
    client = login(broker_haarlem)
    client.cookies["django_language"] = language
    page = client.get(reverse("procurement:rule-set-detail", args=[rule_set.pk])).content.decode()
    assert f'<span class="portal-figure">{threshold}' in page
    assert f'<span class="portal-figure">{cap}' in page


def test_no_cap_is_a_dash(login, broker_haarlem, haarlem):
    rule_set = pf.rule_set(organisation=haarlem, cap=None)
    page = login(broker_haarlem).get(reverse("procurement:rule-set-detail", args=[rule_set.pk])).content.decode()
    assert '<span class="portal-figure">—</span>' in page
