"""Findings of the ninth user walk in procurement: a contract awarded days ago was already "behind
schedule" on its page, the dashboard and the figures (A); the contract form offered and accepted
another region's SROI rule set (B); the invitation form's "Annuleren" was a link to "#" (C); match
scores read "0,90" (D)."""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from procurement import figures, services
from procurement.constants import ContractStatus
from procurement.dashboard_contracts import behind_schedule
from procurement.models import Contract, RuleSet
from procurement.valuation import contract_status, judged_from, months_after, too_early_to_judge
from tests import factories as f
from tests.procurement import factories as pf

D = Decimal
ON_TRACK, BEHIND, OPEN = ContractStatus.ON_TRACK, ContractStatus.BEHIND, ContractStatus.OPEN
day = dt.date

# --- A. the start-up period before a contract can be behind (pure) -----------------------------


@pytest.mark.parametrize(("start", "months", "expected"), [
    (day(2026, 12, 1), 3, day(2027, 3, 1)),
    (day(2026, 12, 1), 0, day(2026, 12, 1)),
    (day(2026, 11, 30), 3, day(2027, 2, 28)),  # February is shorter
    (day(2027, 11, 30), 3, day(2028, 2, 29)),  # a leap year
    (day(2026, 10, 31), 1, day(2026, 11, 30)),
    (day(2026, 12, 31), 1, day(2027, 1, 31)),  # over the turn of the year
    (day(2026, 1, 15), 12, day(2027, 1, 15)),
    (day(2026, 1, 15), 25, day(2028, 2, 15)),
])
def test_months_after(start, months, expected):
    assert months_after(start, months) == expected


@pytest.mark.parametrize(("award", "end", "expected"), [
    (day(2026, 12, 1), day(2028, 11, 30), day(2027, 3, 1)),  # the walk's two years: three months
    (day(2025, 1, 1), day(2025, 12, 31), day(2025, 4, 1)),  # 364 days: three months (91 days) < a quarter
    (day(2025, 1, 1), day(2026, 1, 1), day(2025, 4, 1)),  # 365 days: a quarter is 91 days, 2 April
    (day(2025, 11, 30), day(2027, 11, 30), day(2026, 2, 28)),  # three months end on a short month
    (day(2025, 1, 1), day(2025, 4, 11), day(2025, 1, 26)),  # 100 days: the first quarter, 25 days
    (day(2025, 1, 1), day(2025, 1, 8), day(2025, 1, 2)),  # 7 days: 1 day
    (day(2025, 1, 1), day(2025, 1, 4), day(2025, 1, 1)),  # 3 days: judged at once
    (day(2025, 1, 1), day(2025, 1, 1), day(2025, 1, 1)),  # one day
    (day(2025, 1, 1), day(2024, 12, 1), day(2025, 1, 1)),  # an end before the award: no start-up period
])
def test_judged_from(award, end, expected):
    assert judged_from(award, end) == expected
    assert not too_early_to_judge(award, end, expected)
    assert too_early_to_judge(award, end, expected - dt.timedelta(days=1))


WALK_AWARD, WALK_END = day(2026, 12, 1), day(2028, 11, 30)  # 730 days
WALK_JUDGED = day(2027, 3, 1)  # 90 days in


@pytest.mark.parametrize(("obligation", "realised", "today", "closed", "expected"), [
    ("40000", "0", day(2026, 11, 30), False, OPEN),  # before the award
    ("40000", "0", WALK_AWARD, False, OPEN),  # the award date itself
    ("40000", "0", day(2026, 12, 2), False, ON_TRACK),  # a day in: too early to judge
    ("40000", "0", day(2026, 12, 6), False, ON_TRACK),  # the walk: five days in
    ("40000", "0", WALK_JUDGED - dt.timedelta(days=1), False, ON_TRACK),  # the start-up period's last day
    ("40000", "0", WALK_JUDGED, False, BEHIND),  # the first day judged, nothing realised
    ("730", "90", WALK_JUDGED, False, ON_TRACK),  # realised share equals elapsed share (90/730)
    ("730", "89.99", WALK_JUDGED, False, BEHIND),
    ("730", "89.99", WALK_JUDGED - dt.timedelta(days=1), False, ON_TRACK),
    ("730", "365", day(2027, 12, 1), False, ON_TRACK),  # halfway, half realised
    ("730", "364.99", day(2027, 12, 1), False, BEHIND),
    ("730", "729.99", WALK_END, False, BEHIND),  # the period is over, not fulfilled
    ("730", "729.99", day(2029, 6, 1), False, BEHIND),
    ("730", "730", day(2026, 12, 2), False, ContractStatus.FULFILLED),
    ("40000", "100", day(2026, 11, 1), False, ON_TRACK),  # something realised before the period starts
    ("40000", "0", day(2026, 12, 6), True, ContractStatus.CLOSED),
    ("0", "0", day(2026, 12, 6), False, ContractStatus.NO_OBLIGATION),
])
def test_contract_status_with_the_start_up_period(obligation, realised, today, closed, expected):
    assert contract_status(obligation=D(obligation), realised=D(realised), award_date=WALK_AWARD,
                           end_date=WALK_END, today=today, closed=closed) == expected


