"""Permission matrix entries of monitoring: indicators, snapshots, reports and steering-group review (issue 14).
Joined into ROUTES and POSTS at the end of ``routes.py``.

Reports: an organisation's drafts are its own staff's (Amersfoort never sees Haarlem's); the
programme report is its steering group's; network partners and SROI coordinators have no
monitoring role (403 pages) and never see drafts. A published report (report_public) is public:
everyone signed in with a monitoring role sees its page, anyone its public PDF; its full PDF (with
the internal appendix) stays with those who see it through a grant (403 for the others)."""

from .routes import (
    ADMIN,
    ANON,
    BROKER_AMERSFOORT,
    BROKER_HAARLEM,
    BROKERS,
    COORDINATOR_ZKIJ,
    INKOPER_HAARLEM,
    LOGIN,
    ONDERNEMER_1,
    ONDERNEMER_2,
    PARTNER_HAARLEM,
    STUURGROEP,
    Post,
    Route,
    acts,
    api_list,
    api_private,
    public,
    staff_only,
)

READERS = (*BROKERS, INKOPER_HAARLEM, STUURGROEP)
NO_ROLE = {PARTNER_HAARLEM: 403, COORDINATOR_ZKIJ: 403}  # the page is not for their role
HAARLEM_REPORT = {ANON: LOGIN, BROKER_HAARLEM: 200, INKOPER_HAARLEM: 200, ADMIN: 200, **NO_ROLE}
PROGRAMME_REPORT = {ANON: LOGIN, STUURGROEP: 200, ADMIN: 200, **NO_ROLE}
PUBLISHED = {ANON: LOGIN, **NO_ROLE}
PUBLISHED_FULL_FILE = {ANON: LOGIN, BROKER_HAARLEM: 200, INKOPER_HAARLEM: 200, ADMIN: 200, **NO_ROLE}

# Meetings, spending, contributions and targets of the programme (views_steering): its steering group (and the
# superuser) changes them; the participants' brokers (Haarlem, Amersfoort) read them (403); everyone else
# has them out of scope (404).
STEERING_DATA = {ANON: LOGIN, STUURGROEP: 200, ADMIN: 200, BROKER_HAARLEM: 403, BROKER_AMERSFOORT: 403}
STEERING_DATA_ROUTES = [(f"{kind}-{action}", kind) for kind in ("meeting", "spending", "contribution", "target")
                        for action in ("update", "delete")]
STEERING_DATA_ROUTES += [(f"{kind}-create", "steering_group")
                         for kind in ("meeting", "spending", "contribution", "target", "theme")]
# The programme's themes: a former one (theme_former, private) as the data above; a current one (theme) is
# public, so everyone who is not of the steering group may read it but not change it (403).
STEERING_DATA_ROUTES += [(f"theme-{action}", "theme_former") for action in ("update", "delete")]
THEME_PUBLIC = {ANON: LOGIN, STUURGROEP: 200, ADMIN: 200}

# The keepers' texts of a report version (views_texts): those who may change the report edit them
# while it is an undecided draft; its other readers 403, everyone else 404. The approved (published)
# report's texts are frozen: its keepers are sent back to the report page, the page above (which the
# matrix counts as 405, as it does PostOnlyMiddleware's redirect there), its readers 403.
TEXTS_HAARLEM = {ANON: LOGIN, BROKER_HAARLEM: 200, INKOPER_HAARLEM: 403, ADMIN: 200, **NO_ROLE}
TEXTS_PROGRAMME = {ANON: LOGIN, STUURGROEP: 200, ADMIN: 200, **NO_ROLE}
TEXTS_PUBLISHED = {ANON: LOGIN, BROKER_HAARLEM: 405, ADMIN: 405, **NO_ROLE}

