"""An entrepreneur changing name, KvK number or municipality of an admitted enterprise sends it
back to review, out of the showcase. One slip in the municipality drop-down did so silently:
the form said nothing before, the message only "bijgewerkt" after."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from enterprises.constants import AdmissionStatus
from enterprises.forms import ENTERPRISE_FIELDS
from enterprises.models import Enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture
def admitted(enterprise_haarlem):
    Enterprise.objects.filter(pk=enterprise_haarlem.pk).update(admission_status=AdmissionStatus.ADMITTED)
    enterprise_haarlem.refresh_from_db()
    return enterprise_haarlem


def form_data(enterprise, **changes):
    data = {name: value for name, value in model_to_dict(enterprise, fields=[*ENTERPRISE_FIELDS, "is_published"]).items()
            if value is not None}
    for name in ("themes", "sdgs"):
        data[name] = [obj.pk for obj in data.get(name, [])]
    data.pop("is_published") if not data.get("is_published") else None
    return data | changes


def edit(client, enterprise, **changes):
    return client.post(reverse("enterprises:enterprise-update", args=[enterprise.pk]), form_data(enterprise, **changes))


def test_moving_municipality_asks_for_confirmation_and_changes_nothing_without_it(login, admitted, ondernemer_1,
                                                                                  amersfoort):
    client = login(ondernemer_1)
    page = client.get(reverse("enterprises:enterprise-update", args=[admitted.pk])).content.decode()
    assert 'name="confirm_review"' in page and "beoordeelt de gemeente de toelating opnieuw" in page
    response = edit(client, admitted, municipality=amersfoort.pk)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["confirm_review"] and "gemeente" in errors["confirm_review"][0]
    admitted.refresh_from_db()
    assert admitted.municipality_id != amersfoort.pk and admitted.admission_status == AdmissionStatus.ADMITTED


def test_confirmed_move_goes_back_to_review_and_says_so(login, admitted, ondernemer_1, amersfoort):
    response = edit(login(ondernemer_1), admitted, municipality=amersfoort.pk, confirm_review="on")
    assert response.status_code == 302
    admitted.refresh_from_db()
    assert admitted.municipality_id == amersfoort.pk and admitted.admission_status == AdmissionStatus.APPLIED
    page = login(ondernemer_1).get(response.url).content.decode()
    assert "beoordeelt de toelating opnieuw" in page


def test_other_changes_need_no_confirmation(login, admitted, ondernemer_1):
    response = edit(login(ondernemer_1), admitted, description="Nieuwe omschrijving van onze werkplaats.")
    assert response.status_code == 302
    admitted.refresh_from_db()
    assert admitted.admission_status == AdmissionStatus.ADMITTED and admitted.description.startswith("Nieuwe")


def test_the_deciding_broker_is_not_asked(login, admitted, broker_haarlem):
    client = login(broker_haarlem)
    assert 'name="confirm_review"' not in client.get(
        reverse("enterprises:enterprise-update", args=[admitted.pk])).content.decode()
    assert edit(client, admitted, name="Kringloop Haarlem-Noord").status_code == 302
    admitted.refresh_from_db()
    assert admitted.name == "Kringloop Haarlem-Noord" and admitted.admission_status == AdmissionStatus.ADMITTED


def test_a_form_in_error_is_headed_by_the_saved_name(login, admitted, broker_haarlem):
    """The heading read "Wijzigen: <the name just typed>" although nothing was saved."""
    saved = admitted.name
    response = edit(login(broker_haarlem), admitted, name="Getypte naam", kvk_number="12")
    assert response.status_code == 200 and response.context["form"].errors
    html = response.content.decode()
    assert f"Wijzigen: {saved}" in html and "Wijzigen: Getypte naam" not in html
