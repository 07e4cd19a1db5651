"""factory_boy factories shared by all tests."""

import factory
from django.utils.text import slugify

from impactportal.accounts.constants import OrganisationKind, Role
from impactportal.accounts.models import Membership, Organisation, Programme, Region, User


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Gemeente Test {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = OrganisationKind.GEMEENTE


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programma {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    start_date = factory.Faker("date_object")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "test-password-123")

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.BROKER
    organisation = factory.SubFactory(OrganisationFactory)


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "enterprises.Enterprise"

    name = factory.Sequence(lambda n: f"Onderneming {n}")
    kvk_number = factory.Sequence(lambda n: f"{10_000_000 + n:08d}")
    municipality = factory.SubFactory(OrganisationFactory)


def broker(org, username=None, **kwargs):
    user = UserFactory(username=username or f"broker-{org.slug}")
    Membership.objects.create(user=user, role=Role.BROKER, organisation=org, **kwargs)
    return user


def colleague(org, department, username=None):
    user = UserFactory(username=username or f"colleague-{org.slug}-{department}")
    Membership.objects.create(user=user, role=Role.COLLEAGUE, organisation=org, department=department)
    return user


def entrepreneur(enterprise, username=None):
    user = UserFactory(username=username or f"entrepreneur-{enterprise.kvk_number}")
    Membership.objects.create(user=user, role=Role.ENTREPRENEUR, enterprise=enterprise)
    return user


def steering(programme, username=None):
    user = UserFactory(username=username or f"steering-{programme.slug}")
    Membership.objects.create(user=user, role=Role.STEERING, programme=programme)
    return user


def partner(org, partner_organisation, username=None):
    """A network partner's staff member running ``org``'s entrepreneur desk for ``partner_organisation``."""
    user = UserFactory(username=username or f"partner-{org.slug}")
    Membership.objects.create(user=user, role=Role.PARTNER, organisation=org,
                              partner_organisation=partner_organisation)
    return user


def partner_organisation(name="Kennemer Impact Helpdesk"):
    return OrganisationFactory(name=name, kind=OrganisationKind.OTHER)


def sroi_coordinator(region, username=None):
    user = UserFactory(username=username or f"sroi-{region.slug}")
    Membership.objects.create(user=user, role=Role.SROI_COORDINATOR, region=region)
    return user


# --- the shared people of the tests -------------------------------------------------------------
# tests/conftest.py's fixtures (one per test) and ``core_people`` (for a fixture of wider scope)
# build the same rows through these.


def haarlem():
    return OrganisationFactory(name="Gemeente Haarlem", slug="haarlem")


def amersfoort():
    return OrganisationFactory(name="Gemeente Amersfoort", slug="amersfoort")


def zkij(haarlem):
    return RegionFactory(name="Zuid-Kennemerland en IJmond", slug="zkij", members=[haarlem])


def city_deal(haarlem):
    programme = ProgrammeFactory(name="City Deal", slug="city-deal")
    programme.participants.add(haarlem)
    return programme


def enterprise_haarlem(haarlem):
    return EnterpriseFactory(name="Fietsenmakerij Haarlem", municipality=haarlem)


def enterprise_amersfoort(amersfoort):
    return EnterpriseFactory(name="Bakkerij Amersfoort", municipality=amersfoort)


def core_people() -> dict:
    """Everything the shared fixtures build, by fixture name, in one call."""
    people = {"haarlem": haarlem(), "amersfoort": amersfoort()}
    people.update(region=zkij(people["haarlem"]), programme=city_deal(people["haarlem"]),
                  enterprise_haarlem=enterprise_haarlem(people["haarlem"]),
                  enterprise_amersfoort=enterprise_amersfoort(people["amersfoort"]))
    people.update(
        broker_haarlem=broker(people["haarlem"], "makelaar-haarlem", is_coordinator=True),
        broker_amersfoort=broker(people["amersfoort"], "makelaar-amersfoort"),
        inkoper_haarlem=colleague(people["haarlem"], "inkoop", "inkoper-haarlem"),
        ondernemer_1=entrepreneur(people["enterprise_haarlem"], "ondernemer-1"),
        ondernemer_2=entrepreneur(people["enterprise_amersfoort"], "ondernemer-2"),
        stuurgroep=steering(people["programme"], "stuurgroep"),
    )
    return people


# --- realestate (issue 12: ecosystem map, coalitions, real estate, events) -------------------


def property_of(org, **kwargs):
    import datetime as dt
    from decimal import Decimal

    from ecosystem.models import Property

    values = {"name": f"Pand {org.slug}", "address": "Straat 1", "area": "Centrum", "property_type": "workshop",
              "floor_area": Decimal(80), "market_rent": Decimal("1500.00"), "social_tariff": Decimal("700.00"),
              "available_from": dt.date(2026, 1, 1), "suitability_notes": f"Intern {org.slug}",
              "is_published": True, **kwargs}
    return Property.objects.create(organisation=org, **values)


def space_request_of(enterprise, **kwargs):
    import datetime as dt
    from decimal import Decimal

    from ecosystem.models import SpaceRequest

    values = {"min_area": Decimal(50), "max_area": Decimal(100), "property_type": "workshop",
              "budget": Decimal(800), "area": "Centrum", "start_date": dt.date(2026, 3, 1),
              "purpose": "Werkplaats met leerwerkplekken", **kwargs}
    return SpaceRequest.objects.create(enterprise=enterprise, organisation=enterprise.municipality, **values)


# --- toolbox: the broker team workspace (issue 13) ----------------------------------------------


def toolbox_edition():
    """The toolbox content of ``brokers.toolbox_content`` as the current edition."""
    from brokers.toolbox.seeding import seed_content

    return seed_content()


def toolbox_question(key, edition=None):
    from brokers.models import Question

    edition = edition or toolbox_edition()
    return Question.objects.get(module__edition=edition, key=key)


def broker_team(org, name=None, **kwargs):
    from brokers.models import BrokerTeam

    return BrokerTeam.objects.create(organisation=org, name=name or f"Team {org.name}", **kwargs)


def budget_line(org, year=2025, amount="1000.00", kind="other"):
    from decimal import Decimal

    from brokers.models import BudgetLine

    return BudgetLine.objects.create(organisation=org, year=year, kind=kind, amount=Decimal(amount),
                                     description=f"Budget {org.name} {year}")


def agenda_action(org, title="Actie", **kwargs):
    """An action on a line of an action programme of ``org`` (both created when missing)."""
    from brokers.models import Action, ActionLine, ActionProgramme

    programme, _ = ActionProgramme.objects.get_or_create(
        organisation=org, title=f"Actieprogramma {org.name}", defaults={"first_year": 2024, "last_year": 2026})
    line, _ = ActionLine.objects.get_or_create(programme=programme, number=1, defaults={"title": "Netwerk"})
    return Action.objects.create(line=line, title=title, **kwargs)
