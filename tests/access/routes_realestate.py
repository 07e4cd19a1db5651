"""Permission matrix entries of ecosystem map, coalitions, regional collaboration, real estate and events (issue 12).
Joined into ROUTES and POSTS at the end of ``routes.py``.

Real estate belongs to the owner organisation's brokers and real-estate colleagues (department
vastgoed; ``inkoper_haarlem`` works at inkoop and sees only what is published). A space request is
also its entrepreneur's, and so is (view only) the property allocated to it (``property_let_haarlem``).
The network partner and the SROI coordinator get nothing of it."""

from .routes import (
    ADMIN,
    ANON,
    API_ANON,
    BROKER_AMERSFOORT,
    BROKER_HAARLEM,
    BROKERS,
    HAARLEM_STAFF,
    INKOPER_HAARLEM,
    LOGIN,
    ONDERNEMER_1,
    ONDERNEMER_2,
    Post,
    Route,
    _all_rows,
    _row,
    acts,
    api_list,
    api_private,
    login_required,
    org_private,
    public,
    staff_only,
)

STAFF = (*BROKERS, INKOPER_HAARLEM)
ENTREPRENEURS = (ONDERNEMER_1, ONDERNEMER_2)
READ_PARTIES = (*BROKERS, INKOPER_HAARLEM, ADMIN)

