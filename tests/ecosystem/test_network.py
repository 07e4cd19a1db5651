"""Ecosystem map (gap analysis, SVG, checklist), coalition warnings, collaboration overview,
party notes, events; the monitoring indicators and toolbox sources the app declares."""

import datetime as dt
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation

from brokers.models import KnowledgeInstrument
from ecosystem import coalitions, maps
from ecosystem.models import (
    Allocation,
    Bottleneck,
    Coalition,
    CoalitionRole,
    Collaboration,
    EcosystemMap,
    Event,
    MapEntry,
    Party,
    PartyNote,
)
from impactportal.indicators import Period
from tests import factories as f

E = SimpleNamespace


# --- pure rules ----------------------------------------------------------------------------


def test_a_domain_without_an_active_party_is_a_gap_and_comes_first():
    entries = [E(domain="network", is_active=True), E(domain="financing", is_active=False),
               E(domain="knowledge", is_active=True), E(domain="support", is_active=True),
               E(domain="market", is_active=True)]
    assert maps.gap_domains(entries) == ["financing", "human_capital"]
    ordered = [d.value for d in maps.domains(entries)]
    assert ordered[:2] == ["financing", "human_capital"] and len(ordered) == 6
    assert maps.gap_domains([]) == ["network", "knowledge", "support", "financing", "market", "human_capital"]


def test_coalition_warns_for_unfilled_functions_and_more_than_three_focus_areas():
    roles = [E(function=v, party_id=1) for v in ("policy", "builder", "financing", "research", "activation")]
    roles.append(E(function="mandate", party_id=None))
    result = coalitions.warnings(roles=roles, focus_areas=["a", "b", "c"])
    assert [w["function"] for w in result] == ["mandate"]
    result = coalitions.warnings(roles=roles[:-1], focus_areas=["a", "b", "c", "d"])
    assert [w["code"] for w in result] == ["unfilled_function", "focus_areas"]
    assert "4" in result[-1]["message"]
    full = [*roles[:-1], E(function="mandate", party_id=2)]
    assert coalitions.warnings(roles=full, focus_areas=["a", "b", "c"]) == []


# --- pages ---------------------------------------------------------------------------------


@pytest.fixture
def haarlem_map(haarlem):
    m = EcosystemMap.objects.create(organisation=haarlem, title="Kaart Haarlem", shared_vision=True)
    for i, domain in enumerate(["network", "knowledge", "support", "financing", "market"]):
        party = Party.objects.create(name=f"Partij {i}", category="intermediair")
        MapEntry.objects.create(map=m, party=party, domain=domain, role="Doet iets nuttigs.")
    KnowledgeInstrument.objects.create(name="Cursus impact", kind="course", description="Leren")
    KnowledgeInstrument.objects.create(name="Fonds X", kind="financing", description="Geld")
    return m


@pytest.mark.django_db
def test_map_page_shows_the_gap_first_with_instruments_and_an_svg(login, broker_haarlem, haarlem_map):
    page = login(broker_haarlem).get(haarlem_map.get_absolute_url()).content.decode()
    assert 'data-gap="human_capital"' in page and "Cursus impact" in page and "Fonds X" not in page
    assert page.index('id="gaps"') < page.index('id="ecosystem-map"')
    assert page.count('data-domain=') == 6 and "domain--gap" in page and "<svg" in page
    assert "5 van de 6 domeinen gedekt" in page
    # Coordinates are never localised (a Dutch decimal comma breaks the drawing).
    import re

    coordinates = re.findall(r' c[xy]="([^"]+)"', page)
    assert len(coordinates) == 14 and all(re.fullmatch(r"\d+(\.\d+)?", c) for c in coordinates)


@pytest.mark.django_db
def test_map_page_names_a_nationwide_instrument_in_the_page_language(login, broker_haarlem, haarlem_map):
    client = login(broker_haarlem)
    assert "(Cursus of opleiding, Landelijk)" in client.get(haarlem_map.get_absolute_url()).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(haarlem_map.get_absolute_url()).content.decode()
    assert "Cursus impact" in english and "Landelijk" not in english and ", National)" in english


@pytest.mark.django_db
def test_map_is_not_visible_to_another_municipality_or_entrepreneur(login, client, haarlem_map, broker_amersfoort,
                                                                     ondernemer_1, api):
    assert login(broker_amersfoort).get(haarlem_map.get_absolute_url()).status_code == 404
    assert api(ondernemer_1).get("/api/v1/ecosystem/maps/").json()["results"] == []
    assert api(None).get("/api/v1/ecosystem/maps/").status_code == 401


@pytest.mark.django_db
def test_map_entry_add(login, broker_haarlem, haarlem_map):
    party = Party.objects.create(name="Paswerk", category="sw_bedrijf")
    client = login(broker_haarlem)
    response = client.post(f"/ecosysteem/kaarten/{haarlem_map.pk}/partij/",
                           {"entry-party": party.pk, "entry-domain": "human_capital", "entry-role": "Begeleidt.",
                            "entry-is_active": "on"})
    assert response.status_code == 302
    assert maps.gap_domains(haarlem_map.entries.all()) == []


