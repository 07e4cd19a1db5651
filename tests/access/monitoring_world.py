"""Objects of the permission-matrix world for monitoring: indicators, snapshots, reports and steering-group review (issue 14)
(imported at the end of conftest).

report_haarlem / report_amersfoort: draft annual reports (done, with a file) of each organisation:
their own staff only. report_programme: the programme's report under review: its steering group.
report_public: Haarlem's approved and published annual report of another year (the public variant).
review_haarlem / review_amersfoort: a comment on each draft.
meeting / spending / contribution / target: the programme's steering data (its steering group changes them,
the participants' brokers read them). theme (current: public) / theme_former (no longer current: the steering
group's and its participants' brokers'): the programme's themes, kept by its steering group."""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from .conftest import builder

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@builder("monitoring")
def _monitoring(world):
    from monitoring.models import (
        Contribution,
        Meeting,
        ProgrammeTheme,
        ReportRequest,
        Review,
        Snapshot,
        SnapshotValue,
        Spending,
        SteeringGroup,
        Target,
    )

    start = timezone.make_aware(dt.datetime(2025, 11, 1))
    snapshot = world["snapshot"] = Snapshot.objects.create(kind="monthly", label="2025-11", period_start=start,
                                                           period_end=timezone.make_aware(dt.datetime(2025, 12, 1)))
    for key in ("haarlem", "amersfoort"):
        SnapshotValue.objects.create(snapshot=snapshot, code="helpdesk.cases", level="organisation",
                                     organisation=world[key], value=Decimal(3), basis="measured", source="brokers")
    # A value computed from Haarlem's supplier payments (procurement's): not for a colleague of another
    # department before publication (routes_procurement.DEPARTMENT_ROUTES).
    SnapshotValue.objects.create(snapshot=snapshot, code="procurement.mvi_share", level="organisation",
                                 organisation=world["haarlem"], value=Decimal("12.5"), basis="measured",
                                 source="procurement")
    world["steering_group"] = SteeringGroup.objects.create(programme=world["programme"],
                                                           chair=world.actors["stuurgroep"])
    programme = world["programme"]
    world["meeting"] = Meeting.objects.create(programme=programme, date=dt.date(2025, 3, 1), agenda="Begroting")
    world["spending"] = Spending.objects.create(programme=programme, date=dt.date(2025, 3, 1),
                                                description="Coördinatieteam", amount=Decimal("1200.50"))
    world["contribution"] = Contribution.objects.create(programme=programme, party=world["party_haarlem"], year=2025,
                                                        money=Decimal(5000))
    world["target"] = Target.objects.create(programme=programme, code="enterprises.admitted", year=2026,
                                            value=Decimal(80))
    world["theme"] = ProgrammeTheme.objects.create(programme=programme, name="Impactvol inkopen",
                                                   coordinator_name="Coördinator inkoop", order=1)
    world["theme_former"] = ProgrammeTheme.objects.create(programme=programme, name="Oud thema", order=9,
                                                          is_current=False)

    def report(key, **fields):
        obj = ReportRequest.objects.create(snapshot=snapshot, status="done", checksum="0" * 64,
                                           requested_by=world.actors["admin"], **fields)
        obj.file.save(f"{key}.pdf", ContentFile(PDF), save=True)
        world[key] = obj
        return obj

    for key in ("haarlem", "amersfoort"):
        report(f"report_{key}", kind="annual", organisation=world[key], period="2025",
               scope_key=f"organisation:{world[key].pk}")
        world[f"review_{key}"] = Review.objects.create(report=world[f"report_{key}"], kind="comment",
                                                       section="summary", body="Intern",
                                                       author=world.actors[f"broker_{key}"])
    report("report_programme", kind="programme", programme=world["programme"], period="2025",
           scope_key=f"programme:{world['programme'].pk}", review_state="under_review")
    public = report("report_public", kind="annual", organisation=world["haarlem"], period="2024",
                    scope_key=f"organisation:{world['haarlem'].pk}")
    public.public_file.save("openbaar.pdf", ContentFile(PDF), save=False)
    ReportRequest.objects.filter(pk=public.pk).update(
        public_file=public.public_file.name, review_state="approved", approved_at=timezone.now(),
        approved_by=world.actors["broker_haarlem"], published_at=timezone.now())
    public.refresh_from_db()
