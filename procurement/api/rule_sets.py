"""``/api/v1/procurement/rule-sets/``: SROI rule sets with their building blocks.

Everyone with a broker or colleague role reads them; owners create and change them with the
blocks nested (a write replaces the blocks). A rule set a contract pinned refuses changes (409):
publish a new version instead (``POST …/{id}/new-version/``)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from enterprises.constants import Scheme
from impactportal import access
from impactportal.api.fields import OwnerSlugField
from impactportal.api.serializers import ModelCleanSerializer
from impactportal.api.viewsets import ActionMixin, ScopedModelViewSet, as_api_error

from .. import services_rule_sets as rules
from ..filters.rule_sets import RuleSetFilter
from ..models import Block, RuleSet
from ..services import is_pinned


class Pinned(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "pinned"


class BlockSerializer(ModelCleanSerializer):
    # Scheme codes (pso_1, pso_2, …); checked here rather than as a ChoiceField, whose enum would
    # duplicate the certificates' SchemeEnum in the schema.
    required_schemes = serializers.ListField(child=serializers.CharField(max_length=20), required=False,
                                             help_text="Certificate scheme codes, e.g. pso_2.")

    class Meta:
        model = Block
        fields = ["code", "kind", "name", "name_en", "value", "share", "max_years", "required_schemes",
                  "reduction_percentage", "level", "notes", "notes_en", "order"]
        # The rule set is not known yet while a nested block is validated; the code's uniqueness
        # within the rule set is checked on the list of blocks.
        validators = []

    def _model_field_names(self):
        return {name: name for name in self.Meta.fields}

    def validate_required_schemes(self, codes):
        unknown = [code for code in codes if code not in Scheme.values]
        if unknown:
            raise serializers.ValidationError(_("Onbekend certificaat: %(codes)s.") % {"codes": ", ".join(unknown)})
        return codes

    def validate(self, attrs):
        errors = rules.block_errors(attrs)
        if errors:
            raise serializers.ValidationError(errors)
        instance = Block(**attrs)
        try:
            instance.full_clean(exclude=["rule_set"], validate_unique=False, validate_constraints=False)
        except DjangoValidationError as error:
            raise serializers.ValidationError(self.model_errors(error)) from error
        return attrs


class OwnerField(OwnerSlugField):
    """An organisation or region by slug; on write only owners the user may change rule sets under."""

    def __init__(self, path, **kwargs):
        self.path = path
        super().__init__(required=False, allow_null=True, **kwargs)

    def get_queryset(self):
        return access.owner_choices(self.context["request"].user, RuleSet, path=self.path)


class OwnerSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["organisation", "region"])
    slug = serializers.CharField()
    name = serializers.CharField()


class RuleSetSerializer(ModelCleanSerializer):
    organisation = OwnerField("organisation")
    region = OwnerField("region")
    owner = serializers.SerializerMethodField()
    blocks = BlockSerializer(many=True, required=False)
    contract_count = serializers.IntegerField(read_only=True, help_text="Contracts that pinned this version.")

    class Meta:
        model = RuleSet
        fields = ["id", "name", "version", "owner", "organisation", "region", "valid_from", "valid_until",
                  "obligation_percentage", "threshold", "cap", "is_example", "source", "notes", "previous",
                  "contract_count", "blocks", "created_at", "updated_at"]
        read_only_fields = ["version", "previous", "created_at", "updated_at"]
        # The owner is an organisation or a region: DRF's unique-together validators would make
        # both required. full_clean() checks the constraints (ModelCleanSerializer).
        validators = []

    @extend_schema_field(OwnerSerializer)
    def get_owner(self, obj):
        """The organisation or region the rule set belongs to (write ``organisation`` or ``region``)."""
        owner = obj.owner
        return {"type": "organisation" if obj.organisation_id else "region", "slug": owner.slug, "name": owner.name}

    def validate_blocks(self, blocks):
        codes = [block["code"] for block in blocks]
        if len(codes) != len(set(codes)):
            raise serializers.ValidationError(rules.DUPLICATE_CODE)
        return blocks

    def validate(self, attrs):
        blocks = attrs.pop("blocks", None)
        attrs = super().validate(attrs)
        if blocks is not None:
            attrs["blocks"] = blocks
        return attrs

    def create(self, validated_data):
        blocks = validated_data.pop("blocks", [])
        rule_set = rules.rule_set_save(rule_set=RuleSet(**validated_data), by=self.context["request"].user)
        rules.blocks_replace(rule_set=rule_set, blocks=blocks, by=self.context["request"].user)
        return rule_set

    def update(self, instance, validated_data):
        blocks = validated_data.pop("blocks", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        rule_set = rules.rule_set_save(rule_set=instance, by=self.context["request"].user)
        if blocks is not None:
            rules.blocks_replace(rule_set=rule_set, blocks=blocks, by=self.context["request"].user)
        return rule_set


class NewVersionSerializer(serializers.Serializer):
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class RuleSetViewSet(ActionMixin, ScopedModelViewSet):
    queryset = (RuleSet.objects.select_related("organisation", "region")
                .prefetch_related(Prefetch("blocks", queryset=Block.objects.order_by("order", "id")))
                .annotate(contract_count=Count("contracts", distinct=True)))
    serializer_class = RuleSetSerializer
    filterset_class = RuleSetFilter
    ordering_fields = ["name", "valid_from", "version", "created_at"]
    ordering = ["name", "-version", "pk"]

    def _refuse_pinned(self, rule_set):
        if is_pinned(rule_set):
            raise Pinned(rules.pinned_message(rule_set))

    def perform_update(self, serializer):
        self._save(serializer, update=True)

    def perform_create(self, serializer):
        self._save(serializer)

    def _save(self, serializer, update=False):
        try:
            with transaction.atomic():
                if update:  # pinned or not as it is now, on the locked rule set
                    self._refuse_pinned(self.lock(serializer))
                serializer.save()
        except DjangoValidationError as error:
            raise as_api_error(error) from error

    def perform_destroy(self, instance):
        self._refuse_pinned(instance)
        try:
            rules.rule_set_delete(rule_set=instance, by=self.request.user)
        except DjangoValidationError as error:
            raise Pinned(" ".join(error.messages)) from error

    def get_response_object(self, rule_set):
        return self.get_queryset().get(pk=rule_set.pk)

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        response.data = self.get_serializer(self.get_response_object(self.get_object())).data
        return response

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        return Response(self.get_serializer(self.get_response_object(serializer.instance)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=NewVersionSerializer, responses={201: RuleSetSerializer})
    @action(detail=True, methods=["post"], url_path="new-version", filter_backends=[])
    def new_version(self, request, pk=None):
        """Make a new version of a rule set

        Copies the rule set with every block into a new version with the next version number and
        its own validity (`valid_from`, optionally `valid_until`); answers 201 with the new version."""
        return self.run_action(
            access.CHANGE, NewVersionSerializer,
            lambda rule_set, data: rules.rule_set_new_version(
                rule_set=rule_set, by=request.user, valid_from=data["valid_from"],
                valid_until=data.get("valid_until"), notes=data.get("notes") or None),
            output_serializer=lambda new, context: RuleSetSerializer(self.get_response_object(new), context=context),
            response_status=status.HTTP_201_CREATED)
