"""Helpdesk screens: filing a question with suggestions, attachments, the inbox, privacy."""

import re

import pytest
from django.urls import reverse

from brokers.helpdesk import services
from brokers.models import Case, CaseAttachment, SelfServiceOutcome
from tests.brokers.conftest import PDF, PNG, pdf, upload

pytestmark = pytest.mark.django_db


def _question(organisation="", enterprise="", **extra):
    data = {"category": "financing", "subject": "Lening voor een nieuwe machine", "description": "Wij zoeken geld.",
            "organisation": organisation, "enterprise": enterprise}
    data.update(extra)
    return data


def test_new_question_shows_suggestions_for_the_category(login, ondernemer_1, instruments):
    client = login(ondernemer_1)
    page = client.get(reverse("helpdesk:case-new"))
    assert page.status_code == 200
    assert 'hx-get="/mijn-vragen/suggesties/"' in page.content.decode()
    partial = client.get(reverse("helpdesk:suggestions"), {"category": "financing"}, HTTP_HX_REQUEST="true")
    content = partial.content.decode()
    assert "Finance Tool" in content and "Meetinstrumenten" not in content
    assert "Dit helpt me, ik hoef geen vraag te stellen" in content
    assert "Meetinstrumenten" in client.get(reverse("helpdesk:suggestions"), {"category": "impact"}).content.decode()
    assert client.get(reverse("helpdesk:suggestions"), {"category": "<script>"}).content.strip() == b""


def test_suggestion_that_helps_is_recorded_and_no_case_is_filed(login, ondernemer_1, instruments, haarlem):
    client = login(ondernemer_1)
    response = client.post(reverse("helpdesk:suggestion-helped"), {"category": "financing",
                                                                   "organisation": haarlem.pk})
    assert response.status_code == 302
    outcome = SelfServiceOutcome.objects.get()
    assert outcome.solved and outcome.category == "financing" and outcome.organisation == haarlem
    assert not Case.objects.exists()


def test_file_question_with_attachment_and_download_is_permission_checked(
    login, client, ondernemer_1, ondernemer_2, broker_haarlem, broker_amersfoort, enterprise_haarlem, instruments
):
    owner = login(ondernemer_1)
    response = owner.post(reverse("helpdesk:case-new"),
                          _question(enterprise=enterprise_haarlem.pk, attachment=pdf()))
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == reverse("helpdesk:my-case", args=[case.pk])
    assert case.organisation == enterprise_haarlem.municipality  # derived from the enterprise
    assert case.suggestions_shown
    attachment = CaseAttachment.objects.get()
    url = reverse("helpdesk:attachment", args=[attachment.pk])
    download = owner.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["Cache-Control"] == "private, no-store"
    assert login(broker_haarlem).get(url).status_code == 200
    assert login(ondernemer_2).get(url).status_code == 404
    assert login(broker_amersfoort).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    assert "/media/" not in owner.get(reverse("helpdesk:my-case", args=[case.pk])).content.decode()


