"""Contracts with a social-return obligation: the list for brokers and colleagues, "Mijn
SROI-contracten" for the supplier's people, create/update (rule set pinned at award), the
contract page with its figures and lines, closing and inviting a contractor contact."""


from django.db.models import F
from django.db.models.functions import Greatest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from enterprises.search_field import EnterpriseSuggestions
from impactportal import access
from impactportal.money import MONEY_FIELD, ZERO_EUROS
from impactportal.ui import generic
from impactportal.ui.actions import ConfirmForm, ScopedActionView

from .. import services, services_contracts, valuation
from ..constants import BlockKind, RealisationStatus
from ..filters.contracts import ContractFilter
from ..forms.contracts import SELLER, SUPPLIER, AssessForm, ContractForm, InviteForm
from ..models import Contract, ContractContact, Realisation
from ..tables.contracts import ContractTable

STAFF = (access.BROKER, access.COLLEAGUE)
# The contract list and pages: municipal staff and the region's SROI coordinator.
SROI_STAFF = (*STAFF, access.SROI_COORDINATOR)


def contract_queryset():
    # ``remaining_amount`` in the database, so the list sorts on it and stays one query per page.
    return (Contract.objects.select_related("organisation", "rule_set", "supplier", "category")
            .annotate(remaining_amount=Greatest(F("obligation") - F("realised"), ZERO_EUROS,
                                               output_field=MONEY_FIELD)))


def contract_list_queryset():
    """The columns the contract lists show and export (ContractTable), not every column of the
    contract and of the four rows it refers to: those were built into model instances for each
    row (and the obligation's explanations decoded from JSON) for nothing."""
    return contract_queryset().select_related(None).select_related("organisation").only(
        "title", "organisation__name", "supplier_name", "value", "obligation", "realised", "status", "end_date")


def lines_of(contract, user):
    return (Realisation.objects.for_user(user).filter(contract=contract)
            .select_related("block", "seller", "entered_by", "verified_by").prefetch_related("bonuses")
            .order_by("date", "id"))


def matches_url(contract) -> str | None:
    """The match-making page of the matching part, when it is installed."""
    try:
        return reverse("procurement:contract-matches", args=[contract.pk])
    except NoReverseMatch:
        return None


def progress_of(contract, today=None) -> dict:
    """Realised share of the obligation next to the elapsed share of the period (the status
    compares the two, after the start-up period: ``judged_from``, the first day it can be behind).
    No realised share (None) when nothing is owed: 100% "realised" of no obligation read as a
    fulfilled contract."""
    today = today or timezone.localdate()
    elapsed = valuation.elapsed_share(contract.award_date, contract.end_date, today)
    judged_from = valuation.judged_from(contract.award_date, contract.end_date)
    shares = {"elapsed_percent": round(elapsed * 100), "judged_from": judged_from,
              "too_early": contract.award_date <= today < judged_from}
    if contract.obligation <= 0:
        return {"realised_percent": None, **shares}
    realised = min(contract.realised / contract.obligation, 1)
    return {"realised_percent": round(realised * 100), **shares}


class ContractList(generic.ScopedListView):
    queryset = contract_list_queryset()
    filterset_class = ContractFilter
    table_class = ContractTable
    create_url_name = "procurement:contract-create"
    template_name = "procurement/contracts/contract_list.html"
    roles = SROI_STAFF


class MyContractList(generic.ScopedListView):
    """The supplier's side: contracts on which the user reports (their enterprise is the
    supplier, or they were invited as the contractor's contact)."""

    queryset = contract_list_queryset()
    filterset_class = ContractFilter
    table_class = ContractTable
    template_name = "procurement/contracts/my_contracts.html"

    def get_queryset(self):
        return access.scope(self.request.user, self.base_queryset(), "report")

    def get_filterset(self, filterset_class):
        """The client choice lists the clients of the supplier's own contracts, not every
        organisation in the country. Their ids are read first, so the cached option list is keyed
        by them and a new client's contract shows it at once."""
        filterset = super().get_filterset(filterset_class)
        clients = sorted(set(self.get_queryset().values_list("organisation_id", flat=True)))
        field = filterset.form.fields["organisation"]
        field.queryset = field.queryset.filter(pk__in=clients)
        return filterset


class ContractDetail(generic.ScopedDetailView):
    queryset = contract_queryset()
    template_name = "procurement/contracts/contract_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contract, user = self.object, self.request.user
        # Per line: may the user verify or reject it (the brokers, and the region's SROI coordinator
        # who may assess lines without the contract's other broker actions).
        lines = list(access.annotate_can(lines_of(contract, user), user, "verify", "may_assess"))
        # Lines that report the same (date, kind and values) are flagged next to each other: verifying
        # both counts one realisation twice.
        services.mark_possible_duplicates(lines)
        may_verify = access.can(user, "verify", contract)
        pending = [line for line in lines if line.status == RealisationStatus.SUBMITTED]
        context.update(
            lines=lines,
            pending=pending,
            # The part of "reported" that is an "other" claim awaiting a broker's approval, named
            # apart so nobody takes it for a valued line (it is in ``contract.reported``).
            awaiting_approval=sum((line.amount or 0 for line in pending if line.block.kind == BlockKind.OTHER), 0),
            may_report=access.can(user, "report", contract) and contract.closed_at is None,
            may_verify=may_verify,
            progress=progress_of(contract),
            matches_url=matches_url(contract) if access.can(user, "match", contract) else None,
            contacts=(ContractContact.objects.for_user(user).filter(contract=contract).select_related("user")
                      if may_verify else []),
            is_staff=access.has_role(user, *SROI_STAFF),
            invite_form=InviteForm(),
            assess_form=AssessForm(),
        )
        return context


class ContractFormMixin:
    model = Contract
    form_class = ContractForm
    template_name = "procurement/contracts/contract_form.html"

    def save(self, form):
        """The service pins the rule set and values the obligation; its refusals become field errors."""
        return services.contract_save(contract=form.instance, by=self.request.user)


class ContractCreate(ContractFormMixin, generic.ScopedCreateView):
    success_message = gettext_lazy("Contract %(object)s is vastgelegd.")


class ContractUpdate(ContractFormMixin, generic.ScopedUpdateView):
    queryset = contract_queryset()
    success_message = gettext_lazy("Contract %(object)s is bijgewerkt.")


class ContractClose(ScopedActionView):
    model = Contract
    action = "verify"
    form_class = ConfirmForm
    success_message = gettext_lazy("Het contract is afgesloten.")

    def perform(self, obj, data):
        return services.contract_close(contract=obj, by=self.request.user)


class ContractInvite(ScopedActionView):
    model = Contract
    action = "verify"
    form_class = InviteForm

    def perform(self, obj, data):
        return services_contracts.contact_invite(contract=obj, name=data["name"], email=data["email"],
                                                 by=self.request.user)

    def get_success_message(self, obj, data, result):
        return _("%(name)s is uitgenodigd om realisaties voor dit contract te melden.") % {"name": data["name"]}


class EnterpriseSearch(EnterpriseSuggestions):
    """The supplier and seller suggestions at their first address (the shared
    ``enterprises:suggestions`` answers the same); without a purpose: suppliers."""

    purposes = (SUPPLIER, SELLER)
    default_purpose = SUPPLIER
