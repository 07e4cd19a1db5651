"""Contracts: pinning the rule set, the obligation through the service, statuses, the screens
(list, create, update, detail, close, invitation) and supplier-side access."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from enterprises.constants import Scheme
from impactportal.accounts.models import Membership
from procurement import services
from procurement.constants import ContractStatus
from procurement.models import Block, Contract, ContractContact
from procurement.tasks import refresh_contract_statuses
from tests.procurement import factories as pf

D = Decimal
pytestmark = pytest.mark.django_db


# --- pinning and obligation (through the service) ----------------------------------------------


def test_default_rule_set_is_the_regions_when_the_organisation_has_none(contract, zkij_rules):
    assert contract.rule_set == zkij_rules
    assert contract.obligation == D("50000.00")  # 5 % of a million
    assert "5" in contract.obligation_explanations["nl"] and contract.obligation_explanations["en"]


def test_own_rule_set_wins_over_the_regions(haarlem, broker_haarlem, zkij_rules):
    own = pf.rule_set(organisation=haarlem, name="Haarlem eigen", percentage=D("4.00"))
    c = pf.contract(organisation=haarlem, by=broker_haarlem)
    assert c.rule_set == own and c.obligation == D("40000.00")


def test_explicit_rule_set_valid_on_award(haarlem, amersfoort, broker_haarlem, zkij_rules):
    """An explicit choice among the organisation's own and its region's; another owner's is refused
    (procurement walk 9: a Haarlem contract pinned Utrecht's rules)."""
    own = pf.rule_set(organisation=haarlem, name="Haarlem", percentage=D("3.00"))
    c = pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=own)
    assert c.rule_set == own and c.obligation == D("30000.00")
    other = pf.rule_set(organisation=amersfoort, name="Amersfoort", percentage=D("3.00"))
    with pytest.raises(ValidationError) as error:
        pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=other)
    assert "rule_set" in error.value.message_dict


def test_explicit_rule_set_not_valid_on_award_date_is_refused(haarlem, broker_haarlem, zkij_rules):
    later = pf.rule_set(organisation=haarlem, name="Later", valid_from=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError) as error:
        pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=later, award_date=dt.date(2025, 1, 1))
    assert "rule_set" in error.value.message_dict


def test_no_rule_set_found_is_a_field_error(amersfoort, broker_amersfoort):
    with pytest.raises(ValidationError) as error:
        pf.contract(organisation=amersfoort, by=broker_amersfoort)
    assert "rule_set" in error.value.message_dict


def test_the_rule_set_cannot_change_after_creation(contract, haarlem):
    contract.rule_set = pf.rule_set(organisation=haarlem, name="Nieuw")
    with pytest.raises(ValidationError) as error:
        services.contract_save(contract=contract, by=None)
    assert "rule_set" in error.value.message_dict


def test_a_newer_version_after_award_changes_nothing(contract, region, broker_haarlem):
    pf.rule_set(region=region, name="Regeling ZKIJ", version=2, valid_from=dt.date(2025, 3, 1),
                percentage=D("10.00"))
    contract.title = "Schoonmaak stadhuis en bibliotheek"
    services.contract_save(contract=contract, by=broker_haarlem)
    contract.refresh_from_db()
    assert contract.rule_set.version == 1 and contract.obligation == D("50000.00")


@pytest.mark.parametrize(("value", "obligation"), [
    (D("99999.99"), D("0.00")),  # below the threshold: no social return
    (D("100000"), D("5000.00")),  # at the threshold it applies
    (D("2000000"), D("60000.00")),  # capped
])
def test_threshold_and_cap(haarlem, broker_haarlem, value, obligation):
    rs = pf.rule_set(organisation=haarlem, threshold=D("100000"), cap=D("60000"))
    c = pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=rs, value=value)
    assert c.obligation == obligation


