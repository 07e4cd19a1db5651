"""The demo data as people meet it: public pages, every demo user's sign-in and dashboard, the
API token, language, the seeded reference data and texts.

The demo is seeded once per module and worker (``tests/held.py``); each test reads it inside its
own savepoint. Seeding twice is tested on fresh rows in test_foundation.py.
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from impactportal.accounts.models import Organisation, User
from impactportal.seed.core import DEMO_PASSWORD
from tests.held import held_transaction

pytestmark = pytest.mark.django_db

DEMO_USERS = ["admin", "makelaar-haarlem", "makelaar-amersfoort", "inkoper-haarlem", "ondernemer-1",
              "ondernemer-2", "stuurgroep", "partner-haarlem", "sroi-zkij"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with held_transaction(django_db_blocker, media):
        call_command("seed_demo", stdout=io.StringIO())
        yield media


@pytest.fixture
def seeded(demo, db, settings):
    settings.MEDIA_ROOT = demo


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/etalage/", "/api/v1/schema/", "/api/v1/",
                                 "/api/v1/docs/", "/ecosysteem/partijen/"])
def test_public_pages(client, seeded, url):
    assert client.get(url).status_code == 200


def test_seed_reference_data_is_real(seeded):
    from ecosystem.models import Party
    from impactportal.accounts.models import Programme, Region

    region = Region.objects.get(slug="zuid-kennemerland-ijmond")
    assert sorted(region.members.values_list("name", flat=True)) == sorted(
        ["Gemeente Bloemendaal", "Gemeente Haarlem", "Gemeente Heemstede", "Gemeente Zandvoort",
         "Gemeente Beverwijk", "Gemeente Heemskerk", "Gemeente Velsen"])
    deal = Programme.objects.get(slug="city-deal-impact-ondernemen")
    # The first term ended on 1 April 2024 and the deal runs on (seeds 000 and 003): no end date, so
    # the home page, the dashboard and the steering page all say it runs on.
    assert (str(deal.start_date), deal.end_date) == ("2021-03-11", None)
    assert "1 april 2024" in deal.description
    assert deal.phases.count() == 5 and deal.tracks.count() == 3
    assert Party.objects.filter(category="rijk").count() == 3
    assert Party.objects.filter(name__icontains="UWV", category="uitvoeringsorganisatie").exists()
    for slug in ["haarlem", "amersfoort", "emmen", "rotterdam", "groningen", "provincie-overijssel"]:
        assert Organisation.objects.filter(slug=slug).exists()


def test_demo_users_exist_with_roles(seeded):
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERS)}
    assert set(users) == set(DEMO_USERS)
    assert users["admin"].is_superuser
    # Haarlem's broker is also its functional administrator (the staff pages); Amersfoort's is not.
    assert users["makelaar-haarlem"].roles() == {"broker", "functional_admin"}
    assert users["makelaar-amersfoort"].roles() == {"broker"}
    assert users["inkoper-haarlem"].memberships.get().department == "inkoop"
    e1 = users["ondernemer-1"].memberships.get().enterprise
    e2 = users["ondernemer-2"].memberships.get().enterprise
    assert e1 != e2
    assert users["stuurgroep"].memberships.get().programme.slug == "city-deal-impact-ondernemen"
    partner = users["partner-haarlem"].memberships.get()
    assert (partner.role, partner.organisation.slug, partner.partner_organisation.name) == (
        "partner", "haarlem", "Kennemer Impact Helpdesk")
    assert partner.partner_organisation.kind == "other"
    coordinator = users["sroi-zkij"].memberships.get()
    assert (coordinator.role, coordinator.region.slug, coordinator.organisation) == (
        "sroi_coordinator", "zuid-kennemerland-ijmond", None)


@pytest.mark.parametrize("username, marker", [
    ("makelaar-haarlem", 'data-dashboard="broker"'), ("makelaar-amersfoort", 'data-dashboard="broker"'),
    ("inkoper-haarlem", 'data-dashboard="colleague"'), ("ondernemer-1", 'data-dashboard="entrepreneur"'),
    ("ondernemer-2", 'data-dashboard="entrepreneur"'), ("stuurgroep", 'data-dashboard="steering"'),
    ("admin", 'data-dashboard="admin"'), ("partner-haarlem", 'data-dashboard="partner"'),
    ("sroi-zkij", 'data-dashboard="sroi_coordinator"'),
])
def test_each_demo_user_logs_in_and_sees_role_dashboard(client, seeded, username, marker):
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert marker in response.content.decode()


def test_wrong_password_shows_error(client, seeded):
    response = client.post(reverse("login"), {"username": "makelaar-haarlem", "password": "fout"})
    assert response.status_code == 200
    assert "Controleer het formulier" in response.content.decode()


def test_api_token_works(client, seeded):
    token = client.post("/api/v1/auth/token/", {"username": "makelaar-haarlem", "password": DEMO_PASSWORD},
                        content_type="application/json").json()["token"]
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 200 and me.json()["username"] == "makelaar-haarlem"
    teams = client.get("/api/v1/broker-teams/", HTTP_AUTHORIZATION=f"Token {token}").json()
    assert {t["organisation"] for t in teams["results"]} == {"haarlem"}


def test_api_token_bad_credentials_is_400_with_message(client, seeded):
    response = client.post("/api/v1/auth/token/", {"username": "makelaar-haarlem", "password": "x"},
                           content_type="application/json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_api_requires_auth_for_writes_and_private_lists(client, seeded):
    assert client.get("/api/v1/broker-teams/").status_code == 401
    assert client.post("/api/v1/broker-teams/", {}, content_type="application/json").status_code in (401, 403)


def test_language_switch_to_english(client, seeded):
    assert "Inloggen" in client.get("/").content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    content = client.get("/").content.decode()
    assert 'lang="en"' in content and "Log in" in content


def test_dutch_by_default_even_for_english_browser(client, seeded):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="nl"' in response.content.decode()


def test_eager_celery_task_runs_in_process(seeded, settings):
    from impactportal.tasks import count_organisations

    assert settings.CELERY_TASK_ALWAYS_EAGER
    assert count_organisations.delay().get(timeout=5) == Organisation.objects.count()


def test_demo_texts_read_like_a_real_register(seeded):
    """Descriptions are built from the enterprise's own facts (no generated filler words) and
    parties carry the websites the City Deal's documents give."""
    from ecosystem.models import Party
    from enterprises.models import Enterprise

    descriptions = list(Enterprise.objects.exclude(description="").values_list("description", "city"))
    assert descriptions
    assert sum(city in text for text, city in descriptions) >= len(descriptions) // 2
    assert all(text.rstrip().endswith(".") and "  " not in text for text, _city in descriptions)
    assert Party.objects.get(name="Impact Oost").website == "https://impactoost.nl/"
    assert Party.objects.exclude(website="").count() >= 10


