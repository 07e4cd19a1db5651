"""An edit form sent after someone else changed what it shows is not saved over that change
(``impactportal.ui.versions``, ``generic.ScopedUpdateView``): a broker sending the old form of a
follow-up action put back the old status a colleague had just set and cleared its completion date."""

import datetime as dt
import re

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from brokers.constants import ActionStatus
from brokers.models import Action, ActionLine, ActionProgramme
from enterprises import services as enterprise_services
from enterprises.models import Enterprise
from impactportal.ui.versions import stale_message
from tests.enterprises.test_material_change import form_data as enterprise_data

pytestmark = pytest.mark.django_db

STALE = "Iemand anders heeft dit intussen gewijzigd."
FRAGMENT = settings.BASE_DIR / "locale/en/extra/review13_stale.po"


@pytest.fixture
def action(haarlem):
    year = timezone.localdate().year
    programme = ActionProgramme.objects.create(organisation=haarlem, title="Actieprogramma", first_year=year - 1,
                                               last_year=year + 1)
    line = ActionLine.objects.create(programme=programme, number=1, title="Netwerk")
    return Action.objects.create(line=line, title="Netwerkavond", due_date=timezone.localdate() + dt.timedelta(days=10))


def action_data(action, **changes):
    return {"line": action.line_id, "title": action.title, "due_date": action.due_date.isoformat(),
            "status": action.status, **changes}


def version_on(response) -> str:
    found = re.findall(r'name="_version" value="([0-9a-f]+)"', response.content.decode())
    assert len(found) == 1, found
    return found[0]


def test_a_stale_action_form_is_refused_and_shows_the_new_version(login, broker_haarlem, action):
    client = login(broker_haarlem)
    url = reverse("brokers:action-update", args=[action.pk])
    loaded = action_data(action, title="Netwerkavond (verplaatst)")
    loaded["_version"] = version_on(client.get(url))
    # A colleague marks it done meanwhile.
    done_on = timezone.localdate()
    Action.objects.filter(pk=action.pk).update(status=ActionStatus.DONE, completed_on=done_on)

    response = client.post(url, loaded)
    assert response.status_code == 409
    page = response.content.decode()
    assert STALE in page and "Controleer uw invoer" in page  # in the error summary, the title says so
    action.refresh_from_db()
    assert (action.title, action.status, action.completed_on) == ("Netwerkavond", ActionStatus.DONE, done_on)
    form = response.context["form"]
    assert (form["status"].value(), form["title"].value()) == (ActionStatus.DONE, "Netwerkavond")  # the new values
    # The page carries the new version: the change entered again is saved.
    again = client.post(url, action_data(action, title="Netwerkavond (verplaatst)", _version=version_on(response)))
    assert again.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.status, action.completed_on) == ("Netwerkavond (verplaatst)", ActionStatus.DONE,
                                                                  done_on)


def test_a_fresh_form_is_saved_and_a_form_in_error_keeps_its_version(login, broker_haarlem, action):
    client = login(broker_haarlem)
    url = reverse("brokers:action-update", args=[action.pk])
    loaded = version_on(client.get(url))
    in_error = client.post(url, action_data(action, title="", _version=loaded))
    assert in_error.status_code in (200, 400) and version_on(in_error) == loaded
    response = client.post(url, action_data(action, status=ActionStatus.IN_PROGRESS, _version=loaded))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS


def test_a_form_without_a_version_is_saved_as_before(login, broker_haarlem, action):
    Action.objects.filter(pk=action.pk).update(status=ActionStatus.DONE)
    response = login(broker_haarlem).post(reverse("brokers:action-update", args=[action.pk]), action_data(action))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.PLANNED


def test_a_version_does_not_open_a_row_outside_the_scope(login, broker_amersfoort, action):
    response = login(broker_amersfoort).post(reverse("brokers:action-update", args=[action.pk]),
                                             action_data(action, title="Overgenomen", _version="0" * 20))
    assert response.status_code == 404
    action.refresh_from_db()
    assert action.title == "Netwerkavond"


def test_a_stale_enterprise_form_is_refused_before_its_services_run(login, ondernemer_1, enterprise_haarlem,
                                                                    monkeypatch):
    client = login(ondernemer_1)
    url = reverse("enterprises:enterprise-update", args=[enterprise_haarlem.pk])
    loaded = enterprise_data(enterprise_haarlem, description="Onze nieuwe beschrijving")
    loaded["_version"] = version_on(client.get(url))
    Enterprise.objects.filter(pk=enterprise_haarlem.pk).update(headcount=12)  # a colleague's change

    def not_called(**kwargs):
        raise AssertionError("the service ran for a stale form")

    monkeypatch.setattr(enterprise_services, "enterprise_changed", not_called)
    assert client.post(url, loaded).status_code == 409
    enterprise_haarlem.refresh_from_db()
    assert enterprise_haarlem.headcount == 12 and enterprise_haarlem.description != "Onze nieuwe beschrijving"


def test_the_message_in_english(tmp_path, settings):
    """This review's English ahead of the compiled catalogue (``make messages`` fills it in)."""
    (tmp_path / "en/LC_MESSAGES").mkdir(parents=True)
    polib.pofile(str(FRAGMENT)).save_as_mofile(str(tmp_path / "en/LC_MESSAGES/django.mo"))
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    with override("en"):
        assert stale_message().startswith("Someone else has changed this in the meantime.")
