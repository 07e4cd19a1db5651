"""Every create and edit page of the permission matrix, sent bad input as a careless or hostile
browser would: every field empty; values of the wrong kind (letters in a number, 31 February, an
option the list does not offer, a text longer than any column); values no form expects (a number
past any column's range, year 99999, blanks only); and a NUL character. The answer is the page again with an
error summary (400, or 200 where the generic form views answer so) and nothing changed (no audit entry written), or, where the input happens to
be acceptable (every field of an optional form left empty), a save. Never a server error.

The other forms of the pages people use (a comment, an assignment, a decision, a formset on a
detail page) get the same input; there a refusal changes nothing either, and none answers a server
error.

The edit sweep beside it (``test_edit_round_trip``) sends each edit form back unchanged; this one
sends what no form should accept."""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser

import pytest
from auditlog.models import LogEntry

from .routes import ACTORS, ROUTES
from .test_matrix import build_url, client_for, declared, open_as_first_allowed

TOO_LONG = "x" * 10_001  # longer than every CharField; a TextField is bounded by its form (or not at all)


class _Fields(HTMLParser):
    """The fields of the page's forms of ``method``, each with its kind: [(name, tag, type, options,
    value)] per form (the language switch and sign-out forms included; the sweep takes the largest)."""

    def __init__(self, method="post"):
        super().__init__()
        self.method, self.forms, self.current, self.select = method, [], None, None
        self.actions = []  # each form's action ("" or None: the page's own address)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == self.method:
            self.current = []
            self.forms.append(self.current)
            self.actions.append(attrs.get("action"))
        if self.current is None or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag in ("input", "textarea") and name:
            kind = (attrs.get("type") or ("textarea" if tag == "textarea" else "text")).lower()
            if kind not in ("submit", "button", "reset", "image"):
                self.current.append([name, tag, kind, [], attrs.get("value") or ""])
        elif tag == "select" and name:
            self.select = [name, tag, "select", [], ""]
            self.current.append(self.select)
        elif tag == "option" and self.select is not None:
            self.select[3].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form":
            self.current = None


def _forms(page, method="post") -> list:
    parser = _Fields(method)
    parser.feed(page.content.decode())
    return [form for form in parser.forms if any(kind != "hidden" for _n, _t, kind, _o, _v in form)]


def _main_form(page) -> list:
    forms = _forms(page)
    assert forms, "the page has no form to fill in"
    return max(forms, key=len)


# Pages whose form comes after a first step: the match the meeting is with (the contract's page
# links to it per match), the building block of a realisation (a choice the page itself offers).
FIRST_STEP = {"procurement:meeting-create": lambda world, page: {"onderneming": world["enterprise_haarlem"].pk}}


def _first_step(route, world, page) -> dict:
    """The query of a form's second step: a page's own first-step form (a GET form with one
    choice) takes its first option."""
    if route.name in FIRST_STEP:
        return FIRST_STEP[route.name](world, page)
    for form in _forms(page, "get"):
        choices = [(name, options) for name, _t, kind, options, _v in form if kind == "select"]
        if len(choices) == 1:
            name, options = choices[0]
            return {name: next(value for value in options if value)}
    return {}


def _wrong_kind(kind, options):
    return {"number": "abc", "date": "2026-02-31", "datetime-local": "2026-02-31T25:61", "time": "25:61",
            "email": "niet-een-adres@", "url": "ht!tp:/x y", "checkbox": "misschien", "radio": "999999999",
            "select": "999999999", "file": None}.get(kind, TOO_LONG)


def _out_of_range(kind, options):
    return {"number": "99999999999999999999999", "date": "99999-01-01", "datetime-local": "99999-01-01T10:00",
            "email": " ", "url": " ", "select": "-1", "checkbox": "-1", "radio": "-1",
            "file": None}.get(kind, " \t ")  # a text of blanks only: as empty for a required field


VARIANTS = {
    "empty": lambda kind, options: None if kind == "file" else "",
    "wrong-kind": _wrong_kind,
    "out-of-range": _out_of_range,
    # PostgreSQL takes no text with NUL: the request is refused before any query (``ui.middleware``).
    "nul": lambda kind, options: None if kind == "file" else "a\x00b",
}


def _send(form, variant) -> dict:
    data = {}
    for name, _tag, kind, options, value in form:
        if kind == "hidden":  # the form's own bookkeeping (version, once-token, parent): as rendered
            data.setdefault(name, []).append(value)
            continue
        bad = VARIANTS[variant](kind, options)
        if bad is not None and name not in data:  # a radio group or a checkbox list: one value
            data[name] = [bad]
    return data


def _form_routes():
    return declared(lambda route, info: not info.is_api and route.name.endswith(("-create", "-update")))


def test_the_sweep_finds_the_forms():
    names = {route.name for route in _form_routes()}
    assert len(names) > 60
    assert {"enterprises:enterprise-create", "procurement:contract-update", "financing:mkba-create",
            "monitoring:target-create", "ecosystem:property-update", "brokers:action-create"} <= names


