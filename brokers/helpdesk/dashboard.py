"""The helpdesk's panels on the dashboards of entrepreneurs and of users without a role
(declared in brokers/apps.py)."""

from brokers.constants import LinkRequestStatus
from brokers.models import Case, EnterpriseLinkRequest

from . import signup


def my_questions(user):
    """The entrepreneur's open questions, counted as "Mijn vragen" lists them (one query)."""
    return {"open_cases": Case.objects.for_user(user, "respond").open().count()}


def my_link_requests(user):
    """An entrepreneur's requests to link (another) enterprise that wait for the municipality."""
    return {"pending_links": signup.pending_link_requests(user)}


def link_requests_to_decide(user):
    """The link requests the broker may decide: the tile leads to the list that shows them."""
    return {"link_requests": EnterpriseLinkRequest.objects.for_user(user, "decide")
            .filter(status=LinkRequestStatus.PENDING).count()}


def no_role(user):
    """An account that signed up as an entrepreneur is not waiting for an administrator: it needs
    its enterprise, registered or linked. ``own_intro`` replaces the section's generic line."""
    pending = signup.pending_link_requests(user)
    entrepreneur = bool(pending) or signup.is_self_signed_up(user)
    return {"own_intro": entrepreneur, "entrepreneur": entrepreneur, "pending_links": pending}
