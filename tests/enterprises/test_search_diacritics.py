"""The free-text search ignores diacritics and case, both ways: "cooperatie" finds
"Schuldhulpcoöperatie van Ommeren" and "café" finds "Cafe De Hoek", in the register, the showcase,
the API and the enterprise search field's suggestions. It reads ``Enterprise.search_text`` (name
and place folded), which every write path keeps up to date and migration 0013 fills."""

import io
import random
from importlib import import_module
from types import SimpleNamespace

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from faker import Faker

from enterprises import seeding
from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise, search_fold, search_text_of
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(haarlem):
    shown = {"is_published": True, "admission_status": AdmissionStatus.ADMITTED, "municipality": haarlem}
    return {
        "cooperatie": f.EnterpriseFactory(name="Schuldhulpcoöperatie van Ommeren", city="Ommeren", **shown),
        "cafe": f.EnterpriseFactory(name="Cafe De Hoek", city="Haarlem", **shown),
        "curacao": f.EnterpriseFactory(name="Zon en Zee", city="Curaçao", **shown),
        "other": f.EnterpriseFactory(name="Fietsenmakerij Spaarne", city="Haarlem", **shown),
    }


# (term, the enterprise it finds): without diacritics typed, with them typed, case aside, the place.
CASES = [("cooperatie", "Schuldhulpcoöperatie"), ("COÖPERATIE", "Schuldhulpcoöperatie"),
         ("café", "Cafe De Hoek"), ("CAFÉ DE", "Cafe De Hoek"), ("curacao", "Zon en Zee"),
         ("Curaçao", "Zon en Zee")]


def test_fold():
    assert search_fold("Schuldhulpcoöperatie café Curaçao ideeën") == "SCHULDHULPCOOPERATIE CAFE CURACAO IDEEEN"
    assert search_fold("’s-Hertogenbosch Ørsted Straße") == "'S-HERTOGENBOSCH ORSTED STRASSE"
    assert search_fold("ＣＡＦＥ") == "CAFE"  # full-width letters (NFKD)


@pytest.mark.parametrize("term, found", CASES)
def test_register(login, broker_haarlem, named, term, found):
    page = login(broker_haarlem).get(reverse("enterprises:register"), {"q": term, "municipality": ""})
    html = page.content.decode()
    assert found in html and "Fietsenmakerij Spaarne" not in html


@pytest.mark.parametrize("term, found", CASES)
def test_showcase(client, named, term, found):
    html = client.get(reverse("etalage"), {"q": term}).content.decode()
    assert found in html and "Fietsenmakerij Spaarne" not in html


@pytest.mark.parametrize("term, found", CASES)
def test_api(api, broker_haarlem, named, term, found):
    results = api(broker_haarlem).get("/api/v1/enterprises/", {"q": term}).json()["results"]
    assert [r["name"] for r in results if found in r["name"]] and all(found in r["name"] for r in results)


def test_kvk_number_still_matches_exactly(api, broker_haarlem, named):
    kvk = named["cafe"].kvk_number
    assert [r["name"] for r in api(broker_haarlem).get("/api/v1/enterprises/", {"q": kvk}).json()["results"]] == [
        "Cafe De Hoek"]
    assert api(broker_haarlem).get("/api/v1/enterprises/", {"q": kvk[:6] + "x"}).json()["results"] == []


def test_a_term_does_not_span_name_and_place(api, broker_haarlem, named):
    # "…van Ommeren" + "Ommeren": the separate name and place searches never matched across them.
    assert api(broker_haarlem).get("/api/v1/enterprises/", {"q": "ommeren ommeren"}).json()["results"] == []


def suggest(client, q):
    return client.get(reverse("enterprises:suggestions"), {"purpose": "supplier", "q": q}).content.decode()


