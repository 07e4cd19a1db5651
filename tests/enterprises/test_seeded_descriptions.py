"""Demo descriptions tell the enterprise's own facts: its own city and its own counts (the demo
entrepreneurs' enterprises are moved to Haarlem and Amersfoort after their facts were drawn), in
correct Dutch for one person ("heeft er 1", not "hebben er 1")."""

import io
import random
import re

import pytest
from django.core.management import call_command

from enterprises.models import Enterprise
from enterprises.seeding import describe

pytestmark = pytest.mark.django_db


def _texts(headcount, disadvantaged):
    return {describe(random.Random(n), "Fietsenmakerij", "Haarlem", ["mobiliteit"], ["Reparatie", "Verhuur"],
                     headcount, disadvantaged) for n in range(12)}


def test_one_person_is_singular():
    assert all("Van onze 20 medewerkers heeft er 1 een afstand tot de arbeidsmarkt." in t for t in _texts(20, 1))
    assert all("Van onze 20 medewerkers hebben er 6 een afstand" in t for t in _texts(20, 6))
    alone = _texts(1, 0)
    assert all(not re.search(r"\b1 mensen", t) and "één persoon" in t for t in alone)


def test_seeded_descriptions_match_their_enterprise():
    call_command("seed_demo", "--size", "small", stdout=io.StringIO())
    enterprises = list(Enterprise.objects.filter(kvk_number__startswith="9000").order_by("kvk_number"))
    assert len(enterprises) >= 200
    for enterprise in enterprises:
        text = enterprise.description
        assert enterprise.city in text, (enterprise.kvk_number, enterprise.city, text)
        counts = [int(n) for n in re.findall(r"\d+", text)]
        if enterprise.headcount > 1:
            assert enterprise.headcount in counts, (enterprise.kvk_number, enterprise.headcount, text)
        if enterprise.disadvantaged_count and enterprise.headcount > 1:
            assert enterprise.disadvantaged_count in counts, (enterprise.kvk_number, text)
        assert not re.search(r"\bhebben er 1 |\b1 mensen", text), text
    own = enterprises[0]  # ondernemer-1's (the first drawn, moved to Haarlem)
    assert own.city == "Haarlem" and "Haarlem" in own.description and "Amersfoort" not in own.description
    assert "Van onze 24 medewerkers hebben er 9 een afstand tot de arbeidsmarkt." in own.description
    before = {e.kvk_number: e.description for e in enterprises}
    call_command("seed_demo", "--size", "small", stdout=io.StringIO())  # deterministic: a second run changes nothing
    assert {e.kvk_number: e.description for e in Enterprise.objects.filter(kvk_number__in=before)} == before
