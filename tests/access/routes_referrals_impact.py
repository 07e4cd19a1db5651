"""Permission-matrix declarations of issue 10 parts 4 (external referrals of helpdesk cases) and 6
(impact measurement of enterprises); joined into routes.py. World objects:
``referrals_impact_world.py``."""

import datetime as dt

from .routes import (
    ADMIN,
    ANON,
    BROKER_HAARLEM,
    BROKERS,
    INKOPER_HAARLEM,
    LOGIN,
    ONDERNEMER_1,
    PARTNER_HAARLEM,
    Post,
    _all_rows,
    _row,
    acts,
    api_private,
    org_private,
    public,
    staff_only,
)

HAARLEM_STAFF = (BROKER_HAARLEM, INKOPER_HAARLEM)


def _follow_up(world):
    from django.utils import timezone

    return (timezone.localdate() + dt.timedelta(days=14)).isoformat()


ROUTES = [
    # --- part 4: referrals beyond the town hall (case_haarlem is referred to inkoop) -----------
    # The network partner running Haarlem's desk refers, reads and closes like a broker.
    org_private("helpdesk:case-refer-external", obj="case_haarlem", allowed=[BROKER_HAARLEM, PARTNER_HAARLEM], ok=405,
                forbidden=[INKOPER_HAARLEM, ONDERNEMER_1], note="POST only; brokers refer, like case-refer"),
    staff_only("helpdesk:referral-list", roles=(*BROKERS, INKOPER_HAARLEM, PARTNER_HAARLEM),
               note="brokers see their municipality's referrals; a colleague those of cases of their department"),
    org_private("helpdesk:referral-done", obj="referral_haarlem", allowed=[BROKER_HAARLEM, PARTNER_HAARLEM], ok=405,
                forbidden=[INKOPER_HAARLEM], note="POST only; the colleague of the case reads, brokers close"),
    api_private("helpdesk-case-referrals", obj="case_haarlem", allowed=[*HAARLEM_STAFF, ONDERNEMER_1, PARTNER_HAARLEM],
                note="GET only; the requester sees the case, and an empty list (referrals are staff records)"),
    # --- part 6: impact measurement ------------------------------------------------------------
    # The register is shared, the measurement is not: everyone but the municipality's brokers and
    # the enterprise's own entrepreneur gets 404 on its page.
    # kwargs, not obj: the enterprise itself is in the shared register (the list-leak check would
    # take a 404 here for "the enterprise is hidden"); the 404s are probed in
    # tests/enterprises/test_impact_measurement.py::test_others_get_404_and_change_nothing.
    org_private("enterprises:impact", kwargs=lambda world: {"pk": world["enterprise_haarlem"].pk},
                allowed=[BROKER_HAARLEM, ONDERNEMER_1]),
    # The report: private variant (enterprise not in the showcase, even with consent) for the staff
    # of the municipality and the enterprise's entrepreneur; not behind login, so a visitor gets 404.
    org_private("enterprises:impact-report", obj="impact_haarlem", allowed=[*HAARLEM_STAFF, ONDERNEMER_1],
                anonymous=404),
    # Public variant: a showcase enterprise that consented; everyone downloads the report.
    public("enterprises:impact-report", obj="impact_public"),
    # A showcase enterprise without consent: still private (its own entrepreneur is not an actor).
    org_private("enterprises:impact-report", obj="impact_noconsent", allowed=HAARLEM_STAFF, anonymous=404),
    public("enterprises:showcase-detail", obj="enterprise_noconsent",
           note="the page is public; its impact section is not shown (tests/enterprises/test_impact_measurement.py)"),
]


def _impact_data(world):
    # The world's measurement has a report: its date and period stay required.
    return {"method": "social_handprint", "report_date": "2025-03-01", "period_start": "2024-01-01",
            "period_end": "2024-12-31", "indicators-TOTAL_FORMS": "0", "indicators-INITIAL_FORMS": "0",
            "indicators-MIN_NUM_FORMS": "0", "indicators-MAX_NUM_FORMS": "10"}


POSTS = [
    acts("helpdesk:case-refer-external", "case_haarlem", _all_rows("brokers.ExternalReferral"),
         allowed=[BROKER_HAARLEM, PARTNER_HAARLEM], forbidden=[INKOPER_HAARLEM, ONDERNEMER_1],
         data=lambda world: {"kind": "kvk", "follow_up_on": _follow_up(world)}),
    acts("helpdesk:referral-done", "referral_haarlem", _row("referral_haarlem"), allowed=[BROKER_HAARLEM, PARTNER_HAARLEM],
         forbidden=[INKOPER_HAARLEM], data=lambda world: {"outcome": "Geholpen door UWV"}),
    # A form page, not an action; declared so the matrix proves who can really save a measurement.
    Post("enterprises:impact", _row("impact_haarlem"), obj="enterprise_haarlem", default=404,
         expect={ANON: LOGIN, BROKER_HAARLEM: 302, ONDERNEMER_1: 302, ADMIN: 302}, data=_impact_data,
         note="404 for another municipality's broker, colleagues and other entrepreneurs"),
]
