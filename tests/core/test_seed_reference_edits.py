"""``seed_reference`` runs on every ``docker compose up``: it creates the reference rows that are
missing and keeps the ones that exist as an administrator left them; ``--update`` brings them back
to the shipped texts; ``seed_demo`` shows the shipped texts (README, "Operations")."""

import io
import re

import pytest
from django.core.management import call_command

from brokers import toolbox_content
from brokers.models import Edition, Module, Question
from ecosystem.models import Party
from financing.models import Instrument
from impactportal.accounts.constants import PartyCategory
from impactportal.accounts.models import Organisation, Programme, ProgrammeTrack, Region
from monitoring.models import ProgrammeTheme
from procurement.demo.rule_sets import OOST_NEDERLAND_V05
from procurement.models import Block, RuleSet

APPS = ["brokers", "core", "ecosystem", "financing", "monitoring", "procurement"]
SUMMARY = re.compile(r"^  (\w+): created (\d+), kept (\d+), updated (\d+)$", re.MULTILINE)


def seed(*args) -> dict[str, tuple[int, int, int]]:
    out = io.StringIO()
    call_command("seed_reference", *args, stdout=out)
    return {app: (int(c), int(k), int(u)) for app, c, k, u in SUMMARY.findall(out.getvalue())}


def module_1():
    return Module.objects.get(edition__code=toolbox_content.EDITION["code"], number=1)


def oost_block():
    return Block.objects.get(rule_set__region__slug="oost-nederland", rule_set__version=5, code="wajong")


def edit_as_an_administrator():
    module = module_1()
    module.title, module.explanation_en = "Onze eigen titel", "Our own explanation"
    module.save()
    party = Party.objects.get(name="Impact030")
    party.website, party.category = "https://impact030.example.org/", PartyCategory.FUND
    party.save()
    party.programmes.clear()  # taken out of the City Deal
    instrument = Instrument.objects.get(slug="bmkb")
    instrument.description, instrument.is_active = "Onze eigen beschrijving.", False
    instrument.save()
    block = oost_block()
    block.value = 41000
    block.save()
    haarlem = Organisation.objects.get(slug="haarlem")
    haarlem.name = "Gemeente Haarlem (Noord-Holland)"
    haarlem.save()
    Region.objects.get(slug="zuid-kennemerland-ijmond").members.remove(Organisation.objects.get(slug="velsen"))
    ProgrammeTheme.objects.filter(programme__slug="city-deal-impact-ondernemen").update(is_current=False)
    Edition.objects.filter(code=toolbox_content.EDITION["code"]).update(title_en="")


@pytest.mark.django_db
def test_seed_reference_keeps_edits_recreates_deleted_rows_and_update_restores():
    first = seed()
    assert list(first)[0] == "core" and sorted(first) == APPS  # one summary line per app, the core's first
    assert all(created > 0 and kept == updated == 0 for created, kept, updated in first.values()), first
    counts = {m: m.objects.count() for m in (Organisation, Party, Module, Question, Instrument, RuleSet, Block)}

    edit_as_an_administrator()
    Question.objects.get(module=module_1(), key=toolbox_content.MODULES[0]["questions"][0][0]).delete()
    Instrument.objects.get(slug="no-riskpolis").delete()

    kept = seed()
    # The administrator's edits are all still there.
    module = module_1()
    assert (module.title, module.explanation_en) == ("Onze eigen titel", "Our own explanation")
    party = Party.objects.get(name="Impact030")
    assert (party.website, party.category) == ("https://impact030.example.org/", PartyCategory.FUND)
    assert not party.programmes.exists()
    instrument = Instrument.objects.get(slug="bmkb")
    assert (instrument.description, instrument.is_active) == ("Onze eigen beschrijving.", False)
    assert oost_block().value == 41000
    assert Organisation.objects.get(slug="haarlem").name == "Gemeente Haarlem (Noord-Holland)"
    assert not Region.objects.get(slug="zuid-kennemerland-ijmond").members.filter(slug="velsen").exists()
    assert not ProgrammeTheme.objects.filter(is_current=True).exists()
    assert Edition.objects.get(code=toolbox_content.EDITION["code"]).title_en == ""
    # The deleted rows are back, and nothing else was added.
    assert Question.objects.filter(module=module, key=toolbox_content.MODULES[0]["questions"][0][0]).exists()
    assert Instrument.objects.get(slug="no-riskpolis").is_active
    assert {m: m.objects.count() for m in counts} == counts
    assert kept["brokers"][0] == 1 and kept["financing"][0] == 1
    assert all(updated == 0 for _created, _kept, updated in kept.values()), kept
    assert sum(created for created, _kept, _updated in kept.values()) == 2

    updated = seed("--update")
    module = module_1()
    shipped = toolbox_content.MODULES[0]
    assert (module.title, module.explanation_en) == (shipped["title"], shipped["explanation_en"])
    party = Party.objects.get(name="Impact030")
    assert (party.website, party.category) == ("https://www.impact030.nl/", PartyCategory.INTERMEDIARY)
    assert party.programmes.filter(slug="city-deal-impact-ondernemen").exists()
    instrument = Instrument.objects.get(slug="bmkb")
    assert instrument.is_active and instrument.description.startswith("De overheid staat borg")
    assert oost_block().value == 40000
    assert Organisation.objects.get(slug="haarlem").name == "Gemeente Haarlem"
    assert Region.objects.get(slug="zuid-kennemerland-ijmond").members.filter(slug="velsen").exists()
    assert ProgrammeTheme.objects.filter(is_current=False).count() == 0
    assert Edition.objects.get(code=toolbox_content.EDITION["code"]).title_en == toolbox_content.EDITION["title_en"]
    assert updated["brokers"][2] == 1 and updated["ecosystem"][2] == 1 and updated["financing"][2] == 1
    assert updated["procurement"][2] == 1 and updated["core"][2] == 1 and updated["monitoring"][2] >= 1
    assert all(created == 0 for created, _kept, _updated in updated.values()), updated


