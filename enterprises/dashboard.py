"""The enterprises' part of the dashboards and the home page (declared in apps.py)."""

from impactportal import access

from .constants import AdmissionStatus
from .models import SHOWCASE, Enterprise


def broker_figures(user):
    org_ids = access.organisation_ids(user, access.BROKER)
    enterprises = Enterprise.objects.for_user(user).filter(municipality__in=org_ids)
    return {
        "enterprises": enterprises.count(),
        "awaiting_admission": enterprises.filter(
            admission_status__in=[AdmissionStatus.APPLIED, AdmissionStatus.UNDER_REVIEW]).count(),
    }


def showcase_count(user):
    return {"showcase_count": Enterprise.objects.for_user(user).filter(SHOWCASE).count()}


def own_enterprises(user):
    return {"enterprises": list(Enterprise.objects.for_user(user, "represent")
                                .select_related("municipality"))}
