"""The national reference data: every municipality with its CBS code and province."""

import re
from collections import Counter

import pytest

from impactportal.accounts.constants import OrganisationKind
from impactportal.accounts.models import Organisation
from impactportal.seed import core

# Municipalities per province in the CBS municipal division of 2024 (342 in all).
PER_PROVINCE = {"Drenthe": 12, "Flevoland": 6, "Fryslân": 18, "Gelderland": 51, "Groningen": 10, "Limburg": 31,
                "Noord-Brabant": 56, "Noord-Holland": 44, "Overijssel": 25, "Utrecht": 26, "Zeeland": 13,
                "Zuid-Holland": 50}


def test_the_reference_file_holds_342_municipalities_with_unique_cbs_codes_in_12_provinces():
    rows = core.municipalities()
    assert len(rows) == 342
    assert all(re.fullmatch(r"GM\d{4}", row["cbs_code"]) for row in rows)
    assert len({row["cbs_code"] for row in rows}) == 342 and len({row["naam"] for row in rows}) == 342
    assert Counter(row["provincie"] for row in rows) == PER_PROVINCE
    assert {"GM0392": "Haarlem", "GM0307": "Amersfoort"}.items() <= {r["cbs_code"]: r["naam"] for r in rows}.items()


@pytest.mark.django_db
def test_national_seeding_adds_every_municipality_and_province_once_keeping_existing_ones():
    haarlem = Organisation.objects.create(slug="haarlem", name="Gemeente Haarlem", kind=OrganisationKind.GEMEENTE,
                                          cbs_code="GM0392")
    overijssel = Organisation.objects.create(slug="provincie-overijssel", name="Provincie Overijssel",
                                             kind=OrganisationKind.PROVINCIE)
    assert core.seed_municipalities() == 342 - 1 + 12 - 1
    assert core.seed_municipalities() == 0  # idempotent
    municipalities = Organisation.objects.filter(kind=OrganisationKind.GEMEENTE)
    assert municipalities.count() == 342
    assert municipalities.exclude(cbs_code="").values("cbs_code").distinct().count() == 342
    assert Organisation.objects.filter(kind=OrganisationKind.PROVINCIE).count() == 12
    assert Organisation.objects.get(cbs_code="GM0392").pk == haarlem.pk
    assert Organisation.objects.get(slug="provincie-overijssel").pk == overijssel.pk
    assert Organisation.objects.get(cbs_code="GM0893").slug == "bergen-l"