def test_the_parser_reads_each_field_with_its_kind():
    from types import SimpleNamespace

    html = ('<form method="post" action="/i18n/"><select name="language"><option value="en">EN</option></select>'
            '</form><form method="post"><input type="hidden" name="_version" value="v1"><input name="name">'
            '<input type="number" name="n"><select name="kind"><option value="">—</option><option value="a">A'
            '</option></select><textarea name="notes"></textarea><input name="off" disabled>'
            '<button type="submit">Opslaan</button></form>')
    form = _main_form(SimpleNamespace(content=html.encode()))
    assert [(name, kind) for name, _tag, kind, _o, _v in form] == [
        ("_version", "hidden"), ("name", "text"), ("n", "number"), ("kind", "select"), ("notes", "textarea")]
    assert _send(form, "wrong-kind") == {"_version": ["v1"], "name": [TOO_LONG], "n": ["abc"],
                                         "kind": ["999999999"], "notes": [TOO_LONG]}


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("route", _form_routes(), ids=lambda route: route.name)
def test_bad_input_is_explained_and_changes_nothing(route, variant, world):
    actor, url, client, page = open_as_first_allowed(route, world)
    if not _forms(page):
        step = _first_step(route, world, page)
        assert step, f"{url}: no form and no first step to it"
        page = client.get(url, step)
        assert page.status_code == 200, (actor, page.status_code)
    audited = LogEntry.objects.count()
    answer = client.post(url, _send(_main_form(page), variant))
    assert answer.status_code in (200, 302, 400), f"POST {url} ({variant}) as {actor}: {answer.status_code}"
    if answer.status_code != 302:
        html = answer.content.decode()
        said = "Ongeldig verzoek" in html if variant == "nul" else "data-error-summary" in html
        assert said, f"POST {url} ({variant}): refused without saying why"
        assert LogEntry.objects.count() == audited, f"POST {url} ({variant}): refused, yet something changed"
    else:
        assert variant == "empty", f"POST {url} ({variant}): saved"


# The pages (besides create and edit) that carry forms of their own, as the world shows them.
FORM_PAGES = [
    "brokers:toolbox-module", "ecosystem:allocation-detail", "ecosystem:bottleneck-detail",
    "ecosystem:coalition-detail", "ecosystem:map-detail", "ecosystem:party-detail", "ecosystem:property-detail",
    "ecosystem:space-request-detail", "enterprises:contact-persons", "enterprises:definition-check",
    "enterprises:detail", "enterprises:impact", "enterprises:offerings", "enterprises:self-register",
    "financing:claim-detail", "financing:need-detail", "helpdesk:case-detail", "helpdesk:case-new", "helpdesk:inbox",
    "helpdesk:link-request-list", "helpdesk:my-case", "helpdesk:service-levels", "monitoring:report-detail",
    "monitoring:report-texts", "procurement:challenge-detail", "procurement:contract-detail",
    "procurement:realisation-detail", "procurement:request-detail", "procurement:rule-set-blocks",
    "procurement:rule-set-new-version", "staff:member-invite",
]


def _unchecked(variant):
    """A variant for forms whose checkboxes say "delete this row": any value a browser sends for a
    checkbox ticks it, so garbage there is a choice, not bad input. Left unticked."""
    def value(kind, options):
        return None if kind == "checkbox" else VARIANTS[variant](kind, options)
    return value


@pytest.mark.parametrize("name", FORM_PAGES)
def test_the_forms_on_other_pages_take_bad_input_without_harm(name, world):
    # The first declared variant of the page (a public and a private object, say) that shows a form.
    forms = []
    for route in (route for route in ROUTES if route.name == name):
        actor = next((actor for actor in ACTORS if route.status_for(actor) == 200), None)
        if actor is None:
            continue
        url = build_url(route, world)
        client = client_for(world, actor)
        parser = _Fields()
        parser.feed(client.get(url).content.decode())
        forms = [(form, action) for form, action in zip(parser.forms, parser.actions, strict=True)
                 if any(kind != "hidden" for _n, _t, kind, _o, _v in form)
                 and not (action or "").startswith(("/i18n/", "/uitloggen"))]
        if forms:
            break
    assert forms, f"{name}: the page has no form (any more): take it off FORM_PAGES"
    for form, action in forms:
        target = unescape(action) if action else url
        for variant in VARIANTS:
            audited = LogEntry.objects.count()
            data = {}
            for field_name, _tag, kind, options, value in form:
                sent = value if kind == "hidden" else _unchecked(variant)(kind, options)
                if sent is not None:
                    data.setdefault(field_name, []).append(sent)
            answer = client.post(target, data)
            assert answer.status_code < 500, f"POST {target} ({variant}) as {actor}: {answer.status_code}"
            if answer.status_code != 302:
                assert LogEntry.objects.count() == audited, f"POST {target} ({variant}): refused, yet something changed"