def test_steering_dashboard_names_the_programme_phases_and_tracks_in_the_page_language(client, seeded):
    client.force_login(User.objects.get(username="stuurgroep"))
    dutch = client.get(reverse("dashboard")).content.decode()
    assert "Uitwerking plan van aanpak" in dutch and "Loket en netwerk" in dutch
    client.cookies["django_language"] = "en"
    english = client.get(reverse("dashboard")).content.decode()
    assert "Working out the plan of approach" in english and "Desk and network" in english
    assert "Uitwerking plan van aanpak" not in english and "Loket en netwerk" not in english


@pytest.mark.parametrize("username", DEMO_USERS)
def test_every_api_list_reads_its_rows_as_drf_does(seeded, api, monkeypatch, username):
    """The API's model serializers read plain columns directly and take a list page's preloaded
    relations (``PortalModelSerializer``); DRF's own path, field by field through the ORM, must
    give the same response for every list, for every demo user."""
    from rest_framework import serializers

    from impactportal.api.serializers import PortalModelSerializer
    from impactportal.api.urls import router

    client = api(User.objects.get(username=username))
    urls = [f"/api/v1/{prefix}/" for prefix, viewset, _basename in router.registry if hasattr(viewset, "list")]

    def responses():
        return {url: (r.status_code, r.json()) for url in urls if (r := client.get(url, {"page_size": 200}))}

    portal = responses()
    monkeypatch.setattr(PortalModelSerializer, "to_representation", serializers.ModelSerializer.to_representation)
    assert responses() == portal
    rows = sum(len(body["results"] if isinstance(body, dict) else body)
               for status, body in portal.values() if status == 200)
    assert rows > 10  # the comparison saw rows, not only empty lists and refusals


