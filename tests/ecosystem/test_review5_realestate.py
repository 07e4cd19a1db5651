"""User review 5, real estate: the two mails say what happened and what to do next; the tenant
reads the terms of their allocation on their own space request (property, start date, the rent
their enterprise pays, the owner to contact; not the market rent or the Didam record); the Didam
fields say when they are required; the property pages tell visitors what they are and what to
do next."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ecosystem import services_realestate as services
from ecosystem.models import Allocation, SpaceRequest
from impactportal import access
from impactportal.models import Notification
from tests import factories as f
from tests.pages import text

pytestmark = pytest.mark.django_db
JUSTIFICATION = "Alleen deze ondernemer voldoet aan de eis van inzet in de wijk, dus er is één serieuze gegadigde."
CREATE = "/ecosysteem/vastgoed/ruimtevragen/nieuw/"


@pytest.fixture
def let(haarlem, enterprise_haarlem, broker_haarlem, ondernemer_1):
    """"Werkplaats Ripperda" let to Fietsenmakerij Haarlem at € 700 a month (market rent € 1.500)."""
    haarlem.contact_email = "vastgoed@haarlem.nl"
    haarlem.website = "https://www.haarlem.nl/vastgoed"
    haarlem.save()
    prop = f.property_of(haarlem, name="Werkplaats Ripperda", address="Ripperdastraat 5",
                         available_from=dt.date(2026, 1, 1))
    chosen = f.space_request_of(enterprise_haarlem, purpose="Fietswerkplaats")
    other = f.EnterpriseFactory(name="Kringloop Schalkwijk", municipality=haarlem)
    passed_over = f.space_request_of(other, purpose="Kringloopwinkel")
    allocation = services.allocate(property=prop, space_request=chosen, rent=D(700), by=broker_haarlem,
                                   procedure="exception", justification=JUSTIFICATION,
                                   decided_by="College van B&W", decision_date=dt.date(2026, 2, 1),
                                   start_date=dt.date(2026, 3, 1))
    return {"property": prop, "request": chosen, "allocation": allocation, "passed_over": passed_over,
            "other": other}


# --- 1. the mails --------------------------------------------------------------------------------


def test_the_new_space_request_mail_tells_the_brokers_what_was_asked(
        haarlem, enterprise_haarlem, ondernemer_1, broker_haarlem, django_capture_on_commit_callbacks):
    broker_haarlem.email = "makelaar@haarlem.nl"
    broker_haarlem.save()
    start = timezone.localdate() + dt.timedelta(days=30)
    request_ = SpaceRequest(enterprise=enterprise_haarlem, min_area=D(50), max_area=D("1250"), budget=D(800),
                            start_date=start, purpose="Werkplaats met leerwerkplekken")
    with django_capture_on_commit_callbacks(execute=True):
        services.space_request_create(space_request=request_, by=ondernemer_1)
    note = Notification.objects.get(recipient=broker_haarlem)
    assert note.subject == "Nieuwe ruimtevraag van Fietsenmakerij Haarlem"
    assert note.body.startswith("Fietsenmakerij Haarlem zoekt ruimte: 50 tot 1.250 m², vanaf "
                                f"{start:%d-%m-%Y}.")
    assert "wijs een pand toe" in note.body
    assert note.body_en  # written in English too (the sentence once the catalogue has it)
    sent = mail.outbox[-1]
    assert sent.to == ["makelaar@haarlem.nl"] and note.body in sent.body
    assert sent.body.rstrip().endswith(request_.get_absolute_url())  # and the link, below the text


def test_the_allocation_mail_tells_the_entrepreneur_the_property_the_date_and_the_next_step(let, ondernemer_1):
    note = Notification.objects.get(recipient=ondernemer_1, dedupe_key=f"allocation-{let['allocation'].pk}")
    assert note.subject == "Er is een pand voor uw ruimtevraag: Werkplaats Ripperda"
    assert note.body.startswith("Gemeente Haarlem heeft Werkplaats Ripperda (Ripperdastraat 5) aan Fietsenmakerij "
                                "Haarlem toegewezen, met ingang van 01-03-2026.")
    assert "afgesproken huur" in note.body and "contact" in note.body
    # The mail names no amount: the rent is on the page behind the login.
    assert "700" not in note.body and "1.500" not in note.body


# --- 2. the tenant's terms on their space request -------------------------------------------------


def test_the_tenant_reads_the_terms_of_the_allocation_on_their_request(login, let, ondernemer_1):
    page = text(login(ondernemer_1).get(let["request"].get_absolute_url()))
    terms = page.split('id="let-properties"')[1].split("</ul>")[0]
    assert f'href="{let["property"].get_absolute_url()}"' in terms and "Ripperdastraat 5" in terms
    assert "Met ingang van" in terms and "01-03-2026" in terms
    assert "Afgesproken huur per maand" in terms and "€\xa0700,00" in terms
    assert "Gemeente Haarlem" in terms and 'href="mailto:vastgoed@haarlem.nl"' in terms
    assert "https://www.haarlem.nl/vastgoed" in terms
    assert f'href="{reverse("helpdesk:case-new")}?category=property"' in terms  # and the municipality's desk
    # Not the owner's: the market rent, the social tariff, the Didam record, the allocation page.
    assert "1.500" not in page and JUSTIFICATION not in page and "College van B&amp;W" not in page
    assert "College van B&W" not in page and let["allocation"].get_absolute_url() not in page


def test_the_terms_are_the_tenants_only(login, let, ondernemer_1, broker_haarlem, broker_amersfoort):
    other = f.entrepreneur(let["other"], "ondernemer-schalkwijk")
    allocations = Allocation.objects.filter(pk=let["allocation"].pk)
    assert access.scope(ondernemer_1, allocations, "terms").exists()
    assert access.scope(broker_haarlem, allocations, "terms").exists()
    assert not access.scope(other, allocations, "terms").exists()
    assert not access.scope(broker_amersfoort, allocations, "terms").exists()
    # Nor the allocation itself (its page stays 404 for the tenant).
    assert login(ondernemer_1).get(let["allocation"].get_absolute_url()).status_code == 404
    # The request passed over shows no terms; a request withdrawn after the allocation neither.
    assert 'id="let-properties"' not in text(login(other).get(let["passed_over"].get_absolute_url()))
    SpaceRequest.objects.filter(pk=let["request"].pk).update(status="withdrawn")
    assert not access.scope(ondernemer_1, allocations, "terms").exists()


# --- 3. the Didam fields say when they are required -----------------------------------------------


def _label(page, name):
    match = re.search(rf'<label class="utrecht-form-label" for="id_allocate-{name}">(.*?)</label>', page, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1))


def test_the_didam_fields_say_which_procedure_requires_them(login, haarlem, enterprise_haarlem, broker_haarlem):
    f.property_of(haarlem, is_published=True)
    request_ = f.space_request_of(enterprise_haarlem)
    page = text(login(broker_haarlem).get(request_.get_absolute_url()))
    for name in ("procedure_reference", "publication_date", "candidates"):
        assert _label(page, name).endswith("(verplicht bij openbare selectie)"), _label(page, name)
    for name in ("justification", "decided_by", "decision_date"):
        assert _label(page, name).endswith("(verplicht bij uitzondering)"), _label(page, name)
    assert "(optioneel)" in _label(page, "start_date")  # truly optional stays so


# --- 4. what the property pages are, and the next step ---------------------------------------------


def test_visitors_read_what_the_properties_are_and_how_to_ask_for_one(client, haarlem):
    prop = f.property_of(haarlem, is_published=True)
    page = text(client.get(reverse("ecosystem:property-list")))
    assert 'id="property-intro"' in page and "impactondernemingen" in page.split('id="property-intro"')[1][:200]
    offer = page.split('id="space-request-offer"')[1].split("</aside>")[0]
    assert "Log in en dien een ruimtevraag in" in offer
    assert f'href="/accounts/login/?next={CREATE}"' in offer
    detail = text(client.get(prop.get_absolute_url()))
    assert "Interesse in dit pand?" in detail and f"?next={CREATE}" in detail


def test_entrepreneurs_are_offered_the_request_form_and_staff_nothing(login, haarlem, ondernemer_1, broker_haarlem):
    prop = f.property_of(haarlem, is_published=True)
    page = text(login(ondernemer_1).get(reverse("ecosystem:property-list")))
    offer = page.split('id="space-request-offer"')[1].split("</aside>")[0]
    assert f'href="{CREATE}"' in offer and "Ruimtevraag indienen" in offer and "/accounts/login/" not in offer
    assert f'href="{CREATE}"' in text(login(ondernemer_1).get(prop.get_absolute_url()))
    for url in (reverse("ecosystem:property-list"), prop.get_absolute_url()):
        assert 'id="space-request-offer"' not in text(login(broker_haarlem).get(url))


def test_the_tenant_is_offered_no_request_on_the_property_they_have(login, let, ondernemer_1):
    assert 'id="space-request-offer"' not in text(login(ondernemer_1).get(let["property"].get_absolute_url()))
