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
    _all_rows,
    acts,
    api_list,
    api_private,
    login_required,
    org_private,
    public,
    staff_only,
)

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
    # --- matching and meetings ---
    # --- purchase requests and challenges ---
    # --- figures and payments ---
]
