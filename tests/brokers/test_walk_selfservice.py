"""The entrepreneur's self-service walk: a question or a link request reaches somebody (or the page
says it cannot, and what to do), the requester withdraws their own question, attachments keep
their uploaded name, one reply sends one mail that does not send its reader to the portal they
are in, the sign-up continues to registering the enterprise it came for, and the headcount's
messages fit the case."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from brokers.constants import CaseStatus, LinkRequestStatus
from brokers.helpdesk import services, signup
from brokers.models import Case, CaseAttachment, CaseMessage, EnterpriseLinkRequest
from brokers.models.helpdesk import cleaned_stored_name
from impactportal.models import Notification
from tests import factories as f

from .conftest import pdf

pytestmark = pytest.mark.django_db

NEW_QUESTION = {"category": "financing", "subject": "Lening", "description": "Wij zoeken een lening."}


# --- 1. a question and a link request reach somebody --------------------------------------------


def test_the_question_form_offers_only_municipalities_with_a_desk(login, ondernemer_1, broker_haarlem, amersfoort):
    form = login(ondernemer_1).get(reverse("helpdesk:case-new")).context["form"]
    offered = set(form.fields["organisation"].queryset)
    assert broker_haarlem.memberships.first().organisation in offered
    assert amersfoort not in offered  # no broker nor network partner: nobody would read it


def test_a_network_partner_alone_runs_a_desk(login, ondernemer_1, partner_haarlem, haarlem):
    form = login(ondernemer_1).get(reverse("helpdesk:case-new")).context["form"]
    assert haarlem in set(form.fields["organisation"].queryset)


def test_a_municipality_without_a_desk_is_said_plainly_and_gets_no_question(login, ondernemer_2, broker_haarlem,
                                                                           enterprise_amersfoort, amersfoort):
    amersfoort.contact_email = "ondernemersloket@amersfoort.example"
    amersfoort.save()
    client = login(ondernemer_2)
    page = client.get(reverse("helpdesk:case-new")).content.decode()
    notice = page.split('id="no-desk"')[1].split("</div>")[0]
    assert "nog geen helpdesk in het Impactportaal" in notice and "ondernemersloket@amersfoort.example" in notice
    response = client.post(reverse("helpdesk:case-new"), {**NEW_QUESTION, "enterprise": enterprise_amersfoort.pk})
    assert response.status_code == 400
    assert "nog geen helpdesk in het Impactportaal" in " ".join(response.context["form"].errors["organisation"])
    assert "werkdagen" not in response.content.decode()  # no promise of an answer
    assert not Case.objects.exists()
    with pytest.raises(ValidationError):  # the service refuses it too (the API)
        services.case_submit(submitter=ondernemer_2, enterprise=enterprise_amersfoort, **NEW_QUESTION)


def test_the_answer_promise_stays_where_somebody_receives(login, ondernemer_1, broker_haarlem, enterprise_haarlem):
    response = login(ondernemer_1).post(reverse("helpdesk:case-new"),
                                        {**NEW_QUESTION, "enterprise": enterprise_haarlem.pk}, follow=True)
    assert "U hoort binnen 3 werkdagen van ons." in response.content.decode()
    assert Case.objects.get().organisation == enterprise_haarlem.municipality


def test_a_link_request_without_brokers_promises_no_confirmation(login, enterprise_amersfoort, amersfoort):
    newcomer = f.UserFactory(username="nieuw")
    client = login(newcomer)
    response = client.post(reverse("helpdesk:link-enterprise"), {"kvk_number": enterprise_amersfoort.kvk_number},
                           follow=True)
    content = response.content.decode()
    assert "nog geen makelaar in het Impactportaal die het kan bevestigen" in content
    assert "Neem contact op met uw gemeente" in content
    assert "wacht op bevestiging door de gemeente" not in content
    assert EnterpriseLinkRequest.objects.filter(user=newcomer, status=LinkRequestStatus.PENDING).exists()
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "nog geen makelaar" in dashboard and "wacht op bevestiging door de gemeente" not in dashboard


def test_a_link_request_with_brokers_still_waits_for_them(login, enterprise_amersfoort, broker_amersfoort):
    response = login(f.UserFactory(username="nieuw")).post(
        reverse("helpdesk:link-enterprise"), {"kvk_number": enterprise_amersfoort.kvk_number}, follow=True)
    assert "wacht op bevestiging door de gemeente" in response.content.decode()


# --- 4. the requester withdraws their own question ----------------------------------------------


def test_the_requester_withdraws_their_open_question(login, case_haarlem, ondernemer_1, broker_haarlem,
                                                     django_capture_on_commit_callbacks):
    client = login(ondernemer_1)
    page = client.get(reverse("helpdesk:my-case", args=[case_haarlem.pk])).content.decode()
    form = page.split('id="withdraw-form"')[1].split("</form>")[0]
    assert 'data-confirm="' in form and reverse("helpdesk:my-case-withdraw", args=[case_haarlem.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("helpdesk:my-case-withdraw", args=[case_haarlem.pk]),
                               {"reason": "Al geholpen"})
    assert response.status_code == 302
    case_haarlem.refresh_from_db()
    assert case_haarlem.status == CaseStatus.CLOSED
    note = CaseMessage.objects.filter(case=case_haarlem).latest("pk")
    assert note.author == ondernemer_1 and "ingetrokken" in note.body and "Al geholpen" in note.body
    assert not note.is_internal
    assert Notification.objects.filter(recipient=broker_haarlem, subject__startswith="Vraag ingetrokken").exists()
    # Done: no second withdrawal (a clear error, nothing changes).
    again = client.post(reverse("helpdesk:my-case-withdraw", args=[case_haarlem.pk]), {"reason": ""})
    assert again.status_code == 400 and "al afgesloten" in again.content.decode()
    assert CaseMessage.objects.filter(case=case_haarlem).count() == 1


def test_staff_do_not_withdraw_a_question(login, case_haarlem, broker_haarlem):
    response = login(broker_haarlem).post(reverse("helpdesk:my-case-withdraw", args=[case_haarlem.pk]), {})
    assert response.status_code == 404
    case_haarlem.refresh_from_db()
    assert case_haarlem.status == CaseStatus.NEW


def test_past_the_window_the_page_says_why_and_what_to_do(login, case_haarlem, ondernemer_1, broker_haarlem):
    services.case_set_status(case=case_haarlem, status=CaseStatus.RESOLVED, by=broker_haarlem)
    Case.objects.filter(pk=case_haarlem.pk).update(resolved_at=timezone.now() - dt.timedelta(days=20))
    page = login(ondernemer_1).get(reverse("helpdesk:my-case", args=[case_haarlem.pk])).content.decode()
    said = page.split('id="ask-anew"')[1].split("</p>")[0]
    assert "tot 14 dagen na de oplossing" in said and "termijn is voorbij" in said
    assert reverse("helpdesk:case-new") in said and 'id="withdraw-form"' not in page


# --- 5. attachments keep their uploaded name ----------------------------------------------------


def test_an_attachment_keeps_and_downloads_under_its_uploaded_name(make_case, login, ondernemer_1,
                                                                   enterprise_haarlem, broker_haarlem):
    make_case(ondernemer_1, enterprise_haarlem, files=[pdf("vraag.pdf")])
    case = make_case(ondernemer_1, enterprise_haarlem, files=[pdf("vraag.pdf")])
    attachment = CaseAttachment.objects.get(case=case)
    # Both cases store their files under their own folder; a second upload in one folder is renamed.
    services.case_reply(case=case, author=ondernemer_1, body="Nog een", files=[pdf("vraag.pdf")])
    renamed = CaseAttachment.objects.filter(case=case).latest("pk")
    assert renamed.file.name.rsplit("/", 1)[-1] != "vraag.pdf"
    assert (attachment.filename, renamed.filename) == ("vraag.pdf", "vraag.pdf")
    response = login(broker_haarlem).get(reverse("helpdesk:attachment", args=[renamed.pk]))
    assert response.status_code == 200 and 'filename="vraag.pdf"' in response["Content-Disposition"]
    page = login(ondernemer_1).get(reverse("helpdesk:my-case", args=[case.pk])).content.decode()
    assert renamed.file.name.rsplit("/", 1)[-1] not in page


def test_an_older_attachment_shows_its_stored_name_cleaned(make_case, ondernemer_1, enterprise_haarlem,
                                                            broker_haarlem):
    case = make_case(ondernemer_1, enterprise_haarlem, files=[pdf("offerte.pdf")])
    CaseAttachment.objects.filter(case=case).update(original_name="", file=f"helpdesk/{case.pk}/vraag_XAA9I1r.pdf")
    assert CaseAttachment.objects.get(case=case).filename == "vraag.pdf"
    assert cleaned_stored_name("helpdesk/1/offerte_invoice.pdf") == "offerte_invoice.pdf"  # a name of its own
    assert cleaned_stored_name("helpdesk/1/scan_a1B2c3D") == "scan"


# --- 6 and 9. one reply, one message, read where it is read --------------------------------------


def test_one_reply_that_moves_the_status_sends_one_mail(case_haarlem, broker_haarlem, ondernemer_1, mailoutbox,
                                                        django_capture_on_commit_callbacks):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.case_reply(case=case_haarlem, author=broker_haarlem, body="Wij kijken ernaar.")
    case_haarlem.refresh_from_db()
    assert case_haarlem.status == CaseStatus.IN_PROGRESS
    mine = [mail for mail in mailoutbox if ondernemer_1.email in mail.to]
    assert len(mine) == 1, [mail.subject for mail in mine]
    assert mine[0].subject.startswith("Nieuwe reactie op uw vraag") and "In behandeling" in mine[0].body
    told = Notification.objects.filter(recipient=ondernemer_1)
    assert told.count() == 1


def test_the_reply_notification_does_not_send_its_reader_to_the_portal(case_haarlem, broker_haarlem, ondernemer_1,
                                                                       mailoutbox,
                                                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.case_reply(case=case_haarlem, author=broker_haarlem, body="Wij kijken ernaar.")
    notification = Notification.objects.get(recipient=ondernemer_1)
    assert "Lees de reactie in het Impactportaal" not in notification.body
    assert "gereageerd op uw vraag" in notification.body
    [mail] = [mail for mail in mailoutbox if ondernemer_1.email in mail.to]
    assert reverse("helpdesk:my-case", args=[case_haarlem.pk]) in mail.body  # the mail keeps its link


# --- 7. the sign-up goes on to registering the enterprise -----------------------------------------


def test_signing_up_with_an_unknown_kvk_number_goes_on_to_registering_it(client, haarlem):
    user = f.UserFactory(username="nina@example.org", email="nina@example.org", is_active=False)
    response = client.post(reverse("helpdesk:signup-verify", args=[signup.make_token(user, "87654321")]),
                           {"password": "test-password-123"})
    assert response.status_code == 302
    assert response["Location"] == reverse("enterprises:self-register") + "?kvk_number=87654321"
    page = client.get(response["Location"]).content.decode()
    assert f'href="{reverse("enterprises:self-register")}?kvk_number=87654321"' in page  # the message's link


def test_linking_an_unknown_number_offers_registering_with_it(login):
    response = login(f.UserFactory(username="nieuw")).post(reverse("helpdesk:link-enterprise"),
                                                           {"kvk_number": "99999999"})
    hint = response.content.decode().split('id="self-register-hint"')[1]
    assert f'href="{reverse("enterprises:self-register")}?kvk_number=99999999"' in hint


# --- 8. the headcount's messages ------------------------------------------------------------------


def _register(login, haarlem, headcount, disadvantaged):
    response = login(f.UserFactory(username="teller")).post(reverse("enterprises:self-register"), {
        "name": "Teller BV", "kvk_number": "90000011", "municipality": haarlem.pk, "enterprise_type": "impact_first",
        "headcount": headcount, "disadvantaged_count": disadvantaged})
    return response.context["form"].errors


def test_a_negative_headcount_gets_its_own_error_only(login, haarlem):
    errors = _register(login, haarlem, "-3", "1")
    assert len(errors["headcount"]) == 1 and "Vul ook het aantal medewerkers in" not in errors["headcount"][0]


@pytest.mark.parametrize(("count", "said"), [("1", "daarvan is er 1 met"), ("2", "daarvan zijn er 2 met")])
def test_a_missing_headcount_is_asked_for_in_singular_or_plural(login, haarlem, count, said):
    assert said in _register(login, haarlem, "", count)["headcount"][0]


# --- the enterprise pages (follow-ups in enterprises/) -----------------------------------------


def test_mine_says_nobody_can_confirm_where_the_municipality_has_no_broker(login, enterprise_haarlem):
    newcomer = f.UserFactory(username="nieuwkomer")
    EnterpriseLinkRequest.objects.create(user=newcomer, enterprise=enterprise_haarlem)
    page = login(newcomer).get(reverse("enterprises:mine")).content.decode()
    assert "data-no-brokers" in page and "geen makelaar" in page
    assert "wacht op bevestiging door de gemeente" not in page


def test_the_registration_form_keeps_the_kvk_number_it_was_sent_with(login, ondernemer_1):
    client = login(ondernemer_1)
    form = client.get(reverse("enterprises:self-register"), {"kvk_number": "55554444"}).context["form"]
    assert form["kvk_number"].value() == "55554444"
    form = client.get(reverse("enterprises:self-register"), {"kvk_number": "<script>"}).context["form"]
    assert not form["kvk_number"].value()


def test_after_applying_the_page_says_who_decides_and_how_one_hears(login, ondernemer_1, enterprise_haarlem):
    from enterprises.constants import AdmissionStatus
    from enterprises.models import Enterprise

    Enterprise.objects.filter(pk=enterprise_haarlem.pk).update(admission_status=AdmissionStatus.APPLIED)
    page = login(ondernemer_1).get(reverse("enterprises:mine-detail", args=[enterprise_haarlem.pk])).content.decode()
    assert 'id="admission-waiting"' in page and "Uw aanvraag is ingediend." in page and "meldingen" in page
