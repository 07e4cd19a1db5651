"""SROI rule sets with the database: the seeded tables, the default choice and pinning at award,
new versions, refusing changes to pinned rule sets (services, screens, API), the year maximum per
candidate across lines and the approval of ``other`` through the services, and list queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from procurement import services
from procurement import services_rule_sets as rules
from procurement.constants import BlockKind, ContractStatus, RealisationStatus
from procurement.demo import rule_sets as demo
from procurement.models import Block, RuleSet
from tests import factories as f
from tests.procurement import factories as pf

D = Decimal


@pytest.fixture
def zkij(region):
    """Haarlem's region table, valid from 2023."""
    return pf.rule_set(region=region, name="Regeling ZKIJ", valid_from=dt.date(2023, 1, 1))


def change_value(rule_set, code, value):
    Block.objects.filter(rule_set=rule_set, code=code).update(value=value)


# --- the seeded tables ----------------------------------------------------------------------


@pytest.fixture
def reference(db):
    from impactportal.seed import core

    ref = core.seed_reference()
    ref.update(demo.seed_reference(ref=ref))
    return ref


def blocks_of(rule_set):
    return {b.code: (b.kind, b.value, b.max_years) for b in rule_set.blocks.all()}


def test_oost_nederland_v05_matches_the_model(reference):
    table = reference["rule_sets"]["oost-nederland"]
    assert table.region.slug == "oost-nederland" and table.organisation is None
    assert set(table.region.members.values_list("slug", flat=True)) >= {"apeldoorn", "provincie-overijssel"}
    assert (table.valid_from, table.valid_until, table.obligation_percentage) == (dt.date(2023, 4, 1), None, D("5"))
    assert "V05" in table.source and not table.is_example
    assert "drempel" in table.notes  # what the model leaves open is said in the data
    P, forty = BlockKind.PLACEMENT, (BlockKind.PLACEMENT, D("40000"), None)
    assert blocks_of(table) == {
        "participatiewet-kort": (P, D("30000"), D("2")), "participatiewet-lang": (P, D("40000"), D("2")),
        "doelgroepregister": forty, "wajong": forty, "wia-wao": forty, "wsw": forty, "beschut-werk": forty,
        "ww-kort": (P, D("10000"), None), "ww-lang": (P, D("15000"), None), "nug": (P, D("10000"), None),
        "werkervaringsplek": (BlockKind.WORK_EXPERIENCE, D("750"), None),
        "bbl-1-2": (BlockKind.TRAINING, D("20000"), None),
    }
    assert table.blocks.get(code="bbl-1-2").level == "BBL 1-2"


def test_utrecht_table_matches_the_source(reference):
    table = reference["rule_sets"]["utrecht"]
    assert table.organisation.slug == "utrecht" and table.obligation_percentage == D("5")
    P, T, B = BlockKind.PLACEMENT, BlockKind.TRAINING, BlockKind.BONUS
    assert blocks_of(table) == {
        "participatiewet": (P, D("40000"), None), "doelgroepregister": (P, D("50000"), None),
        "wia-wao": (P, D("40000"), None), "ww": (P, D("20000"), None), "nug": (P, D("10000"), None),
        "bbl": (T, D("35000"), None), "bol": (T, D("20000"), None),
        "bonus-50-plus": (B, D("10000"), None), "bonus-statushouder-taal": (B, D("10000"), None),
        "bonus-vast-contract": (B, D("10000"), None),
        "inkoop": (BlockKind.PURCHASE, None, None), "kennisuren": (BlockKind.HOURS, D("100"), None),
    }
    purchase = table.blocks.get(code="inkoop")
    assert purchase.share == D("1") and purchase.required_schemes == [] and purchase.notes


