"""The toolbox is a Dutch publication: on English pages its content is marked as Dutch (for screen
readers and translation tools) and the page says why it is not in English."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["nl", "en"])
def test_toolbox_content_is_marked_as_dutch(login, haarlem, broker_haarlem, language):
    f.toolbox_edition()
    client = login(broker_haarlem)
    client.cookies["django_language"] = language
    with translation.override(language):
        overview = client.get(reverse("brokers:toolbox")).content.decode()
        module = client.get(reverse("brokers:toolbox-module", args=[1])).content.decode()
    for page in (overview, module):
        assert '<span lang="nl">' in page
        assert ('id="toolbox-language"' in page) == (language == "en")
    if language == "en":
        assert "The toolbox is a Dutch publication" in overview
