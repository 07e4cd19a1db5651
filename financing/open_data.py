"""Open data of published outcome contracts and social impact bonds, in the shape of the INDIGO
data standard (Government Outcomes Lab): projects, organisations, outcome metrics, pricings,
payments and investments. Every value is ``{"value", "source", "status"}`` with status PUBLIC or
DISPUTED; PRIVATE values are left out altogether (the key is absent), as are claims' evidence,
notes, reasons and the people who entered or verified anything.

Only contracts marked ``is_published`` are exported, whoever asks: open data is the same for
everyone."""

from __future__ import annotations

import hashlib
import json

from django.db.models import Prefetch
from django.utils import timezone

from enterprises.models import Enterprise
from impactportal.accounts.models import Organisation
from impactportal.ui import cache

from .models import (
    BondInvestor,
    BondPayer,
    DataStatus,
    OutcomeClaim,
    OutcomeContract,
    OutcomeMetric,
    OutcomePayment,
    SocialImpactBond,
)
from .outcomes import outcomes_paid

STANDARD = "INDIGO data standard (Government Outcomes Lab), subset: projects, organisations, outcome metrics, " \
           "pricings, payments, investments"
PUBLISHER = "Impactportaal"


def _value(value, source: str, status: str = DataStatus.PUBLIC) -> dict | None:
    if status == DataStatus.PRIVATE or value is None or value == "":
        return None
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    elif not isinstance(value, (str, int, bool)):
        value = str(value)  # Decimal as a string: no rounding on the way
    return {"value": value, "source": source, "status": str(status)}


def _fields(**values) -> dict:
    """Drop the values that were left out (private or empty)."""
    return {key: value for key, value in values.items() if value is not None}


def published_contracts():
    return (OutcomeContract.objects.filter(is_published=True).select_related("organisation", "provider", "bond")
            .prefetch_related(Prefetch("metrics", queryset=OutcomeMetric.objects.order_by("order", "id")),
                              Prefetch("payments", queryset=OutcomePayment.objects.order_by("paid_at", "id")),
                              "bond__payers__organisation",
                              Prefetch("bond__investors", queryset=BondInvestor.objects.order_by("name")))
            .order_by("pk"))


