"""English pages show the English of the seeded reference content (the knowledge base, the financing
instruments, the SROI building blocks): ``<field>_en`` next to the Dutch, the Dutch where it is empty.
``seed_reference`` fills the English, keeps an administrator's and ``--update`` restores the shipped."""

import importlib
import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from brokers.helpdesk.knowledge_data import ENGLISH, INSTRUMENTS
from brokers.helpdesk.seeding import seed_knowledge_base
from brokers.models import KnowledgeInstrument
from financing.demo.catalogue_en import CATALOGUE_EN
from financing.demo.instruments import CATALOGUE
from financing.models import Instrument
from procurement.demo.blocks_en import BLOCK_ENGLISH
from procurement.demo.rule_sets import OOST_NEDERLAND_V05, UTRECHT
from procurement.models import Block, RuleSet

pytestmark = pytest.mark.django_db


def page(client, url, language, **params) -> str:
    client.cookies["django_language"] = language
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def seed_reference(*args):
    call_command("seed_reference", *args, stdout=io.StringIO())


# --- knowledge base -------------------------------------------------------------------------

GROWTH = "Groeiprogramma's Social Enterprise NL"
STADSGARAGE = "Stichting Stadsgarage"


def test_every_knowledge_base_entry_has_an_english_description():
    assert set(ENGLISH) == {name for name, *_rest in INSTRUMENTS}
    assert all(description_en for _name_en, description_en in ENGLISH.values())


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_knowledge_base_shows_the_seeded_entries_in_the_pages_language(client, language):
    seed_knowledge_base()
    growth = KnowledgeInstrument.objects.get(name=GROWTH)
    stadsgarage = KnowledgeInstrument.objects.get(name=STADSGARAGE)
    english = ["Social Enterprise NL growth programmes",
               "Programmes that help social entrepreneurs grow their enterprise and their impact.",
               "Network partner of the municipality of Haarlem: desk and network for impact entrepreneurs"]
    dutch = [GROWTH, "Programma's die sociaal ondernemers helpen hun onderneming en impact te laten groeien.",
             "Netwerkpartner van de gemeente Haarlem: loket en netwerk voor impactondernemers"]
    shown, hidden = (english, dutch) if language == "en" else (dutch, english)
    listing = page(client, reverse("helpdesk:instrument-list"), language)
    detail = page(client, reverse("helpdesk:instrument-detail", args=[growth.pk]), language)
    network = page(client, reverse("helpdesk:instrument-detail", args=[stadsgarage.pk]), language)
    for text in shown:
        assert escape(text) in listing
    for text in hidden:
        assert escape(text) not in listing
    assert escape(shown[0]) in detail and escape(shown[1]) in detail and escape(hidden[1]) not in detail
    assert escape(shown[2]) in network and escape(hidden[2]) not in network
    # A proper name without English shows as it is, marked as Dutch on an English page.
    assert f'lang="{language}">{escape(english[0] if language == "en" else GROWTH)}</a>' in listing
    assert 'lang="nl">Stichting Stadsgarage</a>' in listing
    # Searching finds an entry by its English too.
    found = page(client, reverse("helpdesk:instrument-list"), language, q="growth programmes")
    assert "Social Enterprise NL" in found and "Stadsgarage" not in found


def test_a_knowledge_base_entry_without_english_shows_its_dutch_on_english_pages(client):
    own = KnowledgeInstrument.objects.create(name="Ons eigen loket", kind="network",
                                             description="Een loket dat een beheerder zelf invoerde.")
    listing = page(client, reverse("helpdesk:instrument-list"), "en")
    assert "Ons eigen loket" in listing and "Een loket dat een beheerder zelf invoerde." in listing
    detail = page(client, reverse("helpdesk:instrument-detail", args=[own.pk]), "en")
    assert '<div class="portal-card" lang="nl">' in detail


def test_the_knowledge_base_api_gives_both_languages(api):
    seed_knowledge_base()
    data = api().get("/api/v1/knowledge/instruments/", {"q": "Stadsgarage"}).json()
    rows = data["results"] if isinstance(data, dict) else data
    row = next(r for r in rows if r["name"] == STADSGARAGE)
    assert row["name_en"] == "" and row["description"].startswith("Netwerkpartner van de gemeente Haarlem")
    assert row["description_en"].startswith("Network partner of the municipality of Haarlem")