def test_seeding_twice_changes_nothing(reference):
    from impactportal.seed import core

    before = (RuleSet.objects.count(), Block.objects.count(), list(RuleSet.objects.values_list("updated_at")))
    ref = core.seed_reference()
    ref.update(demo.seed_reference(ref=ref))
    demo.seed(size="small", ref=ref, stdout=None)
    once = (RuleSet.objects.count(), Block.objects.count())
    demo.seed(size="small", ref=ref, stdout=None)
    assert (RuleSet.objects.count(), Block.objects.count()) == once
    assert before[2] == list(RuleSet.objects.filter(pk__in=[r.pk for r in reference["rule_sets"].values()])
                             .values_list("updated_at"))


def test_example_tables_cover_every_kind_and_contracts_from_2024_find_one(reference):
    examples = demo.seed(size="small", ref=reference, stdout=None)["example_rule_sets"]
    for table in examples.values():
        assert table.is_example and "voorbeeld" in table.name.lower()
        assert {b.kind for b in table.blocks.all()} == set(BlockKind.values)
    v1, v2 = examples["zkij-v1"], examples["zkij-v2"]
    assert (v2.version, v2.previous) == (2, v1) and v1.valid_until == v2.valid_from - dt.timedelta(days=1)
    haarlem, amersfoort = reference["organisations"]["haarlem"], reference["organisations"]["amersfoort"]
    assert services.default_rule_set(haarlem, dt.date(2024, 6, 1)) == v1
    assert services.default_rule_set(haarlem, dt.date(2026, 12, 2)) == v2
    for day in (dt.date(2024, 1, 1), dt.date(2026, 12, 2)):
        assert services.default_rule_set(amersfoort, day) == examples["amersfoort"]
    apeldoorn = reference["organisations"]["apeldoorn"]
    assert services.default_rule_set(apeldoorn, dt.date(2024, 1, 1)) == reference["rule_sets"]["oost-nederland"]


# --- default choice and pinning -------------------------------------------------------------


def test_default_rule_set_own_organisation_first_else_region_by_award_date(zkij, haarlem, amersfoort, broker_haarlem):
    own = pf.rule_set(organisation=haarlem, name="Regeling Haarlem", valid_from=dt.date(2025, 1, 1))
    assert services.default_rule_set(haarlem, dt.date(2024, 12, 31)) == zkij
    assert services.default_rule_set(haarlem, dt.date(2025, 1, 1)) == own
    assert pf.contract(organisation=haarlem, by=broker_haarlem, award_date=dt.date(2024, 6, 1)).rule_set == zkij
    assert pf.contract(organisation=haarlem, by=broker_haarlem, award_date=dt.date(2025, 6, 1)).rule_set == own
    with pytest.raises(ValidationError) as error:
        pf.contract(organisation=amersfoort, by=broker_haarlem)
    assert "rule_set" in error.value.error_dict


def test_a_newer_version_after_award_changes_nothing_for_the_contract(zkij, haarlem, broker_haarlem):
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, award_date=dt.date(2025, 1, 1))
    line = pf.realisation(contract, by=broker_haarlem, fte=D("1"), months=D("12"), candidate_ref="K-1")
    assert (contract.obligation, line.value) == (D("50000.00"), D("30000.00"))

    newer = rules.rule_set_new_version(rule_set=zkij, by=broker_haarlem, valid_from=dt.date(2025, 2, 1))
    RuleSet.objects.filter(pk=newer.pk).update(obligation_percentage=D("10"))
    change_value(newer, "participatiewet-kort", D("99000"))

    contract.refresh_from_db()
    contract.title = "Schoonmaak stadhuis en stadskantoor"
    services.contract_save(contract=contract, by=broker_haarlem, today=dt.date(2025, 6, 1))
    line = services.realisation_update(realisation=line, by=broker_haarlem, values={"months": D("12")},
                                       today=dt.date(2025, 6, 1))
    contract.refresh_from_db()
    assert contract.rule_set == zkij
    assert contract.obligation == D("50000.00")
    assert line.value == D("30000.00") and line.block.rule_set == zkij
    # a contract awarded after the new version's start gets the new version
    later = pf.contract(organisation=haarlem, by=broker_haarlem, award_date=dt.date(2025, 3, 1))
    assert later.rule_set == newer and later.obligation == D("100000.00")


