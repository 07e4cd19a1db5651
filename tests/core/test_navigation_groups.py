"""Menu groups: items of one group fold into one entry where the first would stand; a group the
user sees only one item of is that item; the group is current when one of its pages is."""

import pytest
from django.contrib.auth.models import AnonymousUser

from impactportal.ui.navigation import account_items_for, items_for

pytestmark = pytest.mark.django_db


def _labels(entries):
    return [str(e["label"]) for e in entries]


def _flag_admin(user):
    """The demo broker of Haarlem is also its functional administrator (``Medewerkers``)."""
    from impactportal import access
    from impactportal.accounts.models import Membership

    Membership.objects.filter(user=user).update(is_admin=True)
    access.forget(user)
    return user


def _group(entries, label):
    return next(e for e in entries if str(e["label"]) == label and "children" in e)


def test_a_broker_sees_groups_with_their_pages(broker_haarlem):
    entries = items_for(broker_haarlem, "/inkoop/contracten/12/")
    procurement = _group(entries, "Inkoop")
    assert _labels(procurement["children"]) == ["SROI-contracten", "Matchgesprekken", "Inkoopvragen beheren",
                                                "Inkoopcijfers", "Betalingen aan leveranciers", "SROI-regelingen",
                                                "Inkoopvragen", "Impactchallenges"]
    assert procurement["current"] and [c["current"] for c in procurement["children"]] == [
        True, False, False, False, False, False, False, False]
    team = _group(entries, "Team en begroting")
    assert not team["current"] and _labels(team["children"]) == ["Toolbox", "Makelaarsteam", "Begroting", "Uitgaven",
                                                                 "Actieprogramma"]


def test_the_broker_and_administrators_menu_fits_one_line_in_domain_groups(login, broker_haarlem):
    """A first-time user's walk counted 14 entries for makelaar-haarlem (broker and functional
    administrator): the desk's register, the helpdesk and procurement are one group each now, and
    the organisation's staff a link next to the user's name."""
    admin = _flag_admin(broker_haarlem)
    entries = items_for(admin, "/dashboard/")
    assert len(entries) <= 10
    assert _labels(entries) == ["Dashboard", "Ondernemers", "Inkoop", "Team en begroting", "Helpdesk", "Ecosysteem",
                                "Vastgoed", "Financiering", "Monitoring"]
    assert entries[0]["current"] and not any(e["current"] for e in entries[1:])
    assert _labels(_group(entries, "Ondernemers")["children"]) == ["Register", "Contactmomenten", "Etalage"]
    assert _labels(_group(entries, "Helpdesk")["children"]) == ["Helpdeskvragen", "Kennisbank"]
    assert "SROI-contracten" in _labels(_group(entries, "Inkoop")["children"])
    # Nothing of another role: the entrepreneur's own pages, the visitor's sign-up.
    children = {label for e in entries for label in _labels(e.get("children", [e]))}
    assert not children & {"Mijn onderneming", "Mijn vragen", "Mijn SROI-contracten", "Aanmelden als ondernemer",
                           "Start", "Fondscijfers", "Stuurgroep", "Medewerkers"}
    assert [(str(link["label"]), link["url"]) for link in account_items_for(admin, "/dashboard/")] == [
        ("Medewerkers", "/beheer/medewerkers/")]
    page = login(admin).get("/beheer/medewerkers/").content.decode()
    header, menu = page[:page.index('<nav class="utrecht-nav-bar')], page[page.index('<nav class="utrecht-nav-bar'):
                                                                          page.index("</nav>")]
    assert '<a class="utrecht-link" href="/beheer/medewerkers/" aria-current="page">Medewerkers</a>' in header
    assert "/beheer/medewerkers/" not in menu and "aria-current" not in menu


def test_only_functional_administrators_get_the_staff_link(login, broker_amersfoort):
    """Access: the link is the administrator's alone (``staff:member-list`` is theirs)."""
    assert account_items_for(broker_amersfoort, "/dashboard/") == []
    assert account_items_for(AnonymousUser(), "/") == []
    assert "/beheer/medewerkers/" not in login(broker_amersfoort).get("/dashboard/").content.decode()


