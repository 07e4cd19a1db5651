"""The permission matrix: ONE table with the expected GET status of every route for every actor.

``tests/access/test_matrix.py`` walks the URL configuration (UI and API router) and GETs every
named route as every actor below; a route that exists but is not declared here FAILS, and so
does a declaration whose route no longer exists. ``admin:*`` routes are left out.

How to add a route (one entry per URL name; DRF router names are ``<basename>-list`` and
``<basename>-detail``, e.g. ``brokerteam-list``)::

    # a page only brokers of the owning organisation (and the superuser) may see
    org_private("brokers:case-detail", obj="case_haarlem", allowed=[BROKER_HAARLEM]),
    # a login-only page that every signed-in user may open
    login_required("brokers:case-list"),
    # anything else: spell out the table; actors left out get ``default``
    Route("brokers:case-export", obj="case_haarlem", default=404,
          expect={ANON: 302, BROKER_HAARLEM: 200, ADMIN: 200}),

``obj`` names an object of the fixture world (``tests/access/conftest.py``; add the objects of a
new model to ``WORLD_BUILDERS`` there, one ``<thing>_haarlem`` and one ``<thing>_amersfoort``).
The URL kwargs are taken from that object by name (``pk``, ``slug``, …); pass ``kwargs=`` (a
function ``world -> dict``) when they are something else. Detail, update and delete routes of a
Haarlem object should use the Haarlem object: the matrix then also probes the Amersfoort twin as
Haarlem's broker (404 on GET, and on PATCH/DELETE for API details, POST for UI update/delete).

Action routes (405 on GET, and API @actions that take POST) also need an entry in ``POSTS`` at the
end of this file: the expected status of a minimal valid POST per actor (see ``Post``/``acts``).
Where an object's visibility differs between a public and a private variant (a showcase
certificate vs. a private one), declare both objects (``cert_public`` next to ``cert_haarlem``).

Conventions: a UI page behind login answers 302 (to the login page) to anonymous visitors; an
object outside a user's scope answers 404; an object the user may see but not change 403; a
scoped API list answers 200 with only the rows the user may see (checked by
``test_api_lists_never_leak``). ``API_ANON`` is the status DRF gives anonymous callers of an
authenticated-only endpoint (401 with a ``WWW-Authenticate: Token`` challenge).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

# --- actors -------------------------------------------------------------------------------
ANON = "anonymous"
BROKER_HAARLEM = "broker_haarlem"
BROKER_AMERSFOORT = "broker_amersfoort"
INKOPER_HAARLEM = "inkoper_haarlem"  # colleague, department inkoop, Gemeente Haarlem
ONDERNEMER_1 = "ondernemer_1"  # entrepreneur of enterprise_haarlem
ONDERNEMER_2 = "ondernemer_2"  # entrepreneur of enterprise_amersfoort
STUURGROEP = "stuurgroep"  # steering member of the programme (Haarlem participates)
ADMIN = "admin"  # superuser
# Staff of a network partner (Kennemer Impact Helpdesk) running Gemeente Haarlem's entrepreneur desk:
# Haarlem's helpdesk cases (notes too), contact moments and the register; never budget, mandate, teams,
# SROI or procurement.
PARTNER_HAARLEM = "partner_haarlem"
# Regional SROI coordinator of the world's region (Zuid-Kennemerland en IJmond; Haarlem is a member):
# the members' SROI contracts and realisations (read, verify, reject), the region's rule sets, the
# regional figures; nothing else.
COORDINATOR_ZKIJ = "coordinator_zkij"

ACTORS = (ANON, BROKER_HAARLEM, BROKER_AMERSFOORT, INKOPER_HAARLEM, ONDERNEMER_1, ONDERNEMER_2, STUURGROEP, ADMIN,
          PARTNER_HAARLEM, COORDINATOR_ZKIJ)
SIGNED_IN = ACTORS[1:]
BROKERS = (BROKER_HAARLEM, BROKER_AMERSFOORT)
HAARLEM_STAFF = (BROKER_HAARLEM, INKOPER_HAARLEM)
# Everyone who reads the shared register like a broker (network partners included).
REGISTER_READERS = (BROKER_HAARLEM, BROKER_AMERSFOORT, INKOPER_HAARLEM, PARTNER_HAARLEM)

# Who reads an enterprise's contact persons (names, e-mail addresses, phone numbers: personal data),
# per object of the world. The register is shared, its people are not: the enterprise's own
# entrepreneurs and the brokers, colleagues and network partner of its municipality (and the
# superuser). Everyone else who opens the enterprise reads that they are for its municipality
# (``test_contact_persons.py``). The published showcase enterprise's contact is the public variant:
# a public enterprise does not make its people public.
CONTACT_PERSONS = {
    "contactperson_haarlem": frozenset({BROKER_HAARLEM, INKOPER_HAARLEM, PARTNER_HAARLEM, ONDERNEMER_1, ADMIN}),
    "contactperson_amersfoort": frozenset({BROKER_AMERSFOORT, ONDERNEMER_2, ADMIN}),
    "contactperson_public": frozenset({BROKER_HAARLEM, INKOPER_HAARLEM, PARTNER_HAARLEM, ADMIN}),
}


def reads_contact_persons(key: str, actor: str) -> bool:
    """Whether ``actor`` reads the contact person ``key`` of the world (``CONTACT_PERSONS``); a
    colleague of Haarlem of another department reads what the inkoop colleague reads."""
    if actor == "vastgoed_haarlem":
        actor = INKOPER_HAARLEM
    return actor in CONTACT_PERSONS[key]


# A helpdesk case about an enterprise put to an organisation other than its municipality: while the
# case is open (new, in progress, referred, waiting), the staff handling it there read the enterprise's
# contact persons too (its brokers and network partner, its colleagues of the department the case was
# referred to); a resolved or closed case, or a case at another organisation, gives nothing. Per
# variant: the contact person of the world, its enterprise's cases as (organisation, status, referred
# department) ("elsewhere": a third municipality the test makes), and who read it beyond
# ``CONTACT_PERSONS`` (``vastgoed_haarlem`` named for itself). Checked by ``test_contact_persons.py``.
CASE_CONTACT_PERSONS = {
    "new_at_amersfoort": ("contactperson_haarlem", (("amersfoort", "new", ""),), {BROKER_AMERSFOORT}),
    "waiting_at_amersfoort": ("contactperson_public", (("amersfoort", "waiting", ""),), {BROKER_AMERSFOORT}),
    "referred_to_inkoop_at_haarlem": ("contactperson_amersfoort", (("haarlem", "referred", "inkoop"),),
                                      {BROKER_HAARLEM, PARTNER_HAARLEM, INKOPER_HAARLEM}),
    "referred_to_vastgoed_at_haarlem": ("contactperson_amersfoort", (("haarlem", "in_progress", "vastgoed"),),
                                        {BROKER_HAARLEM, PARTNER_HAARLEM, "vastgoed_haarlem"}),
    "closed_at_haarlem": ("contactperson_amersfoort", (("haarlem", "closed", "inkoop"),), set()),
    "resolved_at_amersfoort": ("contactperson_public", (("amersfoort", "resolved", ""),), set()),
    "open_elsewhere": ("contactperson_haarlem", (("elsewhere", "in_progress", ""),), set()),
    "closed_at_amersfoort_open_elsewhere": ("contactperson_haarlem",
                                            (("amersfoort", "closed", ""), ("elsewhere", "new", "")), set()),
    "closed_at_amersfoort_open_at_home": ("contactperson_haarlem",
                                          (("amersfoort", "closed", ""), ("haarlem", "new", "")), set()),
}


LOGIN = 302  # UI page behind login, anonymous visitor is redirected to the login page
API_ANON = 401  # API endpoint that needs authentication, anonymous caller (with WWW-Authenticate: Token)


@dataclass(frozen=True)
class Route:
    """Expected GET status per actor for one URL name.

    ``expect`` maps actor → status; actors missing from it get ``default``. ``obj`` is the key of
    an object in the fixture world whose attributes fill the URL kwargs; ``kwargs`` (world → dict)
    overrides that. ``query`` is appended to the URL (e.g. ``"?next=/"``)."""

    name: str
    expect: dict[str, int] = field(default_factory=dict)
    default: int | None = None
    obj: str | None = None
    kwargs: Callable[[dict], dict] | None = None
    query: str = ""
    note: str = ""

    def status_for(self, actor: str) -> int:
        if actor in self.expect:
            return self.expect[actor]
        if self.default is None:
            raise AssertionError(f"{self.name}: no expected status for {actor!r} and no default")
        return self.default


# --- helpers for the common patterns ------------------------------------------------------


def public(name: str, status: int = 200, **kw) -> Route:
    """Everyone, anonymous included, gets ``status``."""
    return Route(name, default=status, **kw)


def login_required(name: str, status: int = 200, anonymous: int = LOGIN, expect: dict | None = None, **kw) -> Route:
    """Every signed-in actor gets ``status`` (override per actor in ``expect``); anonymous gets a
    redirect to the login page (or ``anonymous``)."""
    return Route(name, default=status, expect={ANON: anonymous, **(expect or {})}, **kw)


def org_private(
    name: str,
    obj: str | None = None,
    allowed: Iterable[str] = (BROKER_HAARLEM,),
    forbidden: Iterable[str] = (),
    ok: int = 200,
    denied: int = 404,
    anonymous: int = LOGIN,
    expect: dict | None = None,
    **kw,
) -> Route:
    """An object (or page) of one organisation: ``allowed`` actors and the superuser get ``ok``,
    ``forbidden`` ones (may see, may not change) 403, everyone else ``denied`` (404: outside
    scope), anonymous ``anonymous``."""
    table = {ANON: anonymous, ADMIN: ok}
    table.update(dict.fromkeys(allowed, ok))
    table.update(dict.fromkeys(forbidden, 403))
    table.update(expect or {})
    return Route(name, obj=obj, default=denied, expect=table, **kw)


def api_private(name: str, obj: str, allowed: Iterable[str] = (BROKER_HAARLEM,), forbidden: Iterable[str] = (),
                **kw) -> Route:
    """An API detail of a private object: outside scope is 404 for everyone, anonymous too."""
    return org_private(name, obj=obj, allowed=allowed, forbidden=forbidden, anonymous=404, **kw)


def api_list(name: str, **kw) -> Route:
    """A scoped API list: 200 for everyone (anonymous included); the rows are scoped."""
    return Route(name, default=200, **kw)


def staff_only(name: str, roles: Iterable[str], ok: int = 200, denied: int = 403, **kw) -> Route:
    """A page only some roles may open (e.g. a create form needs an owner to create under):
    listed actors and the superuser get ``ok``, other signed-in actors ``denied``."""
    return Route(name, default=denied, expect={ANON: LOGIN, ADMIN: ok, **dict.fromkeys(roles, ok)}, **kw)


# --- THE TABLE ----------------------------------------------------------------------------

ROUTES: list[Route] = [
    # --- project pages --------------------------------------------------------------------
    public("home"),
    public("healthz", note="the load balancer's probe: no login, no session (tests/core/test_deployment.py)"),
    login_required("dashboard"),
    login_required("notifications"),
    login_required("notifications-read", status=405, note="POST only"),
    # A job is visible to the user who started it and to the brokers of its organisation.
    org_private("job-detail", obj="job_haarlem", allowed=[BROKER_HAARLEM, INKOPER_HAARLEM],
                note="job_haarlem was started by inkoper_haarlem"),
    public("set_language", status=302, note="GET just redirects back; only POST switches"),
    # The privacy and accessibility statements and security.txt (RFC 9116): public, no login.
    public("privacy"),
    public("accessibility"),
    public("security-txt"),
    # --- accounts (django.contrib.auth.urls) ----------------------------------------------
    Route("login", default=302, expect={ANON: 200}, note="signed-in users are sent on"),
    public("logout", status=405, note="logout is POST only"),
    login_required("password_change"),
    login_required("password_change_done"),
    # Single sign-on (impactportal.accounts.oidc): public, and 404 while it is not configured (the
    # matrix's settings); configured, tested in tests/security/test_oidc.py.
    public("oidc-authenticate", status=404, note="404 unless PORTAL_OIDC_* configure single sign-on"),
    public("oidc-callback", status=404, note="404 unless PORTAL_OIDC_* configure single sign-on"),
    # The IdP's back-channel logout: a server-to-server POST (CSRF-exempt, no session, a signed logout
    # token), public like the callback; configured, GET answers 405 (tests/security/test_oidc_backchannel.py).
    public("oidc-backchannel-logout", status=404, note="404 unless PORTAL_OIDC_* configure single sign-on"),
    # The account page and two-factor authentication (impactportal.accounts.two_factor). The world's
    # sessions owe no code (PORTAL_2FA_REQUIRED off, no devices): the code page sends them on, the
    # backup codes page has nothing to show (it shows new codes once, then sends to the account page).
    login_required("account"),
    login_required("two-factor-setup"),
    login_required("two-factor-verify", status=302, note="nothing to ask: sent on to the dashboard"),
    login_required("two-factor-backup-codes", status=302, note="no new codes to show: to the account page"),
    login_required("two-factor-disable", status=405, note="POST only"),
    login_required("account-language", status=405, note="POST only: the language of the user's own mails"),
    login_required("account-api-token", status=405, note="POST only: a new API key, shown once on the account page"),
    login_required("account-api-token-revoke", status=405, note="POST only: ends the user's API key"),
    public("password_reset"),
    public("password_reset_done"),
    public("password_reset_confirm", kwargs=lambda world: {"uidb64": "MQ", "token": "bad-token"},
           note="invalid link page"),
    public("password_reset_complete"),
    # --- enterprises ----------------------------------------------------------------------
    public("etalage"),
    public("enterprises:showcase-detail", obj="enterprise_published"),
    # The register is for staff; entrepreneurs are sent to "Mijn onderneming"; a steering member
    # gets the 403 page that says the register is not for their role (issue 8 item 14).
    Route("enterprises:register", default=302, expect={BROKER_HAARLEM: 200, BROKER_AMERSFOORT: 200,
                                                         INKOPER_HAARLEM: 200, ADMIN: 200, STUURGROEP: 403,
                                                         PARTNER_HAARLEM: 200, COORDINATOR_ZKIJ: 403}),
    staff_only("enterprises:enterprise-create", roles=BROKERS),
    staff_only("enterprises:import-create", roles=BROKERS),
    org_private("enterprises:import-detail", obj="import_haarlem"),
    org_private("enterprises:import-report", obj="import_haarlem"),
    # enterprise_haarlem: every broker and colleague reads the register; its brokers and
    # ondernemer_1 change it; other brokers and colleagues may read, not change (403).
    # The network partner running Haarlem's desk reads the register like a broker (403 on changes
    # and decisions: those stay with the municipality's brokers) and records contact moments.
    org_private("enterprises:detail", obj="enterprise_haarlem",
                allowed=[BROKER_HAARLEM, BROKER_AMERSFOORT, INKOPER_HAARLEM, ONDERNEMER_1, PARTNER_HAARLEM]),
    org_private("enterprises:enterprise-update", obj="enterprise_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1],
                forbidden=[BROKER_AMERSFOORT, INKOPER_HAARLEM, PARTNER_HAARLEM]),
    org_private("enterprises:enterprise-delete", obj="enterprise_haarlem", allowed=[BROKER_HAARLEM],
                forbidden=[BROKER_AMERSFOORT, INKOPER_HAARLEM, ONDERNEMER_1, PARTNER_HAARLEM],
                note="brokers of the municipality only"),
    org_private("enterprises:offerings", obj="enterprise_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1],
                forbidden=[BROKER_AMERSFOORT, INKOPER_HAARLEM, PARTNER_HAARLEM]),
    org_private("enterprises:contact-persons", obj="enterprise_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1],
                forbidden=[BROKER_AMERSFOORT, INKOPER_HAARLEM, PARTNER_HAARLEM]),
    org_private("enterprises:certification-create", obj="enterprise_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1],
                forbidden=[BROKER_AMERSFOORT, INKOPER_HAARLEM, PARTNER_HAARLEM]),
    org_private("enterprises:apply", obj="enterprise_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1], ok=405,
                forbidden=[BROKER_AMERSFOORT, INKOPER_HAARLEM, PARTNER_HAARLEM], note="POST only"),
    org_private("enterprises:admission", obj="enterprise_haarlem", allowed=[BROKER_HAARLEM], ok=405,
                forbidden=[BROKER_AMERSFOORT, INKOPER_HAARLEM, ONDERNEMER_1, PARTNER_HAARLEM],
                note="POST only; actions look the object and the grant up first: 403 for the entrepreneur"),
    org_private("enterprises:definition-check", obj="enterprise_haarlem", allowed=BROKERS,
                forbidden=[INKOPER_HAARLEM, ONDERNEMER_1, PARTNER_HAARLEM],
                note="each broker records their organisation's check (the partner: not its assessment)"),
    org_private("enterprises:contact-create", obj="enterprise_haarlem", allowed=[*BROKERS, PARTNER_HAARLEM],
                forbidden=[INKOPER_HAARLEM, ONDERNEMER_1],
                note="recorded under the broker's own organisation (the partner: the municipality it serves)"),
    login_required("enterprises:certification-list"),
    org_private("enterprises:certification-detail", obj="cert_haarlem",
                allowed=[BROKER_HAARLEM, BROKER_AMERSFOORT, INKOPER_HAARLEM, ONDERNEMER_1, PARTNER_HAARLEM]),
    org_private("enterprises:certification-update", obj="cert_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1],
                forbidden=[BROKER_AMERSFOORT, INKOPER_HAARLEM, PARTNER_HAARLEM]),
    org_private("enterprises:certification-delete", obj="cert_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1],
                forbidden=[BROKER_AMERSFOORT, INKOPER_HAARLEM, PARTNER_HAARLEM]),
    org_private("enterprises:certification-evidence", obj="cert_haarlem", allowed=[BROKER_HAARLEM, ONDERNEMER_1],
                forbidden=[BROKER_AMERSFOORT, INKOPER_HAARLEM, PARTNER_HAARLEM],
                note="evidence belongs to the enterprise and its municipality's brokers (issue 15 item 9)"),
    # The public variant (issue 15 item 2): a verified certificate of the published, admitted
    # showcase enterprise of Haarlem. Everyone signed in sees its page (scheme, number, validity,
    # status only); its evidence is for the enterprise's own entrepreneurs (see
    # test_public_variants.py), Haarlem's brokers and the superuser: 403 for everyone else who sees it.
    login_required("enterprises:certification-detail", obj="cert_public"),
    org_private("enterprises:certification-evidence", obj="cert_public", allowed=[BROKER_HAARLEM],
                forbidden=[BROKER_AMERSFOORT, INKOPER_HAARLEM, ONDERNEMER_1, ONDERNEMER_2, STUURGROEP, PARTNER_HAARLEM,
                           COORDINATOR_ZKIJ],
                note="the evidence of a public certificate is not public"),
    org_private("enterprises:certification-action", obj="cert_haarlem", allowed=[BROKER_HAARLEM], ok=405,
                forbidden=[BROKER_AMERSFOORT, INKOPER_HAARLEM, ONDERNEMER_1, PARTNER_HAARLEM],
                note="POST only (verify/revoke/dispute: brokers of the municipality)"),
    login_required("enterprises:suggestions", status=404,
                   note="needs a purpose (404 without); per purpose and role: tests/core/test_enterprise_search.py"),
    login_required("enterprises:contact-list", status=403,
                   expect={BROKER_HAARLEM: 200, BROKER_AMERSFOORT: 200, PARTNER_HAARLEM: 200, ADMIN: 200},
                   note="brokers and network partners keep contact moments; other roles 403"),
    org_private("enterprises:contact-detail", obj="contact_haarlem", allowed=[BROKER_HAARLEM, PARTNER_HAARLEM]),
    org_private("enterprises:contact-update", obj="contact_haarlem", allowed=[BROKER_HAARLEM, PARTNER_HAARLEM]),
    org_private("enterprises:contact-delete", obj="contact_haarlem", allowed=[BROKER_HAARLEM, PARTNER_HAARLEM]),
    login_required("enterprises:mine", expect={ONDERNEMER_1: 302, ONDERNEMER_2: 302},
                   note="one enterprise: straight to its page"),
    login_required("enterprises:self-register", status=403, expect={ONDERNEMER_1: 200, ONDERNEMER_2: 200},
                   note="for entrepreneurs and users without a role; staff read who registers instead"),
    Route("enterprises:mine-detail", obj="enterprise_haarlem", default=302,
          expect={ONDERNEMER_1: 200, ONDERNEMER_2: 404, STUURGROEP: 404, COORDINATOR_ZKIJ: 404},
          note="staff who may read the register are sent to the dossier"),
    # --- brokers --------------------------------------------------------------------------
    staff_only("brokers:team-list", roles=(*BROKERS, INKOPER_HAARLEM), note="403 for roles without teams"),
    staff_only("brokers:team-create", roles=BROKERS),
    org_private("brokers:team-detail", obj="team_haarlem", allowed=HAARLEM_STAFF),
    org_private("brokers:team-update", obj="team_haarlem", forbidden=[INKOPER_HAARLEM]),
    org_private("brokers:team-delete", obj="team_haarlem", forbidden=[INKOPER_HAARLEM]),
    staff_only("brokers:budget-list", roles=BROKERS, note="403 for roles without a budget"),
    staff_only("brokers:budget-create", roles=BROKERS),
    org_private("brokers:budget-detail", obj="budget_haarlem"),
    org_private("brokers:budget-update", obj="budget_haarlem"),
    org_private("brokers:budget-delete", obj="budget_haarlem"),
    # --- helpdesk and knowledge base (brokers app, namespace "helpdesk") -------------------
    # case_haarlem: filed by ondernemer_1 for enterprise_haarlem, referred to inkoop.
    Route("helpdesk:signup", default=302, expect={ANON: 200}, note="signed-in users go to Mijn vragen"),
    public("helpdesk:signup-sent"),
    public("helpdesk:signup-verify", status=400, kwargs=lambda world: {"token": "ongeldig"},
           note="invalid token page; a valid token shows a confirm button (POST activates)"),
    login_required("helpdesk:my-cases"),
    # A visitor asking is sent to helpdesk:ask (an account is needed, and how to get one), not to the login.
    # Asking is the entrepreneur's (access.may_ask_helpdesk): staff read a 403 page that says so.
    login_required("helpdesk:case-new", status=403, expect={ONDERNEMER_1: 200, ONDERNEMER_2: 200},
                   note="anonymous: to helpdesk:ask; staff: 403, they answer questions in their inbox"),
    login_required("helpdesk:suggestions", status=403, expect={ONDERNEMER_1: 200, ONDERNEMER_2: 200},
                   note="htmx partial; anonymous: to helpdesk:ask; staff: 403"),
    Route("helpdesk:ask", default=302, expect={ANON: 200}, note="signed-in users go to the new question"),
    login_required("helpdesk:suggestion-helped", status=405, note="POST only"),
    login_required("helpdesk:link-enterprise"),
    Route("helpdesk:my-case", obj="case_haarlem", default=404, expect={ANON: LOGIN, ONDERNEMER_1: 200},
          note="only the requester; staff use helpdesk:case-detail"),
    Route("helpdesk:my-case-reply", obj="case_haarlem", default=404, expect={ANON: LOGIN, ONDERNEMER_1: 405},
          note="POST only; the requester's own case"),
    Route("helpdesk:my-case-rate", obj="case_haarlem", default=404, expect={ANON: LOGIN, ONDERNEMER_1: 405},
          note="POST only; the requester's own case"),
    Route("helpdesk:my-case-reopen", obj="case_haarlem", default=404, expect={ANON: LOGIN, ONDERNEMER_1: 405},
          note="POST only; the requester's own case"),
    Route("helpdesk:my-case-withdraw", obj="case_haarlem", default=404, expect={ANON: LOGIN, ONDERNEMER_1: 405},
          note="POST only; the requester withdraws (closes) their own open case"),
    staff_only("helpdesk:inbox", roles=(*BROKERS, INKOPER_HAARLEM, PARTNER_HAARLEM),
               note="colleagues see referred cases only; the partner its municipality's cases"),
    login_required("helpdesk:bulk-assign", status=405, note="POST only"),
    staff_only("helpdesk:link-request-list", roles=BROKERS),
    staff_only("helpdesk:service-levels", roles=BROKERS, note="each broker edits their own organisation's"),
    org_private("helpdesk:link-request-decide", obj="linkrequest_haarlem", allowed=[BROKER_HAARLEM], ok=405,
                note="POST only; 404 outside the municipality"),
    org_private("helpdesk:attachment", obj="attachment_haarlem",
                allowed=[BROKER_HAARLEM, INKOPER_HAARLEM, ONDERNEMER_1, PARTNER_HAARLEM]),
    org_private("helpdesk:case-detail", obj="case_haarlem", allowed=[*HAARLEM_STAFF, PARTNER_HAARLEM],
                expect={ONDERNEMER_1: 302}, note="the requester is sent to helpdesk:my-case"),
    org_private("helpdesk:case-reply", obj="case_haarlem", allowed=[*HAARLEM_STAFF, PARTNER_HAARLEM], ok=405,
                forbidden=[ONDERNEMER_1], note="POST only"),
    org_private("helpdesk:case-assign", obj="case_haarlem", allowed=[BROKER_HAARLEM, PARTNER_HAARLEM], ok=405,
                forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], note="POST only; brokers (and the desk's partner) assign"),
    org_private("helpdesk:case-refer", obj="case_haarlem", allowed=[BROKER_HAARLEM, PARTNER_HAARLEM], ok=405,
                forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], note="POST only; brokers (and the desk's partner) refer"),
    org_private("helpdesk:case-status", obj="case_haarlem", allowed=[*HAARLEM_STAFF, PARTNER_HAARLEM], ok=405,
                forbidden=[ONDERNEMER_1], note="POST only"),
    public("helpdesk:instrument-list"),
    public("helpdesk:instrument-detail", obj="instrument"),
    # --- ecosystem ------------------------------------------------------------------------
    public("ecosystem:party-list"),
    # Brokers and colleagues only (the policy's roles): the others get the "not for your role" 403.
    staff_only("ecosystem:agreement-list", roles=(*BROKERS, INKOPER_HAARLEM)),
    staff_only("ecosystem:agreement-create", roles=BROKERS),
    # Regional agreements belong to a region; Haarlem is a member of agreement_haarlem's region.
    org_private("ecosystem:agreement-detail", obj="agreement_haarlem", allowed=HAARLEM_STAFF),
    org_private("ecosystem:agreement-update", obj="agreement_haarlem", forbidden=[INKOPER_HAARLEM]),
    org_private("ecosystem:agreement-delete", obj="agreement_haarlem", forbidden=[INKOPER_HAARLEM]),
    # --- API: project endpoints -----------------------------------------------------------
    public("api-root"),
    public("api-schema"),
    public("api-docs"),
    public("api-token", status=405,
           note="POST (get a token; throttled) and DELETE (revoke your own: 401 anonymous, 204 signed in); "
                "see tests/security/test_throttling.py and test_hardening.py"),
    login_required("api-me", anonymous=API_ANON),
    # --- API: reference data (public) -----------------------------------------------------
    api_list("organisation-list"),
    public("organisation-detail", obj="haarlem"),
    api_list("region-list"),
    public("region-detail", obj="region"),
    api_list("programme-list"),
    public("programme-detail", obj="programme"),
    api_list("party-list"),
    public("party-detail", obj="party"),
    # --- API: brokers ---------------------------------------------------------------------
    api_list("brokerteam-list"),
    api_private("brokerteam-detail", obj="team_haarlem", allowed=HAARLEM_STAFF),
    api_list("mandate-list"),
    api_private("mandate-detail", obj="mandate_haarlem", allowed=HAARLEM_STAFF),
    api_list("budgetline-list"),
    api_private("budgetline-detail", obj="budget_haarlem"),
    # --- API: helpdesk and knowledge base ---------------------------------------------------
    api_list("helpdesk-case-list"),
    api_private("helpdesk-case-detail", obj="case_haarlem", allowed=[*HAARLEM_STAFF, ONDERNEMER_1, PARTNER_HAARLEM]),
    api_private("helpdesk-case-messages", obj="case_haarlem", allowed=[*HAARLEM_STAFF, ONDERNEMER_1, PARTNER_HAARLEM],
                note="GET lists the thread (no internal notes for entrepreneurs); POST adds a message"),
    Route("helpdesk-case-assign", obj="case_haarlem", default=405, note="POST only"),
    Route("helpdesk-case-refer", obj="case_haarlem", default=405, note="POST only"),
    Route("helpdesk-case-set-status", obj="case_haarlem", default=405, note="POST only"),
    Route("helpdesk-case-rate", obj="case_haarlem", default=405, note="POST only"),
    Route("helpdesk-case-reopen", obj="case_haarlem", default=405, note="POST only"),
    api_list("knowledge-instrument-list"),
    public("knowledge-instrument-detail", obj="instrument"),
    # --- API: enterprises -----------------------------------------------------------------
    api_list("enterprise-list"),
    # The register is shared by every broker and colleague; an entrepreneur sees only their own
    # enterprise; enterprise_haarlem is not in the showcase, so anonymous visitors get 404.
    api_private("enterprise-detail", obj="enterprise_haarlem",
                allowed=[BROKER_HAARLEM, BROKER_AMERSFOORT, INKOPER_HAARLEM, ONDERNEMER_1, PARTNER_HAARLEM]),
    public("enterprise-detail", obj="enterprise_published", note="showcase enterprise: public"),
    api_private("enterprise-certifications", obj="enterprise_haarlem",
                allowed=[BROKER_HAARLEM, BROKER_AMERSFOORT, INKOPER_HAARLEM, ONDERNEMER_1, PARTNER_HAARLEM]),
    api_list("certification-list"),
    api_private("certification-detail", obj="cert_haarlem",
                allowed=[BROKER_HAARLEM, BROKER_AMERSFOORT, INKOPER_HAARLEM, ONDERNEMER_1, PARTNER_HAARLEM]),
    public("certification-detail", obj="cert_public", note="showcase certificate: public, without notes/evidence"),
    Route("certification-verify", obj="cert_haarlem", default=405, note="POST only; brokers of the municipality"),
    api_list("contactmoment-list"),
    api_private("contactmoment-detail", obj="contact_haarlem", allowed=[BROKER_HAARLEM, PARTNER_HAARLEM]),
    # --- API: ecosystem -------------------------------------------------------------------
    api_list("regionalagreement-list"),
    api_private("regionalagreement-detail", obj="agreement_haarlem", allowed=HAARLEM_STAFF),
]


# --- POST outcomes of the action routes -----------------------------------------------------
#
# GET says nothing about who may act, so every action route (a route that answers 405 to GET, and
# every API @action that takes POST) also declares what a POST with a minimal VALID body answers,
# per actor. ``tests/access/test_matrix.py::test_post_matrix`` sends it as every actor on a fresh
# world and checks: the status; a refused POST (401/403/404, the login redirect) leaves the
# object's fingerprint as it was; an allowed one changes it (so the body really did something).
# ``test_declarations_are_complete`` fails for an action route without a POST declaration.


@dataclass(frozen=True)
class Post:
    """Expected POST status per actor for one URL name (actors missing from ``expect`` get
    ``default``). ``data`` (world → body) is sent as a form (UI) or JSON (API). ``fingerprint``
    (world → value) names what the action changes; ``prepare`` (world → None) puts the object in
    the state the action needs (a rating needs a resolved case). ``changes=False``: an allowed POST
    changes nothing stored (logout)."""

    name: str
    fingerprint: Callable[[dict], object]
    expect: dict[str, int] = field(default_factory=dict)
    default: int | None = None
    obj: str | None = None
    kwargs: Callable[[dict], dict] | None = None
    data: Callable[[dict], dict] = lambda world: {}
    prepare: Callable[[dict], None] | None = None
    changes: bool = True
    no_effect: tuple[str, ...] = ()  # actors whose (redirected) POST must change nothing
    anonymous_login: bool = True  # anonymous 302 is the login redirect
    note: str = ""

    def status_for(self, actor: str) -> int:
        if actor in self.expect:
            return self.expect[actor]
        if self.default is None:
            raise AssertionError(f"POST {self.name}: no expected status for {actor!r} and no default")
        return self.default


REFUSED = (401, 403, 404, 405)


def acts(name: str, obj: str | None, fingerprint, allowed: Iterable[str], forbidden: Iterable[str] = (),
         ok: int = 302, denied: int = 404, anonymous: int = LOGIN, expect: dict | None = None, **kw) -> Post:
    """An action on one object: ``allowed`` actors and the superuser get ``ok``, ``forbidden``
    ones (may see it, may not do this) 403, everyone else ``denied`` (outside scope)."""
    table = {ANON: anonymous, ADMIN: ok, **dict.fromkeys(allowed, ok), **dict.fromkeys(forbidden, 403),
             **(expect or {})}
    return Post(name, fingerprint, obj=obj, default=denied, expect=table, **kw)


def _row(key):
    """Fingerprint: the stored row of world[key] (None once deleted)."""
    from django.forms.models import model_to_dict

    def fingerprint(world):
        obj = world[key]
        fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
        return None if fresh is None else model_to_dict(fresh)

    return fingerprint


def _case(key):
    """Fingerprint of a helpdesk case: its row, its messages and attachments."""
    row = _row(key)

    def fingerprint(world):
        case = world[key]
        return (row(world), sorted(case.messages.values_list("pk", "is_internal")),
                sorted(case.attachments.values_list("pk", flat=True)))

    return fingerprint


def _link_request(key):
    row = _row(key)

    def fingerprint(world):
        from impactportal.accounts.models import Membership

        request = world[key]
        return row(world), sorted(Membership.objects.filter(user_id=request.user_id).values_list("pk", flat=True))

    return fingerprint


def _column(model_path, name):
    """One column of every row: what a POST that may change only that column is checked by."""
    def fingerprint(world):
        from django.apps import apps

        return sorted(apps.get_model(model_path)._default_manager.values_list("pk", name))

    return fingerprint


def _all_rows(model_path):
    def fingerprint(world):
        from django.apps import apps

        model = apps.get_model(model_path)
        return sorted(model._default_manager.values_list(*[f.attname for f in model._meta.concrete_fields]))

    return fingerprint


def _resolve(key):
    def prepare(world):
        from brokers.helpdesk import services

        services.case_set_status(case=world[key], status="resolved", by=world.actors[BROKER_HAARLEM])

    return prepare


def _give_devices(world):
    """Every actor gets an authenticator app and a backup code (two-factor authentication)."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for user in world.actors.values():
        if user is not None and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(user=user, name="app", confirmed=True)
            StaticDevice.objects.create(user=user, name="codes", confirmed=True).token_set.create(token="abcd2345")