def test_a_contract_cannot_switch_rule_set(zkij, haarlem, broker_haarlem):
    contract = pf.contract(organisation=haarlem, by=broker_haarlem)
    contract.rule_set = pf.rule_set(organisation=haarlem, name="Andere")
    with pytest.raises(ValidationError):
        services.contract_save(contract=contract, by=broker_haarlem)


# --- pinned rule sets refuse changes --------------------------------------------------------


@pytest.fixture
def pinned(zkij, haarlem, broker_haarlem):
    pf.contract(organisation=haarlem, by=broker_haarlem)
    return zkij


def test_services_refuse_changing_a_pinned_rule_set(pinned, broker_haarlem):
    assert services.is_pinned(pinned)
    pinned.obligation_percentage = D("7")
    with pytest.raises(ValidationError, match="vastgelegd in 1 contract"):
        rules.rule_set_save(rule_set=pinned, by=broker_haarlem)
    with pytest.raises(ValidationError):
        rules.rule_set_delete(rule_set=pinned, by=broker_haarlem)
    with pytest.raises(ValidationError):
        rules.blocks_replace(rule_set=pinned, blocks=[], by=broker_haarlem)
    pinned.refresh_from_db()
    assert pinned.obligation_percentage == D("5") and pinned.blocks.count() == len(pf.STANDARD_BLOCKS)


@pytest.mark.parametrize("page", ["wijzigen", "bouwblokken", "verwijderen"])
def test_change_pages_of_a_pinned_rule_set_explain_and_refuse(pinned, login, broker_haarlem, page):
    client = login(broker_haarlem)
    url = f"/inkoop/regelingen/{pinned.pk}/{page}/"
    response = client.get(url)
    assert response.status_code == 403
    assert "vastgelegd in 1 contract" in response.content.decode()
    assert client.post(url, {"name": "Gekaapt", "form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"}).status_code == 403
    assert RuleSet.objects.filter(pk=pinned.pk, name="Regeling ZKIJ").exists()
    assert pinned.blocks.count() == len(pf.STANDARD_BLOCKS)


def test_api_refuses_changing_a_pinned_rule_set(pinned, api, broker_haarlem):
    client = api(broker_haarlem)
    url = f"/api/v1/procurement/rule-sets/{pinned.pk}/"
    response = client.patch(url, {"obligation_percentage": "7.00"}, format="json")
    assert response.status_code == 409 and "nieuwe versie" in str(response.data)
    assert client.delete(url).status_code == 409
    pinned.refresh_from_db()
    assert pinned.obligation_percentage == D("5")


# --- new versions ---------------------------------------------------------------------------


