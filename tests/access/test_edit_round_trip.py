"""Every edit page, sent back as the browser sends it: unchanged, with the version it carries.

The version a form shows and the version its save compares must be read over the same fields, and
the save must not need anything the page did not give. A contact moment's edit page answered 500
on every save that carried its version (the form class read the row before the row was read), and
the tests that posted without the version never saw it. Here every declared ``*-update`` page of
the permission matrix is opened by the first actor allowed to, and its form is posted back as
rendered: the answer is a redirect (saved) or the page again with field errors, never a server
error or a "changed by someone else" conflict."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from impactportal.ui.generic import ScopedUpdateView
from tests.browser_forms import form_of

from .test_matrix import declared, open_as_first_allowed, url_routes


def _edit_routes():
    return declared(lambda route, info: not info.is_api and route.name.endswith("-update"))


def test_the_sweep_finds_the_edit_pages():
    routes = _edit_routes()
    generic = {route.name for route in routes if issubclass(url_routes()[0][route.name].view_class, ScopedUpdateView)}
    assert {"enterprises:contact-update", "enterprises:enterprise-update"} <= generic and len(generic) > 20
    assert {"procurement:realisation-update", "financing:mkba-update"} <= {route.name for route in routes}


def test_the_parser_reads_what_a_browser_sends():
    html = ('<form method="get"><input name="q" value="x"></form>'
            '<form method="post"><input type="hidden" name="_version" value="v1">'
            '<input name="name" value="A &amp; B"><input type="checkbox" name="on" checked>'
            '<input type="checkbox" name="off"><input type="file" name="file"><input name="gone" value="x" disabled>'
            '<select name="kind"><option value="a">A</option><option value="b">B</option></select>'
            '<select name="tags" multiple><option value="1" selected>1</option><option value="2">2</option>'
            '<option value="3" selected>3</option></select>'
            '<textarea name="notes">\nregel 1\nregel 2</textarea><button name="go">Opslaan</button></form>')
    page = SimpleNamespace(content=html.encode())
    assert form_of(page) == {"_version": ["v1"], "name": ["A & B"], "on": ["on"], "kind": ["a"], "tags": ["1", "3"],
                             "notes": ["regel 1\nregel 2"]}


@pytest.mark.parametrize("route", _edit_routes(), ids=lambda route: route.name)
def test_an_edit_page_sent_back_unchanged_is_saved_or_explained(route, world):
    actor, url, client, page = open_as_first_allowed(route, world)
    answer = client.post(url, form_of(page))
    assert answer.status_code in (200, 302, 400), f"POST {url} as {actor}: {answer.status_code}"
    if answer.status_code != 302:
        form = answer.context["form"]
        assert form.errors, f"POST {url} as {actor}: not saved and no error said why"
        assert not any(error.code == "stale" for error in form.non_field_errors().as_data()), (
            f"POST {url} as {actor}: its own version called stale")