ROUTES: list[Route] = [
    staff_only("monitoring:dashboard", roles=READERS),
    staff_only("monitoring:report-list", roles=(*READERS, ONDERNEMER_1, ONDERNEMER_2)),
    staff_only("monitoring:report-create", roles=(*BROKERS, STUURGROEP, ONDERNEMER_1, ONDERNEMER_2),
               note="brokers for their organisation, the steering group for its programme, entrepreneurs an "
                    "impact statement of their enterprise"),
    Route("monitoring:report-detail", obj="report_haarlem", default=404, expect=HAARLEM_REPORT,
          note="a draft: its own organisation's staff"),
    Route("monitoring:report-detail", obj="report_programme", default=404, expect=PROGRAMME_REPORT,
          note="the programme's report: its steering group"),
    Route("monitoring:report-detail", obj="report_public", default=200, expect=PUBLISHED,
          note="published: every monitoring role"),
    Route("monitoring:report-texts", obj="report_haarlem", default=404, expect=TEXTS_HAARLEM,
          note="a draft's texts: its brokers write them, its colleagues read them on the report page"),
    Route("monitoring:report-texts", obj="report_programme", default=404, expect=TEXTS_PROGRAMME,
          note="the programme report's texts: its steering group"),
    Route("monitoring:report-texts", obj="report_public", default=403, expect=TEXTS_PUBLISHED,
          note="approved and published: frozen, its keepers are sent back to the report"),
    Route("monitoring:report-file", obj="report_haarlem", default=404, expect=HAARLEM_REPORT),
    Route("monitoring:report-file", obj="report_programme", default=404, expect=PROGRAMME_REPORT),
    Route("monitoring:report-file", obj="report_public", default=403, expect=PUBLISHED_FULL_FILE,
          note="the full file (with the internal appendix) is not public"),
    staff_only("monitoring:steering", roles=(STUURGROEP,)),
    staff_only("monitoring:steering-update", roles=(STUURGROEP,), obj="steering_group",
               note="the group's number of members: its own steering group"),
    *[Route(f"monitoring:{name}", obj=obj, default=404, expect=STEERING_DATA,
            note="the programme's steering data: its steering group changes it, the participants' brokers read it")
      for name, obj in STEERING_DATA_ROUTES],
    *[Route(f"monitoring:theme-{action}", obj="theme", default=403, expect=THEME_PUBLIC,
            note="a current theme is public: its steering group changes it, everyone else reads it")
      for action in ("update", "delete")],
    public("monitoring:public-organisation", obj="haarlem"),
    public("monitoring:public-programme", obj="programme"),
    public("monitoring:public-file", obj="report_public"),
    api_list("monitoring-indicator-list"),
    api_list("monitoring-snapshot-list"),
    public("monitoring-snapshot-detail", obj="snapshot", note="when a measurement was taken; values are scoped"),
    api_list("monitoring-report-list"),
    api_private("monitoring-report-detail", obj="report_haarlem", allowed=[BROKER_HAARLEM, INKOPER_HAARLEM]),
    api_private("monitoring-report-detail", obj="report_programme", allowed=[STUURGROEP]),
    public("monitoring-report-detail", obj="report_public"),
    api_private("monitoring-report-file", obj="report_haarlem", allowed=[BROKER_HAARLEM, INKOPER_HAARLEM]),
    Route("monitoring-report-file", obj="report_public", default=403,
          expect={ANON: 401, BROKER_HAARLEM: 200, INKOPER_HAARLEM: 200, ADMIN: 200},
          note="visible (published), the full file is not; a visitor is asked to sign in (401)"),
    api_list("monitoring-review-list"),
    api_private("monitoring-review-detail", obj="review_haarlem", allowed=[BROKER_HAARLEM, INKOPER_HAARLEM]),
]

def _texts(key):
    """Fingerprint: the texts of world[key]'s report, per section."""

    def fingerprint(world):
        from monitoring.models import ReportText

        return sorted(ReportText.objects.filter(report=world[key]).values_list("section", "body"))

    return fingerprint


POSTS: list[Post] = [
    acts("monitoring:report-texts", "report_haarlem", _texts("report_haarlem"), allowed=[BROKER_HAARLEM],
         forbidden=[INKOPER_HAARLEM], expect=NO_ROLE, data=lambda world: {"summary": "Tekst uit de matrix"},
         note="a draft's texts: its brokers; its colleagues read them (403)"),
]
