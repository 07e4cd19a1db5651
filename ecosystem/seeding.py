import datetime as dt

from django.db import transaction

from impactportal.accounts.models import Organisation
from impactportal.seed import rows
from impactportal.seed.core import upsert
from impactportal.seed.reference import CITY_DEAL_PARTIES, PARTY_WEBSITES

from .models import Party, RegionalAgreement


@transaction.atomic
def seed_parties(*, ref):
    """The City Deal's parties; those with an organisation in the portal are its participants. A party
    that exists keeps what an administrator gave it (its programmes and the programme's participants
    too) unless the run updates: then the shipped parties are the programme's participants again."""
    programme = ref["programme"]
    update = rows.updating()
    by_name = {o.name: o for o in Organisation.objects.all()}
    # An organisation has one party: one an administrator linked to another party stays there, and the
    # shipped party goes without. A renamed shipped party is still the same party (its seed key finds it).
    held_by = {org: (key, name) for org, key, name in
               Party.objects.exclude(organisation=None).values_list("organisation_id", "seed_key", "name")}
    participants, new_participants = set(), set()
    for name, category in CITY_DEAL_PARTIES:
        key = rows.seed_key(name)
        organisation = by_name.get(name)
        holder = held_by.get(organisation.pk) if organisation is not None else None
        if holder is not None and holder[0] != key and not (holder[0] == "" and holder[1] == name):
            organisation = None
        party, created = rows.reference_row(Party, {"name": name}, seed_key=key, category=category,
                                            organisation=organisation, website=PARTY_WEBSITES.get(name, ""))
        if (created or update) and not party.programmes.filter(pk=programme.pk).exists():
            party.programmes.add(programme)
        if party.organisation_id:
            participants.add(party.organisation_id)
            if created:
                new_participants.add(party.organisation_id)
    if update and set(programme.participants.values_list("pk", flat=True)) != participants:
        programme.participants.set(participants)
    elif not update and new_participants:
        programme.participants.add(*new_participants)
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