def test_the_migration_gives_entries_loaded_before_the_english_theirs_unless_an_administrator_changed_them():
    migration = importlib.import_module("brokers.migrations.0012_reference_english")
    seed_knowledge_base()
    KnowledgeInstrument.objects.update(name_en="", description_en="")
    KnowledgeInstrument.objects.filter(name=STADSGARAGE).update(description="Onze eigen omschrijving.")
    KnowledgeInstrument.objects.filter(name="Impact Days").update(description_en="Our own English.")
    migration.english_knowledge_base(apps, None)
    growth = KnowledgeInstrument.objects.get(name=GROWTH)
    assert (growth.name_en, growth.description_en) == ENGLISH[GROWTH]
    assert KnowledgeInstrument.objects.get(name=STADSGARAGE).description_en == ""  # their Dutch shows
    assert KnowledgeInstrument.objects.get(name="Impact Days").description_en == "Our own English."


# --- financing instruments ------------------------------------------------------------------

RESULTS_NL, RESULTS_EN = "Resultaatfinanciering door de gemeente", "Results-based financing by the municipality"
PROVIDERS_NL = ["UWV of gemeente", "Gemeente (Besluit bijstandverlening zelfstandigen)",
                "Gemeente (werkgeversservicepunt)", "Rijksdienst voor Ondernemend Nederland, via de bank"]
PROVIDERS_EN = ["UWV (Employee Insurance Agency) or municipality",
                "Municipality (Bbz, the Dutch self-employment assistance decree)",
                "Municipality (employer service point)", "Netherlands Enterprise Agency (RVO), through the bank"]


def test_every_shipped_instrument_has_english():
    assert set(CATALOGUE_EN) == {slug for slug, *_rest in CATALOGUE}
    assert all(all(texts) for texts in CATALOGUE_EN.values())


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_instrument_catalogue_shows_the_seeded_texts_in_the_pages_language(client, language):
    seed_reference()
    english, dutch = [RESULTS_EN, *PROVIDERS_EN], [RESULTS_NL, *PROVIDERS_NL]
    shown, hidden = (english, dutch) if language == "en" else (dutch, english)
    listing = page(client, reverse("financing:instrument-list"), language)
    for text in shown:
        assert escape(text) in listing, text
    for text in hidden:
        assert escape(text) not in listing, text
    results = Instrument.objects.get(slug="resultaatfinanciering")
    detail = page(client, results.get_absolute_url(), language)
    conditions = ("Agreed result indicators, a measurement method and a price per result." if language == "en"
                  else "Afgesproken resultaatindicatoren, een meetmethode en een prijs per resultaat.")
    assert escape(shown[0]) in detail and conditions in detail and escape(hidden[0]) not in detail
    export = client.get(reverse("financing:instrument-list"), {"_export": "csv"}).content.decode()
    assert shown[0] in export and hidden[0] not in export


def test_an_instrument_without_english_shows_its_dutch_on_english_pages(client):
    seed_reference()
    Instrument.objects.filter(slug="resultaatfinanciering").update(name_en="", provider_en="")
    listing = page(client, reverse("financing:instrument-list"), "en")
    assert RESULTS_NL in listing and RESULTS_EN not in listing
    assert escape(PROVIDERS_EN[0]) in listing  # the others keep their English


def test_the_instrument_api_gives_both_languages(api):
    seed_reference()
    data = api().get("/api/v1/financing/instruments/", {"q": "Resultaatfinanciering"}).json()
    rows = data["results"] if isinstance(data, dict) else data
    row = next(r for r in rows if r["slug"] == "resultaatfinanciering")
    assert (row["name"], row["name_en"]) == (RESULTS_NL, RESULTS_EN)
    assert row["provider_en"] == "Municipality" and row["conditions_en"].startswith("Agreed result indicators")


# --- SROI building blocks -------------------------------------------------------------------


def test_every_shipped_block_of_the_reference_tables_has_english():
    for table in (OOST_NEDERLAND_V05, UTRECHT):
        for _code, _kind, name, _value, more in table["blocks"]:
            assert BLOCK_ENGLISH.get(name), name
            assert not more.get("notes") or BLOCK_ENGLISH.get(more["notes"]), more["notes"]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_rule_set_shows_its_blocks_in_the_pages_language(login, broker_haarlem, language):
    seed_reference()
    utrecht = RuleSet.objects.get(name=UTRECHT["name"])
    html_page = page(login(broker_haarlem), utrecht.get_absolute_url(), language)
    english = ["Purchase from a social enterprise", "Contribution of knowledge and expertise", "Per hour."]
    dutch = ["Inkoop bij een sociale onderneming", "Inzet van kennis en kunde", "Per uur."]
    shown, hidden = (english, dutch) if language == "en" else (dutch, english)
    for text in shown:
        assert text in html_page, text
    for text in hidden:
        assert text not in html_page, text


def test_a_block_without_english_shows_its_dutch_on_english_pages(login, broker_haarlem):
    seed_reference()
    utrecht = RuleSet.objects.get(name=UTRECHT["name"])
    Block.objects.filter(rule_set=utrecht, code="inkoop").update(name_en="")
    html_page = page(login(broker_haarlem), utrecht.get_absolute_url(), "en")
    assert "Inkoop bij een sociale onderneming" in html_page and "Contribution of knowledge and expertise" in html_page


