"""Findings of a user walk in procurement: a contract below the threshold is not "fulfilled" and
not a contract with an SROI obligation (A); a realisation reported twice is flagged and needs an
explicit confirmation (B); a negative payment is a credit note, named in the import report and
netted in the figures (C); a reader who cannot register contracts is told who does (D)."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enterprises.constants import AdmissionStatus
from procurement import figures, payment_imports, services
from procurement.constants import ContractStatus, RealisationStatus
from procurement.models import Contract, PaymentImport
from tests import factories as f
from tests.procurement import factories as pf

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = dt.date(2025, 6, 1)


# --- A. no obligation is not "fulfilled" --------------------------------------------------------


@pytest.fixture
def below_threshold(haarlem, broker_haarlem):
    """Haarlem's rule set with a threshold of € 50,000: one contract owes, two of € 10,000 do not."""
    pf.rule_set(organisation=haarlem, name="Regeling Haarlem", threshold=D("50000"))
    owing = pf.contract(organisation=haarlem, by=broker_haarlem, title="Schoonmaak stadhuis")
    small = [pf.contract(organisation=haarlem, by=broker_haarlem, title=f"Klein contract {n}", value=D("10000"))
             for n in (1, 2)]
    return {"owing": owing, "small": small}


def test_a_contract_below_the_threshold_has_no_obligation_not_fulfilled(below_threshold):
    small = below_threshold["small"][0]
    assert small.obligation == 0 and small.status == ContractStatus.NO_OBLIGATION
    assert small.get_status_display() == "Geen verplichting"
    assert below_threshold["owing"].status != ContractStatus.NO_OBLIGATION
    # The daily job leaves it as it is.
    services.refresh_statuses(today=dt.date(2026, 12, 31))
    small.refresh_from_db()
    assert small.status == ContractStatus.NO_OBLIGATION


def test_figures_count_contracts_without_obligation_apart(below_threshold, broker_haarlem, haarlem, login):
    result = figures.figures_for(broker_haarlem, haarlem, 2025)
    tiles = {fig.key: fig for fig in result.tiles}
    assert tiles["contracts"].value == 1  # not 3: the two below the threshold owe nothing
    assert "drempel" in tiles["contracts"].source
    counts = {s["status"]: s["count"] for s in result.statuses}
    assert counts[ContractStatus.FULFILLED] == 0 and counts[ContractStatus.NO_OBLIGATION] == 2
    assert sum(counts.values()) == 3
    page = login(broker_haarlem).get(reverse("procurement:figures"), {"year": 2025}).content.decode()
    assert "<dt>Geen verplichting</dt><dd>2</dd>" in page and "<dt>Voldaan</dt><dd>0</dd>" in page


def test_the_contract_list_filter_export_and_api_name_no_obligation(below_threshold, broker_haarlem, login, api):
    client = login(broker_haarlem)
    page = client.get(reverse("procurement:contract-list"), {"status": ContractStatus.NO_OBLIGATION})
    assert sorted(c.title for c in page.context["table"].data) == ["Klein contract 1", "Klein contract 2"]
    page = client.get(reverse("procurement:contract-list"), {"status": ContractStatus.FULFILLED})
    assert list(page.context["table"].data) == []
    export = client.get(reverse("procurement:contract-list"), {"_export": "csv"}).content.decode("utf-8-sig")
    assert "Geen verplichting" in export and "Voldaan" not in export
    small = below_threshold["small"][0]
    body = api(broker_haarlem).get(f"/api/v1/procurement/contracts/{small.pk}/").json()
    assert body["status"] == ContractStatus.NO_OBLIGATION


def test_the_contract_page_does_not_say_fully_realised_without_obligation(below_threshold, broker_haarlem, login):
    page = login(broker_haarlem).get(below_threshold["small"][0].get_absolute_url()).content.decode()
    assert 'id="no-obligation"' in page and 'id="progress-realised"' not in page
    page = login(broker_haarlem).get(below_threshold["owing"].get_absolute_url()).content.decode()
    assert 'id="no-obligation"' not in page and 'id="progress-realised"' in page


