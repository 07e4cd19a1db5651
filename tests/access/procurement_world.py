"""Procurement objects of the permission-matrix world (imported at the end of conftest). Each
part of the procurement app adds its builder in its own section below."""

from tests.procurement import factories as pf

from .conftest import builder


# --- core: rule sets, contracts, realisations ---------------------------------------------
@builder("procurement")
def _procurement(world):
    brokers = {"haarlem": world.actors["broker_haarlem"], "amersfoort": world.actors["broker_amersfoort"]}
    world["ruleset_haarlem"] = pf.rule_set(region=world["region"], name="Regeling ZKIJ")
    world["ruleset_amersfoort"] = pf.rule_set(organisation=world["amersfoort"], name="Regeling Amersfoort")
    world["contract_haarlem"] = pf.contract(organisation=world["haarlem"], by=brokers["haarlem"],
                                            supplier=world["enterprise_haarlem"])
    world["contract_amersfoort"] = pf.contract(organisation=world["amersfoort"], by=brokers["amersfoort"],
                                               supplier=world["enterprise_amersfoort"])
    for key in ("haarlem", "amersfoort"):
        world[f"realisation_{key}"] = pf.realisation(world[f"contract_{key}"], by=brokers[key],
                                                     candidate_ref=f"KAND-{key[:3].upper()}-1")


# --- rule sets (UI/API) ---


# --- contracts, realisations, contacts ---


# --- matching and meetings ---


# --- purchase requests and challenges ---


# --- figures and payments ---
@builder("procurement_figures")
def _procurement_figures(world):
    import datetime as dt
    from decimal import Decimal

    from django.core.files.base import ContentFile

    from procurement.models import PaymentImport, SupplierPayment

    for key in ("haarlem", "amersfoort"):
        batch = PaymentImport(organisation=world[key], uploaded_by=world.actors[f"broker_{key}"],
                              report={"applied": 1, "malformed": [], "unmatched": [], "total_rows": 1})
        batch.file.save(f"betalingen-{key}.csv", ContentFile(b"kvk;naam;datum;bedrag\n"), save=False)
        batch.save()
        world[f"payment_import_{key}"] = batch
        world[f"payment_{key}"] = SupplierPayment.objects.create(
            organisation=world[key], batch=batch, supplier_kvk=world[f"enterprise_{key}"].kvk_number,
            supplier_name=f"Kerstpakketten {key.title()}", date=dt.date(2025, 12, 15), amount=Decimal("450.00"),
            cost_category="Relatiegeschenken", enterprise=world[f"enterprise_{key}"])
