"""Who can be named in the team workspace: an action's owner, a team member with an account. Only
people who can open what they are named in: a network partner's staff member (``access.PARTNER``)
was offered as owner of an action they then got a 404 for. The roles are the model's view grants
(``access``), so a grant added to the policy is offered here too."""

from impactportal import access


def view_roles(model) -> tuple[str, ...]:
    """The roles that may view rows of ``model`` (``broker``, ``colleague``)."""
    return tuple(dict.fromkeys(grant.role for grant in access.policy_of(model).grants(access.VIEW)))


def sees(user, model, organisation_id) -> bool:
    """Whether ``user`` holds a role for ``organisation_id`` that may view its ``model`` rows."""
    return organisation_id in access.organisation_ids(user, *view_roles(model))


def people_who_see(model, organisations):
    """The active users of ``organisations`` (ids) with a role that may view their ``model`` rows."""
    from impactportal.accounts.models import users_with_role

    return users_with_role(view_roles(model), organisation=list(organisations))
