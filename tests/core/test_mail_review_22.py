"""Review 22: every e-mail the portal sends, read as its recipient reads it, in Dutch and in English.

Each kind of mail is triggered through its service (or its page) and read: the subject says what
happened, the text is in the recipient's language without raw keys or "None", dates and amounts in
the recipient's format, and every link is absolute, under ``PORTAL_BASE_URL``, and opens for the
recipient, signed in. What this review fixed is tested on its own below the walk:

- a ``PORTAL_BASE_URL`` set with a slash at its end made every link ``…nl//helpdesk/1/`` (404);
- a subject built from typed text with a line break (a question's subject) made Django refuse the
  mail after the commit: a 500 for the person asking, and no mail for anyone of the event;
- the verification link of a sign-up was written in whatever language was active at the commit;
- the notice to the owner of an address that already has an account said "Aanmelding bij het
  Impactportaal", which reads as a welcome;
- "verplaatst naar de gemeente Gemeente Amersfoort";
- the entrepreneur whose automatic admission lapsed was told to "review the application again"."""

import datetime as dt
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation

from impactportal.accounts.models import Membership, User
from tests import factories as f

pytestmark = pytest.mark.django_db

PUBLIC = "https://impactportaal.gemeente.example"
URL = re.compile(r"https?://[^\s)>\"']+")
# Words that give the other language away (the test data's names are Dutch, so only the words of
# the portal's own sentences: "uw"/"u" address the reader in Dutch, "your"/"you" in English).
DUTCH = re.compile(r"\b(uw|Uw|heeft|wordt)\b")
ENGLISH = re.compile(r"\b(your|Your|you|has been|the)\b")


def prefers(user, language):
    User.objects.filter(pk=user.pk).update(language=language)
    user.refresh_from_db()
    return user


def recipient_of(mail):
    [address] = mail.to
    return User.objects.filter(email__iexact=address).order_by("-is_active", "pk").first()


def links_of(mail) -> list[str]:
    return URL.findall(mail.body)


def opens(user, url) -> int:
    """The status the recipient meets following ``url`` (signed in when their account is active)."""
    client = Client()
    if user is not None and user.is_active:
        client.force_login(user)
    parts = urlsplit(url)
    return client.get(parts.path + (f"?{parts.query}" if parts.query else ""), follow=True).status_code


def check(mail, language):
    """What every mail owes its reader."""
    user = recipient_of(mail)
    assert mail.subject.strip() and "\n" not in mail.subject and "\r" not in mail.subject
    for text in (mail.subject, mail.body):
        assert "None" not in text and "%(" not in text and "{{" not in text and "{%" not in text, text
    other = ENGLISH if language == "nl" else DUTCH
    assert not other.search(mail.subject + "\n" + mail.body), (language, mail.subject, mail.body)
    for url in links_of(mail):
        assert url.startswith(settings.PORTAL_BASE_URL.rstrip("/") + "/"), url
        assert "//" not in urlsplit(url).path, url
        assert opens(user, url) == 200, (url, user)


# --- the walk: every kind of mail, in the recipient's language -------------------------------------


@pytest.fixture
def make_case():
    from brokers.helpdesk import services

    def make(submitter, enterprise, subject="Hulp bij een lening"):
        return services.case_submit(submitter=submitter, enterprise=enterprise, category="financing",
                                    subject=subject, description="Wij zoeken een lening.")

    return make


@pytest.fixture
def walk(mailoutbox, django_capture_on_commit_callbacks):
    """``walk(language, action)``: run ``action`` in the other language's page (the sender's
    language must not matter), commit, check every mail for ``language`` and return them."""

    def run(language, action):
        mailoutbox.clear()
        with translation.override("en" if language == "nl" else "nl"), \
                django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            action()
        mails = list(mailoutbox)
        assert mails, "no mail"
        for mail in mails:
            check(mail, language)
        return mails

    return run


