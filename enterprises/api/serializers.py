from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from impactportal import access
from impactportal.accounts.constants import Role
from impactportal.accounts.models import users_with_role
from impactportal.api.fields import OwnerSlugField
from impactportal.api.serializers import ModelCleanSerializer, PortalModelSerializer
from impactportal.prepared import IdsQuery

from .. import checks
from ..filters import municipalities
from ..models import (
    COUNT_MAX_MESSAGE,
    AdmissionRule,
    Certification,
    ContactMoment,
    Enterprise,
    ImpactTheme,
    Offering,
    Sdg,
    kvk_validator,
)


class RepresentedEnterpriseField(serializers.PrimaryKeyRelatedField):
    """An enterprise the requesting user represents (by primary key); any other is "not found"."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Enterprise.objects.none(), **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return self.queryset if request is None else Enterprise.objects.for_user(request.user, "represent")


@extend_schema_field({"type": "string", "pattern": r"^[0-9][0-9 .\-]*$", "example": "12345678"})
class KvkNumberField(serializers.CharField):
    """A KvK number typed as on paper, "9000 0118", "9000.0118" or "9000-0118", made the eight digits
    the register keeps with the forms' cleaning (``checks.kvk_digits``, as ``forms.KvkNumberField``)
    before it is checked: the web form took "1234 5678" and the API refused it."""

    def to_internal_value(self, data):
        return checks.kvk_digits(super().to_internal_value(data))


class OfferingSerializer(PortalModelSerializer):
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Offering
        fields = ["id", "name", "category", "description", "price_indication"]


class MunicipalityField(OwnerSlugField):
    """An enterprise's municipality. Brokers file enterprises under their own municipality (owner
    choices); an entrepreneur may move theirs to any municipality, as the web form allows (the
    enterprise moves with its address, and ``services.enterprise_changed`` sends it back to
    review). Creating one stays the owner choices' decision."""

    def get_queryset(self):
        choices = super().get_queryset()
        if getattr(self.root, "instance", None) is None or choices.exists():
            return choices
        return municipalities()


class EnterpriseSerializer(ModelCleanSerializer):
    municipality = MunicipalityField()
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, required=False,
                                          queryset=ImpactTheme.objects.all())
    sdgs = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Sdg.objects.all())
    offerings = OfferingSerializer(many=True, read_only=True)
    # Without the model's validator here: the model normalises ("2011ab" → "2011 AB") first.
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True)
    reserved_eligible = serializers.SerializerMethodField()
    reserved_basis = serializers.SerializerMethodField()
    # The form's tick box: a change of name, KvK number or municipality by someone other than its
    # brokers sends an admitted enterprise back to review, out of the showcase (a PATCH did so silently).
    confirm_review = serializers.BooleanField(
        write_only=True, required=False, default=False,
        help_text="Required (true) when you change name, kvk_number or municipality of an admitted enterprise and "
                  "you are not one of its municipality's brokers: the municipality then reviews the admission again "
                  "and the enterprise leaves the showcase until then (400 on this field otherwise).")

    class Meta:
        model = Enterprise
        fields = ["id", "name", "kvk_number", "legal_form", "address", "postcode", "city", "municipality", "website",
                  "founding_year", "stage", "enterprise_type", "themes", "sdgs", "headcount", "disadvantaged_count",
                  "description", "is_published", "admission_status", "applied_at", "admission_decided_at",
                  "offerings", "reserved_eligible", "reserved_basis", "created_at", "updated_at", "confirm_review"]
        read_only_fields = ["admission_status", "applied_at", "admission_decided_at", "created_at", "updated_at"]
        # The model's rules with the model's sentences, one per mistake (as in the forms): DRF
        # turned the column's length into a second error next to the KvK rule ("at most 8
        # characters"), and its own wording of the count's ceiling; the founding year's bounds
        # are the model's validator alone (the column's 0 … 32767 added a second, technical one).
        # The KvK number without DRF's UniqueValidator: the fields are built once per class
        # (PortalModelSerializer), and DRF formats that validator's message when it builds it, so
        # the language of the first request stuck ("Er staat al …" under Accept-Language: en).
        # full_clean() checks uniqueness with the model's lazy message, per request; the model's
        # format rule stays here, so a malformed number gets that one sentence, as before.
        extra_kwargs = {
            "kvk_number": {"max_length": None, "validators": [kvk_validator]},
            "founding_year": {"min_value": None, "max_value": None},
            "headcount": {"error_messages": {"max_value": COUNT_MAX_MESSAGE}},
            "disadvantaged_count": {"error_messages": {"max_value": COUNT_MAX_MESSAGE}},
        }

    def create(self, validated_data):
        validated_data.pop("confirm_review", None)  # a new enterprise has no admission to review
        return super().create(validated_data)

    def build_standard_field(self, field_name, model_field):
        # The KvK number keeps the field DRF builds from the model (label, help text, the kwargs
        # above) and is cleaned first, as in the forms.
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        return (KvkNumberField if field_name == "kvk_number" else field_class), kwargs

    def preloaded(self, obj):
        # A list page: the relations and the eligibility come as plain values from
        # ``load_page_relations`` (one query each for the whole page), which skips building a
        # model and a related manager per row.
        return getattr(obj, "page_relations", None) or {}

    def _eligibility(self, obj):
        """A single enterprise (detail, create, update); a list page's rows come with theirs."""
        cache = self.context.setdefault("_eligibility", {})
        if obj.pk not in cache:
            facts = [c.facts for c in obj.certifications.all()]
            cache[obj.pk] = checks.reserved_contract_eligibility(
                facts, obj.headcount, obj.disadvantaged_count, timezone.localdate())
        return cache[obj.pk]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_reserved_eligible(self, obj):
        return self._eligibility(obj).eligible

    @extend_schema_field(serializers.ChoiceField(choices=["certificate", "self_declared"], allow_null=True))
    def get_reserved_basis(self, obj):
        return self._eligibility(obj).basis