ROUTES: list[Route] = [
    # --- parties ---
    public("ecosystem:party-detail", obj="party"),
    Route("ecosystem:party-detail", obj="party_hidden", default=404, expect=dict.fromkeys(READ_PARTIES, 200),
          note="unpublished: staff only"),
    Route("ecosystem:party-note", obj="party", default=403,
          expect={ANON: LOGIN, BROKER_HAARLEM: 405, BROKER_AMERSFOORT: 405, ADMIN: 405},
          note="POST only; brokers note under their organisation"),
    # --- maps ---
    staff_only("ecosystem:map-list", roles=STAFF),
    staff_only("ecosystem:map-create", roles=BROKERS),
    org_private("ecosystem:map-detail", obj="map_haarlem", allowed=HAARLEM_STAFF),
    org_private("ecosystem:map-update", obj="map_haarlem", forbidden=[INKOPER_HAARLEM]),
    org_private("ecosystem:map-entry-delete", obj="mapentry_haarlem", forbidden=[INKOPER_HAARLEM],
                note="a confirm page; the map's brokers take a party off"),
    org_private("ecosystem:map-entry-add", obj="map_haarlem", ok=405, forbidden=[INKOPER_HAARLEM],
                note="POST only"),
    # --- coalitions ---
    staff_only("ecosystem:coalition-list", roles=STAFF),
    staff_only("ecosystem:coalition-create", roles=BROKERS),
    org_private("ecosystem:coalition-detail", obj="coalition_haarlem", allowed=HAARLEM_STAFF),
    org_private("ecosystem:coalition-role", obj="coalition_haarlem", ok=405, forbidden=[INKOPER_HAARLEM],
                note="POST only; the convening organisation's brokers"),
    # --- regional collaboration ---
    staff_only("ecosystem:collaboration-overview", roles=STAFF),
    org_private("ecosystem:collaboration-detail", obj="collaboration_haarlem", allowed=HAARLEM_STAFF,
                note="the region's members and the participants"),
    # --- events ---
    public("ecosystem:event-list"),
    staff_only("ecosystem:event-create", roles=BROKERS),
    org_private("ecosystem:event-detail", obj="event_haarlem", allowed=HAARLEM_STAFF, anonymous=404,
                note="not public: the organisation's staff"),
    public("ecosystem:event-detail", obj="event_public"),
    # --- real estate ---
    public("ecosystem:property-list"),
    staff_only("ecosystem:property-create", roles=BROKERS),
    org_private("ecosystem:property-detail", obj="property_haarlem", anonymous=404,
                note="unpublished: the owner's brokers and vastgoed colleagues (not inkoop)"),
    public("ecosystem:property-detail", obj="property_public", note="published: without rents and notes"),
    org_private("ecosystem:property-update", obj="property_haarlem"),
    Route("ecosystem:property-update", obj="property_public", default=403,
          expect={ANON: LOGIN, BROKER_HAARLEM: 200, ADMIN: 200}, note="others see it, only the owner changes it"),
    org_private("ecosystem:property-photo-add", obj="property_haarlem", ok=405, note="POST only"),
    org_private("ecosystem:property-detail", obj="property_let_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1],
                anonymous=404, note="allocated: the owner's staff, and the tenant's entrepreneur (view only)"),
    org_private("ecosystem:property-update", obj="property_let_haarlem", forbidden=[ONDERNEMER_1],
                note="the tenant sees it, only the owner changes it"),
    org_private("ecosystem:property-photo-add", obj="property_let_haarlem", ok=405, forbidden=[ONDERNEMER_1],
                note="POST only; not the tenant"),
    org_private("ecosystem:property-photo", obj="photo_haarlem", anonymous=404),
    org_private("ecosystem:property-photo", obj="photo_let_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1],
                anonymous=404, note="comes with its allocated property"),
    public("ecosystem:property-photo", obj="photo_public"),
    staff_only("ecosystem:space-request-list", roles=(*STAFF, *ENTREPRENEURS)),
    staff_only("ecosystem:space-request-create", roles=(*BROKERS, *ENTREPRENEURS)),
    org_private("ecosystem:space-request-detail", obj="spacerequest_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1]),
    org_private("ecosystem:space-request-respond", obj="spacerequest_haarlem", allowed=[ONDERNEMER_1], ok=405,
                forbidden=[BROKER_HAARLEM], note="POST only; the entrepreneur responds"),
    org_private("ecosystem:space-request-allocate", obj="spacerequest_haarlem", allowed=[BROKER_HAARLEM], ok=405,
                forbidden=[ONDERNEMER_1], note="POST only; the owner's staff allocate"),
    org_private("ecosystem:space-request-withdraw", obj="spacerequest_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1],
                ok=405, note="POST only; the entrepreneur (or the owner's staff) ends an open request"),
    staff_only("ecosystem:allocation-list", roles=STAFF),
    org_private("ecosystem:allocation-detail", obj="allocation_haarlem",
                note="rent and justification: the owner's brokers and vastgoed colleagues"),
    # --- API ---
    api_list("ecosystem-party-list"),
    public("ecosystem-party-detail", obj="party"),
    Route("ecosystem-party-detail", obj="party_hidden", default=404, expect=dict.fromkeys(READ_PARTIES, 200)),
    api_list("ecosystem-map-list"),
    api_private("ecosystem-map-detail", obj="map_haarlem", allowed=HAARLEM_STAFF),
    api_list("ecosystem-coalition-list"),
    api_private("ecosystem-coalition-detail", obj="coalition_haarlem", allowed=HAARLEM_STAFF),
    api_list("ecosystem-collaboration-list"),
    api_private("ecosystem-collaboration-detail", obj="collaboration_haarlem", allowed=HAARLEM_STAFF),
    api_list("ecosystem-event-list"),
    api_private("ecosystem-event-detail", obj="event_haarlem", allowed=HAARLEM_STAFF),
    public("ecosystem-event-detail", obj="event_public"),
    api_list("ecosystem-property-list"),
    api_private("ecosystem-property-detail", obj="property_haarlem"),
    api_private("ecosystem-property-detail", obj="property_let_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1],
                note="allocated: the tenant's entrepreneur reads it (PATCH 403: test_tenant_property.py)"),
    public("ecosystem-property-detail", obj="property_public", note="published: rents and notes are null"),
    api_list("ecosystem-space-request-list"),
    api_private("ecosystem-space-request-detail", obj="spacerequest_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1]),
    api_private("ecosystem-space-request-matches", obj="spacerequest_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1]),
    api_list("ecosystem-allocation-list"),
    api_private("ecosystem-allocation-detail", obj="allocation_haarlem"),
]

JUSTIFICATION = "Alleen deze ondernemer voldoet aan de eis van inzet in de wijk."

POSTS: list[Post] = [
    Post("ecosystem:party-note", _all_rows("ecosystem.PartyNote"), obj="party", default=403,
         expect={ANON: LOGIN, BROKER_HAARLEM: 302, BROKER_AMERSFOORT: 302, ADMIN: 302},
         data=lambda world: {"body": "Notitie", "organisation": world["haarlem"].pk},
         note="one organisation: no question (the field is ignored); several (the superuser): asked which"),
    acts("ecosystem:map-entry-delete", "mapentry_haarlem", _row("mapentry_haarlem"), allowed=[BROKER_HAARLEM],
         forbidden=[INKOPER_HAARLEM]),
    acts("ecosystem:map-entry-add", "map_haarlem", _all_rows("ecosystem.MapEntry"), allowed=[BROKER_HAARLEM],
         forbidden=[INKOPER_HAARLEM],
         data=lambda world: {"entry-party": world["party"].pk, "entry-domain": "financing",
                             "entry-role": "Financiert.", "entry-is_active": "on"}),
    acts("ecosystem:coalition-role", "coalition_haarlem", _all_rows("ecosystem.CoalitionRole"),
         allowed=[BROKER_HAARLEM], forbidden=[INKOPER_HAARLEM],
         data=lambda world: {"function": "financing", "party": world["party"].pk, "notes": ""}),
    acts("ecosystem:property-photo-add", "property_haarlem", _all_rows("ecosystem.PropertyPhoto"),
         allowed=[BROKER_HAARLEM],
         data=lambda world: {"image": __import__("django.core.files.uploadedfile", fromlist=["x"]).SimpleUploadedFile(
             "foto.png", __import__("tests.access.realestate_world", fromlist=["PNG"]).PNG, content_type="image/png")}),
    acts("ecosystem:space-request-respond", "spacerequest_haarlem", _all_rows("ecosystem.PropertyResponse"),
         allowed=[ONDERNEMER_1], forbidden=[BROKER_HAARLEM],
         data=lambda world: {"property": world["property_public"].pk, "message": "Interesse"}),
    acts("ecosystem:space-request-withdraw", "spacerequest_haarlem", _row("spacerequest_haarlem"),
         allowed=[BROKER_HAARLEM, ONDERNEMER_1]),
    acts("ecosystem:space-request-allocate", "spacerequest_haarlem", _all_rows("ecosystem.Allocation"),
         allowed=[BROKER_HAARLEM], forbidden=[ONDERNEMER_1],
         data=lambda world: {"allocate-property": world["property_public"].pk, "allocate-rent": "700",
                             "allocate-tenant_kind": "social", "allocate-procedure": "exception",
                             "allocate-justification": JUSTIFICATION, "allocate-decided_by": "College",
                             "allocate-decision_date": "2026-02-01"}),
]

_ = (_row, login_required, API_ANON)
