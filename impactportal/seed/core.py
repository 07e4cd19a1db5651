"""Seeds reference data and demo users. Every step looks a row up on a natural key, so running it
twice changes nothing the second time. Reference rows that exist are kept as an administrator left
them unless the run updates (``rows.reference_row``: ``seed_reference --update``, ``seed_demo``); demo
rows are an update-or-create (``upsert``). Demo users are only ever created: a user that exists
already keeps its password, e-mail address and flags (``demo_user``)."""

import csv
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from impactportal.accounts.constants import Department, OrganisationKind, Role
from impactportal.accounts.models import (
    Membership,
    Organisation,
    Programme,
    ProgrammePhase,
    ProgrammeTrack,
    Region,
    User,
)

from . import reference, rows
from .rows import reference_row

DEMO_PASSWORD = "impactportal-demo"  # noqa: S105 — demo data only, documented in the README


def upsert(model, lookup: dict, **values):
    """Demo data: the row matched by ``lookup``, created or brought to ``values`` (reference data
    goes through ``rows.reference_row``, which keeps an administrator's edits)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    rows.sync(obj, **values)
    return obj


@transaction.atomic
def seed_reference():
    """The core's reference data; the apps add theirs (``AppConfig.seed_reference``) after it."""
    orgs = {}
    for slug, name, kind, cbs in reference.ORGANISATIONS:
        orgs[slug], _ = reference_row(Organisation, {"slug": slug}, name=name, kind=kind, cbs_code=cbs)

    region, created = reference_row(Region, {"slug": reference.ZKIJ["slug"]}, name=reference.ZKIJ["name"],
                                    description=reference.ZKIJ["description"])
    wanted = {orgs[s].pk for s in reference.ZKIJ["members"]}
    # The members as shipped when the region is made (or the run updates); later an administrator's.
    if (created or rows.updating()) and set(region.members.values_list("pk", flat=True)) != wanted:
        region.members.set(wanted)

    deal = reference.CITY_DEAL
    programme, _ = reference_row(
        Programme, {"slug": deal["slug"]}, name=deal["name"], description=deal["description"],
        start_date=deal["start_date"], end_date=deal["end_date"],
    )
    for number, name, name_en, description in deal["phases"]:
        reference_row(ProgrammePhase, {"programme": programme, "number": number}, name=name, name_en=name_en,
                      description=description)
    for name, name_en, description in deal["tracks"]:
        reference_row(ProgrammeTrack, {"programme": programme, "name": name}, seed_key=rows.seed_key(name),
                      name_en=name_en, description=description)

    return {"organisations": orgs, "region": region, "programme": programme}


MUNICIPALITIES_CSV = Path(__file__).with_name("gemeenten.csv")  # CBS municipal division 2024: 342


def municipalities() -> list[dict]:
    """Every Dutch municipality with its CBS code and province (``cbs_code``, ``naam``, ``provincie``)."""
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


@transaction.atomic
def seed_municipalities():
    """All 342 municipalities and the 12 provinces as organisations (national size: real drop-down
    and join sizes). Existing ones are kept (matched on CBS code or slug); the rest is bulk-created."""
    listed = municipalities()
    have_codes = set(Organisation.objects.exclude(cbs_code="").values_list("cbs_code", flat=True))
    have_slugs = set(Organisation.objects.values_list("slug", flat=True))
    have_names = set(Organisation.objects.values_list("name", flat=True))
    own = {cbs or slug for slug, _name, _kind, cbs in reference.ORGANISATIONS}  # counted by seed_reference
    new, kept = [], 0
    for province in sorted({row["provincie"] for row in listed}):
        slug, name = f"provincie-{slugify(province)}", f"Provincie {province}"
        if slug not in have_slugs and name not in have_names:
            new.append(Organisation(slug=slug, name=name, kind=OrganisationKind.PROVINCIE))
        elif slug not in own:
            kept += 1
    for row in listed:
        slug, name = slugify(row["naam"]), f"Gemeente {row['naam']}"
        if row["cbs_code"] in have_codes or slug in have_slugs or name in have_names:
            kept += row["cbs_code"] not in own
            continue
        new.append(Organisation(slug=slug, name=name, kind=OrganisationKind.GEMEENTE, cbs_code=row["cbs_code"]))
    Organisation.objects.bulk_create(new)
    rows.count(created=len(new), kept=kept)
    return len(new)


def load_reference(*, all_municipalities: bool) -> dict:
    """Every reference table, no demo data and no users: the core's (the City Deal's organisations,
    region and programme; with ``all_municipalities`` every Dutch municipality with its CBS code and
    the 12 provinces), then each app's ``seed_reference`` (City Deal parties, programme themes, the
    toolbox, SROI rule tables, the financing instruments). Managed lists come with the migrations.
    Returns what the demo seeders build on (``ref``)."""
    from impactportal import contributions

    with rows.app("core"):
        ref = seed_reference()
        if all_municipalities:
            seed_municipalities()
    for app_seed_reference in contributions.reference_seeders():  # bound to the app's AppConfig
        label = getattr(getattr(app_seed_reference, "__self__", None), "label", app_seed_reference.__module__)
        with rows.app(label):
            ref.update(app_seed_reference(ref=ref) or {})
    return ref


