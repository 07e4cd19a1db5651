"""Virus scanning of uploads by clamd (``impactportal.virus_scan``), against a fake clamd on TCP and
on a unix socket (``tests/clamd.py``): the INSTREAM protocol, refusals, failing closed, the log,
``/healthz``. The upload forms and API endpoints are tested in each app's ``test_virus_scan.py``."""

import hashlib
import logging
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from impactportal import virus_scan
from impactportal.uploads import SPREADSHEET_TYPES, validate_upload
from tests.clamd import EICAR, FINDING, INFECTED_PDF, PDF


def pdf(content=PDF, name="bewijs.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def refusal(upload, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        validate_upload(upload, **kwargs)
    return info.value


@pytest.mark.parametrize("server", ["clamav", "clamav_unix"])
def test_clean_file_is_streamed_whole_and_accepted(request, server):
    clamd = request.getfixturevalue(server)
    big = PDF + b"%" + b"x" * (3 * virus_scan.CHUNK_BYTES + 17) + b"\n"  # several chunks
    for content in (PDF, big):
        upload = pdf(content)
        assert validate_upload(upload) == "application/pdf"
        assert upload.tell() == 0 and upload.read() == content  # left readable for storage
    assert clamd.streams == [PDF, big]  # every byte, in order, framed as INSTREAM chunks
    assert clamd.commands == [b"zINSTREAM", b"zINSTREAM"]


@pytest.mark.parametrize("server", ["clamav", "clamav_unix"])
def test_infected_file_is_refused_naming_the_finding_and_logged_without_content(request, server, caplog):
    clamd = request.getfixturevalue(server)
    with caplog.at_level(logging.WARNING, logger="impactportal.virus_scan"):
        error = refusal(pdf(INFECTED_PDF))
    assert error.code == "virus_found"
    assert error.messages == [f"In dit bestand is een virus of ander schadelijk programma gevonden ({FINDING}). Het "
                              "bestand is niet opgeslagen. Controleer uw computer met een virusscanner."]
    assert clamd.streams == [INFECTED_PDF]
    [record] = caplog.records
    assert record.levelno == logging.WARNING and FINDING in record.getMessage()
    assert hashlib.sha256(INFECTED_PDF).hexdigest() in record.getMessage()
    assert EICAR.decode() not in record.getMessage() and "PDF-1.4" not in record.getMessage()


def test_imports_are_scanned_too(clamav):
    csv = SimpleUploadedFile("register.csv", b"kvk;naam\n" + EICAR + b"\n", content_type="text/csv")
    assert refusal(csv, allowed=SPREADSHEET_TYPES).code == "virus_found"
    assert validate_upload(SimpleUploadedFile("register.csv", b"kvk;naam\n1;A\n"), allowed=SPREADSHEET_TYPES)
    assert len(clamav.streams) == 2


def test_a_file_refused_for_its_type_is_not_sent_to_clamd(clamav):
    assert refusal(pdf(b"<html><script>alert(1)</script></html>")).code == "file_type"
    assert clamav.streams == []


@pytest.mark.parametrize("behaviour", ["close", "garbage", "slow"])
def test_clamd_that_fails_to_answer_refuses_the_upload_and_logs_an_error(clamav, settings, caplog, behaviour):
    clamav.behaviour = behaviour
    settings.PORTAL_CLAMAV_TIMEOUT = 0.5
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="impactportal.virus_scan"):
        error = refusal(pdf())
    assert time.monotonic() - started < 2  # the timeout holds
    assert error.code == "virus_scan_unavailable"
    assert error.messages == ["Het bestand kon niet op virussen worden gecontroleerd en is daarom niet opgeslagen. "
                              "Probeer het later opnieuw."]
    assert [r.levelno for r in caplog.records] == [logging.ERROR]


@pytest.mark.parametrize("url", [None, "unix:///tmp/no-such-dir/clamd.ctl", "http://127.0.0.1:3310",
                                 "tcp://127.0.0.1:99999", "tcp://"])
def test_unreachable_or_misconfigured_clamd_fails_closed(clamav_down, settings, caplog, url):
    if url:
        settings.PORTAL_CLAMAV_URL = url
    with caplog.at_level(logging.ERROR, logger="impactportal.virus_scan"):
        assert refusal(pdf()).code == "virus_scan_unavailable"
    assert "could not check" in caplog.records[0].getMessage()


def test_nothing_is_scanned_when_not_configured(clamav, settings):
    settings.PORTAL_CLAMAV_URL = ""
    assert validate_upload(pdf(INFECTED_PDF)) == "application/pdf"
    assert clamav.commands == []


def test_an_upload_validated_twice_in_a_request_is_sent_once(clamav):
    clean, infected = pdf(), pdf(INFECTED_PDF)
    for _ in range(2):
        validate_upload(clean)
        assert refusal(infected).code == "virus_found"
    assert clamav.streams == [PDF, INFECTED_PDF]


@pytest.mark.django_db
def test_a_stored_file_is_not_scanned_again_when_its_row_is_validated(clamav, enterprise_haarlem):
    from enterprises.models import Certification

    cert = Certification(enterprise=enterprise_haarlem, scheme="pso_1", number="PSO-1", issuer="TNO",
                         valid_until="2030-01-01", evidence=pdf())
    cert.full_clean()  # the new upload: scanned
    cert.save()
    cert.refresh_from_db()
    cert.full_clean()  # the stored file, seen again by the model's validator: not sent again
    assert clamav.streams == [PDF]


def test_the_finding_is_shown_as_plain_text():
    assert virus_scan._plain("Win.Test.EICAR_HDB-1") == "Win.Test.EICAR_HDB-1"
    assert virus_scan._plain("<script>x</script>" + "A" * 200) == "scriptx/script" + "A" * 66


# --- /healthz ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_names_the_scanner_only_when_configured(client, clamav, settings):
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json()["checks"] == {"database": "ok", "cache": "ok", "virus_scanner": "ok"}
    assert clamav.commands == [b"zPING"]
    settings.PORTAL_CLAMAV_URL = ""
    assert client.get("/healthz").json()["checks"] == {"database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_healthz_with_the_scanner_on_a_unix_socket(client, clamav_unix):
    assert client.get("/healthz").json()["checks"]["virus_scanner"] == "ok"


@pytest.mark.django_db
@pytest.mark.parametrize("behaviour", ["down", "close", "garbage", "slow"])
def test_healthz_answers_degraded_when_the_scanner_fails(client, clamav, settings, caplog, behaviour):
    """Pages still work (uploads fail closed): 200 "degraded", not a 503 that takes the process
    out of the load balancer or has it restarted."""
    if behaviour == "down":
        clamav.stop()
    else:
        clamav.behaviour = behaviour
    settings.PORTAL_CLAMAV_TIMEOUT = 0.5
    with caplog.at_level(logging.ERROR):
        answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "degraded", "failed": ["virus_scanner"],
                             "checks": {"database": "ok", "cache": "ok", "virus_scanner": "error"}}
    assert "127.0.0.1" not in answer.content.decode()
    assert any(r.name == "impactportal.virus_scan" and r.levelno == logging.ERROR for r in caplog.records)


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_fails_too(client, clamav, settings, monkeypatch):
    from impactportal import health

    clamav.stop()
    settings.PORTAL_CLAMAV_TIMEOUT = 0.5
    monkeypatch.setitem(health.CHECKS, "database", lambda: False)
    answer = client.get("/healthz")
    assert answer.status_code == 503
    assert answer.json()["status"] == "error" and answer.json()["failed"] == ["database", "virus_scanner"]