@pytest.mark.parametrize("attachment, message", [
    (lambda: upload("notitie.txt", b"gewoon tekst", "text/plain"), "bestandstype"),
    (lambda: pdf(content=PDF + b"0" * (5 * 1024 * 1024)), "te groot"),
    (lambda: upload("x.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"), "geen PDF-bestand"),
    (lambda: pdf(content=b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF"),
     "actieve inhoud"),
    (lambda: upload("foto.pdf", PNG, "application/pdf"), "past niet"),
])
def test_bad_attachments_are_refused_with_a_field_error(login, ondernemer_1, enterprise_haarlem, attachment, message):
    response = login(ondernemer_1).post(reverse("helpdesk:case-new"),
                                        _question(enterprise=enterprise_haarlem.pk, attachment=attachment()))
    assert response.status_code == 400
    content = response.content.decode()
    assert 'href="#id_attachment"' in content and message in content
    assert not Case.objects.exists() and not CaseAttachment.objects.exists()


def test_bad_question_input_gives_field_errors(login, ondernemer_1):
    response = login(ondernemer_1).post(reverse("helpdesk:case-new"), {"category": "bogus", "subject": ""})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Controleer het formulier" in content
    for field in ("category", "subject", "description", "organisation"):
        assert f'href="#id_{field}"' in content
    assert not Case.objects.exists()


def test_question_without_enterprise_goes_to_the_chosen_municipality(login, ondernemer_1, amersfoort,
                                                                     broker_amersfoort):
    client = login(ondernemer_1)
    client.post(reverse("helpdesk:case-new"), _question(organisation=amersfoort.pk))
    assert Case.objects.get().organisation == amersfoort


def test_staff_case_page_answers_and_thread(login, case_haarlem, broker_haarlem, ondernemer_1):
    client = login(broker_haarlem)
    url = reverse("helpdesk:case-detail", args=[case_haarlem.pk])
    client.post(reverse("helpdesk:case-reply", args=[case_haarlem.pk]), {"body": "Alleen voor ons",
                                                                        "is_internal": "on"})
    client.post(reverse("helpdesk:case-reply", args=[case_haarlem.pk]), {"body": "Beste ondernemer"})
    client.post(reverse("helpdesk:case-assign", args=[case_haarlem.pk]), {"assignee": broker_haarlem.pk})
    page = client.get(url).content.decode()
    assert "Alleen voor ons" in page and "Interne notitie" in page and "Beste ondernemer" in page
    assert "Geschiedenis" in page
    bad = client.post(reverse("helpdesk:case-reply", args=[case_haarlem.pk]), {"body": ""})
    assert bad.status_code == 400 and 'href="#id_body"' in bad.content.decode()
    bad = client.post(reverse("helpdesk:case-status", args=[case_haarlem.pk]), {"status": "bogus"})
    assert bad.status_code == 400
    own = login(ondernemer_1).get(reverse("helpdesk:my-case", args=[case_haarlem.pk])).content.decode()
    assert "Beste ondernemer" in own and "Alleen voor ons" not in own


def test_entrepreneur_rates_and_reopens_through_the_page(login, case_haarlem, broker_haarlem, ondernemer_1):
    client = login(ondernemer_1)
    url = reverse("helpdesk:my-case", args=[case_haarlem.pk])
    assert "rating-form" not in client.get(url).content.decode()
    refused = client.post(reverse("helpdesk:my-case-rate", args=[case_haarlem.pk]), {"rating": "5"})
    assert refused.status_code == 400
    services.case_set_status(case=case_haarlem, status="resolved", by=broker_haarlem)
    assert "rating-form" in client.get(url).content.decode()
    assert client.post(reverse("helpdesk:my-case-rate", args=[case_haarlem.pk]), {"rating": "7"}).status_code == 400
    assert client.post(reverse("helpdesk:my-case-rate", args=[case_haarlem.pk]), {"rating": "4"}).status_code == 302
    case_haarlem.refresh_from_db()
    assert case_haarlem.rating == 4
    # Adjusting shows the rating given: five empty options hid it before.
    client.post(reverse("helpdesk:my-case-rate", args=[case_haarlem.pk]), {"rating": "4", "comment": "Goed geholpen"})
    form = client.get(url).context["rating_form"]
    assert form["rating"].value() == 4 and form["comment"].value() == "Goed geholpen"
    assert re.search(r'<input type="radio" name="rating" value="4"[^>]* checked', str(form["rating"]))
    response = client.post(reverse("helpdesk:my-case-reopen", args=[case_haarlem.pk]), {"reason": "Nog een vraag"})
    assert response.status_code == 302
    case_haarlem.refresh_from_db()
    assert case_haarlem.status in ("new", "in_progress")


def test_pages_and_api_never_show_another_partys_email(login, api, case_haarlem, broker_haarlem, ondernemer_1,
                                                       inkoper_haarlem):
    services.case_assign(case=case_haarlem, assignee=broker_haarlem, by=broker_haarlem)
    services.case_reply(case=case_haarlem, author=broker_haarlem, body="Antwoord")
    services.case_reply(case=case_haarlem, author=ondernemer_1, body="Reactie")
    services.case_refer(case=case_haarlem, department="inkoop", by=broker_haarlem)
    staff_pages = [reverse("helpdesk:case-detail", args=[case_haarlem.pk]), reverse("helpdesk:inbox")]
    for user in (broker_haarlem, inkoper_haarlem):
        client = login(user)
        for url in staff_pages:
            assert ondernemer_1.email not in client.get(url).content.decode()
        assert ondernemer_1.email not in api(user).get(f"/api/v1/helpdesk/cases/{case_haarlem.pk}/").content.decode()
        assert ondernemer_1.email not in api(user).get(
            f"/api/v1/helpdesk/cases/{case_haarlem.pk}/messages/").content.decode()
    client = login(ondernemer_1)
    for url in (reverse("helpdesk:my-case", args=[case_haarlem.pk]), reverse("helpdesk:my-cases")):
        content = client.get(url).content.decode()
        assert broker_haarlem.email not in content and inkoper_haarlem.email not in content
    for url in (f"/api/v1/helpdesk/cases/{case_haarlem.pk}/", f"/api/v1/helpdesk/cases/{case_haarlem.pk}/messages/"):
        assert broker_haarlem.email not in api(ondernemer_1).get(url).content.decode()


def test_inbox_filters_and_bulk_assign(login, make_case, ondernemer_1, enterprise_haarlem, broker_haarlem):
    first = make_case(ondernemer_1, enterprise_haarlem, subject="Eerste vraag", category="financing")
    second = make_case(ondernemer_1, enterprise_haarlem, subject="Tweede vraag", category="procurement")
    client = login(broker_haarlem)
    assert "Tweede vraag" not in client.get(reverse("helpdesk:inbox"), {"category": "financing"}).content.decode()
    response = client.post(reverse("helpdesk:bulk-assign"), {"cases": [first.pk, second.pk],
                                                            "assignee": broker_haarlem.pk})
    assert response.status_code == 302
    assert set(Case.objects.values_list("assigned_to", flat=True)) == {broker_haarlem.pk}
    mine = client.get(reverse("helpdesk:inbox"), {"assignee": "me"}).content.decode()
    assert "Eerste vraag" in mine and "Tweede vraag" in mine
    assert "Eerste vraag" not in client.get(reverse("helpdesk:inbox"), {"assignee": "none"}).content.decode()
    assert "Eerste vraag" not in client.get(reverse("helpdesk:inbox"), {"overdue": "true"}).content.decode()
    partial = client.get(reverse("helpdesk:inbox"), {"status": "in_progress"}, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and b"<html" not in partial.content
    csv = client.get(reverse("helpdesk:inbox") + "?_export=csv")
    assert csv.status_code == 200 and "Eerste vraag" in csv.content.decode()


def test_dashboard_shows_open_case_counts(login, case_haarlem, broker_haarlem):
    content = login(broker_haarlem).get(reverse("dashboard")).content.decode()
    assert 'data-figure="open-cases"' in content


def test_inbox_and_api_list_run_constant_queries(login, api, make_case, ondernemer_1, enterprise_haarlem,
                                                 broker_haarlem, django_assert_max_num_queries):
    for i in range(30):
        case = make_case(ondernemer_1, enterprise_haarlem, subject=f"Vraag {i}")
        if i % 2:
            services.case_assign(case=case, assignee=broker_haarlem, by=broker_haarlem)
    client = login(broker_haarlem)
    client.get(reverse("helpdesk:inbox"))
    with django_assert_max_num_queries(14):
        assert client.get(reverse("helpdesk:inbox")).status_code == 200
    token_client = api(broker_haarlem)
    token_client.get("/api/v1/helpdesk/cases/")
    with django_assert_max_num_queries(6):
        assert len(token_client.get("/api/v1/helpdesk/cases/").json()["results"]) == 30


def test_broker_sets_service_levels_of_own_organisation(login, broker_haarlem, broker_amersfoort, haarlem,
                                                        amersfoort, inkoper_haarlem):
    from brokers.models import HelpdeskSettings

    client = login(broker_haarlem)
    page = client.get(reverse("helpdesk:service-levels")).content.decode()
    assert "Gemeente Haarlem" in page and "Gemeente Amersfoort" not in page
    bad = client.post(reverse("helpdesk:service-levels"), {"organisation": haarlem.pk,
                                                           f"org{haarlem.pk}-first_response_days": "0",
                                                           f"org{haarlem.pk}-resolution_days": "x"})
    assert bad.status_code == 400 and "Controleer het formulier" in bad.content.decode()
    ok = client.post(reverse("helpdesk:service-levels"), {"organisation": haarlem.pk,
                                                          f"org{haarlem.pk}-first_response_days": "2",
                                                          f"org{haarlem.pk}-resolution_days": "10"})
    assert ok.status_code == 302
    assert HelpdeskSettings.objects.get(organisation=haarlem).first_response_days == 2
    # Another organisation's settings cannot be reached by posting its id.
    client.post(reverse("helpdesk:service-levels"), {"organisation": amersfoort.pk,
                                                     f"org{amersfoort.pk}-first_response_days": "1",
                                                     f"org{amersfoort.pk}-resolution_days": "1"})
    assert not HelpdeskSettings.objects.filter(organisation=amersfoort).exists()
    assert login(inkoper_haarlem).get(reverse("helpdesk:service-levels")).status_code == 403


def test_bulk_assign_never_unassigns_by_default_and_reports_each_case(login, make_case, ondernemer_1,
                                                                      enterprise_haarlem, broker_haarlem):
    first = make_case(ondernemer_1, enterprise_haarlem, subject="Eerste vraag")
    second = make_case(ondernemer_1, enterprise_haarlem, subject="Tweede vraag")
    client = login(broker_haarlem)
    client.post(reverse("helpdesk:bulk-assign"), {"cases": [first.pk, second.pk], "assignee": broker_haarlem.pk})
    inbox = client.get(reverse("helpdesk:inbox")).content.decode()
    assert "kies een behandelaar" in inbox and "toewijzing opheffen" in inbox
    # Pressed unchanged (no assignee chosen): an error, and both stay assigned.
    response = client.post(reverse("helpdesk:bulk-assign"), {"cases": [first.pk, second.pk], "assignee": ""},
                           follow=True)
    assert "Kies een of meer vragen en een behandelaar" in response.content.decode()
    assert set(Case.objects.values_list("assigned_to", flat=True)) == {broker_haarlem.pk}
    # Unassigning is an explicit choice, reported per case.
    response = client.post(reverse("helpdesk:bulk-assign"), {"cases": [first.pk], "assignee": "none"}, follow=True)
    content = response.content.decode()
    assert "Eerste vraag: toewijzing opgeheven" in content and "Bij 1 vraag is de toewijzing opgeheven." in content
    assert Case.objects.get(pk=first.pk).assigned_to is None
    assert Case.objects.get(pk=second.pk).assigned_to == broker_haarlem
    response = client.post(reverse("helpdesk:bulk-assign"), {"cases": [first.pk], "assignee": broker_haarlem.pk},
                           follow=True)
    assert f"Eerste vraag: toegewezen aan {broker_haarlem}" in response.content.decode()


def test_the_inboxs_assignees_are_remembered_until_a_membership_changes(login, broker_haarlem, haarlem,
                                                                         inkoper_haarlem, django_assert_num_queries):
    """The bulk assignment's drop-down (``assignee_choices``) is read once and kept until a user,
    membership or organisation changes; a colleague's inbox (no bulk assignment) does not read it."""
    from django.core.cache import cache

    from brokers.helpdesk.forms import assignee_choices
    from impactportal.accounts.constants import Role
    from impactportal.accounts.models import Membership
    from impactportal.ui.cache import forget_versions
    from tests import factories as f

    cache.clear()
    forget_versions()
    client = login(broker_haarlem)
    first = client.get(reverse("helpdesk:inbox")).content.decode()
    assert f'<option value="{broker_haarlem.pk}">{broker_haarlem}</option>' in first
    with django_assert_num_queries(0):
        assert (str(broker_haarlem.pk), str(broker_haarlem)) in assignee_choices(broker_haarlem)
    newcomer = f.UserFactory(username="nieuwe-makelaar", first_name="Noor", last_name="Nieuw")
    Membership.objects.create(user=newcomer, organisation=haarlem, role=Role.BROKER)
    assert f'<option value="{newcomer.pk}">Noor Nieuw</option>' in client.get(reverse("helpdesk:inbox")).content.decode()
    colleague = login(inkoper_haarlem).get(reverse("helpdesk:inbox"))
    assert colleague.status_code == 200 and "bulk_form" not in colleague.context


def test_the_case_pages_drop_downs_come_from_the_cache_until_their_rows_change(
        login, broker_haarlem, haarlem, case_haarlem, instruments):
    """Assigning (the organisation's brokers and partners) and referring (the knowledge base's
    network partners) are offered from the cache: a second visit reads neither list, and a new
    broker or partner appears on the next visit. What is posted is still checked against the
    database (``AssignForm(organisations=...)``)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from brokers.constants import InstrumentKind
    from brokers.models import KnowledgeInstrument
    from impactportal.accounts.constants import Role
    from impactportal.accounts.models import Membership
    from impactportal.ui.cache import forget_versions
    from tests import factories as f

    cache.clear()
    forget_versions()
    client = login(broker_haarlem)
    url = reverse("helpdesk:case-detail", args=[case_haarlem.pk])
    page = client.get(url).content.decode()
    assert f'<option value="{broker_haarlem.pk}">{broker_haarlem}</option>' in page
    assert f'<option value="{instruments[1].pk}">Impact Noord</option>' in page  # a network partner
    assert "Finance Tool</option>" not in page  # financing is not a referral
    with CaptureQueriesContext(connection) as again:
        assert client.get(url).status_code == 200
    lists_read = [q["sql"] for q in again.captured_queries
                  if 'FROM "brokers_knowledgeinstrument"' in q["sql"] or 'DISTINCT "accounts_user"' in q["sql"]]
    assert lists_read == []
    newcomer = f.UserFactory(username="nieuwe-partner", first_name="Pim", last_name="Partner")
    Membership.objects.create(user=newcomer, organisation=haarlem, role=Role.BROKER)
    network = KnowledgeInstrument.objects.create(name="Stichting Ondernemen Kennemerland", kind=InstrumentKind.NETWORK)
    page = client.get(url).content.decode()
    assert f'<option value="{newcomer.pk}">Pim Partner</option>' in page
    assert f'<option value="{network.pk}">Stichting Ondernemen Kennemerland</option>' in page
    assert client.post(reverse("helpdesk:case-assign", args=[case_haarlem.pk]),
                       {"assignee": newcomer.pk}).status_code == 302
    case_haarlem.refresh_from_db()
    assert case_haarlem.assigned_to == newcomer
    assert f'<option value="{newcomer.pk}" selected>Pim Partner</option>' in client.get(url).content.decode()


def test_case_history_writes_its_deadlines_as_local_dates_not_raw_timestamps(login, case_haarlem, broker_haarlem):
    import re

    from django.utils import translation

    from brokers.templatetags.helpdesk import due_moment

    page = login(broker_haarlem).get(reverse("helpdesk:case-detail", args=[case_haarlem.pk])).content.decode()
    history = page[page.index("Geschiedenis"):]
    assert not re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", history)
    with translation.override("nl"):
        due = due_moment(case_haarlem.first_response_due)  # local, as the case's facts write it
    assert due in history


def test_bulk_assign_names_a_case_the_broker_sees_but_may_not_assign(login, make_case, ondernemer_1, amersfoort,
                                                                      enterprise_haarlem, broker_haarlem,
                                                                      broker_amersfoort):
    """A broker who asked Amersfoort a question sees it in the inbox (as its submitter), but only
    Amersfoort assigns it: ticking it with one of Haarlem's refused the whole selection with
    "choose one or more cases"; now the others are assigned and it is named."""
    from impactportal import access

    own = make_case(ondernemer_1, enterprise_haarlem, subject="Eigen vraag")
    # Staff no longer ask questions (access.may_ask_helpdesk): one asked before that stays.
    elsewhere = make_case(ondernemer_1, organisation=amersfoort, subject="Vraag aan Amersfoort")
    Case.objects.filter(pk=elsewhere.pk).update(submitter=broker_haarlem)
    assert access.scope(broker_haarlem, Case).filter(pk=elsewhere.pk).exists()
    assert not access.can(broker_haarlem, "assign", elsewhere)
    response = login(broker_haarlem).post(reverse("helpdesk:bulk-assign"), {
        "cases": [own.pk, elsewhere.pk], "assignee": broker_haarlem.pk}, follow=True)
    content = response.content.decode()
    assert "1 vraag toegewezen aan" in content
    assert "Vraag aan Amersfoort: niet gewijzigd, u mag deze vraag niet toewijzen" in content
    assert Case.objects.get(pk=own.pk).assigned_to == broker_haarlem
    assert Case.objects.get(pk=elsewhere.pk).assigned_to is None
