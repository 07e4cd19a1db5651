"""Findings of a user walk of the register:

A. An entrepreneur changing a material fact (here: moving from Haarlem to Amersfoort) re-opened
   the admission but left Haarlem's decision on screen as the current one, the admission's SROI
   badge "Geverifieerd" (and counted as a valid label), and told Amersfoort's brokers only.
B. An admitted enterprise is not in the showcase until its profile is published, and nothing
   said so; the decider may now publish at once.
C. Texts written for the entrepreneur were shown to the broker acting on its behalf.
"""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from enterprises import checks, services
from enterprises.constants import AdmissionStatus, CertificationSource, CertificationStatus, Scheme
from enterprises.models import Certification, Enterprise
from impactportal.audit import acting_as
from impactportal.models import Notification
from impactportal.text import short_date

from .test_material_change import edit

pytestmark = pytest.mark.django_db


@pytest.fixture
def admitted(enterprise_haarlem, ondernemer_1, broker_haarlem, today):
    """Admitted by Haarlem's committee, without a quality mark: it holds the platform's badge."""
    services.enterprise_apply(enterprise=enterprise_haarlem, by=ondernemer_1)
    services.admission_start_review(enterprise=enterprise_haarlem, by=broker_haarlem)
    with acting_as(broker_haarlem):
        services.admission_decide(enterprise=enterprise_haarlem, by=broker_haarlem, admit=True, today=today,
                                  reasons="Voldoet aan de vijf kenmerken")
    enterprise_haarlem.refresh_from_db()
    return enterprise_haarlem


def badge_of(enterprise):
    return Certification.objects.get(enterprise=enterprise, scheme=Scheme.SROI_BADGE)


# --- A: a material change re-opens the admission --------------------------------------------


def test_moving_clears_the_decision_ends_the_badge_and_tells_both_municipalities(
        login, admitted, ondernemer_1, broker_haarlem, broker_amersfoort, amersfoort, today):
    assert badge_of(admitted).status == CertificationStatus.VERIFIED
    response = edit(login(ondernemer_1), admitted, municipality=amersfoort.pk, confirm_review="on")
    assert response.status_code == 302
    admitted.refresh_from_db()
    assert admitted.admission_status == AdmissionStatus.APPLIED
    assert (admitted.admission_decided_at, admitted.admission_decided_by, admitted.admission_reasons) == (
        None, None, "")
    # The old decision stays in the change log.
    reasons = [e.changes_dict["admission_reasons"] for e in LogEntry.objects.get_for_object(admitted)
               if "admission_reasons" in e.changes_dict]
    assert ["Voldoet aan de vijf kenmerken", ""] in reasons

    # The badge the admission issued is ended (kept, not deleted) and no longer counts as valid.
    badge = badge_of(admitted)
    assert badge.source == CertificationSource.ADMISSION and badge.status == CertificationStatus.REVOKED
    assert not checks.is_valid(badge.facts, today)
    assert not Certification.objects.filter(pk=badge.pk).valid(today).exists()

    # Amersfoort reviews; Haarlem, which admitted it, hears that its decision no longer holds.
    assert Notification.objects.filter(recipient=broker_amersfoort, subject__startswith="Opnieuw beoordelen").exists()
    told = Notification.objects.get(recipient=broker_haarlem, subject__startswith="Verhuisd")
    assert "Amersfoort" in told.body and "SROI-badge" in told.body and "SROI-contracten" in told.body
    assert not Notification.objects.filter(recipient=ondernemer_1, subject__startswith="Verhuisd").exists()

    # Neither page shows Haarlem's decision as the current one.
    page = login(broker_amersfoort).get(reverse("enterprises:detail", args=[admitted.pk])).content.decode()
    assert "besloten op" not in page and 'id="admission-reasons"' not in page
    mine = login(ondernemer_1).get(reverse("enterprises:mine-detail", args=[admitted.pk])).content.decode()
    assert "Voldoet aan de vijf kenmerken" not in mine.split('id="admission-status"')[1].split("</p>")[0]


def test_readmission_issues_the_badge_again(login, admitted, ondernemer_1, broker_amersfoort, amersfoort, today):
    edit(login(ondernemer_1), admitted, municipality=amersfoort.pk, confirm_review="on")
    admitted.refresh_from_db()
    assert badge_of(admitted).status == CertificationStatus.REVOKED
    client = login(broker_amersfoort)
    url = reverse("enterprises:admission", args=[admitted.pk])
    assert client.post(url, {"action": "review"}).status_code == 302
    assert client.post(url, {"decision": "admit", "reasons": "Past bij Amersfoort"}).status_code == 302
    admitted.refresh_from_db()
    assert admitted.admission_status == AdmissionStatus.ADMITTED and admitted.admission_decided_by == broker_amersfoort
    badge = badge_of(admitted)  # the same row, not a second badge
    assert badge.status == CertificationStatus.VERIFIED and badge.verified_by == broker_amersfoort
    assert badge.issuer.endswith("Amersfoort") and badge.valid_until == checks.badge_valid_until(today)