# A list page's relations, by the ids of its enterprises (SQL compiled once per page length).
_PAGE_THEMES = IdsQuery(lambda ids: Enterprise.themes.through.objects.filter(enterprise_id__in=ids)
                        .order_by("impacttheme__order", "impacttheme__name")
                        .values_list("enterprise_id", "impacttheme__slug"))
_PAGE_SDGS = IdsQuery(lambda ids: Enterprise.sdgs.through.objects.filter(enterprise_id__in=ids)
                      .order_by("sdg_id").values_list("enterprise_id", "sdg_id"))
_PAGE_OFFERINGS = IdsQuery(lambda ids: Offering.objects.filter(enterprise_id__in=ids).order_by("name", "pk")
                           .values_list("enterprise_id", "id", "name", "category__slug", "description",
                                        "price_indication"))
_PAGE_MUNICIPALITIES = IdsQuery(lambda ids: Enterprise.municipality.field.related_model.objects.filter(pk__in=ids)
                                 .values_list("pk", "slug"))
_PAGE_CERTIFICATES = IdsQuery(lambda ids: Certification.objects.filter(enterprise_id__in=ids).values_list(
    "enterprise_id", "id", "scheme", "valid_until", "issued_on", "number", "status", "verified_at"))


def load_page_relations(enterprises) -> None:
    """Set ``page_relations`` on each enterprise of a list page: its municipality's slug, its
    theme codes, SDG numbers and offerings as the API shows them (in the order the ORM would
    give: the models' Meta.ordering), and its reserved-contract eligibility. Five queries for the
    page. The slug is not joined into the list's query: the page's COUNT would join it too, which
    took 37–60 ms instead of 18 ms over 100,000 enterprises."""
    ids = [enterprise.pk for enterprise in enterprises]
    slugs = dict(_PAGE_MUNICIPALITIES.rows(sorted({enterprise.municipality_id for enterprise in enterprises})))
    themes, sdgs, offerings, facts = defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list)
    for enterprise_id, slug in _PAGE_THEMES.rows(ids):
        themes[enterprise_id].append(slug)
    for enterprise_id, number in _PAGE_SDGS.rows(ids):
        sdgs[enterprise_id].append(number)
    for enterprise_id, pk, name, category, description, price in _PAGE_OFFERINGS.rows(ids):
        offerings[enterprise_id].append({"id": pk, "name": name, "category": category, "description": description,
                                         "price_indication": price})
    for enterprise_id, pk, scheme, valid_until, issued_on, number, status, verified_at in _PAGE_CERTIFICATES.rows(ids):
        facts[enterprise_id].append(checks.CertificateFacts(
            scheme=scheme, valid_until=valid_until, issued_on=issued_on, number=number, status=status,
            verified=verified_at is not None, id=pk))
    today = timezone.localdate()
    for enterprise in enterprises:
        pk = enterprise.pk
        eligibility = checks.reserved_contract_eligibility(
            facts[pk], enterprise.headcount, enterprise.disadvantaged_count, today)
        enterprise.page_relations = {
            "municipality": slugs[enterprise.municipality_id], "themes": themes[pk], "sdgs": sdgs[pk], "offerings": offerings[pk],
            "reserved_eligible": eligibility.eligible, "reserved_basis": eligibility.basis}


