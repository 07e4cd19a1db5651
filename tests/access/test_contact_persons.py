"""An enterprise's contact persons are personal data (AVG): the register is shared by every
municipality, its people are not. Who reads them is declared once in routes.py
(``CONTACT_PERSONS``, per object of the world, and ``CASE_CONTACT_PERSONS``: the staff handling an open
helpdesk case about the enterprise put to their organisation); this file checks the access module, the enterprise
page, the helpdesk, the toolbox's register source, and that exports, search and the API never
carry them to anyone else."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse

from brokers.constants import DONE_STATUSES, OPEN_STATUSES, CaseStatus
from brokers.helpdesk import services
from brokers.models import Case
from enterprises.models import ContactPerson
from enterprises.toolbox_sources import register_context
from impactportal import access
from tests import factories as f

from .conftest import world  # noqa: F401
from .routes import (
    ACTORS,
    BROKER_AMERSFOORT,
    BROKER_HAARLEM,
    CASE_CONTACT_PERSONS,
    CONTACT_PERSONS,
    PARTNER_HAARLEM,
    reads_contact_persons,
)
from .routes_procurement import VASTGOED_HAARLEM
from .test_matrix import client_for

pytestmark = pytest.mark.django_db

ELSEWHERE = ("Contactpersonen zijn zichtbaar voor de gemeente van deze onderneming en, zolang een vraag over de "
             "onderneming openstaat, voor wie die vraag behandelt.")
ENTERPRISE_OF = {"contactperson_haarlem": "enterprise_haarlem", "contactperson_amersfoort": "enterprise_amersfoort",
                 "contactperson_public": "enterprise_published"}


def _traces(person) -> tuple[str, ...]:
    return person.email, person.phone, person.name


def test_who_reads_contact_persons_is_the_declared_table(world):  # noqa: F811
    assert set(CONTACT_PERSONS) == set(ENTERPRISE_OF)
    for actor in ACTORS:
        user = world.actors[actor] or AnonymousUser()
        visible = set(ContactPerson.objects.for_user(user).values_list("pk", flat=True))
        for key in CONTACT_PERSONS:
            reads = reads_contact_persons(key, actor)
            assert (world[key].pk in visible) is reads, f"{key} as {actor}"
            enterprise = world[ENTERPRISE_OF[key]]
            assert access.can(user, "contact_persons", enterprise) is reads, f"{key} as {actor}"


def test_the_enterprise_page_shows_contact_persons_to_their_readers_only(world):  # noqa: F811
    """The register page (or, for visitors, the showcase page it sends them to) of each enterprise,
    as every actor: the contact's name, e-mail and phone only for the declared readers; staff of
    another municipality read the enterprise and the line that says whom its people are for."""
    failures = []
    for actor in ACTORS:
        client = client_for(world, actor)
        for key in CONTACT_PERSONS:
            reads = reads_contact_persons(key, actor)
            enterprise = world[ENTERPRISE_OF[key]]
            response = client.get(reverse("enterprises:detail", args=[enterprise.pk]), follow=True)
            if response.status_code != 200:
                continue  # 404 (outside scope) or the login page: nothing of the enterprise at all
            html = response.content.decode()
            shown = [trace for trace in _traces(world[key]) if trace in html]
            if reads and len(shown) != 3:
                failures.append(f"{key} as {actor}: missing on the page")
            if not reads and shown:
                failures.append(f"{key} as {actor}: shows {shown}")
            reads_dossier = access.can(world.actors[actor] or AnonymousUser(), "dossier", enterprise)
            if reads_dossier and (ELSEWHERE in html) is reads:
                failures.append(f"{key} as {actor}: the line about whom they are for is wrong")
    assert not failures, "\n".join(failures)


def test_amersfoorts_broker_reads_haarlems_enterprise_but_not_its_people(world):  # noqa: F811
    """The finding: Amersfoort's broker and Haarlem's network partner saw each other's contacts."""
    client = client_for(world, BROKER_AMERSFOORT)
    html = client.get(reverse("enterprises:detail", args=[world["enterprise_haarlem"].pk])).content.decode()
    assert world["enterprise_haarlem"].name in html and world["enterprise_haarlem"].kvk_number in html
    assert "contact-haarlem@voorbeeld.nl" not in html and ELSEWHERE in html
    partner = client_for(world, PARTNER_HAARLEM)
    html = partner.get(reverse("enterprises:detail", args=[world["enterprise_amersfoort"].pk])).content.decode()
    assert "contact-amersfoort@voorbeeld.nl" not in html and ELSEWHERE in html
    html = partner.get(reverse("enterprises:detail", args=[world["enterprise_haarlem"].pk])).content.decode()
    assert 'href="mailto:contact-haarlem@voorbeeld.nl"' in html and ELSEWHERE not in html


