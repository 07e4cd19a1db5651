"""Admission rules per platform (issue 10 part 5): which rule applies, automatic admission on a
valid recognised label, its withdrawal when the label lapses, and the settings page."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from enterprises import admission, services, tasks
from enterprises.constants import (
    AdmissionMode,
    AdmissionRoute,
    AdmissionStatus,
    CertificationStatus,
    EnterpriseType,
    Scheme,
)
from enterprises.models import DEFAULT_DEFINITION, AdmissionRule, Enterprise
from impactportal.audit import acting_as
from impactportal.models import Notification
from tests import factories as f

pytestmark = pytest.mark.django_db

LABELS = [Scheme.PSO_1, Scheme.PSO_2, Scheme.PSO_3, Scheme.PSO_30, Scheme.CSO, Scheme.B_CORP, Scheme.CEDRIS]


@pytest.fixture
def oost(amersfoort):
    """A region with Impact Oost's rule: automatic on a recognised label (Amersfoort is a member)."""
    region = f.RegionFactory(name="Oost-Nederland", slug="oost-nederland", members=[amersfoort])
    return AdmissionRule.objects.create(region=region, platform_name="Impact Oost", mode=AdmissionMode.LABEL,
                                        accepted_schemes=LABELS)


def applied(enterprise):
    Enterprise.objects.filter(pk=enterprise.pk).update(admission_status=AdmissionStatus.APPLIED,
                                                       applied_at=timezone.now())
    enterprise.refresh_from_db()
    return enterprise


# --- which rule applies ---------------------------------------------------------------------


def test_rule_resolution_municipality_then_region_then_default(haarlem, amersfoort, region, oost,
                                                               enterprise_haarlem, enterprise_amersfoort):
    # Haarlem: no rule of its own, its region (ZKIJ) none either: the default committee rule.
    default = admission.rule_for(enterprise_haarlem)
    assert default.is_default and default.mode == AdmissionMode.COMMITTEE and not default.is_automatic
    assert default.definition_text == str(DEFAULT_DEFINITION)
    # Amersfoort: the region's rule.
    assert admission.rule_for(enterprise_amersfoort) == oost
    # A regional rule for ZKIJ now applies to Haarlem …
    zkij = AdmissionRule.objects.create(region=region, mode=AdmissionMode.LABEL_OR_COMMITTEE,
                                        accepted_schemes=[Scheme.CSO])
    assert admission.rule_for(enterprise_haarlem) == zkij
    # … until Haarlem sets its own, which wins over the region's.
    own = AdmissionRule.objects.create(organisation=haarlem, definition="Onze eigen criteria.")
    assert admission.rule_for(enterprise_haarlem) == own
    assert own.definition_text == "Onze eigen criteria."
    assert admission.rules_by_municipality() == {haarlem.pk: own, amersfoort.pk: oost}


def test_a_rule_has_exactly_one_owner_and_known_labels(haarlem, region):
    with pytest.raises(ValidationError):
        AdmissionRule(organisation=haarlem, region=region).full_clean()
    with pytest.raises(ValidationError):
        AdmissionRule().full_clean()
    with pytest.raises(ValidationError) as error:
        AdmissionRule(organisation=haarlem, mode=AdmissionMode.LABEL, accepted_schemes=[Scheme.SROI_BADGE]).full_clean()
    assert "accepted_schemes" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        AdmissionRule(organisation=haarlem, mode=AdmissionMode.LABEL, accepted_schemes=[]).full_clean()
    assert "accepted_schemes" in error.value.message_dict


def test_new_scheme_and_enterprise_type_are_valid(enterprise_haarlem, make_cert):
    enterprise_haarlem.enterprise_type = EnterpriseType.SHELTERED_WORK
    enterprise_haarlem.full_clean()
    enterprise_haarlem.save()
    cert = make_cert(enterprise_haarlem, Scheme.CEDRIS)
    cert.full_clean()
    assert cert.get_scheme_display() == "Cedris-leerwerkbedrijf"
    assert enterprise_haarlem.get_enterprise_type_display() == "SW-bedrijf"


# --- automatic admission --------------------------------------------------------------------


