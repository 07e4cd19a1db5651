"""The user walk of the monitoring reports: the year of a report request is a year and nothing
else ("2025-13" opened the report of 2025 without a word, the browser cutting it to four
characters), an existing report says it is the existing one, and a published report shows its
public address (as does the message after publishing)."""

import pytest

from monitoring import services
from monitoring.models import ReportRequest

pytestmark = pytest.mark.django_db

NEW = "/monitoring/rapporten/nieuw/"


@pytest.mark.parametrize("period", ["2025-13", "2025-11", "2025-Q4", "25", "20251", "２０２５", "jaar"])
def test_a_period_that_is_not_a_year_is_refused_with_a_clear_error(snapshots, login, broker_haarlem, period):
    client = login(broker_haarlem)
    response = client.post(NEW, {"kind": "annual", "organisation": "haarlem", "period": period})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["period"]
    assert errors["period"] == ["Dit is geen jaar. Geef een jaar op in vier cijfers, bijvoorbeeld 2025; een maand "
                                "(2025-11) of kwartaal (2025-Q4) kan niet."]
    assert not ReportRequest.objects.exists()


def test_the_year_box_does_not_cut_what_is_typed_and_says_what_it_takes(login, broker_haarlem, haarlem):
    page = login(broker_haarlem).get(NEW).content.decode()
    box = page.split('name="period"', 1)[1].split(">", 1)[0]
    assert "maxlength" not in box  # the browser cut "2025-13" to "2025"
    assert "Een jaar in vier cijfers, bijvoorbeeld 2025." in page


def test_asking_again_opens_the_existing_report_and_says_so(snapshots, login, broker_haarlem, run_report, haarlem):
    report, _created = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    client = login(broker_haarlem)
    response = client.post(NEW, {"kind": "annual", "organisation": "haarlem", "period": " 2025 "}, follow=True)
    assert response.redirect_chain[-1][0] == report.get_absolute_url()
    assert "Dit rapport bestond al voor deze meting; u ziet het bestaande." in response.content.decode()
    assert ReportRequest.objects.count() == 1


@pytest.fixture
def approved(snapshots, broker_haarlem, haarlem, run_report):
    report, _created = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    services.review_decide(report=report, by=broker_haarlem, outcome="approved")
    return report


def test_publishing_shows_the_public_address(approved, login, broker_haarlem, haarlem):
    client = login(broker_haarlem)
    page = client.get(approved.get_absolute_url()).content.decode()
    assert 'id="public-link"' not in page and "/monitoring/openbaar/" not in page
    response = client.post(approved.get_absolute_url(), {"op": "publish"}, follow=True)
    page = response.content.decode()
    public = f"http://testserver/monitoring/openbaar/organisatie/{haarlem.slug}/"
    assert f"Het rapport is gepubliceerd. Het openbare adres is {public}" in page
    link = page.split('id="public-link"', 1)[1].split("</p>", 1)[0]
    assert f'href="/monitoring/openbaar/organisatie/{haarlem.slug}/"' in link and public in link
    assert f'href="/monitoring/openbaar/rapport/{approved.pk}/pdf/"' in link
    # The address works for anyone and lists the report.
    client.logout()
    assert f"/monitoring/openbaar/rapport/{approved.pk}/pdf/" in client.get(public).content.decode()


def test_the_public_address_of_each_kind_of_report(approved, programme, broker_haarlem):
    assert approved.public_url() == ""
    services.report_publish(report=approved, by=broker_haarlem)
    approved.refresh_from_db()
    assert approved.public_url() == f"/monitoring/openbaar/organisatie/{approved.organisation.slug}/"
    programme_report = ReportRequest(programme=programme, published_at=approved.published_at)
    assert programme_report.public_url() == f"/monitoring/openbaar/programma/{programme.slug}/"
    statement = ReportRequest(pk=123, published_at=approved.published_at)
    assert statement.public_url() == "/monitoring/openbaar/rapport/123/pdf/"


