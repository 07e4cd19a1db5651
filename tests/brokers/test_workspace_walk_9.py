"""Workspace walk 9: the action's toolbox module read as a bare "3" in the action form, the action
list, its filter and its export; it now reads "3. Welke impactondernemers …" in the page's
language."""

import html
import re

import pytest
from django.urls import reverse

from brokers.models import Module
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def module3(db):
    edition = f.toolbox_edition()
    return Module.objects.get(edition=edition, number=3)


def _options(page, name):
    select = page[page.index(f'name="{name}"'):]
    select = select[: select.index("</select>")]
    return {value: html.unescape(label) for value, label in re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>',
                                                                        select)}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_module_reads_as_its_number_and_title(login, broker_haarlem, haarlem, module3, language):
    title = module3.title_en if language == "en" else module3.title
    assert title and module3.title_en != module3.title
    label = f"3. {title}"
    action = f.agenda_action(haarlem, title="Actie met module", module_number=3)
    client = login(broker_haarlem)
    client.cookies["django_language"] = language
    form = client.get(reverse("brokers:action-create")).content.decode()
    assert _options(form, "module_number")["3"] == label
    listed = client.get(reverse("brokers:action-list"))
    page = html.unescape(listed.content.decode())
    assert _options(page, "module")["3"] == label
    row = page[page.index("Actie met module"):]
    assert label in row[: row.index("</tr>")]
    assert client.get(reverse("brokers:action-list") + "?module=3").context["table"].paginator.count == 1
    csv = client.get(reverse("brokers:action-list") + "?_export=csv").content.decode("utf-8-sig")
    assert label in csv
    assert label in html.unescape(client.get(action.get_absolute_url()).content.decode())
    assert label in html.unescape(client.get(action.line.programme.get_absolute_url()).content.decode())
