"""The monitoring counts of the bottleneck register: pure tallies (no database) and the
one-query reading of a queryset."""

import pytest

from ecosystem.bottleneck_figures import counts_by_status_and_theme, tally, theme_level_table


def test_tally_counts_per_status_and_theme_with_zeros():
    counts = tally([("signalled", "financing", 2), ("solved", "financing", 1), ("on_agenda", "legislation", 3),
                    ("onbekend", "financing", 9), ("signalled", "onbekend", 9)])
    assert counts.total == 6
    assert counts.by_status == {"signalled": 2, "on_agenda": 3, "in_progress": 0, "solved": 1, "unsolvable": 0}
    assert counts.by_theme["financing"] == 3 and counts.by_theme["legislation"] == 3 and counts.by_theme["other"] == 0
    assert counts.matrix["financing"]["solved"] == 1
    assert [label for _value, label, _n in counts.status_rows()][:2] == ["Gesignaleerd", "Geagendeerd"]


def test_tally_of_nothing():
    counts = tally([])
    assert counts.total == 0 and set(counts.by_status.values()) == {0}


def test_theme_level_table_leaves_out_empty_themes():
    rows = theme_level_table([("legislation", "national", 2), ("legislation", "municipality", 1),
                              ("permits", "municipality", 1), ("legislation", "onbekend", 5)])
    assert [row["theme"] for row in rows] == ["legislation", "permits"]
    assert rows[0]["levels"] == [1, 0, 0, 2] and rows[0]["total"] == 3


@pytest.mark.django_db
def test_counts_of_a_queryset_in_one_query(haarlem, broker_haarlem, django_assert_num_queries):
    from ecosystem.models import Bottleneck

    for theme, status in (("financing", "signalled"), ("financing", "solved"), ("permits", "signalled")):
        Bottleneck.objects.create(organisation=haarlem, theme=theme, status=status, level="municipality",
                                  title=f"{theme} {status}", description="x")
    scoped = Bottleneck.objects.for_user(broker_haarlem)  # reads the user's memberships once
    with django_assert_num_queries(1):
        counts = counts_by_status_and_theme(scoped)
    assert counts.by_status["signalled"] == 2 and counts.by_theme["financing"] == 2 and counts.total == 3
