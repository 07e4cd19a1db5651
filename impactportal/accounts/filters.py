"""The staff list's FilterSet (``staff_views.MemberList``)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from impactportal.ui.columns import YES_NO_CHOICE

from . import services
from .constants import Department

ACTIVE, INVITED, INACTIVE = "active", "invited", "inactive"


def _organisations(request):
    """The organisations whose staff the user manages (the choice is shown only to who has several)."""
    return services.invitable_organisations(request.user) if request is not None else services.Organisation.objects.none()


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Naam of e-mailadres"))
    role = django_filters.ChoiceFilter(choices=[(role.value, role.label) for role in services.LISTED_ROLES],
                                       label=_("Rol"))
    department = django_filters.ChoiceFilter(choices=Department.choices, label=_("Afdeling"))
    is_admin = django_filters.BooleanFilter(label=_("Functioneel beheerder"), widget=YES_NO_CHOICE)
    status = django_filters.ChoiceFilter(method="by_status", label=_("Status"), choices=[
        (ACTIVE, _("Actief")), (INVITED, _("Uitgenodigd")), (INACTIVE, _("Account gedeactiveerd"))])
    organisation = django_filters.ModelChoiceFilter(queryset=_organisations, to_field_name="slug",
                                                    label=_("Organisatie"))

    class Meta:
        model = services.Membership
        fields = ["q", "role", "department", "is_admin", "status", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One organisation (every administrator of a single municipality): no choice to offer.
        if self.request is not None and len(services.invitable_organisations(self.request.user)[:2]) < 2:
            self.filters.pop("organisation")

    def search(self, queryset, name, value):
        """Every word in the name, user name or e-mail address ("hanna makelaar"), as the list shows
        them: a pending invitation by what the administrator typed (``services.listed_memberships``),
        never by its account's own name."""
        for word in value.split()[:5]:
            queryset = queryset.filter(Q(shown_first_name__icontains=word) | Q(shown_last_name__icontains=word)
                                       | Q(shown_email__icontains=word)
                                       | Q(accepted_at__isnull=False, user__username__icontains=word))
        return queryset

    def by_status(self, queryset, name, value):
        """As ``services.member_status``: a pending invitation is "Uitgenodigd" whatever its account."""
        invited = Q(accepted_at__isnull=True) | Q(**{f"user__{key}": found for key, found in services.PENDING.children})
        if value == ACTIVE:
            return queryset.filter(accepted_at__isnull=False, user__is_active=True)
        if value == INVITED:
            return queryset.filter(invited)
        return queryset.filter(user__is_active=False).exclude(invited)