@pytest.mark.parametrize("term", [0, 1, 3, 4, 7, 30, 100, 180, 364, 365, 366, 730, 1461])
def test_nothing_realised_is_behind_exactly_from_the_judged_day_on(term):
    """Every day from before the award to after the end: open until the award, on track while
    too early to judge, behind from ``judged_from`` on; with the realised share equal to the
    elapsed share the contract is never behind."""
    award = day(2025, 1, 31)
    end = award + dt.timedelta(days=term)
    first = judged_from(award, end)
    assert award <= first <= end
    assert first <= months_after(award, 3) and (first - award).days <= term // 4
    for offset in range(-2, term + 3):
        today = award + dt.timedelta(days=offset)
        nothing = contract_status(obligation=D("1000"), realised=D("0"), award_date=award, end_date=end,
                                  today=today)
        if today <= award:
            assert nothing == OPEN, today
        else:
            assert nothing == (BEHIND if today >= first else ON_TRACK), today
        if term:
            share = D(min(max(offset, 0), term)) / D(term)
            pro_rata = contract_status(obligation=D(term), realised=D(term) * share, award_date=award,
                                       end_date=end, today=today)
            assert pro_rata in (ON_TRACK, OPEN, ContractStatus.FULFILLED), today


def _dashboard_behind(client) -> str:
    page = client.get(reverse("dashboard")).content.decode()
    return re.search(r'data-figure="contracts-behind"><span class="portal-figure">([^<]+)<', page).group(1)


@pytest.mark.django_db
def test_a_contract_awarded_days_ago_is_on_schedule_on_its_page_the_dashboard_and_the_figures(
        login, broker_haarlem, haarlem, zkij_rules, cache_clock, settings):
    """The walk: € 800.000, awarded five days ago, two years, nothing realised yet. The page, the
    dashboard tile and the figures read the one stored status; the daily job moves it to behind
    on the first day it is judged, everywhere at once."""
    today = timezone.localdate()
    award = today - dt.timedelta(days=5)
    end = months_after(award, 24) - dt.timedelta(days=1)
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, value=D("800000"), award_date=award,
                           end_date=end, title="Onderhoud sportparken", today=today)
    assert contract.obligation == D("40000.00") and contract.status == ON_TRACK
    client = login(broker_haarlem)
    page = client.get(contract.get_absolute_url()).content.decode()
    assert 'id="contract-status">Op schema</span>' in page and 'id="too-early"' in page
    assert "Nog te vroeg om te beoordelen" in page and 'id="behind-definition"' not in page
    assert _dashboard_behind(client) == "0" and behind_schedule(broker_haarlem)["count"] == 0
    assert figures.figures_for(broker_haarlem, haarlem, today.year).behind_count == 0
    assert "Onderhoud sportparken" not in client.get(reverse("procurement:figures")).content.decode()

    first = judged_from(award, end)
    assert first == months_after(award, 3)
    assert services.refresh_statuses(today=first - dt.timedelta(days=1)) == 0
    assert services.refresh_statuses(today=first) == 1
    cache_clock[0] += settings.DASHBOARD_CACHE_SECONDS + 1  # a job's bulk update shows within the cache's time
    page = client.get(contract.get_absolute_url()).content.decode()
    assert 'id="contract-status">Achter op schema</span>' in page and 'id="behind-definition"' in page
    assert 'id="too-early"' not in page
    assert _dashboard_behind(client) == "1" and behind_schedule(broker_haarlem)["count"] == 1
    assert figures.figures_for(broker_haarlem, haarlem, today.year).behind_count == 1