def test_a_group_is_current_when_one_of_its_pages_is(broker_haarlem):
    entries = items_for(broker_haarlem, "/register/")
    desk = _group(entries, "Ondernemers")
    assert desk["current"] and [c["current"] for c in desk["children"]] == [True, False, False]
    assert [str(e["label"]) for e in entries if e["current"]] == ["Ondernemers"]


def test_visitors_see_the_showcase_and_the_knowledge_base_at_the_top(client):
    entries = items_for(AnonymousUser(), "/")
    labels = _labels(entries)
    assert labels[:2] == ["Start", "Etalage"] and "Kennisbank" in labels
    assert labels.index("Een vraag stellen") == labels.index("Kennisbank") + 1  # the way into the helpdesk
    assert not {"Ondernemers", "Helpdesk", "Register", "Helpdeskvragen"} & set(labels)
    assert _labels(_group(entries, "Inkoop")["children"]) == ["Inkoopvragen", "Impactchallenges"]
    page = client.get("/").content.decode()
    assert '<a class="utrecht-nav-list__link" href="/etalage/">Etalage</a>' in page
    on_knowledge_base = items_for(AnonymousUser(), "/kennisbank/")
    assert [e["label"] for e in on_knowledge_base if e["current"]] == ["Kennisbank"]


def test_entrepreneurs_find_their_own_pages_in_the_domain_groups(ondernemer_1, stuurgroep, partner_haarlem,
                                                                 inkoper_haarlem):
    entries = items_for(ondernemer_1, "/dashboard/")
    labels = _labels(entries)
    assert {"Etalage", "Mijn onderneming"} <= set(labels) and "Ondernemers" not in labels
    assert _labels(_group(entries, "Helpdesk")["children"]) == ["Mijn vragen", "Kennisbank"]
    assert _labels(_group(entries, "Inkoop")["children"]) == ["Mijn SROI-contracten", "Inkoopvragen",
                                                              "Impactchallenges"]
    assert "Etalage" in _labels(items_for(stuurgroep, "/dashboard/"))  # the steering group: the showcase only
    # The desk's partner: its register and contact moments, no social return.
    partner = items_for(partner_haarlem, "/dashboard/")
    assert _labels(_group(partner, "Ondernemers")["children"]) == ["Register", "Contactmomenten", "Etalage"]
    assert _labels(_group(partner, "Inkoop")["children"]) == ["Inkoopvragen", "Impactchallenges"]
    # A colleague reads the register but keeps no contact moments.
    colleague = items_for(inkoper_haarlem, "/dashboard/")
    assert _labels(_group(colleague, "Ondernemers")["children"]) == ["Register", "Etalage"]


def test_a_group_with_one_visible_item_is_that_item():
    entries = items_for(AnonymousUser(), "/")
    # Of the real-estate group a visitor sees only the published properties: the item itself.
    assert "Panden" in _labels(entries) and "Vastgoed" not in _labels(entries)
    # Of the ecosystem group a visitor sees the parties and the public events: still a group.
    ecosystem = next(e for e in entries if str(e["label"]) == "Ecosysteem")
    assert _labels(ecosystem["children"]) == ["Partijen", "Bijeenkomsten"]


def test_the_menu_renders_groups_as_disclosures(login, broker_haarlem):
    page = login(broker_haarlem).get("/dashboard/").content.decode()
    assert '<details' in page and '<summary class="utrecht-nav-list__link">Inkoop</summary>' in page
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
        assert "SROI-contracten" not in visitor and "Inkoop" in visitor and "Panden" in visitor
    with translation.override("en"):
        english = navigation.menu_html(broker_haarlem, "/inkoop/contracten/12/")
    assert english != first and "Team and budget" in english
    assert ">Procurement</summary>" in english and ">Entrepreneurs</summary>" in english
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