def test_the_block_form_has_the_english_next_to_the_dutch():
    from procurement.forms.rule_sets import BlockForm

    fields = list(BlockForm.base_fields)
    assert fields.index("name_en") == fields.index("name") + 1
    assert fields.index("notes_en") == fields.index("notes") + 1


# --- seed_reference: fills the English, keeps an administrator's, --update restores ---------


def test_seed_reference_fills_missing_english_keeps_an_administrators_and_update_restores():
    seed_reference()
    # A database seeded before the English: the English columns are empty.
    Instrument.objects.update(name_en="", provider_en="", description_en="", conditions_en="")
    Block.objects.update(name_en="", notes_en="")
    # An administrator wrote their own English for one instrument and changed the Dutch of another.
    Instrument.objects.filter(slug="bmkb").update(name_en="Our own English name")
    Instrument.objects.filter(slug="no-riskpolis").update(name="Onze eigen naam")
    wajong = Block.objects.get(rule_set__version=5, rule_set__region__slug="oost-nederland", code="wajong")
    wajong.name_en = "Wajong (our own words)"
    wajong.save()

    seed_reference()
    results = Instrument.objects.get(slug="resultaatfinanciering")
    assert (results.name_en, results.provider_en, results.description_en, results.conditions_en) == \
        CATALOGUE_EN["resultaatfinanciering"]
    assert Instrument.objects.get(slug="bmkb").name_en == "Our own English name"  # kept
    no_risk = Instrument.objects.get(slug="no-riskpolis")
    assert (no_risk.name, no_risk.name_en) == ("Onze eigen naam", "")  # their Dutch shows
    assert no_risk.provider_en == PROVIDERS_EN[0]  # the fields they left as shipped get the English
    utrecht_purchase = Block.objects.get(rule_set__name=UTRECHT["name"], code="inkoop")
    assert utrecht_purchase.name_en == "Purchase from a social enterprise"
    assert utrecht_purchase.notes_en.startswith("The full costs excluding VAT count.")
    wajong.refresh_from_db()
    assert wajong.name_en == "Wajong (our own words)"

    seed_reference("--update")
    assert Instrument.objects.get(slug="bmkb").name_en == CATALOGUE_EN["bmkb"][0]
    no_risk = Instrument.objects.get(slug="no-riskpolis")
    assert (no_risk.name, no_risk.name_en) == ("No-riskpolis", "No-risk policy")
    wajong.refresh_from_db()
    assert wajong.name_en == BLOCK_ENGLISH["Wajong"]


def test_the_knowledge_base_admin_has_the_english_next_to_the_dutch(admin_client):
    html = admin_client.get("/admin/brokers/knowledgeinstrument/add/").content.decode()
    name, name_en = html.index('name="name"'), html.index('name="name_en"')
    description, description_en = html.index('name="description"'), html.index('name="description_en"')
    assert name < name_en < html.index('name="kind"') and description < description_en < html.index('name="url"')


# --- the instrument catalogue in /admin/ ----------------------------------------------------


def instrument_form(instrument, **changes) -> dict:
    """The admin's change form as posted, with ``changes``."""
    fields = ["kind", "is_active", "name", "name_en", "provider", "provider_en", "description", "description_en",
              "conditions", "conditions_en", "amount_min", "amount_max", "url"]
    data = {name: getattr(instrument, name) for name in fields}
    data = {name: ("" if value is None else value) for name, value in {**data, **changes}.items()}
    if not data["is_active"]:
        data.pop("is_active")
    return data


def test_administrators_edit_the_instruments_english_in_the_admin(admin_client, client):
    seed_reference()
    results = Instrument.objects.get(slug="resultaatfinanciering")
    listing = admin_client.get("/admin/financing/instrument/", {"q": "Results-based"})
    assert listing.status_code == 200 and escape(RESULTS_EN) in listing.content.decode()
    url = f"/admin/financing/instrument/{results.pk}/change/"
    html = admin_client.get(url).content.decode()
    # Each text next to its English; the code (how seed_reference finds it) is shown, not edited.
    for field in ("name", "provider", "description", "conditions"):
        assert html.index(f'name="{field}"') < html.index(f'name="{field}_en"')
    assert html.index('name="name_en"') < html.index('name="provider"')
    assert 'name="slug"' not in html and "resultaatfinanciering" in html
    response = admin_client.post(url, instrument_form(results, name_en="Paying for results"))
    assert response.status_code == 302, response.content.decode()[:2000]
    results.refresh_from_db()
    assert (results.name, results.name_en, results.slug) == (RESULTS_NL, "Paying for results",
                                                              "resultaatfinanciering")
    english = page(client, reverse("financing:instrument-list"), "en")
    assert "Paying for results" in english and escape(RESULTS_EN) not in english
    assert RESULTS_NL in page(client, reverse("financing:instrument-list"), "nl")


