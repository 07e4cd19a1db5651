"""User walk 9, enterprises: registering an enterprise is offered to entrepreneurs and visitors,
not to staff; a KvK number may be typed with spaces, dots or dashes in every form; the review
warning names the changed facts in a proper sentence; the profile, register, filters and change
log give a field one label (the model's verbose_name)."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from brokers.helpdesk.forms import LinkEnterpriseForm, SignupForm
from enterprises.constants import AdmissionStatus
from enterprises.filters import EnterpriseFilter
from enterprises.forms import CHANGED_FACTS, EnterpriseRegistrationForm, in_words
from enterprises.models import Enterprise
from enterprises.services import MATERIAL_FACTS
from enterprises.tables import EnterpriseTable
from impactportal import access
from tests import factories as f
from tests.csv_export import csv_rows

from .test_material_change import edit

pytestmark = pytest.mark.django_db
FRAGMENT = Path(settings.BASE_DIR) / "locale/en/extra/enterprise-walk-9.po"
REGISTER_LINK = 'href="/mijn-onderneming/aanmelden/"'


@pytest.fixture
def coordinator(region):
    return f.sroi_coordinator(region, "sroi-zkij")


# --- 1. "Onderneming aanmelden" only for entrepreneurs and visitors -----------------------------


def test_the_access_module_decides_who_is_invited_to_register(coordinator, broker_haarlem, ondernemer_1,
                                                              stuurgroep, partner_haarlem):
    from django.contrib.auth.models import AnonymousUser

    assert access.may_register_enterprise(AnonymousUser())
    assert access.may_register_enterprise(ondernemer_1)
    assert access.may_register_enterprise(f.UserFactory(username="nog-geen-rol"))
    for staff in (coordinator, broker_haarlem, stuurgroep, partner_haarlem,
                  f.UserFactory(username="beheer", is_superuser=True, is_staff=True)):
        assert not access.may_register_enterprise(staff), staff.username


def test_the_showcase_does_not_invite_a_coordinator_to_register(client, login, coordinator, ondernemer_1):
    assert 'id="showcase-register-link"' in client.get(reverse("etalage")).content.decode()  # the visitor
    assert 'id="showcase-register-link"' in login(ondernemer_1).get(reverse("etalage")).content.decode()
    page = login(coordinator).get(reverse("etalage")).content.decode()
    assert "Staat uw onderneming er nog niet tussen?" not in page and REGISTER_LINK not in page


def test_mine_tells_a_coordinator_it_is_for_entrepreneurs(login, coordinator):
    page = login(coordinator).get(reverse("enterprises:mine")).content.decode()
    assert 'id="mine-not-for-staff"' in page
    assert REGISTER_LINK not in page and "U heeft nog geen onderneming in het register" not in page


def test_mine_still_invites_a_new_entrepreneur(login):
    page = login(f.UserFactory(username="nieuw")).get(reverse("enterprises:mine")).content.decode()
    assert 'id="self-register-link"' in page and 'id="mine-not-for-staff"' not in page


def test_the_signup_page_explains_instead_of_showing_the_form_to_staff(login, coordinator, haarlem):
    client = login(coordinator)
    response = client.get(reverse("enterprises:self-register"))
    page = response.content.decode()
    assert response.status_code == 403
    assert 'id="self-register-not-for-staff"' in page and 'id="self-register-form"' not in page
    posted = client.post(reverse("enterprises:self-register"), {
        "name": "Niet Van Mij BV", "kvk_number": "87654321", "municipality": haarlem.pk,
        "enterprise_type": "impact_first"})
    assert posted.status_code == 403 and not Enterprise.objects.filter(kvk_number="87654321").exists()


# --- 2. KvK numbers with spaces, dots or dashes ------------------------------------------------------


@pytest.mark.parametrize("typed", ["9000 0118", "9000.0118", "9000-0118", " 90000118 ", "9000\u00a00118"])
def test_every_kvk_input_takes_the_number_as_typed(typed, haarlem):
    signup = SignupForm({"first_name": "A", "last_name": "B", "email": "a@example.org",
                         "password1": "Een-lang-wachtwoord-2026", "password2": "Een-lang-wachtwoord-2026",
                         "kvk_number": typed})
    assert signup.is_valid(), signup.errors
    assert signup.cleaned_data["kvk_number"] == "90000118"
    link = LinkEnterpriseForm({"kvk_number": typed})
    assert link.is_valid() and link.cleaned_data["kvk_number"] == "90000118"
    register = EnterpriseRegistrationForm({"name": "Nieuw BV", "kvk_number": typed, "municipality": haarlem.pk,
                                           "enterprise_type": "impact_first"})
    assert register.is_valid(), register.errors
    assert register.cleaned_data["kvk_number"] == "90000118"


@pytest.mark.parametrize("typed", ["9000 011", "9000 01188", "abcd efgh", "9000_0118"])
def test_the_eight_digit_rule_stays(typed):
    form = LinkEnterpriseForm({"kvk_number": typed})
    assert not form.is_valid()
    assert form.errors["kvk_number"] == ["Een KvK-nummer bestaat uit precies 8 cijfers."]


def test_the_signup_page_accepts_a_kvk_number_with_a_space(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("helpdesk:signup"), {
            "first_name": "Fatima", "last_name": "Ondernemer", "email": "fatima@example.org",
            "password1": "Een-lang-wachtwoord-2026", "password2": "Een-lang-wachtwoord-2026",
            "kvk_number": "9000 0118"})
    assert response.status_code == 302


# --- 3. the review warning as a sentence -------------------------------------------------------------


@pytest.fixture
def admitted(enterprise_haarlem):
    Enterprise.objects.filter(pk=enterprise_haarlem.pk).update(admission_status=AdmissionStatus.ADMITTED)
    enterprise_haarlem.refresh_from_db()
    return enterprise_haarlem


def test_changing_the_kvk_number_is_named_in_a_sentence(login, admitted, ondernemer_1):
    response = edit(login(ondernemer_1), admitted, kvk_number="11112222")
    message = response.context["form"].errors["confirm_review"][0]
    assert message.startswith("U wijzigt het KvK-nummer. De gemeente beoordeelt")


def test_several_changes_are_listed_with_and(login, admitted, ondernemer_1, amersfoort):
    response = edit(login(ondernemer_1), admitted, name="Nieuwe Naam", kvk_number="11112222",
                    municipality=amersfoort.pk)
    message = response.context["form"].errors["confirm_review"][0]
    assert message.startswith("U wijzigt de naam, het KvK-nummer en de gemeente. ")


def test_every_material_fact_has_its_phrase_and_english():
    assert set(CHANGED_FACTS) == set(MATERIAL_FACTS)
    english = {e.msgid: e.msgstr for e in polib.pofile(str(FRAGMENT))}
    assert english["het KvK-nummer"] == "the Chamber of Commerce (KvK) number"
    assert english["%(first)s en %(last)s"] == "%(first)s and %(last)s"
    with translation.override("nl"):
        assert all(english.get(str(phrase)) for phrase in CHANGED_FACTS.values())
        assert in_words(["de naam"]) == "de naam"
        assert in_words(["a", "b", "c"]) == "a, b en c"


# --- 4. one label per field ---------------------------------------------------------------------------


def _profile_labels(page):
    return re.findall(r"<dt>([^<]*)</dt>", page)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_type_and_phase_have_one_label_everywhere(login, language, ondernemer_1, broker_haarlem, enterprise_haarlem):
    with translation.override(language):
        kind = str(Enterprise._meta.get_field("enterprise_type").verbose_name).capitalize()
        phase = str(Enterprise._meta.get_field("stage").verbose_name).capitalize()
        filters = EnterpriseFilter(queryset=Enterprise.objects.none()).filters
        assert str(filters["type"].label) == kind and str(filters["stage"].label) == phase
        headers = [str(column.header) for column in EnterpriseTable(Enterprise.objects.none()).columns]
        assert kind in headers
    client = login(ondernemer_1)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    labels = _profile_labels(client.get(reverse("enterprises:mine-detail", args=[enterprise_haarlem.pk]),
                                        HTTP_ACCEPT_LANGUAGE=language).content.decode())
    assert kind in labels and phase in labels
    assert not ({"Soort"} if language == "nl" else {"Kind", "Stage", "Type"}) & set(labels)
    broker = login(broker_haarlem)
    broker.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    export = csv_rows(broker.get(reverse("enterprises:register"), {"_export": "csv"},
                                 HTTP_ACCEPT_LANGUAGE=language).content, delimiter=";" if language == "nl" else ",")
    assert kind in export[0]


def test_the_english_is_the_clearer_one():
    with translation.override("en"):
        assert str(Enterprise._meta.get_field("enterprise_type").verbose_name) == "type of enterprise"
        assert str(Enterprise._meta.get_field("stage").verbose_name) == "phase"
