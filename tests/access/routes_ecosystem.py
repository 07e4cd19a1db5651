"""Permission matrix entries of the ecosystem app beyond its first routes (joined into ROUTES and
POSTS at the end of ``routes.py``): the bottleneck and best-practice register.

bottleneck_haarlem / bottleneck_amersfoort: not shared, so only their own organisation's brokers
and colleagues see them. bottleneck_shared: Haarlem's, shared with the City Deal (the programme of
the world, in which Haarlem and Amersfoort take part): Amersfoort's broker (another participant)
and the steering group see it too; entrepreneurs never do."""

import datetime as dt

from .routes import (
    API_ANON,
    BROKER_AMERSFOORT,
    BROKER_HAARLEM,
    BROKERS,
    HAARLEM_STAFF,
    INKOPER_HAARLEM,
    STUURGROEP,
    Post,
    Route,
    _all_rows,
    _row,
    acts,
    api_list,
    api_private,
    org_private,
    staff_only,
)

STAFF = (*BROKERS, INKOPER_HAARLEM)
SEE_SHARED = (*HAARLEM_STAFF, BROKER_AMERSFOORT, STUURGROEP)
# Read a shared bottleneck but do not speak for the steering group.
PARTICIPANTS = (*HAARLEM_STAFF, BROKER_AMERSFOORT)


def _bottleneck(key):
    """Fingerprint of a bottleneck: its row, its endorsements and its status timeline."""
    row = _row(key)

    def fingerprint(world):
        obj = world[key]
        return (row(world), sorted(obj.endorsements.values_list("organisation_id", "cases")),
                sorted(obj.status_changes.values_list("status", "date")))

    return fingerprint


ROUTES: list[Route] = [
    # --- bottlenecks and best practices ---
    # The register is for staff and the steering group (who see the shared rows only).
    staff_only("ecosystem:bottleneck-list", roles=(*STAFF, STUURGROEP)),
    staff_only("ecosystem:bottleneck-overview", roles=(*STAFF, STUURGROEP)),
    staff_only("ecosystem:bottleneck-create", roles=STAFF, note="under an organisation the user works for"),
    org_private("ecosystem:bottleneck-detail", obj="bottleneck_haarlem", allowed=HAARLEM_STAFF,
                note="not shared: its own organisation only"),
    org_private("ecosystem:bottleneck-detail", obj="bottleneck_shared", allowed=SEE_SHARED,
                note="shared with the City Deal: participants and the steering group"),
    org_private("ecosystem:bottleneck-update", obj="bottleneck_haarlem", allowed=HAARLEM_STAFF),
    org_private("ecosystem:bottleneck-update", obj="bottleneck_shared", allowed=HAARLEM_STAFF,
                forbidden=[BROKER_AMERSFOORT, STUURGROEP], note="others read a shared one, never change it"),
    org_private("ecosystem:bottleneck-share", obj="bottleneck_haarlem", allowed=[BROKER_HAARLEM], ok=405,
                forbidden=[INKOPER_HAARLEM], note="POST only; sharing is the broker's decision"),
    org_private("ecosystem:bottleneck-status", obj="bottleneck_haarlem", allowed=[BROKER_HAARLEM], ok=405,
                forbidden=[INKOPER_HAARLEM], note="POST only; brokers of the organisation"),
    org_private("ecosystem:bottleneck-endorse", obj="bottleneck_shared",
                allowed=[*HAARLEM_STAFF, BROKER_AMERSFOORT], ok=405, forbidden=[STUURGROEP],
                note="POST only; participants (the service refuses the signalling organisation itself)"),
    org_private("ecosystem:bottleneck-endorse", obj="bottleneck_haarlem", allowed=[], ok=405,
                forbidden=HAARLEM_STAFF, note="not shared: nobody endorses"),
    org_private("ecosystem:bottleneck-respond", obj="bottleneck_shared", allowed=[STUURGROEP], ok=405,
                forbidden=PARTICIPANTS, note="POST only; the steering group of the programme it is shared with"),
    org_private("ecosystem:bottleneck-respond", obj="bottleneck_haarlem", allowed=[], ok=405,
                forbidden=HAARLEM_STAFF, note="not shared: no steering group responds"),
    api_list("bottleneck-list"),
    api_private("bottleneck-detail", obj="bottleneck_haarlem", allowed=HAARLEM_STAFF),
    api_private("bottleneck-detail", obj="bottleneck_shared", allowed=SEE_SHARED,
                note="participants and the steering group read it; changing it is for Haarlem (test_bottlenecks_api)"),
    api_private("bottleneck-share", obj="bottleneck_haarlem", allowed=HAARLEM_STAFF, ok=405,
                note="POST only; GET is 404 outside the view scope"),
    api_private("bottleneck-endorse", obj="bottleneck_shared", allowed=SEE_SHARED, ok=405,
                note="POST only; GET is 404 outside the view scope"),
    api_private("bottleneck-respond", obj="bottleneck_shared", allowed=SEE_SHARED, ok=405,
                note="POST only; GET is 404 outside the view scope"),
]


