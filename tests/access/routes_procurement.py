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
    # The grant "match" belongs to the contract's brokers and colleagues; the supplier's
    # entrepreneur sees the contract but not its matches.
    org_private("procurement:contract-matches", obj="contract_haarlem", allowed=HAARLEM_STAFF,
                forbidden=[ONDERNEMER_1]),
    org_private("procurement:meeting-create", obj="contract_haarlem", allowed=HAARLEM_STAFF,
                forbidden=[ONDERNEMER_1], note="without ?onderneming= the page points to the matches"),
    staff_only("procurement:meeting-list", roles=[BROKER_HAARLEM, BROKER_AMERSFOORT, INKOPER_HAARLEM]),
    org_private("procurement:meeting-detail", obj="meeting_haarlem", allowed=HAARLEM_STAFF),
    org_private("procurement:meeting-update", obj="meeting_haarlem", allowed=HAARLEM_STAFF),
    # The matches action lives on the contracts viewset (contracts part): declared once it exists.
    *([api_private("procurement-contracts-matches", obj="contract_haarlem", allowed=HAARLEM_STAFF,
                   forbidden=[ONDERNEMER_1])] if __import__("importlib.util", fromlist=["find_spec"]).find_spec("procurement.api.contracts")
      else []),
    # --- purchase requests and challenges ---
    # --- figures and payments ---
]

POSTS: list[Post] = [
    # --- rule sets ---
    # --- contracts, realisations, contacts ---
    # --- matching and meetings ---
    acts("procurement:meeting-create", "contract_haarlem", lambda world: sorted(
        world["contract_haarlem"].meetings.values_list("pk", "enterprise_id", "outcome")), allowed=HAARLEM_STAFF,
         forbidden=[ONDERNEMER_1],
         data=lambda world: {"enterprise": world["enterprise_amersfoort"].pk, "date": "2025-06-01",
                             "outcome": "planned"}),
    # --- purchase requests and challenges ---
    # --- figures and payments ---
]
