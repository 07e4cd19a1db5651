"""Procurement objects of the permission-matrix world (imported at the end of conftest). Each
part of the procurement app adds its builder in its own section below."""

import datetime as dt

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
@builder("procurement_rule_sets")
def _rule_sets(world):
    # Rule sets no contract pinned (their change pages work); valid from 2026, so the core's
    # contracts (awarded 2025) keep pinning ruleset_haarlem / ruleset_amersfoort.
    world["rulesetdraft_haarlem"] = pf.rule_set(region=world["region"], name="Concept ZKIJ",
                                                valid_from=dt.date(2026, 1, 1))
    world["rulesetdraft_amersfoort"] = pf.rule_set(organisation=world["amersfoort"], name="Concept Amersfoort",
                                                   valid_from=dt.date(2026, 1, 1))


# --- contracts, realisations, contacts ---
@builder("procurement-contracts")
def _procurement_contracts(world):
    """Evidence on both realisations, so the download route has something to serve; distinct
    contract titles, so a list showing one organisation's contract never seems to name the other's."""
    from django.core.files.base import ContentFile

    for key in ("haarlem", "amersfoort"):
        contract = world[f"contract_{key}"]
        contract.title = f"Schoonmaak stadhuis {key.capitalize()}"
        contract.save(update_fields=["title"])
        world[f"realisation_{key}"].evidence.save(f"bewijs-{key}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))


# --- matching and meetings ---
@builder("procurement_matching")
def _procurement_matching(world):
    import datetime as dt

    from procurement.models import MatchMeeting

    for key, other in (("haarlem", "amersfoort"), ("amersfoort", "haarlem")):
        world[f"meeting_{key}"] = MatchMeeting.objects.create(
            contract=world[f"contract_{key}"], enterprise=world[f"enterprise_{other}"], date=dt.date(2025, 5, 1),
            follow_up_on=dt.date(2025, 6, 1), recorded_by=world.actors[f"broker_{key}"])


# --- purchase requests and challenges ---
@builder("procurement-requests")
def _requests(world):
    """Open requests of both municipalities (public), each with a response of the local
    enterprise; a closed Haarlem request (private). Published challenges in the submissions
    phase (inkoper_haarlem on Haarlem's jury) with a submission each; an unpublished one."""
    from procurement.constants import RequestStatus
    from tests.procurement import builders_requests as rb

    for key, entrepreneur in (("haarlem", "ondernemer_1"), ("amersfoort", "ondernemer_2")):
        request = rb.purchase_request(world[key], title=f"Inkoopvraag {key}",
                                      by=world.actors[f"broker_{key}"])
        world[f"request_{key}"] = request
        world[f"response_{key}"] = rb.response(request, world[f"enterprise_{key}"], by=world.actors[entrepreneur])
        jurors = [world.actors["inkoper_haarlem"]] if key == "haarlem" else []
        world[f"challenge_{key}"] = rb.challenge(world[key], title=f"Challenge {key}", jurors=jurors)
        world[f"submission_{key}"] = rb.submission(world[f"challenge_{key}"], world[f"enterprise_{key}"],
                                                   title=f"Inzending {key}", by=world.actors[entrepreneur])
    world["request_closed"] = rb.purchase_request(world["haarlem"], title="Gesloten inkoopvraag Haarlem",
                                                  status=RequestStatus.CLOSED)
    world["challenge_private"] = rb.challenge(world["haarlem"], title="Challenge in voorbereiding",
                                              published=False, phase="call")


# --- figures and payments ---
@builder("procurement_figures")
def _procurement_figures(world):
    """A payments import with one payment per municipality (department inkoop, the default: the
    matrix's inkoper_haarlem reads and imports them). ``vastgoed_haarlem``, a colleague of
    Haarlem's real-estate department, joins the actors for the department table of
    routes_procurement.py (``DEPARTMENT_ROUTES``; the matrix's own actors stay as they are)."""
    import datetime as dt
    from decimal import Decimal

    from django.core.files.base import ContentFile

    from procurement.models import PaymentImport, SupplierPayment
    from tests import factories as f

    world.actors["vastgoed_haarlem"] = f.colleague(world["haarlem"], "vastgoed", "vastgoed-haarlem")

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
