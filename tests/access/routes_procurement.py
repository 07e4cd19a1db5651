"""Permission matrix entries of the procurement app (joined into ROUTES and POSTS at the end of
``routes.py``). Each part of the app declares its routes in its own section."""

# --- contracts, realisations, contacts (helpers) ---
from .routes import (  # noqa: F401  # noqa: E402
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


def _hours_line(world):
    """A minimal valid realisation line: knowledge hours (block of contract_haarlem's rule set)."""
    return {"block": world["contract_haarlem"].rule_set.blocks.get(code="kennisuren").pk, "date": "2025-03-01",
            "hours": "3"}

# Rule sets are published policy: every broker and colleague reads them (entrepreneurs and the
# steering group do not); brokers of the owner (or of a member of the owning region) change them.
RULE_SET_READERS = (BROKER_HAARLEM, BROKER_AMERSFOORT, INKOPER_HAARLEM)
# rulesetdraft_haarlem: owned by Haarlem's region, no contract pinned it (the change pages of a
# pinned one refuse; tests/procurement/test_rule_sets.py covers that).
RULE_SET_OWNER = {"allowed": [BROKER_HAARLEM], "forbidden": [BROKER_AMERSFOORT, INKOPER_HAARLEM]}

ROUTES: list[Route] = [
    # --- rule sets ---
    staff_only("procurement:rule-set-list", roles=RULE_SET_READERS),
    staff_only("procurement:rule-set-create", roles=BROKERS),
    org_private("procurement:rule-set-detail", obj="ruleset_haarlem", allowed=RULE_SET_READERS),
    org_private("procurement:rule-set-update", obj="rulesetdraft_haarlem", **RULE_SET_OWNER),
    org_private("procurement:rule-set-delete", obj="rulesetdraft_haarlem", **RULE_SET_OWNER),
    org_private("procurement:rule-set-blocks", obj="rulesetdraft_haarlem", **RULE_SET_OWNER),
    org_private("procurement:rule-set-new-version", obj="rulesetdraft_haarlem", **RULE_SET_OWNER),
    api_list("procurement-rule-sets-list"),
    api_private("procurement-rule-sets-detail", obj="ruleset_haarlem", allowed=RULE_SET_READERS),
    Route("procurement-rule-sets-new-version", obj="rulesetdraft_haarlem", default=405, note="POST only"),
    # --- contracts, realisations, contacts ---
    # contract_haarlem: Gemeente Haarlem's, supplier enterprise_haarlem (ondernemer_1 reports on it);
    # brokers and colleagues of Haarlem read it, its brokers change, verify and close.
    staff_only("procurement:contract-list", roles=(*BROKERS, INKOPER_HAARLEM)),
    staff_only("procurement:contract-create", roles=BROKERS),
    login_required("procurement:my-contracts", note="the contracts the user reports on (none: an empty state)"),
    login_required("procurement:contract-enterprise-search", note="suggestions from the user's own register scope"),
    org_private("procurement:contract-detail", obj="contract_haarlem",
                allowed=[BROKER_HAARLEM, INKOPER_HAARLEM, ONDERNEMER_1]),
    org_private("procurement:contract-update", obj="contract_haarlem", allowed=[BROKER_HAARLEM],
                forbidden=[INKOPER_HAARLEM, ONDERNEMER_1]),
    org_private("procurement:contract-close", obj="contract_haarlem", allowed=[BROKER_HAARLEM], ok=405,
                forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], note="POST only"),
    org_private("procurement:contract-invite", obj="contract_haarlem", allowed=[BROKER_HAARLEM], ok=405,
                forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], note="POST only"),
    org_private("procurement:realisation-create", obj="contract_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1],
                forbidden=[INKOPER_HAARLEM], note="the supplier's people and the brokers report"),
    org_private("procurement:realisation-detail", obj="realisation_haarlem",
                allowed=[BROKER_HAARLEM, INKOPER_HAARLEM, ONDERNEMER_1]),
    org_private("procurement:realisation-assess", obj="realisation_haarlem", allowed=[BROKER_HAARLEM], ok=405,
                forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], note="POST only"),
    org_private("procurement:realisation-evidence", obj="realisation_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1],
                forbidden=[INKOPER_HAARLEM], note="evidence: the supplier's people and the brokers"),
    api_list("procurement-contracts-list"),
    api_private("procurement-contracts-detail", obj="contract_haarlem",
                allowed=[BROKER_HAARLEM, INKOPER_HAARLEM, ONDERNEMER_1]),
    api_private("procurement-contracts-realisations", obj="contract_haarlem",
                allowed=[BROKER_HAARLEM, INKOPER_HAARLEM, ONDERNEMER_1], note="GET lists the lines; POST reports"),
    Route("procurement-contracts-close", obj="contract_haarlem", default=405, note="POST only"),
    Route("procurement-contracts-invite", obj="contract_haarlem", default=405, note="POST only"),
    api_list("procurement-realisations-list"),
    api_private("procurement-realisations-detail", obj="realisation_haarlem",
                allowed=[BROKER_HAARLEM, INKOPER_HAARLEM, ONDERNEMER_1]),
    Route("procurement-realisations-verify", obj="realisation_haarlem", default=405, note="POST only"),
    Route("procurement-realisations-reject", obj="realisation_haarlem", default=405, note="POST only"),
    # --- matching and meetings ---
    # --- purchase requests and challenges ---
    # --- figures and payments ---
]

