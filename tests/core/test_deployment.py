"""What a municipality's deployment relies on: reference data without demo users, demo seeding that
never resets a real account, the Docker build and compose file, the deploy checks for mail links,
the load balancer's /healthz and quiet logging of wrong Host headers (README, "Operations")."""

import io
import logging
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from auditlog.models import LogEntry
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError

from impactportal import checks, health
from impactportal.accounts.constants import OrganisationKind
from impactportal.accounts.models import Membership, Organisation, Programme, Region, User

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "impactportal-demo"  # noqa: S105 — the public demo password under test


def _production_env(**extra):
    """A subprocess environment with production-like settings (DEBUG off, not a test run)."""
    scrub = ("DJANGO_TESTING", "DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "CACHE_URL",
             "DATABASE_URL", "PORTAL_BASE_URL", "DEFAULT_FROM_EMAIL", "DJANGO_SETTINGS_MODULE")
    env = {k: v for k, v in os.environ.items() if k not in scrub}
    env.update(DJANGO_SETTINGS_MODULE="impactportal.settings", DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
               DJANGO_ALLOWED_HOSTS="impactportaal.example.nl", CACHE_URL="redis://127.0.0.1:6379/1", **extra)
    return env


def _run(args, env, **kw):
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True,  # noqa: S603
                          timeout=300, **kw)


# --- seeding --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_reference_loads_reference_data_only_and_twice_changes_nothing():
    from brokers.models import Edition
    from ecosystem.models import Party
    from enterprises.models import Enterprise
    from financing.models import Instrument
    from impactportal.seed.reference import CITY_DEAL_PARTIES
    from procurement.models import RuleSet

    call_command("seed_reference", stdout=io.StringIO())
    # Every municipality of the CBS division (with its code) and the 12 provinces.
    municipalities = Organisation.objects.filter(kind=OrganisationKind.GEMEENTE)
    assert municipalities.count() == 342
    assert not municipalities.filter(cbs_code="").exists()
    assert Organisation.objects.filter(kind=OrganisationKind.PROVINCIE).count() == 12
    assert Organisation.objects.get(cbs_code="GM0392").slug == "haarlem"
    assert Region.objects.filter(slug="zuid-kennemerland-ijmond").exists()
    assert Programme.objects.filter(slug="city-deal-impact-ondernemen").exists()
    assert Party.objects.count() == len(CITY_DEAL_PARTIES)
    assert Edition.objects.filter(is_current=True).exists()  # the toolbox
    assert Instrument.objects.exists() and RuleSet.objects.exists()
    # No demo data: no users, no memberships, no enterprises, no demo partner organisation.
    assert not User.objects.exists()
    assert not Membership.objects.exists()
    assert not Enterprise.objects.exists()
    assert not Organisation.objects.filter(slug="kennemer-impact-helpdesk").exists()

    counts = {m: m.objects.count() for m in (Organisation, Party, Region, Instrument, RuleSet, LogEntry)}
    call_command("seed_reference", stdout=io.StringIO())
    assert {m: m.objects.count() for m in counts} == counts


@pytest.fixture
def seeded(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=io.StringIO())


def test_seed_demo_never_resets_an_existing_users_password_email_or_flags(seeded):
    admin = User.objects.get(username="admin")
    assert admin.check_password(DEMO_PASSWORD) and admin.is_superuser  # created as the demo says
    admin.set_password("a-real-administrator-password")
    admin.email = "beheer@gemeente.nl"
    admin.save()
    broker = User.objects.get(username="makelaar-haarlem")
    broker.set_password("the-brokers-own-password")
    broker.is_active = False
    broker.save()
    realestate = User.objects.get(username="vastgoed-haarlem")
    realestate.set_password("vastgoed-own-password")
    realestate.save()

    call_command("seed_demo", stdout=io.StringIO())

    admin.refresh_from_db()
    broker.refresh_from_db()
    realestate.refresh_from_db()
    assert admin.check_password("a-real-administrator-password")
    assert not admin.check_password(DEMO_PASSWORD)
    assert admin.email == "beheer@gemeente.nl" and admin.is_superuser
    assert broker.check_password("the-brokers-own-password") and not broker.is_active
    assert realestate.check_password("vastgoed-own-password")


def test_seed_demo_leaves_a_pre_existing_admin_as_it_was(db):
    """A deployment's own ``admin`` (createsuperuser) is neither given the demo password nor changed."""
    User.objects.create_user("admin", email="it@gemeente.nl", password="own-secret-123", is_staff=True)
    call_command("seed_demo", stdout=io.StringIO())
    admin = User.objects.get(username="admin")
    assert admin.check_password("own-secret-123")
    assert (admin.email, admin.is_staff, admin.is_superuser) == ("it@gemeente.nl", True, False)