@pytest.mark.parametrize("language", ["nl", "en"])
def test_helpdesk_mails(language, walk, make_case, haarlem, broker_haarlem, inkoper_haarlem, partner_haarlem,
                        ondernemer_1, enterprise_haarlem):
    from brokers.helpdesk import services

    second = f.broker(haarlem, "makelaar-haarlem-2")
    for user in (broker_haarlem, inkoper_haarlem, partner_haarlem, ondernemer_1, second):
        prefers(user, language)
    case = {}
    new = walk(language, lambda: case.setdefault("case", make_case(ondernemer_1, enterprise_haarlem)))
    assert {m.to[0] for m in new} == {broker_haarlem.email, second.email, partner_haarlem.email}
    case = case["case"]
    steps = [
        lambda: services.case_assign(case=case, assignee=broker_haarlem, by=second),
        lambda: services.case_reply(case=case, author=broker_haarlem, body="Welke omzet?", wait_for_entrepreneur=True),
        lambda: services.case_reply(case=case, author=ondernemer_1, body="Ongeveer een ton."),
        lambda: services.case_refer(case=case, department="inkoop", by=broker_haarlem),
        lambda: services.case_set_status(case=case, status="resolved", by=broker_haarlem),
        lambda: services.case_reopen(case=case, by=ondernemer_1, reason="Toch niet"),
        lambda: services.case_withdraw(case=case, by=ondernemer_1),
    ]
    for step in steps:
        for mail in walk(language, step):
            assert mail.to[0] != ondernemer_1.email or "/mijn-vragen/" in mail.body
    late = {}
    walk(language, lambda: late.setdefault("case", make_case(ondernemer_1, enterprise_haarlem, subject="Oud")))
    escalated = walk(language, lambda: services.escalate_breaches(now=timezone.now() + dt.timedelta(days=60)))
    assert {m.to[0] for m in escalated} == {broker_haarlem.email}  # the coordinator only