# --- B. only the rule sets that apply to the contract's organisation -----------------------------


@pytest.fixture
def other_regions(amersfoort):
    """Utrecht's region (with Amersfoort) and Amersfoort's own rule set: not Haarlem's to pin."""
    utrecht = f.RegionFactory(name="Regio Utrecht", slug="utrecht", members=[amersfoort])
    return {"utrecht": pf.rule_set(region=utrecht, name="Regeling Utrecht"),
            "amersfoort": pf.rule_set(organisation=amersfoort, name="Regeling Amersfoort")}


def _form_data(haarlem, **extra):
    return {"organisation": haarlem.pk, "title": "Groenonderhoud", "value": "400000", "award_date": "2025-02-01",
            "end_date": "2027-01-31", "supplier_name": "Groen BV", **extra}


@pytest.mark.django_db
def test_the_form_offers_the_organisations_and_its_regions_rule_sets_only(login, broker_haarlem, haarlem,
                                                                           zkij_rules, other_regions):
    own = pf.rule_set(organisation=haarlem, name="Regeling Haarlem")
    form = login(broker_haarlem).get(reverse("procurement:contract-create")).context["form"]
    assert set(form.fields["rule_set"].queryset) == {zkij_rules, own}


@pytest.mark.django_db
@pytest.mark.parametrize("other", ["utrecht", "amersfoort"])
def test_the_form_refuses_another_regions_rule_set_with_a_field_error(login, broker_haarlem, haarlem, zkij_rules,
                                                                      other_regions, other):
    response = login(broker_haarlem).post(reverse("procurement:contract-create"),
                                          _form_data(haarlem, rule_set=other_regions[other].pk))
    assert response.status_code == 200
    assert "Deze regeling geldt niet voor deze organisatie" in response.context["form"].errors["rule_set"][0]
    assert not Contract.objects.filter(title="Groenonderhoud").exists()


@pytest.mark.django_db
def test_the_form_holds_the_choice_to_the_chosen_organisation(haarlem, broker_haarlem, amersfoort, zkij_rules,
                                                              other_regions):
    """A user who registers for two organisations sees both's rule sets; the one chosen must fit
    the organisation chosen."""
    from impactportal.accounts.models import Membership
    from procurement.forms.contracts import ContractForm

    Membership.objects.create(user=broker_haarlem, organisation=amersfoort, role="broker")
    form = ContractForm(data=_form_data(haarlem, rule_set=other_regions["utrecht"].pk), user=broker_haarlem,
                        instance=Contract())
    assert other_regions["utrecht"] in form.fields["rule_set"].queryset
    assert not form.is_valid()
    assert form.errors["rule_set"] == [services.not_applicable_message(haarlem)]
    form = ContractForm(data=_form_data(haarlem, rule_set=zkij_rules.pk), user=broker_haarlem, instance=Contract())
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_the_service_refuses_another_regions_rule_set(haarlem, broker_haarlem, zkij_rules, other_regions):
    for other in other_regions.values():
        with pytest.raises(ValidationError) as refused:
            pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=other)
        assert refused.value.message_dict["rule_set"] == [services.not_applicable_message(haarlem)]
    assert pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=zkij_rules).rule_set == zkij_rules
    assert not RuleSet.objects.filter(services.RuleSet.applicable_to(haarlem), name="Regeling Utrecht").exists()


@pytest.mark.django_db
def test_the_api_refuses_another_regions_rule_set(api, broker_haarlem, haarlem, zkij_rules, other_regions):
    """The API creates through the same service: a 400 on the field."""
    response = api(broker_haarlem).post("/api/v1/procurement/contracts/", {
        "organisation": "haarlem", "title": "Catering", "value": "100000", "award_date": "2025-01-01",
        "end_date": "2025-12-31", "supplier_name": "Catering BV", "rule_set": other_regions["utrecht"].pk},
        format="json")
    assert response.status_code == 400 and "rule_set" in response.data, response.data
    assert not Contract.objects.exists()


