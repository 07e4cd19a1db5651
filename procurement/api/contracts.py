"""``/api/v1/procurement/contracts/`` and ``/api/v1/procurement/realisations/``: contracts with
their obligation and figures (decimals as strings in euros), realisation lines entered on a
contract (valued at once), and their assessment. Writes go through the services."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.response import Response

from enterprises.models import Enterprise, OfferingCategory
from impactportal import access
from impactportal.api.fields import OwnerSlugField
from impactportal.api.serializers import KnownFieldsOnly, PortalModelSerializer
from impactportal.api.viewsets import ActionMixin, ScopedModelViewSet, ScopedReadOnlyViewSet
from impactportal.money import POSITIVE_AMOUNT_MESSAGE

from .. import services, services_contracts
from ..constants import LINE_FIELDS, NOT_A_LINE, BlockKind
from ..filters.contracts import ContractFilter, RealisationFilter
from ..forms.contracts import seller_enterprises
from ..models import Block, Contract, Realisation, RuleSet
from ..views.contracts import contract_queryset
from .matching import MatchesActionMixin

MONEY = {"max_digits": 14, "decimal_places": 2, "read_only": True}


class VisibleEnterpriseField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return Enterprise.objects.for_user(self.context["request"].user)


class VisibleRuleSetField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return RuleSet.objects.for_user(self.context["request"].user)


class ContractSerializer(PortalModelSerializer):
    organisation = OwnerSlugField()
    category = serializers.SlugRelatedField(slug_field="slug", queryset=OfferingCategory.objects.all(),
                                            required=False, allow_null=True)
    supplier = VisibleEnterpriseField(required=False, allow_null=True)
    supplier_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    rule_set = VisibleRuleSetField(required=False, allow_null=True,
                                   help_text="Optional on creation (default: the organisation's own rule set, else "
                                             "its region's, valid on the award date); fixed afterwards.")
    rule_set_name = serializers.CharField(source="rule_set.__str__", read_only=True)
    obligation = serializers.DecimalField(**MONEY)
    obligation_explanation = serializers.CharField(read_only=True)
    realised = serializers.DecimalField(**MONEY, help_text="Verified lines only (measured).")
    reported = serializers.DecimalField(**MONEY, help_text="Submitted, not yet verified (self-declared); a pending "
                                        "'other' line at its claimed amount.")
    remaining = serializers.DecimalField(**MONEY)

    class Meta:
        model = Contract
        fields = ["id", "organisation", "title", "reference", "category", "value", "award_date", "end_date",
                  "supplier", "supplier_name", "rule_set", "rule_set_name", "obligation", "obligation_explanation",
                  "realised", "reported", "remaining", "status", "closed_at", "created_at", "updated_at"]
        read_only_fields = ["status", "closed_at", "created_at", "updated_at"]
        # DRF turns the model's minimum into its own (English-worded) check: the model's message.
        extra_kwargs = {"value": {"error_messages": {"min_value": POSITIVE_AMOUNT_MESSAGE}}}


class ContractBlockSerializer(PortalModelSerializer):
    """A building block as a supplier reports against it: what it is called and how it is valued."""

    name = serializers.SerializerMethodField(help_text="In the request's language (Dutch where it has no English).")

    class Meta:
        model = Block
        fields = ["code", "kind", "name", "value", "share", "max_years"]
        read_only_fields = fields

    def get_name(self, block) -> str:
        return block.in_language("name")


class RealisationSerializer(PortalModelSerializer):
    block = serializers.SlugRelatedField(slug_field="code", read_only=True)
    kind = serializers.CharField(source="block.kind", read_only=True)
    bonuses = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    explanation = serializers.CharField(read_only=True)
    evidence_url = serializers.SerializerMethodField()

    class Meta:
        model = Realisation
        fields = ["id", "contract", "block", "kind", "date", "fte", "months", "amount", "hours", "bonuses",
                  "candidate_ref", "seller", "justification", "description", "value", "explanation", "status",
                  "rejection_reason", "verified_at", "evidence_url", "created_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_evidence_url(self, obj):
        # Only the names of the file's route; the download itself checks the "evidence" grant.
        return reverse("procurement:realisation-evidence", args=[obj.pk]) if obj.evidence else None


class RealisationInputSerializer(serializers.Serializer):
    """A line as the supplier reports it. Which fields a block's kind needs or refuses is the
    service's decision: a field sent that the kind does not accept is a 400 on that field."""

    block = serializers.CharField(max_length=60, help_text="Code of a block of the contract's pinned rule set.")
    date = serializers.DateField()
    fte = serializers.DecimalField(max_digits=4, decimal_places=2, required=False, allow_null=True)
    months = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, allow_null=True)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    hours = serializers.DecimalField(max_digits=8, decimal_places=2, required=False, allow_null=True)
    bonuses = serializers.ListField(child=serializers.CharField(max_length=60), required=False, max_length=20)
    candidate_ref = serializers.CharField(max_length=40, required=False, allow_blank=True)
    seller = serializers.IntegerField(required=False, allow_null=True, help_text="Enterprise id of the seller.")
    justification = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    confirm_duplicate = serializers.BooleanField(
        required=False, default=False,
        help_text="A line with the same date, kind and values as a line of the contract that is not rejected is "
                  "refused as a possible duplicate (400 on this field) unless this is true.")


