"""Permission matrix entries of the staff pages of functional administrators
(``impactportal.accounts.staff_views``). Joined into ROUTES and POSTS at the end of ``routes.py``.

In the world each municipality's broker is its functional administrator (``staff_world``). The
list and the invitation are theirs and the superuser's (other signed-in actors: the 403 page that
says whom it is for). A staff membership of Haarlem (``membership_haarlem``: inkoper_haarlem's own)
is managed by Haarlem's administrator; Haarlem's staff without the flag may know it exists (403);
everyone else, Amersfoort's administrator included, finds nothing (404). An administrator invites
into their own organisation only: Amersfoort's, posting Haarlem, gets the form back (400).
An existing account's pending invitation (``pending_haarlem``: ondernemer_2 invited into Haarlem)
is accepted by that account only, signed in; for everyone else, the superuser included, it is not
found (404). Until then it gives ondernemer_2 nothing: every other row of the matrix holds."""

from .routes import (
    ADMIN,
    ANON,
    BROKER_AMERSFOORT,
    BROKER_HAARLEM,
    BROKERS,
    INKOPER_HAARLEM,
    LOGIN,
    ONDERNEMER_2,
    Post,
    Route,
    _all_rows,
    _row,
    acts,
    org_private,
    public,
    staff_only,
)

ROUTES: list[Route] = [
    staff_only("staff:member-list", roles=BROKERS, note="functional administrators (both brokers in the world)"),
    staff_only("staff:member-invite", roles=BROKERS),
    org_private("staff:member-update", obj="membership_haarlem", allowed=[BROKER_HAARLEM], forbidden=[INKOPER_HAARLEM],
                note="Haarlem's colleague sees its own membership exists, may not change it"),
    org_private("staff:member-delete", obj="membership_haarlem", allowed=[BROKER_HAARLEM], forbidden=[INKOPER_HAARLEM]),
    org_private("staff:member-reinvite", obj="invitation_haarlem", allowed=[BROKER_HAARLEM], ok=405,
                forbidden=[INKOPER_HAARLEM], note="POST only"),
    public("staff:invitation", kwargs=lambda world: {"uidb64": "MQ", "token": "bad-token"},
           note="invalid link page, as password_reset_confirm"),
    Route("staff:membership-accept", obj="pending_haarlem", default=404, expect={ANON: LOGIN, ONDERNEMER_2: 200},
          note="the invited account only (a personal action: not the superuser either)"),
]

POSTS: list[Post] = [
    acts("staff:member-update", "membership_haarlem", _row("membership_haarlem"), allowed=[BROKER_HAARLEM],
         forbidden=[INKOPER_HAARLEM], data=lambda world: {"role": "colleague", "department": "vastgoed"}),
    acts("staff:member-delete", "membership_haarlem", _row("membership_haarlem"), allowed=[BROKER_HAARLEM],
         forbidden=[INKOPER_HAARLEM]),
    acts("staff:member-reinvite", "invitation_haarlem", _row("invitation_haarlem"), allowed=[BROKER_HAARLEM],
         forbidden=[INKOPER_HAARLEM], changes=False, note="sends a new link; nothing stored changes"),
    acts("staff:membership-accept", "pending_haarlem", _row("pending_haarlem"), allowed=[ONDERNEMER_2],
         expect={ADMIN: 404}, note="the invited account accepts its own invitation; no one else"),
    Post("staff:member-invite", _all_rows("accounts.Membership"), default=403,
         expect={ANON: LOGIN, BROKER_HAARLEM: 302, ADMIN: 302, BROKER_AMERSFOORT: 400},
         data=lambda world: {"email": "nieuw@example.org", "first_name": "Nina", "organisation": world["haarlem"].pk,
                             "role": "colleague", "department": "economie"},
         note="into one's own organisation only: Amersfoort's administrator posting Haarlem gets a field error"),
]