def test_verifying_an_accepted_label_admits_the_application(oost, enterprise_amersfoort, broker_amersfoort,
                                                            ondernemer_2, make_cert, today):
    enterprise = applied(enterprise_amersfoort)
    cert = make_cert(enterprise, Scheme.CEDRIS, verified_at=None, status=CertificationStatus.UNVERIFIED)
    assert not admission.admit_on_label(enterprise=enterprise, today=today)  # unverified: no
    with acting_as(broker_amersfoort):
        services.certification_verify(certification=cert, by=broker_amersfoort, today=today)
    enterprise.refresh_from_db()
    assert enterprise.admission_status == AdmissionStatus.ADMITTED
    assert enterprise.admission_route == AdmissionRoute.LABEL
    assert enterprise.admission_certificate == cert
    assert "Cedris-leerwerkbedrijf" in enterprise.admission_reasons and "Impact Oost" in enterprise.admission_reasons
    # Audited: the change of status is in the log.
    entry = LogEntry.objects.get_for_object(enterprise).filter(changes__icontains="admission_status").first()
    assert entry is not None and "admitted" in str(entry.changes)
    assert Notification.objects.filter(recipient=ondernemer_2, subject__contains="toegelaten").exists()


def test_applying_with_a_valid_label_admits_at_once(oost, enterprise_amersfoort, ondernemer_2, make_cert, today):
    make_cert(enterprise_amersfoort, Scheme.B_CORP)
    enterprise = services.enterprise_apply(enterprise=enterprise_amersfoort, by=ondernemer_2)
    assert enterprise.admission_status == AdmissionStatus.ADMITTED
    assert enterprise.admission_route == AdmissionRoute.LABEL


@pytest.mark.parametrize("scheme, days", [(Scheme.CEDRIS, -1), (Scheme.SENL, 365), (Scheme.SROI_BADGE, 365)])
def test_no_admission_on_an_expired_or_not_accepted_label(oost, enterprise_amersfoort, make_cert, today,
                                                          scheme, days):
    enterprise = applied(enterprise_amersfoort)
    make_cert(enterprise, scheme, days=days)
    assert not admission.admit_on_label(enterprise=enterprise, today=today)
    assert tasks.certification_checks(today=today.isoformat())["admitted_on_label"] == 0
    enterprise.refresh_from_db()
    assert enterprise.admission_status == AdmissionStatus.APPLIED


def test_committee_rule_never_admits_automatically(enterprise_haarlem, make_cert, today):
    enterprise = applied(enterprise_haarlem)
    make_cert(enterprise, Scheme.PSO_30)
    assert tasks.certification_checks(today=today.isoformat())["admitted_on_label"] == 0
    enterprise.refresh_from_db()
    assert enterprise.admission_status == AdmissionStatus.APPLIED


def test_daily_job_admits_open_applications_with_a_label_once(oost, enterprise_amersfoort, make_cert, today):
    enterprise = applied(enterprise_amersfoort)
    rejected = f.EnterpriseFactory(municipality=enterprise.municipality, admission_status=AdmissionStatus.REJECTED)
    make_cert(enterprise, Scheme.PSO_2)
    make_cert(rejected, Scheme.PSO_2)
    assert tasks.certification_checks(today=today.isoformat())["admitted_on_label"] == 1
    assert tasks.certification_checks(today=today.isoformat())["admitted_on_label"] == 0
    enterprise.refresh_from_db()
    rejected.refresh_from_db()
    assert enterprise.admission_status == AdmissionStatus.ADMITTED
    assert rejected.admission_status == AdmissionStatus.REJECTED  # a committee's rejection stands


def test_label_only_platform_refuses_a_committee_admission(oost, enterprise_amersfoort, broker_amersfoort, today):
    enterprise = applied(enterprise_amersfoort)
    services.admission_start_review(enterprise=enterprise, by=broker_amersfoort)
    with pytest.raises(ValidationError) as error:
        services.admission_decide(enterprise=enterprise, by=broker_amersfoort, admit=True, today=today)
    assert "decision" in error.value.message_dict


# --- withdrawal -----------------------------------------------------------------------------


def test_withdrawn_when_the_label_expires_and_brokers_told_once(oost, enterprise_amersfoort, broker_amersfoort,
                                                                make_cert, today):
    enterprise = applied(enterprise_amersfoort)
    make_cert(enterprise, Scheme.CSO, days=10)
    admission.admit_on_label(enterprise=enterprise, today=today)
    assert tasks.certification_checks(today=today.isoformat())["admissions_withdrawn"] == 0
    later = today + dt.timedelta(days=11)
    summary = tasks.certification_checks(today=later.isoformat())
    assert summary["admissions_withdrawn"] == 1
    enterprise.refresh_from_db()
    assert enterprise.admission_status == AdmissionStatus.APPLIED
    assert enterprise.admission_route == "" and enterprise.admission_certificate is None
    assert "ingetrokken" in enterprise.admission_reasons and "Code Sociale Ondernemingen" in enterprise.admission_reasons
    assert not enterprise.in_showcase
    withdrawn = Notification.objects.filter(recipient=broker_amersfoort, subject__startswith="Toelating ingetrokken")
    assert withdrawn.count() == 1
    assert tasks.certification_checks(today=(later + dt.timedelta(days=1)).isoformat())["admissions_withdrawn"] == 0
    assert withdrawn.count() == 1