@pytest.mark.parametrize("language", ["nl", "en"])
def test_account_mails(language, walk, client, mailoutbox, django_capture_on_commit_callbacks, haarlem, broker_haarlem,
                       ondernemer_1, enterprise_haarlem):
    from brokers.helpdesk import signup
    from brokers.models import EnterpriseLinkRequest
    from impactportal.accounts import services
    from impactportal.accounts.two_factor_views import (
        _tell_app_replaced,
        _tell_new_backup_codes,
        _tell_turned_off,
    )

    for user in (broker_haarlem, ondernemer_1):
        prefers(user, language)
    Membership.objects.filter(user=broker_haarlem).update(is_admin=True)
    by = User.objects.get(pk=broker_haarlem.pk)
    # A new address has no language of its own yet: the page's it signed up or was invited on.
    mailoutbox.clear()
    with translation.override(language), django_capture_on_commit_callbacks(execute=True):
        signup.signup(email="nina@voorbeeld.nl", password="Lang-genoeg-2026", first_name="Nina", last_name="Smit")
        services.member_invite(organisation=haarlem, email="piet@voorbeeld.nl", role="colleague",
                               department="inkoop", by=by)
    assert len(mailoutbox) == 2
    for mail in mailoutbox:
        check(mail, language)
    nina = User.objects.get(email="nina@voorbeeld.nl")
    walk(language, lambda: _tell_turned_off(ondernemer_1))
    walk(language, lambda: _tell_app_replaced(ondernemer_1))
    walk(language, lambda: _tell_new_backup_codes(ondernemer_1))
    walk(language, lambda: services.member_invite(organisation=haarlem, email=ondernemer_1.email, role="broker", by=by))
    nina.is_active = True
    nina.save()
    walk(language, lambda: signup.link_enterprise(user=nina, kvk_number=enterprise_haarlem.kvk_number))
    link = EnterpriseLinkRequest.objects.get(user=nina)
    rejected = walk(language, lambda: signup.decide_link_request(link_request=link, approve=False, by=broker_haarlem,
                                                                 reason="Niet bekend"))
    assert "Niet bekend" in rejected[0].body
    # The password reset is asked on a page in the other language: the account's own is the mail's.
    ondernemer_1.set_password("Lang-genoeg-2026")
    ondernemer_1.save()
    client.cookies["django_language"] = "en" if language == "nl" else "nl"
    mailoutbox.clear()
    client.post(reverse("password_reset"), {"email": ondernemer_1.email})
    [reset] = mailoutbox
    check(reset, language)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_register_and_procurement_mails(language, walk, haarlem, region, broker_haarlem, ondernemer_1, ondernemer_2,
                                        enterprise_haarlem, enterprise_amersfoort):
    from enterprises import services as register
    from enterprises.constants import CertificationStatus, Scheme
    from enterprises.models import Certification
    from procurement import services_contracts, services_requests
    from procurement.models import PurchaseRequest
    from tests.procurement import builders_requests as br
    from tests.procurement import factories as pf

    for user in (broker_haarlem, ondernemer_1, ondernemer_2):
        prefers(user, language)
    walk(language, lambda: register.enterprise_apply(enterprise=enterprise_haarlem, by=ondernemer_1))

    def decide():
        register.admission_start_review(enterprise=enterprise_haarlem, by=broker_haarlem)
        register.admission_decide(enterprise=enterprise_haarlem, by=broker_haarlem, admit=True)

    [admitted] = walk(language, decide)
    assert admitted.to == [ondernemer_1.email]
    today = timezone.localdate()
    Certification.objects.create(enterprise=enterprise_haarlem, scheme=Scheme.PSO_1, number="N1",
                                 status=CertificationStatus.VERIFIED, valid_until=today + dt.timedelta(days=20))
    walk(language, lambda: register.run_certification_checks(today=today))
    category = pf.category()
    br.admitted(enterprise_haarlem, offers=category)
    br.admitted(enterprise_amersfoort, offers=category)
    request = PurchaseRequest(organisation=haarlem, title="Schoonmaak wijkcentrum", description="Wekelijks.",
                              category=category, budget_indication=Decimal(25000), deadline=today + dt.timedelta(days=30))
    walk(language, lambda: services_requests.request_post(request=request, by=broker_haarlem))
    ours = br.response(request, enterprise_haarlem, by=ondernemer_1, amount=Decimal(20000))
    br.response(request, enterprise_amersfoort, by=ondernemer_2, amount=Decimal(19000))
    for mail in walk(language, lambda: services_requests.request_award(response=ours, by=broker_haarlem)):
        assert "20" not in mail.body and "19" not in mail.body  # nobody reads a quote, not even their own here
        other = enterprise_amersfoort if mail.to == [ondernemer_1.email] else enterprise_haarlem
        assert other.name not in mail.body  # nor another responder's name
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, supplier=enterprise_haarlem,
                           rule_set=pf.rule_set(organisation=haarlem), today=today,
                           award_date=today - dt.timedelta(days=30), end_date=today + dt.timedelta(days=700))
    walk(language, lambda: services_contracts.contact_invite(contract=contract, name="Ondernemer Twee",
                                                             email=ondernemer_2.email, by=broker_haarlem))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_ecosystem_and_financing_mails(language, walk, haarlem, programme, broker_haarlem, ondernemer_1, stuurgroep,
                                       enterprise_haarlem):
    from ecosystem import services_bottlenecks as bottlenecks
    from ecosystem import services_realestate as realestate
    from ecosystem.models import Bottleneck, SpaceRequest
    from financing import services_outcomes as outcomes
    from impactportal.money import euro
    from tests.financing import outcome_factories as of

    for user in (broker_haarlem, ondernemer_1, stuurgroep):
        prefers(user, language)
    today = timezone.localdate()
    wanted = SpaceRequest(enterprise=enterprise_haarlem, min_area=Decimal("50.5"), max_area=Decimal(1200),
                          property_type="workshop", budget=Decimal(800), area="Centrum",
                          start_date=today + dt.timedelta(days=30), purpose="Werkplaats")
    [asked] = walk(language, lambda: realestate.space_request_create(space_request=wanted, by=ondernemer_1))
    assert ("50,5 tot 1.200 m²" if language == "nl" else "50.5 to 1,200 m²") in asked.body
    building = f.property_of(haarlem, available_from=today)
    walk(language, lambda: realestate.allocate(
        property=building, space_request=wanted, rent=Decimal(700), by=broker_haarlem, procedure="exception",
        justification="De enige geschikte kandidaat vanwege de werkplaats.", decided_by="College van B&W",
        decision_date=today, start_date=today + dt.timedelta(days=30)))
    bottleneck = bottlenecks.bottleneck_create(bottleneck=Bottleneck(
        organisation=haarlem, kind="bottleneck", theme="legislation", level="national", ministry="ez",
        title="Geen rechtsvorm", description="Stichting of bv.", affected_cases=3, affected_enterprises=2),
        by=broker_haarlem)
    walk(language, lambda: bottlenecks.bottleneck_share(bottleneck=bottleneck, programme=programme, by=broker_haarlem))
    metric = of.metric(of.contract(haarlem, enterprise_haarlem, maximum="30000.00"), price="5000.00", target=10,
                       cap="12000.00")
    made = {}
    walk(language, lambda: made.setdefault("claim", outcomes.claim_submit(
        contract=metric.contract, metric=metric, period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 1, 28),
        claimed_count=4, by=ondernemer_1)))
    walk(language, lambda: made.update(claim=outcomes.claim_verify(claim=made["claim"], by=broker_haarlem,
                                                                    accepted_count=3, reason="Eén te kort")))
    [paid] = walk(language, lambda: outcomes.claim_pay(claim=made["claim"], by=broker_haarlem))
    with translation.override(language):  # as the recipient's pages write it (a non-breaking space in Dutch)
        assert euro(Decimal(12000)) in paid.subject


