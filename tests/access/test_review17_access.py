"""Access that ended stays ended: a job's file is downloaded only while its requester still holds
what they held when it started, and a functional administrator does not change their own role or
department."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from brokers.models import Spending
from impactportal.accounts import services
from impactportal.accounts.constants import Role
from impactportal.accounts.models import Membership
from impactportal.models import Job
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def export_job(login, broker_haarlem, haarlem, monkeypatch, django_capture_on_commit_callbacks):
    import impactportal.exports as exports

    monkeypatch.setattr(exports, "SYNC_EXPORT_LIMIT", 0)  # every export a job
    Spending.objects.create(organisation=haarlem, description="Huur ontmoetingsruimte", amount=Decimal("123.00"))
    client = login(broker_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("brokers:spending-list"), {"_export": "csv"})
    job = Job.objects.get()
    assert job.file and job.held
    return client, job


def _download(client, job):
    return client.get(reverse("job-detail", args=[job.pk]), {"download": "1"})


def test_a_job_file_is_downloaded_while_its_requester_holds_what_they_held(export_job, broker_haarlem, amersfoort):
    client, job = export_job
    assert _download(client, job).status_code == 200
    Membership.objects.create(user=broker_haarlem, role=Role.BROKER, organisation=amersfoort)  # gaining is fine
    assert _download(client, job).status_code == 200


@pytest.mark.parametrize("change", ["ended", "colleague"])
def test_an_ended_or_changed_membership_closes_the_file(export_job, broker_haarlem, haarlem, change):
    client, job = export_job
    own = Membership.objects.filter(user=broker_haarlem, organisation=haarlem)
    if change == "ended":
        own.delete()
    else:
        own.update(role=Role.COLLEAGUE, department="inkoop")
    assert client.get(reverse("brokers:spending-list")).status_code == 403
    assert _download(client, job).status_code == 403


def test_an_administrator_does_not_change_their_own_role(login, inkoper_haarlem, broker_haarlem, haarlem):
    own = Membership.objects.get(user=inkoper_haarlem, organisation=haarlem)
    Membership.objects.filter(pk=own.pk).update(is_admin=True)
    f.budget_line(haarlem)
    client = login(inkoper_haarlem)
    response = client.post(reverse("staff:member-update", args=[own.pk]),
                           {"role": "broker", "department": "", "is_admin": "on"})
    assert response.status_code == 400
    assert Membership.objects.get(pk=own.pk).role == Role.COLLEAGUE
    assert client.get(reverse("brokers:budget-list")).status_code == 403
    with pytest.raises(ValidationError):
        services.member_change(membership=own, by=inkoper_haarlem, role=Role.COLLEAGUE, department="vastgoed",
                               is_admin=True)
    # Another administrator does it.
    Membership.objects.filter(user=broker_haarlem, organisation=haarlem).update(is_admin=True)
    services.member_change(membership=own, by=broker_haarlem, role=Role.BROKER, is_admin=True)
    assert Membership.objects.get(pk=own.pk).role == Role.BROKER


def test_a_parent_seen_but_not_changeable_answers_403_in_the_api(api, inkoper_haarlem, broker_amersfoort, haarlem):
    from brokers.models import Action, Mandate

    team = f.broker_team(haarlem)
    action = f.agenda_action(haarlem, title="Inloopspreekuur starten")
    client = api(inkoper_haarlem)  # a colleague of Haarlem reads the team and the action line, changes neither
    assert client.get(f"/api/v1/broker-teams/{team.pk}/").status_code == 200
    mandate = {"team": team.pk, "granted_by": "College van B&W", "scope": "Inkoop", "valid_from": "2026-01-01"}
    assert client.post("/api/v1/mandates/", mandate, format="json").status_code == 403
    assert client.post("/api/v1/brokers/actions/", {"line": action.line_id, "title": "Nog een"},
                       format="json").status_code == 403
    assert not Mandate.objects.exists() and Action.objects.count() == 1
    # Outside the view scope, or no such row: a field error that names nothing.
    outsider = api(broker_amersfoort).post("/api/v1/mandates/", mandate, format="json")
    assert outsider.status_code == 400 and "team" in outsider.json()
    assert client.post("/api/v1/mandates/", {**mandate, "team": 999999}, format="json").status_code == 400
    assert client.post("/api/v1/mandates/", {**mandate, "team": "abc"}, format="json").status_code == 400
