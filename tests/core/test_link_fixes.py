"""Every link a page offers leads somewhere its reader may go (the link fixes): the generic detail
page links to change and delete routes only when they exist and the user may act; a partner and an
SROI coordinator are not offered pages that would answer 403; the 403 page claims nothing untrue;
an administrator's menu holds no personal entry of a role they do not hold themselves."""

import datetime as dt
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from brokers.helpdesk import services as helpdesk
from brokers.models import ActionProgramme, Spending
from ecosystem.models import RegionalAgreement
from enterprises.models import ContactMoment
from impactportal import access, contributions
from impactportal.contributions import NavItem
from impactportal.ui.navigation import items_for
from tests import factories as f

pytestmark = pytest.mark.django_db

SKIPPED = ("/static/", "/media/", "/admin/", "/accounts/logout", "/uitloggen")


def main_links(html: str) -> list[str]:
    """The same-site links (``href``) inside ``<main>``."""
    main = html[html.index("<main"):html.index("</main>")]
    links = []
    for href in re.findall(r'<a\b[^>]*\bhref="([^"]+)"', main):
        href = href.replace("&amp;", "&")
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/") or "_export=" in href:
            continue
        if parts.path.startswith(SKIPPED) or parts.path.endswith((".svg", ".pdf", ".csv", ".xlsx")):
            continue
        links.append(href)
    return links


