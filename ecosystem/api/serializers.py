from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from enterprises.models import Enterprise
from impactportal.api.fields import OwnerSlugField
from impactportal.api.serializers import PortalModelSerializer

from ..models import Party, RegionalAgreement


class PartySerializer(PortalModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    # Not a "uri" in the schema: a party without a website has an empty string.
    website = serializers.CharField(read_only=True, help_text="The party's website; empty when unknown.")
    enterprise = serializers.SerializerMethodField(
        help_text="The register's enterprise this party is, where you may see that enterprise; otherwise null.")

    class Meta:
        model = Party
        fields = ["id", "name", "category", "organisation", "website", "region", "description", "enterprise",
                  "is_published"]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_enterprise(self, party):
        # As the party's page links it: an unpublished enterprise's id told anyone, visitors
        # included, that this party is in the register. One query per page (the page's ids).
        if party.enterprise_id is None:
            return None
        return party.enterprise_id if party.enterprise_id in self._visible_enterprises(party) else None

    def _visible_enterprises(self, party) -> set:
        visible = getattr(self, "_visible", None)
        if visible is None:
            rows = getattr(self.parent, "instance", None) if self.parent is not None else None
            ids = {row.enterprise_id for row in (rows if rows is not None else [party]) if row.enterprise_id}
            ids.add(party.enterprise_id)
            visible = self._visible = set(Enterprise.objects.for_user(self.context["request"].user)
                                          .filter(pk__in=ids).values_list("pk", flat=True))
        return visible


class RegionalAgreementSerializer(PortalModelSerializer):
    region = OwnerSlugField()

    class Meta:
        model = RegionalAgreement
        fields = ["id", "region", "title", "theme", "description", "start_date"]
