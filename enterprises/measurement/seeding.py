"""Demo impact measurements: a handful of enterprises with a method, a short report and two or
three self-declared figures. Keyed on the enterprise: running the seeder twice adds nothing."""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile

from .constants import ImpactMethod
from .models import ImpactIndicator, ImpactMeasurement

# A one-page PDF without active content (passes the upload validator).
REPORT_PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
              b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
              b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
              b"trailer << /Root 1 0 R >>\n%%EOF\n")

# (method, method name, consent, [(indicator, value, unit, source)])
PLANS = [
    (ImpactMethod.IMPACTPAD, "", True, [
        ("Mensen met afstand tot de arbeidsmarkt in dienst", Decimal("9"), "personen", "Impactrapport (Impactpad)"),
        ("Doorgestroomd naar regulier werk", Decimal("3"), "personen", "Impactrapport (Impactpad)"),
        ("Begeleidingsuren op de werkvloer", Decimal("1450"), "uren", "Eigen urenregistratie"),
    ]),
    (ImpactMethod.SOCIAL_HANDPRINT, "", False, [
        ("Ingezamelde en hergebruikte materialen", Decimal("18.5"), "ton", "Social Handprint-rapportage"),
        ("Vermeden CO₂-uitstoot", Decimal("22.4"), "ton CO₂", "Social Handprint-rapportage"),
    ]),
    (ImpactMethod.OWN, "Jaarlijkse deelnemersenquête en registratie van trajecten", True, [
        ("Deelnemers met een afgerond leerwerktraject", Decimal("14"), "personen", "Eigen trajectregistratie"),
        ("Deelnemers dat zich zekerder voelt over werk", Decimal("78"), "%", "Eigen deelnemersenquête"),
    ]),
    (ImpactMethod.NONE, "", False, []),
]


def seed_measurements(enterprises, *, today):
    """The first enterprises of ``enterprises`` get one plan each (the demo entrepreneurs' own first)."""
    year = today.year - 1
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    report_date = dt.date(today.year, 3, 15) if today >= dt.date(today.year, 3, 15) else dt.date(year, 12, 31)
    for enterprise, (method, method_name, consent, figures) in zip(enterprises, PLANS, strict=False):
        if ImpactMeasurement.objects.filter(enterprise=enterprise).exists():
            continue
        measurement = ImpactMeasurement(enterprise=enterprise, method=method, method_name=method_name,
                                        show_in_showcase=consent)
        if figures:
            measurement.report_date, measurement.period_start, measurement.period_end = report_date, start, end
            measurement.report.save(f"impactrapport-{year}.pdf", ContentFile(REPORT_PDF), save=False)
        measurement.full_clean()
        measurement.save()
        for order, (name, value, unit, source) in enumerate(figures):
            ImpactIndicator.objects.create(measurement=measurement, name=name, value=value, unit=unit,
                                           period_start=start, period_end=end, source=f"{source} {year}",
                                           order=order)
