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
    assert ">impactrapport-2024" in page  # the file's own name, not its storage path
    response = client.get(download)
    assert response.status_code == 200 and b"".join(
        response.streaming_content if response.streaming else [response.content]
    ).startswith(b"%PDF")