# --- what this review fixed ----------------------------------------------------------------------


def test_links_have_one_slash_after_a_public_address_that_ends_in_one(
        settings, client, mailoutbox, django_capture_on_commit_callbacks, make_case, haarlem, broker_haarlem,
        ondernemer_1, enterprise_haarlem):
    from brokers.helpdesk import signup
    from impactportal.accounts import services

    settings.PORTAL_BASE_URL = PUBLIC + "/"  # as an operator may well write it
    Membership.objects.filter(user=broker_haarlem).update(is_admin=True)
    by = User.objects.get(pk=broker_haarlem.pk)
    with django_capture_on_commit_callbacks(execute=True):
        make_case(ondernemer_1, enterprise_haarlem)  # a notification's mail
        services.member_invite(organisation=haarlem, email="nieuw@voorbeeld.nl", role="broker", by=by)
        signup.signup(email="fatima@voorbeeld.nl", password="Lang-genoeg-2026", first_name="F", last_name="O")
        signup.signup(email=ondernemer_1.email, password="Lang-genoeg-2026", first_name="F", last_name="O")
    links = [url for mail in mailoutbox for url in links_of(mail)]
    assert len(links) == 4
    for url in links:
        assert url.startswith(PUBLIC + "/") and not url.startswith(PUBLIC + "//"), url
        try:
            resolve(urlsplit(url).path)
        except Resolver404:
            pytest.fail(f"{url} answers 404")
    [case_mail] = [mail for mail in mailoutbox if mail.to == [broker_haarlem.email]]
    assert opens(broker_haarlem, links_of(case_mail)[0]) == 200


def test_a_subject_typed_with_a_line_break_is_mailed_on_one_line(
        mailoutbox, django_capture_on_commit_callbacks, broker_haarlem, ondernemer_1, enterprise_haarlem):
    """Through the question form, as anybody can post it: the question is saved, the page answers,
    and the desk is mailed (the subject on one line)."""
    client = Client()
    client.force_login(ondernemer_1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("helpdesk:case-new"), {
            "category": "financing", "enterprise": enterprise_haarlem.pk, "subject": "Regel een\r\nBcc: iemand",
            "description": "Wij zoeken een lening."})
    assert response.status_code == 302
    [mail] = mailoutbox
    assert mail.to == [broker_haarlem.email] and mail.subject == "Nieuwe vraag: Regel een Bcc: iemand"
    assert mail.message()["Bcc"] is None


def test_an_invitation_subject_with_a_line_break_is_mailed_on_one_line(
        mailoutbox, django_capture_on_commit_callbacks, haarlem, region, broker_haarlem, enterprise_haarlem):
    """A contract title (typed, or imported) with a line break in the password link's subject."""
    from procurement import services_contracts
    from procurement.models import Contract
    from tests.procurement import factories as pf

    contract = pf.contract(organisation=haarlem, by=broker_haarlem, supplier=enterprise_haarlem,
                           rule_set=pf.rule_set(organisation=haarlem))
    Contract.objects.filter(pk=contract.pk).update(title="Schoonmaak\nstadhuis")
    contract.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services_contracts.contact_invite(contract=contract, name="Piet Contact", email="piet@leverancier.example",
                                          by=broker_haarlem)
    [mail] = mailoutbox
    assert mail.subject == "Uitnodiging: social return voor “Schoonmaak stadhuis”"
    assert "/accounts/reset/" in mail.body


def test_the_verification_link_is_written_in_the_language_signed_up_in_whenever_it_commits(
        mailoutbox, django_capture_on_commit_callbacks):
    from brokers.helpdesk import signup

    # The callbacks run as the capture ends: after the English page's language ended.
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        signup.signup(email="fatima@voorbeeld.nl", password="Lang-genoeg-2026", first_name="F", last_name="O")
    [mail] = mailoutbox
    assert User.objects.get(email="fatima@voorbeeld.nl").language == "en"
    assert mail.subject == "Confirm your email address for the Impactportaal"
    assert mail.body.startswith("Welcome to the Impactportaal.")


