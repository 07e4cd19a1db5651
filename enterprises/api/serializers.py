from rest_framework import serializers

from impactportal.api.fields import OwnerSlugField

from ..models import Enterprise


class EnterpriseSerializer(serializers.ModelSerializer):
    municipality = OwnerSlugField()

    class Meta:
        model = Enterprise
        fields = ["id", "name", "kvk_number", "municipality", "description", "website", "is_published",
                  "admission_status"]
        read_only_fields = ["admission_status"]
