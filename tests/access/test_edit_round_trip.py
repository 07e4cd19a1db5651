"""Every edit page, sent back as the browser sends it: unchanged, with the version it carries.

The version a form shows and the version its save compares must be read over the same fields, and
the save must not need anything the page did not give. A contact moment's edit page answered 500
on every save that carried its version (the form class read the row before the row was read), and
the tests that posted without the version never saw it. Here every declared ``*-update`` page of
the permission matrix is opened by the first actor allowed to, and its form is posted back as
rendered: the answer is a redirect (saved) or the page again with field errors, never a server
error or a "changed by someone else" conflict."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from impactportal.ui import versions
from impactportal.ui.generic import ScopedUpdateView

from .routes import ACTORS
from .test_matrix import build_url, client_for, declared, url_routes


class _PostedForm(HTMLParser):
    """The fields a browser sends for the first ``<form method="post">`` holding a version field:
    text and hidden inputs, checked boxes, the chosen (or, for a single choice, the first) option of
    each ``<select>``, textareas. Files are left out (an edit keeps a stored file when none is sent)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._options, self._textarea = [], None, None, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = []
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._form.append((name, attrs.get("value", "on")))
            elif kind not in ("file", "submit", "button", "reset", "image"):
                self._form.append((name, attrs.get("value", "")))
        elif tag == "select" and name and "disabled" not in attrs:
            self._select, self._options = (name, "multiple" in attrs), []
        elif tag == "option" and self._select is not None:
            self._options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name and "disabled" not in attrs:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if self._form is None:
            return
        if tag == "select" and self._select is not None:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self._form.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self._form.append((name, text.removeprefix("\n")))  # the parser keeps the newline after the tag
            self._textarea = None
        elif tag == "form":
            self.forms.append(self._form)
            self._form = None


def posted_form(html: str) -> dict[str, list[str]]:
    parser = _PostedForm()
    parser.feed(html)
    for fields in parser.forms:
        if any(name == versions.FIELD for name, _value in fields):
            data: dict[str, list[str]] = {}
            for name, value in fields:
                data.setdefault(name, []).append(value)
            return data
    raise AssertionError("no form with a version field on the page")


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
            '<input type="checkbox" name="off"><input type="file" name="file">'
            '<select name="kind"><option value="a">A</option><option value="b">B</option></select>'
            '<select name="tags" multiple><option value="1" selected>1</option><option value="2">2</option>'
            '<option value="3" selected>3</option></select>'
            '<textarea name="notes">\nregel 1\nregel 2</textarea><button name="go">Opslaan</button></form>')
    assert posted_form(html) == {"_version": ["v1"], "name": ["A & B"], "on": ["on"], "kind": ["a"],
                                 "tags": ["1", "3"], "notes": ["regel 1\nregel 2"]}


@pytest.mark.parametrize("route", _edit_routes(), ids=lambda route: route.name)
def test_an_edit_page_sent_back_unchanged_is_saved_or_explained(route, world):
    actor = next((actor for actor in ACTORS if route.status_for(actor) == 200), None)
    assert actor is not None, f"{route.name}: nobody may open it"
    url = build_url(route, world)
    client = client_for(world, actor)
    page = client.get(url)
    assert page.status_code == 200, (actor, page.status_code)
    answer = client.post(url, posted_form(page.content.decode()))
    assert answer.status_code in (200, 302, 400), f"POST {url} as {actor}: {answer.status_code}"
    if answer.status_code != 302:
        form = answer.context["form"]
        assert form.errors, f"POST {url} as {actor}: not saved and no error said why"
        assert not any(error.code == "stale" for error in form.non_field_errors().as_data()), (
            f"POST {url} as {actor}: its own version called stale")
