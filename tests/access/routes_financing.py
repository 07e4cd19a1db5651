"""Permission matrix entries of the financing app (joined into ROUTES and POSTS at the end of
``routes.py``). Each part of the app declares its routes in its own section."""

# --- MKBA analyses (helpers) ---
from .routes import (  # noqa: F401  # noqa: E402
    ADMIN,
    ANON,
    API_ANON,
    BROKER_AMERSFOORT,
    BROKER_HAARLEM,
    BROKERS,
    INKOPER_HAARLEM,
    LOGIN,
    ONDERNEMER_1,
    ONDERNEMER_2,
    STUURGROEP,
    Post,
    Route,
    _all_rows,
    api_list,
    api_private,
    org_private,
    staff_only,
)

# analysis_haarlem: Haarlem's, attached to enterprise_haarlem and shared with it, so ondernemer_1
# reads it; Haarlem's colleagues read it; only Haarlem's brokers change it; the steering group sees
# no analyses (the role is refused before the object is looked up).
MKBA_READERS = (BROKER_HAARLEM, INKOPER_HAARLEM, ONDERNEMER_1)


def _mkba_calculation(world):
    return {"kind": "quick_scan", "costs": "1000", "discount_rate": "0,0225",
            "indicators-TOTAL_FORMS": "1", "indicators-INITIAL_FORMS": "0",
            "indicators-0-name": "Uit de bijstand", "indicators-0-count": "2", "indicators-0-value_per_case": "17500",
            "indicators-0-deadweight": "0", "indicators-0-attribution": "0", "indicators-0-substitution": "0",
            "indicators-0-short_term": "1", "indicators-0-medium_term": "0", "indicators-0-long_term": "0"}

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
    staff_only("financing:mkba-list", roles=(*BROKERS, INKOPER_HAARLEM, ONDERNEMER_1, ONDERNEMER_2),
               note="entrepreneurs see the analyses shared with their enterprise"),
    staff_only("financing:mkba-create", roles=BROKERS),
    Route("financing:mkba-calculate", default=405, note="POST only (htmx); nothing stored"),
    org_private("financing:mkba-detail", obj="analysis_haarlem", allowed=MKBA_READERS, expect={STUURGROEP: 403}),
    org_private("financing:mkba-pdf", obj="analysis_haarlem", allowed=MKBA_READERS, expect={STUURGROEP: 403}),
    org_private("financing:mkba-update", obj="analysis_haarlem", forbidden=[INKOPER_HAARLEM, ONDERNEMER_1],
                note="the object is looked up first: 404 outside the scope, 403 for readers"),
    org_private("financing:mkba-delete", obj="analysis_haarlem",
                forbidden=[INKOPER_HAARLEM, ONDERNEMER_1, ONDERNEMER_2, STUURGROEP], note="brokers only (role first)"),
    Route("financing-calculation-mkba", default=405, expect={ANON: API_ANON}, note="POST only: a stateless calculation"),
    api_list("financing-analyses-list"),
    api_private("financing-analyses-detail", obj="analysis_haarlem", allowed=MKBA_READERS),
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
    Post("financing:mkba-calculate", _all_rows("financing.MkbaAnalysis"), default=403, changes=False,
         expect={ANON: LOGIN, BROKER_HAARLEM: 200, BROKER_AMERSFOORT: 200, INKOPER_HAARLEM: 200, ADMIN: 200},
         data=_mkba_calculation, note="staff calculate; nothing is stored"),
    Post("financing-calculation-mkba", _all_rows("financing.MkbaAnalysis"), default=200, changes=False,
         expect={ANON: API_ANON},
         data=lambda world: {"indicators": [{"name": "Uit de bijstand", "count": 2, "value_per_case": "17500"}]},
         note="any signed-in caller may calculate; nothing is stored"),
    # --- outcome contracts, claims, payments, social impact bonds, open data ---
    # --- instruments, financing mix, impact funds ---
]
