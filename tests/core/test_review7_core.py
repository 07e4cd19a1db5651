"""Review 7: one answer to "is this request for the API?" (``impactportal.api.is_api``), one
message for a page that is not for the user's role (``access.RoleRequired``), and one rule for the
language of a notification's texts, on a page and in a mail."""

import pathlib
import re

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils import translation

from impactportal import access
from impactportal.api import is_api
from impactportal.notifications import Texts, mail_language
from tests.pages import NOT_FOR_YOUR_ROLE

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("path", "expected"), [
    ("/api/v1/enterprises/", True), ("/api/", True), ("/api", False), ("/apis/", False), ("/register/api/", False),
    ("/", False),
])
def test_is_api(path, expected):
    assert is_api(RequestFactory().get(path)) is expected


def test_the_api_prefix_is_tested_in_one_place():
    """The middleware (language, NUL characters, 405) and the 404 handler ask ``is_api``."""
    test = re.compile(r"""startswith\(\s*["']/api""")
    places = [str(path.relative_to(ROOT)) for app in ("impactportal", "brokers", "enterprises", "ecosystem",
                                                      "financing", "monitoring", "procurement")
              for path in (ROOT / app).rglob("*.py") if test.search(path.read_text(encoding="utf-8"))]
    assert places == []
    assert 'startswith(PREFIX)' in (ROOT / "impactportal/api/__init__.py").read_text(encoding="utf-8")


def test_a_page_not_for_the_role_says_so_unless_it_says_whom_it_is_for():
    with translation.override("nl"):
        assert str(access.RoleRequired()) == NOT_FOR_YOUR_ROLE
        assert str(access.RoleRequired("Het register is voor makelaars.")) == "Het register is voor makelaars."
    with translation.override("en"):
        english = str(access.RoleRequired())
    assert english and english != NOT_FOR_YOUR_ROLE  # written when raised, in the page's language


@pytest.mark.django_db
def test_require_role_refuses_with_the_one_message(ondernemer_1):
    with translation.override("nl"), pytest.raises(access.RoleRequired) as refused:
        access.require_role(ondernemer_1, access.BROKER)
    assert str(refused.value) == NOT_FOR_YOUR_ROLE


def test_texts_are_read_in_a_language_as_a_page_reads_them():
    texts = Texts(subject="Nieuwe vraag", body="Tekst", subject_en="New question", body_en="")
    assert texts.in_language("en") == ("New question", "Tekst")  # no English body: the Dutch one
    assert texts.in_language("nl") == ("Nieuwe vraag", "Tekst")
    with translation.override("en"):  # the language asked for, not the active one
        assert texts.in_language(mail_language()) == ("Nieuwe vraag", "Tekst")
    assert mail_language() == settings.LANGUAGE_CODE == "nl"
