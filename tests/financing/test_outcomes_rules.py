"""The pure rules of outcome contracts: payment arithmetic (caps, the contract maximum, what was
paid before), verification outcomes and every branch of the SIB feasibility check."""

from decimal import Decimal

import pytest

from financing import outcomes as rules

D = Decimal


def pay(count=4, price="5000", cap=None, metric_paid="0", maximum="100000", contract_paid="0"):
    return rules.payment_for(count=count, price=D(price), metric_cap=None if cap is None else D(cap),
                             metric_paid=D(metric_paid), contract_maximum=D(maximum), contract_paid=D(contract_paid))


def test_uncapped_payment_is_count_times_price():
    result = pay(count=4, price="5000")
    assert (result.calculated, result.amount, result.capped_by) == (D("20000.00"), D("20000.00"), "")
    # The Dutch record writes amounts as Dutch does (user review 5: it said "€ 5000.00").
    assert result.explanation == "4 × €\u00a05.000,00 = €\u00a020.000,00"


def test_price_with_cents_is_rounded_half_up():
    result = pay(count=3, price="0.005")  # 0.015 → 0.02
    assert result.calculated == D("0.02")


def test_metric_cap_binds_with_what_was_paid_before():
    result = pay(count=4, price="5000", cap="30000", metric_paid="15000")
    assert result.amount == D("15000.00")
    assert result.capped_by == rules.METRIC_CAP
    assert "plafond van de uitkomstmaat" in result.explanation


def test_contract_maximum_binds_when_tighter_than_the_cap():
    result = pay(count=4, price="5000", cap="30000", maximum="50000", contract_paid="42000")
    assert result.amount == D("8000.00")
    assert result.capped_by == rules.CONTRACT_MAXIMUM


def test_cap_binds_when_tighter_than_the_maximum():
    result = pay(count=4, price="5000", cap="12000", maximum="50000", contract_paid="40000")
    assert (result.amount, result.capped_by) == (D("10000.00"), rules.CONTRACT_MAXIMUM)
    result = pay(count=4, price="5000", cap="9000", maximum="50000", contract_paid="40000")
    assert (result.amount, result.capped_by) == (D("9000.00"), rules.METRIC_CAP)


def test_nothing_left_pays_zero_and_says_why():
    result = pay(count=2, price="100", maximum="1000", contract_paid="1000")
    assert (result.amount, result.capped_by) == (D("0.00"), rules.CONTRACT_MAXIMUM)
    # Overpaid before (data corrected later): still never negative.
    assert pay(count=2, price="100", cap="50", metric_paid="80").amount == D("0.00")


def test_exactly_fitting_payment_is_not_capped():
    result = pay(count=2, price="500", cap="1000", maximum="1000")
    assert (result.amount, result.capped_by) == (D("1000.00"), "")


def test_negative_input_is_refused():
    with pytest.raises(ValueError):
        pay(count=-1)


@pytest.mark.parametrize(("claimed", "accepted", "reason", "expected"), [
    (5, 5, "", rules.ACCEPTED),
    (5, 3, "Twee zonder loonstrook", rules.PARTLY),
    (5, 0, "Geen bewijs", rules.REJECTED),
])
def test_verification_outcomes(claimed, accepted, reason, expected):
    assert rules.verification_outcome(claimed=claimed, accepted=accepted, reason=reason) == expected


@pytest.mark.parametrize(("accepted", "reason", "field"), [(6, "x", "accepted_count"), (-1, "x", "accepted_count"),
                                                           (3, "  ", "reason"), (0, "", "reason")])
def test_verification_refusals_name_the_field(accepted, reason, field):
    with pytest.raises(ValueError, match=field):
        rules.verification_outcome(claimed=5, accepted=accepted, reason=reason)


# --- feasibility --------------------------------------------------------------------------

ALL_YES = dict.fromkeys(rules.QUESTION_NAMES, rules.YES)


def test_six_yes_is_go():
    result = rules.feasibility(ALL_YES)
    assert result.conclusion == rules.GO
    assert len(result.reasons) == 1


@pytest.mark.parametrize("name", ["societal_case", "causal_link", "benefits_exceed_costs"])
def test_a_no_to_an_essential_question_is_no_go(name):
    result = rules.feasibility({**ALL_YES, name: rules.NO, "sufficient_scale": rules.UNKNOWN})
    assert result.conclusion == rules.NO_GO
    question = next(q for q in rules.QUESTIONS if q.name == name)
    # Only the blocking reasons: what else is uncertain does not matter for a no-go.
    assert [str(r) for r in result.reasons] == [str(question.if_no)]


@pytest.mark.parametrize("name", ["few_beneficiaries", "sufficient_scale", "committed_parties"])
def test_a_no_to_another_question_is_explore_with_that_reason(name):
    result = rules.feasibility({**ALL_YES, name: rules.NO})
    question = next(q for q in rules.QUESTIONS if q.name == name)
    assert result.conclusion == rules.EXPLORE
    assert [str(r) for r in result.reasons] == [str(question.if_no)]


@pytest.mark.parametrize("answer", [rules.PARTLY_ANSWER, rules.UNKNOWN])
@pytest.mark.parametrize("name", rules.QUESTION_NAMES)
def test_an_unsure_answer_anywhere_is_explore(name, answer):
    result = rules.feasibility({**ALL_YES, name: answer})
    question = next(q for q in rules.QUESTIONS if q.name == name)
    assert result.conclusion == rules.EXPLORE
    assert [str(r) for r in result.reasons] == [str(question.if_unsure)]


def test_two_essential_noes_give_both_reasons_in_question_order():
    result = rules.feasibility({**ALL_YES, "benefits_exceed_costs": rules.NO, "societal_case": rules.NO})
    assert result.conclusion == rules.NO_GO
    assert [str(r) for r in result.reasons] == [str(rules.QUESTIONS[0].if_no), str(rules.QUESTIONS[3].if_no)]


def test_missing_or_bad_answers_are_refused():
    with pytest.raises(ValueError, match="causal_link"):
        rules.feasibility({**ALL_YES, "causal_link": "misschien"})
    with pytest.raises(ValueError, match="committed_parties"):
        rules.feasibility({k: v for k, v in ALL_YES.items() if k != "committed_parties"})
