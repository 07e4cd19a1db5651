"""The toolbox PDF prints content, not navigation: the linked modules' links to other pages
("Naar de kennisbank", "Kaart maken", "Alle indicatoren met nulmeting en doel") are left out on
paper and kept on the web page; a floor area reads as the lists write it (45 m², not 45,0 m²); module
13 prints a value with its sign where the monitoring data gives one, as module 9 does."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from brokers.models import KnowledgeInstrument
from brokers.toolbox import printing
from impactportal.models import Job
from tests import factories as f

pytestmark = pytest.mark.django_db

LINKS = ("Naar de kennisbank", "Kaart maken")


@pytest.fixture
def printed(monkeypatch):
    """The HTML the toolbox PDF is made of (WeasyPrint's part is tested elsewhere)."""
    pages = []

    def render(template_name, context, request=None):
        pages.append(render_to_string(template_name, context, request=request))
        return b"%PDF-1.4 test"

    monkeypatch.setattr(printing, "render_to_pdf", render)
    return pages


@pytest.fixture
def sources(haarlem):
    f.toolbox_edition()
    KnowledgeInstrument.objects.create(name="Ondernemershuis", kind="network")
    f.property_of(haarlem, name="Pand Zijlweg", floor_area=Decimal("45.0"))


@pytest.mark.parametrize("language, area", [("nl", "45 m²"), ("en", "45 m²")])
def test_the_pdf_leaves_out_the_links_and_writes_the_area_as_the_lists(language, area, sources, printed, haarlem,
                                                                        broker_haarlem):
    job = Job.objects.create(kind="toolbox_pdf", title="Toolbox", created_by=broker_haarlem)
    printing.toolbox_pdf_job(organisation_id=haarlem.pk, module_number=None, language=language, job_id=job.pk)
    html = printed[0]
    assert "Ondernemershuis" in html and "Pand Zijlweg" in html  # the modules' content is there
    with translation.override(language):
        for link in LINKS:
            assert translation.gettext(link) not in html
    assert f"{area}" in html and "45,0 m²" not in html and "45.0 m²" not in html


def test_the_web_page_keeps_the_links(sources, login, broker_haarlem):
    client = login(broker_haarlem)
    assert "Naar de kennisbank" in client.get(reverse("brokers:toolbox-module", args=[4])).content.decode()
    assert "Kaart maken" in client.get(reverse("brokers:toolbox-module", args=[8])).content.decode()
    module11 = client.get(reverse("brokers:toolbox-module", args=[11])).content.decode()
    assert "Pand Zijlweg</a> — Centrum, 45 m²" in module11


ROW = {"code": "financing_mobilised", "name": "Gemobiliseerde financiering", "value": "150.000,00",
       "unit": "euro", "basis": "gemeten", "source": "Financiering"}


@pytest.mark.parametrize("printing_flag", [True, False])
def test_module_13_leaves_out_its_link_on_paper(printing_flag):
    html = render_to_string("monitoring/toolbox_indicators.html", {"rows": [ROW], "period": "mei 2026",
                                                                     "printing": printing_flag})
    assert ("Alle indicatoren met nulmeting en doel" in html) is not printing_flag
    assert ">150.000,00<" in html
