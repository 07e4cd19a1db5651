"""Review 13 of the brokers app: the service-level clock at its boundaries, service levels that move
the open cases' deadlines, and budget lines that keep what their spending was booked against."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from brokers.helpdesk import services, sla
from brokers.models import BudgetLine, Case, HelpdeskSettings, Spending
from brokers.workspace import services as workspace_services
from tests import factories as f

pytestmark = pytest.mark.django_db
UTC = dt.UTC


# --- the clock: exactly at the deadline is in time; past it is late, weekend or not ---------------
@pytest.mark.parametrize("start, days", [
    (dt.datetime(2026, 11, 23, 21, 37, 49, tzinfo=UTC), 3),   # a Monday evening (UTC): float sum 3.0000000000000004
    (dt.datetime(2026, 12, 15, 6, 24, 12, tzinfo=UTC), 9),
    (dt.datetime(2026, 7, 14, 17, 39, 44, tzinfo=UTC), 11),
])
def test_exactly_at_the_deadline_is_not_breached(start, days):
    due = sla.deadline(start, days)
    assert not sla.is_breached(start, days, due)
    assert sla.is_breached(start, days, due + dt.timedelta(seconds=1))


def test_a_deadline_at_the_end_of_friday_is_breached_on_saturday():
    start = dt.datetime(2026, 3, 14, 10, 0, tzinfo=sla.AMSTERDAM)  # a Saturday: Monday counts first
    due = sla.deadline(start, 5)
    assert due == dt.datetime(2026, 3, 21, 0, 0, tzinfo=sla.AMSTERDAM)  # end of Friday 20 March
    saturday_noon = dt.datetime(2026, 3, 21, 12, 0, tzinfo=sla.AMSTERDAM)
    # The inbox calls it late (stored deadline < now); the escalation must agree.
    assert sla.is_breached(start, 5, saturday_noon)


def test_escalation_agrees_with_the_inbox_over_the_weekend(case_haarlem, broker_haarlem, haarlem,
                                                          django_capture_on_commit_callbacks):
    HelpdeskSettings.objects.create(organisation=haarlem, first_response_days=5, resolution_days=15)
    start = dt.datetime(2026, 3, 14, 10, 0, tzinfo=sla.AMSTERDAM)  # Saturday; 5 working days: end of Friday
    case_haarlem.submitted_at = start
    services.refresh_deadlines(case_haarlem)
    case_haarlem.save()
    saturday = dt.datetime(2026, 3, 21, 12, 0, tzinfo=sla.AMSTERDAM)  # resolution (15 days) not yet due
    assert Case.objects.overdue(saturday).filter(pk=case_haarlem.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.escalate_breaches(now=saturday) == 1
    case_haarlem.refresh_from_db()
    assert case_haarlem.first_response_escalated and not case_haarlem.resolution_escalated


# --- service levels move the deadlines of open cases ------------------------------------------------
def _age(case, days):
    case.submitted_at = timezone.now() - dt.timedelta(days=days)
    services.refresh_deadlines(case)
    case.save()


def test_tighter_service_levels_move_open_deadlines_and_escalate_now(login, case_haarlem, broker_haarlem, haarlem,
                                                                     django_capture_on_commit_callbacks):
    _age(case_haarlem, 14)  # two weeks old: past 5 working days, within the default 15
    services.case_reply(case=case_haarlem, author=broker_haarlem, body="We kijken ernaar.")
    assert services.escalate_breaches() == 0
    response = login(broker_haarlem).post(reverse("helpdesk:service-levels"), {
        "organisation": haarlem.pk, f"org{haarlem.pk}-first_response_days": "2",
        f"org{haarlem.pk}-resolution_days": "5"})
    assert response.status_code == 302
    case_haarlem.refresh_from_db()
    assert case_haarlem.resolution_due < timezone.now()
    assert case_haarlem.is_overdue
    with django_capture_on_commit_callbacks(execute=True):
        assert services.escalate_breaches() == 1  # the resolution, now, not in a week
    # A closed case keeps its history: no deadline is set on it again.
    closed = Case.objects.get(pk=case_haarlem.pk)
    services.case_set_status(case=closed, status="closed", by=broker_haarlem)
    services.service_levels_save(organisation=haarlem, first_response_days=3, resolution_days=15, by=broker_haarlem)
    closed.refresh_from_db()
    assert closed.resolution_due is None


def test_looser_service_levels_take_cases_off_the_late_list(case_haarlem, broker_haarlem, haarlem,
                                                           broker_amersfoort):
    _age(case_haarlem, 7)  # past 3 working days
    assert case_haarlem.is_overdue
    with pytest.raises(PermissionDenied):  # another municipality's broker
        services.service_levels_save(organisation=haarlem, first_response_days=10, resolution_days=20,
                                     by=broker_amersfoort)
    services.service_levels_save(organisation=haarlem, first_response_days=10, resolution_days=20, by=broker_haarlem)
    case_haarlem.refresh_from_db()
    assert not case_haarlem.is_overdue
    assert not Case.objects.overdue().filter(pk=case_haarlem.pk).exists()
    assert services.escalate_breaches() == 0


def test_first_reaction_cannot_be_due_after_the_solution(login, broker_haarlem, haarlem):
    response = login(broker_haarlem).post(reverse("helpdesk:service-levels"), {
        "organisation": haarlem.pk, f"org{haarlem.pk}-first_response_days": "10",
        f"org{haarlem.pk}-resolution_days": "5"})
    assert response.status_code == 400
    assert "kan niet later vallen dan de oplossing" in response.content.decode()
    assert not HelpdeskSettings.objects.filter(organisation=haarlem).exists()


# --- a budget line keeps what its spending was booked against -----------------------------------
@pytest.fixture
def booked_line(haarlem, broker_haarlem):
    line = f.budget_line(haarlem, 2025, "1000.00")
    workspace_services.spending_record(spending=Spending(
        organisation=haarlem, budget_line=line, date=dt.date(2025, 3, 1), description="Zaalhuur",
        amount=Decimal("600")), by=broker_haarlem)
    return line


def _post_line(client, line, **changes):
    data = {"organisation": line.organisation_id, "programme": "", "year": line.year, "kind": line.kind,
            "description": line.description, "amount": str(line.amount), **changes}
    return client.post(reverse("brokers:budget-update", args=[line.pk]), data)


def test_a_booked_line_keeps_its_year_and_organisation_and_covers_its_spending(login, booked_line, amersfoort):
    from django.contrib.auth import get_user_model

    client = login(get_user_model().objects.create_superuser("beheer", "beheer@example.org", "x"))  # both municipalities
    for changes, field in (({"year": 2026}, "year"), ({"organisation": amersfoort.pk}, "organisation"),
                           ({"amount": "500.00"}, "amount")):
        response = _post_line(client, booked_line, **changes)
        assert response.status_code == 200, changes  # the form again, with the error at the field
        assert field in response.context["form"].errors, response.context["form"].errors
    line = BudgetLine.objects.get(pk=booked_line.pk)
    assert (line.year, line.organisation_id, line.amount) == (2025, booked_line.organisation_id, Decimal("1000.00"))
    # What may change still does: a description, an amount that still covers the spending.
    assert _post_line(client, booked_line, description="Zaalhuur en catering", amount="600.00").status_code == 302
    assert BudgetLine.objects.get(pk=booked_line.pk).amount == Decimal("600.00")


def test_the_api_refuses_moving_a_booked_line_too(api, broker_haarlem, booked_line):
    response = api(broker_haarlem).patch(f"/api/v1/budget-lines/{booked_line.pk}/", {"year": 2026}, format="json")
    assert response.status_code == 400 and "year" in response.json()
    assert BudgetLine.objects.get(pk=booked_line.pk).year == 2025


def test_an_overspent_line_stays_editable(login, broker_haarlem, booked_line, haarlem):
    workspace_services.spending_record(spending=Spending(
        organisation=haarlem, budget_line=booked_line, date=dt.date(2025, 4, 1), description="Extra",
        amount=Decimal("700"), overspend_decision="Besluit college 12 april"), by=broker_haarlem)
    response = _post_line(login(broker_haarlem), booked_line, description="Bijeenkomsten")
    assert response.status_code == 302
    assert BudgetLine.objects.get(pk=booked_line.pk).description == "Bijeenkomsten"


# --- the escalation decides on the locked, current row ---------------------------------------------
def test_escalation_rechecks_the_case_it_read_before(case_haarlem, broker_haarlem, monkeypatch):
    """Between reading the late cases and escalating one, another run escalated it and the broker
    replied: nothing is escalated (twice, or for a question just answered)."""
    _age(case_haarlem, 40)
    real, done = HelpdeskSettings.for_organisation, []

    def meanwhile(organisation):
        if not done:
            done.append(True)
            Case.objects.filter(pk=case_haarlem.pk).update(resolution_escalated=True)
            services.case_reply(case=case_haarlem, author=broker_haarlem, body="Net beantwoord.")
        return real(organisation)

    monkeypatch.setattr(HelpdeskSettings, "for_organisation", meanwhile)
    assert services.escalate_breaches() == 0
    case_haarlem.refresh_from_db()
    assert not case_haarlem.first_response_escalated


# --- the API names a person without a name in the request's language ------------------------------
def test_api_names_a_nameless_person_in_english(api, case_haarlem, ondernemer_1):
    ondernemer_1.first_name = ondernemer_1.last_name = ""
    ondernemer_1.save()
    client = api(ondernemer_1)
    english = client.get(f"/api/v1/helpdesk/cases/{case_haarlem.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["submitter"] == f"user {ondernemer_1.pk}"
    dutch = client.get(f"/api/v1/helpdesk/cases/{case_haarlem.pk}/", HTTP_ACCEPT_LANGUAGE="nl").json()
    assert dutch["submitter"] == f"gebruiker {ondernemer_1.pk}"


# --- an entrepreneur who signed up in English hears from the portal in English ---------------------
def test_signing_up_on_an_english_page_makes_english_the_mail_language(client, haarlem,
                                                                      django_capture_on_commit_callbacks):
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from impactportal.notifications import mail_language, notify

    form = {"first_name": "Fatima", "last_name": "Ondernemer", "email": "fatima@example.org",
            "password1": "een-lang-wachtwoord-42", "password2": "een-lang-wachtwoord-42", "kvk_number": ""}
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("helpdesk:signup"), form).status_code == 302
    user = get_user_model().objects.get(email="fatima@example.org")
    assert mail_language(user) == "en"
    user.is_active = True
    user.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=user, message=lambda: (gettext("Uw vraag heeft een nieuwe status: %(status)s")
                                                % {"status": "—"}, "—"))
    assert mail.outbox[-1].subject == "Your question has a new status: —"
    # A Dutch page keeps the portal's default (no language chosen).
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("helpdesk:signup"), {**form, "email": "piet@example.org"})
    assert get_user_model().objects.get(email="piet@example.org").language == ""


# --- a municipality without a coordinator still hears of a breach --------------------------------
def test_without_a_coordinator_the_brokers_hear_of_a_breach(case_amersfoort, broker_amersfoort,
                                                           django_capture_on_commit_callbacks):
    from impactportal.models import Notification

    assert not broker_amersfoort.memberships.filter(is_coordinator=True).exists()
    _age(case_amersfoort, 40)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.escalate_breaches() == 2
    assert Notification.objects.filter(recipient=broker_amersfoort, dedupe_key__startswith="helpdesk:sla:").count() == 2


# --- assigning again to the same person changes nothing and tells nobody twice ---------------------
def test_assigning_again_is_no_second_notice(case_haarlem, broker_haarlem, haarlem,
                                             django_capture_on_commit_callbacks):
    from impactportal.models import Notification

    colleague = f.broker(haarlem, "tweede-makelaar")
    for _attempt in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.case_assign(case=case_haarlem, assignee=colleague, by=broker_haarlem)
    assert Notification.objects.filter(recipient=colleague).count() == 1
    case_haarlem.refresh_from_db()
    assert case_haarlem.assigned_to == colleague and case_haarlem.status == "in_progress"


# --- the API shows the entrepreneur what their own case page shows -------------------------------
def test_the_api_keeps_the_teams_handling_from_the_entrepreneur(api, case_haarlem, ondernemer_1, broker_haarlem,
                                                                django_assert_max_num_queries):
    """Priority, handler, referral, resolution target and "overdue" are the team's business: the
    entrepreneur's case page shows none of them, the API showed them all."""
    from brokers.constants import CasePriority
    from brokers.helpdesk.api import CaseSerializer

    case_haarlem.priority, case_haarlem.assigned_to = CasePriority.HIGH, broker_haarlem
    case_haarlem.save()
    staff = api(broker_haarlem).get(f"/api/v1/helpdesk/cases/{case_haarlem.pk}/").json()
    assert staff["priority"] == CasePriority.HIGH and staff["assigned_to"] is not None
    assert staff["resolution_due"] is not None and staff["is_overdue"] is False

    own = api(ondernemer_1).get(f"/api/v1/helpdesk/cases/{case_haarlem.pk}/").json()
    assert {name: own[name] for name in CaseSerializer.STAFF_ONLY} == dict.fromkeys(CaseSerializer.STAFF_ONLY)
    assert own["subject"] == case_haarlem.subject and own["status"] == staff["status"]
    listed = api(ondernemer_1).get("/api/v1/helpdesk/cases/").json()["results"]
    assert [row["priority"] for row in listed] == [None]