def test_not_withdrawn_while_another_accepted_label_is_valid(oost, enterprise_amersfoort, make_cert, today):
    enterprise = applied(enterprise_amersfoort)
    first = make_cert(enterprise, Scheme.CSO, days=10)
    admission.admit_on_label(enterprise=enterprise, today=today)
    enterprise.refresh_from_db()
    assert enterprise.admission_certificate == first
    second = make_cert(enterprise, Scheme.PSO_2, days=400)
    summary = tasks.certification_checks(today=(today + dt.timedelta(days=30)).isoformat())
    assert summary["admissions_withdrawn"] == 0
    enterprise.refresh_from_db()
    assert enterprise.admission_status == AdmissionStatus.ADMITTED
    assert enterprise.admission_certificate == second  # the admission now rests on the other label


def test_committee_admission_is_never_withdrawn(oost, enterprise_haarlem, broker_haarlem, ondernemer_1, make_cert,
                                                today):
    make_cert(enterprise_haarlem, Scheme.CSO, days=10)
    services.enterprise_apply(enterprise=enterprise_haarlem, by=ondernemer_1)
    services.admission_start_review(enterprise=enterprise_haarlem, by=broker_haarlem)
    services.admission_decide(enterprise=enterprise_haarlem, by=broker_haarlem, admit=True, today=today)
    enterprise_haarlem.refresh_from_db()
    assert enterprise_haarlem.admission_route == AdmissionRoute.COMMITTEE
    summary = tasks.certification_checks(today=(today + dt.timedelta(days=30)).isoformat())
    assert summary["admissions_withdrawn"] == 0
    enterprise_haarlem.refresh_from_db()
    assert enterprise_haarlem.admission_status == AdmissionStatus.ADMITTED


# --- the settings page ----------------------------------------------------------------------


def test_edit_page_access(login, client, oost, broker_amersfoort, broker_haarlem, inkoper_haarlem):
    url = reverse("enterprises:admission-rule-update", args=[oost.pk])
    assert login(broker_amersfoort).get(url).status_code == 200  # a broker of a member of the region
    assert login(broker_haarlem).get(url).status_code == 403  # reads the rules, may not change this one
    assert login(inkoper_haarlem).get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
    assert login(broker_haarlem).get(reverse("enterprises:admission-rule-update", args=[999999])).status_code == 404


def test_edit_page_saves_and_shows_field_errors(login, oost, broker_amersfoort):
    client = login(broker_amersfoort)
    url = reverse("enterprises:admission-rule-update", args=[oost.pk])
    response = client.post(url, {"platform_name": "Impact Oost", "mode": AdmissionMode.LABEL, "definition": ""})
    assert response.status_code == 200
    assert "Kies ten minste één keurmerk" in response.content.decode()
    response = client.post(url, {"platform_name": "Impact Oost", "mode": AdmissionMode.LABEL,
                                 "accepted_schemes": ["sroi_badge"], "definition": ""})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    response = client.post(url, {"platform_name": "Impact Oost", "mode": AdmissionMode.LABEL_OR_COMMITTEE,
                                 "accepted_schemes": [Scheme.CEDRIS, Scheme.PSO_30], "definition": "Eigen criteria."})
    assert response.status_code == 302
    oost.refresh_from_db()
    assert oost.mode == AdmissionMode.LABEL_OR_COMMITTEE
    assert oost.accepted_schemes == [Scheme.PSO_30, Scheme.CEDRIS]  # in the schemes' own order
    assert oost.definition == "Eigen criteria."


def test_create_page_owner_choices_and_default_wording(login, haarlem, amersfoort, broker_haarlem):
    client = login(broker_haarlem)
    url = reverse("enterprises:admission-rule-create")
    page = client.get(url)
    assert page.status_code == 200 and "maatschappelijke impact als hoofddoel" in page.content.decode()
    # Another organisation is not an owner Haarlem's broker may choose: a field error, nothing saved.
    response = client.post(url, {"organisation": amersfoort.pk, "mode": AdmissionMode.COMMITTEE})
    assert response.status_code == 200 and not AdmissionRule.objects.exists()
    response = client.post(url, {"organisation": haarlem.pk, "mode": AdmissionMode.COMMITTEE,
                                 "definition": str(DEFAULT_DEFINITION)})
    assert response.status_code == 302
    rule = AdmissionRule.objects.get(organisation=haarlem)
    assert rule.definition == ""  # saved unchanged, the wording stays the default
    # A second rule for the same owner: a field error.
    response = client.post(url, {"organisation": haarlem.pk, "mode": AdmissionMode.COMMITTEE})
    assert response.status_code == 200 and "al een toelatingsregel" in response.content.decode()


