"""SROI credit lapse warnings: the register's daily certificate job tells the brokers of the
contracts that rely on an enterprise's certificate, once per event, and nobody else."""

import datetime as dt
from decimal import Decimal

import pytest

from enterprises.constants import AdmissionStatus, CertificationStatus
from enterprises.models import Certification
from enterprises.services import run_certification_checks
from impactportal.models import Notification
from procurement.constants import BlockKind
from tests import factories as f
from tests.procurement import factories as pf

D = Decimal
AWARD, END = dt.date(2025, 1, 1), dt.date(2026, 12, 31)
TODAY = dt.date(2025, 6, 1)
PSO_PURCHASE = [*pf.STANDARD_BLOCKS,
                ("inkoop-pso", BlockKind.PURCHASE, "Inkoop PSO", None, {"share": D("1"),
                                                                        "required_schemes": ["pso_2"]})]


def certify(enterprise, scheme="pso_2", valid_until=dt.date(2026, 3, 31)):
    return Certification.objects.create(enterprise=enterprise, scheme=scheme, number="PSO-55555",
                                        issued_on=dt.date(2023, 4, 1), valid_until=valid_until,
                                        status=CertificationStatus.VERIFIED)


def warnings_for(user):
    return list(Notification.objects.filter(recipient=user, dedupe_key__startswith="sroi-credit:"))


@pytest.fixture
def supplier(haarlem):
    return f.EnterpriseFactory(name="Leverancier met PSO", municipality=haarlem,
                               admission_status=AdmissionStatus.ADMITTED)


def test_supplier_certificate_lapsing_before_the_end_warns_the_contract_brokers_once(
        haarlem, amersfoort, broker_haarlem, broker_amersfoort, inkoper_haarlem, supplier):
    certify(supplier)
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, supplier=supplier,
                           rule_set=pf.rule_set(organisation=haarlem), award_date=AWARD, end_date=END, today=TODAY)
    summary = run_certification_checks(today=TODAY)
    sent = warnings_for(broker_haarlem)
    assert len(sent) == 1 and summary["sroi_credit_warnings"] == 1
    assert "Leverancier met PSO" in sent[0].subject and contract.title in sent[0].subject
    assert "31-03-2026" in sent[0].body
    assert warnings_for(broker_amersfoort) == [] and warnings_for(inkoper_haarlem) == []
    # The next day's run (and a second run the same day) sends nothing again.
    assert run_certification_checks(today=TODAY)["sroi_credit_warnings"] == 0
    assert run_certification_checks(today=TODAY + dt.timedelta(days=1))["sroi_credit_warnings"] == 0
    assert len(warnings_for(broker_haarlem)) == 1


def test_a_renewed_certificate_that_lapses_again_is_a_new_event(haarlem, broker_haarlem, supplier):
    cert = certify(supplier)
    pf.contract(organisation=haarlem, by=broker_haarlem, supplier=supplier, rule_set=pf.rule_set(organisation=haarlem),
                award_date=AWARD, end_date=END, today=TODAY)
    run_certification_checks(today=TODAY)
    cert.valid_until = dt.date(2026, 9, 30)
    cert.save()
    run_certification_checks(today=TODAY)
    assert len(warnings_for(broker_haarlem)) == 2


def test_no_warning_when_a_certificate_holds_through_the_end(haarlem, broker_haarlem, supplier):
    certify(supplier)
    certify(supplier, scheme="pso_3", valid_until=END)  # valid_until == end date holds
    pf.contract(organisation=haarlem, by=broker_haarlem, supplier=supplier, rule_set=pf.rule_set(organisation=haarlem),
                award_date=AWARD, end_date=END, today=TODAY)
    assert run_certification_checks(today=TODAY)["sroi_credit_warnings"] == 0
    assert warnings_for(broker_haarlem) == []


def test_no_warning_for_closed_or_ended_contracts_or_without_a_certificate_block(haarlem, broker_haarlem, supplier):
    from procurement import services

    certify(supplier)
    closed = pf.contract(organisation=haarlem, by=broker_haarlem, supplier=supplier, title="Afgesloten",
                         rule_set=pf.rule_set(organisation=haarlem), award_date=AWARD, end_date=END, today=TODAY)
    services.contract_close(contract=closed, by=broker_haarlem, today=TODAY)
    pf.contract(organisation=haarlem, by=broker_haarlem, supplier=supplier, title="Geen certificaatblok",
                rule_set=pf.rule_set(organisation=haarlem, name="Zonder PSO",
                                     blocks=[b for b in pf.STANDARD_BLOCKS if b[1] != BlockKind.CERTIFICATE]),
                award_date=AWARD, end_date=END, today=TODAY)
    pf.contract(organisation=haarlem, by=broker_haarlem, supplier=supplier, title="Al afgelopen",
                rule_set=pf.rule_set(organisation=haarlem, name="Oud"), award_date=dt.date(2024, 1, 1),
                end_date=dt.date(2025, 3, 1), today=TODAY)
    assert run_certification_checks(today=TODAY)["sroi_credit_warnings"] == 0


def test_seller_of_purchase_lines_whose_required_certificate_lapses(haarlem, amersfoort, broker_haarlem,
                                                                    broker_amersfoort):
    seller = f.EnterpriseFactory(name="Verkoper Amersfoort", municipality=amersfoort,
                                 admission_status=AdmissionStatus.ADMITTED)
    certify(seller)
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, supplier_name="Bouwbedrijf BV",
                           rule_set=pf.rule_set(organisation=haarlem, name="Met PSO-inkoop", blocks=PSO_PURCHASE),
                           award_date=AWARD, end_date=END, today=TODAY)
    pf.realisation(contract, "inkoop-pso", by=broker_haarlem, amount=D("5000"), seller=seller, today=TODAY)
    pf.realisation(contract, "inkoop-pso", by=broker_haarlem, amount=D("2500"), seller=seller, today=TODAY)
    assert run_certification_checks(today=TODAY)["sroi_credit_warnings"] == 1
    assert len(warnings_for(broker_haarlem)) == 1
    # The seller's own municipality is not the one relying on it.
    assert warnings_for(broker_amersfoort) == []


def test_a_failing_subscriber_does_not_stop_the_register_job(monkeypatch, haarlem, broker_haarlem, supplier):
    from procurement import services_matching

    def broken(*, today):
        raise RuntimeError("boom")

    monkeypatch.setattr(services_matching, "credit_lapse_warnings", broken)
    summary = run_certification_checks(today=TODAY)
    assert "checked" in summary and "sroi_credit_warnings" not in summary
