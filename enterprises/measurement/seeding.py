"""Demo impact measurements: a handful of enterprises with a method, a short report and two or
three self-declared figures. Keyed on the enterprise: running the seeder twice adds nothing.

Each report is a real one-page PDF of the enterprise's own figures (``report_pdf``, WeasyPrint,
no active content: it passes the upload validator); it is rendered only for a measurement that is
new, three at most per run. A hand-written 218-byte PDF without a cross-reference table opened
blank or as broken."""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import translation

from impactportal.pdf import render_to_pdf

from .constants import ImpactMethod
from .models import ImpactIndicator, ImpactMeasurement

# The size of the hand-written demo PDF the earlier seeder stored (it opened blank or broken).
OLD_DEMO_REPORT_BYTES = 218

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
        existing = ImpactMeasurement.objects.filter(enterprise=enterprise).first()
        if existing is not None:
            _replace_broken_report(existing, figures)
            continue
        measurement = ImpactMeasurement(enterprise=enterprise, method=method, method_name=method_name,
                                        show_in_showcase=consent)
        if figures:
            measurement.report_date, measurement.period_start, measurement.period_end = report_date, start, end
            pdf = report_pdf(enterprise, measurement, figures, year)
            measurement.report.save(f"impactrapport-{year}.pdf", ContentFile(pdf), save=False)
        measurement.full_clean()
        measurement.save()
        for order, (name, value, unit, source) in enumerate(figures):
            ImpactIndicator.objects.create(measurement=measurement, name=name, value=value, unit=unit,
                                           period_start=start, period_end=end, source=f"{source} {year}",
                                           order=order)


def _replace_broken_report(measurement, figures):
    """A database seeded before brings its demo report (the 218 bytes of an earlier seeder, no
    cross-reference table) to a real one; an uploaded or already rendered report stays."""
    if not (figures and measurement.report and measurement.report_date and measurement.period_start):
        return
    try:
        if measurement.report.size > OLD_DEMO_REPORT_BYTES:
            return
    except OSError:  # the file is gone: make it again
        pass
    year = measurement.period_start.year
    pdf = report_pdf(measurement.enterprise, measurement, figures, year)
    measurement.report.delete(save=False)
    measurement.report.save(f"impactrapport-{year}.pdf", ContentFile(pdf), save=True)


def report_pdf(enterprise, measurement, figures, year) -> bytes:
    """The enterprise's impact report of ``year`` as it would upload it: one page, in Dutch."""
    with translation.override("nl"):
        return render_to_pdf("enterprises/measurement/demo_report_pdf.html", {
            "title": f"Impactrapport {year}", "enterprise": enterprise, "year": year,
            "method": measurement.method_name or measurement.get_method_display(),
            "period_start": measurement.period_start, "period_end": measurement.period_end,
            "report_date": measurement.report_date,
            "figures": [(name, value, unit, f"{source} {year}") for name, value, unit, source in figures],
        })
