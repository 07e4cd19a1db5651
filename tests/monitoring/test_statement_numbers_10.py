"""The enterprise's impact statement as its reader reads it: her own figures as counts ("9 personen",
"1.450 uren", "12,5 uren"; not "9,00 personen", "1450,00 uren"), a source with its own parentheses
not wrapped in more ("(Impactrapport (Impactpad) 2025)"), and no SROI value said in words rather
than as a measured "€ 0,00"."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags

from monitoring import registry, reports, services

from .test_reports import pdf_text

pytestmark = pytest.mark.django_db

SOURCE = "Impactrapport (Impactpad) 2025"


def html_text(report, language: str) -> str:
    """The statement's HTML (what ``reports.render`` turns into the PDF) in ``language``, as text."""
    with translation.override(language):
        html = render_to_string("monitoring/pdf/report.html", reports.build_context(report))
    return " ".join(strip_tags(html).split())


@pytest.fixture
def measured(enterprise_haarlem):
    """Ondernemer-1's own impact measurement, shared (consent), as the demo seeds it."""
    from enterprises.measurement.models import ImpactIndicator, ImpactMeasurement

    measurement = ImpactMeasurement.objects.create(enterprise=enterprise_haarlem, method="impactpad",
                                                   show_in_showcase=True)
    year = {"period_start": dt.date(2025, 1, 1), "period_end": dt.date(2025, 12, 31)}
    for order, (name, value, unit, source) in enumerate([
            ("Mensen met afstand tot de arbeidsmarkt in dienst", D("9"), "personen", SOURCE),
            ("Begeleidingsuren op de werkvloer", D("1450"), "uren", "Eigen urenregistratie 2025"),
            ("Uren taalcoaching", D("12.5"), "uren", "Eigen urenregistratie 2025")]):
        ImpactIndicator.objects.create(measurement=measurement, name=name, value=value, unit=unit, source=source,
                                       order=order, **year)
    return measurement


@pytest.fixture
def statement(haarlem, enterprise_haarlem, ondernemer_1, run_report):
    def make():
        services.snapshot_take(period=registry.month_period(2025, 12))
        report, _created = run_report(user=ondernemer_1, kind="impact_statement", period="2025",
                                      enterprise=enterprise_haarlem)
        assert report.status == "done"
        return report

    return make


def test_her_figures_read_as_counts_with_the_thousands_mark(measured, statement):
    report = statement()
    text = pdf_text(report)  # the PDF, in the portal's language (Dutch)
    assert "in dienst: 9 personen" in text and "op de werkvloer: 1.450 uren" in text
    assert "Uren taalcoaching: 12,5 uren" in text
    assert not re.search(r"\d,00 (personen|uren)", text) and "1450" not in text and "12,50" not in text
    english = html_text(report, "en")
    assert "in dienst: 9 personen" in english and "op de werkvloer: 1,450 uren" in english
    assert "Uren taalcoaching: 12.5 uren" in english
    assert not re.search(r"\d\.00 (personen|uren)", english) and "1450" not in english


def test_a_source_with_its_own_parentheses_is_not_wrapped_in_more(measured, statement):
    report = statement()
    text = pdf_text(report)
    assert f"9 personen — bron: {SOURCE}" in text
    assert f"({SOURCE})" not in text and "))" not in text
    english = html_text(report, "en")
    assert f"9 personen — source: {SOURCE}" in english and f"({SOURCE})" not in english


def test_no_verified_contribution_is_no_sroi_value_not_zero_euro(statement):
    report = statement()
    text = pdf_text(report)
    assert "Geen SROI-waarde vastgesteld: over 2025 heeft geen opdrachtgever" in text
    assert "€ 0,00" not in text and "€\xa00,00" not in text
    assert reports.build_context(report)["sroi_total"] is None
    english = html_text(report, "en")
    assert "No SROI value established" in english and "0.00" not in english


def test_verified_lines_worth_nothing_are_a_measured_zero(haarlem, broker_haarlem, enterprise_haarlem, statement):
    """A verified realisation valued at nothing is a real € 0,00: the sum of rows, not of none."""
    from procurement.constants import RealisationStatus
    from procurement.models import Realisation
    from tests.procurement import factories as pf

    contract = pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=pf.rule_set(organisation=haarlem),
                           supplier=enterprise_haarlem)
    line = pf.realisation(contract, by=broker_haarlem, date=dt.date(2025, 3, 1))
    Realisation.objects.filter(pk=line.pk).update(status=RealisationStatus.VERIFIED, value=D("0"))
    report = statement()
    assert reports.build_context(report)["sroi_total"] == reports.figure(D("0"), "money")
    assert "Geen SROI-waarde" not in pdf_text(report)


def test_a_verified_contribution_is_its_amount(haarlem, broker_haarlem, enterprise_haarlem, statement):
    from procurement.constants import RealisationStatus
    from procurement.models import Realisation
    from tests.procurement import factories as pf

    contract = pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=pf.rule_set(organisation=haarlem),
                           supplier=enterprise_haarlem)
    line = pf.realisation(contract, by=broker_haarlem, date=dt.date(2025, 3, 1))
    Realisation.objects.filter(pk=line.pk).update(status=RealisationStatus.VERIFIED, value=D("30000"))
    text = pdf_text(statement())
    assert "30.000,00" in text and "Geen SROI-waarde" not in text
