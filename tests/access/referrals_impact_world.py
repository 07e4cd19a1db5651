"""Objects of issue 10 parts 4 and 6 in the permission-matrix world (imported at the end of
conftest): external referrals of the helpdesk cases and impact measurements of enterprises."""

import datetime as dt

from .conftest import builder

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@builder("helpdesk_external_referrals")
def _external_referrals(world):
    from django.utils import timezone

    from brokers.helpdesk import referrals

    for key in ("haarlem", "amersfoort"):
        world[f"referral_{key}"] = referrals.referral_create(
            case=world[f"case_{key}"], by=world.actors[f"broker_{key}"], kind="uwv", party_name=f"UWV {key}",
            note="Vraag over loonkostensubsidie", follow_up_on=timezone.localdate() + dt.timedelta(days=7))


@builder("impact_measurement")
def _impact_measurement(world):
    """Private variants: the measurements of enterprise_haarlem / enterprise_amersfoort (not in
    the showcase). Public variant: the showcase enterprise with the enterprise's consent. And a
    showcase enterprise whose measurement is private because it did not consent."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from enterprises.constants import AdmissionStatus
    from enterprises.models import ImpactIndicator, ImpactMeasurement
    from tests import factories as f

    world["enterprise_noconsent"] = f.EnterpriseFactory(
        name="Etalagebedrijf zonder toestemming", municipality=world["haarlem"], is_published=True,
        admission_status=AdmissionStatus.ADMITTED)
    plan = {"impact_haarlem": (world["enterprise_haarlem"], True),  # consent, but not in the showcase
            "impact_amersfoort": (world["enterprise_amersfoort"], False),
            "impact_public": (world["enterprise_published"], True),
            "impact_noconsent": (world["enterprise_noconsent"], False)}
    for key, (enterprise, consent) in plan.items():
        measurement = ImpactMeasurement.objects.create(
            enterprise=enterprise, method="impactpad", show_in_showcase=consent, report_date=dt.date(2025, 3, 1),
            period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
            report=SimpleUploadedFile(f"impactrapport-{key}.pdf", PDF))
        ImpactIndicator.objects.create(measurement=measurement, name=f"Banen {key}", value=4, unit="personen",
                                       period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                                       source="Impactrapport 2024")
        world[key] = measurement
