"""Permission matrix: admission rules per platform (issue 10 part 5), joined into routes.py.

Admission rules are published policy: every broker and colleague reads them (the list, the API);
brokers of the owning organisation, or of a member of the owning region, change them (the
settings page); others who read them get 403 there, entrepreneurs and the steering group 404."""

from .routes import (
    BROKER_AMERSFOORT,
    BROKER_HAARLEM,
    BROKERS,
    INKOPER_HAARLEM,
    Post,
    Route,
    api_list,
    api_private,
    org_private,
    staff_only,
)

RULE_READERS = (BROKER_HAARLEM, BROKER_AMERSFOORT, INKOPER_HAARLEM)
RULE_OWNER = {"allowed": [BROKER_HAARLEM], "forbidden": [BROKER_AMERSFOORT, INKOPER_HAARLEM]}

ROUTES: list[Route] = [
    staff_only("enterprises:admission-rules", roles=RULE_READERS),
    staff_only("enterprises:admission-rule-create", roles=BROKERS),
    # admissionrule_haarlem: Haarlem's own rule; admissionrule_region: the rule of Haarlem's region.
    org_private("enterprises:admission-rule-update", obj="admissionrule_haarlem", **RULE_OWNER),
    org_private("enterprises:admission-rule-update", obj="admissionrule_region", **RULE_OWNER,
                note="a regional rule: brokers of its members change it"),
    org_private("enterprises:admission-rule-update", obj="admissionrule_amersfoort", allowed=[BROKER_AMERSFOORT],
                forbidden=[BROKER_HAARLEM, INKOPER_HAARLEM], note="Amersfoort's region"),
    api_list("admissionrule-list"),
    api_private("admissionrule-detail", obj="admissionrule_haarlem", allowed=RULE_READERS),
]

POSTS: list[Post] = []