@pytest.mark.django_db
def test_another_client_must_fit_the_pinned_rule_set(haarlem, broker_haarlem, amersfoort, other_regions):
    """The pinned rule set stays when the contract changes: another client is refused where it
    does not apply to them."""
    from impactportal.accounts.models import Membership

    Membership.objects.create(user=broker_haarlem, organisation=amersfoort, role="broker")
    contract = pf.contract(organisation=amersfoort, by=broker_haarlem, rule_set=other_regions["utrecht"])
    contract.organisation = haarlem
    with pytest.raises(ValidationError) as refused:
        services.contract_save(contract=contract, by=broker_haarlem, today=day(2025, 6, 1))
    assert "organisation" in refused.value.message_dict


# --- C. the invitation form's cancel ------------------------------------------------------------


@pytest.mark.django_db
def test_the_invitation_forms_cancel_closes_it_and_leads_back_to_the_contract(login, broker_haarlem, contract):
    page = login(broker_haarlem).get(contract.get_absolute_url()).content.decode()
    invite = page[page.index(reverse("procurement:contract-invite", args=[contract.pk])):]
    invite = invite[:invite.index("</details>")]
    cancel = re.search(r'<a class="utrecht-link" href="([^"]*)"([^>]*)>Annuleren</a>', invite)
    assert cancel.group(1) == contract.get_absolute_url() and "data-close-details" in cancel.group(2)
    assert 'href="#"' not in page


def test_no_procurement_template_cancels_to_the_top_of_the_page():
    root = Path(__file__).resolve().parents[2] / "templates" / "procurement"
    for template in root.rglob("*.html"):
        text = template.read_text()
        assert 'href="#"' not in text and 'cancel_url="#"' not in text, template


def test_portal_js_closes_a_details_form_on_cancel():
    """The behaviour lives in portal.js (no inline scripts under the CSP): the cancel link closes
    its <details>, empties its form and gives the focus back to the summary."""
    script = (Path(__file__).resolve().parents[2] / "static" / "js" / "portal.js").read_text()
    assert "[data-close-details]" in script and "closeDetailsLinks();" in script
    behaviour = script[script.index("function closeDetailsLinks"):]
    assert all(part in behaviour for part in ("preventDefault", ".reset()", ".open = false", ".focus()"))


# --- D. match scores as people read them --------------------------------------------------------


@pytest.mark.parametrize(("language", "value", "expected"), [
    ("nl", D("0.900"), "90%"), ("nl", D("0.90"), "90%"), ("nl", D("1.000"), "100%"), ("nl", D("0.875"), "87,5%"),
    ("en", D("0.875"), "87.5%"), ("nl", D("0"), "0%"), ("nl", D("0.075"), "7,5%"), ("nl", None, "—"),
    ("nl", "", "—"), ("nl", 0.5, "50%"),
])
def test_score_percent(language, value, expected):
    from django.template import Context, Template

    from impactportal.scores import score_percent

    with translation.override(language):
        assert score_percent(value) == expected
        assert Template("{% load portal_scores %}{{ v|score_percent }}").render(Context({"v": value})) == expected


@pytest.mark.django_db
def test_the_match_page_writes_scores_as_percentages(login, broker_haarlem, haarlem):
    """Offered, located in the municipality, purchases count in full, no certificate needed and
    20 of 6 people: a score of 0.9 read "0,90 van 1"; now "90%", its parts in percentages too."""
    from enterprises.constants import AdmissionStatus
    from enterprises.models import Offering

    category = pf.category()
    enterprise = f.EnterpriseFactory(name="Schoon Haarlem", municipality=haarlem,
                                     admission_status=AdmissionStatus.ADMITTED, headcount=20, disadvantaged_count=6)
    Offering.objects.create(enterprise=enterprise, name="Kantoorschoonmaak", category=category)
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=pf.rule_set(organisation=haarlem),
                           category=category)
    page = login(broker_haarlem).get(reverse("procurement:contract-matches", args=[contract.pk])).content.decode()
    scores = re.findall(r"<strong>Score: ([^<]+)</strong>", page)
    assert scores and all(re.fullmatch(r"\d{1,3}(,\d)?%", score) for score in scores), scores
    assert "van 1" not in page and "0 tot 1)" not in page and "0,9" not in page
    assert "(30% / 30%)" in page  # the offering's part of the score, out of its weight
