"""Edit pages with a ``post()`` of their own carry the version of what they show too
(``impactportal.ui.versions.Version``): sent after someone else changed it, they save nothing,
answer 409 and show the new values with the message. Many-to-many fields count (a colleague who
only changed an enterprise's themes refuses the older form). A POST without a version is saved
as before."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from enterprises import services as enterprise_services
from enterprises.models import DefinitionCheck, ImpactIndicator, ImpactMeasurement, ImpactTheme, Offering
from financing.models import MkbaIndicator
from procurement.constants import ChallengePhase
from procurement.models import Block, ChallengeCriterion, Realisation
from tests.browser_forms import form_of
from tests.enterprises.test_material_change import form_data as enterprise_data
from tests.financing.mkba_factories import analysis
from tests.procurement import factories as pf
from tests.procurement.builders_requests import challenge

pytestmark = pytest.mark.django_db

STALE = "Iemand anders heeft dit intussen gewijzigd."




def refused_then_saved(client, url, edit, behind):
    """Load the form, let ``behind`` change the rows, send the old form with ``edit``: refused (409,
    the message); the refused page carries the new version: sent with ``edit`` again, saved."""
    loaded = form_of(client.get(url))
    behind()
    refused = client.post(url, edit(loaded))
    assert refused.status_code == 409, refused.content.decode()[:3000]
    assert STALE in refused.content.decode()
    again = form_of(refused)
    assert again["_version"] != loaded["_version"]
    saved = client.post(url, edit(again))
    assert saved.status_code == 302, saved.content.decode()[:3000]
    return refused


def put(data, **values):
    return data | {name.replace("__", "-"): [value] for name, value in values.items()}


# --- procurement ------------------------------------------------------------------------------


@pytest.fixture
def line(haarlem, broker_haarlem, region, enterprise_haarlem):
    pf.rule_set(region=region, name="Regeling ZKIJ")
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, supplier=enterprise_haarlem)
    return pf.realisation(contract, by=broker_haarlem, fte=D("1"), months=D("12"), candidate_ref="KAND-001")


def test_a_stale_realisation_correction_is_refused(login, broker_haarlem, line):
    client = login(broker_haarlem)
    url = reverse("procurement:realisation-update", args=[line.pk])
    refused = refused_then_saved(client, url, lambda data: put(data, fte="0.5"),
                                 lambda: Realisation.objects.filter(pk=line.pk).update(candidate_ref="KAND-009"))
    assert refused.context["form"]["candidate_ref"].value() == "KAND-009"  # the new values
    assert 'value="KAND-009"' in refused.content.decode()
    line.refresh_from_db()
    assert (line.fte, line.candidate_ref) == (D("0.5"), "KAND-009")  # the second send, over the new values


def test_a_refused_realisation_correction_saves_nothing(login, broker_haarlem, line):
    client = login(broker_haarlem)
    url = reverse("procurement:realisation-update", args=[line.pk])
    loaded = form_of(client.get(url))
    Realisation.objects.filter(pk=line.pk).update(months=D("6"))
    assert client.post(url, put(loaded, fte="0.5")).status_code == 409
    line.refresh_from_db()
    assert (line.fte, line.months) == (D("1"), D("6"))


def test_stale_rule_set_blocks_are_refused(login, haarlem, broker_haarlem):
    rule_set = pf.rule_set(organisation=haarlem, name="Regeling Haarlem")
    first = rule_set.blocks.order_by("order", "pk").first()
    client = login(broker_haarlem)
    url = reverse("procurement:rule-set-blocks", args=[rule_set.pk])
    loaded = form_of(client.get(url))
    Block.objects.filter(pk=first.pk).update(name="Door een collega hernoemd")
    refused = client.post(url, put(loaded, blocks__0__notes="Mijn toelichting"))
    assert refused.status_code == 409 and STALE in refused.content.decode()
    assert "Door een collega hernoemd" in refused.content.decode()
    first.refresh_from_db()
    assert first.name == "Door een collega hernoemd" and first.notes != "Mijn toelichting"
    saved = client.post(url, put(form_of(refused), blocks__0__notes="Mijn toelichting"))
    assert saved.status_code == 302, saved.content.decode()[:3000]
    first.refresh_from_db()
    assert (first.name, first.notes) == ("Door een collega hernoemd", "Mijn toelichting")


def test_stale_criteria_are_refused_when_a_colleague_added_one(login, haarlem, broker_haarlem):
    # Criteria change while the call is prepared (fixed once submissions open).
    c = challenge(haarlem, title="Minder zwerfafval", phase=ChallengePhase.CALL)  # criteria: Impact (3), Haalbaarheid
    client = login(broker_haarlem)
    url = reverse("procurement:challenge-criteria", args=[c.pk])
    loaded = form_of(client.get(url))
    assert loaded["criteria-0-name"] == ["Impact"]
    ChallengeCriterion.objects.create(challenge=c, name="Uitvoerbaarheid", weight=1, order=9)
    refused = client.post(url, put(loaded, criteria__0__weight="4"))
    assert refused.status_code == 409 and STALE in refused.content.decode()
    assert "Uitvoerbaarheid" in refused.content.decode()
    assert c.criteria.get(name="Impact").weight == 3
    saved = client.post(url, put(form_of(refused), criteria__0__weight="4"))
    assert saved.status_code == 302
    assert sorted(c.criteria.values_list("name", "weight")) == [("Haalbaarheid", 1), ("Impact", 4),
                                                                 ("Uitvoerbaarheid", 1)]


# --- enterprises ------------------------------------------------------------------------------


@pytest.fixture
def offering(enterprise_haarlem):
    return Offering.objects.create(enterprise=enterprise_haarlem, name="Schoonmaak",
                                   category=pf.category())


def test_stale_offerings_are_refused(login, ondernemer_1, enterprise_haarlem, offering):
    client = login(ondernemer_1)
    url = reverse("enterprises:offerings", args=[enterprise_haarlem.pk])
    loaded = form_of(client.get(url))
    prefix = next(name for name in loaded if name.endswith("-0-name")).removesuffix("-0-name")
    Offering.objects.filter(pk=offering.pk).update(name="Glasbewassing")
    refused = client.post(url, loaded | {f"{prefix}-0-price_indication": ["€ 30 per uur"]})
    assert refused.status_code == 409 and STALE in refused.content.decode()
    assert "Glasbewassing" in refused.content.decode()
    offering.refresh_from_db()
    assert (offering.name, offering.price_indication) == ("Glasbewassing", "")
    saved = client.post(url, form_of(refused) | {f"{prefix}-0-price_indication": ["€ 30 per uur"]})
    assert saved.status_code == 302
    offering.refresh_from_db()
    assert (offering.name, offering.price_indication) == ("Glasbewassing", "€ 30 per uur")


def test_offerings_without_a_version_are_saved_as_before(login, ondernemer_1, enterprise_haarlem, offering):
    client = login(ondernemer_1)
    url = reverse("enterprises:offerings", args=[enterprise_haarlem.pk])
    loaded = form_of(client.get(url))
    del loaded["_version"]
    Offering.objects.filter(pk=offering.pk).update(price_indication="op aanvraag")
    assert client.post(url, loaded).status_code == 302


def test_a_stale_definition_check_is_refused(login, haarlem, broker_haarlem, enterprise_haarlem):
    enterprise_services.definition_check_save(enterprise=enterprise_haarlem, organisation=haarlem, by=broker_haarlem,
                                              values={"impact_first": True, "notes": "Eerste toets"})
    client = login(broker_haarlem)
    url = reverse("enterprises:definition-check", args=[enterprise_haarlem.pk])
    refused = refused_then_saved(
        client, url, lambda data: put(data, transparent="true"),
        lambda: DefinitionCheck.objects.filter(enterprise=enterprise_haarlem).update(notes="Toets van een collega"))
    assert "Toets van een collega" in refused.content.decode()
    check = DefinitionCheck.objects.get(enterprise=enterprise_haarlem)
    assert (check.notes, check.transparent) == ("Toets van een collega", True)


def test_a_stale_impact_measurement_is_refused(login, ondernemer_1, enterprise_haarlem):
    measurement = ImpactMeasurement.objects.create(enterprise=enterprise_haarlem, method="impactpad",
                                                   report_date=dt.date(2025, 3, 1), period_start=dt.date(2024, 1, 1),
                                                   period_end=dt.date(2024, 12, 31))
    figure = ImpactIndicator.objects.create(measurement=measurement, name="Mensen aan het werk", value=D("9"),
                                            unit="personen", period_start=dt.date(2024, 1, 1),
                                            period_end=dt.date(2024, 12, 31), source="Impactrapport 2024")
    client = login(ondernemer_1)
    url = reverse("enterprises:impact", args=[enterprise_haarlem.pk])
    loaded = form_of(client.get(url))
    ImpactIndicator.objects.filter(pk=figure.pk).update(value=D("12"))  # a colleague's figure
    refused = client.post(url, put(loaded, notes="Mijn toelichting"))
    assert refused.status_code == 409, refused.content.decode()[:3000]
    assert STALE in refused.content.decode()
    measurement.refresh_from_db()
    figure.refresh_from_db()
    assert (measurement.notes, figure.value) == ("", D("12"))
    assert refused.context["formset"].forms[0]["value"].value() == D("12")
    saved = client.post(url, put(form_of(refused), notes="Mijn toelichting"))
    assert saved.status_code == 302, saved.content.decode()[:3000]
    measurement.refresh_from_db()
    assert measurement.notes == "Mijn toelichting"


def test_an_enterprise_form_is_refused_after_only_its_themes_changed(login, ondernemer_1, enterprise_haarlem):
    themes = [ImpactTheme.objects.create(name=f"Thema {n}", slug=f"thema-{n}") for n in (1, 2)]
    enterprise_haarlem.themes.set([themes[0]])
    client = login(ondernemer_1)
    url = reverse("enterprises:enterprise-update", args=[enterprise_haarlem.pk])
    loaded = enterprise_data(enterprise_haarlem, description="Onze nieuwe beschrijving")
    loaded["_version"] = form_of(client.get(url))["_version"]
    enterprise_haarlem.themes.add(themes[1])  # a colleague adds a theme; nothing else changes
    response = client.post(url, loaded)
    assert response.status_code == 409 and STALE in response.content.decode()
    enterprise_haarlem.refresh_from_db()
    assert enterprise_haarlem.description != "Onze nieuwe beschrijving"
    assert set(enterprise_haarlem.themes.all()) == set(themes)
    assert set(response.context["form"]["themes"].value()) == {t.pk for t in themes}  # the new values


# --- financing --------------------------------------------------------------------------------


def test_a_stale_mkba_analysis_is_refused(login, haarlem, broker_haarlem):
    obj = analysis(haarlem)
    client = login(broker_haarlem)
    url = reverse("financing:mkba-update", args=[obj.pk])
    indicator = obj.indicators.get()
    refused = refused_then_saved(client, url, lambda data: put(data, title="Mijn titel"),
                                 lambda: MkbaIndicator.objects.filter(pk=indicator.pk).update(count=D("5")))
    assert refused.context["indicators"].forms[0]["count"].value() == D("5")
    obj.refresh_from_db()
    indicator.refresh_from_db()
    assert (obj.title, indicator.count) == ("Mijn titel", D("5"))


def test_a_refused_mkba_analysis_saves_nothing(login, haarlem, broker_haarlem):
    obj = analysis(haarlem)
    client = login(broker_haarlem)
    url = reverse("financing:mkba-update", args=[obj.pk])
    loaded = form_of(client.get(url))
    obj.assumptions.filter(order=1).delete()  # a colleague removes a row
    assert client.post(url, put(loaded, title="Mijn titel")).status_code == 409
    obj.refresh_from_db()
    assert obj.title == "Leerwerkbedrijf" and obj.assumptions.count() == 1


def test_a_key_given_as_text_reads_the_same_version(db, enterprise_haarlem):
    """A view whose URL gives the key as text ("12") reads the many-to-many part of the version as
    for 12: else the related keys were never found and the version never matched the row's."""
    from enterprises.models import Enterprise
    from impactportal.ui import versions

    theme = ImpactTheme.objects.first() or ImpactTheme.objects.create(name="Werk", slug="werk")
    enterprise_haarlem.themes.add(theme)
    fields = ["name", "themes"]
    assert (versions.row_version(Enterprise, str(enterprise_haarlem.pk), fields)
            == versions.row_version(Enterprise, enterprise_haarlem.pk, fields))
    assert versions.row_state(Enterprise, str(enterprise_haarlem.pk), fields)[1] == ([theme.pk],)
