"""Private files are served only through permission-checked views, never from MEDIA_URL."""

from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404

from impactportal import uploads

pytestmark = pytest.mark.django_db


class StubFile:
    """Enough of a FieldFile for serve_private_file."""

    def __init__(self, name):
        self.name = name

    def __bool__(self):
        return bool(self.name)

    def open(self, mode="rb"):
        return default_storage.open(self.name, mode)


class StubObject:
    def __init__(self, name):
        self.evidence = StubFile(name)


@pytest.fixture
def stored(settings):
    name = default_storage.save("bewijs/geheim.pdf", ContentFile(b"%PDF-1.4 geheim"))
    return name


@pytest.mark.parametrize("path", ["/media/", "/media/bewijs/geheim.pdf", "/media/../settings.py"])
def test_media_url_is_not_routed(client, stored, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"%PDF" not in response.content


def test_serve_private_file_is_404_without_view_permission(stored, broker_amersfoort):
    with mock.patch.object(uploads.access, "can", return_value=False) as can, pytest.raises(Http404):
        uploads.serve_private_file(broker_amersfoort, StubObject(stored), "evidence")
    can.assert_called_once()
    assert can.call_args.args[:2] == (broker_amersfoort, uploads.access.VIEW)


def test_serve_private_file_streams_for_permitted_user(stored, broker_haarlem):
    with mock.patch.object(uploads.access, "can", return_value=True):
        response = uploads.serve_private_file(broker_haarlem, StubObject(stored), "evidence")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 geheim"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("name", ["", "bewijs/bestaat-niet.pdf"])
def test_serve_private_file_missing_file_is_404(broker_haarlem, name):
    with mock.patch.object(uploads.access, "can", return_value=True), pytest.raises(Http404):
        uploads.serve_private_file(broker_haarlem, StubObject(name), "evidence")


def test_serve_private_file_uses_the_real_access_check(stored, broker_haarlem, broker_amersfoort, haarlem):
    """Against a real model with an access policy: a Haarlem team is not Amersfoort's."""
    from brokers.models import BrokerTeam

    team = BrokerTeam.objects.create(organisation=haarlem, name="Team")
    team.evidence = StubFile(stored)  # the file lives on the object, the policy is the model's
    with pytest.raises(Http404):
        uploads.serve_private_file(broker_amersfoort, team, "evidence")
    assert uploads.serve_private_file(broker_haarlem, team, "evidence").status_code == 200