@pytest.mark.django_db
def test_seed_demo_refuses_production_like_settings_without_the_flag(monkeypatch, settings):
    from impactportal.management.commands import seed_demo

    monkeypatch.delenv("DJANGO_TESTING", raising=False)
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-demo-users"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not User.objects.exists()

    calls = []
    monkeypatch.setattr(seed_demo.core, "load_reference", lambda **kw: calls.append(kw) or {})
    monkeypatch.setattr(seed_demo.core, "seed_users", lambda ref: None)
    monkeypatch.setattr(seed_demo.contributions, "demo_seeders", lambda: [])
    call_command("seed_demo", "--allow-demo-users", stdout=io.StringIO())
    assert calls == [{"all_municipalities": False}]


def test_seed_demo_refusal_from_the_command_line():
    """The real command under production settings: refused before it touches the database."""
    result = _run(["manage.py", "seed_demo"], _production_env(DATABASE_URL="sqlite:////nonexistent/dir/db.sqlite3"))
    assert result.returncode != 0
    assert "seed_demo refused" in result.stderr and "--allow-demo-users" in result.stderr
    assert "seed_reference" in result.stderr and "createsuperuser" in result.stderr


def test_production_like_scripts_that_seed_demo_data_pass_the_flag():
    """make load runs with DEBUG off outside the test settings: it must say it wants demo users."""
    load = (ROOT / "tests/perf/load.sh").read_text()
    assert "unset CELERY_BROKER_URL CELERY_RESULT_BACKEND DJANGO_TESTING" in load
    seeds = [line for line in load.splitlines() if "manage.py seed_demo" in line]
    assert seeds and all("--allow-demo-users" in line for line in seeds)
    bench = (ROOT / "tests/perf/bench.py").read_text()
    assert 'call_command("seed_demo", size=size, allow_demo_users=True' in bench


# --- Docker image and compose ---------------------------------------------------------------


def _dockerfile_runs():
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    return [line.strip()[4:] for line in text.splitlines() if line.strip().startswith("RUN ")]


def test_dockerfile_collects_static_files_with_the_runtime_settings():
    """collectstatic must use the storage the running portal uses (the manifest): not DJANGO_TESTING
    or DJANGO_DEBUG, which select the plain storage and leave no staticfiles.json behind."""
    collect = [run for run in _dockerfile_runs() if "collectstatic" in run]
    assert len(collect) == 1
    command = collect[0]
    assert "DJANGO_TESTING" not in command and "DJANGO_DEBUG" not in command
    assert re.search(r"DJANGO_SECRET_KEY=\S+ python manage\.py collectstatic --noinput", command)
    assert "staticfiles/staticfiles.json" in command  # the build fails without the manifest
    instructions = [line for line in (ROOT / "Dockerfile").read_text().splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in instructions if "DJANGO_TESTING" in line or "DJANGO_DEBUG" in line]


def test_docker_image_runs_as_a_user_and_ships_no_tests_or_npm_packages():
    dockerfile = (ROOT / "Dockerfile").read_text()
    runtime = dockerfile[dockerfile.rindex("\nFROM "):]
    user = re.findall(r"^USER (\S+)", runtime, re.M)
    assert user and user[-1].split(":")[0] not in ("root", "0")
    assert "nodejs" not in runtime and "npm" not in runtime
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}
    assert {"tests", "node_modules", ".env", ".git", ".venv", "db.sqlite3*"} <= ignored
    # The npm directories kept in the image are exactly those settings.STATICFILES_DIRS names.
    vendored = re.search(r'ARG VENDORED="([^"]+)"', dockerfile).group(1).split()
    node = Path(django_settings.BASE_DIR) / "node_modules"
    wanted = sorted(str(Path(entry[1]).relative_to(node)) for entry in django_settings.STATICFILES_DIRS
                    if isinstance(entry, tuple) and Path(entry[1]).is_relative_to(node))
    assert sorted(vendored) == wanted


