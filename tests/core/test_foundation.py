"""Seeding twice, Celery jobs, error pages, password reset, sessions (the demo data as people meet
it: test_seeded_demo_pages.py)."""

import io

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse

from impactportal.accounts.models import Membership, Organisation, User
from impactportal.models import Job

pytestmark = pytest.mark.django_db

@pytest.fixture
def seeded(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=io.StringIO())


def test_seed_twice_changes_nothing(seeded):
    counts = {m: m.objects.count() for m in (User, Organisation, Membership, LogEntry)}
    call_command("seed_demo", stdout=io.StringIO())
    assert {m: m.objects.count() for m in counts} == counts


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
    ("", "impactportal.accounts.sessions.db"),
    ("redis://127.0.0.1:6379/1", "impactportal.accounts.sessions.cached_db"),
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