POSTS: list[Post] = [
    # --- rule sets ---
    acts("procurement:rule-set-new-version", "rulesetdraft_haarlem", _all_rows("procurement.RuleSet"),
         data=lambda world: {"valid_from": "2027-01-01"}, **RULE_SET_OWNER),
    acts("procurement-rule-sets-new-version", "rulesetdraft_haarlem", _all_rows("procurement.RuleSet"), ok=201,
         anonymous=API_ANON, data=lambda world: {"valid_from": "2027-01-01"}, **RULE_SET_OWNER),
    # --- contracts, realisations, contacts ---
    acts("procurement:contract-close", "contract_haarlem", _row("contract_haarlem"), allowed=[BROKER_HAARLEM],
         forbidden=[INKOPER_HAARLEM, ONDERNEMER_1]),
    acts("procurement:contract-invite", "contract_haarlem", _all_rows("procurement.ContractContact"),
         allowed=[BROKER_HAARLEM], forbidden=[INKOPER_HAARLEM, ONDERNEMER_1],
         data=lambda world: {"name": "Sanne de Vries", "email": "sanne@spaarne.example"}),
    acts("procurement:realisation-create", "contract_haarlem", _all_rows("procurement.Realisation"),
         allowed=[BROKER_HAARLEM, ONDERNEMER_1], forbidden=[INKOPER_HAARLEM], data=_hours_line),
    acts("procurement:realisation-assess", "realisation_haarlem", _row("realisation_haarlem"),
         allowed=[BROKER_HAARLEM], forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], data=lambda world: {"decision": "verify"}),
    acts("procurement-contracts-realisations", "contract_haarlem", _all_rows("procurement.Realisation"),
         allowed=[BROKER_HAARLEM, ONDERNEMER_1], forbidden=[INKOPER_HAARLEM], ok=201, anonymous=API_ANON,
         data=lambda world: {"block": "kennisuren", "date": "2025-03-01", "hours": "3"}),
    acts("procurement-contracts-close", "contract_haarlem", _row("contract_haarlem"), allowed=[BROKER_HAARLEM],
         forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], ok=200, anonymous=API_ANON),
    acts("procurement-contracts-invite", "contract_haarlem", _all_rows("procurement.ContractContact"),
         allowed=[BROKER_HAARLEM], forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], ok=200, anonymous=API_ANON,
         data=lambda world: {"name": "Sanne de Vries", "email": "sanne@spaarne.example"}),
    acts("procurement-realisations-verify", "realisation_haarlem", _row("realisation_haarlem"),
         allowed=[BROKER_HAARLEM], forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], ok=200, anonymous=API_ANON),
    acts("procurement-realisations-reject", "realisation_haarlem", _row("realisation_haarlem"),
         allowed=[BROKER_HAARLEM], forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], ok=200, anonymous=API_ANON,
         data=lambda world: {"reason": "Geen urenstaat"}),
    # --- matching and meetings ---
    # --- purchase requests and challenges ---
    # --- figures and payments ---
]