class RealisationCorrectionSerializer(KnownFieldsOnly, RealisationInputSerializer):
    """The same fields as a new line, every one optional; another field (``status``) is refused,
    not ignored: a PATCH of ``{"status": "verified"}`` was a correction of nothing."""

    block = serializers.CharField(max_length=60, required=False)
    date = serializers.DateField(required=False)
    confirm_duplicate = serializers.BooleanField(
        required=False, default=False,
        help_text="A correction that makes the line report the same date, kind and values as another line of the "
                  "contract that is not rejected is refused as a possible duplicate (400 on this field) unless this "
                  "is true, as on the correction form.")


def _seller(user, pk):
    """The seller of a purchase line, as the screen's form takes it: an admitted impact enterprise
    the user may see (only purchases from those count). The API took any enterprise it could see,
    a line the screen then refused to correct."""
    seller = seller_enterprises(user).filter(pk=pk).first()
    if seller is None:
        if Enterprise.objects.for_user(user).filter(pk=pk).exists():
            raise ValidationError({"seller": _("Deze onderneming is niet toegelaten als impactonderneming; alleen "
                                               "inkoop bij toegelaten impactondernemingen telt.")})
        raise ValidationError({"seller": _("Onbekende onderneming.")})
    return seller


def record_line(contract, data, user):
    """Resolve the block code and the seller, then let the service validate and value the line."""
    block = next((b for b in contract.rule_set.blocks.all() if b.code == data["block"]), None)
    if block is None or block.kind in NOT_A_LINE:
        raise ValidationError({"block": _block_error(data["block"])})
    values = {name: data[name] for name in LINE_FIELDS if name in data}
    if values.get("seller") is not None:
        values["seller"] = _seller(user, values["seller"])
    values.update(date=data["date"], description=data.get("description", ""))
    if not data.get("confirm_duplicate") and services.possible_duplicates(
            contract=contract, kind=block.kind, values=values, user=user).exists():
        raise ValidationError({"confirm_duplicate": _(
            "Er staat al een realisatie met dezelfde datum en dezelfde gegevens op dit contract. Stuur "
            "confirm_duplicate: true als dit een andere realisatie is.")})
    return services.realisation_record(contract=contract, block=block, by=user, values=values)


def correct_line(line, data, user):
    """A correction of ``line``: the fields sent replace the line's; the block cannot change."""
    if "block" in data and data["block"] != line.block.code:
        raise ValidationError({"block": _("Het bouwblok van een regel verandert niet: meld een nieuwe regel.")})
    values = {name: data[name] for name in LINE_FIELDS if name in data}
    if values.get("seller") is not None:
        values["seller"] = _seller(user, values["seller"])
    if "bonuses" in values:
        bonuses = {b.code: b for b in line.contract.rule_set.blocks.all() if b.kind == BlockKind.BONUS}
        unknown = [code for code in values["bonuses"] if code not in bonuses]
        if unknown:
            raise ValidationError({"bonuses": _("Onbekende bonus: %(codes)s.") % {"codes": ", ".join(unknown)}})
        values["bonuses"] = [bonuses[code] for code in values["bonuses"]]
    for name in ("date", "description"):
        if name in data:
            values[name] = data[name]
    # The line as corrected resembling another (the correction form's check, ``RealisationForm.clean``).
    corrected = {name: getattr(line, name) for name in (*LINE_FIELDS, "date") if name != "bonuses"} | values
    if not data.get("confirm_duplicate") and services.possible_duplicates(
            contract=line.contract, kind=line.block.kind, values=corrected, user=user, exclude=line).exists():
        raise ValidationError({"confirm_duplicate": _(
            "Er staat al een realisatie met dezelfde datum en dezelfde gegevens op dit contract. Stuur "
            "confirm_duplicate: true als dit een andere realisatie is.")})
    return services.realisation_update(realisation=line, by=user, values=values)


def _block_error(code):
    return _("Bouwblok '%(code)s' staat niet als realisatie in de regeling van dit contract.") % {"code": code}


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class InviteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    email = serializers.EmailField()


def realisation_queryset():
    return Realisation.objects.select_related("block").prefetch_related("bonuses")


