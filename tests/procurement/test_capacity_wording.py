"""The capacity reason of a match counts its people right: "1 medewerker", and in English
"74 employees, 1 of whom is distanced …" (it said "are" for any number)."""

from pathlib import Path

import polib
from django.utils import translation

from procurement import matching as m
from tests.procurement.test_matching import TODAY, candidate, contract, text

FRAGMENT = Path(__file__).resolve().parents[2] / "locale/en/extra/lists-texts.po"


def reason(headcount, disadvantaged):
    return text(m.score_candidate(contract(), candidate(headcount=headcount, disadvantaged_count=disadvantaged),
                                  TODAY), m.CAPACITY)


def test_dutch_counts_one_employee_and_many():
    with translation.override("nl"):
        assert reason(1, 0).startswith("1 medewerker, van wie 0 met")
        assert reason(74, 1) == "74 medewerkers, van wie 1 met een afstand tot de arbeidsmarkt (eigen opgave)."
        assert "niet bekend" in reason(10, None) and "?" not in reason(10, None)


def test_the_english_fragment_says_is_for_one_and_are_for_more():
    entry = next(e for e in polib.pofile(str(FRAGMENT)) if e.msgctxt == "matching capacity")
    assert "of whom is" in entry.msgstr_plural[0] and "of whom are" in entry.msgstr_plural[1]


def test_english_is_for_one_person_and_are_for_more():
    with translation.override("en"):
        assert reason(74, 1) == "74 employees, 1 of whom is distanced from the labour market (self-declared)."
        assert reason(74, 5) == "74 employees, 5 of whom are distanced from the labour market (self-declared)."
        assert reason(1, 0).startswith("1 employee, 0 of whom are")
