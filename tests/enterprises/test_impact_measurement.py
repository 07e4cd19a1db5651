"""Impact measurement of an enterprise (issue 10 part 6): method, latest report and self-declared
figures; kept by the municipality's brokers and the enterprise's entrepreneurs, shown in the
showcase only with the enterprise's consent."""

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enterprises.constants import AdmissionStatus
from enterprises.models import ImpactIndicator, ImpactMeasurement
from tests import factories as f

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def _formset(*rows, initial=0):
    data = {"indicators-TOTAL_FORMS": str(len(rows)), "indicators-INITIAL_FORMS": str(initial),
            "indicators-MIN_NUM_FORMS": "0", "indicators-MAX_NUM_FORMS": "10"}
    for index, row in enumerate(rows):
        data.update({f"indicators-{index}-{key}": value for key, value in row.items()})
    return data


def _figure(name="Mensen aan het werk", value="9", start="2024-01-01", end="2024-12-31"):
    return {"name": name, "value": value, "unit": "personen", "period_start": start, "period_end": end,
            "source": "Impactrapport 2024"}


def _post(client, enterprise, report=None, **fields):
    data = {"method": "impactpad", "method_name": "", "notes": "", "report_date": "2025-03-01",
            "period_start": "2024-01-01", "period_end": "2024-12-31", **_formset(_figure())}
    data.update(fields)
    if report is not None:
        data["report"] = report
    return client.post(reverse("enterprises:impact", args=[enterprise.pk]), data)


@pytest.fixture
def showcase_enterprise(haarlem):
    return f.EnterpriseFactory(name="Kringloop De Ommezwaai", municipality=haarlem, is_published=True,
                               admission_status=AdmissionStatus.ADMITTED)


def _measurement(enterprise, consent, **kwargs):
    measurement = ImpactMeasurement.objects.create(
        enterprise=enterprise, method="social_handprint", show_in_showcase=consent, report_date=dt.date(2025, 3, 1),
        period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
        report=SimpleUploadedFile("impactrapport-2024.pdf", PDF), **kwargs)
    ImpactIndicator.objects.create(measurement=measurement, name="Vermeden CO₂-uitstoot", value=Decimal("22.4"),
                                   unit="ton CO₂", period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                                   source="Social Handprint-rapportage 2024")
    return measurement


# --- saving and validation ------------------------------------------------------------------


def test_entrepreneur_saves_method_report_and_figures(login, ondernemer_1, enterprise_haarlem):
    response = _post(login(ondernemer_1), enterprise_haarlem,
                     report=SimpleUploadedFile("impactrapport.pdf", PDF, content_type="application/pdf"),
                     **_formset(_figure(), _figure("Begeleidingsuren", "1450,5")))
    assert response.status_code == 302
    measurement = ImpactMeasurement.objects.get(enterprise=enterprise_haarlem)
    assert measurement.method == "impactpad" and measurement.report and measurement.updated_by == ondernemer_1
    assert not measurement.show_in_showcase  # no consent unless given
    assert [(i.name, i.value) for i in measurement.indicators.all()] == [
        ("Mensen aan het werk", Decimal("9")), ("Begeleidingsuren", Decimal("1450.5"))]
    assert LogEntry.objects.get_for_object(measurement).get().actor == ondernemer_1


def test_broker_of_the_municipality_edits_and_removes_a_figure(login, broker_haarlem, enterprise_haarlem):
    measurement = _measurement(enterprise_haarlem, consent=False)
    figure = measurement.indicators.get()
    row = {"id": str(figure.pk), "DELETE": "on", **_figure()}
    response = _post(login(broker_haarlem), enterprise_haarlem, method="own", method_name="Deelnemersenquête",
                     **_formset(row, initial=1))
    assert response.status_code == 302
    measurement.refresh_from_db()
    assert measurement.method_label == "Eigen methode: Deelnemersenquête"
    assert not measurement.indicators.exists()
    assert measurement.report  # the stored report stays when none is uploaded


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"period_start": "2024-12-31", "period_end": "2024-01-01"}, "period_end", "ligt vóór het begin"),
    ({"period_start": "2024-01-01", "period_end": ""}, "period_end", "het begin én het einde"),
    ({"report_date": "2999-01-01"}, "report_date", "in de toekomst"),
    ({"method": "other", "method_name": ""}, "method_name", "Geef de methode een naam"),
    (_formset(_figure(start="2024-06-01", end="2024-01-01")), "indicators-0-period_end", "ligt vóór het begin"),
    (_formset(_figure(value="veel")), "indicators-0-value", "getal"),
])
def test_field_errors(login, ondernemer_1, enterprise_haarlem, fields, field, message):
    response = _post(login(ondernemer_1), enterprise_haarlem, **fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}"' in html and 'aria-invalid="true"' in html
    assert not ImpactMeasurement.objects.exists() and not ImpactIndicator.objects.exists()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("rapport.png", PNG, "Toegestaan: PDF."),  # an image is not a report
    ("rapport.pdf", b"<html><script>alert(1)</script></html>", "Toegestaan: PDF."),  # not a PDF at all
    ("rapport.txt", PDF, "De bestandsnaam past niet bij de inhoud"),  # the name does not fit the content
])
def test_report_file_type_is_checked(login, ondernemer_1, enterprise_haarlem, name, content, message):
    response = _post(login(ondernemer_1), enterprise_haarlem, report=SimpleUploadedFile(name, content))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'id="id_report_error"' in html
    assert not ImpactMeasurement.objects.exists()


