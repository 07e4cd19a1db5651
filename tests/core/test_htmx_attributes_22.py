"""htmx walk 22, on the rendered pages: what a control sends and where its answer goes.

A control's ``hx-include`` names the fields it sends by CSS selector. When the part htmx swapped in
brings a field of the same name (the new question's suggestions hold hidden "category" and
"organisation" inputs for "Dit helpt me"), a selector by name sends both, the old value last, and
the server reads the last one: the suggestions followed only the first subject chosen. Each page
with such a control is rendered here in the state where the swapped-in part is on it (after a
validation error, or with objects found), and every selector must match at most one field per name
(radio buttons and checkboxes excepted: only the ticked ones go). Its ``hx-target`` names one
element.

The realisation form swaps the fields of the chosen block in (``#line-fields``); the error summary
of the block sent before stood above the fields of the next: it is a box of its own that the
block's choice replaces too (``hx-select-oob``, inherited by the select)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from brokers.constants import InstrumentKind
from brokers.models import KnowledgeInstrument
from tests import factories as f
from tests.procurement import factories as pf

pytestmark = pytest.mark.django_db

SIMPLE = re.compile(r"^(?P<tag>[a-z]+)?(?:#(?P<id>[\w-]+))?(?:\[(?P<attr>[\w-]+)=[\"']?(?P<value>[^\"'\]]+)[\"']?\])?$")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Elements(HTMLParser):
    """Every element of a page as (tag, attributes), in document order, with the ids of the
    elements it stands in (for "inside #line-fields")."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.found, self.open = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.found.append((tag, attributes, [a.get("id") for _t, a in self.open if a.get("id")]))
        if tag not in VOID:
            self.open.append((tag, attributes))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break


def select(elements, selector):
    """The elements that a selector list of simple selectors (``#id``, ``[name=x]``, ``tag``,
    combined) matches. Anything else fails: extend this when a page uses more."""
    chosen = []
    for part in (p.strip() for p in selector.split(",")):
        match = SIMPLE.match(part)
        assert match and any(match.groupdict().values()), f"selector not understood by this test: {part!r}"
        for element in elements:
            tag, attrs, _inside = element
            if match["tag"] and tag != match["tag"]:
                continue
            if match["id"] and attrs.get("id") != match["id"]:
                continue
            if match["attr"] and attrs.get(match["attr"]) != match["value"]:
                continue
            if element not in chosen:
                chosen.append(element)
    return chosen


def include_problems(html):
    """What is wrong with the page's hx-include and hx-target selectors (empty: nothing)."""
    elements = Elements(html).found
    problems = []
    for tag, attrs, _inside in elements:
        if "hx-include" in attrs:
            names = {}
            for field_tag, field, _ in select(elements, attrs["hx-include"]):
                if field_tag in ("input", "select", "textarea") and field.get("name") \
                        and field.get("type") not in ("radio", "checkbox"):
                    names[field["name"]] = names.get(field["name"], 0) + 1
            problems += [f"{tag}#{attrs.get('id')}: hx-include={attrs['hx-include']!r} sends {count} × {name!r}"
                         for name, count in names.items() if count > 1]
        target = attrs.get("hx-target", "")
        if target.startswith("#") and len(select(elements, target)) != 1:
            problems.append(f"{tag}#{attrs.get('id')}: hx-target={target!r} names {len(select(elements, target))}")
    return problems


def controls_with_include(html):
    return [attrs for _tag, attrs, _inside in Elements(html).found if "hx-include" in attrs]


def test_the_selector_check_finds_a_field_sent_twice():
    """The check itself: the suggestions' hidden input by name beside the form's own select."""
    page = ('<select name="category" id="id_category" hx-include="[name=category]" hx-target="#s"></select>'
            '<div id="s"><input type="hidden" name="category" value="old" form="helped-form"></div>')
    assert include_problems(page) == ["select#id_category: hx-include='[name=category]' sends 2 × 'category'"]
    assert include_problems(page.replace("[name=category]", "#id_category")) == []


def test_a_new_questions_suggestions_send_each_field_once(login, ondernemer_1, enterprise_haarlem):
    """With the suggestions on the page (a question sent without its subject), each subject, enterprise
    and municipality select sends one value per name."""
    KnowledgeInstrument.objects.create(name="Finance Tool", kind=InstrumentKind.FINANCING, description="Geld")
    client = login(ondernemer_1)
    url = reverse("helpdesk:case-new")
    again = client.post(url, {"category": "financing", "enterprise": enterprise_haarlem.pk, "subject": ""})
    html = again.content.decode()
    assert again.status_code == 400 and "Finance Tool" in html
    assert html.count('name="category"') == 2  # the form's select and the suggestions' hidden input
    assert len(controls_with_include(html)) == 3
    assert include_problems(html) == []
    assert include_problems(client.get(url).content.decode()) == []
    # The same page with the selectors by name, as before: each subject went twice, the old one last.
    by_name = re.sub(r'hx-include="[^"]*"', 'hx-include="[name=category], [name=organisation], [name=enterprise]"', html)
    assert "sends 2 × 'category'" in include_problems(by_name)[0]


def test_the_link_pickers_send_each_field_once(login, haarlem, broker_haarlem, enterprise_haarlem):
    """A spending's and an action's object picker, with objects found (a name typed, none chosen)."""
    action = f.agenda_action(haarlem, "Netwerkavond")
    client = login(broker_haarlem)
    found = {"link_model": "enterprises.enterprise", "link_search": enterprise_haarlem.name[:5]}
    for url, data in ((reverse("brokers:spending-create"), found),
                      (reverse("brokers:action-link-create"), {"action": action.pk, **found})):
        html = client.post(url, data).content.decode()
        assert f'value="{enterprise_haarlem.pk}"' in html  # the found object is offered
        assert len(controls_with_include(html)) == 2
        assert include_problems(html) == []


@pytest.fixture
def contract(haarlem, broker_haarlem, region, enterprise_haarlem):
    """Haarlem's contract with ondernemer-1's enterprise as supplier, under the region's rule set."""
    pf.rule_set(region=region, name="Regeling ZKIJ")
    return pf.contract(organisation=haarlem, by=broker_haarlem, supplier=enterprise_haarlem)


def test_choosing_another_block_replaces_the_error_summary_of_the_block_sent(login, ondernemer_1, contract):
    client = login(ondernemer_1)
    url = reverse("procurement:realisation-create", args=[contract.pk])
    block = pf.block(contract, "participatiewet-kort")
    sent = client.post(url, {"block": block.pk, "date": "", "fte": "", "months": ""})
    assert sent.status_code == 400
    elements = Elements(sent.content.decode()).found
    choice = [attrs for tag, attrs, _ in elements if attrs.get("id") == "block-choice"]
    assert choice and choice[0]["hx-select-oob"] == "#realisation-errors"
    summaries = [inside for tag, attrs, inside in elements if "data-error-summary" in attrs]
    assert len(summaries) == 1 and "realisation-errors" in summaries[0]
    # The page the choice asks for (a GET) has the box, empty: it replaces the summary.
    fresh = Elements(client.get(url, {"block": block.pk}).content.decode()).found
    assert [attrs for tag, attrs, _ in fresh if attrs.get("id") == "realisation-errors"]
    assert not [attrs for tag, attrs, _ in fresh if "data-error-summary" in attrs]
