"""Matching from the database: the candidates narrowed in SQL, a bounded pool, the ranked result,
exclusions and access; match-making meetings through the service."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from enterprises.constants import AdmissionStatus, CertificationStatus
from enterprises.models import Certification, Offering
from procurement import services_matching
from procurement.constants import BlockKind, MeetingOutcome
from procurement.models import MatchMeeting
from tests import factories as f
from tests.procurement import factories as pf

D = Decimal
TODAY = dt.date(2025, 6, 1)
END = dt.date(2026, 12, 31)
PSO_PURCHASE = [("inkoop-pso", BlockKind.PURCHASE, "Inkoop PSO", None, {"share": D("1"),
                                                                        "required_schemes": ["pso_2", "pso_3"]})]
NO_PURCHASE = [b for b in pf.STANDARD_BLOCKS if b[1] != BlockKind.PURCHASE]


@pytest.fixture
def places(haarlem, region):
    zandvoort = f.OrganisationFactory(name="Gemeente Zandvoort", slug="zandvoort")
    region.members.add(zandvoort)
    return {"haarlem": haarlem, "zandvoort": zandvoort, "emmen": f.OrganisationFactory(name="Gemeente Emmen",
                                                                                          slug="emmen")}


def admitted(name, municipality, categories=(), status=AdmissionStatus.ADMITTED, **extra):
    enterprise = f.EnterpriseFactory(name=name, municipality=municipality, admission_status=status, **extra)
    for category in categories:
        Offering.objects.create(enterprise=enterprise, name=f"{category.name} door {name}", category=category)
    return enterprise


def certify(enterprise, scheme="pso_2", valid_until=END, status=CertificationStatus.VERIFIED, verified=True):
    return Certification.objects.create(
        enterprise=enterprise, scheme=scheme, number="PSO-12345", issued_on=dt.date(2024, 1, 1),
        valid_until=valid_until, status=status,
        verified_at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC) if verified else None)


@pytest.fixture
def schoonmaak(db):
    return pf.category()


@pytest.fixture
def catering(db):
    return pf.category("catering", "Catering")


def make_contract(organisation, by, blocks=pf.STANDARD_BLOCKS, **kw):
    rule_set = pf.rule_set(organisation=organisation, name=f"Regeling {len(blocks)}", blocks=blocks)
    return pf.contract(organisation=organisation, by=by, rule_set=rule_set, **kw)


def names(matches):
    return [m.name for m in matches]


def test_ranks_category_then_location_and_excludes_the_not_admitted(places, broker_haarlem, schoonmaak, catering):
    admitted("Emmen Schoon", places["emmen"], [schoonmaak])
    admitted("Haarlem Catering", places["haarlem"], [catering])
    admitted("Zandvoort Schoon", places["zandvoort"], [schoonmaak])
    admitted("Haarlem Schoon", places["haarlem"], [schoonmaak])
    admitted("Haarlem Aangevraagd", places["haarlem"], [schoonmaak], status=AdmissionStatus.APPLIED)
    contract = make_contract(places["haarlem"], broker_haarlem, category=schoonmaak)
    matches = services_matching.matches_for(contract, user=broker_haarlem, today=TODAY)
    assert names(matches) == ["Haarlem Schoon", "Zandvoort Schoon", "Emmen Schoon", "Haarlem Catering"]
    assert [m.score for m in matches] == [D("0.700"), D("0.600"), D("0.500"), D("0.400")]


def test_without_a_category_location_decides(places, broker_haarlem, schoonmaak):
    admitted("Emmen", places["emmen"], [schoonmaak])
    admitted("Haarlem", places["haarlem"])
    admitted("Zandvoort", places["zandvoort"])
    contract = make_contract(places["haarlem"], broker_haarlem)
    contract.category = None
    contract.save(update_fields=["category"])
    assert names(services_matching.matches_for(contract, user=broker_haarlem, today=TODAY)) == [
        "Haarlem", "Zandvoort", "Emmen"]


def test_required_certificate_must_hold_through_the_end_date(places, broker_haarlem, schoonmaak):
    certify(admitted("Tot einde", places["haarlem"], [schoonmaak]), valid_until=END)
    certify(admitted("Dag te kort", places["haarlem"], [schoonmaak]), valid_until=END - dt.timedelta(days=1))
    certify(admitted("Verkeerd keurmerk", places["haarlem"], [schoonmaak]), scheme="pso_1")
    certify(admitted("Ingetrokken", places["haarlem"], [schoonmaak]), status=CertificationStatus.REVOKED)
    certify(admitted("Niet geverifieerd", places["haarlem"], [schoonmaak]), status=CertificationStatus.UNVERIFIED,
            verified=False)
    certify(admitted("Geen einde", places["emmen"], [schoonmaak]), valid_until=None, scheme="pso_3")
    admitted("Zonder certificaat", places["haarlem"], [schoonmaak])
    contract = make_contract(places["haarlem"], broker_haarlem, blocks=PSO_PURCHASE, category=schoonmaak,
                             end_date=END)
    assert names(services_matching.matches_for(contract, user=broker_haarlem, today=TODAY)) == [
        "Tot einde", "Geen einde"]


def test_no_purchase_block_or_nothing_remaining_gives_no_matches(places, broker_haarlem, schoonmaak):
    admitted("Haarlem Schoon", places["haarlem"], [schoonmaak])
    without = make_contract(places["haarlem"], broker_haarlem, blocks=NO_PURCHASE, category=schoonmaak)
    assert services_matching.matches_for(without, user=broker_haarlem, today=TODAY) == []
    fulfilled = make_contract(places["haarlem"], broker_haarlem, category=schoonmaak)
    fulfilled.realised = fulfilled.obligation  # everything realised (a value of € 0 is refused)
    assert fulfilled.remaining == 0
    assert services_matching.matches_for(fulfilled, user=broker_haarlem, today=TODAY) == []


def test_category_fits_first_then_the_pool_is_filled_with_others(places, broker_haarlem, schoonmaak, catering):
    admitted("Zandvoort Schoon", places["zandvoort"], [schoonmaak])
    for n in range(4):
        admitted(f"Haarlem Catering {n}", places["haarlem"], [catering])
    contract = make_contract(places["haarlem"], broker_haarlem, category=schoonmaak)
    matches = services_matching.matches_for(contract, user=broker_haarlem, limit=3, today=TODAY)
    assert names(matches) == ["Zandvoort Schoon", "Haarlem Catering 0", "Haarlem Catering 1"]


def test_pool_is_bounded_and_queries_do_not_grow_with_the_register(places, broker_haarlem, schoonmaak):
    contract = make_contract(places["haarlem"], broker_haarlem, category=schoonmaak)
    for n in range(3):
        admitted(f"Eerste {n}", places["haarlem"], [schoonmaak])
    services_matching.matches_for(contract, user=broker_haarlem, limit=2, today=TODAY)  # memberships cached
    with CaptureQueriesContext(connection) as few:  # 3 offer the category: the pool is filled with others
        services_matching.matches_for(contract, user=broker_haarlem, limit=2, today=TODAY)
    for n in range(30):
        certify(admitted(f"Meer {n:02d}", places["emmen"], [schoonmaak], headcount=n))
    with CaptureQueriesContext(connection) as many:
        matches = services_matching.matches_for(contract, user=broker_haarlem, limit=2, today=TODAY)
    assert len(matches) == 2
    # One pool query per (category fit, location tier) until the pool is full: the 30 new
    # candidates fill it sooner, so there are fewer queries, never more.
    assert len(many.captured_queries) < len(few.captured_queries)
    for captured in (few, many):
        pool_sql = [q["sql"] for q in captured.captured_queries if "enterprises_enterprise" in q["sql"]
                    and "LIMIT" in q["sql"]]
        assert 1 <= len(pool_sql) <= 6
        assert all(int(re.search(r"LIMIT (\d+)", sql).group(1)) <= 2 * services_matching.POOL_FACTOR
                   for sql in pool_sql)


def test_limit_is_bounded(places, broker_haarlem, schoonmaak):
    for n in range(3):
        admitted(f"Haarlem {n}", places["haarlem"], [schoonmaak])
    contract = make_contract(places["haarlem"], broker_haarlem, category=schoonmaak)
    assert len(services_matching.matches_for(contract, user=broker_haarlem, limit=0, today=TODAY)) == 1
    assert len(services_matching.matches_for(contract, user=broker_haarlem, limit=500, today=TODAY)) == 3


def test_matching_needs_the_grant_on_the_contract(places, broker_haarlem, broker_amersfoort, inkoper_haarlem,
                                                   enterprise_haarlem, schoonmaak):
    supplier_person = f.entrepreneur(enterprise_haarlem, "leverancier")
    contract = make_contract(places["haarlem"], broker_haarlem, category=schoonmaak, supplier=enterprise_haarlem)
    assert services_matching.matches_for(contract, user=inkoper_haarlem, today=TODAY) is not None
    with pytest.raises(PermissionDenied):
        services_matching.matches_for(contract, user=supplier_person, today=TODAY)
    with pytest.raises(Http404):
        services_matching.matches_for(contract, user=broker_amersfoort, today=TODAY)


# --- meetings ---------------------------------------------------------------------------------


def test_meeting_save_records_who_and_checks_the_facts(places, broker_haarlem, schoonmaak):
    enterprise = admitted("Haarlem Schoon", places["haarlem"], [schoonmaak])
    contract = make_contract(places["haarlem"], broker_haarlem, category=schoonmaak)
    meeting = MatchMeeting(contract=contract, enterprise=enterprise, date=TODAY, outcome=MeetingOutcome.AGREED)
    with pytest.raises(ValidationError) as error:
        services_matching.meeting_save(meeting=meeting, by=broker_haarlem)
    assert "agreed_amount" in error.value.message_dict
    meeting.agreed_amount, meeting.follow_up_on = D("12500"), TODAY - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services_matching.meeting_save(meeting=meeting, by=broker_haarlem)
    assert "follow_up_on" in error.value.message_dict
    assert not MatchMeeting.objects.exists()
    meeting.follow_up_on = TODAY + dt.timedelta(days=14)
    saved = services_matching.meeting_save(meeting=meeting, by=broker_haarlem)
    assert saved.pk and saved.recorded_by == broker_haarlem


def test_meeting_save_needs_the_grant(places, broker_haarlem, broker_amersfoort, schoonmaak):
    enterprise = admitted("Haarlem Schoon", places["haarlem"], [schoonmaak])
    contract = make_contract(places["haarlem"], broker_haarlem, category=schoonmaak)
    with pytest.raises(Http404):
        services_matching.meeting_save(meeting=MatchMeeting(contract=contract, enterprise=enterprise, date=TODAY),
                                       by=broker_amersfoort)
    assert not MatchMeeting.objects.exists()