def _give_tokens(world):
    """Every actor gets an API token (through the token service: the table keeps digests)."""
    from rest_framework.authtoken.models import Token

    from impactportal.api import tokens

    for user in world.actors.values():
        if user is not None and not Token.objects.filter(user_id=user.pk).exists():
            tokens.issue(user)


def _user_pk(actor):
    return lambda world: world.actors[actor].pk


# The Haarlem case: filed by ondernemer_1, referred to inkoop (inkoper_haarlem handles it). Brokers
# of Haarlem, the network partner running Haarlem's desk and the handling colleague act on it; the
# requester may see it, not act as staff. Assigning and referring: brokers and the partner.
CASE_STAFF = (BROKER_HAARLEM, INKOPER_HAARLEM, PARTNER_HAARLEM)
CASE_DESK = (BROKER_HAARLEM, PARTNER_HAARLEM)

POSTS: list[Post] = [
    # --- project ----------------------------------------------------------------------------
    Post("notifications-read", _all_rows("impactportal.Notification"), default=302, expect={ANON: LOGIN},
         note="marks the user's own notifications read (post/redirect/get); every actor has one unread (see conftest)"),
    Post("logout", lambda world: None, default=302, changes=False, anonymous_login=False, note="ends the session; nothing stored changes"),
    # Single sign-on off (the matrix's settings): 404 for every actor, no session ended. Configured, an
    # unauthenticated POST with a valid logout token ends sessions (tests/security/test_oidc_backchannel.py).
    Post("oidc-backchannel-logout", _all_rows("accounts.SingleSignOnSession"), default=404,
         data=lambda world: {"logout_token": "x.y.z"}, changes=False, anonymous_login=False,
         note="404 unless PORTAL_OIDC_* configure single sign-on"),
    # A session that signed in with the password alone never turns off or renews the second factor of
    # a user who has one (every actor is given an app and backup codes first): sent on, nothing changes.
    Post("two-factor-disable", _all_rows("otp_totp.TOTPDevice"), default=302, expect={ANON: LOGIN},
         prepare=lambda world: _give_devices(world), no_effect=SIGNED_IN,
         note="an unverified session is sent to the code page"),
    Post("two-factor-backup-codes", _all_rows("otp_static.StaticToken"), default=302, expect={ANON: LOGIN},
         prepare=lambda world: _give_devices(world), no_effect=SIGNED_IN,
         note="new backup codes only for a verified session: sent to the account page"),
    Post("api-token", _all_rows("authtoken.Token"), default=400,
         data=lambda world: {"username": "ondernemer-1", "password": "fout"},
         changes=False, note="wrong password: a field error for everyone, no token"),
    # The account page's API key (impactportal.api.tokens): every signed-in actor makes and ends their own
    # (the world's sessions owe no code; a user who must use two-factor authentication needs a verified
    # session: tests/security/test_api_token_two_factor.py).
    Post("account-language", _column("accounts.User", "language"),
         default=302, expect={ANON: LOGIN}, data=lambda world: {"language": "en"},
         note="the language of the user's own mails (every actor chose none yet)"),
    Post("account-api-token", _all_rows("authtoken.Token"), default=302, expect={ANON: LOGIN},
         note="a new key for the user, shown once on the account page"),
    Post("account-api-token-revoke", _all_rows("authtoken.Token"), default=302, expect={ANON: LOGIN},
         prepare=lambda world: _give_tokens(world), note="ends the user's own key (every actor has one)"),
    # --- enterprises --------------------------------------------------------------------------
    acts("enterprises:apply", "enterprise_haarlem", _row("enterprise_haarlem"), allowed=[BROKER_HAARLEM, ONDERNEMER_1],
         forbidden=[BROKER_AMERSFOORT, INKOPER_HAARLEM, PARTNER_HAARLEM]),
    acts("enterprises:admission", "enterprise_haarlem", _row("enterprise_haarlem"), allowed=[BROKER_HAARLEM],
         forbidden=[BROKER_AMERSFOORT, INKOPER_HAARLEM, ONDERNEMER_1, PARTNER_HAARLEM],
         data=lambda world: {"action": "review"},
         prepare=lambda world: __import__("enterprises.services", fromlist=["x"]).enterprise_apply(
             enterprise=world["enterprise_haarlem"], by=world.actors[ONDERNEMER_1]),
         note="the decision is for the brokers of the municipality; the entrepreneur 403"),
    acts("enterprises:certification-action", "cert_haarlem", _row("cert_haarlem"), allowed=[BROKER_HAARLEM],
         forbidden=[BROKER_AMERSFOORT, INKOPER_HAARLEM, ONDERNEMER_1, PARTNER_HAARLEM],
         data=lambda world: {"action": "verify"},
         note="verify/revoke/dispute: brokers of the municipality only"),
    acts("certification-verify", "cert_haarlem", _row("cert_haarlem"), allowed=[BROKER_HAARLEM], ok=200,
         forbidden=[BROKER_AMERSFOORT, INKOPER_HAARLEM, ONDERNEMER_1, PARTNER_HAARLEM], anonymous=API_ANON),
    # --- helpdesk: staff ----------------------------------------------------------------------
    acts("helpdesk:case-reply", "case_haarlem", _case("case_haarlem"), allowed=CASE_STAFF, forbidden=[ONDERNEMER_1],
         data=lambda world: {"body": "Antwoord"}),
    # Assigning and referring are for brokers; the handling colleague replies and sets the status.
    acts("helpdesk:case-assign", "case_haarlem", _case("case_haarlem"), allowed=CASE_DESK,
         forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], data=lambda world: {"assignee": world.actors[BROKER_HAARLEM].pk}),
    acts("helpdesk:case-refer", "case_haarlem", _case("case_haarlem"), allowed=CASE_DESK,
         forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], data=lambda world: {"department": "vastgoed"}),
    acts("helpdesk:case-status", "case_haarlem", _case("case_haarlem"), allowed=CASE_STAFF, forbidden=[ONDERNEMER_1],
         data=lambda world: {"status": "resolved"}),
    Post("helpdesk:bulk-assign", _case("case_haarlem"), default=403,
         expect={ANON: LOGIN, BROKER_HAARLEM: 302, ADMIN: 302, BROKER_AMERSFOORT: 302, PARTNER_HAARLEM: 302},
         no_effect=(BROKER_AMERSFOORT,),
         data=lambda world: {"cases": [world["case_haarlem"].pk], "assignee": world.actors[BROKER_HAARLEM].pk},
         note="brokers assign the cases they may assign (the superuser every case); another municipality's "
              "broker is sent back to the inbox with 'choose cases' and nothing changes; not a broker: 403"),
    acts("helpdesk:link-request-decide", "linkrequest_haarlem", _link_request("linkrequest_haarlem"),
         allowed=[BROKER_HAARLEM], data=lambda world: {"decision": "approve"},
         note="only the brokers of the enterprise's municipality; never an entrepreneur"),
    # --- helpdesk: the requester --------------------------------------------------------------
    Post("helpdesk:suggestion-helped", _all_rows("brokers.SelfServiceOutcome"), default=302, expect={ANON: LOGIN},
         data=lambda world: {"category": "procurement"}, note="records that a suggestion helped"),
    acts("helpdesk:my-case-reply", "case_haarlem", _case("case_haarlem"), allowed=[ONDERNEMER_1],
         expect={ADMIN: 404}, data=lambda world: {"body": "Nog een vraag"}, note="only the requester"),
    acts("helpdesk:my-case-rate", "case_haarlem", _case("case_haarlem"), allowed=[ONDERNEMER_1], expect={ADMIN: 404},
         data=lambda world: {"rating": "5"}, prepare=_resolve("case_haarlem")),
    acts("helpdesk:my-case-reopen", "case_haarlem", _case("case_haarlem"), allowed=[ONDERNEMER_1],
         expect={ADMIN: 404}, data=lambda world: {"reason": "Toch niet opgelost"}, prepare=_resolve("case_haarlem")),
    acts("helpdesk:my-case-withdraw", "case_haarlem", _case("case_haarlem"), allowed=[ONDERNEMER_1],
         expect={ADMIN: 404}, data=lambda world: {"reason": "Al geholpen"},
         note="only the requester (Case.access 'withdraw', personal: not the superuser); staff close with the status"),
    # --- API actions on a case ------------------------------------------------------------------
    acts("helpdesk-case-messages", "case_haarlem", _case("case_haarlem"), allowed=[*CASE_STAFF, ONDERNEMER_1], ok=201,
         anonymous=API_ANON, data=lambda world: {"body": "Bericht"}),
    acts("helpdesk-case-assign", "case_haarlem", _case("case_haarlem"), allowed=CASE_DESK,
         forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], ok=200, anonymous=API_ANON,
         data=lambda world: {"assignee": world.actors[BROKER_HAARLEM].pk}),
    acts("helpdesk-case-refer", "case_haarlem", _case("case_haarlem"), allowed=CASE_DESK,
         forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], ok=200, anonymous=API_ANON,
         data=lambda world: {"department": "vastgoed"}),
    acts("helpdesk-case-set-status", "case_haarlem", _case("case_haarlem"), allowed=CASE_STAFF,
         forbidden=[ONDERNEMER_1], ok=200, anonymous=API_ANON, data=lambda world: {"status": "resolved"}),
    acts("helpdesk-case-rate", "case_haarlem", _case("case_haarlem"), allowed=[ONDERNEMER_1], ok=200,
         anonymous=API_ANON, forbidden=[*CASE_STAFF, ADMIN], data=lambda world: {"rating": 5},
         prepare=_resolve("case_haarlem"), note="only the requester rates"),
    acts("helpdesk-case-reopen", "case_haarlem", _case("case_haarlem"), allowed=[ONDERNEMER_1, *CASE_STAFF], ok=200,
         anonymous=API_ANON, data=lambda world: {"reason": "Toch niet opgelost"}, prepare=_resolve("case_haarlem"),
         note="the requester and the case's handlers (services.case_reopen) reopen"),
]


