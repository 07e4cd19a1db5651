"""Objects of the permission-matrix world for the broker team workspace: toolbox, answers, team, spending and the action agenda (issue 13)
(imported at the end of conftest)."""

from .conftest import builder  # noqa: F401


@builder("toolbox")
def _toolbox(world):
    """The toolbox content (public), and per municipality: an answer with a draft (so "reset" has
    something to do), a team member and partner on ``team_<town>``, a spending on ``budget_<town>``,
    an action programme with a line and an action."""
    import datetime as dt
    from decimal import Decimal

    from brokers.models import Action, ActionLine, ActionProgramme, Spending, TeamMember, TeamPartner
    from brokers.toolbox import services
    from ecosystem.models import Party
    from tests import factories as f

    f.toolbox_edition()
    question = f.toolbox_question("vision")
    world["toolbox_question"] = question
    party = Party.objects.create(name="Stichting De Stadsgarage (wereld)", category="intermediary")
    for key, town in (("haarlem", "Haarlem"), ("amersfoort", "Amersfoort")):
        org, broker = world[key], world.actors[f"broker_{key}"]
        services.answer_save(organisation=org, question=question, value=f"Visie {town}", by=broker)
        world[f"answer_{key}"] = services.answer_save(organisation=org, question=question,
                                                      value=f"Concept {town}", by=broker, draft=True)
        team = world[f"team_{key}"]
        world[f"member_{key}"] = TeamMember.objects.create(team=team, name=f"Accountmanager {town}",
                                                           role="account_manager", qualities=["connector"])
        world[f"teampartner_{key}"] = TeamPartner.objects.create(team=team, party=party, relation="collaboration",
                                                                 description=f"Loket {town}")
        world[f"spending_{key}"] = Spending.objects.create(
            organisation=org, budget_line=world[f"budget_{key}"], date=dt.date(2025, 3, 1),
            description=f"Uitgave {town}", amount=Decimal("100.00"), recorded_by=broker)
        programme = ActionProgramme.objects.create(organisation=org, title=f"Actieprogramma {town}", first_year=2024,
                                                   last_year=2026, vision=f"Visie {town}")
        world[f"agenda_{key}"] = programme
        line = ActionLine.objects.create(programme=programme, number=1, title=f"Netwerk {town}")
        world[f"line_{key}"] = line
        world[f"action_{key}"] = Action.objects.create(line=line, title=f"Actie {town}", due_date=dt.date(2026, 1, 1),
                                                       owner=broker)