def test_new_version_copies_every_block_with_its_own_validity(zkij, broker_haarlem):
    Block.objects.filter(rule_set=zkij, code="inkoop").update(required_schemes=["pso_2"], notes="Alleen PSO")
    new = rules.rule_set_new_version(rule_set=zkij, by=broker_haarlem, valid_from=dt.date(2026, 1, 1),
                                     valid_until=dt.date(2027, 12, 31))
    zkij.refresh_from_db()
    assert (new.version, new.previous, new.name, new.region) == (2, zkij, zkij.name, zkij.region)
    assert (new.valid_from, new.valid_until) == (dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    assert zkij.valid_until == dt.date(2025, 12, 31)  # the old version ends the day before

    def snapshot(rule_set):
        return sorted((b.code, b.kind, b.name, b.value, b.share, b.max_years, tuple(b.required_schemes),
                       b.reduction_percentage, b.level, b.notes, b.order) for b in rule_set.blocks.all())

    assert snapshot(new) == snapshot(zkij)
    assert list(rules.versions_of(new)) == [zkij, new]
    third = rules.rule_set_new_version(rule_set=new, by=broker_haarlem, valid_from=dt.date(2028, 1, 1))
    assert third.version == 3
    new.refresh_from_db()
    assert new.valid_until == dt.date(2027, 12, 31)  # it had an end: left as it was


@pytest.mark.parametrize("valid_from", [dt.date(2023, 1, 1), dt.date(2022, 6, 1)])
def test_new_version_starts_after_the_previous_one(zkij, broker_haarlem, valid_from):
    with pytest.raises(ValidationError) as error:
        rules.rule_set_new_version(rule_set=zkij, by=broker_haarlem, valid_from=valid_from)
    assert "valid_from" in error.value.error_dict
    assert RuleSet.objects.count() == 1


def test_new_version_of_an_older_version_is_refused(zkij, broker_haarlem):
    rules.rule_set_new_version(rule_set=zkij, by=broker_haarlem, valid_from=dt.date(2026, 1, 1))
    older = RuleSet.objects.get(pk=zkij.pk)
    older.valid_until = None  # even if its period were open again
    with pytest.raises(ValidationError, match="nieuwere versie"):
        rules.rule_set_new_version(rule_set=older, by=broker_haarlem, valid_from=dt.date(2027, 1, 1))


def test_new_version_of_a_pinned_rule_set_through_the_screen(pinned, login, broker_haarlem):
    client = login(broker_haarlem)
    url = f"/inkoop/regelingen/{pinned.pk}/nieuwe-versie/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"valid_from": "2022-01-01"}).status_code == 400
    response = client.post(url, {"valid_from": "2026-01-01", "notes": "Nieuwe bedragen"})
    new = RuleSet.objects.get(previous=pinned)
    assert response.status_code == 302 and response.url == f"/inkoop/regelingen/{new.pk}/"
    assert new.notes == "Nieuwe bedragen" and not services.is_pinned(new)


def test_new_version_through_the_api(zkij, api, broker_haarlem, broker_amersfoort):
    url = f"/api/v1/procurement/rule-sets/{zkij.pk}/new-version/"
    assert api(broker_amersfoort).post(url, {"valid_from": "2026-01-01"}, format="json").status_code == 403
    assert api(broker_haarlem).post(url, {"valid_from": "nope"}, format="json").status_code == 400
    response = api(broker_haarlem).post(url, {"valid_from": "2026-01-01"}, format="json")
    assert response.status_code == 201
    assert (response.data["version"], response.data["previous"], response.data["valid_from"]) == (2, zkij.pk,
                                                                                                  "2026-01-01")
    assert len(response.data["blocks"]) == len(pf.STANDARD_BLOCKS)


# --- valuation through the services ---------------------------------------------------------


def test_year_maximum_per_candidate_across_lines(zkij, haarlem, broker_haarlem):
    contract = pf.contract(organisation=haarlem, by=broker_haarlem)
    first = pf.realisation(contract, by=broker_haarlem, months=D("18"), candidate_ref="K-7", date=dt.date(2025, 1, 1))
    second = pf.realisation(contract, by=broker_haarlem, months=D("18"), candidate_ref="K-7", date=dt.date(2025, 7, 1))
    other = pf.realisation(contract, by=broker_haarlem, months=D("18"), candidate_ref="K-8", date=dt.date(2025, 7, 1))
    assert first.value == D("45000.00")  # 30,000 × 18/12
    assert second.value == D("15000.00")  # only 6 months remain of the 2-year maximum
    assert "6/12 jaar" in second.explanations["nl"] and "6 van 18 maanden" in second.explanations["nl"]
    assert other.value == D("45000.00")  # another candidate has their own maximum


def test_a_rejected_line_does_not_use_up_the_maximum(zkij, haarlem, broker_haarlem):
    contract = pf.contract(organisation=haarlem, by=broker_haarlem)
    first = pf.realisation(contract, by=broker_haarlem, months=D("24"), candidate_ref="K-7", date=dt.date(2025, 1, 1))
    services.realisation_assess(realisation=first, by=broker_haarlem, verify=False, reason="Geen bewijs")
    second = pf.realisation(contract, by=broker_haarlem, months=D("12"), candidate_ref="K-7", date=dt.date(2025, 6, 1))
    assert second.value == D("30000.00")


def test_other_counts_once_a_broker_approves_it(zkij, haarlem, broker_haarlem):
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, value=D("100000"))
    line = pf.realisation(contract, "anders", by=broker_haarlem, amount=D("2500"),
                          justification="Gastlessen op het mbo")
    contract.refresh_from_db()
    # Not realised until approved, but reported (self-declared) at the amount claimed: user review 5
    # found the pending € 2.500 invisible in every "reported" figure.
    assert line.value == 0 and contract.reported == D("2500.00") and contract.realised == 0
    line = services.realisation_assess(realisation=line, by=broker_haarlem, verify=True, today=dt.date(2025, 6, 1))
    contract.refresh_from_db()
    assert line.status == RealisationStatus.VERIFIED and line.value == D("2500.00") and contract.reported == 0
    assert "goedgekeurd" in line.explanations["nl"]
    assert contract.realised == D("2500.00")  # half of the 5,000 obligation
    assert contract.status == ContractStatus.ON_TRACK


