"""The enterprises' part of the dashboards and the home page (declared in apps.py)."""

from django.urls import reverse

from impactportal import access
from impactportal.accounts.constants import OrganisationKind
from impactportal.accounts.models import Organisation

from .constants import AdmissionStatus
from .models import SHOWCASE, Enterprise


def broker_figures(user):
    org_ids = access.organisation_ids(user, access.BROKER)
    enterprises = Enterprise.objects.for_user(user).filter(municipality__in=org_ids)
    own = own_municipality(user)
    return {
        "enterprises": enterprises.count(),
        # The register filtered on exactly what the tile counts (one municipality: its default).
        "register_url": reverse("enterprises:register") + (f"?municipality={own.slug}" if own else ""),
        "awaiting_admission": enterprises.filter(
            admission_status__in=[AdmissionStatus.APPLIED, AdmissionStatus.UNDER_REVIEW]).count(),
    }


def own_municipality(user):
    """The municipality a broker works for, when there is exactly one: their register's default."""
    municipalities = list(Organisation.objects.filter(pk__in=access.organisation_ids(user, access.BROKER),
                                                      kind=OrganisationKind.GEMEENTE)[:2])
    return municipalities[0] if len(municipalities) == 1 else None


def showcase_count(user):
    return {"showcase_count": Enterprise.objects.for_user(user).filter(SHOWCASE).count()}


def own_enterprises(user):
    return {"enterprises": list(Enterprise.objects.for_user(user, "represent")
                                .select_related("municipality"))}