def test_the_change_log_of_a_contact_person_stays_with_its_readers(world):  # noqa: F811
    """Each contact was made by a broker, so the audit log holds its values; no page of the
    enterprise shows them to another municipality's staff (the enterprise's own change log does
    not list its contact persons, and nothing else names them)."""
    person = world["contactperson_haarlem"]
    entries = LogEntry.objects.get_for_object(person)
    assert entries.exists() and "contact-haarlem@voorbeeld.nl" in str(entries.first().changes)
    client = client_for(world, BROKER_AMERSFOORT)
    html = client.get(reverse("enterprises:detail", args=[world["enterprise_haarlem"].pk])).content.decode()
    assert 'id="history-heading"' in html  # the page has a change log, just not this one's values
    assert not any(trace in html for trace in _traces(person))


def test_the_helpdesk_shows_contact_persons_while_the_case_is_open(world):  # noqa: F811
    """A case nobody will be told about lists the ways to reach the enterprise. A case put to
    Amersfoort about Haarlem's showcase enterprise: while it is open Amersfoort's broker reads its
    people (to pick the case up), on the case and on the enterprise's page; resolved, the website and
    address and the line that says whom the people are for; reopened, the people again (closed:
    ``CASE_CONTACT_PERSONS``). Haarlem's
    own case about it lists them throughout."""
    enterprise, person = world["enterprise_published"], world["contactperson_public"]
    cases = {actor: Case.objects.create(organisation=world[org], enterprise=enterprise, submitter=None,
                                        category="financing", subject=f"Vraag over {enterprise.name} ({org})",
                                        description="Zonder indiener.")
             for actor, org in ((BROKER_AMERSFOORT, "amersfoort"), (BROKER_HAARLEM, "haarlem"))}
    amersfoort, broker = client_for(world, BROKER_AMERSFOORT), world.actors[BROKER_AMERSFOORT]
    case_page = reverse("helpdesk:case-detail", args=[cases[BROKER_AMERSFOORT].pk])
    enterprise_page = reverse("enterprises:detail", args=[enterprise.pk])

    def reads(url) -> bool:
        html = amersfoort.get(url).content.decode()
        shown = [trace for trace in _traces(person) if trace in html]
        assert len(shown) in (0, 3) and (ELSEWHERE in html) is not bool(shown), url
        return bool(shown)

    html = amersfoort.get(case_page).content.decode()
    assert 'id="nobody-told"' in html and f'href="mailto:{person.email}"' in html and ELSEWHERE not in html
    assert reads(enterprise_page)
    services.case_set_status(case=cases[BROKER_AMERSFOORT], status=CaseStatus.RESOLVED, by=broker)
    assert not reads(case_page) and not reads(enterprise_page)
    html = amersfoort.get(case_page).content.decode()
    assert enterprise.website in html  # the other ways to reach it stay
    services.case_reopen(case=cases[BROKER_AMERSFOORT], by=broker)
    assert reads(case_page) and reads(enterprise_page)
    html = client_for(world, BROKER_HAARLEM).get(
        reverse("helpdesk:case-detail", args=[cases[BROKER_HAARLEM].pk])).content.decode()
    assert f'href="mailto:{person.email}"' in html and ELSEWHERE not in html


# --- a case put to another organisation (``CASE_CONTACT_PERSONS``) ----------------------------------

CASE_ACTORS = (*ACTORS, VASTGOED_HAARLEM)


def _reads_with_cases(variant: str, actor: str) -> bool:
    contact, _cases, readers = CASE_CONTACT_PERSONS[variant]
    return reads_contact_persons(contact, actor) or actor in readers


def _put_cases(world, variant: str) -> list:  # noqa: F811
    """The variant's cases about the enterprise of its contact person, nobody to tell (no submitter)."""
    contact, cases, _readers = CASE_CONTACT_PERSONS[variant]
    enterprise = world[ENTERPRISE_OF[contact]]
    made = []
    for org, status, department in cases:
        organisation = world[org] if org != "elsewhere" else f.OrganisationFactory(name="Gemeente Zandvoort")
        made.append(Case.objects.create(organisation=organisation, enterprise=enterprise, submitter=None,
                                        category="financing", subject=f"Vraag over {enterprise.name}",
                                        description="Zonder indiener.", status=status,
                                        referred_department=department))
    return made


