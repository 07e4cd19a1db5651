"""Permission matrix entries of the broker team workspace: toolbox, answers, team, spending and the action agenda (issue 13).
Joined into ROUTES and POSTS at the end of ``routes.py``.

The toolbox pages are for municipal staff (brokers and colleagues: 403 for other roles); each works
on their own organisation's answers (the superuser: the first organisation). Brokers answer, reset
and print; colleagues read, comment and print. Team, agenda and spending objects follow their
policies: the organisation's brokers change them, its colleagues read team and agenda (not
spending); everyone else finds nothing (404). The toolbox content (modules) is public."""

from .routes import (  # noqa: F401
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

TOOLBOX_STAFF = (*BROKERS, INKOPER_HAARLEM)


def _question(world):
    return {"pk": world["toolbox_question"].pk}


def _action_link(world):
    """Haarlem's action linked to Haarlem's enterprise, made on first use: the world has no action
    links (``toolbox_world`` builds the actions). Out-of-scope probes of the unlink route are in
    ``tests/brokers/test_review5_workspace.py``."""
    from brokers.models import ActionLink

    link, _created = ActionLink.objects.get_or_create(
        action=world["action_haarlem"], link_model="enterprises.enterprise", link_id=world["enterprise_haarlem"].pk)
    return {"pk": link.pk}


def toolbox_page(name, ok=200, **kw) -> Route:
    """A toolbox page: staff of any municipality (their own organisation's answers), 403 for other roles."""
    return staff_only(name, roles=TOOLBOX_STAFF, ok=ok, **kw)


ROUTES: list[Route] = [
    # --- toolbox ---
    toolbox_page("brokers:toolbox"),
    toolbox_page("brokers:toolbox-module", kwargs=lambda world: {"number": 6}),
    toolbox_page("brokers:toolbox-history", kwargs=_question, note="the versions of the user's own organisation"),
    toolbox_page("brokers:toolbox-answer", ok=405, kwargs=_question, note="POST only"),
    toolbox_page("brokers:toolbox-answer-reset", ok=405, kwargs=_question, note="POST only"),
    toolbox_page("brokers:toolbox-comment", ok=405, kwargs=_question, note="POST only"),
    toolbox_page("brokers:toolbox-print", ok=405, note="POST only: starts a background job"),
    public("toolbox-module-list", note="toolbox content is public"),
    public("toolbox-module-detail", kwargs=lambda world: {"number": 1}),
    api_list("toolbox-answer-list"),
    api_private("toolbox-answer-detail", obj="answer_haarlem", allowed=HAARLEM_STAFF),
    # --- team and partners ---
    org_private("brokers:team-diagram", obj="team_haarlem", allowed=HAARLEM_STAFF),
    staff_only("brokers:member-create", roles=BROKERS),
    org_private("brokers:member-update", obj="member_haarlem", forbidden=[INKOPER_HAARLEM]),
    org_private("brokers:member-delete", obj="member_haarlem", forbidden=[INKOPER_HAARLEM]),
    staff_only("brokers:partner-create", roles=BROKERS),
    org_private("brokers:partner-delete", obj="teampartner_haarlem", forbidden=[INKOPER_HAARLEM]),
    api_list("brokers-team-list"),
    api_private("brokers-team-detail", obj="team_haarlem", allowed=HAARLEM_STAFF, forbidden=[]),
    # --- budget and spending ---
    staff_only("brokers:budget-overview", roles=BROKERS, note="the broker's own budget lines and spending"),
    staff_only("brokers:spending-list", roles=BROKERS, note="403 for roles without a budget"),
    staff_only("brokers:spending-create", roles=BROKERS),
    org_private("brokers:spending-detail", obj="spending_haarlem"),
    org_private("brokers:spending-update", obj="spending_haarlem"),
    org_private("brokers:spending-delete", obj="spending_haarlem"),
    api_list("brokers-spending-list"),
    api_private("brokers-spending-detail", obj="spending_haarlem"),
    # --- action agenda ---
    staff_only("brokers:agenda-list", roles=TOOLBOX_STAFF, note="403 for roles without the agenda"),
    staff_only("brokers:agenda-create", roles=BROKERS),
    org_private("brokers:agenda-detail", obj="agenda_haarlem", allowed=HAARLEM_STAFF),
    org_private("brokers:agenda-update", obj="agenda_haarlem", forbidden=[INKOPER_HAARLEM]),
    staff_only("brokers:line-create", roles=BROKERS),
    staff_only("brokers:action-list", roles=TOOLBOX_STAFF, note="403 for roles without the agenda"),
    staff_only("brokers:action-create", roles=BROKERS),
    org_private("brokers:action-detail", obj="action_haarlem", allowed=HAARLEM_STAFF),
    org_private("brokers:action-update", obj="action_haarlem", forbidden=[INKOPER_HAARLEM]),
    org_private("brokers:action-delete", obj="action_haarlem", forbidden=[INKOPER_HAARLEM]),
    staff_only("brokers:action-link-create", roles=BROKERS),
    org_private("brokers:action-link-delete", kwargs=_action_link, forbidden=[INKOPER_HAARLEM],
                note="colleagues read the action and its links; only its brokers unlink"),
    staff_only("brokers:link-search", roles=BROKERS, note="results scoped: only objects the user may see"),
    api_list("brokers-action-list"),
    api_private("brokers-action-detail", obj="action_haarlem", allowed=HAARLEM_STAFF),
]

# Other roles: the page is not for them (403) and nothing changes.
NOT_STAFF = dict.fromkeys((ONDERNEMER_1, ONDERNEMER_2, STUURGROEP, PARTNER_HAARLEM, COORDINATOR_ZKIJ), 403)

POSTS: list[Post] = [
    Post("brokers:toolbox-answer", _all_rows("brokers.AnswerVersion"), kwargs=_question, default=302,
         expect={ANON: LOGIN, INKOPER_HAARLEM: 403, **NOT_STAFF},
         data=lambda world: {"value": "Nieuwe visie", "submit": "save"},
         note="each broker answers for their own organisation; colleagues read"),
    Post("brokers:toolbox-answer-reset", _all_rows("brokers.AnswerVersion"), kwargs=_question, default=302,
         expect={ANON: LOGIN, INKOPER_HAARLEM: 403, **NOT_STAFF},
         note="the world's answers are drafts: reset returns them to the saved value"),
    Post("brokers:toolbox-comment", _all_rows("brokers.AnswerComment"), kwargs=_question, default=302,
         expect={ANON: LOGIN, **NOT_STAFF}, data=lambda world: {"body": "Kijk jij mee?"},
         note="colleagues comment too"),
    Post("brokers:toolbox-print", _all_rows("impactportal.Job"), default=302, expect={ANON: LOGIN, **NOT_STAFF},
         data=lambda world: {"module": "6"}, note="a background job makes the PDF"),
]