def test_the_migration_moves_stored_contracts_without_obligation(below_threshold):
    small, owing = below_threshold["small"][0], below_threshold["owing"]
    Contract.objects.filter(pk=small.pk).update(status=ContractStatus.FULFILLED)  # as stored before
    Contract.objects.filter(pk=owing.pk).update(status=ContractStatus.FULFILLED, realised=owing.obligation)
    migration = importlib.import_module("procurement.migrations.0006_contract_no_obligation")
    migration.mark_contracts_without_obligation(django_apps, None)
    small.refresh_from_db()
    owing.refresh_from_db()
    assert small.status == ContractStatus.NO_OBLIGATION and owing.status == ContractStatus.FULFILLED


# --- B. a realisation reported twice --------------------------------------------------------------


@pytest.fixture
def seller(haarlem):
    return f.EnterpriseFactory(name="Sociale Drukkerij", kvk_number="90000011", municipality=haarlem,
                               admission_status=AdmissionStatus.ADMITTED)


def purchase(contract, seller, amount="10000", date="2025-03-01", **extra):
    return {"block": pf.block(contract, "inkoop").pk, "date": date, "amount": amount,
            "seller": f"{seller.kvk_number} {seller.name}", **extra}


def create_url(contract):
    return reverse("procurement:realisation-create", args=[contract.pk])


def test_a_second_identical_realisation_needs_confirmation(login, broker_haarlem, contract, seller):
    client = login(broker_haarlem)
    assert client.post(create_url(contract), purchase(contract, seller)).status_code == 302
    response = client.post(create_url(contract), purchase(contract, seller))
    assert response.status_code == 400 and contract.realisations.count() == 1
    form = response.context["form"]
    assert "Er staat al een realisatie met dezelfde datum" in form.errors["confirm_duplicate"][0]
    page = response.content.decode()
    assert 'id="duplicate-warning"' in page and "Ik bevestig dat dit een andere realisatie is" in page
    # Another amount, date or seller is another realisation: no question asked.
    assert client.post(create_url(contract), purchase(contract, seller, amount="9999")).status_code == 302
    assert client.post(create_url(contract), purchase(contract, seller, date="2025-03-02")).status_code == 302
    # Ticked: reported as a second line.
    response = client.post(create_url(contract), purchase(contract, seller, confirm_duplicate="on"))
    assert response.status_code == 302 and contract.realisations.count() == 4


def test_a_rejected_line_is_no_duplicate(login, broker_haarlem, contract, seller):
    first = pf.realisation(contract, "inkoop", by=broker_haarlem, amount=D("10000"), seller=seller)
    services.realisation_assess(realisation=first, by=broker_haarlem, verify=False, reason="Factuur onleesbaar")
    response = login(broker_haarlem).post(create_url(contract), purchase(contract, seller))
    assert response.status_code == 302


def test_correcting_a_line_does_not_compare_it_with_itself(login, broker_haarlem, contract, seller):
    line = pf.realisation(contract, "inkoop", by=broker_haarlem, amount=D("10000"), seller=seller)
    url = reverse("procurement:realisation-update", args=[line.pk])
    data = purchase(contract, seller, description="Factuur 2025-014")
    assert login(broker_haarlem).post(url, data).status_code == 302


def test_the_verifier_sees_possible_duplicates(login, broker_haarlem, contract, seller):
    first = pf.realisation(contract, "inkoop", by=broker_haarlem, amount=D("10000"), seller=seller)
    second = pf.realisation(contract, "inkoop", by=broker_haarlem, amount=D("10000"), seller=seller)
    other = pf.realisation(contract, "inkoop", by=broker_haarlem, amount=D("500"), seller=seller)
    client = login(broker_haarlem)
    page = client.get(contract.get_absolute_url())
    flagged = {line.pk for line in page.context["lines"] if line.possible_duplicate}
    assert flagged == {first.pk, second.pk} and other.pk not in flagged
    assert page.content.decode().count("data-possible-duplicate") == 2
    detail = client.get(second.get_absolute_url())
    assert [d.pk for d in detail.context["duplicates"]] == [first.pk]
    assert 'id="possible-duplicates"' in detail.content.decode()
    assert client.get(other.get_absolute_url()).context["duplicates"] == []


