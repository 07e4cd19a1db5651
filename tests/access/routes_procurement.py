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
    COORDINATOR_ZKIJ,
    HAARLEM_STAFF,
    INKOPER_HAARLEM,
    LOGIN,
    ONDERNEMER_1,
    ONDERNEMER_2,
    PARTNER_HAARLEM,
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


def _nothing_to_assess(world):
    """contract_haarlem's lines assessed: a contract with lines awaiting assessment does not close."""
    from procurement.constants import RealisationStatus

    world["contract_haarlem"].realisations.filter(status=RealisationStatus.SUBMITTED).update(
        status=RealisationStatus.VERIFIED)

# Rule sets are published policy: every broker and colleague reads them (entrepreneurs and the
# steering group do not); brokers of the owner (or of a member of the owning region) change them.
RULE_SET_READERS = (BROKER_HAARLEM, BROKER_AMERSFOORT, INKOPER_HAARLEM)
# rulesetdraft_haarlem: owned by Haarlem's region, no contract pinned it (the change pages of a
# pinned one refuse; tests/procurement/test_rule_sets.py covers that). The region's SROI
# coordinator keeps it too. Network partners have nothing in procurement (404 / the 403 page).
RULE_SET_OWNER = {"allowed": [BROKER_HAARLEM, COORDINATOR_ZKIJ], "forbidden": [BROKER_AMERSFOORT, INKOPER_HAARLEM]}
# The region's coordinator reads its region's rule sets and those of its members (ruleset_haarlem
# is the region's), and every contract and realisation of the members (contract_haarlem), without
# the contract's broker actions (403); it verifies and rejects the lines.
SROI_LIST_READERS = (*BROKERS, INKOPER_HAARLEM, COORDINATOR_ZKIJ)


# --- purchase requests and challenges: helpers ---
def _OTHERS(allowed):  # noqa: N802 — reads as a constant in the tables above
    """Every signed-in actor but ``allowed`` and the superuser: those who see the object but may not act."""
    return [a for a in SIGNED_IN if a not in allowed and a != ADMIN]


def _phase(key, phase="selection"):
    def prepare(world):
        type(world[key]).objects.filter(pk=world[key].pk).update(phase=phase)

    return prepare


def _final_with_finalist(world):
    """The challenge in its final phase with ``submission_haarlem`` chosen as finalist: only a
    finalist can win a prize."""
    from procurement.constants import SubmissionStatus

    _phase("challenge_haarlem", "final")(world)
    submission = world["submission_haarlem"]
    type(submission).objects.filter(pk=submission.pk).update(status=SubmissionStatus.SELECTED)


