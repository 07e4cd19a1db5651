"""Permission matrix entries of the financing app (joined into ROUTES and POSTS at the end of
``routes.py``). Each part of the app declares its routes in its own section."""

from .routes import Post, Route  # noqa: F401

# --- instruments, financing mix, impact funds (helpers) ---
INSTRUMENTS_PART = "instruments, financing mix, impact funds"  # (ends the import block above)

from .routes import (  # noqa: E402
    BROKER_HAARLEM,
    BROKERS,
    ONDERNEMER_1,
    ONDERNEMER_2,
    STUURGROEP,
    api_list,
    api_private,
    org_private,
    public,
    staff_only,
)

# A need and its mix: the brokers of the enterprise's municipality and its own entrepreneurs.
NEED_KEEPERS = [BROKER_HAARLEM, ONDERNEMER_1]
# A fund: the brokers of the managing organisation and of the members of the fund's region.
FUND_KEEPERS = [BROKER_HAARLEM]

ROUTES: list[Route] = [
    # --- MKBA analyses ---
    # --- outcome contracts, claims, payments, social impact bonds, open data ---
    # --- instruments, financing mix, impact funds ---
    # The catalogue is public reference data.
    public("financing:instrument-list"),
    public("financing:instrument-detail", obj="financing_instrument"),
    api_list("financing-instruments-list"),
    public("financing-instruments-detail", obj="financing_instrument"),
    # Needs: brokers and entrepreneurs (the list is scoped: each sees their own); other roles 403.
    staff_only("financing:need-list", roles=(*BROKERS, ONDERNEMER_1, ONDERNEMER_2)),
    staff_only("financing:need-create", roles=(*BROKERS, ONDERNEMER_1, ONDERNEMER_2),
               note="an enterprise to record a need for: own (entrepreneur) or of the municipality (broker)"),
    org_private("financing:need-detail", obj="need_haarlem", allowed=NEED_KEEPERS),
    org_private("financing:need-update", obj="need_haarlem", allowed=NEED_KEEPERS),
    org_private("financing:need-delete", obj="need_haarlem", allowed=NEED_KEEPERS),
    org_private("financing:component-create", obj="need_haarlem", allowed=NEED_KEEPERS),
    org_private("financing:component-update", obj="component_haarlem", allowed=NEED_KEEPERS),
    org_private("financing:component-delete", obj="component_haarlem", allowed=NEED_KEEPERS),
    api_list("financing-needs-list"),
    api_private("financing-needs-detail", obj="need_haarlem", allowed=NEED_KEEPERS),
    # Funds: brokers; the steering group reads the figures page only (funds managed by participants
    # of its programme), never a fund's page or its investments.
    staff_only("financing:fund-list", roles=BROKERS),
    staff_only("financing:fund-create", roles=BROKERS),
    staff_only("financing:fund-figures", roles=(*BROKERS, STUURGROEP)),
    org_private("financing:fund-detail", obj="fund_haarlem", allowed=FUND_KEEPERS),
    org_private("financing:fund-update", obj="fund_haarlem", allowed=FUND_KEEPERS),
    org_private("financing:investment-create", obj="fund_haarlem", allowed=FUND_KEEPERS),
    org_private("financing:investment-detail", obj="investment_haarlem", allowed=FUND_KEEPERS),
    org_private("financing:investment-update", obj="investment_haarlem", allowed=FUND_KEEPERS),
    org_private("financing:repayment-create", obj="investment_haarlem", allowed=FUND_KEEPERS),
    org_private("financing:impact-create", obj="investment_haarlem", allowed=FUND_KEEPERS),
    api_list("financing-funds-list"),
    api_private("financing-funds-detail", obj="fund_haarlem", allowed=FUND_KEEPERS),
]

POSTS: list[Post] = [
    # --- MKBA analyses ---
    # --- outcome contracts, claims, payments, social impact bonds, open data ---
    # --- instruments, financing mix, impact funds ---
]