def test_staff_without_the_permission_get_no_instrument_admin(client):
    from tests import factories as f

    seed_reference()
    results = Instrument.objects.get(slug="resultaatfinanciering")
    client.force_login(f.UserFactory(username="medewerker", is_staff=True))
    assert client.get("/admin/financing/instrument/").status_code == 403
    assert client.get(f"/admin/financing/instrument/{results.pk}/change/").status_code == 403
    assert client.post(f"/admin/financing/instrument/{results.pk}/change/",
                       instrument_form(results, name_en="Not theirs")).status_code == 403
    results.refresh_from_db()
    assert results.name_en == RESULTS_EN
    # Given the permission to change instruments, the same staff member may.
    from django.contrib.auth.models import Permission

    editor = f.UserFactory(username="redacteur", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(content_type__app_label="financing",
                                                       codename="change_instrument"))
    client.force_login(editor)
    assert client.get(f"/admin/financing/instrument/{results.pk}/change/").status_code == 200


# --- lists sort by the name as the page shows it ----------------------------------------------

# (Dutch, English): the English order differs from the Dutch; one without English sorts on its Dutch.
SORTED = [("Aardbei", "Zebra loan"), ("Boekhouding", "Accounting"), ("Citroen", "")]
SHOWN = {"nl": ["Aardbei", "Boekhouding", "Citroen"], "en": ["Accounting", "Citroen", "Zebra loan"]}


def order_in(html: str, names: list[str]) -> list[str]:
    return sorted(names, key=lambda name: html.index(f">{name}<"))


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_instrument_catalogue_sorts_by_the_name_the_page_shows(client, language):
    for number, (name, name_en) in enumerate(SORTED):
        Instrument.objects.create(slug=f"sorted-{number}", kind="loan", name=name, name_en=name_en,
                                  provider=f"Verstrekker {number}", provider_en=f"Provider {2 - number}")
    url = reverse("financing:instrument-list")
    listing = page(client, url, language, kind="loan")
    assert order_in(listing, SHOWN[language]) == SHOWN[language]
    # Sorting on the name column: the same order, and reversed.
    assert order_in(page(client, url, language, kind="loan", sort="name"), SHOWN[language]) == SHOWN[language]
    assert order_in(page(client, url, language, kind="loan", sort="-name"), SHOWN[language]) == SHOWN[language][::-1]
    providers = ["Provider 0", "Provider 1", "Provider 2"] if language == "en" else \
        ["Verstrekker 0", "Verstrekker 1", "Verstrekker 2"]
    assert order_in(page(client, url, language, kind="loan", sort="provider"), providers) == providers
    export = client.get(url, {"kind": "loan", "_export": "csv"}).content.decode()
    assert [re.split("[;,]", line)[0] for line in export.splitlines()[1:]] == SHOWN[language]
    # The sort key is part of the list's query: a row more, no query more.
    queries = len(list_queries(client, url))
    Instrument.objects.create(slug="sorted-more", kind="loan", name="Dadel", name_en="Date", provider="Verstrekker")
    assert len(list_queries(client, url)) == queries


def list_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"kind": "loan"}).status_code == 200
    return queries.captured_queries


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_knowledge_base_sorts_by_the_name_the_page_shows(client, language):
    for name, name_en in SORTED:
        KnowledgeInstrument.objects.create(name=name, name_en=name_en, kind="tool", description=f"Over {name}.")
    listing = page(client, reverse("helpdesk:instrument-list"), language, kind="tool")
    assert order_in(listing, SHOWN[language]) == SHOWN[language]
    own = KnowledgeInstrument.objects.create(name="Eigen", kind="tool", description="Het eigen instrument.")
    detail = page(client, reverse("helpdesk:instrument-detail", args=[own.pk]), language)
    assert order_in(detail, SHOWN[language]) == SHOWN[language]  # "related", as the list


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_toolbox_lists_the_knowledge_base_as_the_page_shows_it(broker_haarlem, language):
    """The linked question of module 4 (``brokers.knowledge``): the names in the page's language, in
    that language's order."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from impactportal.contributions import toolbox_sources

    for name, name_en in SORTED:
        KnowledgeInstrument.objects.create(name=name, name_en=name_en, kind="tool", description=f"Over {name}.")
    source = toolbox_sources()["brokers.knowledge"]
    with translation.override(language):
        html = render_to_string(source.template, source.context(broker_haarlem, None))
    assert order_in(html, SHOWN[language]) == SHOWN[language]
    hidden = ["Aardbei", "Boekhouding"] if language == "en" else ["Zebra loan", "Accounting"]
    assert not any(f">{name}<" in html for name in hidden)