def test_report_needs_its_date_and_period(login, ondernemer_1, enterprise_haarlem):
    response = _post(login(ondernemer_1), enterprise_haarlem, report_date="", period_start="", period_end="",
                     report=SimpleUploadedFile("rapport.pdf", PDF))
    assert response.status_code == 400
    assert "Vul de datum van het rapport in." in response.content.decode()


# --- who may keep it ------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["broker_amersfoort", "ondernemer_2", "inkoper_haarlem"])
def test_others_get_404_and_change_nothing(request, login, enterprise_haarlem, who):
    measurement = _measurement(enterprise_haarlem, consent=False)
    client = login(request.getfixturevalue(who))
    url = reverse("enterprises:impact", args=[enterprise_haarlem.pk])
    assert client.get(url).status_code == 404
    assert _post(client, enterprise_haarlem, method="none").status_code == 404
    measurement.refresh_from_db()
    assert measurement.method == "social_handprint"
    assert client.get(reverse("enterprises:impact-report", args=[measurement.pk])).status_code == (
        200 if who == "inkoper_haarlem" else 404)  # staff of the municipality read it


def test_broker_page_shows_self_declared_figures_with_source(login, broker_haarlem, broker_amersfoort,
                                                             enterprise_haarlem):
    _measurement(enterprise_haarlem, consent=False)
    html = login(broker_haarlem).get(reverse("enterprises:detail", args=[enterprise_haarlem.pk])).content.decode()
    assert 'id="impact-measurement"' in html and "Social Handprint" in html
    assert "Social Handprint-rapportage 2024" in html and 'data-source="self-declared"' in html
    assert "eigen opgave" in html and "gemeten impact" not in html.lower()
    assert reverse("enterprises:impact", args=[enterprise_haarlem.pk]) in html
    # Another municipality's broker reads the shared register, not the private measurement.
    other = login(broker_amersfoort).get(reverse("enterprises:detail", args=[enterprise_haarlem.pk]))
    assert "Social Handprint-rapportage 2024" not in other.content.decode()


def test_entrepreneur_sees_it_on_their_own_page(login, ondernemer_1, enterprise_haarlem):
    _measurement(enterprise_haarlem, consent=False)
    html = login(ondernemer_1).get(reverse("enterprises:mine-detail", args=[enterprise_haarlem.pk])).content.decode()
    assert "Vermeden CO₂-uitstoot" in html and reverse("enterprises:impact", args=[enterprise_haarlem.pk]) in html


# --- the showcase ---------------------------------------------------------------------------


def test_showcase_shows_it_only_with_consent(client, showcase_enterprise):
    measurement = _measurement(showcase_enterprise, consent=False)
    url = reverse("enterprises:showcase-detail", args=[showcase_enterprise.pk])
    report = reverse("enterprises:impact-report", args=[measurement.pk])
    html = client.get(url).content.decode()
    assert 'id="impact-measurement"' not in html and "Vermeden CO₂-uitstoot" not in html
    assert client.get(report).status_code == 404
    measurement.show_in_showcase = True
    measurement.save()
    html = client.get(url).content.decode()
    assert 'id="impact-measurement"' in html and "Vermeden CO₂-uitstoot" in html
    assert "Social Handprint-rapportage 2024" in html and 'data-source="self-declared"' in html
    assert 'data-impact="consent"' not in html  # the private facts stay off the public page
    assert client.get(report).status_code == 200


def test_showcase_hides_it_for_staff_too_without_consent(login, broker_haarlem, showcase_enterprise):
    _measurement(showcase_enterprise, consent=False)
    html = login(broker_haarlem).get(reverse("enterprises:showcase-detail", args=[showcase_enterprise.pk]))
    assert "Vermeden CO₂-uitstoot" not in html.content.decode()


def test_consent_alone_does_not_publish_an_enterprise_outside_the_showcase(client, enterprise_haarlem):
    measurement = _measurement(enterprise_haarlem, consent=True)
    assert client.get(reverse("enterprises:impact-report", args=[measurement.pk])).status_code == 404
    from django.contrib.auth.models import AnonymousUser

    assert not ImpactIndicator.objects.for_user(AnonymousUser()).exists()


def test_demo_measurements_are_idempotent(haarlem):
    from django.utils import timezone

    from enterprises.measurement.seeding import seed_measurements

    enterprises = [f.EnterpriseFactory(municipality=haarlem) for _ in range(4)]
    seed_measurements(enterprises, today=timezone.localdate())
    counts = (ImpactMeasurement.objects.count(), ImpactIndicator.objects.count())
    seed_measurements(enterprises, today=timezone.localdate())
    assert counts == (ImpactMeasurement.objects.count(), ImpactIndicator.objects.count()) == (4, 7)
    assert ImpactMeasurement.objects.filter(show_in_showcase=True).count() == 2