def test_rejected_other_line_stays_at_nothing(zkij, haarlem, broker_haarlem):
    contract = pf.contract(organisation=haarlem, by=broker_haarlem)
    line = pf.realisation(contract, "anders", by=broker_haarlem, amount=D("2500"), justification="Iets")
    line = services.realisation_assess(realisation=line, by=broker_haarlem, verify=False, reason="Telt niet")
    contract.refresh_from_db()
    assert line.value == 0 and contract.realised == 0


# --- screens --------------------------------------------------------------------------------


def test_create_a_regional_rule_set_then_its_blocks(region, login, broker_haarlem):
    client = login(broker_haarlem)
    form = client.get("/inkoop/regelingen/nieuw/").context["form"]
    assert list(form.fields["region"].queryset) == [region]
    response = client.post("/inkoop/regelingen/nieuw/", {
        "name": "Regeling ZKIJ 2026", "region": region.pk, "valid_from": "2026-01-01",
        "obligation_percentage": "5", "threshold": "100000", "source": "Regionaal besluit"})
    rule_set = RuleSet.objects.get(name="Regeling ZKIJ 2026")
    assert response.status_code == 302 and response.url == f"/inkoop/regelingen/{rule_set.pk}/bouwblokken/"
    assert (rule_set.region, rule_set.organisation, rule_set.version) == (region, None, 1)

    def blocks(**block):
        return {"blocks-TOTAL_FORMS": "1", "blocks-INITIAL_FORMS": "0",
                **{f"blocks-0-{k}": v for k, v in {"order": "0", **block}.items()}}

    url = f"/inkoop/regelingen/{rule_set.pk}/bouwblokken/"
    bad = client.post(url, blocks(code="pw", kind="placement", name="Participatiewet", share="0.5"))
    assert bad.status_code == 400
    errors = bad.context["form"].forms[0].errors
    assert "value" in errors and "share" in errors
    ok = client.post(url, blocks(code="pw", kind="placement", name="Participatiewet", value="30000", max_years="2"))
    assert ok.status_code == 302
    assert blocks_of(rule_set) == {"pw": (BlockKind.PLACEMENT, D("30000"), D("2"))}


def test_owner_must_be_one_the_user_may_use(region, amersfoort, login, broker_haarlem):
    response = login(broker_haarlem).post("/inkoop/regelingen/nieuw/", {
        "name": "Gekaapt", "organisation": amersfoort.pk, "valid_from": "2026-01-01", "obligation_percentage": "5",
        "threshold": "0"})
    assert response.status_code == 200 and "organisation" in response.context["form"].errors
    assert not RuleSet.objects.filter(name="Gekaapt").exists()


def test_owner_is_an_organisation_or_a_region(region, haarlem, login, broker_haarlem):
    data = {"name": "Dubbel", "valid_from": "2026-01-01", "obligation_percentage": "5", "threshold": "0"}
    client = login(broker_haarlem)
    for owner in ({}, {"organisation": haarlem.pk, "region": region.pk}):
        response = client.post("/inkoop/regelingen/nieuw/", {**data, **owner})
        assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not RuleSet.objects.filter(name="Dubbel").exists()


