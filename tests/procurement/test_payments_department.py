"""Supplier payments are procurement's (department inkoop): the organisation's brokers and its
inkoop colleagues see, import and count them; a colleague of another department (vastgoed) of the
same organisation gets the 403 page on the payments pages, 404 on a payment in the API, no rows in
the API list and no spending figures (no totals of rows they cannot open)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from impactportal.accounts.constants import Department
from procurement import figures
from procurement.models import PaymentImport, SupplierPayment
from tests import factories as f
from tests.csv_export import csv_rows

pytestmark = pytest.mark.django_db
D = Decimal
YEAR = 2025
AMOUNT = "7654.32"  # Haarlem's only payment: a figure nobody else's rows add up to
FILE = b"kvk-nummer;naam;datum;bedrag excl. btw;kostensoort\n12345678;Kantoorreus BV;15-03-2025;250,00;Kantoor\n"


@pytest.fixture
def vastgoed_colleague(haarlem):
    return f.colleague(haarlem, Department.VASTGOED, "vastgoed-collega-haarlem")


@pytest.fixture
def batch(haarlem, broker_haarlem):
    """An import of Haarlem with one payment in it (departments as the model gives them: its default)."""
    upload = PaymentImport(organisation=haarlem, uploaded_by=broker_haarlem,
                           report={"applied": 1, "malformed": [], "unmatched": [], "total_rows": 1})
    upload.file.save("betalingen.csv", ContentFile(FILE), save=False)
    upload.save()
    SupplierPayment.objects.create(organisation=haarlem, batch=upload, supplier_kvk="12345678",
                                   supplier_name="Kantoorreus BV", date=dt.date(YEAR, 3, 15), amount=D(AMOUNT),
                                   cost_category="Kantoor")
    return upload


def _upload(client, organisation):
    file = SimpleUploadedFile("betalingen.csv", FILE, content_type="text/csv")
    return client.post(reverse("procurement:payment-import-create"), {"organisation": organisation.pk, "file": file})


# --- the rows -----------------------------------------------------------------------------------


def test_payments_and_imports_are_inkoops_by_default(batch):
    payment = SupplierPayment.objects.get()
    assert (batch.department, payment.department) == (Department.INKOOP, Department.INKOOP)


def test_only_brokers_and_inkoop_colleagues_see_the_rows(batch, broker_haarlem, inkoper_haarlem, vastgoed_colleague):
    for model in (SupplierPayment, PaymentImport):
        assert model.objects.for_user(broker_haarlem).count() == 1, model
        assert model.objects.for_user(inkoper_haarlem).count() == 1, model
        assert not model.objects.for_user(vastgoed_colleague).exists(), model
        assert not model.objects.for_user(vastgoed_colleague, "change").exists(), model


# --- the pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name, with_batch, query", [
    ("procurement:payment-list", False, {}),
    ("procurement:payment-list", False, {"year": YEAR, "_export": "csv"}),
    ("procurement:payment-import-create", False, {}),
    ("procurement:payment-import-detail", True, {}),
    ("procurement:payment-import-report", True, {}),
])
def test_payment_pages_are_403_for_vastgoed_and_open_for_inkoop_and_brokers(
        name, with_batch, query, batch, broker_haarlem, inkoper_haarlem, vastgoed_colleague, login):
    url = reverse(name, args=[batch.pk] if with_batch else [])
    refused = login(vastgoed_colleague).get(url, query)
    assert refused.status_code == 403
    assert AMOUNT.replace(".", ",") not in refused.content.decode("utf-8", "replace")
    for user in (inkoper_haarlem, broker_haarlem):
        assert login(user).get(url, query).status_code == 200, user


def test_the_list_shows_the_payments_to_inkoop(batch, inkoper_haarlem, login):
    page = login(inkoper_haarlem).get(reverse("procurement:payment-list")).content.decode()
    assert "Kantoorreus BV" in page and reverse("procurement:payment-import-create") in page


def test_vastgoed_cannot_import_inkoop_and_brokers_can(haarlem, broker_haarlem, inkoper_haarlem, vastgoed_colleague,
                                                       login, django_capture_on_commit_callbacks):
    assert _upload(login(vastgoed_colleague), haarlem).status_code == 403
    assert not PaymentImport.objects.exists()
    for user in (inkoper_haarlem, broker_haarlem):
        with django_capture_on_commit_callbacks(execute=True):
            assert _upload(login(user), haarlem).status_code == 302
    assert list(PaymentImport.objects.values_list("uploaded_by", "department").order_by("id")) == [
        (inkoper_haarlem.pk, Department.INKOOP), (broker_haarlem.pk, Department.INKOOP)]
    # The second upload of the same file replaced the first one's payments: one row, procurement's.
    assert list(SupplierPayment.objects.values_list("supplier_name", "department")) == [
        ("Kantoorreus BV", Department.INKOOP)]
    assert SupplierPayment.objects.for_user(inkoper_haarlem).count() == 1
    assert not SupplierPayment.objects.for_user(vastgoed_colleague).exists()


# --- the API ------------------------------------------------------------------------------------


def test_api_payments_for_inkoop_and_brokers_only(batch, broker_haarlem, inkoper_haarlem, vastgoed_colleague, api):
    payment = SupplierPayment.objects.get()
    detail = f"/api/v1/procurement/payments/{payment.pk}/"
    assert api(vastgoed_colleague).get("/api/v1/procurement/payments/").json()["results"] == []
    assert api(vastgoed_colleague).get(detail).status_code == 404
    for user in (inkoper_haarlem, broker_haarlem):
        rows = api(user).get("/api/v1/procurement/payments/").json()["results"]
        assert [(row["id"], row["amount"]) for row in rows] == [(payment.pk, AMOUNT)], user
        assert api(user).get(detail).status_code == 200, user


# --- the figures --------------------------------------------------------------------------------


def test_figures_page_sums_payments_only_for_who_may_open_them(batch, broker_haarlem, inkoper_haarlem,
                                                               vastgoed_colleague, login):
    url = reverse("procurement:figures")
    page = login(vastgoed_colleague).get(url, {"year": YEAR})
    html = page.content.decode()
    assert page.status_code == 200  # social return of their organisation: for every colleague
    assert 'id="obligation-tiles"' in html
    assert 'id="spending-tiles"' not in html and "7.654,32" not in html
    assert reverse("procurement:payment-list") not in html  # no link to a page that refuses them
    assert reverse("procurement:payment-import-create") not in html
    for user in (inkoper_haarlem, broker_haarlem):
        html = login(user).get(url, {"year": YEAR}).content.decode()
        assert 'id="spending-tiles"' in html and "7.654,32" in html, user
        assert reverse("procurement:payment-list") in html, user


def test_figures_export_and_api_leave_the_payments_out_for_vastgoed(batch, inkoper_haarlem, vastgoed_colleague,
                                                                     login, api):
    export = csv_rows(login(vastgoed_colleague).get(reverse("procurement:figures-export"), {"year": YEAR}).content)
    cells = {cell for row in export for cell in row}
    assert "Verplichting" in cells
    assert "Kostensoorten" not in cells and "Betaald aan leveranciers (excl. btw)" not in cells
    assert "7654,32" not in cells
    summary = api(vastgoed_colleague).get("/api/v1/procurement/figures/", {"year": YEAR}).json()
    assert summary["organisation"] == "haarlem" and summary["obligations"]
    assert (summary["spending"], summary["cost_categories"], summary["top_suppliers"]) == ([], [], [])
    # The inkoop colleague's figures do count the payment: the empty ones above are the department's doing.
    export = csv_rows(login(inkoper_haarlem).get(reverse("procurement:figures-export"), {"year": YEAR}).content)
    assert ["Betaald aan leveranciers (excl. btw)", "7654,32"] in [row[5:7] for row in export]
    spending = api(inkoper_haarlem).get("/api/v1/procurement/figures/", {"year": YEAR}).json()["spending"]
    assert {row["key"]: row["value"] for row in spending}["spending_total"] == AMOUNT


def test_reads_payments(haarlem, amersfoort, broker_haarlem, inkoper_haarlem, vastgoed_colleague, admin_user):
    assert figures.reads_payments(broker_haarlem) and figures.reads_payments(broker_haarlem, haarlem)
    assert figures.reads_payments(inkoper_haarlem) and figures.reads_payments(inkoper_haarlem, haarlem)
    assert not figures.reads_payments(inkoper_haarlem, amersfoort)
    assert not figures.reads_payments(vastgoed_colleague) and not figures.reads_payments(vastgoed_colleague, haarlem)
    assert figures.reads_payments(admin_user) and figures.reads_payments(admin_user, amersfoort)


# --- the demo -----------------------------------------------------------------------------------


def test_demo_payments_are_for_the_inkoop_demo_colleague_not_the_vastgoed_one(haarlem, amersfoort):
    """``inkoper-haarlem`` (the README's procurement colleague) reads the demo payments;
    ``vastgoed-haarlem`` (the real-estate demo colleague) reads none of them."""
    from ecosystem import demo_realestate
    from impactportal.accounts.models import User
    from impactportal.seed.core import DEMO_USERS
    from procurement.demo import figures as demo

    demo.seed(size="small", ref={}, stdout=None)
    assert set(SupplierPayment.objects.values_list("department", flat=True)) == {Department.INKOOP}
    (memberships,) = [spec for username, *_names, spec in DEMO_USERS if username == "inkoper-haarlem"]
    assert [(role, slug, department) for role, slug, department, _coordinator in memberships] == [
        ("colleague", "haarlem", Department.INKOOP)]
    inkoper = f.colleague(haarlem, memberships[0][2], "inkoper-demo")
    demo_realestate._vastgoed_user(haarlem)
    vastgoed = User.objects.get(username="vastgoed-haarlem")
    assert SupplierPayment.objects.for_user(inkoper).count() == SupplierPayment.objects.filter(
        organisation=haarlem).count() > 0
    assert not SupplierPayment.objects.for_user(vastgoed).exists()