def export(contracts=None) -> dict:
    contracts = list(published_contracts() if contracts is None else contracts)
    organisations: dict[str, dict] = {}
    projects, metrics, pricings, payments, investments = [], [], [], [], []

    def organisation(key: str, name: str, kind: str, source: str):
        organisations.setdefault(key, {"id": key, "name": _value(name, source), "type": _value(kind, source)})
        return key

    for contract in contracts:
        project_id = f"INDIGO-POJ-IMPACTPORTAAL-{contract.pk}"
        contract_source = f"{PUBLISHER}: uitkomstcontract {contract.pk} van {contract.organisation.name}"
        commissioner = organisation(f"ORG-{contract.organisation.slug}", contract.organisation.name,
                                    "outcome payer", contract_source)
        provider = organisation(f"ENT-{contract.provider_id}", contract.provider.name, "service provider",
                                contract_source)
        bond = getattr(contract, "bond", None) if hasattr(contract, "bond") else None
        payer_ids = [commissioner]
        if bond is not None:
            for payer in bond.payers.all():
                payer_ids.append(organisation(f"ORG-{payer.organisation.slug}", payer.organisation.name,
                                              "outcome payer", f"{PUBLISHER}: social impact bond {bond.pk}"))
        projects.append(_fields(
            id=project_id,
            name=_value(contract.title, contract_source),
            type=_value("social impact bond" if bond is not None else "outcomes-based contract", contract_source),
            target_population=_value(contract.target_group, contract_source),
            start_date=_value(contract.start_date, contract_source),
            end_date=_value(contract.end_date, contract_source),
            max_outcome_payment=_value(contract.maximum, contract_source, contract.maximum_status),
            currency=_value("EUR", contract_source),
            outcome_payers=payer_ids, service_providers=[provider],
        ))
        for metric in contract.metrics.all():
            metric_id = f"{project_id}-OM-{metric.pk}"
            metrics.append(_fields(
                id=metric_id, project_id=project_id,
                name=_value(metric.name, contract_source),
                definition=_value(metric.definition, contract_source),
                unit_type=_value(metric.unit, contract_source),
                target=_value(metric.target, contract_source),
                verification_method=_value(metric.validation_method, contract_source),
                data_source=_value(metric.data_source, contract_source),
            ))
            pricings.append(_fields(
                id=f"{metric_id}-PR", project_id=project_id, outcome_metric_id=metric_id,
                price_per_outcome=_value(metric.price, contract_source, metric.price_status),
                cap=_value(metric.cap, contract_source, metric.price_status),
                currency=_value("EUR", contract_source),
            ))
        payment_source = f"{PUBLISHER}: betalingen van {contract.organisation.name} na verificatie"
        # A payment's amount divided by its outcomes is the price per outcome: where the price is
        # private the number of outcomes paid is left out too (the amount, public money, stays).
        private_price = {m.pk for m in contract.metrics.all() if m.price_status == DataStatus.PRIVATE}
        private_maximum = contract.maximum_status == DataStatus.PRIVATE
        for payment in contract.payments.all():
            if not payment.amount:
                # A claim the ceiling left nothing for was handled without a payment: a € 0 row
                # with "outcomes_paid 0" would read as a payment that was made (review 6).
                continue
            payments.append(_fields(
                id=f"{project_id}-PAY-{payment.pk}", project_id=project_id,
                outcome_metric_id=f"{project_id}-OM-{payment.metric_id}", payer_id=commissioner,
                outcomes_paid=_value(outcomes_paid(count=payment.count, price=payment.price, amount=payment.amount),
                                     payment_source, DataStatus.PRIVATE if payment.metric_id in private_price
                                     else DataStatus.PUBLIC),
                amount=_value(payment.amount, payment_source),
                # Whether a limit held it back tells where a private maximum or cap lies (the
                # payments so far add up to it): left out with them.
                capped=_value(payment.capped_by != "", payment_source, DataStatus.PRIVATE
                              if private_maximum or payment.metric_id in private_price else DataStatus.PUBLIC),
                date=_value(timezone.localdate(payment.paid_at), payment_source),  # the Dutch day, as the pages count it
                currency=_value("EUR", payment_source),
            ))
        if bond is not None:
            bond_source = f"{PUBLISHER}: social impact bond {bond.pk} ({contract.organisation.name})"
            for investor in bond.investors.all():
                investor_id = organisation(f"INV-{bond.pk}-{investor.pk}", investor.name, investor.kind, bond_source)
                investments.append(_fields(
                    id=f"{project_id}-INV-{investor.pk}", project_id=project_id, investor_id=investor_id,
                    investor_type=_value(investor.kind, bond_source),
                    committed_capital=_value(investor.committed_capital, bond_source, investor.terms_status),
                    return_if_targets_met_percent=_value(investor.return_if_met, bond_source, investor.terms_status),
                    repayment_terms=_value(investor.repayment_terms, bond_source, investor.terms_status),
                ))
    return {
        "standard": STANDARD,
        "publisher": PUBLISHER,
        "generated_at": timezone.now().isoformat(),
        "statuses": [DataStatus.PUBLIC.value, DataStatus.DISPUTED.value],
        "projects": projects,
        "organisations": list(organisations.values()),
        "outcome_metrics": metrics,
        "pricings": pricings,
        "payments": payments,
        "investments": investments,
    }


# --- the cached document ----------------------------------------------------------------------
# Public and the same for everyone, but built from every published contract (megabytes
# nationally): built once, kept in the cache until something it shows changes
# (``connect_cache_invalidation``) or CACHE_SECONDS pass (the safety net when each process has its
# own cache).
CACHE_NAMESPACE = "open-data"
CACHE_SECONDS = 3600
BROWSER_MAX_AGE = 60  # browsers and proxies may keep it briefly; the ETag makes a check cheap


def cached_export() -> dict:
    """``export()`` from the cache. Read-only: the same object serves the next requests."""
    return cache.cached(CACHE_NAMESPACE, "document", export, timeout=CACHE_SECONDS)


def cached_json() -> tuple[bytes, str]:
    """The document as compact UTF-8 JSON and its ETag (a hash of the bytes, so every process
    gives the same document the same tag)."""

    def build():
        body = json.dumps(cached_export(), ensure_ascii=False, separators=(",", ":")).encode()
        return body, f'"{hashlib.sha256(body).hexdigest()[:32]}"'

    return cache.cached(CACHE_NAMESPACE, "json", build, timeout=CACHE_SECONDS)


def connect_cache_invalidation():
    """Anything the document shows changes the open data's cache version (``impactportal.ui.cache``)."""
    cache.bump_on_change(CACHE_NAMESPACE, OutcomeContract, OutcomeMetric, OutcomePayment, OutcomeClaim,
                         SocialImpactBond, BondPayer, BondInvestor, Organisation, Enterprise)
