"""Permission matrix entries of the procurement app (joined into ROUTES and POSTS at the end of
``routes.py``). Each part of the app declares its routes in its own section."""

from .routes import (  # noqa: F401
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
    SIGNED_IN,
    STUURGROEP,
    Post,
    Route,
    acts,
    api_list,
    api_private,
    login_required,
    org_private,
    public,
    staff_only,
)

ROUTES: list[Route] = [
    # --- rule sets ---
    # --- contracts, realisations, contacts ---
    # --- matching and meetings ---
    # --- purchase requests and challenges ---
    # --- figures and payments ---
    # Staff pages: each user sees their own organisation's figures (the superuser: all); another
    # organisation's figures are outside scope (404), other roles get the 403 page.
    staff_only("procurement:figures", roles=(*BROKERS, INKOPER_HAARLEM)),
    Route("procurement:figures", default=403, query="?organisation=haarlem",
          expect={ANON: LOGIN, ADMIN: 200, BROKER_HAARLEM: 200, INKOPER_HAARLEM: 200, BROKER_AMERSFOORT: 404}),
    staff_only("procurement:figures-export", roles=(*BROKERS, INKOPER_HAARLEM)),
    Route("procurement:figures-export", default=403, query="?organisation=haarlem",
          expect={ANON: LOGIN, ADMIN: 200, BROKER_HAARLEM: 200, INKOPER_HAARLEM: 200, BROKER_AMERSFOORT: 404}),
    staff_only("procurement:payment-list", roles=(*BROKERS, INKOPER_HAARLEM)),
    staff_only("procurement:payment-import-create", roles=(*BROKERS, INKOPER_HAARLEM)),
    org_private("procurement:payment-import-detail", obj="payment_import_haarlem", allowed=HAARLEM_STAFF,
                expect={ONDERNEMER_1: 403, ONDERNEMER_2: 403, STUURGROEP: 403}, note="staff pages: role first"),
    org_private("procurement:payment-import-report", obj="payment_import_haarlem", allowed=HAARLEM_STAFF,
                expect={ONDERNEMER_1: 403, ONDERNEMER_2: 403, STUURGROEP: 403}, note="staff pages: role first"),
    Route("procurement-figures-summary", default=403,
          expect={BROKER_HAARLEM: 200, BROKER_AMERSFOORT: 200, INKOPER_HAARLEM: 200, ADMIN: 200}),
    Route("procurement-figures-summary", default=403, query="?organisation=haarlem",
          expect={BROKER_HAARLEM: 200, BROKER_AMERSFOORT: 404, INKOPER_HAARLEM: 200, ADMIN: 200}),
    api_list("procurement-payments-list"),
    api_private("procurement-payments-detail", obj="payment_haarlem", allowed=HAARLEM_STAFF),
]

POSTS: list[Post] = [
    # --- rule sets ---
    # --- contracts, realisations, contacts ---
    # --- matching and meetings ---
    # --- purchase requests and challenges ---
    # --- figures and payments ---
]
