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


@pytest.mark.parametrize("viewname", ["home", "dashboard", "enterprises:register", "helpdesk:inbox", "api-docs"])
def test_a_route_without_arguments_is_reversed_once_per_prefix(viewname):
    links._plain.clear()
    assert links.reverse_plain(viewname) == links.reverse_plain(viewname) == reverse(viewname)
    try:
        set_script_prefix("/portaal/")
        assert links.reverse_plain(viewname) == reverse(viewname)
        assert links.reverse_plain(viewname).startswith("/portaal/")
    finally:
        set_script_prefix("/")
    assert not links.reverse_plain(viewname).startswith("/portaal/")


def test_an_unknown_route_without_arguments_raises_and_is_not_remembered():
    links._plain.clear()
    with pytest.raises(NoReverseMatch):
        links.reverse_plain("bestaat-niet")
    assert not links._plain


def test_the_url_tag_of_every_template_writes_what_djangos_writes():
    """``{% url %}`` (portal_urls, a builtin): the same HTML as Django's own tag, with and without
    arguments, ``as``, escaping and an unknown name."""
    from django.template import Context, Engine, Template
    from django.template.defaulttags import URLNode

    from impactportal.templatetags.portal_urls import RememberedURLNode

    source = ("{% url 'home' %}|{% url 'enterprises:detail' 5 %}|{% url 'enterprises:detail' pk=6 %}|"
              "{% url name %}|{% url 'home' as here %}{{ here }}|{% url 'bestaat-niet' as nothing %}[{{ nothing }}]")
    ours = Template(source)  # the project's engine: portal_urls is a builtin
    theirs = Engine(libraries={}, builtins=[]).from_string(source)  # Django's defaults only
    assert any(isinstance(node, RememberedURLNode) for node in ours.nodelist)
    assert not any(type(node) is not URLNode and isinstance(node, URLNode) for node in theirs.nodelist)
    context = {"name": "dashboard"}
    assert ours.render(Context(context)) == theirs.render(Context(context))
    assert ours.render(Context(context)).startswith(f"{reverse('home')}|{reverse('enterprises:detail', args=[5])}|")
    with pytest.raises(NoReverseMatch):
        Template("{% url 'bestaat-niet' %}").render(Context())


def test_paths_for_the_rows_of_a_list_are_those_of_reverse():
    path_of = links.paths_with_id("enterprises:detail")
    for value in (0, 7, 2**40):
        assert path_of(value) == reverse("enterprises:detail", args=[value])
    with pytest.raises(NoReverseMatch):
        path_of(-1)  # what the <int:…> converter rejects, rejected as reverse() rejects it
