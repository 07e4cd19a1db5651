"""The 12 provinces and where each municipality lies, from the CBS municipal division the portal
seeds (``impactportal/seed/gemeenten.csv``). A province's organisation is not linked to its
municipalities in the database: a municipality's CBS code (else its name) says its province."""

from functools import cache

from django.utils.text import slugify


@cache
def _division() -> tuple[dict, dict]:
    from impactportal.seed.core import municipalities  # CBS municipal division: code, name, province

    rows = municipalities()
    return ({row["cbs_code"]: row["provincie"] for row in rows}, {row["naam"]: row["provincie"] for row in rows})


def province_of(organisation) -> str:
    """The province of a municipality (by its CBS code, else its name), or a province's own name."""
    if organisation.name.startswith("Provincie "):
        return organisation.name.removeprefix("Provincie ").strip()
    by_code, by_name = _division()
    own = organisation.name.removeprefix("Gemeente ").strip()
    return by_code.get(organisation.cbs_code) or by_name.get(own, "")


@cache
def provinces() -> list[tuple[str, str]]:
    """``(slug, name)`` of the 12 provinces, by name: "noord-holland", "Noord-Holland"."""
    return sorted({(slugify(name), name) for name in _division()[0].values()}, key=lambda pair: pair[1])


def municipalities_in(slug: str):
    """The municipalities (organisations) in the province ``slug``, as ``province_of`` places them:
    by CBS code, else (an organisation without one) by name. None of them for an unknown slug."""
    from django.db.models import Q

    from .constants import OrganisationKind
    from .models import Organisation

    by_code, by_name = _division()
    codes = [code for code, province in by_code.items() if slugify(province) == slug]
    if not codes:
        return Organisation.objects.none()
    names = [f"Gemeente {name}" for name, province in by_name.items() if slugify(province) == slug]
    return Organisation.objects.filter(Q(cbs_code__in=codes) | Q(cbs_code="", name__in=names),
                                       kind=OrganisationKind.GEMEENTE)