def test_detail_shows_figures_meanings_versions_and_example_badge(zkij, haarlem, login, broker_haarlem,
                                                                  inkoper_haarlem):
    pf.contract(organisation=haarlem, by=broker_haarlem)
    RuleSet.objects.filter(pk=zkij.pk).update(is_example=True)
    page = login(inkoper_haarlem).get(f"/inkoop/regelingen/{zkij.pk}/").content.decode()
    assert 'id="example-badge"' in page
    assert '<span class="portal-figure" id="pinned-count">1</span>' in page
    assert "€\u00a030.000 per fte-jaar, naar rato van fte en maanden; ten hoogste 2 jaar per kandidaat" in page
    assert "Verlaagt de verplichting met 25%" in page
    assert "wijzigen/" not in page  # a colleague reads, does not change


def test_list_filters(zkij, haarlem, api, inkoper_haarlem):
    own = pf.rule_set(organisation=haarlem, name="Regeling Haarlem", valid_from=dt.date(2026, 1, 1),
                      blocks=[("pw", BlockKind.PLACEMENT, "Participatiewet", D("30000"), {})])
    client = api(inkoper_haarlem)

    def names(query):
        response = client.get(f"/api/v1/procurement/rule-sets/{query}")
        assert response.status_code == 200, response.data
        return sorted(row["name"] for row in response.data["results"])

    assert names("") == ["Regeling Haarlem", "Regeling ZKIJ"]
    assert names("?valid_on=2025-06-01") == ["Regeling ZKIJ"]
    assert names("?owner=haarlem") == ["Regeling Haarlem"]
    assert names(f"?owner={zkij.region.slug}&valid_on=2026-06-01") == ["Regeling ZKIJ"]
    assert names("?kind=certificate") == ["Regeling ZKIJ"]
    assert names("?q=haarlem") == ["Regeling Haarlem"]
    assert client.get("/api/v1/procurement/rule-sets/?valid_on=2025-13-45").status_code == 400
    assert own.pk


# --- API ------------------------------------------------------------------------------------


def test_api_detail_shape(zkij, api, broker_amersfoort):
    data = api(broker_amersfoort).get(f"/api/v1/procurement/rule-sets/{zkij.pk}/").data
    assert (data["obligation_percentage"], data["threshold"], data["cap"]) == ("5.00", "0.00", None)
    assert (data["valid_from"], data["valid_until"], data["version"]) == ("2023-01-01", None, 1)
    assert (data["organisation"], data["region"], data["is_example"]) == (None, zkij.region.slug, False)
    assert data["owner"] == {"type": "region", "slug": zkij.region.slug, "name": zkij.region.name}
    placement = next(b for b in data["blocks"] if b["code"] == "participatiewet-kort")
    assert placement == {"code": "participatiewet-kort", "kind": "placement", "name": "Participatiewet < 2 jaar",
                         "name_en": "", "value": "30000.00", "share": None, "max_years": "2.00",
                         "required_schemes": [], "reduction_percentage": None, "level": "", "notes": "",
                         "notes_en": "", "order": 0}


def test_api_create_and_update_with_blocks(haarlem, amersfoort, api, broker_haarlem, inkoper_haarlem):
    body = {"name": "Regeling Haarlem", "organisation": "haarlem", "valid_from": "2026-01-01",
            "obligation_percentage": "5.00", "threshold": "50000.00",
            "blocks": [{"code": "pw", "kind": "placement", "name": "Participatiewet", "value": "30000",
                        "max_years": "2"},
                       {"code": "inkoop", "kind": "purchase", "name": "Inkoop", "share": "1",
                        "required_schemes": ["pso_2"]}]}
    # Haarlem is visible to both: not allowed is 403 (decided before the body), not a field error.
    assert api(inkoper_haarlem).post("/api/v1/procurement/rule-sets/", body, format="json").status_code == 403
    other = api(broker_haarlem).post("/api/v1/procurement/rule-sets/", {**body, "organisation": "amersfoort"},
                                     format="json")
    assert other.status_code == 403
    response = api(broker_haarlem).post("/api/v1/procurement/rule-sets/", body, format="json")
    assert response.status_code == 201, response.data
    assert [b["code"] for b in response.data["blocks"]] == ["pw", "inkoop"]
    assert response.data["blocks"][1]["required_schemes"] == ["pso_2"]
    url = f"/api/v1/procurement/rule-sets/{response.data['id']}/"
    updated = api(broker_haarlem).patch(url, {"blocks": [{"code": "uren", "kind": "hours", "name": "Uren",
                                                           "value": "100"}]}, format="json")
    assert updated.status_code == 200 and [b["code"] for b in updated.data["blocks"]] == ["uren"]


