"""Permission matrix entries of the financing app (joined into ROUTES and POSTS at the end of
``routes.py``). Each part of the app declares its routes in its own section."""

from .routes import (  # noqa: F401  # noqa: E402
    ADMIN,
    ANON,
    API_ANON,
    BROKER_AMERSFOORT,
    BROKER_HAARLEM,
    BROKERS,
    COORDINATOR_ZKIJ,
    INKOPER_HAARLEM,
    LOGIN,
    ONDERNEMER_1,
    ONDERNEMER_2,
    PARTNER_HAARLEM,
    STUURGROEP,
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

# --- MKBA analyses (helpers) ---
# analysis_haarlem: Haarlem's, attached to enterprise_haarlem and shared with it, so ondernemer_1
# reads it; Haarlem's colleagues read it; only Haarlem's brokers change it; the steering group sees
# no analyses (the role is refused before the object is looked up).
MKBA_READERS = (BROKER_HAARLEM, INKOPER_HAARLEM, ONDERNEMER_1)
NO_MKBA_ROLE = dict.fromkeys((STUURGROEP, PARTNER_HAARLEM, COORDINATOR_ZKIJ), 403)


def _mkba_calculation(world):
    return {"kind": "quick_scan", "costs": "1000", "discount_rate": "0,0225",
            "indicators-TOTAL_FORMS": "1", "indicators-INITIAL_FORMS": "0",
            "indicators-0-name": "Uit de bijstand", "indicators-0-count": "2", "indicators-0-value_per_case": "17500",
            "indicators-0-deadweight": "0", "indicators-0-attribution": "0", "indicators-0-substitution": "0",
            "indicators-0-short_term": "1", "indicators-0-medium_term": "0", "indicators-0-long_term": "0"}


# --- outcome contracts, claims, payments, social impact bonds, open data (helpers) ---
# outcomecontract_haarlem: Gemeente Haarlem commissions enterprise_haarlem (ondernemer_1). Its
# brokers see and do everything; ondernemer_1 sees the contract, claims and payments and submits
# claims; everyone else finds nothing (404).
OUTCOME_READERS = [BROKER_HAARLEM, ONDERNEMER_1]
OUTCOME_BROKER = {"allowed": [BROKER_HAARLEM], "forbidden": [ONDERNEMER_1]}


def _accept(key):
    def prepare(world):
        type(world[key]).objects.filter(pk=world[key].pk).update(status="accepted", accepted_count=3)

    return prepare


def _claim_line(world):
    return {"metric": world["outcomemetric_haarlem"].pk, "period_start": "2025-04-01", "period_end": "2025-06-30",
            "claimed_count": "2"}


# --- instruments, financing mix, impact funds (helpers) ---
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
    # Roles without MKBA pages (steering group, network partner, SROI coordinator) are refused
    # before the object is looked up: 403.
    org_private("financing:mkba-detail", obj="analysis_haarlem", allowed=MKBA_READERS, expect=NO_MKBA_ROLE),
    org_private("financing:mkba-pdf", obj="analysis_haarlem", allowed=MKBA_READERS, expect=NO_MKBA_ROLE),
    org_private("financing:mkba-update", obj="analysis_haarlem", forbidden=[INKOPER_HAARLEM, ONDERNEMER_1],
                note="the object is looked up first: 404 outside the scope, 403 for readers"),
    org_private("financing:mkba-delete", obj="analysis_haarlem",
                forbidden=[INKOPER_HAARLEM, ONDERNEMER_1, ONDERNEMER_2, *NO_MKBA_ROLE], note="brokers only (role first)"),
    Route("financing-calculation-mkba", default=405, expect={ANON: API_ANON}, note="POST only: a stateless calculation"),
    api_list("financing-analyses-list"),
    api_private("financing-analyses-detail", obj="analysis_haarlem", allowed=MKBA_READERS),
    # --- outcome contracts, claims, payments, social impact bonds, open data ---
    login_required("financing:outcome-contract-list"),
    staff_only("financing:outcome-contract-create", roles=BROKERS),
    org_private("financing:outcome-contract-detail", obj="outcomecontract_haarlem", allowed=OUTCOME_READERS),
    org_private("financing:outcome-contract-update", obj="outcomecontract_haarlem", **OUTCOME_BROKER),
    org_private("financing:outcome-contract-statement", obj="outcomecontract_haarlem", allowed=OUTCOME_READERS),
    org_private("financing:outcome-metric-create", obj="outcomecontract_haarlem", **OUTCOME_BROKER),
    org_private("financing:claim-create", obj="outcomecontract_haarlem", allowed=OUTCOME_READERS),
    org_private("financing:bond-create", obj="unbondedcontract_haarlem", **OUTCOME_BROKER),
    org_private("financing:claim-detail", obj="claim_haarlem", allowed=OUTCOME_READERS),
    org_private("financing:claim-verify", obj="claim_haarlem", ok=405, note="POST only", **OUTCOME_BROKER),
    org_private("financing:claim-pay", obj="claim_haarlem", ok=405, note="POST only", **OUTCOME_BROKER),
    org_private("financing:claim-evidence", obj="claim_haarlem", allowed=OUTCOME_READERS),
    org_private("financing:bond-detail", obj="bond_haarlem", allowed=OUTCOME_READERS),
    org_private("financing:bond-payer-create", obj="bond_haarlem", **OUTCOME_BROKER),
    org_private("financing:bond-investor-create", obj="bond_haarlem", **OUTCOME_BROKER),
    org_private("financing:bond-cash-flow-create", obj="bond_haarlem", **OUTCOME_BROKER),
    Route("financing:feasibility-list", default=403, expect={ANON: LOGIN, ADMIN: 200, **dict.fromkeys(BROKERS, 200)},
          note="brokers only"),
    staff_only("financing:feasibility-create", roles=BROKERS),
    org_private("financing:feasibility-detail", obj="feasibility_haarlem"),
    public("financing:open-data-download", note="published contracts only, the same for everyone"),
    api_list("financing-outcome-contracts-list"),
    # PATCH/PUT (contract_update, as the page's edit): OUTCOME_BROKER, i.e. Haarlem's brokers and the
    # superuser 200, ondernemer_1 403, everyone else 404 (probed here for every out-of-scope actor and the
    # Amersfoort twin, DELETE too); per role: tests/financing/test_outcome_contract_api_update.py.
    api_private("financing-outcome-contracts-detail", obj="outcomecontract_haarlem", allowed=OUTCOME_READERS,
                note="GET: readers; PATCH/PUT: Haarlem's brokers (ondernemer_1 403)"),
    api_private("financing-outcome-contracts-metrics", obj="outcomecontract_haarlem", allowed=OUTCOME_READERS),
    api_private("financing-outcome-contracts-claims", obj="outcomecontract_haarlem", allowed=OUTCOME_READERS),
    api_list("financing-claims-list"),
    api_private("financing-claims-detail", obj="claim_haarlem", allowed=OUTCOME_READERS),
    Route("financing-claims-verify", obj="claim_haarlem", default=405, note="POST only"),
    Route("financing-claims-pay", obj="claim_haarlem", default=405, note="POST only"),
    api_list("financing-payments-list"),
    api_private("financing-payments-detail", obj="outcomepayment_haarlem", allowed=OUTCOME_READERS),
    public("financing-open-data-export", note="public open data, the same for everyone"),
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
    # of its programme), never a fund's page or its investments: 403 there, as it knows the fund.
    staff_only("financing:fund-list", roles=BROKERS),
    staff_only("financing:fund-create", roles=BROKERS),
    staff_only("financing:fund-figures", roles=(*BROKERS, STUURGROEP)),
    org_private("financing:fund-detail", obj="fund_haarlem", allowed=FUND_KEEPERS, forbidden=[STUURGROEP]),
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
    acts("financing:claim-create", "outcomecontract_haarlem", _all_rows("financing.OutcomeClaim"),
         allowed=OUTCOME_READERS, data=_claim_line),
    acts("financing:claim-verify", "claim_haarlem", _row("claim_haarlem"), data=lambda world: {"accepted_count": "3"},
         **OUTCOME_BROKER),
    acts("financing:claim-pay", "claim_haarlem", _all_rows("financing.OutcomePayment"), prepare=_accept("claim_haarlem"),
         **OUTCOME_BROKER),
    acts("financing-outcome-contracts-claims", "outcomecontract_haarlem", _all_rows("financing.OutcomeClaim"),
         allowed=OUTCOME_READERS, ok=201, anonymous=API_ANON,
         data=lambda world: {**_claim_line(world), "claimed_count": 2}),
    acts("financing-claims-verify", "claim_haarlem", _row("claim_haarlem"), ok=200, anonymous=API_ANON,
         data=lambda world: {"accepted_count": 3}, **OUTCOME_BROKER),
    acts("financing-claims-pay", "claim_haarlem", _all_rows("financing.OutcomePayment"), ok=201, anonymous=API_ANON,
         prepare=_accept("claim_haarlem"), **OUTCOME_BROKER),
    # --- instruments, financing mix, impact funds ---
]