def test_the_demo_toolbox_answers_show_as_progress_over_the_months(seeded):
    """The demo's answers were all dated on the seeding day, so every monthly snapshot showed only
    the linked questions (18,6%) beside the dashboard's 42%: they are spread over the past year."""
    from monitoring.models import SnapshotValue

    values = list(SnapshotValue.objects.filter(code="brokers.toolbox_progress", organisation__slug="haarlem")
                  .order_by("snapshot__period_end").values_list("value", flat=True))
    assert len(values) >= 6
    assert values == sorted(values) and len(set(values)) >= 5  # growing month by month, not flat


def test_the_demo_is_current_on_the_day_it_is_seeded(client, seeded):
    """The broker dashboard said "€ 0 uitgegeven in 2026; nog geen budget vastgelegd" and "4 open
    acties · 4 te laat": the demo's budget and agenda stopped in 2024."""
    import datetime as dt

    from django.utils import timezone

    from brokers.models import Action, BudgetLine, Spending

    today = timezone.localdate()
    for slug in ("haarlem", "amersfoort"):
        line = BudgetLine.objects.get(organisation__slug=slug, year=today.year)
        spent = sum(s.amount for s in Spending.objects.filter(budget_line=line))
        assert 0 < spent < line.amount
        assert not Spending.objects.filter(organisation__slug=slug, kind="spending", date__gt=today).exists()
    actions = Action.objects.filter(line__programme__organisation__slug="haarlem")
    assert actions.filter(status="done", completed_on__year=today.year).exists() or \
        actions.filter(status="done", completed_on__gte=today - dt.timedelta(days=365)).exists()
    assert actions.open().filter(due_date__gte=today).count() >= 3
    overdue = list(actions.overdue(today))
    assert len(overdue) <= 1 and all(today - a.due_date <= dt.timedelta(days=31) for a in overdue)
    client.force_login(User.objects.get(username="makelaar-haarlem"))
    page = client.get(reverse("dashboard")).content.decode()
    assert "nog geen budget" not in page


def test_the_demo_impact_reports_are_real_pdfs(seeded):
    """The demo report was 218 bytes without a cross-reference table: it opened blank or broken."""
    import shutil
    import subprocess

    from enterprises.measurement.models import ImpactMeasurement

    reports = list(ImpactMeasurement.objects.exclude(report="").select_related("enterprise"))
    assert reports
    for measurement in reports:
        data = measurement.report.read()
        measurement.report.close()
        assert data.startswith(b"%PDF-") and b"startxref" in data and data.rstrip().endswith(b"%%EOF")
        if pdftotext := shutil.which("pdftotext"):
            text = subprocess.run([pdftotext, measurement.report.path, "-"],  # noqa: S603 (our own file)
                                  capture_output=True, check=True, text=True).stdout
            assert measurement.enterprise.name in " ".join(text.split())
            assert "Impactrapport" in text


def test_the_demo_texts_address_users_with_u(seeded):
    """The portal says "u": a knowledge entry read "Kennis over hoe je samen met partners…"."""
    import re

    from brokers.models import CaseMessage, KnowledgeInstrument

    informal = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)
    texts = [f"{i.name} {i.description}" for i in KnowledgeInstrument.objects.all()]
    texts += list(CaseMessage.objects.values_list("body", flat=True))
    assert texts and not [t for t in texts if informal.search(t)]


def test_demo_cases_without_a_submitter_have_no_public_reply(seeded):
    """"Dank voor uw vraag…" stood on a case whose page warned that a reply reaches nobody."""
    from brokers.models import Case, CaseMessage

    assert Case.objects.filter(submitter__isnull=True).exists()
    assert not CaseMessage.objects.filter(case__submitter__isnull=True, is_internal=False).exists()
    assert CaseMessage.objects.filter(case__submitter__isnull=False, is_internal=False).exists()
