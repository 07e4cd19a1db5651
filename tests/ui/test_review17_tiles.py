"""A dashboard tile opens exactly the list it counts, also for a broker of two municipalities or a
broker who is a colleague elsewhere: the tiles count the organisations where the user is a broker,
and their links say so (``?mine=true``, named in the filter panel with a link that drops it)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from enterprises.constants import AdmissionStatus
from impactportal.accounts.constants import Role
from impactportal.accounts.models import Membership
from tests import factories as f
from tests.brokers.test_dashboard_tiles import _tiles

pytestmark = pytest.mark.django_db


def test_the_admission_tile_of_a_broker_of_two_municipalities_opens_what_it_counts(login, haarlem, amersfoort,
                                                                                     settings):
    settings.DASHBOARD_CACHE_SECONDS = 0
    broker = f.broker(haarlem, "makelaar-twee")
    Membership.objects.create(user=broker, role=Role.BROKER, organisation=amersfoort)
    zandvoort = f.OrganisationFactory(name="Gemeente Zandvoort", slug="zandvoort")
    f.EnterpriseFactory(municipality=haarlem, admission_status=AdmissionStatus.APPLIED)
    f.EnterpriseFactory(municipality=amersfoort, admission_status=AdmissionStatus.UNDER_REVIEW)
    for _ in range(3):
        f.EnterpriseFactory(municipality=zandvoort, admission_status=AdmissionStatus.APPLIED)
    client = login(broker)
    figure, href = _tiles(client.get(reverse("dashboard")).content.decode())["awaiting-admission"]
    page = client.get(href)
    assert page.context["table"].paginator.count == int(figure) == 2
    html = page.content.decode()
    assert "Gemeente Amersfoort, Gemeente Haarlem" in html  # the panel names the filter, with a way out
    assert page.context["filter"].form.fields["mine"].widget.input_type == "hidden"


def test_the_open_actions_tile_of_a_broker_who_is_a_colleague_elsewhere_opens_what_it_counts(
        login, broker_haarlem, haarlem, amersfoort, settings):
    settings.DASHBOARD_CACHE_SECONDS = 0
    Membership.objects.create(user=broker_haarlem, role=Role.COLLEAGUE, organisation=amersfoort, department="inkoop")
    due = timezone.localdate() + dt.timedelta(days=30)
    f.agenda_action(haarlem, title="Inloopspreekuur", due_date=due)
    f.agenda_action(amersfoort, title="Inkoopdag", due_date=due)
    client = login(broker_haarlem)
    figure, href = _tiles(client.get(reverse("dashboard")).content.decode())["open-actions"]
    assert client.get(href).context["table"].paginator.count == int(figure) == 1
    assert client.get(reverse("brokers:action-list"), {"status": "open"}).context["table"].paginator.count == 2