class ContractViewSet(MatchesActionMixin, ActionMixin, ScopedModelViewSet):
    queryset = contract_queryset()
    serializer_class = ContractSerializer
    filterset_class = ContractFilter
    ordering_fields = ["award_date", "end_date", "value", "obligation", "realised", "remaining_amount", "title"]
    ordering = ["-award_date", "-id"]

    def destroy(self, request, *args, **kwargs):
        """Contracts are closed, not deleted (their realisations are the record); outside the
        scope it is a 404 as for every method."""
        self.get_object()
        raise MethodNotAllowed(request.method, detail=_("Een contract wordt afgesloten, niet verwijderd."))

    def perform_create(self, serializer):
        with transaction.atomic():
            contract = Contract(**serializer.validated_data)
            serializer.instance = services.contract_save(contract=contract, by=self.request.user)

    def perform_update(self, serializer):
        with transaction.atomic():
            serializer.instance = services.contract_save(contract=self.changed_row(serializer), by=self.request.user)
        self.reload(serializer)

    @extend_schema(methods=["GET"], responses=RealisationSerializer(many=True), filters=False)
    @extend_schema(methods=["POST"], request=RealisationInputSerializer, responses={201: RealisationSerializer})
    @action(detail=True, methods=["get", "post"], filter_backends=[], serializer_class=RealisationSerializer)
    def realisations(self, request, pk=None):
        """GET: the contract's lines, oldest first; paginated with `page` like the other lists.
        POST: report a line; it is valued at once with the contract's rule set and answers 201 with
        the line, which then awaits verification."""
        if request.method == "POST":
            return self.run_action("report", RealisationInputSerializer,
                                   lambda contract, data: record_line(contract, data, request.user),
                                   output_serializer=RealisationSerializer, response_status=status.HTTP_201_CREATED)
        contract = self.get_object()
        lines = realisation_queryset().filter(contract=contract).order_by("date", "id")
        page = self.paginate_queryset(access.scope(request.user, lines))
        return self.get_paginated_response(RealisationSerializer(page, many=True).data)

    @extend_schema(responses=ContractBlockSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None,
            serializer_class=ContractBlockSerializer)
    def blocks(self, request, pk=None):
        """The building blocks a line of this contract can report

        The codes for `block` and `bonuses` of a new line (`realisations/`): the blocks of the
        contract's pinned rule set, in its order, as its reporting form offers them. For whoever
        may see the contract, the supplier included (who cannot open the rule set itself)."""
        contract = self.get_object()
        # A line's own blocks and the bonuses added to one; a certificate lowers the obligation.
        blocks = Block.objects.filter(rule_set=contract.rule_set_id).exclude(kind=BlockKind.CERTIFICATE)
        return Response(ContractBlockSerializer(blocks.order_by("order", "id"), many=True).data)

    @extend_schema(request=None, responses=ContractSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def close(self, request, pk=None):
        """Close the contract for good

        A broker of the contracting organisation closes the contract: the obligation and the
        realisations become final (no lines can be reported or corrected any more) and the status
        no longer follows the calendar. This cannot be undone: there is no reopening, in the API
        or in the portal. Takes no body. A 400 when the contract is closed already or when lines
        still await assessment (verify or reject them first)."""
        return self.run_action("verify", None, lambda contract, data: services.contract_close(
            contract=contract, by=request.user))

    @extend_schema(request=InviteSerializer, responses=ContractSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def invite(self, request, pk=None):
        """Invite the contractor's contact person

        A broker of the contracting organisation invites the supplier's contact person (`name`,
        `email`) by e-mail: an account without membership that sees and reports on this contract only."""
        return self.run_action("verify", InviteSerializer, lambda contract, data: services_contracts.contact_invite(
            contract=contract, name=data["name"], email=data["email"], by=request.user))


class RealisationViewSet(ActionMixin, ScopedReadOnlyViewSet):
    queryset = realisation_queryset()
    serializer_class = RealisationSerializer
    filterset_class = RealisationFilter
    ordering_fields = ["date", "value", "created_at"]
    ordering = ["-date", "-id"]

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        """Only PATCH corrects (the fields sent); outside the scope it is a 404 as for every method."""
        self.get_object()
        raise MethodNotAllowed(request.method, detail=_("Corrigeer een regel met PATCH."))

    @extend_schema(exclude=True)
    def destroy(self, request, *args, **kwargs):
        self.get_object()
        raise MethodNotAllowed(request.method, detail=_("Een realisatie wordt afgewezen, niet verwijderd."))

    @extend_schema(request=RealisationCorrectionSerializer, responses=RealisationSerializer)
    def partial_update(self, request, pk=None):
        """Correct a line (the fields sent replace the line's and it is valued again): the
        supplier's people while it awaits assessment, a broker of the contracting organisation at
        any time (an assessed line goes back to submitted). The block cannot change."""
        return self.run_action(access.CHANGE, RealisationCorrectionSerializer,
                               lambda line, data: correct_line(line, data, request.user))

    @extend_schema(request=None, responses=RealisationSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def verify(self, request, pk=None):
        """Verify a reported line

        A broker of the contracting organisation verifies the line: from then on it counts as
        realised. Takes no body. A 400 when the line is assessed already or its contract is closed."""
        return self.run_action("verify", None, lambda line, data: services.realisation_assess(
            realisation=line, by=request.user, verify=True))

    @extend_schema(request=ReasonSerializer, responses=RealisationSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def reject(self, request, pk=None):
        """Reject a reported line

        A broker of the contracting organisation rejects the line with a reason (`reason`,
        required); the supplier sees the reason and can correct the line."""
        return self.run_action("verify", ReasonSerializer, lambda line, data: services.realisation_assess(
            realisation=line, by=request.user, verify=False, reason=data.get("reason", "")))
