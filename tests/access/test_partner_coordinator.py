"""The network-partner and regional SROI coordinator roles (issue 10 parts 2 and 3), on the
permission-matrix world: what each sees and may do, beyond the GET/POST table of routes.py."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse

from brokers.helpdesk import services as helpdesk
from brokers.models import Case, CaseMessage
from impactportal import access
from impactportal.accounts.constants import Role
from impactportal.accounts.models import Membership
from procurement.constants import RealisationStatus
from procurement.models import Contract, Realisation, RuleSet
from tests import factories as f
from tests.csv_export import csv_cells

from .test_matrix import client_for

PARTNER = "partner_haarlem"
COORDINATOR = "coordinator_zkij"


@pytest.fixture
def note(world):
    """An internal note on Haarlem's case, written by Haarlem's broker."""
    return helpdesk.case_reply(case=world["case_haarlem"], author=world.actors["broker_haarlem"],
                               body="Intern: bel eerst de inkoper", internal=True)


# --- the network partner -------------------------------------------------------------------


def test_partner_sees_haarlems_cases_and_internal_notes(world, note):
    client = client_for(world, PARTNER)
    page = client.get(reverse("helpdesk:case-detail", args=[world["case_haarlem"].pk]))
    assert page.status_code == 200
    assert "Intern: bel eerst de inkoper" in page.content.decode()
    messages = client.get(reverse("helpdesk-case-messages", args=[world["case_haarlem"].pk])).json()
    rows = messages["results"] if isinstance(messages, dict) else messages
    assert any(row["is_internal"] and row["body"] == "Intern: bel eerst de inkoper" for row in rows)
    inbox = client.get(reverse("helpdesk:inbox")).content.decode()
    assert "Vraag haarlem" in inbox and "Vraag amersfoort" not in inbox


def test_partner_sees_nothing_of_amersfoort(world):
    partner = world.actors[PARTNER]
    assert set(Case.objects.for_user(partner).values_list("organisation__slug", flat=True)) == {"haarlem"}
    assert not CaseMessage.objects.for_user(partner).filter(case__organisation=world["amersfoort"]).exists()
    client = client_for(world, PARTNER)
    for name, key in [("helpdesk:case-detail", "case_amersfoort"), ("helpdesk:attachment", "attachment_amersfoort"),
                      ("enterprises:contact-detail", "contact_amersfoort"),
                      ("helpdesk-case-detail", "case_amersfoort"), ("contactmoment-detail", "contact_amersfoort")]:
        assert client.get(reverse(name, args=[world[key].pk])).status_code == 404, name
    api_cases = client.get(reverse("helpdesk-case-list")).json()["results"]
    assert {row["organisation"] for row in api_cases} == {"haarlem"}


@pytest.mark.parametrize("name, key", [
    ("brokers:budget-detail", "budget_haarlem"), ("brokers:team-detail", "team_haarlem"),
    ("brokers:team-update", "team_haarlem"), ("budgetline-detail", "budget_haarlem"),
    ("mandate-detail", "mandate_haarlem"), ("brokerteam-detail", "team_haarlem"),
    ("procurement:contract-detail", "contract_haarlem"), ("procurement-contracts-detail", "contract_haarlem"),
    ("procurement:realisation-detail", "realisation_haarlem"), ("procurement:rule-set-detail", "ruleset_haarlem"),
])
def test_partner_gets_404_on_budget_mandate_team_workspace_and_sroi(world, name, key):
    assert client_for(world, PARTNER).get(reverse(name, args=[world[key].pk])).status_code == 404


def test_partner_lists_hold_no_budget_mandate_or_team(world):
    client = client_for(world, PARTNER)
    for name in ("budgetline-list", "mandate-list", "brokerteam-list", "procurement-contracts-list"):
        assert client.get(reverse(name)).json()["results"] == [], name
    # The role-gated pages of the team workspace and of SROI are not for the partner.
    for name in ("brokers:budget-create", "brokers:team-create", "procurement:contract-list",
                 "procurement:rule-set-list", "procurement:figures", "helpdesk:service-levels"):
        assert client.get(reverse(name)).status_code == 403, name


def test_partner_handles_a_case_like_a_broker(world):
    partner, case = world.actors[PARTNER], world["case_haarlem"]
    helpdesk.case_assign(case=case, assignee=partner, by=partner)
    helpdesk.case_refer(case=case, department="vastgoed", by=partner, note="Pand gezocht")
    helpdesk.case_reply(case=case, author=partner, body="Wij zoeken mee", internal=False)
    case.refresh_from_db()
    assert (case.assigned_to, case.referred_department) == (partner, "vastgoed")
    assert case.messages.filter(author=partner, is_internal=False).exists()
    # Haarlem's broker may hand the case to the partner's staff member, not to an outsider.
    with pytest.raises(ValidationError):
        helpdesk.case_assign(case=case, assignee=world.actors["broker_amersfoort"], by=partner)


def test_partner_records_contact_moments_for_the_served_municipality(world):
    client = client_for(world, PARTNER)
    response = client.post(reverse("enterprises:contact-create", args=[world["enterprise_haarlem"].pk]), {
        "organisation": world["haarlem"].pk, "kind": "conversation", "date": "2025-05-01",
        "subject": "Loketgesprek", "owner": world.actors[PARTNER].pk})
    assert response.status_code == 302, response.content.decode()[:500]
    moment = world["enterprise_haarlem"].contact_moments.get(subject="Loketgesprek")
    assert (moment.organisation, moment.owner) == (world["haarlem"], world.actors[PARTNER])


def test_partner_navigation_shows_only_what_it_can_use(world):
    html = client_for(world, PARTNER).get(reverse("dashboard")).content.decode()
    assert 'data-dashboard="partner"' in html and "Kennemer Impact Helpdesk" in html
    for url_name in ("helpdesk:inbox", "enterprises:register", "enterprises:contact-list"):
        assert f'href="{reverse(url_name)}"' in html, url_name
    for url_name in ("brokers:team-list", "brokers:budget-list", "procurement:contract-list",
                     "procurement:rule-set-list", "procurement:figures", "ecosystem:agreement-list"):
        assert f'href="{reverse(url_name)}"' not in html, url_name


# --- the regional SROI coordinator -----------------------------------------------------------


def test_coordinator_sees_only_its_regions_contracts(world):
    coordinator = world.actors[COORDINATOR]
    assert set(Contract.objects.for_user(coordinator)) == {world["contract_haarlem"]}
    client = client_for(world, COORDINATOR)
    page = client.get(reverse("procurement:contract-list")).content.decode()
    assert world["contract_haarlem"].title in page and world["contract_amersfoort"].title not in page
    rows = client.get(reverse("procurement-contracts-list")).json()["results"]
    assert {row["id"] for row in rows} == {world["contract_haarlem"].pk}
    assert client.get(reverse("procurement:contract-detail", args=[world["contract_amersfoort"].pk])).status_code == 404
    assert client.get(reverse("procurement-realisations-detail",
                              args=[world["realisation_amersfoort"].pk])).status_code == 404


def test_coordinator_verifies_and_rejects_a_member_municipalitys_realisation(world):
    from procurement import services
    from tests.procurement import factories as pf

    coordinator = world.actors[COORDINATOR]
    client = client_for(world, COORDINATOR)
    line = world["realisation_haarlem"]
    response = client.post(reverse("procurement-realisations-verify", args=[line.pk]), format="json")
    assert response.status_code == 200
    line.refresh_from_db()
    assert (line.status, line.verified_by) == (RealisationStatus.VERIFIED, coordinator)
    second = pf.realisation(world["contract_haarlem"], by=world.actors["broker_haarlem"], candidate_ref="KAND-HAA-2")
    response = client.post(reverse("procurement-realisations-reject", args=[second.pk]),
                           {"reason": "Geen urenstaat bijgevoegd"}, format="json")
    assert response.status_code == 200
    second.refresh_from_db()
    assert (second.status, second.rejection_reason) == (RealisationStatus.REJECTED, "Geen urenstaat bijgevoegd")
    # Outside the region: out of scope.
    other = world["realisation_amersfoort"]
    with pytest.raises(Http404):
        services.realisation_assess(realisation=other, by=coordinator, verify=True)
    other.refresh_from_db()
    assert other.status == RealisationStatus.SUBMITTED


def test_coordinator_keeps_the_regions_rule_set_only(world):
    coordinator = world.actors[COORDINATOR]
    assert access.can(coordinator, access.CHANGE, world["rulesetdraft_haarlem"])  # the region's
    assert not access.can(coordinator, access.CHANGE, world["ruleset_amersfoort"])
    assert set(access.owner_choices(coordinator, RuleSet, path="region")) == {world["region"]}
    assert not access.owner_choices(coordinator, RuleSet).exists()  # no organisation's rule sets
    client = client_for(world, COORDINATOR)
    assert client.get(reverse("procurement:rule-set-create")).status_code == 200
    assert client.get(reverse("procurement:rule-set-update", args=[world["rulesetdraft_amersfoort"].pk])
                      ).status_code == 404


def test_coordinator_sees_regional_figures(world):
    client = client_for(world, COORDINATOR)
    data = client.get(reverse("procurement-figures-summary"), {"year": 2025}).json()
    assert data["organisation"] is None
    contracts = next(f for f in data["obligations"] if f["key"] == "contracts")
    assert contracts["value"] == 1  # Haarlem's contract; Amersfoort is no member of the region
    assert client.get(reverse("procurement-figures-summary"), {"organisation": "amersfoort"}).status_code == 404
    page = client.get(reverse("procurement:figures"), {"year": 2025}).content.decode()
    assert "Zuid-Kennemerland en IJmond" in page
    assert 'id="spending-tiles"' not in page  # the municipalities' own spending is not the coordinator's


def test_coordinator_figures_and_their_export_hold_social_return_only(world):
    """The export held what the page hides: purchase requests counted over every organisation in
    sight (another region's among them) and payments "measured" as zero."""
    client = client_for(world, COORDINATOR)
    for year in (2025, dt.date.today().year):
        data = client.get(reverse("procurement-figures-summary"), {"year": year}).json()
        assert data["requests"] == [] and data["spending"] == [] and data["cost_categories"] == []
        cells = csv_cells(client.get(reverse("procurement:figures-export"), {"year": year}).content)
        assert "Inkoopvragen geplaatst" not in cells and "Betaald aan leveranciers (excl. btw)" not in cells
        assert {figure["label"] for figure in data["obligations"]} <= set(cells)  # the social-return rows stay
    broker = client_for(world, "broker_haarlem")
    cells = csv_cells(broker.get(reverse("procurement:figures-export"), {"year": 2025}).content)
    assert "Betaald aan leveranciers (excl. btw)" in cells  # municipal staff keep the whole export


def test_coordinator_sees_no_helpdesk_register_or_budget(world):
    coordinator = world.actors[COORDINATOR]
    assert not Case.objects.for_user(coordinator).exists()
    client = client_for(world, COORDINATOR)
    assert client.get(reverse("helpdesk:case-detail", args=[world["case_haarlem"].pk])).status_code == 404
    assert client.get(reverse("helpdesk-case-detail", args=[world["case_haarlem"].pk])).status_code == 404
    assert client.get(reverse("helpdesk:inbox")).status_code == 403
    assert client.get(reverse("enterprises:register")).status_code == 403
    assert client.get(reverse("enterprises:detail", args=[world["enterprise_haarlem"].pk])).status_code == 404
    assert client.get(reverse("brokers:budget-detail", args=[world["budget_haarlem"].pk])).status_code == 404
    assert client.get(reverse("helpdesk-case-list")).json()["results"] == []


def test_coordinator_dashboard_and_menu(world):
    html = client_for(world, COORDINATOR).get(reverse("dashboard")).content.decode()
    assert 'data-dashboard="sroi_coordinator"' in html and "Zuid-Kennemerland en IJmond" in html
    for url_name in ("procurement:contract-list", "procurement:rule-set-list", "procurement:figures"):
        assert f'href="{reverse(url_name)}"' in html, url_name
    for url_name in ("helpdesk:inbox", "enterprises:register", "brokers:budget-list", "procurement:meeting-list"):
        assert f'href="{reverse(url_name)}"' not in html, url_name


def test_team_coordinator_flag_is_not_the_sroi_coordinator_role(world):
    broker = world.actors["broker_haarlem"]
    assert broker.memberships.get().is_coordinator
    assert access.SROI_COORDINATOR not in access.roles_of(broker)
    assert not Realisation.objects.for_user(world.actors[COORDINATOR]).filter(
        contract__organisation=world["amersfoort"]).exists()


# --- the membership itself ---------------------------------------------------------------------


def test_membership_anchors_are_enforced(world):
    user = f.UserFactory(username="los")
    bad = [
        {"role": Role.PARTNER, "organisation": world["haarlem"]},  # no partner organisation
        {"role": Role.SROI_COORDINATOR, "organisation": world["haarlem"]},  # not at a region
        {"role": Role.BROKER, "organisation": world["haarlem"], "region": world["region"]},
    ]
    for values in bad:
        with pytest.raises(IntegrityError), transaction.atomic():
            Membership.objects.create(user=user, **values)
    membership = Membership(user=user, role=Role.PARTNER, organisation=world["haarlem"],
                            partner_organisation=world["amersfoort"])
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "partner_organisation" in error.value.message_dict
    # One coordinator may coordinate two regions.
    Membership.objects.create(user=user, role=Role.SROI_COORDINATOR, region=world["region"])
    Membership.objects.create(user=user, role=Role.SROI_COORDINATOR, region=world["region_amersfoort"])
    access.forget(user)
    assert access.region_ids(user, access.SROI_COORDINATOR) == {world["region"].pk, world["region_amersfoort"].pk}