def test_suggestions_ignore_diacritics_and_match_the_name_only(login, broker_haarlem, named):
    client = login(broker_haarlem)
    assert "Schuldhulpcoöperatie van Ommeren" in suggest(client, "cooperatie")
    assert "Cafe De Hoek" in suggest(client, "CAFÉ")
    assert "Ommeren" in suggest(client, "van ommeren")
    # The place alone suggests nothing: the box is for a name or a KvK number.
    assert "<option" not in suggest(client, "curacao")
    # Punctuation is text, not a regular expression (PostgreSQL's or Python's).
    for term in ("cafe (", "de [h", "*co", "c.fe", "\\d", "'s-h"):
        assert "Fietsenmakerij" not in suggest(client, term)
    assert "Cafe De Hoek" not in suggest(client, "c.fe")


# --- the column follows every write path ------------------------------------------------------

def stored(enterprise):
    return Enterprise.objects.values_list("search_text", flat=True).get(pk=enterprise.pk)


def test_save_keeps_search_text(haarlem):
    enterprise = f.EnterpriseFactory(name="Café Één", city="Curaçao", municipality=haarlem)
    assert stored(enterprise) == "CAFE EEN\nCURACAO"
    enterprise.name = "Ideeënfabriek"
    enterprise.save(update_fields=["name"])
    assert stored(enterprise) == "IDEEENFABRIEK\nCURACAO"
    enterprise.city = "Zaandam"
    enterprise.save()
    assert stored(enterprise) == "IDEEENFABRIEK\nZAANDAM"


def test_bulk_paths_keep_search_text(haarlem):
    made = Enterprise.objects.bulk_create([
        Enterprise(name="Coöperatie Één", city="Curaçao", kvk_number="87654321", municipality=haarlem),
        Enterprise(name="Crème", kvk_number="87654322", municipality=haarlem)])  # the national seed's path
    assert [stored(e) for e in made] == ["COOPERATIE EEN\nCURACAO", "CREME\n"]
    made[1].name = "Brûlée"
    Enterprise.objects.bulk_update(made, ["name"])
    assert stored(made[1]) == "BRULEE\n"
    # An update that filters on the column it changes (the rows are taken before it).
    assert Enterprise.objects.filter(city="Curaçao").update(city="Bonaire") == 1
    assert stored(made[0]) == "COOPERATIE EEN\nBONAIRE"
    Enterprise.objects.filter(pk=made[1].pk).update(stage="")  # neither name nor place: untouched
    assert stored(made[1]) == "BRULEE\n"


def test_change_log_leaves_the_search_text_out(haarlem):
    enterprise = f.EnterpriseFactory(name="Café", municipality=haarlem)
    enterprise.name = "Café Twee"
    enterprise.save()
    for entry in LogEntry.objects.get_for_object(enterprise):
        assert "search_text" not in entry.changes_dict


def test_migration_fills_existing_rows_in_batches(haarlem, monkeypatch):
    migration = import_module("enterprises.migrations.0013_enterprise_search_text")
    made = [f.EnterpriseFactory(name=f"Coöperatie {i}", city="Curaçao", municipality=haarlem) for i in range(5)]
    with connection.cursor() as cursor:  # rows as they were before the column existed
        cursor.execute("UPDATE enterprises_enterprise SET search_text = ''")
    monkeypatch.setattr(migration, "BATCH", 2)
    migration.fill_search_text(apps, SimpleNamespace(connection=connection))
    assert [stored(e) for e in made] == [f"COOPERATIE {i}\nCURACAO" for i in range(5)]
    assert [stored(e) for e in made] == [search_text_of(e.name, e.city) for e in made]  # the same folding


def test_the_national_seed_fills_search_text(haarlem):
    """``seed_demo --size national`` inserts in bulk (``_seed_bulk``), past ``save``."""
    fake = Faker("nl_NL")
    fake.seed_instance(1)
    seeding._seed_bulk(fake, random.Random(1), [haarlem], seeding.SMALL + 3, io.StringIO(), timezone.localdate())
    made = list(Enterprise.objects.all())
    assert len(made) == 3 and all(e.search_text == search_text_of(e.name, e.city) != "\n" for e in made)
