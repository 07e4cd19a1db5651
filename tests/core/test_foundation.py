"""Public pages, login and dashboards per role, API auth, seed idempotency, Celery."""

import io

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse

from impactportal.accounts.models import Membership, Organisation, User
from impactportal.models import Job
from impactportal.seed.core import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

DEMO_USERS = ["admin", "makelaar-haarlem", "makelaar-amersfoort", "inkoper-haarlem", "ondernemer-1",
              "ondernemer-2", "stuurgroep", "partner-haarlem", "sroi-zkij"]


@pytest.fixture
def seeded(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=io.StringIO())


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
    assert (str(deal.start_date), str(deal.end_date)) == ("2021-03-11", "2024-04-01")
    assert deal.phases.count() == 4 and deal.tracks.count() == 3
    assert Party.objects.filter(category="rijk").count() == 3
    assert Party.objects.filter(name__icontains="UWV", category="uitvoeringsorganisatie").exists()
    for slug in ["haarlem", "amersfoort", "emmen", "rotterdam", "groningen", "provincie-overijssel"]:
        assert Organisation.objects.filter(slug=slug).exists()


def test_seed_twice_changes_nothing(seeded):
    counts = {m: m.objects.count() for m in (User, Organisation, Membership, LogEntry)}
    call_command("seed_demo", stdout=io.StringIO())
    assert {m: m.objects.count() for m in counts} == counts


def test_demo_users_exist_with_roles(seeded):
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERS)}
    assert set(users) == set(DEMO_USERS)
    assert users["admin"].is_superuser
    assert users["makelaar-haarlem"].roles() == {"broker"}
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
    assert client.get("/api/v1/broker-teams/").json()["count"] == 0
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


def test_failed_task_marks_job_failed(broker_haarlem, django_capture_on_commit_callbacks):
    from impactportal.jobs import job_start
    from impactportal.tasks import portal_task

    @portal_task(name="tests.explode", autoretry_for=())
    def explode(job_id):
        raise ValueError("kapot")

    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(task=explode, title="Proef", kind="test", user=broker_haarlem)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "kapot" in job.error


def test_404_page_is_friendly(client, db):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404 and "Pagina niet gevonden" in response.content.decode()


def test_password_reset_mails_a_link_only_to_the_account(client, broker_haarlem, mailoutbox):
    broker_haarlem.email = "hanna@example.org"
    broker_haarlem.save()
    response = client.post(reverse("password_reset"), {"email": "hanna@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["hanna@example.org"]
    assert "/accounts/reset/" in mailoutbox[0].body
    # An unknown address gets the same answer and no mail: accounts cannot be probed.
    assert client.post(reverse("password_reset"), {"email": "niemand@example.org"}).status_code == 302
    assert len(mailoutbox) == 1


def test_403_page_is_friendly(login, inkoper_haarlem, haarlem):
    from brokers.models import BrokerTeam

    team = BrokerTeam.objects.create(organisation=haarlem, name="Team")
    response = login(inkoper_haarlem).get(reverse("brokers:team-update", args=[team.pk]))
    assert response.status_code == 403 and "Geen toegang" in response.content.decode()


def test_job_page_shows_progress_only_to_its_owner(login, broker_haarlem, broker_amersfoort):
    job = Job.objects.create(kind="import", title="Import", created_by=broker_haarlem, progress=40,
                             status=Job.Status.RUNNING)
    assert "40" in login(broker_haarlem).get(reverse("job-detail", args=[job.pk])).content.decode()
    assert login(broker_amersfoort).get(reverse("job-detail", args=[job.pk])).status_code == 404


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


def test_describe_uses_the_facts_it_is_given():
    import random

    from enterprises.seeding import describe

    texts = {describe(random.Random(n), "Fietsenmakerij", "Haarlem", ["mobiliteit"], ["Reparatie", "Verhuur"],
                      20, 6) for n in range(12)}
    assert len(texts) == 3  # three ways of putting it
    assert all("reparatie en verhuur" in text for text in texts)
    assert all("6 een afstand tot de arbeidsmarkt" in text for text in texts)
    alone = describe(random.Random(1), "Fietsenmakerij", "Haarlem", ["mobiliteit"], ["Reparatie"], 4, 0)
    assert "team van 4 mensen" in alone


@pytest.mark.parametrize("cache_url, engine", [
    ("", "django.contrib.sessions.backends.db"),
    ("redis://127.0.0.1:6379/1", "django.contrib.sessions.backends.cached_db"),
])
def test_sessions_use_the_cache_only_when_it_is_shared(cache_url, engine):
    """With Redis (CACHE_URL) a session is read from the cache; with the per-process default cache
    it is not (another process would keep serving a session that ended)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "CACHE_URL": cache_url, "DJANGO_SETTINGS_MODULE": "impactportal.settings"}
    code = "import django; django.setup(); from django.conf import settings; print(settings.SESSION_ENGINE)"
    found = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)  # noqa: S603
    assert found.stdout.strip() == engine


def test_steering_dashboard_names_the_programme_phases_and_tracks_in_the_page_language(client, seeded):
    client.force_login(User.objects.get(username="stuurgroep"))
    dutch = client.get(reverse("dashboard")).content.decode()
    assert "Uitwerking plan van aanpak" in dutch and "Loket en netwerk" in dutch
    client.cookies["django_language"] = "en"
    english = client.get(reverse("dashboard")).content.decode()
    assert "Working out the plan of approach" in english and "Desk and network" in english
    assert "Uitwerking plan van aanpak" not in english and "Loket en netwerk" not in english