def test_pso_certificate_valid_through_the_end_lowers_the_obligation(haarlem, broker_haarlem, zkij_rules,
                                                                     enterprise_haarlem):
    from enterprises.models import Certification

    Certification.objects.create(enterprise=enterprise_haarlem, scheme=Scheme.PSO_2, number="PSO-1",
                                 valid_until=dt.date(2027, 6, 30), verified_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    c = pf.contract(organisation=haarlem, by=broker_haarlem, supplier=enterprise_haarlem)
    assert c.obligation == D("37500.00")  # 25 % lower


# --- statuses ----------------------------------------------------------------------------------


def test_status_moves_from_open_to_behind_to_on_track_to_fulfilled_and_closed(haarlem, broker_haarlem, zkij_rules):
    c = pf.contract(organisation=haarlem, by=broker_haarlem, award_date=dt.date(2025, 7, 1),
                    end_date=dt.date(2026, 6, 30), value=D("200000"), today=dt.date(2025, 6, 1))
    assert c.status == ContractStatus.OPEN  # obligation 10,000, period not begun
    assert refresh_contract_statuses(today="2025-10-01") == 1
    c.refresh_from_db()
    assert c.status == ContractStatus.BEHIND
    line = pf.realisation(c, "kennisuren", hours=D("50"), date=dt.date(2025, 9, 1), by=broker_haarlem,
                          today=dt.date(2025, 10, 1))  # within the contract period
    services.realisation_assess(realisation=line, by=broker_haarlem, verify=True, today=dt.date(2025, 10, 1))
    c.refresh_from_db()
    assert (c.realised, c.status) == (D("5000.00"), ContractStatus.ON_TRACK)  # 50 % realised, 25 % elapsed
    line = pf.realisation(c, "kennisuren", hours=D("50"), date=dt.date(2025, 9, 1), by=broker_haarlem,
                          today=dt.date(2025, 10, 1))  # within the contract period
    services.realisation_assess(realisation=line, by=broker_haarlem, verify=True, today=dt.date(2025, 10, 1))
    c.refresh_from_db()
    assert c.status == ContractStatus.FULFILLED
    services.contract_close(contract=c, by=broker_haarlem)
    c.refresh_from_db()
    assert c.status == ContractStatus.CLOSED and c.closed_at is not None
    with pytest.raises(ValidationError):
        services.contract_close(contract=c, by=broker_haarlem)


# --- screens -----------------------------------------------------------------------------------


def test_broker_creates_a_contract_with_the_default_rule_set(login, broker_haarlem, haarlem, zkij_rules,
                                                             enterprise_haarlem):
    client = login(broker_haarlem)
    page = client.get(reverse("procurement:contract-create"))
    assert page.status_code == 200
    assert "Regeling ZKIJ" in page.content.decode()  # the default is named before choosing
    response = client.post(reverse("procurement:contract-create"), {
        "organisation": haarlem.pk, "title": "Groenonderhoud parken", "value": "400000",
        "award_date": "2025-02-01", "end_date": "2027-01-31",
        "supplier": f"{enterprise_haarlem.kvk_number} {enterprise_haarlem.name}"})
    contract = Contract.objects.get(title="Groenonderhoud parken")
    assert response.status_code == 302 and response.url == contract.get_absolute_url()
    assert contract.rule_set == zkij_rules and contract.supplier == enterprise_haarlem
    assert contract.supplier_name == enterprise_haarlem.name and contract.obligation == D("20000.00")


def test_create_form_errors_from_the_service_become_field_errors(login, broker_amersfoort, amersfoort):
    response = login(broker_amersfoort).post(reverse("procurement:contract-create"), {
        "organisation": amersfoort.pk, "title": "Catering", "value": "100000", "award_date": "2025-02-01",
        "end_date": "2026-01-31", "supplier_name": "Catering BV"})
    assert response.status_code == 200
    assert "rule_set" in response.context["form"].errors
    assert not Contract.objects.filter(title="Catering").exists()


def test_unknown_supplier_is_a_field_error(login, broker_haarlem, haarlem, zkij_rules):
    response = login(broker_haarlem).post(reverse("procurement:contract-create"), {
        "organisation": haarlem.pk, "title": "ICT-beheer", "value": "100000", "award_date": "2025-02-01",
        "end_date": "2026-01-31", "supplier": "99999999"})
    assert "supplier" in response.context["form"].errors


def test_update_keeps_the_pinned_rule_set(login, broker_haarlem, contract, haarlem):
    other = pf.rule_set(organisation=haarlem, name="Andere")
    client = login(broker_haarlem)
    response = client.post(reverse("procurement:contract-update", args=[contract.pk]), {
        "organisation": haarlem.pk, "title": "Schoonmaak stadhuis (verlengd)", "value": "1000000",
        "award_date": "2025-01-01", "end_date": "2027-12-31", "supplier_name": "Spaarne BV", "rule_set": other.pk})
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.title == "Schoonmaak stadhuis (verlengd)" and contract.rule_set.name == "Regeling ZKIJ"


def test_list_filters_and_search(login, broker_haarlem, contract, haarlem):
    pf.contract(organisation=haarlem, by=broker_haarlem, title="Reconstructie Kruisweg", supplier_name="Wegenbouw BV")
    client = login(broker_haarlem)
    page = client.get(reverse("procurement:contract-list"), {"q": "Kruisweg"})
    assert [c.title for c in page.context["table"].data] == ["Reconstructie Kruisweg"]
    page = client.get(reverse("procurement:contract-list"), {"supplier": contract.supplier_id})
    assert [c.title for c in page.context["table"].data] == ["Schoonmaak stadhuis"]
    page = client.get(reverse("procurement:contract-list"), {"status": "closed"})
    assert list(page.context["table"].data) == []
    page = client.get(reverse("procurement:contract-list"), {"award_year": 2025, "end_before": "2026-12-31"})
    assert len(page.context["table"].data) == 2
    export = client.get(reverse("procurement:contract-list"), {"_export": "csv"})
    assert b"Reconstructie Kruisweg" in export.content


def test_list_query_count_is_constant(login, broker_haarlem, haarlem, zkij_rules, django_assert_max_num_queries):
    client = login(broker_haarlem)
    pf.contract(organisation=haarlem, by=broker_haarlem)
    client.get(reverse("procurement:contract-list"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("procurement:contract-list"))
    for n in range(15):
        pf.contract(organisation=haarlem, by=broker_haarlem, title=f"Contract {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("procurement:contract-list"))


def test_detail_shows_measured_and_self_declared_figures(login, broker_haarlem, contract):
    line = pf.realisation(contract, by=broker_haarlem, candidate_ref="KAND-1")
    pf.realisation(contract, "kennisuren", hours=D("10"), by=broker_haarlem)
    services.realisation_assess(realisation=line, by=broker_haarlem, verify=True)
    page = login(broker_haarlem).get(contract.get_absolute_url())
    html = page.content.decode()
    assert page.context["object"].realised == D("30000.00") and page.context["object"].reported == D("1000.00")
    assert "Gemeten" in html and "Zelf opgegeven" in html
    assert 'id="progress-realised"' in html and 'id="timeline"' in html
    assert "Participatiewet &lt; 2 jaar: €\u00a030.000" in html or "Participatiewet < 2 jaar" in html


def test_close_is_for_brokers_of_the_organisation(login, contract, broker_haarlem, inkoper_haarlem):
    url = reverse("procurement:contract-close", args=[contract.pk])
    assert login(inkoper_haarlem).post(url).status_code == 403
    assert login(broker_haarlem).post(url).status_code == 302
    contract.refresh_from_db()
    assert contract.status == ContractStatus.CLOSED
    assert login(broker_haarlem).post(url).status_code == 400  # a second close is refused


# --- supplier side ----------------------------------------------------------------------------


def test_entrepreneur_of_the_supplier_reports_on_that_contract_only(login, ondernemer_1, contract, haarlem,
                                                                    broker_haarlem):
    other = pf.contract(organisation=haarlem, by=broker_haarlem, title="Catering", supplier_name="Catering BV")
    client = login(ondernemer_1)
    mine = client.get(reverse("procurement:my-contracts"))
    assert [c.title for c in mine.context["table"].data] == ["Schoonmaak stadhuis"]
    assert client.get(contract.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("procurement:realisation-create", args=[other.pk])).status_code == 404
    assert client.get(reverse("procurement:contract-list")).status_code == 403
    block = pf.block(contract, "kennisuren")
    response = client.post(reverse("procurement:realisation-create", args=[contract.pk]),
                           {"block": block.pk, "date": "2025-04-01", "hours": "12"})
    assert response.status_code == 302
    line = contract.realisations.get()
    assert line.value == D("1200.00")
    # Amounts with cents, as everywhere in the portal: in the message and in the stored explanations.
    assert "gewaardeerd op €\u00a01.200,00." in " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert line.explanations["nl"].endswith("€\u00a0100,00 × 12 uur = €\u00a01.200,00")
    assert line.explanations["en"].endswith("€100.00 × 12 hours = €1,200.00")


def test_a_lines_english_explanation_names_the_block_in_english(contract, broker_haarlem):
    """The stored explanations: the English one with the block's English name, the Dutch one as before."""
    Block.objects.filter(rule_set=contract.rule_set, code="kennisuren").update(name_en="Knowledge hours")
    line = pf.realisation(contract, "kennisuren", by=broker_haarlem, hours=D("12"))
    assert line.explanations["en"] == "Knowledge hours: €100.00 × 12 hours = €1,200.00"
    assert line.explanations["nl"] == "Kennisuren: €\u00a0100,00 × 12 uur = €\u00a01.200,00"


def test_the_suppliers_client_choice_lists_only_their_clients(login, ondernemer_1, contract, amersfoort,
                                                             broker_amersfoort):
    """The supplier's "Opdrachtgever" drop-down listed every organisation in the country."""
    pf.contract(organisation=amersfoort, by=broker_amersfoort, title="Groen Amersfoort", supplier_name="Ander BV",
                rule_set=pf.rule_set(organisation=amersfoort))
    client = login(ondernemer_1)
    response = client.get(reverse("procurement:my-contracts"))
    field = response.context["filter"].form.fields["organisation"]
    assert [org.slug for org in field.queryset] == [contract.organisation.slug]
    html = response.content.decode()
    assert f'value="{contract.organisation.slug}"' in html and f'value="{amersfoort.slug}"' not in html
    # Asking for another client lists nothing rather than that client's contracts.
    other = client.get(reverse("procurement:my-contracts"), {"organisation": amersfoort.slug})
    assert other.status_code == 200 and list(other.context["table"].data) == []


def test_invited_contact_gets_a_set_password_mail_and_sees_that_contract_only(
        login, client, broker_haarlem, contract, haarlem, django_capture_on_commit_callbacks):
    other = pf.contract(organisation=haarlem, by=broker_haarlem, title="Catering", supplier_name="Catering BV")
    with django_capture_on_commit_callbacks(execute=True):
        response = login(broker_haarlem).post(reverse("procurement:contract-invite", args=[contract.pk]),
                                              {"name": "Sanne de Vries", "email": "Sanne@Spaarne.example"})
    assert response.status_code == 302
    contact = ContractContact.objects.get(contract=contract)
    user = contact.user
    assert user.email == "sanne@spaarne.example" and not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()  # no role: the contact sees this contract only
    [message] = mail.outbox
    assert message.to == ["sanne@spaarne.example"] and "/reset/" in message.body
    assert user.username in message.body
    reset_path = re.search(r"/accounts/reset/\S+/", message.body).group(0)
    set_password = client.get(reset_path, follow=True)
    assert set_password.status_code == 200 and set_password.context["validlink"]
    # Inviting again reuses the account and the link.
    login(broker_haarlem).post(reverse("procurement:contract-invite", args=[contract.pk]),
                               {"name": "Sanne de Vries", "email": "sanne@spaarne.example"})
    assert ContractContact.objects.filter(user=user).count() == 1
    client.force_login(user)
    assert client.get(contract.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert [c.title for c in client.get(reverse("procurement:my-contracts")).context["table"].data] == [
        "Schoonmaak stadhuis"]
    block = pf.block(contract, "werkervaringsplek")
    assert client.post(reverse("procurement:realisation-create", args=[contract.pk]),
                       {"block": block.pk, "date": "2025-04-01", "months": "6"}).status_code == 302
    assert client.post(reverse("procurement:realisation-create", args=[other.pk]),
                       {"block": block.pk, "date": "2025-04-01", "months": "6"}).status_code == 404


def test_invite_needs_the_verify_grant(login, inkoper_haarlem, ondernemer_1, contract):
    url = reverse("procurement:contract-invite", args=[contract.pk])
    assert login(inkoper_haarlem).post(url, {"name": "X", "email": "x@example.org"}).status_code == 403
    assert login(ondernemer_1).post(url, {"name": "X", "email": "x@example.org"}).status_code == 403
    assert not ContractContact.objects.exists()


def test_broker_dashboard_panel_counts_contracts_behind(login, broker_haarlem, haarlem, zkij_rules):
    pf.contract(organisation=haarlem, by=broker_haarlem, award_date=dt.date(2024, 1, 1),
                end_date=dt.date(2026, 12, 31), today=dt.date(2025, 6, 1))
    page = login(broker_haarlem).get(reverse("dashboard"))
    html = page.content.decode()
    assert 'id="panel-contracts-behind"' in html
    assert "?status=behind&amp;organisation=haarlem" in html


def test_enterprise_search_suggests_from_the_register(login, broker_haarlem, enterprise_haarlem):
    response = login(broker_haarlem).get(reverse("procurement:contract-enterprise-search"),
                                         {"supplier": "Fietsen", "purpose": "supplier"})
    assert enterprise_haarlem.kvk_number in response.content.decode()
    response = login(broker_haarlem).get(reverse("procurement:contract-enterprise-search"),
                                         {"seller": "Fietsen", "purpose": "seller"})
    assert enterprise_haarlem.kvk_number not in response.content.decode()  # not admitted: no seller


def test_obligation_explanation_writes_cents_as_the_amounts_beside_it(contract):
    """"€ 8,500 × 100% = € 8,500" stood next to "€ 8,500.00": the stored explanation has cents."""
    assert contract.obligation_explanations["nl"] == "€\u00a01.000.000,00 × 5% = €\u00a050.000,00"
    assert contract.obligation_explanations["en"] == "€1,000,000.00 × 5% = €50,000.00"
