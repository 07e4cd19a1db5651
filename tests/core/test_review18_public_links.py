"""A visitor finds the public figures: the programme's published reports from the home page, the
open data of outcome contracts from the footer (both were public, and linked only behind a login)."""

from django.urls import reverse


def test_the_home_page_leads_to_the_programmes_public_reports_and_open_data(client, programme):
    html = client.get(reverse("home")).content.decode()
    public = reverse("monitoring:public-programme", args=[programme.slug])
    assert f'href="{public}" id="programme-reports-{programme.pk}"' in html
    assert f'href="{reverse("financing:open-data-download")}" id="footer-open-data"' in html
    assert client.get(public).status_code == 200
    assert client.get(reverse("financing:open-data-download")).status_code == 200
