"""Ecosystem objects of the permission-matrix world beyond the core builder (imported at the end
of conftest): the bottleneck register."""

from .conftest import builder


# --- bottlenecks and best practices ---
@builder("ecosystem_bottlenecks")
def _bottlenecks(world):
    """One unshared bottleneck per municipality (private to its organisation) and Haarlem's shared
    one (the public variant: the City Deal's participants and steering group see it). Amersfoort
    takes part in the City Deal too here, so its broker is "another participant"."""
    from ecosystem.models import Bottleneck
    from impactportal.audit import acting_as

    world["programme"].participants.add(world["amersfoort"])
    for key in ("haarlem", "amersfoort"):
        world[f"bottleneck_{key}"] = Bottleneck.objects.create(
            organisation=world[key], kind="bottleneck", theme="real_estate", level="municipality",
            title=f"Knelpunt alleen voor {key.capitalize()}", description="Intern", affected_cases=1,
            affected_enterprises=1, raised_by=world.actors[f"broker_{key}"])
    with acting_as(world.actors["broker_haarlem"]):
        from django.utils import timezone

        world["bottleneck_shared"] = Bottleneck.objects.create(
            organisation=world["haarlem"], kind="bottleneck", theme="legislation", level="national", ministry="ez",
            title="Gedeeld met de City Deal: rechtsvorm", description="Gedeeld", affected_cases=2,
            affected_enterprises=2, raised_by=world.actors["broker_haarlem"], shared_with=world["programme"],
            shared_at=timezone.now(), shared_by=world.actors["broker_haarlem"])