def test_list_and_admission_review_use_the_municipality_wording(login, haarlem, broker_haarlem, enterprise_haarlem,
                                                                django_assert_max_num_queries):
    AdmissionRule.objects.create(organisation=haarlem, platform_name="Kennemer Inkoop Platform",
                                 definition="Criterium van Haarlem: werkt met mensen uit de regio.")
    for number in range(5):
        region = f.RegionFactory(name=f"Regio {number}")
        AdmissionRule.objects.create(region=region, mode=AdmissionMode.LABEL, accepted_schemes=[Scheme.CSO])
    client = login(broker_haarlem)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("enterprises:admission-rules"))
    assert page.status_code == 200 and "Kennemer Inkoop Platform" in page.content.decode()
    detail = client.get(reverse("enterprises:detail", args=[enterprise_haarlem.pk])).content.decode()
    assert "Criterium van Haarlem" in detail
    check = client.get(reverse("enterprises:definition-check", args=[enterprise_haarlem.pk])).content.decode()
    assert "Criterium van Haarlem" in check


def test_api_lists_rules_read_only(api, oost, broker_haarlem, ondernemer_1):
    response = api(broker_haarlem).get("/api/v1/admission-rules/")
    assert response.status_code == 200
    row = response.json()["results"][0]
    assert row["region"] == "oost-nederland" and Scheme.CEDRIS in row["accepted_schemes"]
    assert api(ondernemer_1).get("/api/v1/admission-rules/").json()["results"] == []
    assert api(broker_haarlem).post("/api/v1/admission-rules/", {}).status_code == 405


# --- demo data ------------------------------------------------------------------------------


def test_demo_rules_are_seeded_idempotently():
    from enterprises import seeding
    from impactportal.accounts.models import Region
    from impactportal.seed.core import seed_reference

    ref = seed_reference()
    now, today = timezone.now(), timezone.localdate()
    seeding._seed_admission_rules(ref, today, now)
    oost = AdmissionRule.objects.get(region__slug="oost-nederland")
    assert oost.platform_name == "Impact Oost" and oost.mode == AdmissionMode.LABEL
    assert {Scheme.PSO_3, Scheme.CSO, Scheme.B_CORP, Scheme.CEDRIS} <= set(oost.accepted_schemes)
    assert Region.objects.get(slug="oost-nederland").members.filter(slug="apeldoorn").exists()
    haarlem = AdmissionRule.objects.get(organisation__slug="haarlem")
    assert haarlem.mode == AdmissionMode.COMMITTEE and "selectiecommissie" in haarlem.definition
    labelled = Enterprise.objects.filter(municipality__slug="apeldoorn")
    assert labelled.count() == 2
    assert all(e.admission_status == AdmissionStatus.ADMITTED and e.admission_route == AdmissionRoute.LABEL
               for e in labelled)
    assert labelled.filter(enterprise_type=EnterpriseType.SHELTERED_WORK).count() == 1
    counts = (LogEntry.objects.count(), AdmissionRule.objects.count(), Enterprise.objects.count())
    seeding._seed_admission_rules(ref, today, now)
    assert (LogEntry.objects.count(), AdmissionRule.objects.count(), Enterprise.objects.count()) == counts


def test_apply_page_says_when_admitted_automatically(login, oost, enterprise_amersfoort, ondernemer_2, make_cert):
    make_cert(enterprise_amersfoort, Scheme.PSO_30)
    response = login(ondernemer_2).post(reverse("enterprises:apply", args=[enterprise_amersfoort.pk]), follow=True)
    assert "automatisch toegelaten" in response.content.decode()
    enterprise_amersfoort.refresh_from_db()
    assert enterprise_amersfoort.admission_status == AdmissionStatus.ADMITTED


def test_a_municipality_with_a_rule_is_not_preselected_for_a_new_one(login, broker_haarlem, haarlem, region):
    """The form preselected Haarlem, which had a rule already, and refused it when saved unchanged."""
    from django.urls import reverse

    from enterprises.models import AdmissionRule

    url = reverse("enterprises:admission-rule-create")
    before = login(broker_haarlem).get(url).content.decode()
    assert f'<option value="{haarlem.pk}" selected>' in before  # the broker's own municipality
    AdmissionRule.objects.create(organisation=haarlem, definition="Criteria van Haarlem.")
    after = login(broker_haarlem).get(url).content.decode()
    assert f'<option value="{haarlem.pk}">' in after and f'<option value="{haarlem.pk}" selected>' not in after
