"""The fixture world of the permission matrix: two municipalities, their people and one object
of every exposed model per organisation, built with factories (fast, no seed_demo).

To add the objects of a new model, register a builder::

    @builder("helpdesk")
    def _helpdesk(world):
        world["case_haarlem"] = HelpdeskCase.objects.create(organisation=world["haarlem"], ...)
        world["case_amersfoort"] = HelpdeskCase.objects.create(organisation=world["amersfoort"], ...)

Name the pair ``<thing>_haarlem`` / ``<thing>_amersfoort``: the matrix probes the Amersfoort twin
of every Haarlem object a route declares. Builders run in registration order after the core
world (organisations, region, programme, enterprises, actors) exists.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from tests import factories as f
from tests.held import held_transaction

from .routes import ACTORS, ANON

WORLD_BUILDERS: dict[str, Callable[[World], None]] = {}


class World(dict):
    """Objects by name (``world["team_haarlem"]``) plus the actors (``world.actors``)."""

    actors: dict


def builder(name: str):
    def register(fn):
        WORLD_BUILDERS[name] = fn
        return fn

    return register


@builder("core")
def _core(world):
    from impactportal.models import Job

    world["job_haarlem"] = Job.objects.create(
        kind="test", title="Export Haarlem", created_by=world.actors["inkoper_haarlem"], organisation=world["haarlem"]
    )
    world["job_amersfoort"] = Job.objects.create(
        kind="test", title="Export Amersfoort", created_by=world.actors["broker_amersfoort"],
        organisation=world["amersfoort"],
    )


@builder("notifications")
def _notifications(world):
    """One unread notification per signed-in actor, so that marking them read changes something."""
    from impactportal.models import Notification

    for name, user in world.actors.items():
        if user is not None:
            Notification.objects.create(recipient=user, subject=f"Melding voor {name}", body="Test")


@builder("enterprises")
def _enterprises(world):
    from enterprises.constants import AdmissionStatus

    world["enterprise_published"] = f.EnterpriseFactory(
        name="Etalagebedrijf Haarlem", municipality=world["haarlem"], is_published=True,
        admission_status=AdmissionStatus.ADMITTED,
    )
    _enterprise_records(world)
    _public_certificate(world)
    _contact_persons(world)


def _contact_persons(world):
    """One contact person per enterprise (personal data: who reads them is ``CONTACT_PERSONS`` in
    routes.py), made by a broker so that each has an audit history. The published showcase
    enterprise's contact is the public variant: a public enterprise does not make its people public."""
    from enterprises.models import ContactPerson
    from impactportal.audit import acting_as

    for key, enterprise, broker in (("haarlem", "enterprise_haarlem", "broker_haarlem"),
                                    ("amersfoort", "enterprise_amersfoort", "broker_amersfoort"),
                                    ("public", "enterprise_published", "broker_haarlem")):
        with acting_as(world.actors[broker]):
            world[f"contactperson_{key}"] = ContactPerson.objects.create(
                enterprise=world[enterprise], name=f"Contactpersoon {key.title()}", role="Directeur",
                email=f"contact-{key}@voorbeeld.nl", phone=f"06 1234 56{len(key):02d}")


