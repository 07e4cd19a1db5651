from django.conf import settings
from rest_framework import serializers

from impactportal.api.serializers import PortalModelSerializer

from ..models import Membership, Organisation, Programme, Region


class OrganisationSerializer(PortalModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "slug", "name", "kind", "cbs_code", "website"]


class RegionSerializer(PortalModelSerializer):
    members = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Region
        fields = ["id", "slug", "name", "description", "members"]


class ProgrammeSerializer(PortalModelSerializer):
    lead_organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    phases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    tracks = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = Programme
        fields = ["id", "slug", "name", "description", "start_date", "end_date", "lead_organisation", "phases",
                  "tracks"]


class MembershipSerializer(PortalModelSerializer):
    # Each membership has one of organisation, programme or enterprise; the others are null.
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    enterprise = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Membership
        # is_admin: functional administrator of the organisation (``access.FUNCTIONAL_ADMIN``).
        fields = ["role", "organisation", "department", "programme", "enterprise", "is_coordinator", "is_admin"]


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField(source="get_full_name")
    is_superuser = serializers.BooleanField()
    # The language of the user's mails (``notifications.mail_language``); "" none chosen: the portal's
    # default. Read-only here, as the rest of ``me``: set on the account page or by the language switch.
    language = serializers.ChoiceField(choices=settings.LANGUAGES, allow_blank=True, read_only=True)
    memberships = MembershipSerializer(many=True, source="held_memberships")  # not a pending invitation