def test_the_api_refuses_a_duplicate_without_confirmation(api, broker_haarlem, contract, seller):
    client = api(broker_haarlem)
    url = f"/api/v1/procurement/contracts/{contract.pk}/realisations/"
    line = {"block": "inkoop", "date": "2025-03-01", "amount": "10000.00", "seller": seller.pk}
    assert client.post(url, line, format="json").status_code == 201
    response = client.post(url, line, format="json")
    assert response.status_code == 400 and "confirm_duplicate" in str(response.json())
    assert contract.realisations.count() == 1
    assert client.post(url, line | {"confirm_duplicate": True}, format="json").status_code == 201
    assert contract.realisations.filter(status=RealisationStatus.SUBMITTED).count() == 2


# --- C. credit notes in the payment import ---------------------------------------------------------


CREDIT = "\n".join([
    "kvk-nummer;naam;datum;bedrag excl. btw;kostensoort",
    "90000021;Groen Werkt;2025-03-01;2000,00;Groenonderhoud",
    "90000021;Groen Werkt;2025-03-15;-500,00;Groenonderhoud",
    "12345678;Kantoorreus BV;2025-04-01;8000,00;Kantoorartikelen",
]) + "\n"


def test_a_negative_amount_is_reported_as_a_credit_note_and_netted(haarlem, broker_haarlem, login,
                                                                   django_capture_on_commit_callbacks):
    f.EnterpriseFactory(name="Groen Werkt", kvk_number="90000021", municipality=haarlem,
                        admission_status=AdmissionStatus.ADMITTED)
    client = login(broker_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("procurement:payment-import-create"), {
            "organisation": haarlem.pk,
            "file": SimpleUploadedFile("betalingen.csv", CREDIT.encode(), content_type="text/csv")})
    payment_import = PaymentImport.objects.get()
    report = payment_import.report
    assert report["applied"] == 3  # accepted, not refused
    assert report["credit_notes"] == [{"line": 3, "name": "Groen Werkt", "kvk_number": "90000021",
                                       "amount": "-500.00"}]
    assert payment_imports.summary(report)["creditnota's (negatieve bedragen)"] == 1
    page = client.get(payment_import.get_absolute_url()).content.decode()
    assert 'id="credit-notes"' in page and "Regel 3" in page and "creditnota" in page
    csv_text = client.get(reverse("procurement:payment-import-report", args=[payment_import.pk])).content.decode(
        "utf-8-sig")
    assert "creditnota;3;90000021;Groen Werkt;1;-500,00;" in csv_text
    # The figures are net: 1,500 of 9,500 at impact enterprises, and they say so.
    spending = {fig.key: fig for fig in figures.spending_figures(broker_haarlem, haarlem, 2025)["spending"]}
    assert spending["spending_impact"].value == D("1500.00") and spending["spending_total"].value == D("9500.00")
    assert spending["spending_share"].value == D("15.8")
    assert "creditnota" in spending["spending_share"].source


def test_the_monitoring_definitions_say_the_spending_is_net():
    from procurement.indicators import INDICATORS

    definitions = {i.code: str(i.definition) for i in INDICATORS}
    assert "creditnota" in definitions["procurement.mvi_share"]
    assert "creditnota" in definitions["procurement.spending_impact"]


# --- D. who registers contracts ----------------------------------------------------------------------


def test_a_reader_who_cannot_register_contracts_is_told_who_does(haarlem, inkoper_haarlem, broker_haarlem, login):
    page = login(inkoper_haarlem).get(reverse("procurement:contract-list")).content.decode()
    assert 'id="who-registers"' in page and "makelaars" in page
    assert reverse("procurement:contract-create") not in page
    page = login(broker_haarlem).get(reverse("procurement:contract-list")).content.decode()
    assert 'id="who-registers"' not in page and reverse("procurement:contract-create") in page
