"""The steering group's decision form shows a vote that did not carry together with the other
fields' errors (the walk about forms), not only once they are fixed."""

from monitoring.views import DecisionForm


def test_a_vote_that_did_not_carry_shows_with_a_wrong_count():
    form = DecisionForm(data={"outcome": "approved", "votes_for": "2", "votes_against": "3", "votes_abstain": "-1"})
    assert not form.is_valid()
    assert set(form.errors) == {"votes_abstain", "votes_for"}
    assert "Bij staken of een meerderheid tegen is het rapport niet vastgesteld." in form.errors["votes_for"]


def test_a_refused_count_is_compared_with_nothing():
    form = DecisionForm(data={"outcome": "approved", "votes_for": "twee", "votes_against": "3"})
    assert not form.is_valid() and set(form.errors) == {"votes_for"} and len(form.errors["votes_for"]) == 1
    assert DecisionForm(data={"outcome": "approved", "votes_for": "4", "votes_against": "3"}).is_valid()