class ChangeableEnterpriseField(serializers.PrimaryKeyRelatedField):
    """Only enterprises the user may change (their own, or their municipality's)."""

    def get_queryset(self):
        return access.scope(self.context["request"].user, Enterprise, access.CHANGE)


class VisibleEnterpriseField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return access.scope(self.context["request"].user, Enterprise, access.VIEW)


class CertificationSerializer(ModelCleanSerializer):
    enterprise = ChangeableEnterpriseField()
    kvk_number = serializers.CharField(source="enterprise.kvk_number", read_only=True)
    verified = serializers.SerializerMethodField()
    evidence_url = serializers.SerializerMethodField()
    # null in responses for users who may not see the notes; "" and null both store nothing.
    notes = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=5000)

    class Meta:
        model = Certification
        fields = ["id", "enterprise", "kvk_number", "scheme", "number", "issuer", "issued_on", "valid_until", "status",
                  "verified", "verified_at", "source", "notes", "evidence_url", "created_at", "updated_at"]
        read_only_fields = ["status", "verified_at", "source", "created_at", "updated_at"]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_verified(self, obj):
        return obj.verified_at is not None

    def to_representation(self, obj):
        data = super().to_representation(obj)
        # Evidence and notes belong to the enterprise and its municipality's brokers; lists
        # mark ``may_see_evidence`` once per page (access.mark_can), a single object asks the access module.
        allowed = getattr(obj, "may_see_evidence", None)
        if allowed is None:
            request = self.context.get("request")
            allowed = request is not None and access.can(request.user, "evidence", obj)
        if not allowed:
            data["notes"] = None
            data["evidence_url"] = None
        return data

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_evidence_url(self, obj):
        from django.urls import reverse

        return reverse("enterprises:certification-evidence", args=[obj.pk]) if obj.evidence else None

    def validate_enterprise(self, value):
        if self.instance is not None and value.pk != self.instance.enterprise_id:
            raise serializers.ValidationError(_("Een certificaat kan niet naar een andere onderneming worden verplaatst."))
        return value

    def validate_notes(self, value):
        return value or ""


class BrokerField(serializers.SlugRelatedField):
    def get_queryset(self):
        user = self.context["request"].user
        return users_with_role((Role.BROKER, Role.PARTNER),
                               organisation=list(access.owner_choices(user, ContactMoment)))


class ContactMomentSerializer(ModelCleanSerializer):
    organisation = OwnerSlugField()
    enterprise = VisibleEnterpriseField()
    owner = BrokerField(slug_field="username", required=False, allow_null=True)

    class Meta:
        model = ContactMoment
        fields = ["id", "organisation", "enterprise", "kind", "date", "subject", "notes", "follow_up_on",
                  "follow_up_done", "owner", "intake_activities", "intake_employees", "intake_needs",
                  "intake_shape_programme", "created_at"]
        read_only_fields = ["created_at"]


class AdmissionRuleSerializer(PortalModelSerializer):
    """A platform's admission rule (read-only): its owner, mode, accepted labels and the wording of
    its definition check (the default wording when the owner set none)."""

    # Exactly one of the two is set: the owner is an organisation or a region.
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    accepted_schemes = serializers.ListField(child=serializers.CharField(), read_only=True,
                                             help_text="Certificate scheme codes, e.g. pso_2, cedris.")
    definition = serializers.CharField(source="definition_text", read_only=True)

    class Meta:
        model = AdmissionRule
        fields = ["id", "organisation", "region", "platform_name", "mode", "accepted_schemes", "definition",
                  "updated_at"]
