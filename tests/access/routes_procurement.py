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
]

POSTS: list[Post] = [
    # --- rule sets ---
    # --- contracts, realisations, contacts ---
    # --- matching and meetings ---
    # --- purchase requests and challenges ---
    # --- figures and payments ---
]