@pytest.mark.django_db
def test_coalition_page_shows_the_warnings(login, broker_haarlem, haarlem):
    c = Coalition.objects.create(organisation=haarlem, name="Coalitie", focus_areas="a\nb\nc\nd")
    CoalitionRole.objects.create(coalition=c, function="policy", party=Party.objects.create(name="G", category="gemeente"))
    page = login(broker_haarlem).get(c.get_absolute_url()).content.decode()
    assert page.count('data-warning="unfilled_function"') == 5 and 'data-warning="focus_areas"' in page
    data = login(broker_haarlem).get(f"/api/v1/ecosystem/coalitions/{c.pk}/").json()
    assert len(data["warnings"]) == 6


@pytest.mark.django_db
def test_collaboration_overview_shows_who_works_on_what(login, broker_haarlem, broker_amersfoort, region, haarlem):
    neighbour = f.OrganisationFactory(name="Gemeente Heemstede", slug="heemstede")
    region.members.add(neighbour)
    c = Collaboration.objects.create(region=region, theme="procurement_platform", title="Kennemer Inkoop Platform")
    c.participants.set([haarlem, neighbour])
    page = login(broker_haarlem).get("/ecosysteem/samenwerking/").content.decode()
    assert "Gemeente Heemstede" in page and "Kennemer Inkoop Platform" in page
    page = login(broker_amersfoort).get("/ecosysteem/samenwerking/").content.decode()
    assert "Kennemer Inkoop Platform" not in page


@pytest.mark.django_db
def test_party_notes_belong_to_the_organisation(login, client, broker_haarlem, broker_amersfoort, ondernemer_1):
    party = Party.objects.create(name="Impact Noord", category="intermediair", description="Netwerk")
    response = login(broker_haarlem).post(f"/ecosysteem/partijen/{party.pk}/notitie/", {"body": "Geheime notitie"})
    assert response.status_code == 302 and PartyNote.objects.get().organisation.slug == "haarlem"
    assert "Geheime notitie" in client.get(party.get_absolute_url()).content.decode()
    for user in (broker_amersfoort, ondernemer_1):
        client.force_login(user)
        assert "Geheime notitie" not in client.get(party.get_absolute_url()).content.decode()
    client.logout()
    page = client.get(party.get_absolute_url())
    assert page.status_code == 200 and "Geheime notitie" not in page.content.decode()
    assert login(ondernemer_1).post(f"/ecosysteem/partijen/{party.pk}/notitie/", {"body": "x"}).status_code == 403


@pytest.mark.django_db
def test_unpublished_party_and_private_event_are_not_public(client, haarlem):
    party = Party.objects.create(name="Verborgen", category="fonds", is_published=False)
    event = Event.objects.create(organisation=haarlem, kind="intervision", title="Intervisie",
                                 starts_at=timezone.now())
    public = Event.objects.create(organisation=haarlem, kind="pitch_day", title="Pitchdag", starts_at=timezone.now(),
                                  is_public=True)
    assert client.get(party.get_absolute_url()).status_code == 404
    assert client.get(event.get_absolute_url()).status_code == 404
    assert client.get(public.get_absolute_url()).status_code == 200
    assert [e["title"] for e in client.get("/api/v1/ecosystem/events/").json()["results"]] == ["Pitchdag"]


# --- monitoring indicators ------------------------------------------------------------------


@pytest.mark.django_db
def test_indicators_are_set_based_per_organisation(haarlem, amersfoort, haarlem_map, broker_haarlem,
                                                   enterprise_haarlem, django_assert_max_num_queries):
    from ecosystem.indicators import INDICATORS

    codes = {i.code: i for i in INDICATORS}
    assert {"ecosystem.domains_covered", "ecosystem.properties_allocated", "ecosystem.events_held",
            "ecosystem.bottlenecks_open"} <= set(codes)
    now = timezone.now()
    period = Period(start=now - dt.timedelta(days=30), end=now + dt.timedelta(days=1), label="test")
    prop = f.property_of(haarlem)
    request_ = f.space_request_of(enterprise_haarlem)
    Allocation.objects.create(organisation=haarlem, property=prop, space_request=request_, rent=D(1), market_rent=D(2),
                              start_date=timezone.localdate(), procedure="open", procedure_reference="R",
                              publication_date=timezone.localdate(), candidates=2)
    Event.objects.create(organisation=amersfoort, kind="network", title="Netwerk", starts_at=now)
    Event.objects.create(organisation=amersfoort, kind="network", title="Oud", starts_at=now - dt.timedelta(days=90))
    Bottleneck.objects.create(organisation=haarlem, theme="real_estate", level="municipality", title="K",
                              description="x")
    Bottleneck.objects.create(organisation=haarlem, theme="real_estate", level="municipality", title="Opgelost",
                              description="x", status="solved")
    with django_assert_max_num_queries(4):
        values = {code: indicator.compute(period) for code, indicator in codes.items()}
    assert values["ecosystem.domains_covered"] == {haarlem.pk: D(5)}
    assert values["ecosystem.properties_allocated"] == {haarlem.pk: D(1)}
    assert values["ecosystem.events_held"] == {amersfoort.pk: D(1)}
    assert values["ecosystem.bottlenecks_open"] == {haarlem.pk: D(1)}