def _payments_upload(world):
    """A payments file of one row for Haarlem (a fresh upload per POST)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv = b"kvk-nummer;naam;datum;bedrag excl. btw;kostensoort\n12345678;Kantoorreus BV;15-03-2025;250,00;Kantoor\n"
    return {"organisation": world["haarlem"].pk,
            "file": SimpleUploadedFile("betalingen.csv", csv, content_type="text/csv")}


def _admit(key):
    def prepare(world):
        type(world[key]).objects.filter(pk=world[key].pk).update(admission_status="admitted")

    return prepare


ROUTES: list[Route] = [
    # --- rule sets ---
    staff_only("procurement:rule-set-list", roles=(*RULE_SET_READERS, COORDINATOR_ZKIJ)),
    staff_only("procurement:rule-set-create", roles=(*BROKERS, COORDINATOR_ZKIJ),
               note="the coordinator creates rule sets of its region"),
    org_private("procurement:rule-set-detail", obj="ruleset_haarlem", allowed=(*RULE_SET_READERS, COORDINATOR_ZKIJ)),
    org_private("procurement:rule-set-update", obj="rulesetdraft_haarlem", **RULE_SET_OWNER),
    org_private("procurement:rule-set-delete", obj="rulesetdraft_haarlem", **RULE_SET_OWNER),
    org_private("procurement:rule-set-blocks", obj="rulesetdraft_haarlem", **RULE_SET_OWNER),
    org_private("procurement:rule-set-new-version", obj="rulesetdraft_haarlem", **RULE_SET_OWNER),
    api_list("procurement-rule-sets-list"),
    api_private("procurement-rule-sets-detail", obj="ruleset_haarlem", allowed=(*RULE_SET_READERS, COORDINATOR_ZKIJ)),
    Route("procurement-rule-sets-new-version", obj="rulesetdraft_haarlem", default=405, note="POST only"),
    # --- contracts, realisations, contacts ---
    # contract_haarlem: Gemeente Haarlem's, supplier enterprise_haarlem (ondernemer_1 reports on it);
    # brokers and colleagues of Haarlem read it, its brokers change, verify and close.
    staff_only("procurement:contract-list", roles=SROI_LIST_READERS),
    staff_only("procurement:contract-create", roles=BROKERS),
    login_required("procurement:my-contracts", note="the contracts the user reports on (none: an empty state)"),
    login_required("procurement:contract-enterprise-search", note="suggestions from the user's own register scope"),
    org_private("procurement:contract-detail", obj="contract_haarlem",
                allowed=[BROKER_HAARLEM, INKOPER_HAARLEM, ONDERNEMER_1, COORDINATOR_ZKIJ]),
    org_private("procurement:contract-update", obj="contract_haarlem", allowed=[BROKER_HAARLEM],
                forbidden=[INKOPER_HAARLEM, ONDERNEMER_1, COORDINATOR_ZKIJ]),
    org_private("procurement:contract-close", obj="contract_haarlem", allowed=[BROKER_HAARLEM], ok=405,
                forbidden=[INKOPER_HAARLEM, ONDERNEMER_1, COORDINATOR_ZKIJ], note="POST only"),
    org_private("procurement:contract-invite", obj="contract_haarlem", allowed=[BROKER_HAARLEM], ok=405,
                forbidden=[INKOPER_HAARLEM, ONDERNEMER_1, COORDINATOR_ZKIJ], note="POST only"),
    org_private("procurement:realisation-create", obj="contract_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1],
                forbidden=[INKOPER_HAARLEM, COORDINATOR_ZKIJ], note="the supplier's people and the brokers report"),
    org_private("procurement:realisation-detail", obj="realisation_haarlem",
                allowed=[BROKER_HAARLEM, INKOPER_HAARLEM, ONDERNEMER_1, COORDINATOR_ZKIJ]),
    org_private("procurement:realisation-update", obj="realisation_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1],
                forbidden=[INKOPER_HAARLEM, COORDINATOR_ZKIJ],
                note="the supplier's people while submitted, brokers always; the coordinator assesses only"),
    org_private("procurement:realisation-assess", obj="realisation_haarlem", allowed=[BROKER_HAARLEM, COORDINATOR_ZKIJ],
                ok=405, forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], note="POST only"),
    org_private("procurement:realisation-evidence", obj="realisation_haarlem",
                allowed=[BROKER_HAARLEM, ONDERNEMER_1, COORDINATOR_ZKIJ], forbidden=[INKOPER_HAARLEM],
                note="evidence: the supplier's people, the brokers and the region's SROI coordinator"),
    api_list("procurement-contracts-list"),
    api_private("procurement-contracts-detail", obj="contract_haarlem",
                allowed=[BROKER_HAARLEM, INKOPER_HAARLEM, ONDERNEMER_1, COORDINATOR_ZKIJ]),
    api_private("procurement-contracts-realisations", obj="contract_haarlem",
                allowed=[BROKER_HAARLEM, INKOPER_HAARLEM, ONDERNEMER_1, COORDINATOR_ZKIJ],
                note="GET lists the lines; POST reports"),
    api_private("procurement-contracts-blocks", obj="contract_haarlem",
                allowed=[BROKER_HAARLEM, INKOPER_HAARLEM, ONDERNEMER_1, COORDINATOR_ZKIJ],
                note="the codes a line reports: whoever sees the contract, the supplier included"),
    Route("procurement-contracts-close", obj="contract_haarlem", default=405, note="POST only"),
    Route("procurement-contracts-invite", obj="contract_haarlem", default=405, note="POST only"),
    api_list("procurement-realisations-list"),
    api_private("procurement-realisations-detail", obj="realisation_haarlem",
                allowed=[BROKER_HAARLEM, INKOPER_HAARLEM, ONDERNEMER_1, COORDINATOR_ZKIJ]),
    Route("procurement-realisations-verify", obj="realisation_haarlem", default=405, note="POST only"),
    Route("procurement-realisations-reject", obj="realisation_haarlem", default=405, note="POST only"),
    # --- matching and meetings ---
    # The grant "match" belongs to the contract's brokers and colleagues; the supplier's
    # entrepreneur sees the contract but not its matches.
    org_private("procurement:contract-matches", obj="contract_haarlem", allowed=HAARLEM_STAFF,
                forbidden=[ONDERNEMER_1, COORDINATOR_ZKIJ]),
    org_private("procurement:meeting-create", obj="contract_haarlem", allowed=HAARLEM_STAFF,
                forbidden=[ONDERNEMER_1, COORDINATOR_ZKIJ], note="without ?onderneming= the page points to the matches"),
    staff_only("procurement:meeting-list", roles=[BROKER_HAARLEM, BROKER_AMERSFOORT, INKOPER_HAARLEM]),
    org_private("procurement:meeting-detail", obj="meeting_haarlem", allowed=HAARLEM_STAFF),
    org_private("procurement:meeting-update", obj="meeting_haarlem", allowed=HAARLEM_STAFF),
    api_private("procurement-contracts-matches", obj="contract_haarlem", allowed=HAARLEM_STAFF,
                forbidden=[ONDERNEMER_1, COORDINATOR_ZKIJ]),
    # --- purchase requests and challenges ---
    # Open requests are public (list, page, API); a closed one only for the posting organisation.
    public("procurement:request-public-list"),
    staff_only("procurement:request-list", roles=[*BROKERS, INKOPER_HAARLEM]),
    staff_only("procurement:request-create", roles=[*BROKERS, INKOPER_HAARLEM]),
    public("procurement:request-detail", obj="request_haarlem", note="open: public"),
    org_private("procurement:request-detail", obj="request_closed", allowed=HAARLEM_STAFF,
                note="closed: the posting organisation only"),
    org_private("procurement:request-update", obj="request_haarlem", allowed=HAARLEM_STAFF,
                forbidden=_OTHERS(HAARLEM_STAFF)),
    org_private("procurement:request-close", obj="request_haarlem", allowed=HAARLEM_STAFF, ok=405,
                forbidden=_OTHERS(HAARLEM_STAFF)),
    org_private("procurement:request-respond", obj="request_haarlem", allowed=[ONDERNEMER_1, ONDERNEMER_2],
                forbidden=_OTHERS([ONDERNEMER_1, ONDERNEMER_2]), note="entrepreneurs of any enterprise"),
    staff_only("procurement:my-responses", roles=[ONDERNEMER_1, ONDERNEMER_2]),
    org_private("procurement:response-update", obj="response_haarlem", allowed=[ONDERNEMER_1],
                forbidden=HAARLEM_STAFF),
    org_private("procurement:response-withdraw", obj="response_haarlem", allowed=[ONDERNEMER_1], ok=405,
                forbidden=HAARLEM_STAFF),
    org_private("procurement:response-shortlist", obj="response_haarlem", allowed=HAARLEM_STAFF, ok=405,
                forbidden=[ONDERNEMER_1]),
    org_private("procurement:response-award", obj="response_haarlem", allowed=HAARLEM_STAFF, ok=405,
                forbidden=[ONDERNEMER_1]),
    org_private("procurement:response-attachment", obj="response_haarlem", allowed=[*HAARLEM_STAFF, ONDERNEMER_1]),
    # Published challenges are public; an unpublished one only for its organisation.
    public("procurement:challenge-list"),
    staff_only("procurement:challenge-create", roles=BROKERS),
    public("procurement:challenge-detail", obj="challenge_haarlem", note="published: public"),
    org_private("procurement:challenge-detail", obj="challenge_private", allowed=HAARLEM_STAFF,
                note="not published: the organisation only"),
    org_private("procurement:challenge-update", obj="challenge_haarlem", forbidden=_OTHERS([BROKER_HAARLEM])),
    org_private("procurement:challenge-criteria", obj="challenge_haarlem", forbidden=_OTHERS([BROKER_HAARLEM])),
    org_private("procurement:challenge-advance", obj="challenge_haarlem", ok=405, forbidden=_OTHERS([BROKER_HAARLEM])),
    org_private("procurement:challenge-juror", obj="challenge_haarlem", ok=405, forbidden=_OTHERS([BROKER_HAARLEM])),
    org_private("procurement:challenge-juror-remove", obj="challenge_haarlem", ok=405,
                forbidden=_OTHERS([BROKER_HAARLEM])),
    org_private("procurement:challenge-award", obj="challenge_haarlem", ok=405, forbidden=_OTHERS([BROKER_HAARLEM])),
    org_private("procurement:challenge-submit", obj="challenge_haarlem", allowed=[ONDERNEMER_1, ONDERNEMER_2],
                forbidden=_OTHERS([ONDERNEMER_1, ONDERNEMER_2])),
    org_private("procurement:submission-detail", obj="submission_haarlem", allowed=[*HAARLEM_STAFF, ONDERNEMER_1],
                note="the organisation, the jury (inkoper_haarlem) and the submitting enterprise"),
    org_private("procurement:submission-score", obj="submission_haarlem", allowed=[INKOPER_HAARLEM], ok=405,
                forbidden=[BROKER_HAARLEM, ONDERNEMER_1], note="jurors only"),
    org_private("procurement:submission-select", obj="submission_haarlem", ok=405,
                forbidden=[INKOPER_HAARLEM, ONDERNEMER_1]),
    org_private("procurement:submission-attachment", obj="submission_haarlem",
                allowed=[*HAARLEM_STAFF, ONDERNEMER_1]),
    api_list("procurement-requests-list"),
    public("procurement-requests-detail", obj="request_haarlem", note="open: public"),
    api_private("procurement-requests-detail", obj="request_closed", allowed=HAARLEM_STAFF),
    public("procurement-requests-responses", obj="request_haarlem", note="lists only the responses one may see"),
    public("procurement-requests-close", 405, obj="request_haarlem"),
    api_list("procurement-responses-list"),
    api_private("procurement-responses-detail", obj="response_haarlem", allowed=[*HAARLEM_STAFF, ONDERNEMER_1]),
    api_private("procurement-responses-withdraw", obj="response_haarlem", allowed=[*HAARLEM_STAFF, ONDERNEMER_1], ok=405),
    api_private("procurement-responses-shortlist", obj="response_haarlem", allowed=[*HAARLEM_STAFF, ONDERNEMER_1], ok=405),
    api_private("procurement-responses-award", obj="response_haarlem", allowed=[*HAARLEM_STAFF, ONDERNEMER_1], ok=405),
    api_list("procurement-challenges-list"),
    public("procurement-challenges-detail", obj="challenge_haarlem", note="published: public"),
    api_private("procurement-challenges-detail", obj="challenge_private", allowed=HAARLEM_STAFF),
    public("procurement-challenges-submissions", obj="challenge_haarlem", note="lists only what one may see"),
    public("procurement-challenges-scores", 405, obj="challenge_haarlem"),
    public("procurement-challenges-awards", 405, obj="challenge_haarlem"),
    public("procurement-challenges-advance", 405, obj="challenge_haarlem"),
    public("procurement-challenges-select", 405, obj="challenge_haarlem"),
    # --- figures and payments ---
    # Staff pages: each user sees their own organisation's figures (the superuser: all); another
    # organisation's figures are outside scope (404), other roles get the 403 page.
    # The region's SROI coordinator: the regional totals (no ?organisation=) and each member's.
    staff_only("procurement:figures", roles=SROI_LIST_READERS),
    Route("procurement:figures", default=403, query="?organisation=haarlem",
          expect={ANON: LOGIN, ADMIN: 200, BROKER_HAARLEM: 200, INKOPER_HAARLEM: 200, BROKER_AMERSFOORT: 404,
                  COORDINATOR_ZKIJ: 200}),
    Route("procurement:figures", default=403, query="?organisation=amersfoort",
          expect={ANON: LOGIN, ADMIN: 200, BROKER_HAARLEM: 404, INKOPER_HAARLEM: 404, BROKER_AMERSFOORT: 200,
                  COORDINATOR_ZKIJ: 404}, note="Amersfoort is not in the coordinator's region"),
    staff_only("procurement:figures-export", roles=SROI_LIST_READERS),
    Route("procurement:figures-export", default=403, query="?organisation=haarlem",
          expect={ANON: LOGIN, ADMIN: 200, BROKER_HAARLEM: 200, INKOPER_HAARLEM: 200, BROKER_AMERSFOORT: 404,
                  COORDINATOR_ZKIJ: 200}),
    # Payments and their imports are procurement's: brokers and colleagues of inkoop (a colleague
    # of another department: DEPARTMENT_ROUTES below).
    staff_only("procurement:payment-list", roles=(*BROKERS, INKOPER_HAARLEM)),
    staff_only("procurement:payment-list", roles=(*BROKERS, INKOPER_HAARLEM), query="?_export=csv",
               note="the export: the list's own gate"),
    staff_only("procurement:payment-import-create", roles=(*BROKERS, INKOPER_HAARLEM)),
    org_private("procurement:payment-import-detail", obj="payment_import_haarlem", allowed=HAARLEM_STAFF,
                expect={ONDERNEMER_1: 403, ONDERNEMER_2: 403, STUURGROEP: 403, PARTNER_HAARLEM: 403,
                        COORDINATOR_ZKIJ: 403}, note="staff pages: role first"),
    org_private("procurement:payment-import-report", obj="payment_import_haarlem", allowed=HAARLEM_STAFF,
                expect={ONDERNEMER_1: 403, ONDERNEMER_2: 403, STUURGROEP: 403, PARTNER_HAARLEM: 403,
                        COORDINATOR_ZKIJ: 403}, note="staff pages: role first"),
    org_private("procurement:payment-import-withdraw", obj="payment_import_haarlem", allowed=HAARLEM_STAFF, ok=405,
                expect={ONDERNEMER_1: 403, ONDERNEMER_2: 403, STUURGROEP: 403, PARTNER_HAARLEM: 403,
                        COORDINATOR_ZKIJ: 403}, note="POST only; staff pages: role first"),
    Route("procurement-figures-summary", default=403,
          expect={ANON: API_ANON, BROKER_HAARLEM: 200, BROKER_AMERSFOORT: 200, INKOPER_HAARLEM: 200, ADMIN: 200,
                  COORDINATOR_ZKIJ: 200}),
    Route("procurement-figures-summary", default=403, query="?organisation=haarlem",
          expect={ANON: API_ANON, BROKER_HAARLEM: 200, BROKER_AMERSFOORT: 404, INKOPER_HAARLEM: 200, ADMIN: 200,
                  COORDINATOR_ZKIJ: 200}),
    Route("procurement-figures-summary", default=403, query="?organisation=amersfoort",
          expect={ANON: API_ANON, BROKER_HAARLEM: 404, BROKER_AMERSFOORT: 200, INKOPER_HAARLEM: 404, ADMIN: 200,
                  COORDINATOR_ZKIJ: 404}),
    api_list("procurement-payments-list"),
    api_private("procurement-payments-detail", obj="payment_haarlem", allowed=HAARLEM_STAFF),
]

POSTS: list[Post] = [
    # --- rule sets ---
    acts("procurement:rule-set-new-version", "rulesetdraft_haarlem", _all_rows("procurement.RuleSet"),
         data=lambda world: {"valid_from": "2027-01-01"}, **RULE_SET_OWNER),
    acts("procurement-rule-sets-new-version", "rulesetdraft_haarlem", _all_rows("procurement.RuleSet"), ok=201,
         anonymous=API_ANON, data=lambda world: {"valid_from": "2027-01-01"}, **RULE_SET_OWNER),
    # --- contracts, realisations, contacts ---
    acts("procurement:contract-close", "contract_haarlem", _row("contract_haarlem"), allowed=[BROKER_HAARLEM],
         forbidden=[INKOPER_HAARLEM, ONDERNEMER_1, COORDINATOR_ZKIJ], prepare=_nothing_to_assess),
    acts("procurement:contract-invite", "contract_haarlem", _all_rows("procurement.ContractContact"),
         allowed=[BROKER_HAARLEM], forbidden=[INKOPER_HAARLEM, ONDERNEMER_1, COORDINATOR_ZKIJ],
         data=lambda world: {"name": "Sanne de Vries", "email": "sanne@spaarne.example"}),
    acts("procurement:realisation-create", "contract_haarlem", _all_rows("procurement.Realisation"),
         allowed=[BROKER_HAARLEM, ONDERNEMER_1], forbidden=[INKOPER_HAARLEM, COORDINATOR_ZKIJ], data=_hours_line),
    acts("procurement:realisation-update", "realisation_haarlem", _row("realisation_haarlem"),
         allowed=[BROKER_HAARLEM, ONDERNEMER_1], forbidden=[INKOPER_HAARLEM, COORDINATOR_ZKIJ],
         data=lambda world: {"date": "2025-03-01", "fte": "0.5", "months": "6", "candidate_ref": "KAND-HAA-1"}),
    acts("procurement:realisation-assess", "realisation_haarlem", _row("realisation_haarlem"),
         allowed=[BROKER_HAARLEM, COORDINATOR_ZKIJ], forbidden=[INKOPER_HAARLEM, ONDERNEMER_1],
         data=lambda world: {"decision": "verify"}, note="the region's SROI coordinator assesses lines too"),
    acts("procurement-contracts-realisations", "contract_haarlem", _all_rows("procurement.Realisation"),
         allowed=[BROKER_HAARLEM, ONDERNEMER_1], forbidden=[INKOPER_HAARLEM, COORDINATOR_ZKIJ], ok=201,
         anonymous=API_ANON, data=lambda world: {"block": "kennisuren", "date": "2025-03-01", "hours": "3"}),
    acts("procurement-contracts-close", "contract_haarlem", _row("contract_haarlem"), allowed=[BROKER_HAARLEM],
         forbidden=[INKOPER_HAARLEM, ONDERNEMER_1, COORDINATOR_ZKIJ], prepare=_nothing_to_assess, ok=200, anonymous=API_ANON),
    acts("procurement-contracts-invite", "contract_haarlem", _all_rows("procurement.ContractContact"),
         allowed=[BROKER_HAARLEM], forbidden=[INKOPER_HAARLEM, ONDERNEMER_1, COORDINATOR_ZKIJ], ok=200,
         anonymous=API_ANON, data=lambda world: {"name": "Sanne de Vries", "email": "sanne@spaarne.example"}),
    acts("procurement-realisations-verify", "realisation_haarlem", _row("realisation_haarlem"),
         allowed=[BROKER_HAARLEM, COORDINATOR_ZKIJ], forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], ok=200,
         anonymous=API_ANON),
    acts("procurement-realisations-reject", "realisation_haarlem", _row("realisation_haarlem"),
         allowed=[BROKER_HAARLEM, COORDINATOR_ZKIJ], forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], ok=200,
         anonymous=API_ANON, data=lambda world: {"reason": "Geen urenstaat"}),
    # --- matching and meetings ---
    acts("procurement:meeting-create", "contract_haarlem", lambda world: sorted(
        world["contract_haarlem"].meetings.values_list("pk", "enterprise_id", "outcome")), allowed=HAARLEM_STAFF,
         forbidden=[ONDERNEMER_1],
         data=lambda world: {"enterprise": world["enterprise_amersfoort"].pk, "date": "2025-06-01",
                             "outcome": "planned"}, expect={COORDINATOR_ZKIJ: 403}),
    # --- purchase requests and challenges ---
    acts("procurement:request-close", "request_haarlem", _row("request_haarlem"), allowed=HAARLEM_STAFF,
         forbidden=_OTHERS(HAARLEM_STAFF), data=lambda world: {"decision": "close"}),
    acts("procurement:response-withdraw", "response_haarlem", _row("response_haarlem"), allowed=[ONDERNEMER_1],
         forbidden=HAARLEM_STAFF),
    acts("procurement:response-shortlist", "response_haarlem", _row("response_haarlem"), allowed=HAARLEM_STAFF,
         forbidden=[ONDERNEMER_1], data=lambda world: {"shortlisted": "true"}),
    acts("procurement:response-award", "response_haarlem", _row("response_haarlem"), allowed=HAARLEM_STAFF,
         forbidden=[ONDERNEMER_1]),
    acts("procurement:challenge-advance", "challenge_haarlem", _row("challenge_haarlem"), allowed=[BROKER_HAARLEM],
         forbidden=_OTHERS([BROKER_HAARLEM])),
    acts("procurement:challenge-juror", "challenge_haarlem", _all_rows("procurement.Juror"), allowed=[BROKER_HAARLEM],
         forbidden=_OTHERS([BROKER_HAARLEM]), data=lambda world: {"user": world.actors[BROKER_HAARLEM].pk}),
    acts("procurement:challenge-juror-remove", "challenge_haarlem", _all_rows("procurement.Juror"),
         allowed=[BROKER_HAARLEM], forbidden=_OTHERS([BROKER_HAARLEM]),
         data=lambda world: {"juror": world["challenge_haarlem"].jurors.get().pk}),
    acts("procurement:challenge-award", "challenge_haarlem", _all_rows("procurement.Award"), allowed=[BROKER_HAARLEM],
         forbidden=_OTHERS([BROKER_HAARLEM]), prepare=_final_with_finalist,
         data=lambda world: {"submission": world["submission_haarlem"].pk, "amount": "1000.00"}),
    acts("procurement:submission-score", "submission_haarlem", _all_rows("procurement.Score"),
         allowed=[INKOPER_HAARLEM], forbidden=[BROKER_HAARLEM, ONDERNEMER_1], prepare=_phase("challenge_haarlem"),
         data=lambda world: {f"criterion_{c.pk}": "7" for c in world["challenge_haarlem"].criteria.all()},
         note="jurors score; the superuser may too"),
    acts("procurement:submission-select", "submission_haarlem", _row("submission_haarlem"), allowed=[BROKER_HAARLEM],
         forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], prepare=_phase("challenge_haarlem"),
         data=lambda world: {"selected": "true"}),
    acts("procurement-requests-close", "request_haarlem", _row("request_haarlem"), allowed=HAARLEM_STAFF, ok=200,
         anonymous=API_ANON, forbidden=_OTHERS(HAARLEM_STAFF), data=lambda world: {"decision": "close"}),
    Post("procurement-requests-responses", _all_rows("procurement.PurchaseResponse"), obj="request_haarlem",
         default=403, expect={ANON: API_ANON, ONDERNEMER_2: 201, ONDERNEMER_1: 400, ADMIN: 400},
         prepare=_admit("enterprise_amersfoort"),
         data=lambda world: {"enterprise": world["enterprise_amersfoort"].pk, "quote_amount": "1500.00"},
         note="an entrepreneur responds for an admitted enterprise they represent; the others' enterprise is "
              "a field error (400); staff have no respond grant (403)"),
    acts("procurement-responses-withdraw", "response_haarlem", _row("response_haarlem"), allowed=[ONDERNEMER_1],
         ok=200, anonymous=API_ANON, forbidden=HAARLEM_STAFF),
    acts("procurement-responses-shortlist", "response_haarlem", _row("response_haarlem"), allowed=HAARLEM_STAFF,
         ok=200, anonymous=API_ANON, forbidden=[ONDERNEMER_1], data=lambda world: {"shortlisted": True}),
    acts("procurement-responses-award", "response_haarlem", _row("response_haarlem"), allowed=HAARLEM_STAFF,
         ok=200, anonymous=API_ANON, forbidden=[ONDERNEMER_1]),
    Post("procurement-challenges-submissions", _all_rows("procurement.Submission"), obj="challenge_haarlem",
         default=403, expect={ANON: API_ANON, ONDERNEMER_2: 201, ONDERNEMER_1: 400, ADMIN: 400},
         data=lambda world: {"enterprise": world["enterprise_amersfoort"].pk, "title": "Plan", "summary": "Zo"},
         note="entrepreneurs submit for an enterprise they represent (ondernemer_1's is another's: 400)"),
    acts("procurement-challenges-scores", "challenge_haarlem", _all_rows("procurement.Score"),
         allowed=[INKOPER_HAARLEM], ok=200, anonymous=API_ANON, forbidden=_OTHERS([INKOPER_HAARLEM]),
         prepare=_phase("challenge_haarlem"),
         data=lambda world: {"submission": world["submission_haarlem"].pk, "scores": [
             {"criterion": c.pk, "score": 8} for c in world["challenge_haarlem"].criteria.all()]}),
    acts("procurement-challenges-awards", "challenge_haarlem", _all_rows("procurement.Award"),
         allowed=[BROKER_HAARLEM], ok=201, anonymous=API_ANON, forbidden=_OTHERS([BROKER_HAARLEM]),
         prepare=_final_with_finalist,
         data=lambda world: {"submission": world["submission_haarlem"].pk, "amount": "1000.00"}),
    acts("procurement-challenges-select", "challenge_haarlem", _row("submission_haarlem"), allowed=[BROKER_HAARLEM],
         forbidden=_OTHERS([BROKER_HAARLEM]), ok=200, anonymous=API_ANON, prepare=_phase("challenge_haarlem"),
         data=lambda world: {"submission": world["submission_haarlem"].pk, "selected": True}),
    acts("procurement-challenges-advance", "challenge_haarlem", _row("challenge_haarlem"), allowed=[BROKER_HAARLEM],
         ok=200, anonymous=API_ANON, forbidden=_OTHERS([BROKER_HAARLEM])),
    # --- figures and payments ---
    acts("procurement:payment-import-withdraw", "payment_import_haarlem", _all_rows("procurement.SupplierPayment"),
         allowed=HAARLEM_STAFF, expect={ONDERNEMER_1: 403, ONDERNEMER_2: 403, STUURGROEP: 403, PARTNER_HAARLEM: 403,
                                        COORDINATOR_ZKIJ: 403},
         note="the import's payments out of the figures; staff pages: role first"),
    Post("procurement:payment-import-create", _all_rows("procurement.PaymentImport"), default=403,
         expect={ANON: LOGIN, ADMIN: 302, BROKER_HAARLEM: 302, INKOPER_HAARLEM: 302, BROKER_AMERSFOORT: 200},
         no_effect=(BROKER_AMERSFOORT,), data=_payments_upload,
         note="an upload under Haarlem: its broker and inkoop colleague; Amersfoort's broker may not choose "
              "Haarlem (the form again with a field error, nothing stored); other roles get the 403 page"),
]


# --- a colleague of another department ---------------------------------------------------------
# The matrix's colleague works at inkoop. ``vastgoed_haarlem`` (procurement_world.py) is a colleague
# of Haarlem's real-estate department: what procurement keeps to its department is walked as both
# colleagues (tests/access/test_departments.py). The payments pages are not for vastgoed (the 403
# page: role and department first, as for the other roles, also for Amersfoort's import); a payment
# in the API is outside their scope (404) and the API list holds none for them; the figures pages
# open on social return only (their content: tests/procurement/test_payments_department.py).
VASTGOED_HAARLEM = "vastgoed_haarlem"
DEPARTMENT_ACTORS = (INKOPER_HAARLEM, VASTGOED_HAARLEM)


def _colleagues(inkoop: int, vastgoed: int) -> dict:
    return {INKOPER_HAARLEM: inkoop, VASTGOED_HAARLEM: vastgoed}


DEPARTMENT_ROUTES: list[Route] = [
    Route("procurement:payment-list", expect=_colleagues(200, 403)),
    Route("procurement:payment-list", query="?_export=csv", expect=_colleagues(200, 403)),
    Route("procurement:payment-import-create", expect=_colleagues(200, 403)),
    Route("procurement:payment-import-detail", obj="payment_import_haarlem", expect=_colleagues(200, 403)),
    Route("procurement:payment-import-report", obj="payment_import_haarlem", expect=_colleagues(200, 403)),
    Route("procurement:payment-import-detail", obj="payment_import_amersfoort", expect=_colleagues(404, 403)),
    Route("procurement:payment-import-withdraw", obj="payment_import_haarlem", expect=_colleagues(405, 403)),
    Route("procurement-payments-list", expect=_colleagues(200, 200), note="rows: test_departments.py"),
    Route("procurement-payments-detail", obj="payment_haarlem", expect=_colleagues(200, 404)),
    Route("procurement-payments-detail", obj="payment_amersfoort", expect=_colleagues(404, 404)),
    Route("procurement:figures", expect=_colleagues(200, 200)),
    Route("procurement:figures", query="?organisation=haarlem", expect=_colleagues(200, 200)),
    Route("procurement:figures-export", query="?organisation=haarlem", expect=_colleagues(200, 200)),
    Route("procurement-figures-summary", query="?organisation=haarlem", expect=_colleagues(200, 200)),
    # Monitoring values computed from the payments (``Indicator.department_rows``; monitoring_world.py gives
    # Haarlem's snapshot one): the pages open for both, vastgoed reads "niet beschikbaar voor uw afdeling"
    # (tests/monitoring/test_payments_department.py); a draft report holding such a value opens for vastgoed
    # as its department copy, which says so in the value's place; a published one is as it was.
    Route("monitoring:dashboard", query="?organisation=haarlem", expect=_colleagues(200, 200)),
    Route("monitoring-snapshot-detail", obj="snapshot", query="?organisation=haarlem", expect=_colleagues(200, 200)),
    Route("monitoring:report-detail", obj="report_haarlem", expect=_colleagues(200, 200)),
    Route("monitoring:report-file", obj="report_haarlem", expect=_colleagues(200, 200)),
    Route("monitoring-report-file", obj="report_haarlem", expect=_colleagues(200, 200)),
    Route("monitoring:report-file", obj="report_public", expect=_colleagues(200, 200)),
    Route("monitoring-report-file", obj="report_public", expect=_colleagues(200, 200)),
]

DEPARTMENT_POSTS: list[Post] = [
    Post("procurement:payment-import-withdraw", _all_rows("procurement.SupplierPayment"), obj="payment_import_haarlem",
         expect=_colleagues(302, 403)),
    Post("procurement:payment-import-create", _all_rows("procurement.PaymentImport"),
         expect=_colleagues(302, 403), data=_payments_upload),
]
