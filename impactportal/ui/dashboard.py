"""What each role sees first. The dashboard shows a section for every role the user holds (a user
may be broker and steering member at once); the apps fill the sections with their panels
(``impactportal.contributions.Panel``). The core only titles the sections."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext

from impactportal import access
from impactportal.accounts.dashboard import pending_invitations
from impactportal.accounts.models import Organisation, Region
from impactportal.contributions import NO_ROLE, panels

from . import cache

# The panels of a user's dashboard are kept, rendered, for at most DASHBOARD_CACHE_SECONDS and
# only until any row of the portal changes (``connect_cache``): the dashboard is the page brokers
# open most, and its figures cost a dozen counts over every app. The clock limits how late a
# figure that depends on the time (overdue, due this week) or on a bulk update may show.
CACHE_NAMESPACE = "dashboard"

ROLES = (access.BROKER, access.COLLEAGUE, access.PARTNER, access.SROI_COORDINATOR, access.ENTREPRENEUR,
         access.STEERING)


def _broker_heading(user):
    return {"organisations": [organisation.name for organisation in access.organisations(user, access.BROKER)]}


def _colleague_heading(user):
    """The organisation and department of each membership ("Gemeente Haarlem · afdeling Vastgoed",
    as the account page writes it), as the brokers' heading names their organisation: a
    colleague's figures are their organisation's."""
    held = [m for m in access.memberships(user) if m.role == access.COLLEAGUE]
    # ``memberships`` loaded each one's organisation: no query here.
    places = sorted({" · ".join(part for part in (
        m.organisation.name if m.organisation_id else "",
        gettext("afdeling %(department)s") % {"department": m.get_department_display()} if m.department else "",
    ) if part) for m in held})
    return {"places": places}


def _partner_heading(user):
    """The municipalities whose desk the partner runs, and the partner organisation(s) it works for."""
    ms = [m for m in access.memberships(user) if m.role == access.PARTNER]
    names = Organisation.objects.filter(pk__in={m.partner_organisation_id for m in ms}).values_list("name", flat=True)
    return {"organisations": [organisation.name for organisation in access.organisations(user, access.PARTNER)],
            "partners": list(names)}


def _coordinator_heading(user):
    return {"regions": list(Region.objects.filter(pk__in=access.region_ids(user, access.SROI_COORDINATOR))
                            .values_list("name", flat=True))}


HEADINGS = {access.BROKER: _broker_heading, access.COLLEAGUE: _colleague_heading, access.PARTNER: _partner_heading,
            access.SROI_COORDINATOR: _coordinator_heading}


def section(user, role) -> dict:
    """``lead``: panels above the card grid, ``cards``: the panels in it, each as
    ``{"template", "context"}``."""
    heading = HEADINGS.get(role)
    result = {**(heading(user) if heading else {}), "lead": [], "cards": []}
    for panel in panels(role):
        if not panel.shown_to(user):
            continue
        result["cards" if panel.card else "lead"].append(panel.render_context(user))
    # A panel that knows the user better than the section's generic line (a self-signed-up
    # entrepreneur is not waiting for an administrator to give them a role) says so with
    # ``own_intro`` in its context, and the line is left out.
    result["own_intro"] = any(panel["context"].get("own_intro") for panel in result["lead"] + result["cards"])
    return result


def sections_for(user) -> dict:
    roles = access.roles_of(user)
    if not roles and not user.is_superuser:
        return {NO_ROLE: section(user, NO_ROLE)}
    return {role: section(user, role) for role in ROLES if role in roles}


def rendered_sections(user) -> str:
    """The HTML of the user's dashboard sections, from the cache when nothing changed since."""

    def render():
        return render_to_string("ui/partials/dashboard_sections.html", {
            "sections": sections_for(user), "user": user, "is_superuser": user.is_superuser,
            # An invitation of an existing account waits on the dashboard too, not only in a
            # notification: accepting it is what gives the role (memberships bump the cache).
            "invitations": pending_invitations(user)})

    seconds = settings.DASHBOARD_CACHE_SECONDS
    if not seconds:
        return render()
    return cache.cached(CACHE_NAMESPACE, f"{user.pk}:{get_language()}", render, timeout=seconds)


def connect_cache() -> None:
    """Every audited model of the portal's apps (memberships and users included) makes the
    cached dashboards stale when one of its rows is saved, deleted or relinked. Rows kept out of
    the audit (``audit = False``: snapshot values, imported payments, job progress) are bulk data
    written under an audited row or by a scheduled job: they show within the cache's seconds.
    Listening to their deletes would also stop Django from deleting them in bulk (a cascade would
    load each row to send its signal)."""
    from django.apps import apps

    from impactportal.contributions import PortalAppConfig

    labels = {"impactportal", "accounts"}
    models = [model for config in apps.get_app_configs()
              if config.label in labels or isinstance(config, PortalAppConfig)
              for model in config.get_models(include_auto_created=True) if getattr(model, "audit", True)]
    cache.bump_on_change(CACHE_NAMESPACE, *models)