def _public_certificate(world):
    """The public variant: a verified certificate (with evidence and a note) of the published,
    admitted showcase enterprise. Its private twin is cert_haarlem (enterprise not public)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from enterprises.constants import CertificationStatus
    from enterprises.models import Certification
    from impactportal.audit import acting_as

    with acting_as(world.actors["broker_haarlem"]):  # gives the certificate an audit history
        world["cert_public"] = Certification.objects.create(
            enterprise=world["enterprise_published"], scheme="pso_30", number="PSO30-etalage",
            valid_until=datetime.date(2030, 1, 1), status=CertificationStatus.VERIFIED, verified_at=timezone.now(),
            verified_by=world.actors["broker_haarlem"], notes="Interne toelichting etalagecertificaat",
            evidence=SimpleUploadedFile("pso-etalage.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"))


def _enterprise_records(world):
    """Certificates (with evidence), contact moments and register imports, one per municipality."""
    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile

    from enterprises.models import Certification, ContactMoment, RegisterImport

    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
    for key in ("haarlem", "amersfoort"):
        enterprise = world[f"enterprise_{key}"]
        world[f"cert_{key}"] = Certification.objects.create(
            enterprise=enterprise, scheme="pso_30", number=f"PSO30-{key}", valid_until=datetime.date(2030, 1, 1),
            evidence=SimpleUploadedFile(f"pso-{key}.pdf", pdf))
        world[f"contact_{key}"] = ContactMoment.objects.create(
            organisation=world[key], enterprise=world["enterprise_haarlem"], subject=f"Gesprek {key}")
        world[f"import_{key}"] = RegisterImport.objects.create(
            organisation=world[key], uploaded_by=world.actors[f"broker_{key}"],
            file=ContentFile(b"kvk;naam;regeling;geldig_tot\n", name=f"import-{key}.csv"))


@builder("brokers")
def _brokers(world):
    from brokers.models import BrokerTeam, BudgetLine, Mandate

    for key in ("haarlem", "amersfoort"):
        org = world[key]
        team = BrokerTeam.objects.create(organisation=org, name=f"Team {org.name}", description="Origineel")
        world[f"team_{key}"] = team
        world[f"mandate_{key}"] = Mandate.objects.create(
            team=team, granted_by="College van B&W", scope="Alles", valid_from=datetime.date(2024, 1, 1)
        )
        world[f"budget_{key}"] = BudgetLine.objects.create(
            organisation=org, programme=world["programme"], year=2025, kind="network", amount=1000,
            description=f"Netwerkbudget {org.name}",
        )


@builder("ecosystem")
def _ecosystem(world):
    from ecosystem.models import Party, RegionalAgreement

    world["party"] = Party.objects.create(name="Social Enterprise NL", category="intermediair")
    world["party_haarlem"] = Party.objects.create(name="Gemeente Haarlem", category="gemeente",
                                                  organisation=world["haarlem"])
    world["agreement_haarlem"] = RegionalAgreement.objects.create(
        region=world["region"], title="SROI-afspraken ZKIJ", description="Origineel"
    )
    world["agreement_amersfoort"] = RegionalAgreement.objects.create(
        region=world["region_amersfoort"], title="SROI-afspraken Regio Amersfoort", description="Origineel"
    )


@builder("helpdesk")
def _helpdesk(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from brokers.helpdesk import services
    from brokers.models import CaseAttachment, EnterpriseLinkRequest, KnowledgeInstrument

    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
    owners = {"haarlem": (world.actors["ondernemer_1"], world["enterprise_haarlem"], world.actors["broker_haarlem"]),
              "amersfoort": (world.actors["ondernemer_2"], world["enterprise_amersfoort"],
                             world.actors["broker_amersfoort"])}
    for key, (entrepreneur, enterprise, broker) in owners.items():
        case = services.case_submit(submitter=entrepreneur, enterprise=enterprise, category="procurement",
                                    subject=f"Vraag {key}", description=f"Hoe win ik een aanbesteding in {key}?")
        # Haarlem's case is referred to inkoop, so inkoper_haarlem handles it.
        services.case_refer(case=case, department="inkoop", by=broker)
        world[f"case_{key}"] = case
        world[f"attachment_{key}"] = CaseAttachment.objects.create(
            case=case, file=SimpleUploadedFile(f"bijlage-{key}.pdf", pdf), uploaded_by=entrepreneur)
        requester = f.UserFactory(username=f"aanvrager-{key}")
        world[f"linkrequest_{key}"] = EnterpriseLinkRequest.objects.create(user=requester, enterprise=enterprise)
    world["instrument"] = KnowledgeInstrument.objects.create(name="Impact Noord", kind="network", description="Netwerk",
                                                    url="https://impactnoord.nl/")


def build_world(*, haarlem, amersfoort, region, programme, enterprise_haarlem, enterprise_amersfoort, broker_haarlem,
                broker_amersfoort, inkoper_haarlem, ondernemer_1, ondernemer_2, stuurgroep) -> World:
    w = World(
        haarlem=haarlem,
        amersfoort=amersfoort,
        region=region,
        region_amersfoort=f.RegionFactory(name="Regio Amersfoort", slug="regio-amersfoort", members=[amersfoort]),
        programme=programme,
        enterprise_haarlem=enterprise_haarlem,
        enterprise_amersfoort=enterprise_amersfoort,
    )
    w.actors = {
        ANON: None,
        "broker_haarlem": broker_haarlem,
        "broker_amersfoort": broker_amersfoort,
        "inkoper_haarlem": inkoper_haarlem,
        "ondernemer_1": ondernemer_1,
        "ondernemer_2": ondernemer_2,
        "stuurgroep": stuurgroep,
        "admin": f.UserFactory(username="admin", is_superuser=True, is_staff=True),
        "partner_haarlem": f.partner(haarlem, f.partner_organisation("Kennemer Impact Helpdesk"), "partner-haarlem"),
        "coordinator_zkij": f.sroi_coordinator(region, "sroi-zkij"),
    }
    assert set(w.actors) == set(ACTORS)
    for build in WORLD_BUILDERS.values():
        build(w)
    return w


@pytest.fixture
def world(db, haarlem, amersfoort, region, programme, enterprise_haarlem, enterprise_amersfoort, broker_haarlem,
          broker_amersfoort, inkoper_haarlem, ondernemer_1, ondernemer_2, stuurgroep):
    """The world built for one test, from the role fixtures it shares with the test's own fixtures
    (the access tests outside the matrix)."""
    return build_world(**{name: value for name, value in locals().items() if name != "db"})


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world built once per test module (and worker): its tests read it and write to it
    inside their own transaction, a savepoint of the one that holds the world, so every test
    starts from the same rows. Building it took about as long as a matrix test's requests."""
    media = tmp_path_factory.mktemp("world-media")
    with held_transaction(django_db_blocker, media):
        world = build_world(**f.core_people())
        world.media_root = media
        world.sessions = _sessions(world)
        yield world


def _sessions(world) -> dict:
    """actor → the key of a session signed in as that actor, opened once for the module: logging
    every actor in afresh for every request cost the matrix a seventh of its time. Only with
    database sessions, which the tests' savepoints roll back (a logout in one test leaves the
    session to the next); with sessions in a cache the tests log in as before."""
    from django.conf import settings
    from django.test import Client

    if not settings.SESSION_ENGINE.endswith("sessions.db"):
        return {}
    sessions = {}
    for name, user in world.actors.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            sessions[name] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


# The apps' world builders register themselves on import.
from . import (  # noqa: E402,F401
    admission_world,
    ecosystem_world,
    financing_world,
    monitoring_world,
    procurement_world,
    realestate_world,
    referrals_impact_world,
    staff_world,
    toolbox_world,
)