def _on_agenda(world):
    """The steering group responds once the shared bottleneck is on its agenda (a week ago)."""
    from django.utils import timezone

    from ecosystem.models import Bottleneck

    week_ago = timezone.localdate() - dt.timedelta(days=7)
    Bottleneck.objects.filter(pk=world["bottleneck_shared"].pk).update(
        status="on_agenda", status_date=week_ago, agenda_where="Stuurgroep City Deal", agenda_on=week_ago)


def _response(world):
    from django.utils import timezone

    return {"text": "De stuurgroep neemt het op met het ministerie.", "date": timezone.localdate().isoformat()}


POSTS: list[Post] = [
    # --- bottlenecks and best practices ---
    acts("ecosystem:bottleneck-share", "bottleneck_haarlem", _bottleneck("bottleneck_haarlem"),
         allowed=[BROKER_HAARLEM], forbidden=[INKOPER_HAARLEM],
         data=lambda world: {"programme": world["programme"].slug}),
    acts("ecosystem:bottleneck-status", "bottleneck_haarlem", _bottleneck("bottleneck_haarlem"),
         allowed=[BROKER_HAARLEM], forbidden=[INKOPER_HAARLEM], data=lambda world: {"status": "in_progress"}),
    # Amersfoort (a participant) says "we see this too"; Haarlem's staff may not speak for
    # Amersfoort and Haarlem signalled it itself: a field error (400), nothing stored.
    acts("ecosystem:bottleneck-endorse", "bottleneck_shared", _all_rows("ecosystem.BottleneckEndorsement"),
         allowed=[BROKER_AMERSFOORT], forbidden=[STUURGROEP],
         expect={BROKER_HAARLEM: 400, INKOPER_HAARLEM: 400},
         data=lambda world: {"organisation": world["amersfoort"].pk, "cases": "2", "enterprises": "1"}),
    acts("bottleneck-share", "bottleneck_haarlem", _bottleneck("bottleneck_haarlem"), allowed=[BROKER_HAARLEM],
         forbidden=[INKOPER_HAARLEM], ok=200, anonymous=API_ANON,
         data=lambda world: {"programme": world["programme"].slug}),
    # The API decides authority before the body: speaking for Amersfoort is Haarlem's 403.
    acts("bottleneck-endorse", "bottleneck_shared", _all_rows("ecosystem.BottleneckEndorsement"),
         allowed=[BROKER_AMERSFOORT], forbidden=[STUURGROEP, BROKER_HAARLEM, INKOPER_HAARLEM], ok=201,
         anonymous=API_ANON,
         data=lambda world: {"organisation": world["amersfoort"].slug, "cases": 2, "enterprises": 1}),
    # The steering group's response: its members only; participants read it, never write it.
    acts("ecosystem:bottleneck-respond", "bottleneck_shared", _bottleneck("bottleneck_shared"),
         allowed=[STUURGROEP], forbidden=PARTICIPANTS, prepare=_on_agenda, data=_response),
    acts("bottleneck-respond", "bottleneck_shared", _bottleneck("bottleneck_shared"), allowed=[STUURGROEP],
         forbidden=PARTICIPANTS, ok=200, anonymous=API_ANON, prepare=_on_agenda, data=_response),
]
