"""The edit form's "Huidige:" (current file) link of a private file goes to its access-checked
download, not to /media/… (which serves no private file: a 404) — reader check."""

import re

import pytest
from django.urls import reverse

from .test_impact_measurement import _measurement

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["ondernemer_1", "broker_haarlem"])
def test_the_current_report_links_to_its_download(request, login, enterprise_haarlem, who):
    measurement = _measurement(enterprise_haarlem, consent=False)
    client = login(request.getfixturevalue(who))
    page = client.get(reverse("enterprises:impact", args=[enterprise_haarlem.pk])).content.decode()
    download = reverse("enterprises:impact-report", args=[measurement.pk])
    links = re.findall(r'href="([^"]*)"', page)
    assert download in links
    assert not [link for link in links if "/media/" in link or "impact-reports" in link]
    assert f">{measurement.report_filename}<" in page  # the name it downloads under, not its storage path
    response = client.get(download)
    assert response.status_code == 200 and b"".join(
        response.streaming_content if response.streaming else [response.content]
    ).startswith(b"%PDF")


def test_the_current_report_is_named_without_storages_suffix(login, ondernemer_1, enterprise_haarlem):
    """A report uploaded under a name stored before gets a random suffix from storage
    ("impactrapport-2024_Xk3pQ9a.pdf"); the form names it as its download does."""
    _measurement(enterprise_haarlem, consent=False).delete()  # its file stays: the name is taken
    measurement = _measurement(enterprise_haarlem, consent=False)
    stored = measurement.report.name.rsplit("/", 1)[-1]
    assert stored != "impactrapport-2024.pdf"  # the suffix this test is about
    page = login(ondernemer_1).get(reverse("enterprises:impact", args=[enterprise_haarlem.pk])).content.decode()
    assert stored not in page
    assert f">{measurement.report_filename}<" in page
    assert measurement.report_filename.startswith("impactrapport-") and measurement.report_filename.endswith("-2024.pdf")