def test_service_levels_changed_in_the_django_admin_move_open_deadlines_too(admin_client, case_haarlem, haarlem,
                                                                             broker_haarlem):
    from brokers.models import HelpdeskSettings

    _age(case_haarlem, 14)  # two weeks old, answered: within the 15 working days to solve it
    services.case_reply(case=case_haarlem, author=broker_haarlem, body="We kijken ernaar.")
    levels = HelpdeskSettings.objects.create(organisation=haarlem, first_response_days=3, resolution_days=15)
    assert not Case.objects.get(pk=case_haarlem.pk).is_overdue
    response = admin_client.post(reverse("admin:brokers_helpdesksettings_change", args=[levels.pk]), {
        "organisation": haarlem.pk, "first_response_days": "2", "resolution_days": "5"})
    assert response.status_code == 302
    case_haarlem.refresh_from_db()
    assert case_haarlem.resolution_due < timezone.now() and case_haarlem.is_overdue


def test_a_colleague_cannot_unassign_by_setting_a_case_back_to_new(case_haarlem, broker_haarlem, inkoper_haarlem):
    """Assigning is the broker's: the colleague of the department a case was referred to gets 403
    on assign, and unassigned it all the same by setting it back to "Nieuw"."""
    services.case_assign(case=case_haarlem, assignee=broker_haarlem, by=broker_haarlem)
    services.case_refer(case=case_haarlem, department="inkoop", by=broker_haarlem)
    with pytest.raises(PermissionDenied):
        services.case_set_status(case=case_haarlem, status="new", by=inkoper_haarlem)
    case_haarlem.refresh_from_db()
    assert case_haarlem.assigned_to == broker_haarlem and case_haarlem.status != "new"
    services.case_set_status(case=case_haarlem, status="waiting", by=inkoper_haarlem)  # other statuses still may
    services.case_set_status(case=case_haarlem, status="new", by=broker_haarlem)
    case_haarlem.refresh_from_db()
    assert case_haarlem.assigned_to is None and case_haarlem.status == "new"