DEMO_USERS = [
    # username, first, last, email, memberships [(role, org slug, department, coordinator)]
    ("makelaar-haarlem", "Hanna", "de Makelaar", "makelaar-haarlem@example.org",
     [(Role.BROKER, "haarlem", "", True)]),
    ("makelaar-amersfoort", "Ahmed", "Makelaar", "makelaar-amersfoort@example.org",
     [(Role.BROKER, "amersfoort", "", True)]),
    ("inkoper-haarlem", "Ingrid", "Inkoper", "inkoper-haarlem@example.org",
     [(Role.COLLEAGUE, "haarlem", Department.INKOOP, False)]),
]
# Demo users who are also functional administrators ("functioneel beheerder") of their
# organisation: they manage its staff at /beheer/medewerkers/ (``Membership.is_admin``).
FUNCTIONAL_ADMIN_USERS = {"makelaar-haarlem"}


# A network partner that runs Gemeente Haarlem's entrepreneur desk (issue 10): a demo organisation
# of kind "other"; its staff member works for Haarlem as partner, not as a municipal broker.
PARTNER_ORGANISATION = {"slug": "kennemer-impact-helpdesk", "name": "Kennemer Impact Helpdesk",
                        "website": "https://example.org/kennemer-impact-helpdesk"}
# username, first, last, email, served municipality (slug)
PARTNER_USERS = [("partner-haarlem", "Priya", "Partner", "partner-haarlem@example.org", "haarlem")]
# username, first, last, email: regional SROI coordinators of Zuid-Kennemerland en IJmond
COORDINATOR_USERS = [("sroi-zkij", "Sem", "Coördinator", "sroi-zkij@example.org")]


@transaction.atomic
def seed_users(ref):
    demo_user("admin", is_superuser=True, is_staff=True, email="admin@example.org",
              first_name="Beheer", last_name="Impactportaal")
    for username, first, last, email, memberships in DEMO_USERS:
        user = demo_user(username, first_name=first, last_name=last, email=email, email_verified=True)
        for role, slug, department, coordinator in memberships:
            upsert(Membership, {"user": user, "role": role, "organisation": ref["organisations"][slug],
                                "programme": None, "enterprise": None},
                   department=department, is_coordinator=coordinator,
                   **({"is_admin": True} if username in FUNCTIONAL_ADMIN_USERS else {}))
    steering = demo_user("stuurgroep", first_name="Sanne", last_name="Stuurgroep",
                         email="stuurgroep@example.org", email_verified=True)
    upsert(Membership, {"user": steering, "role": Role.STEERING, "programme": ref["programme"],
                        "organisation": None, "enterprise": None})
    seed_partners_and_coordinators(ref)


def seed_partners_and_coordinators(ref):
    """``partner-haarlem`` (Kennemer Impact Helpdesk, running Gemeente Haarlem's desk) and
    ``sroi-zkij`` (SROI coordinator of the region Zuid-Kennemerland en IJmond)."""
    partner_org = upsert(Organisation, {"slug": PARTNER_ORGANISATION["slug"]}, name=PARTNER_ORGANISATION["name"],
                         kind=OrganisationKind.OTHER, website=PARTNER_ORGANISATION["website"])
    for username, first, last, email, slug in PARTNER_USERS:
        user = demo_user(username, first_name=first, last_name=last, email=email, email_verified=True)
        upsert(Membership, {"user": user, "role": Role.PARTNER, "organisation": ref["organisations"][slug],
                            "programme": None, "enterprise": None, "region": None},
               partner_organisation=partner_org)
    for username, first, last, email in COORDINATOR_USERS:
        user = demo_user(username, first_name=first, last_name=last, email=email, email_verified=True)
        upsert(Membership, {"user": user, "role": Role.SROI_COORDINATOR, "region": ref["region"],
                            "organisation": None, "programme": None, "enterprise": None})


def seed_entrepreneurs(enterprises):
    """``ondernemer-1`` and ``ondernemer-2`` each own one of the given enterprises."""
    for index, enterprise in enumerate(enterprises[:2], start=1):
        user = demo_user(f"ondernemer-{index}", first_name="Ondernemer", last_name=str(index),
                         email=f"ondernemer-{index}@example.org", email_verified=True)
        upsert(Membership, {"user": user, "role": Role.ENTREPRENEUR, "enterprise": enterprise,
                            "organisation": None, "programme": None})


def demo_user(username: str, **values) -> User:
    """The demo user ``username``, created with ``values`` and the demo password when missing. A user
    of that name that exists already is returned as it is: seeding again never resets a password, an
    e-mail address or a flag (superuser, staff, active) that an administrator has changed."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, **values)
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user