# --- toolbox sources ------------------------------------------------------------------------


@pytest.mark.django_db
def test_toolbox_sources_show_only_the_users_own_organisation(haarlem, amersfoort, haarlem_map, broker_haarlem,
                                                              broker_amersfoort, region):
    from django.template.loader import render_to_string

    from ecosystem.toolbox_sources import SOURCES

    sources = {s.key: s for s in SOURCES}
    assert set(sources) == {"ecosystem.map", "ecosystem.real_estate", "ecosystem.collaborations"}
    EcosystemMap.objects.create(organisation=amersfoort, title="Kaart Amersfoort")
    f.property_of(haarlem, name="Pand Haarlem")
    f.property_of(amersfoort, name="Pand Amersfoort", is_published=False)
    Collaboration.objects.create(region=region, theme="sroi_rules", title="SROI ZKIJ").participants.add(haarlem)
    context = sources["ecosystem.map"].context(broker_haarlem, haarlem)
    assert [m.title for m in context["maps"]] == ["Kaart Haarlem"] and sources["ecosystem.map"].has_data(context)
    html = render_to_string(sources["ecosystem.map"].template, context)
    assert "Kaart Haarlem" in html and "Menselijk kapitaal" in html
    # Amersfoort's broker asking about Haarlem sees nothing of it.
    assert sources["ecosystem.map"].context(broker_amersfoort, haarlem)["maps"] == []
    context = sources["ecosystem.real_estate"].context(broker_haarlem, haarlem)
    assert [p.name for p in context["properties"]] == ["Pand Haarlem"]
    assert sources["ecosystem.real_estate"].context(broker_haarlem, amersfoort)["properties"] == []
    assert "Pand Haarlem" in render_to_string(sources["ecosystem.real_estate"].template, context)
    context = sources["ecosystem.collaborations"].context(broker_haarlem, haarlem)
    assert [c.title for c in context["rows"]] == ["SROI ZKIJ"]
    assert sources["ecosystem.collaborations"].context(broker_amersfoort, amersfoort)["rows"] == []
    assert "SROI ZKIJ" in render_to_string(sources["ecosystem.collaborations"].template, context)


@pytest.mark.django_db
def test_a_broker_fills_a_function_and_the_warning_goes(login, broker_haarlem, inkoper_haarlem, haarlem):
    c = Coalition.objects.create(organisation=haarlem, name="Coalitie")
    party = Party.objects.create(name="SIF", category="fonds")
    url = f"/ecosysteem/coalities/{c.pk}/functie/"
    assert login(inkoper_haarlem).post(url, {"function": "financing", "party": party.pk}).status_code == 403
    assert login(broker_haarlem).post(url, {"function": "financing", "party": party.pk}).status_code == 302
    assert login(broker_haarlem).post(url, {"function": "financing", "party": party.pk}).status_code == 302
    assert CoalitionRole.objects.filter(coalition=c).count() == 1
    assert "financing" not in coalitions.unfilled_functions(c.roles.all())


def test_svg_layout_fits_every_domain_label_inside_its_circle():
    """Review 6: "Ondernemersondersteuning" ran out of its circle; the ``textLength`` squeeze (which this
    test asserted before) also stretched "Onderzoek en kennis". Now names wrap at spaces and a single
    word too long for a line is set in the smaller font; nothing is squeezed or stretched."""
    from ecosystem.constants import Domain
    from ecosystem.maps import LABEL_CHARS, LONG_LABEL_CHARS, DomainView, svg_layout

    views = [DomainView(value, label) for value, label in Domain.choices]
    placed = {d["value"]: d for d in svg_layout(views)}
    assert len(placed) == 6
    for d in placed.values():
        limit = LONG_LABEL_CHARS if d["label_long"] else LABEL_CHARS
        assert 1 <= len(d["label_lines"]) <= 2 and all(len(line["text"]) <= limit for line in d["label_lines"])
        assert d["label_lines"][-1]["y"] == round(d["y"] - 48, 1)  # the last line right above the parties
        assert " ".join(line["text"] for line in d["label_lines"]) == str(d["label"])
    assert placed["support"]["label_long"] and len(placed["support"]["label_lines"]) == 1
    assert [line["text"] for line in placed["knowledge"]["label_lines"]] == ["Onderzoek en", "kennis"]
    assert not placed["network"]["label_long"]
    with translation.override("en"):
        english = {d["value"]: d for d in svg_layout([DomainView(v, label) for v, label in Domain.choices])}
    assert [line["text"] for line in english["knowledge"]["label_lines"]] == ["Research and", "knowledge"]
    assert not english["support"]["label_long"]
