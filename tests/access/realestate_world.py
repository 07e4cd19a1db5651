"""Objects of the permission-matrix world for ecosystem map, coalitions, regional collaboration, real estate and events (issue 12)
(imported at the end of conftest).

Pairs ``<thing>_haarlem`` / ``<thing>_amersfoort`` are private to their organisation; the public
variants are ``party_hidden`` (an unpublished party: staff only), ``event_public``,
``property_public`` and ``photo_public`` (a published property and its photo). ``property_let_<key>``
(and its photo) is allocated to ``enterprise_<key>``: its owner's staff and that enterprise's
entrepreneur see it, view only. ``property_ended_<key>`` was let (``allocation_ended_<key>``,
ended): published and free again, so public."""

import datetime as dt
from decimal import Decimal as D

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from .conftest import builder

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
       b"\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def _property(org, name, published):
    from ecosystem.models import Property

    return Property.objects.create(
        organisation=org, name=name, address="Straat 1", area="Centrum", property_type="workshop",
        floor_area=D(80), market_rent=D(1500), social_tariff=D(700), available_from=dt.date(2026, 1, 1),
        suitability_notes=f"Intern {name}", is_published=published)


def _request(enterprise, purpose="Werkplaats"):
    from ecosystem.models import SpaceRequest

    return SpaceRequest.objects.create(
        enterprise=enterprise, organisation=enterprise.municipality, min_area=D(50), max_area=D(100),
        property_type="workshop", budget=D(800), area="Centrum", start_date=dt.date(2026, 3, 1), purpose=purpose)


@builder("realestate")
def _realestate(world):
    from ecosystem.models import (
        Allocation,
        Coalition,
        Collaboration,
        EcosystemMap,
        Event,
        MapEntry,
        Party,
        PropertyPhoto,
    )

    world["party_hidden"] = Party.objects.create(name="Onzichtbaar fonds", category="fonds", is_published=False)
    for key in ("haarlem", "amersfoort"):
        org = world[key]
        world[f"map_{key}"] = EcosystemMap.objects.create(organisation=org, title=f"Kaart {key}")
        world[f"mapentry_{key}"] = MapEntry.objects.create(map=world[f"map_{key}"], party=world["party"],
                                                           domain="network", role="Netwerk.")
        world[f"coalition_{key}"] = Coalition.objects.create(organisation=org, name=f"Coalitie {key}")
        region = world["region"] if key == "haarlem" else world["region_amersfoort"]
        world[f"collaboration_{key}"] = Collaboration.objects.create(region=region, theme="sroi_rules",
                                                                     title=f"SROI-regels {key}")
        world[f"collaboration_{key}"].participants.add(org)
        world[f"event_{key}"] = Event.objects.create(organisation=org, kind="intervision", title=f"Intervisie {key}",
                                                     starts_at=timezone.now())
        world[f"property_{key}"] = _property(org, f"Pand {key}", published=False)
        world[f"photo_{key}"] = PropertyPhoto.objects.create(
            property=world[f"property_{key}"], image=SimpleUploadedFile(f"{key}.png", PNG))
        world[f"spacerequest_{key}"] = _request(world[f"enterprise_{key}"])
        # Let to the enterprise's request: its entrepreneur (ondernemer_1 for Haarlem) views it.
        let = world[f"property_let_{key}"] = _property(org, f"Verhuurd {key}", published=False)
        world[f"photo_let_{key}"] = PropertyPhoto.objects.create(property=let,
                                                                 image=SimpleUploadedFile(f"let-{key}.png", PNG))
        done = _request(world[f"enterprise_{key}"], purpose="Al toegewezen")
        world[f"allocation_{key}"] = Allocation.objects.create(
            organisation=org, property=let, space_request=done, rent=D(700), market_rent=D(1500),
            start_date=dt.date(2026, 1, 1), procedure="exception", justification="Een vastgelegde motivering hier.",
            decided_by="College", decision_date=dt.date(2025, 12, 1))
        done.status = "allocated"
        done.save()
        # Let to the enterprise once, the letting ended since: published, so public again (and no
        # longer its former tenant's: its entrepreneur sees it as everyone does); the allocation
        # stays the owner's staff's.
        ended = world[f"property_ended_{key}"] = _property(org, f"Weer te huur {key}", published=True)
        left = _request(world[f"enterprise_{key}"], purpose="Vertrokken")
        world[f"allocation_ended_{key}"] = Allocation.objects.create(
            organisation=org, property=ended, space_request=left, rent=D(700), market_rent=D(1500),
            start_date=dt.date(2026, 1, 1), procedure="exception", justification="Een vastgelegde motivering hier.",
            decided_by="College", decision_date=dt.date(2025, 12, 1), ended_on=dt.date(2026, 2, 1),
            end_reason="huurder vertrokken")
        left.status = "allocated"
        left.save()
    world["event_public"] = Event.objects.create(organisation=world["haarlem"], kind="pitch_day", title="Pitchdag",
                                                 starts_at=timezone.now(), is_public=True)
    world["property_public"] = _property(world["haarlem"], "Gepubliceerd pand", published=True)
    world["photo_public"] = PropertyPhoto.objects.create(property=world["property_public"],
                                                         image=SimpleUploadedFile("public.png", PNG))
