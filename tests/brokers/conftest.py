import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from brokers.constants import InstrumentKind
from brokers.helpdesk import services
from brokers.models import KnowledgeInstrument

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf(name="vraag.pdf", content=PDF):
    return upload(name, content, "application/pdf")


@pytest.fixture
def make_case():
    def make(submitter, enterprise=None, organisation=None, subject="Hulp bij financiering", category="financing",
             **kwargs):
        return services.case_submit(submitter=submitter, enterprise=enterprise, organisation=organisation,
                                    category=category, subject=subject, description="Wij zoeken een lening.",
                                    **kwargs)

    return make


@pytest.fixture
def case_haarlem(make_case, ondernemer_1, enterprise_haarlem, broker_haarlem):
    return make_case(ondernemer_1, enterprise_haarlem, subject="Vraag van Haarlem")


@pytest.fixture
def case_amersfoort(make_case, ondernemer_2, enterprise_amersfoort, broker_amersfoort):
    return make_case(ondernemer_2, enterprise_amersfoort, subject="Vraag van Amersfoort")


@pytest.fixture
def instruments(db):
    return [
        KnowledgeInstrument.objects.create(name="Finance Tool", kind=InstrumentKind.FINANCING, description="Kies financiering",
                                  url="https://www.social-enterprise.nl/"),
        KnowledgeInstrument.objects.create(name="Impact Noord", kind=InstrumentKind.NETWORK, region="Noord-Nederland",
                                  description="Netwerk", url="https://impactnoord.nl/"),
        KnowledgeInstrument.objects.create(name="Meetinstrumenten", kind=InstrumentKind.MEASUREMENT, description="Meten"),
    ]


__all__ = ["io", "pdf", "upload", "PNG", "PDF"]