@pytest.mark.parametrize("blocks, field", [
    ([{"code": "pw", "kind": "placement", "name": "P"}], "value"),
    ([{"code": "pw", "kind": "placement", "name": "P", "value": "1", "share": "0.5"}], "share"),
    ([{"code": "c", "kind": "certificate", "name": "C", "reduction_percentage": "25"}], "required_schemes"),
    ([{"code": "i", "kind": "purchase", "name": "I", "share": "1.5"}], "share"),
    ([{"code": "i", "kind": "purchase", "name": "I", "share": "1", "required_schemes": ["nope"]}], "required_schemes"),
    ([{"code": "x", "kind": "mystery", "name": "X"}], "kind"),
])
def test_api_refuses_bad_blocks(haarlem, api, broker_haarlem, blocks, field):
    body = {"name": "R", "organisation": "haarlem", "valid_from": "2026-01-01", "obligation_percentage": "5",
            "threshold": "0", "blocks": blocks}
    response = api(broker_haarlem).post("/api/v1/procurement/rule-sets/", body, format="json")
    assert response.status_code == 400 and field in response.data["blocks"][0]
    assert not RuleSet.objects.exists()


def test_api_refuses_duplicate_codes(haarlem, api, broker_haarlem):
    block = {"code": "pw", "kind": "placement", "name": "P", "value": "1"}
    body = {"name": "R", "organisation": "haarlem", "valid_from": "2026-01-01", "obligation_percentage": "5",
            "threshold": "0", "blocks": [block, block]}
    response = api(broker_haarlem).post("/api/v1/procurement/rule-sets/", body, format="json")
    assert response.status_code == 400 and "blocks" in response.data


# --- constant queries -----------------------------------------------------------------------


def make_rule_sets(region, count):
    for n in range(count):
        pf.rule_set(region=region, name=f"Regeling {n}", blocks=pf.STANDARD_BLOCKS[:3])


@pytest.mark.parametrize("count", [2, 12])
def test_list_screen_queries_are_constant(region, login, broker_haarlem, django_assert_max_num_queries, count):
    make_rule_sets(region, count)
    client = login(broker_haarlem)
    with django_assert_max_num_queries(14):
        response = client.get("/inkoop/regelingen/?valid_on=2025-01-01&kind=placement")
    assert response.status_code == 200 and response.content.decode().count("Regeling ") >= count


@pytest.mark.parametrize("count", [2, 12])
def test_api_list_queries_are_constant(region, api, broker_haarlem, django_assert_max_num_queries, count):
    make_rule_sets(region, count)
    client = api(broker_haarlem)
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/procurement/rule-sets/?owner=zkij")
    assert response.status_code == 200 and response.data["count"] == count


def test_superuser_may_create_under_any_owner(amersfoort, login):
    admin = f.UserFactory(username="beheer", is_superuser=True, is_staff=True)
    response = login(admin).post("/inkoop/regelingen/nieuw/", {
        "name": "Regeling Amersfoort", "organisation": amersfoort.pk, "valid_from": "2026-01-01",
        "obligation_percentage": "5", "threshold": "0"})
    assert response.status_code == 302 and RuleSet.objects.filter(organisation=amersfoort).exists()
