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


# --- purchase requests and challenges: helpers ---
def _row(key):
    from . import routes

    return routes._row(key)


def _all_rows(model_path):
    from . import routes

    return routes._all_rows(model_path)


def _OTHERS(allowed):  # noqa: N802 — reads as a constant in the tables above
    """Every signed-in actor but ``allowed`` and the superuser: those who see the object but may not act."""
    return [a for a in SIGNED_IN if a not in allowed and a != ADMIN]


def _phase(key, phase="selection"):
    def prepare(world):
        type(world[key]).objects.filter(pk=world[key].pk).update(phase=phase)

    return prepare


def _admit(key):
    def prepare(world):
        type(world[key]).objects.filter(pk=world[key].pk).update(admission_status="admitted")

    return prepare


ROUTES: list[Route] = [
    # --- rule sets ---
    # --- contracts, realisations, contacts ---
    # --- matching and meetings ---
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
    # --- figures and payments ---
]

POSTS: list[Post] = [
    # --- rule sets ---
    # --- contracts, realisations, contacts ---
    # --- matching and meetings ---
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
    acts("procurement:challenge-award", "challenge_haarlem", _all_rows("procurement.Award"), allowed=[BROKER_HAARLEM],
         forbidden=_OTHERS([BROKER_HAARLEM]), prepare=_phase("challenge_haarlem", "final"),
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
         default=403, expect={ONDERNEMER_2: 201, ONDERNEMER_1: 400, ADMIN: 400},
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
         default=403, expect={ONDERNEMER_2: 201, ONDERNEMER_1: 400, ADMIN: 400},
         data=lambda world: {"enterprise": world["enterprise_amersfoort"].pk, "title": "Plan", "summary": "Zo"},
         note="entrepreneurs submit for an enterprise they represent (ondernemer_1's is another's: 400)"),
    acts("procurement-challenges-scores", "challenge_haarlem", _all_rows("procurement.Score"),
         allowed=[INKOPER_HAARLEM], ok=200, anonymous=API_ANON, forbidden=_OTHERS([INKOPER_HAARLEM]),
         prepare=_phase("challenge_haarlem"),
         data=lambda world: {"submission": world["submission_haarlem"].pk, "scores": [
             {"criterion": c.pk, "score": 8} for c in world["challenge_haarlem"].criteria.all()]}),
    acts("procurement-challenges-awards", "challenge_haarlem", _all_rows("procurement.Award"),
         allowed=[BROKER_HAARLEM], ok=201, anonymous=API_ANON, forbidden=_OTHERS([BROKER_HAARLEM]),
         prepare=_phase("challenge_haarlem", "final"),
         data=lambda world: {"submission": world["submission_haarlem"].pk, "amount": "1000.00"}),
    acts("procurement-challenges-advance", "challenge_haarlem", _row("challenge_haarlem"), allowed=[BROKER_HAARLEM],
         ok=200, anonymous=API_ANON, forbidden=_OTHERS([BROKER_HAARLEM])),
    # --- figures and payments ---
]
