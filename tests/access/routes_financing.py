"""Permission matrix entries of the financing app (joined into ROUTES and POSTS at the end of
``routes.py``). Each part of the app declares its routes in its own section."""

# --- outcome contracts, claims, payments, social impact bonds, open data (helpers) ---
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
    _row,
    acts,
    api_list,
    api_private,
    login_required,
    org_private,
    public,
    staff_only,
)

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

ROUTES: list[Route] = [
    # --- MKBA analyses ---
    # --- outcome contracts, claims, payments, social impact bonds, open data ---
    login_required("financing:outcome-contract-list"),
    staff_only("financing:outcome-contract-create", roles=BROKERS),
    org_private("financing:outcome-contract-detail", obj="outcomecontract_haarlem", allowed=OUTCOME_READERS),
    org_private("financing:outcome-contract-update", obj="outcomecontract_haarlem", **OUTCOME_BROKER),
    org_private("financing:outcome-contract-statement", obj="outcomecontract_haarlem", allowed=OUTCOME_READERS),
    org_private("financing:outcome-metric-create", obj="outcomecontract_haarlem", **OUTCOME_BROKER),
    org_private("financing:claim-create", obj="outcomecontract_haarlem", allowed=OUTCOME_READERS),
    org_private("financing:bond-create", obj="outcomecontract_haarlem", **OUTCOME_BROKER),
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
    api_private("financing-outcome-contracts-detail", obj="outcomecontract_haarlem", allowed=OUTCOME_READERS),
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
]

POSTS: list[Post] = [
    # --- MKBA analyses ---
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
