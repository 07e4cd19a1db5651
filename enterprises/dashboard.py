"""The enterprises' part of the dashboards and the home page (declared in apps.py)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from impactportal import access
from impactportal.accounts.constants import OrganisationKind
from impactportal.accounts.provinces import municipalities_in, province_of
from impactportal.ui.cache import cached

from .filters import AWAITING, AWAITING_STATUSES
from .models import SHOWCASE, ContactMoment, Enterprise, overdue_follow_ups


def broker_figures(user):
    own = own_municipality(user)
    province = None if own else own_province(user)
    if province is not None:  # a province's broker: the enterprises of its municipalities
        enterprises = Enterprise.objects.for_user(user).filter(municipality__in=municipalities_in(province[0]))
        scope = f"province={province[0]}"
    else:
        enterprises = Enterprise.objects.for_user(user).filter(
            municipality__in=access.organisation_ids(user, access.BROKER))
        scope = f"municipality={own.slug}" if own else "mine=true"
    return {
        **enterprises.aggregate(  # one query for both tiles
            enterprises=Count("pk"), awaiting_admission=Count("pk", filter=Q(admission_status__in=AWAITING_STATUSES))),
        # The register filtered on exactly what the tile counts (one municipality or a province: the
        # register's default; several: "mine", else the register opened on the whole country).
        "province": province[1] if province else "",
        "register_url": f"{reverse('enterprises:register')}?{scope}",
        "awaiting_url": f"{reverse('enterprises:register')}?admission_status={AWAITING}&{scope}",
    }


def follow_ups(user):
    """The broker's own follow-ups: contact moments they own with an open follow-up."""
    moments = ContactMoment.objects.for_user(user).filter(owner=user, follow_up_on__isnull=False,
                                                          follow_up_done=False)
    today = timezone.localdate()
    return {
        **moments.aggregate(follow_ups=Count("pk"), overdue_follow_ups=Count("pk", filter=overdue_follow_ups(today))),
        "follow_ups_url": reverse("enterprises:contact-list") + "?owner=me&follow_up_open=true",
    }


def own_municipality(user):
    """The municipality a broker works for (or whose desk a network partner runs), when there is
    exactly one: their register's default."""
    municipalities = [organisation for organisation in access.organisations(user, access.BROKER, access.PARTNER)
                      if organisation.kind == OrganisationKind.GEMEENTE]
    return municipalities[0] if len(municipalities) == 1 else None


def own_province(user) -> tuple[str, str] | None:
    """The province a broker works for (``(slug, name)``), when they work for exactly one province
    and no municipality: their register's default, as ``own_municipality`` is a municipal broker's."""
    organisations = access.organisations(user, access.BROKER, access.PARTNER)
    if any(organisation.kind == OrganisationKind.GEMEENTE for organisation in organisations):
        return None
    own = [organisation for organisation in organisations if organisation.kind == OrganisationKind.PROVINCIE]
    if len(own) != 1:
        return None
    name = province_of(own[0])
    return (slugify(name), name) if name else None


def showcase_count(user):
    """The showcase's size, which is the same for every user (its rows are public) and took a
    national COUNT on every signed-in home page and colleague's dashboard (23 ms over 100,000
    enterprises): kept in the showcase's cache, made stale by every change to an enterprise."""
    return {"showcase_count": cached("showcase", "count", Enterprise.objects.filter(SHOWCASE).count)}


def colleague_showcase(user):
    """The showcase tile of a colleague: the admitted enterprises of their own municipality, linking
    to the showcase filtered on it, so the tile counts exactly what it opens (122 "to work with"
    counted the whole country while Haarlem had 14). Several or no municipalities: the national
    showcase, and the tile says so."""
    municipalities = [organisation for organisation in access.organisations(user, access.COLLEAGUE)
                      if organisation.kind == OrganisationKind.GEMEENTE]
    if len(municipalities) != 1:
        return {**showcase_count(user), "showcase_url": reverse("etalage"), "municipality": None}
    own = municipalities[0]
    count = cached("showcase", f"count-{own.pk}", Enterprise.objects.filter(SHOWCASE, municipality=own).count)
    return {"showcase_count": count, "municipality": own,
            "showcase_url": reverse("etalage") + f"?municipality={own.slug}"}


def own_enterprises(user):
    return {"enterprises": list(Enterprise.objects.for_user(user, "represent")
                                .select_related("municipality"))}