def readmit(client, enterprise, broker, on, monkeypatch):
    """A material change (a new name) re-opens the admission; ``broker`` admits it again on ``on``
    (the clock moves with it: the notice of each decision is keyed on its moment)."""
    later = timezone.now() + (on - timezone.localdate()) + dt.timedelta(seconds=1)
    assert edit(client, enterprise, name=f"{enterprise.name} B", confirm_review="on").status_code == 302
    enterprise.refresh_from_db()
    services.admission_start_review(enterprise=enterprise, by=broker)
    monkeypatch.setattr(timezone, "now", lambda: later)
    with acting_as(broker):
        services.admission_decide(enterprise=enterprise, by=broker, admit=True, today=on, reasons="Opnieuw")
    enterprise.refresh_from_db()


def test_readmission_keeps_the_badge_year_of_the_first_admission(login, admitted, ondernemer_1, broker_haarlem,
                                                                  today, monkeypatch):
    end = badge_of(admitted).valid_until
    readmit(login(ondernemer_1), admitted, broker_haarlem, today + dt.timedelta(days=200), monkeypatch)
    badge = badge_of(admitted)  # still one badge, restored, with the first admission's end
    assert badge.status == CertificationStatus.VERIFIED and badge.valid_until == end
    assert badge.issued_on == today
    told = Notification.objects.filter(recipient=ondernemer_1, subject__endswith="toegelaten tot de etalage")
    assert told.latest("pk").body.count(short_date(end)) == 1


def test_readmission_after_the_badge_year_gives_no_new_badge(login, admitted, ondernemer_1, broker_haarlem, today,
                                                             monkeypatch):
    end = badge_of(admitted).valid_until
    readmit(login(ondernemer_1), admitted, broker_haarlem, end + dt.timedelta(days=1), monkeypatch)
    assert admitted.admission_status == AdmissionStatus.ADMITTED
    badge = badge_of(admitted)  # the old one, still ended: the bridge year is over
    assert badge.status == CertificationStatus.REVOKED and badge.valid_until == end
    body = Notification.objects.filter(recipient=ondernemer_1,
                                       subject__endswith="toegelaten tot de etalage").latest("pk").body
    assert "SROI-badge" in body and "voorbij" in body and "tot en met" not in body


def test_a_name_change_in_the_same_municipality_tells_its_brokers_once(login, admitted, ondernemer_1,
                                                                       broker_haarlem):
    edit(login(ondernemer_1), admitted, name="Kringloop Nieuw", confirm_review="on")
    admitted.refresh_from_db()
    assert admitted.admission_status == AdmissionStatus.APPLIED and admitted.admission_reasons == ""
    assert Notification.objects.filter(recipient=broker_haarlem, subject__startswith="Opnieuw").count() == 1
    assert not Notification.objects.filter(recipient=broker_haarlem, subject__startswith="Verhuisd").exists()


def test_a_change_through_the_api_clears_the_decision_and_ends_the_badge(api, admitted, ondernemer_1,
                                                                         broker_haarlem):
    url = f"/api/v1/enterprises/{admitted.pk}/"
    # Unasked, as the form's tick box: refused, nothing changed (a PATCH did it silently).
    refused = api(ondernemer_1).patch(url, {"name": "Kringloop Api"}, format="json")
    assert refused.status_code == 400 and "confirm_review: true" in refused.json()["confirm_review"][0]
    admitted.refresh_from_db()
    assert admitted.admission_status == AdmissionStatus.ADMITTED and admitted.name != "Kringloop Api"
    response = api(ondernemer_1).patch(url, {"name": "Kringloop Api", "confirm_review": True}, format="json")
    assert response.status_code == 200, response.content
    assert "confirm_review" not in response.json()
    admitted.refresh_from_db()
    assert admitted.admission_status == AdmissionStatus.APPLIED and admitted.admission_decided_at is None
    assert admitted.admission_reasons == "" and badge_of(admitted).status == CertificationStatus.REVOKED
    assert not Notification.objects.filter(recipient=broker_haarlem, subject__startswith="Verhuisd").exists()


# --- B: admitted but not published ----------------------------------------------------------


def test_an_admitted_unpublished_enterprise_says_why_it_is_not_in_the_showcase(login, admitted, broker_haarlem,
                                                                                broker_amersfoort):
    assert not admitted.is_published
    page = login(broker_haarlem).get(reverse("enterprises:detail", args=[admitted.pk])).content.decode()
    hint = page.split('id="publish-hint"')[1].split("</span>")[0]
    assert "nog niet gepubliceerd" in hint
    assert reverse("enterprises:enterprise-update", args=[admitted.pk]) in hint  # may edit: a link
    other = login(broker_amersfoort).get(reverse("enterprises:detail", args=[admitted.pk])).content.decode()
    hint = other.split('id="publish-hint"')[1].split("</span>")[0]
    assert "nog niet gepubliceerd" in hint and "enterprise-update" not in hint and "/wijzigen" not in hint
    assert reverse("enterprises:enterprise-update", args=[admitted.pk]) not in hint
    Enterprise.objects.filter(pk=admitted.pk).update(is_published=True)
    page = login(broker_haarlem).get(reverse("enterprises:detail", args=[admitted.pk])).content.decode()
    assert 'id="publish-hint"' not in page


