"""User review 5 of the helpdesk: a reply that reaches nobody, demo referrals in order, bulk
assignment without a selection, the entrepreneur's pages and dashboard, new accounts."""

import datetime as dt
import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from brokers.constants import CaseStatus, InstrumentKind, LinkRequestStatus
from brokers.helpdesk import services, signup
from brokers.helpdesk.seeding import _seed_cases, _seed_referrals
from brokers.models import Case, CaseMessage, EnterpriseLinkRequest, ExternalReferral, KnowledgeInstrument
from enterprises.models import ContactPerson
from impactportal.models import Notification
from tests import factories as f

pytestmark = pytest.mark.django_db


def _orphan_case(organisation, enterprise=None, subject="Vraag zonder indiener"):
    """A case whose submitter is gone (their account was removed: ``on_delete=SET_NULL``)."""
    return Case.objects.create(organisation=organisation, enterprise=enterprise, submitter=None, category="financing",
                               subject=subject, description="Wij zoeken een lening.")


# --- 1. a reply nobody receives -------------------------------------------------------------


def test_a_reply_nobody_receives_is_not_reported_as_sent(login, haarlem, broker_haarlem,
                                                         django_capture_on_commit_callbacks):
    enterprise = f.EnterpriseFactory(municipality=haarlem, name="Cateraar Horrocks", website="https://horrocks.example")
    ContactPerson.objects.create(enterprise=enterprise, name="Ise van der Klein", role="Directeur",
                                 email="info@horrocks.example", phone="023 123 4567")
    case = _orphan_case(haarlem, enterprise)
    client = login(broker_haarlem)
    page = client.get(reverse("helpdesk:case-detail", args=[case.pk])).content.decode()
    notice = page.split('id="nobody-told"')[1].split("</div>")[0]
    assert "Niemand krijgt bericht van een reactie" in notice
    assert 'href="mailto:info@horrocks.example"' in notice and "Ise van der Klein (Directeur)" in notice
    assert "023 123 4567" in notice and "https://horrocks.example" in notice
    assert f'href="{enterprise.get_absolute_url()}"' in notice
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("helpdesk:case-reply", args=[case.pk]), {"body": "Wij bellen u."}, follow=True)
    content = response.content.decode()
    assert "Reactie verstuurd naar de ondernemer" not in content
    assert "Reactie opgeslagen. Deze vraag heeft geen indiener in het portaal, dus niemand is op de hoogte" in content
    assert CaseMessage.objects.filter(case=case, body="Wij bellen u.").exists()  # the reply is kept
    assert not Notification.objects.exists()


def test_a_case_without_enterprise_or_submitter_says_nobody_is_told(login, haarlem, broker_haarlem):
    case = _orphan_case(haarlem)
    client = login(broker_haarlem)
    page = client.get(reverse("helpdesk:case-detail", args=[case.pk])).content.decode()
    assert 'id="nobody-told"' in page and 'id="enterprise-contacts"' not in page
    response = client.post(reverse("helpdesk:case-reply", args=[case.pk]), {"body": "Genoteerd."}, follow=True)
    assert "geen indiener in het portaal en geen onderneming" in response.content.decode()