def test_the_images_collectstatic_uses_the_storage_the_running_portal_uses():
    """The Dockerfile's build environment (its throwaway key, nothing else) and the runtime's (compose:
    DEBUG unset) select the same storage: the manifest one, whose staticfiles.json every page reads.
    (Collecting for real takes minutes on a shared two-core machine: too slow for the suite.)"""
    collect = next(run for run in _dockerfile_runs() if "collectstatic" in run)
    key = re.search(r"DJANGO_SECRET_KEY=(\S+)", collect).group(1)
    code = ("import django; django.setup(); from django.conf import settings; "
            "print(settings.STORAGES['staticfiles']['BACKEND'], settings.WHITENOISE_USE_FINDERS)")
    base = {k: v for k, v in os.environ.items() if k not in ("DJANGO_TESTING", "DJANGO_DEBUG", "DJANGO_SECRET_KEY")}
    base["DJANGO_SETTINGS_MODULE"] = "impactportal.settings"
    build = _run(["-c", code], {**base, "DJANGO_SECRET_KEY": key})
    runtime = _run(["-c", code], _production_env())
    assert build.returncode == 0 and runtime.returncode == 0, build.stderr + runtime.stderr
    assert build.stdout == runtime.stdout == "impactportal.staticfiles.PortalStaticFilesStorage False\n"


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_loads_reference_data_only_and_takes_secrets_from_the_env_file():
    compose = _compose()
    services = compose["services"]
    migrate = services["migrate"]["command"]
    assert "migrate" in migrate and "seed_reference" in migrate and "seed_demo" not in migrate
    assert "seed_demo" not in (ROOT / "docker-compose.yml").read_text().replace("no demo", "")
    # No password in the file: each comes from .env, without a default.
    assert services["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")
    app_env = services["web"]["environment"]
    assert "${POSTGRES_PASSWORD:?" in app_env["DATABASE_URL"]
    for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "PORTAL_BASE_URL", "DEFAULT_FROM_EMAIL"):
        assert app_env[name].startswith(f"${{{name}:?"), name
    # Redis: a password, no published port, only on the internal network.
    redis = services["redis"]
    assert "--requirepass" in " ".join(redis["command"]) and "ports" not in redis
    assert "${REDIS_PASSWORD:?" in app_env["CELERY_BROKER_URL"] and "${REDIS_PASSWORD:?" in app_env["CACHE_URL"]
    assert redis["networks"] == ["backend"] and services["db"]["networks"] == ["backend"]
    assert compose["networks"]["backend"]["internal"] is True
    assert "ports" not in services["db"]


def test_compose_publishes_the_portal_on_loopback_and_checks_its_health():
    web = _compose()["services"]["web"]
    (port,) = web["ports"]
    assert port.startswith("${PORTAL_BIND_ADDRESS:-127.0.0.1}:")
    assert web["healthcheck"]["test"] == ["CMD", "python", "scripts/healthcheck.py"]
    assert ".env" in (ROOT / ".gitignore").read_text().split()


def test_env_example_names_every_required_compose_variable():
    text = (ROOT / "docker-compose.yml").read_text()
    required = set(re.findall(r"\$\{(\w+):\?", text))
    example = {line.split("=", 1)[0] for line in (ROOT / ".env.example").read_text().splitlines()
               if line and not line.startswith("#")}
    assert required and required <= example


# --- deploy checks: links and sender of e-mails ----------------------------------------------


def test_deploy_check_warns_while_mail_links_and_sender_are_the_defaults(settings):
    settings.DEBUG = False
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8000"
    settings.DEFAULT_FROM_EMAIL = "Impactportaal <noreply@impactportaal.localhost>"
    assert [w.id for w in checks.check_mail_links_and_sender()] == ["impactportal.W001", "impactportal.W002"]

    settings.PORTAL_BASE_URL = "https://impactportaal.gemeente.nl"
    settings.DEFAULT_FROM_EMAIL = "Impactportaal <noreply@gemeente.nl>"
    assert checks.check_mail_links_and_sender() == []

    settings.PORTAL_BASE_URL, settings.DEFAULT_FROM_EMAIL = "http://localhost:8000/", "noreply"
    assert [w.id for w in checks.check_mail_links_and_sender()] == ["impactportal.W001", "impactportal.W002"]
    settings.DEBUG = True  # a developer's machine: the defaults are right there
    assert checks.check_mail_links_and_sender() == []


def test_check_deploy_reports_the_mail_defaults_in_production():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], _production_env(DJANGO_DEBUG="false"))
    assert result.returncode != 0
    assert "impactportal.W001" in result.stderr and "impactportal.W002" in result.stderr


def test_deploy_check_warns_while_nobody_is_named_to_contact(settings):
    settings.DEBUG = False
    settings.PORTAL_CONTACT = settings.PORTAL_SECURITY_CONTACT = ""
    assert [w.id for w in checks.check_contact()] == ["impactportal.W003"]
    settings.PORTAL_SECURITY_CONTACT = "mailto:cert@gemeente.nl"  # PORTAL_CONTACT's default in settings
    assert checks.check_contact() == []
    settings.PORTAL_SECURITY_CONTACT, settings.DEBUG = "", True
    assert checks.check_contact() == []