# The apps' declarations live in files of their own (joined here, each part in its own file).
from . import (  # noqa: E402
    routes_admission,
    routes_ecosystem,
    routes_financing,
    routes_monitoring,
    routes_procurement,
    routes_realestate,
    routes_referrals_impact,
    routes_staff,
    routes_toolbox,
)

for _part in (routes_procurement, routes_admission, routes_referrals_impact, routes_ecosystem,
              routes_financing, routes_realestate, routes_toolbox, routes_monitoring, routes_staff):
    ROUTES += _part.ROUTES
    POSTS += _part.POSTS

# API routes of rows nobody may see without signing in (helpdesk cases, contracts, spending …):
# an anonymous caller gets 401 with "WWW-Authenticate: Token" on every GET, list, object or action
# (``ScopedViewSetMixin.initial``), not an empty list that looked like "no data". Lists with
# public rows (enterprises, instruments, properties) answer anonymous callers with those.
SIGNED_IN_API = {
    "admissionrule-detail",
    "admissionrule-list", "bottleneck-detail", "bottleneck-endorse", "bottleneck-list", "bottleneck-respond",
    "bottleneck-share",
    "brokers-action-detail", "brokers-action-list", "brokers-spending-detail", "brokers-spending-list",
    "brokers-team-detail", "brokers-team-list", "brokerteam-detail", "brokerteam-list", "budgetline-detail",
    "budgetline-list", "contactmoment-detail", "contactmoment-list", "ecosystem-allocation-detail",
    "ecosystem-allocation-list", "ecosystem-coalition-detail", "ecosystem-coalition-list",
    "ecosystem-collaboration-detail", "ecosystem-collaboration-list", "ecosystem-map-detail",
    "ecosystem-map-list", "ecosystem-space-request-detail", "ecosystem-space-request-list",
    "ecosystem-space-request-matches", "ecosystem-space-request-withdraw", "financing-analyses-detail", "financing-analyses-list",
    "financing-claims-detail", "financing-claims-list", "financing-claims-pay", "financing-claims-verify",
    "financing-funds-detail", "financing-funds-list", "financing-needs-detail", "financing-needs-list",
    "financing-outcome-contracts-claims", "financing-outcome-contracts-detail",
    "financing-outcome-contracts-list", "financing-outcome-contracts-metrics", "financing-payments-detail",
    "financing-payments-list", "helpdesk-case-assign", "helpdesk-case-detail", "helpdesk-case-list",
    "helpdesk-case-messages", "helpdesk-case-rate", "helpdesk-case-refer", "helpdesk-case-referrals",
    "helpdesk-case-reopen", "helpdesk-case-set-status", "mandate-detail", "mandate-list",
    "monitoring-review-detail", "monitoring-review-list", "procurement-contracts-close",
    "procurement-contracts-blocks", "procurement-contracts-detail", "procurement-contracts-invite",
    "procurement-contracts-list",
    "procurement-contracts-matches", "procurement-contracts-realisations", "procurement-payments-detail",
    "procurement-payments-list", "procurement-realisations-detail", "procurement-realisations-list",
    "procurement-realisations-reject", "procurement-realisations-verify", "procurement-responses-award",
    "procurement-responses-detail", "procurement-responses-list", "procurement-responses-shortlist",
    "procurement-responses-withdraw", "procurement-rule-sets-detail", "procurement-rule-sets-list",
    "procurement-rule-sets-new-version", "regionalagreement-detail", "regionalagreement-list",
    "toolbox-answer-detail", "toolbox-answer-list",
}
ROUTES[:] = [replace(route, expect={**route.expect, ANON: 401}) if route.name in SIGNED_IN_API else route
             for route in ROUTES]
