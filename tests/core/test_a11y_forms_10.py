"""Accessibility walk 10 (WCAG 2.1 AA): error-summary links to groups of choices, the title of a
failed submit, the language buttons' names, and the enterprise search field's live status."""

import re

import pytest
from django import forms
from django.urls import reverse

from enterprises.search_field import EnterpriseSearchInput
from impactportal.ui.forms import PortalForm, error_target_id

pytestmark = pytest.mark.django_db


def summary_links(html: str) -> list[str]:
    """The ids the error summary's links lead to."""
    summary = re.search(r"<div[^>]*data-error-summary[^>]*>(.*?)</div>", html, re.S)
    assert summary, "no error summary"
    return re.findall(r'href="#([^"]+)"', summary.group(1))


def element_with_id(html: str, element_id: str) -> str:
    found = re.search(rf'<(\w+)\b[^>]*\bid="{re.escape(element_id)}"[^>]*>', html)
    assert found, f"no element with id {element_id}"
    return found.group(0)


def assert_links_to_input(html: str, field_name: str, first_option_id: str):
    assert first_option_id in summary_links(html), summary_links(html)
    tag = element_with_id(html, first_option_id)
    assert tag.startswith("<input") and f'name="{field_name}"' in tag, tag


def title_of(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


# --- 1. error-summary links to radio buttons and check boxes ------------------------------------


def test_error_summary_links_a_radio_group_to_its_first_option(login, haarlem, broker_haarlem):
    """No "Toelating" chosen: the link led to the RadioSelect's <div id="id_mode">, which takes no
    focus; an invalid "Erkende keurmerken" (CheckboxSelectMultiple) likewise."""
    response = login(broker_haarlem).post(reverse("enterprises:admission-rule-create"),
                                          {"organisation": haarlem.pk, "accepted_schemes": ["onzin"]})
    html = response.content.decode()
    assert response.status_code == 200
    assert_links_to_input(html, "mode", "id_mode_0")
    assert_links_to_input(html, "accepted_schemes", "id_accepted_schemes_0")
    assert 'href="#id_mode"' not in html and 'href="#id_accepted_schemes"' not in html


def test_error_summary_links_a_checkbox_group_to_its_first_box(login, haarlem, broker_haarlem):
    response = login(broker_haarlem).post(reverse("brokers:team-create"),
                                          {"organisation": haarlem.pk, "name": "Team", "qualities": ["onzin"]})
    html = response.content.decode()
    assert response.status_code == 200
    assert_links_to_input(html, "qualities", "id_qualities_0")


def test_error_target_of_other_widgets():
    class Form(PortalForm):
        name = forms.CharField()
        when = forms.SplitDateTimeField()
        choice = forms.ChoiceField(choices=[("a", "A")], widget=forms.Select)
        boxes = forms.MultipleChoiceField(choices=[("x", [("a", "A"), ("b", "B")])],
                                          widget=forms.CheckboxSelectMultiple)  # grouped options
        empty = forms.ChoiceField(choices=[], widget=forms.RadioSelect)
        custom = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect(attrs={"id": "eigen"}))

    form = Form(data={}, prefix="p")
    assert error_target_id(form["name"]) == "id_p-name"
    assert error_target_id(form["when"]) == "id_p-when_0"  # the date of a date and time
    assert error_target_id(form["choice"]) == "id_p-choice"
    assert error_target_id(form["boxes"]) == "id_p-boxes_0_0"
    assert error_target_id(form["empty"]) == "id_p-empty"  # no option: the field's own id
    assert error_target_id(form["custom"]) == "eigen_0"
    assert 'id="id_p-boxes_0_0"' in str(form["boxes"])


# --- 2. the page title of a failed submit -------------------------------------------------------


def test_a_failed_contact_moment_starts_its_title_with_check_your_input(login, haarlem, broker_haarlem,
                                                                       enterprise_haarlem):
    client = login(broker_haarlem)
    url = reverse("enterprises:contact-create", args=[enterprise_haarlem.pk])
    assert not title_of(client.get(url).content.decode()).startswith("Controleer uw invoer")
    html = client.post(url, {"organisation": haarlem.pk, "kind": "intake", "date": "", "subject": ""}) \
        .content.decode()
    assert "data-error-summary" in html
    assert title_of(html).startswith("Controleer uw invoer: "), title_of(html)


