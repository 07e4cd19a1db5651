from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from impactportal.api.fields import ChangeableField, OwnerSlugField
from impactportal.api.serializers import ModelCleanSerializer

from ..constants import TeamQuality
from ..models import BrokerTeam, BudgetLine, Mandate
from ..models.bounds import PROGRAMME_FIRST_YEAR


class BrokerTeamSerializer(ModelCleanSerializer):
    organisation = OwnerSlugField()
    qualities = serializers.ListField(
        child=serializers.ChoiceField(choices=TeamQuality.choices), required=False, max_length=len(TeamQuality)
    )

    class Meta:
        model = BrokerTeam
        fields = ["id", "organisation", "name", "form", "network_partner", "description", "qualities", "mailbox",
                  "created_at"]
        read_only_fields = ["created_at"]


class MandateSerializer(ModelCleanSerializer):
    team = ChangeableField(queryset=BrokerTeam.objects.all())
    organisation = serializers.SlugRelatedField(source="team.organisation", slug_field="slug", read_only=True)
    is_valid_today = serializers.BooleanField(
        read_only=True, help_text=_("Of het mandaat vandaag geldt (datum in Nederland): van valid_from tot en met "
                                    "valid_until, of zonder einde als valid_until leeg is."))

    class Meta:
        model = Mandate
        fields = ["id", "team", "organisation", "granted_by", "decision_reference", "decision_date", "scope",
                  "valid_from", "valid_until", "is_valid_today"]


class BudgetLineSerializer(ModelCleanSerializer):
    organisation = OwnerSlugField()
    programme = serializers.SlugRelatedField(slug_field="slug", queryset=BudgetLine.programme.field.related_model.objects.all(),
                                             required=False, allow_null=True)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, coerce_to_string=True)
    # Declared: the schema cannot state the model's moving maximum (this year + 10, a function), which
    # the model checks (``full_clean``) with the form's message.
    year = serializers.IntegerField(min_value=PROGRAMME_FIRST_YEAR, help_text=_(
        "Vanaf 2000 tot en met tien jaar na dit jaar, zoals de jaren van een actieprogramma."))

    class Meta:
        model = BudgetLine
        fields = ["id", "organisation", "programme", "year", "kind", "description", "amount"]
