"""Notifications are personal, for administrators too: the admin's list showed an
entrepreneur's notifications and "mark all as read" marked them read."""

import pytest
from django.urls import reverse

from impactportal.models import Notification
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_an_administrator_sees_and_marks_only_their_own(login, ondernemer_1):
    admin = f.UserFactory(username="beheerder", is_superuser=True, is_staff=True)
    theirs = Notification.objects.create(recipient=ondernemer_1, subject="Er is een pand voor uw ruimtevraag")
    own = Notification.objects.create(recipient=admin, subject="Import klaar")
    client = login(admin)
    page = client.get(reverse("notifications")).content.decode()
    assert "Import klaar" in page and "Er is een pand voor uw ruimtevraag" not in page
    client.post(reverse("notifications-read"))
    theirs.refresh_from_db()
    own.refresh_from_db()
    assert own.read_at is not None and theirs.read_at is None