def test_an_enterprise_edit_with_a_bad_kvk_number_says_so_in_its_title(login, ondernemer_1, enterprise_haarlem,
                                                                       haarlem):
    client = login(ondernemer_1)
    url = reverse("enterprises:enterprise-update", args=[enterprise_haarlem.pk])
    assert not title_of(client.get(url).content.decode()).startswith("Controleer uw invoer")
    response = client.post(url, {"name": enterprise_haarlem.name, "kvk_number": "1234567a",
                                 "municipality": haarlem.pk, "enterprise_type": "impact_first",
                                 "postcode": "2011ab", "headcount": 10, "disadvantaged_count": 4})
    html = response.content.decode()
    assert response.status_code == 200 and 'href="#id_kvk_number"' in html
    assert title_of(html).startswith("Controleer uw invoer: "), title_of(html)


def test_a_failed_helpdesk_question_says_so_in_its_title(login, ondernemer_1, client):
    client = login(ondernemer_1)
    url = reverse("helpdesk:case-new")
    assert not title_of(client.get(url).content.decode()).startswith("Controleer uw invoer")
    response = client.post(url, {"category": "", "subject": "", "description": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert title_of(html).startswith("Controleer uw invoer: Nieuwe vraag"), title_of(html)


def test_the_failed_action_title_is_prefixed_once(login, broker_haarlem, haarlem):
    """The action page (ui/action_form.html) had the prefix in its own title: now base.html adds it."""
    from django.template.loader import render_to_string

    from impactportal.ui.actions import ConfirmForm

    form = ConfirmForm(data={})
    form.add_error(None, "Mislukt")
    html = render_to_string("ui/action_form.html", {"form": form, "object": haarlem, "back_url": "/"})
    assert title_of(html) == f"Controleer uw invoer: {haarlem} · Impactportaal"


def test_the_prefix_speaks_english(login, ondernemer_1):
    client = login(ondernemer_1)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.post(reverse("helpdesk:case-new"), {"subject": ""}).content.decode()
    assert title_of(html).startswith("Check your input: "), title_of(html)


# --- 3. the language buttons ---------------------------------------------------------------------


def test_language_buttons_are_a_named_group_named_in_their_own_language(client):
    """Each button's name starts with its visible code (a voice command "NL" finds it, WCAG 2.5.3)
    and names the language in that language."""
    html = client.get(reverse("home")).content.decode()
    group = re.search(r'<form[^>]*class="portal-language"[^>]*>', html).group(0)
    assert 'role="group"' in group and 'aria-label="Taal"' in group
    buttons = re.findall(r'<button[^>]*name="language"[^>]*>[^<]*</button>', html)
    nl = next(b for b in buttons if 'value="nl"' in b)
    en = next(b for b in buttons if 'value="en"' in b)
    assert 'lang="nl"' in nl and 'aria-label="NL – Nederlands"' in nl and nl.endswith(">NL</button>")
    assert 'lang="en"' in en and 'aria-label="EN – English"' in en and en.endswith(">EN</button>")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("home")).content.decode()
    assert 'aria-label="Language"' in re.search(r'<form[^>]*class="portal-language"[^>]*>', html).group(0)
    assert 'aria-label="NL – Nederlands"' in html  # Dutch stays named in Dutch


# --- 5. the enterprise search field's live status -------------------------------------------------


def test_enterprise_search_field_has_a_polite_status_outside_its_list():
    html = str(EnterpriseSearchInput().render("supplier", "", {"id": "id_supplier"}))
    status = re.search(r'<span id="id_supplier-suggestions-status"[^>]*>', html)
    assert status, html
    tag = status.group(0)
    # role=status is polite already; the sentence comes from the server (out of band, walk 11).
    assert 'role="status"' in tag and "aria-live" not in tag and "data-" not in tag
    # after the <datalist> htmx fills, not inside it
    assert html.index("</datalist>") < html.index('id="id_supplier-suggestions-status"')
    assert '<datalist id="id_supplier-suggestions"></datalist>' in html
