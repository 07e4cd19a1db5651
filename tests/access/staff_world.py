"""Objects of the permission-matrix world for the staff pages of functional administrators
(``impactportal.accounts.staff_views``; imported at the end of conftest).

Each municipality's broker is its functional administrator (``Membership.is_admin``). Per
municipality: a colleague's membership (``membership_<town>``; Haarlem's is inkoper_haarlem's own),
a pending invitation of a new account (``invitation_<town>``: an inactive account without a
password) and a pending invitation of an existing account (``pending_<town>``: the other town's
entrepreneur invited as colleague, which gives them nothing until they accept it)."""

from .conftest import builder  # noqa: F401


@builder("staff")
def _staff(world):
    from impactportal import access
    from impactportal.accounts.models import Membership
    from tests import factories as f

    for key in ("haarlem", "amersfoort"):
        broker = world.actors[f"broker_{key}"]
        Membership.objects.filter(user=broker, organisation=world[key], role="broker").update(is_admin=True)
        access.forget(broker)
    world["membership_haarlem"] = world.actors["inkoper_haarlem"].memberships.get()
    colleague = f.colleague(world["amersfoort"], "vastgoed", "vastgoed-amersfoort")
    world["membership_amersfoort"] = colleague.memberships.get()
    for key in ("haarlem", "amersfoort"):
        invitee = f.UserFactory(username=f"uitgenodigd-{key}@example.org", is_active=False)
        invitee.set_unusable_password()
        invitee.save()
        world[f"invitation_{key}"] = Membership.objects.create(
            user=invitee, role="colleague", organisation=world[key], department="economie", accepted_at=None,
            invited_email=invitee.username, invited_first_name="Nieuw")
    for key, other in (("haarlem", "ondernemer_2"), ("amersfoort", "ondernemer_1")):
        world[f"pending_{key}"] = Membership.objects.create(
            user=world.actors[other], role="colleague", organisation=world[key], department="economie",
            accepted_at=None, invited_email=f"{other}@example.org", invited_first_name="Getypt")
