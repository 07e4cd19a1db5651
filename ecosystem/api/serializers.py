from rest_framework import serializers

from impactportal.api.fields import OwnerSlugField
from impactportal.api.serializers import PortalModelSerializer

from ..models import Party, RegionalAgreement


class PartySerializer(PortalModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    # Not a "uri" in the schema: a party without a website has an empty string.
    website = serializers.CharField(read_only=True, help_text="The party's website; empty when unknown.")

    class Meta:
        model = Party
        fields = ["id", "name", "category", "organisation", "website", "region", "description", "enterprise",
                  "is_published"]
        read_only_fields = fields


class RegionalAgreementSerializer(PortalModelSerializer):
    region = OwnerSlugField()

    class Meta:
        model = RegionalAgreement
        fields = ["id", "region", "title", "theme", "description", "start_date"]
