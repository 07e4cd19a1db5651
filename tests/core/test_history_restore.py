"""htmx's Back past the copies it keeps asks the server for the page (a history-restore request,
with HX-Request too): it gets the whole page, not the list's part (which showed as a bare table
without header or menu). A live search still gets the part; the visitors' page cache keeps them apart."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SEARCH = {"HTTP_HX_REQUEST": "true"}
RESTORE = {"HTTP_HX_REQUEST": "true", "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}


def _whole(response) -> bool:
    return "<html" in response.content.decode()


@pytest.mark.parametrize("name", ["enterprises:register", "helpdesk:inbox", "enterprises:certification-list"])
def test_a_staff_list_answers_a_restore_with_the_whole_page(login, broker_haarlem, name):
    url = reverse(name)
    client = login(broker_haarlem)
    assert not _whole(client.get(url, {"q": "a"}, **SEARCH))
    assert _whole(client.get(url, {"q": "a"}, **RESTORE))


def test_the_cached_showcase_answers_a_restore_with_the_whole_page(client, enterprise_haarlem):
    url = reverse("etalage")
    assert not _whole(client.get(url, {"q": "a"}, **SEARCH))  # cached as the part
    assert _whole(client.get(url, {"q": "a"}, **RESTORE))
    assert not _whole(client.get(url, {"q": "a"}, **SEARCH))
