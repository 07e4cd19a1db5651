"""A claim over a period that overlaps another claim of the same measure is refused: the same
outcomes were claimed (January–March, then January–June) and paid twice."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from financing import services_outcomes as services
from financing.models import ClaimStatus, OutcomeClaim

from . import outcome_factories as of

D = dt.date


@pytest.fixture
def metric(haarlem, enterprise_haarlem):
    return of.metric(of.contract(haarlem, enterprise_haarlem, maximum="30000.00"), price="500.00", target=4)


def submit(metric, by, start, end, count=1):
    return services.claim_submit(contract=metric.contract, metric=metric, period_start=start, period_end=end,
                                 claimed_count=count, by=by)


@pytest.mark.parametrize(("start", "end"), [
    (D(2025, 1, 1), D(2025, 6, 30)),  # covers the first quarter
    (D(2025, 1, 15), D(2025, 3, 31)),  # inside it
    (D(2025, 3, 31), D(2025, 4, 30)),  # shares its last day
    (D(2025, 1, 1), D(2025, 1, 1)),  # its first day alone
])
def test_an_overlapping_period_is_refused(metric, ondernemer_1, start, end):
    submit(metric, ondernemer_1, D(2025, 1, 1), D(2025, 3, 31))
    with pytest.raises(ValidationError) as refused:
        submit(metric, ondernemer_1, start, end)
    assert refused.value.message_dict["period_start"] == [
        "Deze periode overlapt met een claim voor deze uitkomstmaat over 01-01-2025 – 31-03-2025: een uitkomst "
        "wordt één keer geclaimd. Claim de periode ervoor of erna."]
    assert OutcomeClaim.objects.count() == 1


def test_adjacent_periods_a_rejected_claim_and_another_measure_do_not_block(metric, ondernemer_1, broker_haarlem):
    first = submit(metric, ondernemer_1, D(2025, 1, 1), D(2025, 3, 31))
    submit(metric, ondernemer_1, D(2025, 4, 1), D(2025, 6, 30))  # the next quarter
    OutcomeClaim.objects.filter(pk=first.pk).update(status=ClaimStatus.REJECTED)
    submit(metric, ondernemer_1, D(2025, 1, 1), D(2025, 2, 28))  # the rejected claim's period again
    other = of.metric(metric.contract, name="Minder uitkeringen", price="500.00", target=4)
    submit(other, ondernemer_1, D(2025, 1, 1), D(2025, 3, 31))
    assert OutcomeClaim.objects.count() == 4


def test_the_same_period_keeps_its_own_message(metric, ondernemer_1):
    submit(metric, ondernemer_1, D(2025, 1, 1), D(2025, 3, 31))
    with pytest.raises(ValidationError) as refused:
        submit(metric, ondernemer_1, D(2025, 1, 1), D(2025, 3, 31))
    assert refused.value.message_dict["period_start"] == ["Voor deze uitkomstmaat en periode is al een claim ingediend."]


def test_the_statement_says_what_the_caps_still_let_pay(haarlem, enterprise_haarlem, ondernemer_1, broker_haarlem,
                                                        login):
    """"Nog beschikbaar € 15.000" while the only measure's cap had € 5.000 left: nothing more than
    that can be paid, and the statement says so beside the contract's room."""
    from django.urls import reverse

    from .test_outcomes import verified

    capped = of.metric(of.contract(haarlem, enterprise_haarlem, maximum="30000.00"), price="5000.00", target=10,
                       cap="20000.00")
    services.claim_pay(claim=verified(capped, ondernemer_1, broker_haarlem, 3), by=broker_haarlem)  # 15,000
    statement = services.statement(capped.contract)
    assert (statement["room"], statement["payable"]) == (Decimal(15000), Decimal(5000))
    page = login(broker_haarlem).get(reverse("financing:outcome-contract-statement", args=[capped.contract.pk]))
    html = page.content.decode().replace("\xa0", " ")
    assert "binnen de plafonds per uitkomstmaat kan nog € 5.000,00 worden uitbetaald" in html, html.split(
        'id="statement-room"')[1][:400]
    # Without a cap on every measure the contract's room is what can be paid.
    of.metric(capped.contract, name="Minder uitkeringen", price="500.00", target=4)
    assert services.statement(capped.contract)["payable"] == Decimal(15000)