def test_the_case_variants_are_declared_for_every_status():
    """Open and done statuses both have a variant, and the open ones are those of ``Case.is_open``."""
    statuses = {status for _c, cases, _r in CASE_CONTACT_PERSONS.values() for _o, status, _d in cases}
    assert set(OPEN_STATUSES) <= statuses and set(DONE_STATUSES) <= statuses


def test_who_reads_contact_persons_with_a_case_elsewhere_is_the_declared_table(world):  # noqa: F811
    """Per variant, as every actor: the contact persons the access module gives, the enterprise's
    ``contact_persons`` action, and the enterprise's page (people or the line about whom they are for)."""
    failures = []
    for variant, (contact, _cases, _readers) in CASE_CONTACT_PERSONS.items():
        with transaction.atomic():
            _put_cases(world, variant)
            enterprise, person = world[ENTERPRISE_OF[contact]], world[contact]
            for actor in CASE_ACTORS:
                reads = _reads_with_cases(variant, actor)
                user = world.actors[actor] or AnonymousUser()
                if ContactPerson.objects.for_user(user).filter(pk=person.pk).exists() is not reads:
                    failures.append(f"{variant} as {actor}: scope")
                if access.can(user, "contact_persons", enterprise) is not reads:
                    failures.append(f"{variant} as {actor}: the enterprise's contact_persons action")
                response = client_for(world, actor).get(reverse("enterprises:detail", args=[enterprise.pk]),
                                                        follow=True)
                if response.status_code != 200:
                    continue
                html = response.content.decode()
                shown = [trace for trace in _traces(person) if trace in html]
                if reads and len(shown) != 3:
                    failures.append(f"{variant} as {actor}: missing on the enterprise's page")
                if not reads and shown:
                    failures.append(f"{variant} as {actor}: the enterprise's page shows {shown}")
            transaction.set_rollback(True)
    assert not failures, "\n".join(failures)


def test_the_case_page_shows_its_handlers_the_contact_persons_while_open(world):  # noqa: F811
    """The case page's ways to reach the enterprise (a case nobody is told about: the showcase
    enterprise has no entrepreneur), as everyone who may open the case, per variant about it."""
    failures, checked = [], 0
    for variant, (contact, _cases, _readers) in CASE_CONTACT_PERSONS.items():
        if contact != "contactperson_public":
            continue
        with transaction.atomic():
            person = world[contact]
            for case in _put_cases(world, variant):
                for actor in CASE_ACTORS:
                    user = world.actors[actor]
                    if user is None or not access.can(user, access.VIEW, case):
                        continue
                    html = client_for(world, actor).get(reverse("helpdesk:case-detail", args=[case.pk])).content.decode()
                    assert 'id="nobody-told"' in html, f"{variant} as {actor}"
                    checked += 1
                    reads = _reads_with_cases(variant, actor)
                    if (f'href="mailto:{person.email}"' in html) is not reads or (ELSEWHERE in html) is reads:
                        failures.append(f"{variant} as {actor}")
            transaction.set_rollback(True)
    assert checked >= 4 and not failures, "\n".join(failures)


def test_the_toolbox_register_source_lists_only_readable_contact_persons(world):  # noqa: F811
    """Module 3's linked question lists an organisation's enterprises with their contacts."""
    rows = register_context(world.actors[BROKER_AMERSFOORT], world["haarlem"])["rows"]
    assert rows and not any(row.contact_persons.all() for row in rows)
    rows = register_context(world.actors[BROKER_HAARLEM], world["haarlem"])["rows"]
    assert world["contactperson_haarlem"] in [person for row in rows for person in row.contact_persons.all()]


def test_exports_search_and_api_never_carry_contact_persons(world):  # noqa: F811
    """Guards (these never held contact persons; they must not start to): the register's export
    over every municipality, a search for a contact's e-mail address, the API's enterprise."""
    client = client_for(world, BROKER_AMERSFOORT)
    person = world["contactperson_haarlem"]
    export = client.get(reverse("enterprises:register"), {"municipality": "", "_export": "csv"})
    assert export.status_code == 200
    content = b"".join(export.streaming_content) if export.streaming else export.content
    assert world["enterprise_haarlem"].name.encode() in content
    assert not any(trace.encode() in content for trace in _traces(person))
    search = client.get(reverse("enterprises:register"), {"municipality": "", "q": person.email}).content.decode()
    assert world["enterprise_haarlem"].get_absolute_url() not in search
    api = client.get(reverse("enterprise-detail", args=[world["enterprise_haarlem"].pk])).content.decode()
    assert world["enterprise_haarlem"].name in api and not any(trace in api for trace in _traces(person))