def assert_links_open(client, url: str) -> str:
    """``url`` answers 200 and no link in its ``<main>`` answers 403 or 404 for the same user."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    broken = {}
    for href in sorted(set(main_links(html))):
        status = client.get(href).status_code
        if status in (403, 404):
            broken[href] = status
    assert not broken, f"{url} links to pages that refuse: {broken}"
    return html


# --- item 1: the generic detail page ------------------------------------------------------------


def test_generic_detail_pages_link_only_to_routes_that_exist(login, haarlem, broker_haarlem):
    client = login(broker_haarlem)
    f.toolbox_edition()  # the action programme links to module 1 of the toolbox
    spending = Spending.objects.create(organisation=haarlem, date=dt.date(2025, 3, 1), description="Flyers",
                                       amount=Decimal("100"))
    action = f.agenda_action(haarlem)
    agenda = ActionProgramme.objects.get()
    team, line = f.broker_team(haarlem), f.budget_line(haarlem)

    html = assert_links_open(client, spending.get_absolute_url())
    # A spending has an edit page since review 5 (it had none, and no link to one); it opens (above).
    assert reverse("brokers:spending-update", args=[spending.pk]) in html
    assert reverse("brokers:spending-delete", args=[spending.pk]) in html

    html = assert_links_open(client, agenda.get_absolute_url())
    assert reverse("brokers:agenda-update", args=[agenda.pk]) in html
    assert f"/actieprogramma/{agenda.pk}/verwijderen/" not in html  # no delete page for a programme

    for obj, name in ((action, "action"), (team, "team"), (line, "budget")):
        html = assert_links_open(client, obj.get_absolute_url())
        assert reverse(f"brokers:{name}-update", args=[obj.pk]) in html
        assert reverse(f"brokers:{name}-delete", args=[obj.pk]) in html


def test_generic_detail_page_offers_no_change_without_the_grant(login, region, broker_haarlem):
    agreement = RegionalAgreement.objects.create(region=region, title="SROI-regels")
    client = login(broker_haarlem)
    html = assert_links_open(client, reverse("ecosystem:agreement-detail", args=[agreement.pk]))
    may_change = access.can(broker_haarlem, access.CHANGE, agreement)
    assert (reverse("ecosystem:agreement-update", args=[agreement.pk]) in html) == may_change


# --- item 2: links a partner or an SROI coordinator may not follow ---------------------------


@pytest.fixture
def desk(haarlem, enterprise_haarlem, ondernemer_1, broker_haarlem):
    case = helpdesk.case_submit(submitter=ondernemer_1, enterprise=enterprise_haarlem, organisation=None,
                                category="financing", subject="Lening", description="Wij zoeken een lening.")
    contact = ContactMoment.objects.create(organisation=haarlem, enterprise=enterprise_haarlem, subject="Gesprek",
                                           owner=broker_haarlem)
    return {"case": case, "contact": contact, "enterprise": enterprise_haarlem}


def test_partner_is_offered_no_page_that_refuses_it(login, partner_haarlem, desk):
    client = login(partner_haarlem)
    html = assert_links_open(client, reverse("helpdesk:inbox"))
    assert reverse("helpdesk:link-request-list") not in html and reverse("helpdesk:service-levels") not in html
    html = assert_links_open(client, reverse("enterprises:register") + "?municipality=")
    assert reverse("enterprises:admission-rules") not in html
    html = assert_links_open(client, reverse("enterprises:detail", args=[desk["enterprise"].pk]))
    assert reverse("enterprises:definition-check", args=[desk["enterprise"].pk]) not in html
    for url in (reverse("helpdesk:case-detail", args=[desk["case"].pk]),
                reverse("enterprises:contact-detail", args=[desk["contact"].pk])):
        html = assert_links_open(client, url)
        assert reverse("ecosystem:bottleneck-create") not in html


def test_broker_keeps_the_links(login, broker_haarlem, desk):
    client = login(broker_haarlem)
    html = assert_links_open(client, reverse("helpdesk:inbox"))
    assert reverse("helpdesk:link-request-list") in html and reverse("helpdesk:service-levels") in html
    assert reverse("enterprises:admission-rules") in assert_links_open(client, reverse("enterprises:register"))
    html = assert_links_open(client, reverse("enterprises:detail", args=[desk["enterprise"].pk]))
    assert reverse("enterprises:definition-check", args=[desk["enterprise"].pk]) in html
    for url in (reverse("helpdesk:case-detail", args=[desk["case"].pk]),
                reverse("enterprises:contact-detail", args=[desk["contact"].pk])):
        assert reverse("ecosystem:bottleneck-create") in assert_links_open(client, url)


def test_sroi_coordinator_is_not_offered_the_payments(login, region):
    client = login(f.sroi_coordinator(region, "sroi-zkij"))
    html = assert_links_open(client, reverse("procurement:figures"))
    assert reverse("procurement:payment-list") not in html


def test_broker_is_offered_the_payments(login, broker_haarlem):
    html = assert_links_open(login(broker_haarlem), reverse("procurement:figures"))
    assert reverse("procurement:payment-list") in html


# --- item 3: the 403 page says what is true ----------------------------------------------------


def test_refusals_of_a_partner_say_the_page_is_not_for_its_role(login, partner_haarlem, desk):
    client = login(partner_haarlem)
    for url in (reverse("enterprises:definition-check", args=[desk["enterprise"].pk]),
                reverse("ecosystem:bottleneck-create") + f"?case={desk['case'].pk}"):
        response = client.get(url)
        assert response.status_code == 403, url
        html = response.content.decode()
        assert 'id="role-message"' in html and "niet voor uw rol bedoeld" in html
        assert "wel bekijken" not in html and "makelaar" not in html


def test_the_plain_refusal_claims_no_view_right_nor_a_broker(rf):
    from django.core.exceptions import PermissionDenied

    from impactportal.ui.views import error_403

    request = rf.get("/")
    request.user = AnonymousUser()
    html = error_403(request, PermissionDenied()).content.decode()
    assert "wel bekijken" not in html and "makelaar" not in html
    assert "geen toestemming voor deze pagina of deze actie" in html


# --- item 4: an administrator's menu ------------------------------------------------------------


class PersonalConfig:
    label = "personal"
    navigation = [NavItem("Mijn groep", "notifications", (access.STEERING,), order=999, personal=True),
                  NavItem("Groepscijfers", "dashboard", (access.STEERING,), order=998)]


def test_personal_menu_entries_need_the_role_itself(monkeypatch, programme, stuurgroep):
    real = list(contributions._configs())
    monkeypatch.setattr(contributions, "_configs", lambda: [*real, PersonalConfig()])
    admin = f.UserFactory(username="beheer", is_superuser=True, is_staff=True)

    def labels(user):
        return [str(entry["label"]) for entry in items_for(user, "/")]

    assert "Mijn groep" not in labels(admin)  # an administrator sits in no steering group
    assert "Groepscijfers" in labels(admin)  # entries that are not personal stay
    assert "Mijn groep" in labels(stuurgroep)
    f.MembershipFactory(user=admin, role="steering", programme=programme, organisation=None)
    access.forget(admin)
    assert "Mijn groep" in labels(admin)
