"""The pure matching function: components, exclusions, location order, the certificate through
the end date (inclusive), score bounds and a deterministic order. No database."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from enterprises.checks import CertificateFacts
from enterprises.constants import CertificationStatus
from impactportal.scores import score_percent
from procurement import matching as m
from procurement.constants import BlockKind
from procurement.valuation import BlockRule

D = Decimal
TODAY = dt.date(2026, 1, 15)
END = dt.date(2027, 6, 30)
HAARLEM, ZANDVOORT, EMMEN = 1, 2, 3
SCHOONMAAK, CATERING = 10, 11

ANY_ADMITTED = BlockRule(code="inkoop", kind=BlockKind.PURCHASE, name="Inkoop", share=D("1"))
PSO_ONLY = BlockRule(code="inkoop-pso", kind=BlockKind.PURCHASE, name="Inkoop PSO", share=D("0.5"),
                     required_schemes=("pso_2", "pso_3"))


def contract(**kw):
    values = {"end_date": END, "organisation_id": HAARLEM, "category_id": SCHOONMAAK, "category_name": "Schoonmaak",
              "region_municipality_ids": frozenset({HAARLEM, ZANDVOORT}), "purchase_blocks": (ANY_ADMITTED,)}
    return m.ContractFacts(**{**values, **kw})


def candidate(enterprise_id=1, **kw):
    values = {"name": f"Onderneming {enterprise_id}", "municipality_id": HAARLEM, "admitted": True,
              "category_ids": frozenset({SCHOONMAAK}), "headcount": 50, "disadvantaged_count": 10}
    return m.CandidateFacts(enterprise_id=enterprise_id, **{**values, **kw})


def cert(scheme="pso_2", valid_until=END, status=CertificationStatus.VERIFIED, issued_on=dt.date(2024, 1, 1)):
    return CertificateFacts(scheme=scheme, valid_until=valid_until, issued_on=issued_on, status=status, verified=True)


def points(match, component):
    return next(r.points for r in match.reasons if r.component == component)


def text(match, component):
    return next(r.text for r in match.reasons if r.component == component)


# --- weights and bounds -----------------------------------------------------------------------


def test_weights_add_up_to_one():
    assert sum((m.WEIGHT_CATEGORY, m.WEIGHT_LOCATION, m.WEIGHT_PURCHASE, m.WEIGHT_CERTIFICATE,
                m.WEIGHT_CAPACITY)) == D("1")


def test_perfect_candidate_scores_one():
    match = m.score_candidate(contract(), candidate(certificates=(cert("pso_30"),)), TODAY)
    assert match.score == D("1.000")
    assert [r.component for r in match.reasons] == list(m.COMPONENTS)


def test_weakest_candidate_scores_zero():
    block = BlockRule(code="inkoop", kind=BlockKind.PURCHASE, name="Inkoop", share=D("0"))
    match = m.score_candidate(contract(purchase_blocks=(block,)),
                              candidate(municipality_id=EMMEN, category_ids=frozenset(), headcount=None,
                                        disadvantaged_count=None), TODAY)
    assert match.score == D("0")


def test_score_is_the_sum_of_its_reasons_and_within_bounds():
    shapes = itertools.product([None, SCHOONMAAK, CATERING], [HAARLEM, ZANDVOORT, EMMEN], [None, 0, 7, 500],
                               [(), (cert("pso_30"),), (cert("pso_2", valid_until=TODAY),)])
    for category_id, municipality, headcount, certificates in shapes:
        match = m.score_candidate(
            contract(category_id=category_id),
            candidate(municipality_id=municipality, headcount=headcount,
                      disadvantaged_count=None if headcount is None else min(headcount, 12),
                      certificates=certificates), TODAY)
        assert D("0") <= match.score <= D("1")
        assert match.score == sum(r.points for r in match.reasons)


# --- components -------------------------------------------------------------------------------


@pytest.mark.parametrize(("category_id", "offered", "expected"), [
    (SCHOONMAAK, {SCHOONMAAK}, m.WEIGHT_CATEGORY),
    (SCHOONMAAK, {CATERING, SCHOONMAAK}, m.WEIGHT_CATEGORY),
    (SCHOONMAAK, {CATERING}, D("0")),
    (SCHOONMAAK, set(), D("0")),
    (None, {CATERING}, m.WEIGHT_CATEGORY / 2),
    (None, set(), m.WEIGHT_CATEGORY / 2),
])
def test_category_fit(category_id, offered, expected):
    match = m.score_candidate(contract(category_id=category_id), candidate(category_ids=frozenset(offered)), TODAY)
    assert points(match, m.CATEGORY) == expected


def test_category_reason_names_the_category():
    match = m.score_candidate(contract(), candidate(category_ids=frozenset({CATERING})), TODAY)
    assert "Schoonmaak" in text(match, m.CATEGORY) and "geen" in text(match, m.CATEGORY)


@pytest.mark.parametrize(("municipality", "expected"), [
    (HAARLEM, m.WEIGHT_LOCATION), (ZANDVOORT, m.WEIGHT_LOCATION / 2), (EMMEN, D("0")),
])
def test_location_points(municipality, expected):
    assert points(m.score_candidate(contract(), candidate(municipality_id=municipality), TODAY), m.LOCATION) == expected


def test_location_order_municipality_then_region_then_elsewhere():
    pool = [candidate(1, name="A", municipality_id=EMMEN), candidate(2, name="B", municipality_id=ZANDVOORT),
            candidate(3, name="C", municipality_id=HAARLEM)]
    assert [x.enterprise_id for x in m.rank(contract(), pool, TODAY)] == [3, 2, 1]


def test_organisation_outside_any_region_has_no_region_tier():
    match = m.score_candidate(contract(region_municipality_ids=frozenset()), candidate(municipality_id=ZANDVOORT),
                              TODAY)
    assert points(match, m.LOCATION) == D("0")


@pytest.mark.parametrize(("share", "expected"), [(D("1"), D("0.200")), (D("0.5"), D("0.100")),
                                                 (D("0.3333"), D("0.067")), (D("0"), D("0.000"))])
def test_purchase_points_follow_the_block_share(share, expected):
    block = BlockRule(code="inkoop", kind=BlockKind.PURCHASE, name="Inkoop", share=share)
    assert points(m.score_candidate(contract(purchase_blocks=(block,)), candidate(), TODAY), m.PURCHASE) == expected


def test_best_counting_block_is_used():
    # Both blocks count for a PSO-2 holder: the larger share wins.
    match = m.score_candidate(contract(purchase_blocks=(PSO_ONLY, ANY_ADMITTED)),
                              candidate(certificates=(cert("pso_2"),)), TODAY)
    assert points(match, m.PURCHASE) == m.WEIGHT_PURCHASE
    # Without the certificate only the open block counts.
    match = m.score_candidate(contract(purchase_blocks=(PSO_ONLY,)), candidate(certificates=(cert("pso_2"),)), TODAY)
    assert points(match, m.PURCHASE) == D("0.100")


@pytest.mark.parametrize(("headcount", "disadvantaged", "expected"), [
    (None, None, D("0")), (0, 0, D("0")), (50, 10, D("0.150")), (500, 100, D("0.150")),
    (25, 0, D("0.038")), (0, 5, D("0.038")), (25, 5, D("0.075")), (10, None, D("0.015")),
])
def test_capacity_points(headcount, disadvantaged, expected):
    match = m.score_candidate(contract(), candidate(headcount=headcount, disadvantaged_count=disadvantaged), TODAY)
    assert points(match, m.CAPACITY) == expected


def test_capacity_reason_says_the_counts_are_self_declared():
    match = m.score_candidate(contract(), candidate(headcount=12, disadvantaged_count=4), TODAY)
    assert "12" in text(match, m.CAPACITY) and "4" in text(match, m.CAPACITY) and "eigen opgave" in text(
        match, m.CAPACITY)
    assert "niet bekend" in text(m.score_candidate(contract(), candidate(headcount=None), TODAY), m.CAPACITY)


def test_certificate_component_without_required_schemes_rewards_a_quality_mark():
    plain = m.score_candidate(contract(), candidate(), TODAY)
    marked = m.score_candidate(contract(), candidate(certificates=(cert("cso"),)), TODAY)
    assert points(plain, m.CERTIFICATE) == D("0") and points(marked, m.CERTIFICATE) == m.WEIGHT_CERTIFICATE
    # A quality mark that ends before the contract does not count.
    ending = m.score_candidate(contract(), candidate(certificates=(cert("cso", valid_until=END - dt.timedelta(1)),)),
                               TODAY)
    assert points(ending, m.CERTIFICATE) == D("0")


def test_certificate_component_with_required_schemes_names_the_certificate():
    match = m.score_candidate(contract(purchase_blocks=(PSO_ONLY,)), candidate(certificates=(cert("pso_3"),)), TODAY)
    assert points(match, m.CERTIFICATE) == m.WEIGHT_CERTIFICATE
    assert "PSO" in text(match, m.CERTIFICATE)


def test_certificate_without_end_date_holds_through_any_end():
    match = m.score_candidate(contract(purchase_blocks=(PSO_ONLY,)),
                              candidate(certificates=(cert("pso_2", valid_until=None),)), TODAY)
    assert match is not None and points(match, m.CERTIFICATE) == m.WEIGHT_CERTIFICATE


# --- exclusions ---------------------------------------------------------------------------------


def test_no_purchase_block_excludes_everyone():
    assert m.score_candidate(contract(purchase_blocks=()), candidate(certificates=(cert("pso_30"),)), TODAY) is None
    other = BlockRule(code="uren", kind=BlockKind.HOURS, name="Uren", value=D("100"))
    assert m.is_excluded(contract(purchase_blocks=(other,)), candidate(), TODAY)


def test_not_admitted_is_excluded_when_no_scheme_is_required():
    assert m.is_excluded(contract(), candidate(admitted=False), TODAY)
    assert not m.is_excluded(contract(), candidate(admitted=True), TODAY)


def test_required_certificate_decides_even_for_a_not_admitted_enterprise():
    # The block asks for a certificate, not for admission: the certificate is what counts.
    assert not m.is_excluded(contract(purchase_blocks=(PSO_ONLY,)),
                             candidate(admitted=False, certificates=(cert("pso_2"),)), TODAY)


def test_lacking_every_required_certificate_is_excluded():
    no_cert = candidate()
    wrong_scheme = candidate(certificates=(cert("pso_1"), cert("cso")))
    for c in (no_cert, wrong_scheme):
        assert m.score_candidate(contract(purchase_blocks=(PSO_ONLY,)), c, TODAY) is None


@pytest.mark.parametrize(("valid_until", "excluded"), [
    (END - dt.timedelta(days=1), True),   # lapses the day before the contract ends
    (END, False),                         # valid_until == end_date counts (inclusive)
    (END + dt.timedelta(days=1), False),
    (None, False),
])
def test_required_certificate_must_hold_through_the_end_date(valid_until, excluded):
    c = candidate(certificates=(cert("pso_2", valid_until=valid_until),))
    assert m.is_excluded(contract(purchase_blocks=(PSO_ONLY,)), c, TODAY) is excluded


@pytest.mark.parametrize("status", [CertificationStatus.REVOKED, CertificationStatus.DISPUTED])
def test_revoked_or_disputed_certificate_does_not_count(status):
    c = candidate(certificates=(cert("pso_2", status=status),))
    assert m.is_excluded(contract(purchase_blocks=(PSO_ONLY,)), c, TODAY)


def test_certificate_not_yet_issued_or_expired_today_does_not_count():
    future = candidate(certificates=(cert("pso_2", issued_on=TODAY + dt.timedelta(days=1)),))
    expired = candidate(certificates=(cert("pso_2", valid_until=TODAY - dt.timedelta(days=1)),))
    contract_ended = contract(purchase_blocks=(PSO_ONLY,), end_date=TODAY - dt.timedelta(days=30))
    assert m.is_excluded(contract(purchase_blocks=(PSO_ONLY,)), future, TODAY)
    assert m.is_excluded(contract_ended, expired, TODAY)


def test_rank_leaves_excluded_out_rather_than_ranking_them_low():
    pool = [candidate(1, certificates=(cert("pso_2"),), municipality_id=EMMEN, category_ids=frozenset(),
                      headcount=1, disadvantaged_count=0),
            candidate(2, certificates=()),  # would score high, but purchases from it do not count
            candidate(3, certificates=(cert("pso_3", valid_until=END - dt.timedelta(days=1)),))]
    assert [x.enterprise_id for x in m.rank(contract(purchase_blocks=(PSO_ONLY,)), pool, TODAY)] == [1]


# --- order ------------------------------------------------------------------------------------


def test_ties_are_ordered_by_name_then_id_whatever_the_input_order():
    pool = [candidate(5, name="beta"), candidate(2, name="Alfa"), candidate(9, name="Alfa"), candidate(1, name="Gamma")]
    expected = [2, 9, 5, 1]
    for order in itertools.permutations(pool):
        assert [x.enterprise_id for x in m.rank(contract(), order, TODAY)] == expected


def test_rank_limit_and_best_first():
    pool = [candidate(i, headcount=i, disadvantaged_count=0) for i in range(1, 8)]
    ranked = m.rank(contract(), pool, TODAY, limit=3)
    assert [x.enterprise_id for x in ranked] == [7, 6, 5]
    assert ranked[0].score > ranked[1].score > ranked[2].score


# --- what the page writes -------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("value", "dutch", "english"), [
    ("0", "0%", "0%"), ("0.005", "0,5%", "0.5%"), ("0.075", "7,5%", "7.5%"), ("0.3", "30%", "30%"),
    ("0.875", "87,5%", "87.5%"), ("0.900", "90%", "90%"), ("1", "100%", "100%"), ("1.000", "100%", "100%")])
def test_scores_are_remembered_percentages_per_language(value, dutch, english, language):
    """The remembered texts are per language (the same value first in one language, then in the
    other, must not come back in the first's form)."""
    from django.utils import translation

    for active in (language, "en" if language == "nl" else "nl"):
        with translation.override(active):
            assert score_percent(D(value)) == (dutch if active == "nl" else english)


def test_reason_texts_are_written_when_read_and_in_the_language_then_active():
    """Scoring a pool writes no sentence; the page reads only the shown candidates' reasons."""
    from django.utils import translation

    with translation.override("nl"):
        match = m.score_candidate(contract(), candidate(certificates=(cert("pso_2", valid_until=None),)), TODAY)
    with translation.override("en"):
        english = text(match, m.CERTIFICATE)
    with translation.override("nl"):
        dutch = text(match, m.CERTIFICATE)
    assert "zonder einddatum" in dutch and "zonder einddatum" not in english


# The cards as the page's template wrote them before ``{% match_cards %}`` (procurement_matches).
CARDS_TEMPLATE = """{% load i18n portal_scores %}{% for match in matches %}
  <li class="portal-card">
    <h3 class="utrecht-heading-3"><a class="utrecht-link" href="{% url 'enterprises:detail' match.enterprise_id %}">{{ match.name }}</a></h3>
    <p class="utrecht-paragraph"><strong>{% translate "Score" %}: {{ match.score|score_percent }}</strong></p>
    <dl class="portal-dl">
      {% for reason in match.reasons %}
      <dt>{{ reason.label }} ({{ reason.points|score_percent }} / {{ reason.weight|score_percent }})</dt><dd>{{ reason.text }}</dd>
      {% endfor %}
    </dl>
    <p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="{% url 'procurement:meeting-create' contract.pk %}?onderneming={{ match.enterprise_id }}">{% translate "Matchgesprek vastleggen" %}</a></p>
  </li>
  {% endfor %}"""


@pytest.mark.parametrize("language", ["nl", "en"])
def test_match_cards_are_the_html_the_template_wrote(language):
    from types import SimpleNamespace

    from django.template import Context, Template
    from django.test.html import parse_html
    from django.utils import translation

    from procurement.templatetags.procurement_matches import match_cards

    pool = [candidate(1, name="Bakkerij <De Korenbloem> & zn"), candidate(2, municipality_id=EMMEN, headcount=None),
            candidate(3, category_ids=frozenset({CATERING}), certificates=(cert(),), name='"Groen" werkt')]
    owner = SimpleNamespace(pk=42)
    with translation.override(language):
        matches = m.rank(contract(), pool, TODAY)
        ours = match_cards(matches, owner)
        theirs = Template(CARDS_TEMPLATE).render(Context({"matches": matches, "contract": owner}))
    assert len(matches) == 3
    assert parse_html(ours) == parse_html(theirs)
    assert "Bakkerij &lt;De Korenbloem&gt; &amp; zn" in ours and "?onderneming=2" in ours
    assert match_cards([], owner) == ""


def test_the_purchase_reason_names_the_block_in_the_language_then_active():
    from dataclasses import replace

    from django.utils import translation

    block = replace(ANY_ADMITTED, name="Inkoop bij een sociale onderneming", name_en="Purchase from a social enterprise")
    match = m.score_candidate(contract(purchase_blocks=(block,)), candidate(), TODAY)
    with translation.override("en"):
        english = text(match, m.PURCHASE)
    with translation.override("nl"):
        dutch = text(match, m.PURCHASE)
    assert "'Purchase from a social enterprise'" in english and "sociale onderneming" not in english
    assert dutch.startswith("Inkoop telt mee onder 'Inkoop bij een sociale onderneming'")
    nameless = m.score_candidate(contract(purchase_blocks=(ANY_ADMITTED,)), candidate(), TODAY)
    with translation.override("en"):
        assert "'Inkoop'" in text(nameless, m.PURCHASE)  # no English: the Dutch
