"""First-time-user review: the enterprise picker (another enterprise's KvK number, the only
enterprise preselected), the certificates filter of an entrepreneur, and the colleagues'
dashboard (headings with their organisation, the showcase tile counting what it opens, the
real-estate allocations' wording)."""

import datetime as dt

import pytest
from django.urls import reverse

from enterprises.constants import AdmissionStatus, CertificationStatus, Scheme
from enterprises.models import Certification
from tests import factories as f

pytestmark = pytest.mark.django_db


# --- the enterprise picker ---------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["financing:need-create", "ecosystem:space-request-create"])
def test_an_entrepreneurs_only_enterprise_is_preselected(login, ondernemer_1, enterprise_haarlem, url_name):
    page = login(ondernemer_1).get(reverse(url_name))
    assert page.status_code == 200
    assert page.context["form"]["enterprise"].value() == f"{enterprise_haarlem.kvk_number} {enterprise_haarlem.name}"
    assert f'value="{enterprise_haarlem.kvk_number} {enterprise_haarlem.name}"' in page.content.decode()


def test_another_enterprises_kvk_number_is_not_one_of_yours(login, ondernemer_1, enterprise_amersfoort):
    response = login(ondernemer_1).post(reverse("financing:need-create"), {
        "enterprise": enterprise_amersfoort.kvk_number, "enterprise__typed": "1", "purpose": "working-capital",
        "amount": "1000", "horizon_months": "6", "description": "x"})
    assert response.status_code in (200, 400)
    errors = response.context["form"].errors["enterprise"]
    assert errors == [f"KvK-nummer {enterprise_amersfoort.kvk_number} is niet van een van uw ondernemingen. "
                      "Kies een van uw eigen ondernemingen."]
    assert enterprise_amersfoort.name not in response.content.decode()  # nothing about the other one


def test_an_unknown_kvk_number_gets_the_same_sentence(login, ondernemer_1):
    response = login(ondernemer_1).post(reverse("financing:need-create"), {
        "enterprise": "99999998", "enterprise__typed": "1", "purpose": "working-capital", "amount": "1000",
        "horizon_months": "6", "description": "x"})
    assert response.context["form"].errors["enterprise"] == [
        "KvK-nummer 99999998 is niet van een van uw ondernemingen. Kies een van uw eigen ondernemingen."]


def test_staff_hear_that_the_number_is_not_among_the_choices(broker_haarlem, enterprise_amersfoort):
    from financing.forms.instruments import NeedForm

    form = NeedForm(data={"enterprise": enterprise_amersfoort.kvk_number, "enterprise__typed": "1"})
    form.fields["enterprise"].user = broker_haarlem
    form.is_valid()
    assert form.errors["enterprise"] == [
        f"KvK-nummer {enterprise_amersfoort.kvk_number} hoort niet bij de ondernemingen die u hier kunt kiezen."]


# --- certificates filter -------------------------------------------------------------------------


def _status_choices(page):
    return [value for value, _label in page.context["filter"].form.fields["status"].choices if value]


def test_an_entrepreneur_is_offered_only_the_statuses_they_can_see(login, ondernemer_1, broker_haarlem,
                                                                   enterprise_haarlem, enterprise_amersfoort):
    Certification.objects.create(enterprise=enterprise_haarlem, scheme=Scheme.PSO_1, status=CertificationStatus.VERIFIED,
                                 valid_until=dt.date(2030, 1, 1))
    Certification.objects.create(enterprise=enterprise_haarlem, scheme=Scheme.B_CORP,
                                 status=CertificationStatus.UNVERIFIED)
    # Another enterprise's revoked certificate: not the entrepreneur's to see, nor to filter on.
    Certification.objects.create(enterprise=enterprise_amersfoort, scheme=Scheme.PSO_1,
                                 status=CertificationStatus.REVOKED)
    page = login(ondernemer_1).get(reverse("enterprises:certification-list"))
    # The public statuses, and those of the certificates the entrepreneur holds.
    assert set(_status_choices(page)) == {CertificationStatus.VERIFIED, CertificationStatus.EXPIRING,
                                          CertificationStatus.UNVERIFIED}
    # Staff who see every certificate get every status.
    page = login(broker_haarlem).get(reverse("enterprises:certification-list"))
    assert _status_choices(page) == [value for value, _label in CertificationStatus.choices]


# --- colleagues' dashboard -----------------------------------------------------------------------


def test_colleague_heading_names_the_organisation(login, vastgoed):
    page = login(vastgoed).get(reverse("dashboard")).content.decode()
    assert "Collega — Gemeente Haarlem · afdeling Vastgoed" in page


def test_the_allocations_tile_says_what_it_counts(login, vastgoed):
    page = login(vastgoed).get(reverse("dashboard")).content.decode()
    assert "met ingang vanaf" not in page
    assert "zijn ingegaan of nog ingaan" in page


def test_the_showcase_tile_counts_the_own_municipality_and_links_to_it(login, inkoper_haarlem, haarlem, amersfoort):
    for n, org in enumerate([haarlem, haarlem, amersfoort]):
        f.EnterpriseFactory(name=f"Etalage {n}", municipality=org, is_published=True,
                            admission_status=AdmissionStatus.ADMITTED)
    page = login(inkoper_haarlem).get(reverse("dashboard")).content.decode()
    url = reverse("etalage") + "?municipality=haarlem"
    assert f'<a class="portal-card" href="{url}" data-figure="showcase"><span class="portal-figure">2</span>' \
           "impactondernemingen uit Gemeente Haarlem in de etalage" in page
    assert "om mee te werken" not in page
    opened = login(inkoper_haarlem).get(url).content.decode()  # the tile opens what it counts
    assert "Etalage 0" in opened and "Etalage 1" in opened and "Etalage 2" not in opened
