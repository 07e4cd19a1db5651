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
@builder("procurement_matching")
def _procurement_matching(world):
    import datetime as dt

    from procurement.models import MatchMeeting

    for key, other in (("haarlem", "amersfoort"), ("amersfoort", "haarlem")):
        # Lists show contract titles: the twins need their own, or a list would seem to leak the other.
        world[f"contract_{key}"].title = f"Schoonmaak stadhuis {key.capitalize()}"
        world[f"contract_{key}"].save(update_fields=["title"])
        world[f"meeting_{key}"] = MatchMeeting.objects.create(
            contract=world[f"contract_{key}"], enterprise=world[f"enterprise_{other}"], date=dt.date(2025, 5, 1),
            follow_up_on=dt.date(2025, 6, 1), recorded_by=world.actors[f"broker_{key}"])


# --- purchase requests and challenges ---


# --- figures and payments ---
