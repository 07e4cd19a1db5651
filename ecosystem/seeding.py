import datetime as dt

from django.db import transaction

from impactportal.accounts.models import Organisation
from impactportal.seed.core import upsert
from impactportal.seed.reference import CITY_DEAL_PARTIES, PARTY_WEBSITES

from .models import Party, RegionalAgreement


@transaction.atomic
def seed_parties(*, ref):
    """The City Deal's parties; those with an organisation in the portal are its participants."""
    programme = ref["programme"]
    by_name = {o.name: o for o in Organisation.objects.all()}
    participants = set()
    for name, category in CITY_DEAL_PARTIES:
        party = upsert(Party, {"name": name}, category=category, organisation=by_name.get(name),
                       website=PARTY_WEBSITES.get(name, ""))
        if not party.programmes.filter(pk=programme.pk).exists():
            party.programmes.add(programme)
        if party.organisation_id:
            participants.add(party.organisation_id)
    if set(programme.participants.values_list("pk", flat=True)) != participants:
        programme.participants.set(participants)
    return {}


def seed(*, size, ref, stdout):
    upsert(
        RegionalAgreement, {"region": ref["region"], "title": "Regionale afspraken social return"},
        theme="Social return",
        description="Eén set regels voor social return in de zeven gemeenten van de arbeidsmarktregio: "
                    "in principe 5% van de opdrachtwaarde, met dezelfde omrekenregels.",
        start_date=dt.date(2019, 1, 1),
    )
    upsert(
        RegionalAgreement, {"region": ref["region"], "title": "Kennemer Inkoop Platform"},
        theme="Inkoopplatform",
        description="Gedeeld platform dat impactondernemingen zichtbaar maakt voor inkopers in de regio.",
        start_date=dt.date(2020, 1, 1),
    )
    from .demo_bottlenecks import seed as seed_bottlenecks

    seed_bottlenecks(size=size, ref=ref, stdout=stdout)
    from .demo_network import seed as seed_network
    from .demo_realestate import seed as seed_realestate

    seed_network(size=size, ref=ref, stdout=stdout)
    seed_realestate(size=size, ref=ref, stdout=stdout)
    return {}