def test_a_reply_that_reaches_the_entrepreneur_still_says_sent(login, make_case, ondernemer_1, enterprise_haarlem,
                                                               broker_haarlem, django_capture_on_commit_callbacks):
    case = make_case(ondernemer_1, enterprise_haarlem)
    client = login(broker_haarlem)
    assert 'id="nobody-told"' not in client.get(reverse("helpdesk:case-detail", args=[case.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("helpdesk:case-reply", args=[case.pk]), {"body": "Antwoord."}, follow=True)
    assert "Reactie verstuurd naar de ondernemer." in response.content.decode()
    assert ondernemer_1.notifications.exists()
    # Without a submitter the enterprise's linked entrepreneur is told: no warning either.
    Case.objects.filter(pk=case.pk).update(submitter=None)
    assert 'id="nobody-told"' not in client.get(reverse("helpdesk:case-detail", args=[case.pk])).content.decode()


# --- 2. demo referrals in order -------------------------------------------------------------


def test_demo_referrals_happen_while_their_case_is_handled(haarlem, broker_haarlem, enterprise_haarlem,
                                                           ondernemer_1):
    """Demo question #9 read "Doorverwezen op 30-11 door Hanna" above "Ingediend op 02-12", with
    status "Nieuw" and no behandelaar."""
    for name in ("Thrive Institute",):
        KnowledgeInstrument.objects.create(name=name, kind=InstrumentKind.KNOWLEDGE, description=name)
    for _ in range(3):
        f.EnterpriseFactory(municipality=haarlem)
    _seed_cases(haarlem, broker_haarlem, enterprise_haarlem, ondernemer_1, random.Random(haarlem.slug))
    _seed_referrals(haarlem, broker_haarlem)
    referrals = list(ExternalReferral.objects.select_related("case"))
    assert len(referrals) == 5
    now = timezone.now()
    for referral in referrals:
        case = referral.case
        assert case.status != CaseStatus.NEW and case.assigned_to == broker_haarlem, case.subject
        assert case.submitted_at < case.first_response_at <= referral.referred_at <= now, case.subject
        if case.resolved_at:
            assert referral.referred_at <= case.resolved_at, case.subject
        assert referral.follow_up_on >= timezone.localdate(referral.referred_at)
        if referral.done_at:
            assert referral.referred_at <= referral.done_at <= now


# --- 3. bulk assignment without a selection ---------------------------------------------------


def test_bulk_assign_without_a_selection_says_so(login, make_case, ondernemer_1, enterprise_haarlem, broker_haarlem):
    case = make_case(ondernemer_1, enterprise_haarlem)
    response = login(broker_haarlem).post(reverse("helpdesk:bulk-assign"), {"assignee": broker_haarlem.pk},
                                          follow=True)
    assert "Selecteer eerst een of meer vragen." in response.content.decode()
    assert Case.objects.get(pk=case.pk).assigned_to is None


# --- 4. a question past its reopening window ----------------------------------------------------


def test_a_question_past_its_reopening_window_points_to_a_new_question(login, make_case, ondernemer_1,
                                                                       enterprise_haarlem, broker_haarlem):
    case = make_case(ondernemer_1, enterprise_haarlem)
    services.case_set_status(case=case, status=CaseStatus.RESOLVED, by=broker_haarlem)
    client = login(ondernemer_1)
    recent = client.get(reverse("helpdesk:my-case", args=[case.pk])).content.decode()
    assert 'id="reopen-form"' in recent and 'id="ask-anew"' not in recent
    Case.objects.filter(pk=case.pk).update(resolved_at=timezone.now() - services.REOPEN_WINDOW - dt.timedelta(days=1))
    old = client.get(reverse("helpdesk:my-case", args=[case.pk])).content.decode()
    assert 'id="reopen-form"' not in old
    line = old.split('id="ask-anew"')[1].split("</p>")[0]
    assert f'href="{reverse("helpdesk:case-new")}"' in line and "Stel een nieuwe vraag" in line


# --- 5 and 6. "Mijn onderneming" on "Mijn vragen", an unknown KvK number ------------------------


def test_my_questions_show_the_linked_enterprise(login, ondernemer_1, enterprise_haarlem):
    section = login(ondernemer_1).get(reverse("helpdesk:my-cases")).content.decode().split(
        'id="enterprise-heading"')[1]
    assert f'href="{reverse("enterprises:mine-detail", args=[enterprise_haarlem.pk])}"' in section
    assert enterprise_haarlem.name in section
    assert "nog niet gekoppeld" not in section and "Onderneming koppelen met uw KvK-nummer" not in section
    assert 'id="self-register-link"' not in section


def test_my_questions_without_enterprise_offer_registering_and_linking(login):
    section = login(f.UserFactory(username="nieuw")).get(reverse("helpdesk:my-cases")).content.decode().split(
        'id="enterprise-heading"')[1]
    assert f'href="{reverse("enterprises:self-register")}"' in section
    assert f'href="{reverse("helpdesk:link-enterprise")}"' in section and 'id="my-enterprises"' not in section


def test_verification_with_an_unknown_kvk_number_links_to_registering(client, haarlem):
    user = f.UserFactory(username="nina@example.org", email="nina@example.org", is_active=False)
    response = client.post(reverse("helpdesk:signup-verify", args=[signup.make_token(user, "87654321")]),
                           {"password": "test-password-123"}, follow=True)
    content = response.content.decode()
    assert "Er staat geen onderneming met dit KvK-nummer in het register." in content
    assert (f'<a class="utrecht-link" href="{reverse("enterprises:self-register")}?kvk_number=87654321">'
            "Meld uw onderneming aan</a>" in content)


def test_linking_an_unknown_kvk_number_offers_registering(login, ondernemer_1):
    response = login(f.UserFactory(username="nieuw")).post(reverse("helpdesk:link-enterprise"),
                                                           {"kvk_number": "99999999"})
    content = response.content.decode()
    assert response.status_code == 400 and "meld uw onderneming aan" in content
    assert (f'href="{reverse("enterprises:self-register")}?kvk_number=99999999"'
            in content.split('id="self-register-hint"')[1])


# --- 7. the dashboard of a new account ------------------------------------------------------------


def _self_signed_up(username="nina@example.org"):
    return f.UserFactory(username=username, email=username, email_verified=True)


def test_a_self_signed_up_entrepreneur_is_offered_registering_and_linking(login):
    content = login(_self_signed_up()).get(reverse("dashboard")).content.decode()
    assert "nog geen rol" not in content
    start = content.split('data-dashboard-panel="entrepreneur-start"')[1]
    assert f'href="{reverse("enterprises:self-register")}"' in start
    assert f'href="{reverse("helpdesk:link-enterprise")}"' in start


def test_a_pending_link_request_is_shown_on_the_dashboard(login, enterprise_haarlem, ondernemer_1, broker_haarlem):
    newcomer = f.UserFactory(username="nieuwe-eigenaar")
    EnterpriseLinkRequest.objects.create(user=newcomer, enterprise=enterprise_haarlem,
                                         status=LinkRequestStatus.PENDING)
    content = login(newcomer).get(reverse("dashboard")).content.decode()
    assert "nog geen rol" not in content
    assert f"uw account aan {enterprise_haarlem.name} te koppelen wacht op bevestiging door de gemeente" in content


def test_an_account_made_by_an_administrator_still_asks_for_a_role(login):
    content = login(f.UserFactory(username="medewerker")).get(reverse("dashboard")).content.decode()
    assert "nog geen rol" in content and 'data-dashboard-panel="entrepreneur-start"' not in content


# --- 8. suggestions near the asker -----------------------------------------------------------------


@pytest.fixture
def network_instruments(db):
    for name, region in (("De Omslag", "Eindhoven"), ("Impact Hub Amsterdam", "Amsterdam"),
                         ("Stichting Stadsgarage", "Haarlem en Kennemerland")):
        KnowledgeInstrument.objects.create(name=name, kind=InstrumentKind.NETWORK, region=region, description=name)


def _first_suggestion(client):
    html = client.get(reverse("helpdesk:suggestions"), {"category": "referral"}).content.decode()
    return re.search(r'rel="noopener"[^>]*>([^<]*)<', html).group(1)


def test_suggestions_are_near_an_enterprise_awaiting_its_link(login, network_instruments, enterprise_haarlem,
                                                              ondernemer_1):
    newcomer = f.UserFactory(username="nieuwe-eigenaar")
    EnterpriseLinkRequest.objects.create(user=newcomer, enterprise=enterprise_haarlem,
                                         status=LinkRequestStatus.PENDING)
    assert _first_suggestion(login(newcomer)) == "Stichting Stadsgarage"


def test_suggestions_are_near_a_just_registered_enterprise(login, network_instruments, haarlem):
    from enterprises.services import enterprise_register

    user = _self_signed_up()
    enterprise_register(by=user, name="Nieuwe onderneming", kvk_number="87654321", municipality=haarlem)
    assert _first_suggestion(login(user)) == "Stichting Stadsgarage"


def test_choosing_the_municipality_after_the_category_updates_the_suggestions(login):
    html = login(f.UserFactory(username="nieuw")).get(reverse("helpdesk:case-new")).content.decode()
    select = html.split('name="organisation"')[0].rsplit("<select", 1)[1]
    assert f'hx-get="{reverse("helpdesk:suggestions")}"' in select and "#id_category" in select


# --- 9. the entrepreneur's dashboard ------------------------------------------------------------------


def test_the_entrepreneurs_dashboard_links_the_enterprise_and_counts_open_questions(
        login, make_case, ondernemer_1, enterprise_haarlem, broker_haarlem, settings):
    settings.DASHBOARD_CACHE_SECONDS = 0  # count the queries of a fresh rendering each time
    client = login(ondernemer_1)
    client.get(reverse("dashboard"))  # the session and the menus

    def dashboard():
        with CaptureQueriesContext(connection) as queries:
            content = client.get(reverse("dashboard")).content.decode()
        return content, len(queries)

    make_case(ondernemer_1, enterprise_haarlem)
    content, few = dashboard()
    assert f'href="{reverse("enterprises:mine-detail", args=[enterprise_haarlem.pk])}"' in content
    card = content.split('data-figure="my-open-questions"')[1].split("</a>")[0]
    assert '<span class="portal-figure">1</span>open vraag in Mijn vragen' in card
    assert f'<a class="portal-card" href="{reverse("helpdesk:my-cases")}?open=1" data-figure="my-open-questions"' in content
    for _ in range(3):
        make_case(ondernemer_1, enterprise_haarlem)
    done = make_case(ondernemer_1, enterprise_haarlem)
    services.case_set_status(case=done, status=CaseStatus.RESOLVED, by=broker_haarlem)
    content, many = dashboard()
    assert '<span class="portal-figure">4</span>open vragen in Mijn vragen' in content
    # The tile opens exactly the four it counts; without the key the page lists all five.
    assert len(client.get(reverse("helpdesk:my-cases"), {"open": "1"}).context["cases"]) == 4
    assert len(client.get(reverse("helpdesk:my-cases")).context["cases"]) == 5
    assert many == few  # a count, not a row per question
