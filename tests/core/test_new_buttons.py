"""Workspace walk 9: every list's "new" button (and the create form's heading) read "Nieuw: actie",
"Nieuw: pand": a model now names its own phrase ("Nieuwe actie", "Nieuw pand"), and no list with a
"new" button reads "Nieuw: " any more."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import get_resolver, reverse

from impactportal.ui.generic import ScopedListView, new_label
from tests import factories as f

pytestmark = pytest.mark.django_db


def _lists_with_a_new_button():
    found = {}

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
                continue
            view = getattr(pattern.callback, "view_class", None)
            if (view and issubclass(view, ScopedListView) and view.create_url_name and pattern.name
                    and not pattern.pattern.regex.groups):
                found.setdefault(view, f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    return found


LISTS = _lists_with_a_new_button()


def test_the_walk_finds_the_lists():
    assert {"brokers:action-list", "brokers:budget-list", "ecosystem:property-list", "ecosystem:event-list",
            "ecosystem:map-list"} <= set(LISTS.values())


@pytest.mark.parametrize("url_name", sorted(LISTS.values()))
def test_no_new_button_reads_nieuw_colon(client, url_name, haarlem, region, programme):
    view = next(view for view, name in LISTS.items() if name == url_name)
    model = view.model or view.queryset.model
    if view.template_name == ScopedListView.template_name:  # the generic list's button: the model's phrase
        assert not str(new_label(model)).startswith("Nieuw: "), model
    f.agenda_action(haarlem)  # a programme and a line: what an action's and a spending's form needs
    admin = get_user_model().objects.create_superuser("beheer", "beheer@example.org", "x")
    client.force_login(admin)
    page = client.get(reverse(url_name)).content.decode()
    button = re.search(rf'href="{re.escape(reverse(view.create_url_name))}">([^<]+)</a>', page)
    if button:  # a list whose template has its own button (or none for this user) is checked above
        assert not button.group(1).startswith("Nieuw: "), (url_name, button.group(1))
    form = client.get(reverse(view.create_url_name))
    if form.status_code == 200 and "ui/object_form.html" in [t.name for t in form.templates]:
        assert "Nieuw: " not in form.content.decode(), view.create_url_name


@pytest.mark.parametrize(("label", "phrase", "english"), [
    ("brokers.Action", "Nieuwe actie", "New action"),
    ("brokers.BudgetLine", "Nieuwe begrotingsregel", "New budget line"),
    ("ecosystem.Property", "Nieuw pand", "New property"),
    ("ecosystem.Event", "Nieuwe bijeenkomst", "New event"),
    ("ecosystem.EcosystemMap", "Nieuwe ecosysteemkaart", "New ecosystem map"),
])
def test_the_phrases(label, phrase, english):
    import polib
    from django.apps import apps

    from tests.core.test_new_buttons import FRAGMENT

    assert str(new_label(apps.get_model(label))) == phrase
    assert {e.msgid: e.msgstr for e in polib.pofile(str(FRAGMENT))}[phrase] == english


FRAGMENT = __import__("pathlib").Path(__file__).resolve().parents[2] / "locale/en/extra/workspace-walk-9.po"
