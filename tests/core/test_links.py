"""reverse_with_id: a route with one integer argument reversed once, the number put in place."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from impactportal import links


@pytest.mark.parametrize("viewname", ["enterprises:detail", "helpdesk:case-detail", "job-detail"])
@pytest.mark.parametrize("value", [0, 1, 7, 10, 918273645, 2**40])
def test_same_path_as_reverse(viewname, value):
    assert links.reverse_with_id(viewname, value) == reverse(viewname, args=[value])


def test_each_script_prefix_and_language_has_its_own_path():
    try:
        set_script_prefix("/portaal/")
        assert links.reverse_with_id("enterprises:detail", 5) == reverse("enterprises:detail", args=[5])
        assert links.reverse_with_id("enterprises:detail", 5).startswith("/portaal/")
    finally:
        set_script_prefix("/")
    with translation.override("en"):
        assert links.reverse_with_id("enterprises:detail", 5) == reverse("enterprises:detail", args=[5])
    assert not links.reverse_with_id("enterprises:detail", 5).startswith("/portaal/")


@pytest.mark.parametrize("value", [-1, True, "12", 1.0])
def test_anything_but_a_whole_number_goes_through_reverse(value):
    """What the <int:…> converter rejects is rejected as reverse() rejects it."""
    try:
        expected = reverse("enterprises:detail", args=[value])
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            links.reverse_with_id("enterprises:detail", value)
    else:
        assert links.reverse_with_id("enterprises:detail", value) == expected


def test_an_unknown_route_still_fails():
    with pytest.raises(NoReverseMatch):
        links.reverse_with_id("no-such-route", 1)