@pytest.fixture
def under_review(enterprise_haarlem, ondernemer_1, broker_haarlem):
    services.enterprise_apply(enterprise=enterprise_haarlem, by=ondernemer_1)
    services.admission_start_review(enterprise=enterprise_haarlem, by=broker_haarlem)
    return enterprise_haarlem


@pytest.fixture
def visitor_cache(settings):
    settings.PUBLIC_PAGE_CACHE = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "admission-integrity-test"}}
    cache.clear()
    yield
    cache.clear()


def test_the_decider_may_publish_at_once_and_the_showcase_shows_it(visitor_cache, login, under_review,
                                                                   broker_haarlem, ondernemer_1, make_cert,
                                                                   django_capture_on_commit_callbacks):
    make_cert(under_review, Scheme.B_CORP)  # no badge issued: only the enterprise's own save renews the cache
    client = login(broker_haarlem)
    page = client.get(reverse("enterprises:detail", args=[under_review.pk])).content.decode()
    form = page.split('id="admission-form"')[1].split("</form>")[0]
    assert 'name="publish"' in form and "Meteen publiceren in de etalage" in form and "checked" not in form
    # A visitor's showcase is cached before the decision.
    assert under_review.name not in Client().get(reverse("etalage")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("enterprises:admission", args=[under_review.pk]),
                               {"decision": "admit", "publish": "on"})
    assert response.status_code == 302
    said = " ".join(str(m) for m in client.get(response.url).context["messages"])
    assert "de onderneming staat nu in de etalage" in said
    under_review.refresh_from_db()
    assert under_review.in_showcase and not Certification.objects.filter(scheme=Scheme.SROI_BADGE).exists()
    assert under_review.name in Client().get(reverse("etalage")).content.decode()
    told = Notification.objects.get(recipient=ondernemer_1, subject__contains="toegelaten")
    assert "staat nu in de etalage" in told.body and "Zet 'gepubliceerd' aan" not in told.body


def test_without_the_tick_admission_does_not_publish(login, under_review, broker_haarlem, ondernemer_1):
    response = login(broker_haarlem).post(reverse("enterprises:admission", args=[under_review.pk]),
                                          {"decision": "admit"})
    assert response.status_code == 302
    under_review.refresh_from_db()
    assert under_review.admission_status == AdmissionStatus.ADMITTED and not under_review.is_published
    told = Notification.objects.get(recipient=ondernemer_1, subject__contains="toegelaten")
    assert "Zet 'gepubliceerd' aan" in told.body


def test_a_rejection_never_publishes(under_review, broker_haarlem):
    services.admission_decide(enterprise=under_review, by=broker_haarlem, admit=False, reasons="Nee",
                              publish=True)
    under_review.refresh_from_db()
    assert not under_review.is_published


# --- C: texts for the one who reads them ----------------------------------------------------


def test_applying_on_behalf_reads_as_written_to_the_broker(login, enterprise_haarlem, broker_haarlem):
    response = login(broker_haarlem).post(reverse("enterprises:apply", args=[enterprise_haarlem.pk]), follow=True)
    text = " ".join(str(m) for m in response.context["messages"])
    assert "De aanvraag is ingediend." in text and "de ondernemer krijgt bericht van het besluit" in text
    assert "u krijgt bericht" not in text


def test_applying_yourself_still_reads_as_written_to_you(login, enterprise_haarlem, ondernemer_1):
    response = login(ondernemer_1).post(reverse("enterprises:apply", args=[enterprise_haarlem.pk]), follow=True)
    text = " ".join(str(m) for m in response.context["messages"])
    assert "u krijgt bericht van het besluit" in text


def test_definition_check_line_fits_who_reads_it(login, enterprise_haarlem, broker_haarlem, partner_haarlem):
    url = reverse("enterprises:detail", args=[enterprise_haarlem.pk])
    broker = login(broker_haarlem).get(url).content.decode()
    assert "Uw organisatie heeft de vijf kenmerken nog niet getoetst." in broker
    partner = login(partner_haarlem).get(url).content.decode()
    assert 'id="no-definition-check"' in partner  # the partner's desk sees the section …
    assert "Uw organisatie heeft de vijf kenmerken nog niet getoetst." not in partner  # … but cannot check


def test_the_brokers_and_other_changes_need_no_confirmation(api, admitted, ondernemer_1, broker_haarlem):
    url = f"/api/v1/enterprises/{admitted.pk}/"
    assert api(ondernemer_1).patch(url, {"description": "Nieuw verhaal."}, format="json").status_code == 200
    assert api(broker_haarlem).patch(url, {"name": "Kringloop Centrum"}, format="json").status_code == 200
    admitted.refresh_from_db()
    assert admitted.admission_status == AdmissionStatus.ADMITTED and admitted.name == "Kringloop Centrum"