@pytest.mark.django_db
def test_seed_reference_twice_creates_nothing_the_second_time():
    first = seed()
    second = seed()
    assert sorted(second) == APPS
    for app, (created, kept, updated) in second.items():
        assert (created, updated) == (0, 0), app
        assert kept == sum(first[app]), app  # every row of the first run, counted once
    assert second["core"][1] >= 342 + 12  # the municipalities and provinces among them
    assert seed("--update") == second  # nothing differs from the shipped texts: nothing to update


@pytest.mark.django_db
def test_a_renamed_party_keeps_its_organisation_and_is_not_created_again():
    seed()
    party = Party.objects.get(name="Gemeente Haarlem")
    party.name = "Gemeente Haarlem, afdeling Economie"
    party.save()
    assert seed()["ecosystem"][0] == 0  # its seed key finds it: no second "Gemeente Haarlem"
    assert Party.objects.get(name="Gemeente Haarlem, afdeling Economie").organisation.slug == "haarlem"
    assert not Party.objects.filter(name="Gemeente Haarlem").exists()
    seed("--update")  # the shipped name back, on the same party with the same organisation
    assert Party.objects.get(pk=party.pk).name == "Gemeente Haarlem" and party.organisation.slug == "haarlem"


CITY_DEAL = "city-deal-impact-ondernemen"
OOST = {"region__slug": "oost-nederland", "version": 5}


def rename_as_an_administrator():
    """A party, a programme track, a theme and an SROI table renamed in /admin/ or the portal's forms."""
    Party.objects.filter(name="Impact030").update(name="Impact030 (Utrecht)")
    ProgrammeTrack.objects.filter(programme__slug=CITY_DEAL, name="Financieel").update(name="Financiering")
    ProgrammeTheme.objects.filter(programme__slug=CITY_DEAL, name="Impactfinanciering").update(name="Geld")
    RuleSet.objects.filter(**OOST).update(name="SROI Oost-Nederland (V05)")


def renamed_rows():
    return (Party.objects.filter(name="Impact030 (Utrecht)").count(),
            ProgrammeTrack.objects.filter(name="Financiering").count(),
            ProgrammeTheme.objects.filter(name="Geld").count(),
            RuleSet.objects.filter(name="SROI Oost-Nederland (V05)").count())


def shipped_rows():
    return (Party.objects.filter(name="Impact030").count(),
            ProgrammeTrack.objects.filter(name="Financieel").count(),
            ProgrammeTheme.objects.filter(name="Impactfinanciering").count(),
            RuleSet.objects.filter(name="Uniform model SROI Oost-Nederland").count())


def reference_counts():
    return {m: m.objects.count() for m in (Party, ProgrammeTrack, ProgrammeTheme, RuleSet, Block)}