def test_the_notice_to_a_known_address_says_it_has_an_account(
        mailoutbox, django_capture_on_commit_callbacks, ondernemer_1):
    from brokers.helpdesk import signup

    with django_capture_on_commit_callbacks(execute=True):
        signup.signup(email=ondernemer_1.email, password="Lang-genoeg-2026", first_name="F", last_name="O")
    [mail] = mailoutbox
    assert mail.subject == "Aanmelding met uw e-mailadres: u heeft al een account"
    assert "al een account" in mail.body and "/aanmelden/bevestigen/" not in mail.body


def test_a_move_names_the_new_municipality_once(
        mailoutbox, django_capture_on_commit_callbacks, haarlem, amersfoort, broker_haarlem, broker_amersfoort,
        ondernemer_1, enterprise_haarlem):
    from enterprises import services

    services.enterprise_apply(enterprise=enterprise_haarlem, by=ondernemer_1)
    services.admission_start_review(enterprise=enterprise_haarlem, by=broker_haarlem)
    services.admission_decide(enterprise=enterprise_haarlem, by=broker_haarlem, admit=True)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        enterprise_haarlem.refresh_from_db()
        enterprise_haarlem.municipality = amersfoort
        enterprise_haarlem.save()
        services.enterprise_changed(enterprise=enterprise_haarlem, by=ondernemer_1, changed={"municipality"},
                                    previous_municipality=haarlem.pk)
    [moved] = [mail for mail in mailoutbox if mail.to == [broker_haarlem.email]]
    assert "verplaatst naar Gemeente Amersfoort." in moved.body
    assert "gemeente Gemeente" not in moved.body


def test_an_entrepreneur_whose_label_lapsed_is_not_told_to_review_the_application(
        mailoutbox, django_capture_on_commit_callbacks, amersfoort, broker_amersfoort, ondernemer_2,
        enterprise_amersfoort):
    from enterprises import admission
    from enterprises.constants import AdmissionMode, AdmissionStatus, CertificationStatus, Scheme
    from enterprises.models import AdmissionRule, Certification, Enterprise
    from enterprises.services import run_certification_checks

    region = f.RegionFactory(name="Oost-Nederland", slug="oost-nederland", members=[amersfoort])
    AdmissionRule.objects.create(region=region, platform_name="Impact Oost", mode=AdmissionMode.LABEL_OR_COMMITTEE,
                                 accepted_schemes=[Scheme.CSO])
    Enterprise.objects.filter(pk=enterprise_amersfoort.pk).update(admission_status=AdmissionStatus.APPLIED,
                                                                  applied_at=timezone.now())
    today = timezone.localdate()
    Certification.objects.create(enterprise=enterprise_amersfoort, scheme=Scheme.CSO, number="CSO-1",
                                 status=CertificationStatus.VERIFIED, verified_at=timezone.now(),
                                 valid_until=today + dt.timedelta(days=10))
    assert admission.admit_on_label(enterprise=enterprise_amersfoort, today=today)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_certification_checks(today=today + dt.timedelta(days=11))
    withdrawn = {mail.to[0]: mail for mail in mailoutbox if mail.subject.startswith("Toelating ingetrokken")}
    assert set(withdrawn) == {broker_amersfoort.email, ondernemer_2.email}
    for mail in withdrawn.values():
        assert "Beoordeel de aanvraag" not in mail.body
        assert "De gemeente beoordeelt de aanvraag opnieuw" in mail.body


def test_nothing_is_mailed_when_the_transaction_rolls_back(
        mailoutbox, django_capture_on_commit_callbacks, make_case, haarlem, broker_haarlem, ondernemer_1,
        enterprise_haarlem):
    """A notification's mail, a password link and a verification link leave only with the commit."""
    from brokers.helpdesk import signup
    from impactportal.accounts import services

    Membership.objects.filter(user=broker_haarlem).update(is_admin=True)
    by = User.objects.get(pk=broker_haarlem.pk)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        make_case(ondernemer_1, enterprise_haarlem)
        services.member_invite(organisation=haarlem, email="nieuw@voorbeeld.nl", role="broker", by=by)
        services.member_invite(organisation=haarlem, email=ondernemer_1.email, role="broker", by=by)
        signup.signup(email="fatima@voorbeeld.nl", password="Lang-genoeg-2026", first_name="F", last_name="O")
        signup.signup(email=ondernemer_1.email, password="Lang-genoeg-2026", first_name="F", last_name="O")
        raise RuntimeError("the page failed after all")
    assert mailoutbox == []
