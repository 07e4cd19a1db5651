"""Financing objects of the permission-matrix world (imported at the end of conftest). Each part
of the financing app adds its builder in its own section below."""

from .conftest import builder  # noqa: F401


# --- MKBA analyses ---
# --- outcome contracts, claims, payments, social impact bonds, open data ---
@builder("financing_outcomes")
def _financing_outcomes(world):
    """Per municipality: an outcome contract with its provider's enterprise, one metric, a
    submitted claim (with evidence), a paid claim (its payment), a bond and a feasibility check."""
    import datetime as dt

    from django.core.files.base import ContentFile

    from financing.models import ClaimStatus, FeasibilityCheck, OutcomePayment
    from tests.financing import outcome_factories as of

    for key, town in (("haarlem", "Haarlem"), ("amersfoort", "Amersfoort")):
        contract = of.contract(world[key], world[f"enterprise_{key}"], title=f"Werkfit {town}")
        metric = of.metric(contract, name=f"Uitstroom naar werk {town}")
        claim = of.claim(metric, count=3)
        claim.evidence.save(f"claim-{key}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
        paid = of.claim(metric, count=2, start=dt.date(2024, 10, 1), end=dt.date(2024, 12, 31),
                        status=ClaimStatus.PAID, accepted=2)
        payment = OutcomePayment.objects.create(
            claim=paid, contract=contract, metric=metric, count=2, price=metric.price, calculated=2 * metric.price,
            amount=2 * metric.price, explanation="2 × prijs", paid_at=dt.datetime(2025, 1, 15, tzinfo=dt.UTC))
        world[f"outcomecontract_{key}"] = contract
        world[f"outcomemetric_{key}"] = metric
        world[f"claim_{key}"] = claim
        world[f"paidclaim_{key}"] = paid
        world[f"outcomepayment_{key}"] = payment
        world[f"bond_{key}"] = of.bond(contract, investors=((f"Impactfonds {town}", "fund", "300000.00", "PUBLIC"),))
        world[f"feasibility_{key}"] = FeasibilityCheck.objects.create(
            organisation=world[key], title=f"SIB-toets {town}", conclusion="explore", reasons=[],
            **dict.fromkeys(("societal_case", "causal_link", "few_beneficiaries", "benefits_exceed_costs",
                             "sufficient_scale", "committed_parties"), "yes"))


# --- instruments, financing mix, impact funds ---
