"""Menu groups: items of one group fold into one entry where the first would stand; a group the
user sees only one item of is that item; the group is current when one of its pages is."""

import pytest
from django.contrib.auth.models import AnonymousUser

from impactportal.ui.navigation import items_for

pytestmark = pytest.mark.django_db


def _labels(entries):
    return [str(e["label"]) for e in entries]


def test_a_broker_sees_groups_with_their_pages(broker_haarlem):
    entries = items_for(broker_haarlem, "/inkoop/contracten/12/")
    social_return = next(e for e in entries if str(e["label"]) == "Social return")
    assert _labels(social_return["children"]) == ["SROI-regelingen", "SROI-contracten", "Matchgesprekken",
                                                 "Inkoopcijfers", "Betalingen aan leveranciers"]
    assert social_return["current"] and [c["current"] for c in social_return["children"]] == [
        False, True, False, False, False]
    team = next(e for e in entries if str(e["label"]) == "Team en begroting")
    assert not team["current"] and _labels(team["children"]) == ["Toolbox", "Makelaarsteam", "Begroting", "Uitgaven",
                                                                 "Actieprogramma"]
    assert len(entries) < 14  # the broker's menu fits one line on a laptop


def test_a_group_with_one_visible_item_is_that_item():
    entries = items_for(AnonymousUser(), "/")
    # Of the real-estate group a visitor sees only the published properties: the item itself.
    assert "Panden" in _labels(entries) and "Vastgoed" not in _labels(entries)
    # Of the ecosystem group a visitor sees the parties and the public events: still a group.
    ecosystem = next(e for e in entries if str(e["label"]) == "Ecosysteem")
    assert _labels(ecosystem["children"]) == ["Partijen", "Bijeenkomsten"]


def test_the_menu_renders_groups_as_disclosures(login, broker_haarlem):
    page = login(broker_haarlem).get("/dashboard/").content.decode()
    assert '<details' in page and '<summary class="utrecht-nav-list__link">Social return</summary>' in page
    assert 'href="/inkoop/contracten/"' in page


def test_the_menu_is_rendered_once_per_roles_language_and_current_entry(broker_haarlem, django_assert_num_queries,
                                                                         monkeypatch):
    from django.utils import translation

    from impactportal.ui import navigation
    from tests import factories as f

    renders = []
    original = navigation.render_to_string
    monkeypatch.setattr(navigation, "render_to_string",
                        lambda *args, **kwargs: renders.append(args) or original(*args, **kwargs))
    other_broker = f.UserFactory(username="makelaar-2")
    other_broker.memberships.create(organisation=broker_haarlem.memberships.first().organisation, role="broker")
    with translation.override("nl"):
        first = navigation.menu_html(broker_haarlem, "/inkoop/contracten/12/")
        assert navigation.menu_html(other_broker, "/inkoop/contracten/13/") == first  # same roles, same entry
        assert len(renders) == 1
        assert 'href="/inkoop/contracten/" aria-current="page"' in first
        on_register = navigation.menu_html(broker_haarlem, "/register/")
        assert 'href="/register/" aria-current="page"' in on_register and "/inkoop/contracten/\" aria-current" \
            not in on_register
        visitor = navigation.menu_html(AnonymousUser(), "/")
        assert "Social return" not in visitor and "Panden" in visitor
    with translation.override("en"):
        english = navigation.menu_html(broker_haarlem, "/inkoop/contracten/12/")
    assert english != first and "Team and budget" in english
    assert len(renders) == 4
    with django_assert_num_queries(0):  # roles were read; the menu itself costs nothing more
        navigation.menu_html(broker_haarlem, "/inkoop/contracten/99/")


def test_an_administrator_in_no_steering_group_is_not_offered_the_steering_page(stuurgroep):
    """"Stuurgroep" lists the user's own steering groups: an administrator saw "U zit in geen
    stuurgroep"; the group's other pages (bottlenecks, fund figures) stay in their menu."""
    from tests import factories as f

    def children(user):
        entries = items_for(user, "/")
        monitoring = next((e for e in entries if str(e["label"]) == "Monitoring"), None)
        return _labels(monitoring["children"]) if monitoring and monitoring.get("children") else []

    admin = f.UserFactory(username="beheer", is_superuser=True, is_staff=True)
    assert "Stuurgroep" not in children(admin) and "Rapporten" in children(admin)
    assert "Stuurgroep" in children(stuurgroep)