@pytest.mark.django_db
def test_renamed_party_track_theme_and_rule_set_are_kept_and_update_brings_the_shipped_names_back():
    seed()
    counts = reference_counts()
    rename_as_an_administrator()

    kept = seed()
    assert all(created == 0 for created, _kept, _updated in kept.values()), kept
    assert reference_counts() == counts  # nothing made again beside the renamed rows
    assert renamed_rows() == (1, 1, 1, 1) and shipped_rows() == (0, 0, 0, 0)
    assert Party.objects.get(name="Impact030 (Utrecht)").programmes.filter(slug=CITY_DEAL).exists()
    assert RuleSet.objects.get(**OOST).blocks.count() == len(OOST_NEDERLAND_V05["blocks"])

    updated = seed("--update")
    assert all(created == 0 for created, _kept, _updated in updated.values()), updated
    assert reference_counts() == counts
    assert renamed_rows() == (0, 0, 0, 0) and shipped_rows() == (1, 1, 1, 1)
    assert (updated["ecosystem"][2], updated["core"][2], updated["monitoring"][2], updated["procurement"][2]) \
        == (1, 1, 1, 1)
    assert seed("--update")["ecosystem"][2] == 0  # back as shipped: nothing more to update


@pytest.mark.django_db
def test_a_database_seeded_before_the_seed_keys_adopts_them_without_duplicates():
    seed()
    counts = reference_counts()
    for model in (Party, ProgrammeTrack, ProgrammeTheme, RuleSet):
        assert not model.objects.filter(seed_key="").exists()  # every shipped row has its key
        model.objects.update(seed_key="")  # as the rows were before the field existed

    adopted = seed()
    assert all((created, updated) == (0, 0) for created, _kept, updated in adopted.values()), adopted
    assert reference_counts() == counts
    assert Party.objects.get(name="Impact030").seed_key == "impact030"
    assert ProgrammeTrack.objects.get(name="Financieel").seed_key == "financieel"
    assert ProgrammeTheme.objects.get(name="Impactfinanciering").seed_key == "impactfinanciering"
    assert RuleSet.objects.get(**OOST).seed_key == "uniform-model-sroi-oost-nederland"

    rename_as_an_administrator()  # renamed after the keys were adopted: recognised from now on
    assert all(created == 0 for created, _kept, _updated in seed().values())
    assert reference_counts() == counts and renamed_rows() == (1, 1, 1, 1)


@pytest.mark.django_db
def test_seed_keys_are_not_in_the_forms_and_read_only_in_the_admin(admin_client):
    from django.contrib import admin

    from procurement.forms.rule_sets import RuleSetForm

    for model in (Party, ProgrammeTrack, ProgrammeTheme, RuleSet):
        assert not model._meta.get_field("seed_key").editable  # left out of every ModelForm and admin form
    assert "seed_key" not in RuleSetForm.base_fields
    for model in (Party, ProgrammeTheme):
        assert "seed_key" in admin.site._registry[model].readonly_fields
    seed()
    for obj, key in ((Party.objects.get(name="Impact030"), "impact030"),
                     (ProgrammeTheme.objects.get(name="Impactfinanciering"), "impactfinanciering"),
                     (Programme.objects.get(slug=CITY_DEAL), "financieel")):  # the tracks' keys inline
        page = admin_client.get(f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/")
        assert page.status_code == 200
        html = page.content.decode()
        assert re.search(rf"field-seed_key.*?>\s*{key}\s*<", html, re.DOTALL)  # shown, as text
        assert not re.search(r'name="[^"]*seed_key"', html)  # no input for it


@pytest.mark.django_db
def test_seed_demo_brings_reference_rows_back_to_the_shipped_texts(monkeypatch):
    """The demo (make run, tests, bench, e2e) shows the texts in the code, as ``seed_reference --update``."""
    from impactportal.management.commands import seed_demo

    seed()
    edit_as_an_administrator()
    monkeypatch.setattr(seed_demo.core, "seed_users", lambda ref: None)
    monkeypatch.setattr(seed_demo.contributions, "demo_seeders", lambda: [])
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert module_1().title == toolbox_content.MODULES[0]["title"]
    assert Party.objects.get(name="Impact030").website == "https://www.impact030.nl/"
    assert Instrument.objects.get(slug="bmkb").is_active
    assert re.search(r"reference data: created 0, kept \d+, updated [1-9]", out.getvalue())
    assert Programme.objects.count() == 1
