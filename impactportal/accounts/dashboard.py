"""The steering group's dashboard panel: the programmes the user steers; the user's own
memberships and pending invitations (dashboard notice, account page)."""

from django.db.models import Count
from django.urls import reverse

from impactportal import access

from .models import Membership, Programme
from .services import role_phrase


def steering_programmes(user):
    return {
        "programmes": list(
            Programme.objects.filter(pk__in=access.programme_ids(user))
            .annotate(participant_count=Count("participants"))
            .prefetch_related("phases", "tracks")
        )
    }


def pending_invitations(user) -> list:
    """The user's own invitations that wait for them (the ones ``staff:membership-accept`` opens):
    they give no role until accepted. Each with ``role_phrase`` and ``accept_url``."""
    invitations = list(access.scope(user, Membership.objects.select_related("organisation"), "accept")
                       .order_by("created_at", "pk"))
    for invitation in invitations:
        invitation.role_phrase = role_phrase(invitation.role, invitation.department)
        invitation.accept_url = reverse("staff:membership-accept", args=[invitation.pk])
    return invitations


def own_memberships(user) -> list:
    """The memberships that give the user their roles (accepted only: ``access.memberships``), with
    what each is for (organisation, programme, enterprise or region, partner organisation)."""
    pks = [membership.pk for membership in access.memberships(user)]
    if not pks:
        return []
    return list(Membership.objects.filter(pk__in=pks)
                .select_related("organisation", "programme", "enterprise", "region", "partner_organisation")
                .order_by("role", "pk"))