# --- /healthz ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_answers_ok_without_login_session_or_cookies(client, broker_haarlem):
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/json"
    assert answer.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert not answer.cookies  # no session, no CSRF cookie, no language cookie
    assert "no-store" in answer["Cache-Control"]
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
    # A signed-in user's probe is the same answer and leaves the session alone.
    client.force_login(broker_haarlem)
    signed_in = client.get("/healthz")
    assert signed_in.status_code == 200 and not signed_in.cookies


@pytest.mark.django_db
def test_healthz_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301  # every other page is
    assert client.get("/healthz").status_code == 200


class _Broken:
    """Stands for a database connection or cache that fails with details no probe should see."""

    def __getattr__(self, name):
        raise OperationalError('connection to server at "10.1.2.3", port 5432 failed: password "s3cret" wrong')


@pytest.mark.django_db
@pytest.mark.parametrize("failing", ["database", "cache"])
def test_healthz_answers_503_naming_the_failed_check_and_nothing_else(client, monkeypatch, caplog, failing):
    monkeypatch.setattr(health, "connection" if failing == "database" else "cache", _Broken())
    with caplog.at_level(logging.ERROR, logger="impactportal.health"):
        answer = client.get("/healthz")
    assert answer.status_code == 503
    body = answer.json()
    assert body["status"] == "error" and body["failed"] == [failing]
    assert body["checks"][failing] == "error"
    assert {name for name, outcome in body["checks"].items() if outcome == "ok"} == {"database", "cache"} - {failing}
    for secret in ("10.1.2.3", "s3cret", "5432", django_settings.SECRET_KEY):
        assert secret not in answer.content.decode()
    assert any("10.1.2.3" in (r.exc_text or str(r.exc_info)) for r in caplog.records)  # the log has it


def test_healthcheck_script_sends_an_allowed_host():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import healthcheck
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert healthcheck.probe_host("impactportaal.gemeente.nl, www.example.nl") == "impactportaal.gemeente.nl"
    assert healthcheck.probe_host(" .gemeente.nl") == "gemeente.nl"
    assert healthcheck.probe_host("*") == "localhost"
    assert healthcheck.probe_host("") == "localhost"


def test_healthcheck_script_against_a_running_portal(live_server, monkeypatch, settings):
    settings.ALLOWED_HOSTS = ["impactportaal.example.nl"]
    port = live_server.url.rsplit(":", 1)[1]
    env = {**os.environ, "HEALTHCHECK_PORT": port, "DJANGO_ALLOWED_HOSTS": "impactportaal.example.nl"}
    ok = subprocess.run([sys.executable, str(ROOT / "scripts/healthcheck.py")], env=env,  # noqa: S603
                        capture_output=True, text=True, timeout=30)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert '"status": "ok"' in ok.stdout
    wrong_host = subprocess.run([sys.executable, str(ROOT / "scripts/healthcheck.py")],  # noqa: S603
                                env={**env, "DJANGO_ALLOWED_HOSTS": "elders.example.nl"},
                                capture_output=True, text=True, timeout=30)
    assert wrong_host.returncode == 1  # 400: the probe reports the portal unhealthy, not healthy


# --- logging ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_disallowed_host_is_one_warning_line_without_traceback(client, caplog):
    with caplog.at_level(logging.DEBUG):
        answer = client.get("/", HTTP_HOST="scanner.invalid")
    assert answer.status_code == 400
    records = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert len(records) == 1
    (record,) = records
    assert record.levelno == logging.WARNING and record.exc_info is None
    line = logging.getLogger().handlers[0].format(record)
    assert "\n" not in line and "WARNING django.security.DisallowedHost" in line and "scanner.invalid" in line
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_logging_drops_disallowed_host_when_only_errors_are_wanted():
    from impactportal.log_filters import OneLineWarning

    logger = logging.getLogger("django.security.DisallowedHost")
    record = logger.makeRecord(logger.name, logging.ERROR, __file__, 1, "Invalid HTTP_HOST header", (), None)
    before = logger.level
    try:
        logger.setLevel(logging.ERROR)  # DJANGO_LOG_LEVEL=ERROR
        assert OneLineWarning().filter(record) is False
        logger.setLevel(logging.NOTSET)
        assert OneLineWarning().filter(record) is True and record.levelname == "WARNING"
    finally:
        logger.setLevel(before)
