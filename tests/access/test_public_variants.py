"""Public and private variants of the same object (issue 15 item 2): a verified certificate of a
published, admitted enterprise is visible to everyone, but only its scheme, number, validity and
status; its evidence, notes and audit history stay with the enterprise's people and staff. The
per-actor statuses are in routes.py (``cert_public``); this file checks what the pages and the API
show, and the enterprise's own entrepreneur (not one of the matrix actors)."""

import pytest
from django.urls import reverse

from tests import factories as f

from .conftest import world  # noqa: F401
from .routes import (
    ACTORS,
    ANON,
    BROKER_AMERSFOORT,
    BROKER_HAARLEM,
    INKOPER_HAARLEM,
    PARTNER_HAARLEM,
    SIGNED_IN,
    STUURGROEP,
)
from .test_matrix import client_for

pytestmark = pytest.mark.django_db

NOTE = "Interne toelichting etalagecertificaat"
# Who sees the audit history on the certificate page: the enterprise's entrepreneurs, brokers and
# colleagues (and the superuser); not unrelated entrepreneurs or steering members.
SEES_HISTORY = {BROKER_HAARLEM, BROKER_AMERSFOORT, INKOPER_HAARLEM, PARTNER_HAARLEM, "admin"}  # the register's readers
SEES_DETAILS = {BROKER_HAARLEM, "admin"}  # notes and the evidence link


@pytest.fixture
def own_entrepreneur(world):  # noqa: F811
    return f.entrepreneur(world["enterprise_published"], "ondernemer-etalage")


def test_public_certificate_api_hides_notes_and_evidence(world):  # noqa: F811
    url = reverse("certification-detail", args=[world["cert_public"].pk])
    for actor in ACTORS:
        response = client_for(world, actor).get(url)
        assert response.status_code == 200, actor
        data = response.json()
        assert data["scheme"] == "pso_30" and data["number"] == "PSO30-etalage" and data["valid_until"] == "2030-01-01"
        assert "status" in data
        if actor in SEES_DETAILS:
            continue
        assert not data.get("notes"), f"{actor} sees the notes of a public certificate"
        assert not data.get("evidence_url"), f"{actor} sees the evidence link of a public certificate"


def test_public_certificate_page_shows_only_the_public_facts(world):  # noqa: F811
    cert = world["cert_public"]
    url = reverse("enterprises:certification-detail", args=[cert.pk])
    evidence = reverse("enterprises:certification-evidence", args=[cert.pk])
    for actor in SIGNED_IN:
        response = client_for(world, actor).get(url)
        assert response.status_code == 200, actor
        html = response.content.decode()
        assert "PSO30-etalage" in html
        assert (NOTE in html) is (actor in SEES_DETAILS), actor
        assert (evidence in html) is (actor in SEES_DETAILS), actor
        assert ('id="history-heading"' in html) is (actor in SEES_HISTORY), actor


def test_own_entrepreneur_gets_everything_of_the_public_certificate(world, own_entrepreneur):  # noqa: F811
    from rest_framework.test import APIClient

    cert = world["cert_public"]
    client = APIClient()
    client.force_login(own_entrepreneur)
    assert client.get(reverse("enterprises:certification-evidence", args=[cert.pk])).status_code == 200
    html = client.get(reverse("enterprises:certification-detail", args=[cert.pk])).content.decode()
    assert NOTE in html and 'id="history-heading"' in html
    data = client.get(reverse("certification-detail", args=[cert.pk])).json()
    assert data["notes"] == NOTE and data["evidence_url"]


def test_evidence_of_the_public_certificate_for_anonymous_is_the_login_page(world):  # noqa: F811
    response = client_for(world, ANON).get(reverse("enterprises:certification-evidence",
                                                   args=[world["cert_public"].pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_steering_member_sees_no_evidence_of_any_certificate(world):  # noqa: F811
    client = client_for(world, STUURGROEP)
    for key in ("cert_public", "cert_haarlem"):
        assert client.get(reverse("enterprises:certification-evidence", args=[world[key].pk])).status_code in (403, 404)
