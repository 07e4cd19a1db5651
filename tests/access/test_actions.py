"""Named actions through the generic path: 404 outside the view scope, 403 inside it without the
grant, in the UI (ScopedActionView) and the API (ActionMixin); the object stays unchanged when
refused. Role-gated pages say that the page is not for the user's role."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from enterprises.constants import AdmissionStatus, CertificationStatus, Scheme
from enterprises.models import Certification, Enterprise
from impactportal import access
from tests import factories as f

pytestmark = pytest.mark.django_db


def make_cert(enterprise, **values):
    values.setdefault("valid_until", timezone.localdate() + dt.timedelta(days=300))
    return Certification.objects.create(enterprise=enterprise, scheme=Scheme.PSO_1, number=f"PSO-{enterprise.pk}",
                                        **values)


@pytest.fixture
def cert_haarlem(enterprise_haarlem, ondernemer_1):
    return make_cert(enterprise_haarlem)


def test_policy_names_actions_and_rejects_unknown_ones():
    policy = access.policy_of(Certification)
    assert {g.role for g in policy.grants("verify")} == {access.BROKER}
    assert policy.grants(access.DELETE) == tuple(policy.change)  # not named: falls back to change
    assert access.policy_of(Enterprise).grants(access.DELETE) != tuple(access.policy_of(Enterprise).change)
    with pytest.raises(ValueError):
        policy.grants("fly")


def test_require_distinguishes_outside_scope_from_not_granted(cert_haarlem, broker_haarlem, broker_amersfoort,
                                                              ondernemer_1, ondernemer_2):
    access.require(broker_haarlem, "verify", cert_haarlem)  # granted: no exception
    with pytest.raises(PermissionDenied):
        access.require(broker_amersfoort, "verify", cert_haarlem)  # sees the register, not their municipality
    with pytest.raises(PermissionDenied):
        access.require(ondernemer_1, "verify", cert_haarlem)  # own certificate, but brokers verify
    with pytest.raises(Http404):
        access.require(ondernemer_2, "verify", cert_haarlem)  # not theirs and not public


def test_may_answers_per_model_without_an_object(broker_haarlem, ondernemer_1, inkoper_haarlem, stuurgroep):
    assert access.may(broker_haarlem, "register", Enterprise)
    assert access.may(inkoper_haarlem, "register", Enterprise)
    assert not access.may(ondernemer_1, "register", Enterprise)
    assert not access.may(stuurgroep, "register", Enterprise)


@pytest.mark.parametrize("user_fixture, expected", [
    ("broker_haarlem", 302), ("broker_amersfoort", 403), ("ondernemer_1", 403), ("ondernemer_2", 404),
])
def test_ui_action_outcomes(request, login, cert_haarlem, user_fixture, expected):
    user = request.getfixturevalue(user_fixture)
    before = Certification.objects.values().get(pk=cert_haarlem.pk)
    response = login(user).post(reverse("enterprises:certification-action", args=[cert_haarlem.pk]),
                                {"action": "verify"})
    assert response.status_code == expected
    after = Certification.objects.values().get(pk=cert_haarlem.pk)
    if expected == 302:
        assert after["verified_by_id"] == user.pk
    else:
        assert after == before


@pytest.mark.parametrize("user_fixture, expected", [
    ("broker_haarlem", 200), ("broker_amersfoort", 403), ("ondernemer_1", 403), ("ondernemer_2", 404),
])
def test_api_action_outcomes(request, api, cert_haarlem, user_fixture, expected):
    user = request.getfixturevalue(user_fixture)
    before = Certification.objects.values().get(pk=cert_haarlem.pk)
    response = api(user).post(f"/api/v1/certifications/{cert_haarlem.pk}/verify/")
    assert response.status_code == expected
    after = Certification.objects.values().get(pk=cert_haarlem.pk)
    if expected == 200:
        assert response.json()["verified"] is True and after["verified_by_id"] == user.pk
    else:
        assert after == before


def test_ui_action_bad_input_rerenders_with_errors_and_400(login, broker_haarlem, cert_haarlem):
    response = login(broker_haarlem).post(reverse("enterprises:certification-action", args=[cert_haarlem.pk]),
                                          {"action": "burn"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    cert_haarlem.refresh_from_db()
    assert cert_haarlem.verified_at is None


def test_service_refusal_keeps_the_input_and_answers_400(login, broker_haarlem, enterprise_haarlem):
    Enterprise.objects.filter(pk=enterprise_haarlem.pk).update(admission_status=AdmissionStatus.UNDER_REVIEW)
    response = login(broker_haarlem).post(reverse("enterprises:admission", args=[enterprise_haarlem.pk]),
                                          {"decision": "reject", "reasons": ""})
    assert response.status_code == 400
    assert "Geef bij een afwijzing de redenen op." in response.content.decode()
    assert Enterprise.objects.get(pk=enterprise_haarlem.pk).admission_status == AdmissionStatus.UNDER_REVIEW


def test_delete_is_a_named_action_in_ui_and_api(login, api, ondernemer_1, broker_haarlem, enterprise_haarlem):
    assert login(ondernemer_1).post(reverse("enterprises:enterprise-delete", args=[enterprise_haarlem.pk])
                                    ).status_code == 403
    assert api(ondernemer_1).delete(f"/api/v1/enterprises/{enterprise_haarlem.pk}/").status_code == 403
    assert Enterprise.objects.filter(pk=enterprise_haarlem.pk).exists()
    assert api(broker_haarlem).delete(f"/api/v1/enterprises/{enterprise_haarlem.pk}/").status_code == 204


@pytest.mark.parametrize("url_name", ["enterprises:register", "helpdesk:inbox", "helpdesk:service-levels",
                                      "helpdesk:link-request-list"])
def test_pages_of_another_role_say_so(login, stuurgroep, url_name):
    response = login(stuurgroep).get(reverse(url_name))
    assert response.status_code == 403
    assert 'id="role-message"' in response.content.decode()


def test_visitors_are_sent_to_the_login_page(client):
    for url_name in ("enterprises:register", "helpdesk:inbox", "helpdesk:link-request-list"):
        response = client.get(reverse(url_name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- certificates: the public part and the private part (issue 15 item 2) -------------------


@pytest.fixture
def public_cert(showcase_enterprise, broker_haarlem):
    from django.core.files.base import ContentFile

    cert = make_cert(showcase_enterprise, notes="Gesprek met Jan", status=CertificationStatus.VERIFIED)
    cert.evidence.save("bewijs.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    return cert


@pytest.fixture
def showcase_enterprise(haarlem):
    return f.EnterpriseFactory(name="Etalage BV", municipality=haarlem, is_published=True,
                               admission_status=AdmissionStatus.ADMITTED)


def test_evidence_of_a_public_certificate_is_not_public(login, client, public_cert, broker_haarlem, broker_amersfoort,
                                                        ondernemer_2, stuurgroep, inkoper_haarlem):
    url = reverse("enterprises:certification-evidence", args=[public_cert.pk])
    assert login(broker_haarlem).get(url).status_code == 200
    for user in (broker_amersfoort, ondernemer_2, stuurgroep, inkoper_haarlem):
        client.logout()
        assert login(user).get(url).status_code == 403, user
    client.logout()
    assert client.get(url).status_code == 302


def test_own_entrepreneur_downloads_evidence(login, public_cert):
    owner = f.entrepreneur(public_cert.enterprise, "eigenaar")
    assert login(owner).get(reverse("enterprises:certification-evidence", args=[public_cert.pk])).status_code == 200


def test_certificate_page_hides_history_notes_and_evidence_from_outsiders(login, client, public_cert, ondernemer_2,
                                                                         stuurgroep, broker_haarlem):
    url = reverse("enterprises:certification-detail", args=[public_cert.pk])
    for user in (ondernemer_2, stuurgroep):
        client.logout()
        page = login(user).get(url).content.decode()
        assert "Gesprek met Jan" not in page
        assert "Bewijsstuk downloaden" not in page
        assert 'id="history-heading"' not in page
    client.logout()
    page = login(broker_haarlem).get(url).content.decode()
    assert "Gesprek met Jan" in page and "Bewijsstuk downloaden" in page and 'id="history-heading"' in page


def test_api_certificate_hides_notes_and_evidence_from_anonymous_and_outsiders(api, public_cert, ondernemer_2,
                                                                              broker_haarlem, broker_amersfoort):
    for user in (None, ondernemer_2, broker_amersfoort):
        body = api(user).get(f"/api/v1/certifications/{public_cert.pk}/").json()
        assert body["scheme"] == Scheme.PSO_1 and body["notes"] is None and body["evidence_url"] is None, user
        listed = api(user).get(f"/api/v1/certifications/?enterprise={public_cert.enterprise_id}").json()["results"]
        assert all(row["notes"] is None and row["evidence_url"] is None for row in listed)
    body = api(broker_haarlem).get(f"/api/v1/certifications/{public_cert.pk}/").json()
    assert body["notes"] == "Gesprek met Jan" and body["evidence_url"]


# --- a material change of an admitted enterprise goes back to review (issue 15 item 9) ------


def test_entrepreneur_renaming_an_admitted_enterprise_sends_it_back_to_review(api, showcase_enterprise, amersfoort,
                                                                             broker_haarlem):
    owner = f.entrepreneur(showcase_enterprise, "eigenaar")
    response = api(owner).patch(f"/api/v1/enterprises/{showcase_enterprise.pk}/",
                                {"name": "Iets Anders BV", "confirm_review": True}, format="json")
    assert response.status_code == 200
    showcase_enterprise.refresh_from_db()
    assert showcase_enterprise.admission_status == AdmissionStatus.APPLIED
    assert not Enterprise.objects.filter(pk=showcase_enterprise.pk, is_published=True,
                                         admission_status=AdmissionStatus.ADMITTED).exists()
    assert broker_haarlem.notifications.filter(subject__contains="Opnieuw beoordelen").exists()


def test_other_changes_and_broker_changes_keep_the_admission(api, showcase_enterprise, broker_haarlem):
    owner = f.entrepreneur(showcase_enterprise, "eigenaar")
    assert api(owner).patch(f"/api/v1/enterprises/{showcase_enterprise.pk}/", {"website": "https://etalage.nl"},
                            format="json").status_code == 200
    assert api(broker_haarlem).patch(f"/api/v1/enterprises/{showcase_enterprise.pk}/", {"name": "Etalage Twee"},
                                     format="json").status_code == 200
    showcase_enterprise.refresh_from_db()
    assert showcase_enterprise.admission_status == AdmissionStatus.ADMITTED
