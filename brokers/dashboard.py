"""The brokers' part of the dashboards: teams, budget and helpdesk figures (declared in apps.py)."""

from django.db.models import BigIntegerField, Sum, Value
from django.urls import reverse
from django.utils import timezone

from impactportal import access
from impactportal.links import reverse_with_id
from impactportal.ui.cache import cached

from .models import BrokerTeam, BudgetLine, Case


def broker_figures(user):
    """Helpdesk and team figures (this year's budget is on the workspace card, with what is spent)."""
    org_ids = access.organisation_ids(user, access.BROKER)
    cases = Case.objects.for_user(user).filter(organisation__in=org_ids)
    return {
        "teams": BrokerTeam.objects.for_user(user).filter(organisation__in=org_ids).count(),
        **cases.counts(user),
    }


def referred_cases(user):
    return {"referred_cases": Case.objects.for_user(user).open().count()}


def referral_follow_ups(user):
    """The broker's own follow-ups of external referrals whose day has come: the list behind the
    tile is filtered on exactly these (mine, due)."""
    from django.urls import reverse

    from .models import ExternalReferral

    return {
        "due_referrals": ExternalReferral.objects.for_user(user).filter(referred_by=user).due().count(),
        "referrals_url": reverse("helpdesk:referral-list") + "?mine=true&due=true",
    }


def desk_figures(user):
    """A network partner's helpdesk figures: the cases of the municipalities whose desk it runs
    (no teams, no budget: those stay the municipality's)."""
    cases = Case.objects.for_user(user).filter(organisation__in=access.organisation_ids(user, access.PARTNER))
    return cases.counts(user)


def _current_edition_id():
    """The current toolbox edition's id: the same for every broker and changed a few times a year,
    so cached (namespace "toolbox", bumped when an edition or question changes)."""
    from .models import Edition

    edition = Edition.objects.current()
    return edition.pk if edition else None


TOOLBOX_TILE_SECONDS = 300


def _toolbox_progress(user):
    """The toolbox tile: the progress of the organisation the toolbox link opens, by the toolbox
    page's own function (linked questions included), so tile and page say the same."""
    from django.http import Http404

    from .models import Edition
    from .toolbox.progress import Progress, organisation_for, organisation_progress

    edition_id = cached("toolbox", "current-id", _current_edition_id)
    if edition_id is None:
        return Progress()
    try:
        organisation = organisation_for(user)
    except Http404:
        return Progress()
    # Counting it reads every linked question's source (about 20 ms): kept until an answer or the
    # toolbox changes, so the dashboard (re-rendered after any change in the portal) stays quick. A
    # linked question whose source gains its first data counts here within TOOLBOX_TILE_SECONDS.
    return cached("toolbox-progress", f"{user.pk}:{organisation.pk}:{edition_id}",
                  lambda: organisation_progress(user, organisation, Edition(pk=edition_id)),
                  timeout=TOOLBOX_TILE_SECONDS)



def workspace_figures(user):
    """The team workspace at a glance: toolbox progress (as the toolbox page counts it), open and
    overdue actions, this year's budget spent, and the team qualities nobody brings yet."""
    from .constants import TeamQuality
    from .models import Action, Spending, TeamMember
    from .workspace.services import ZERO

    org_ids = access.organisation_ids(user, access.BROKER)
    toolbox = _toolbox_progress(user)
    actions = Action.objects.for_user(user).filter(line__programme__organisation__in=org_ids)
    year = timezone.localdate().year  # always this year: an old year's budget in December would mislead
    spent = Spending.objects.for_user(user).filter(organisation__in=org_ids, date__year=year) \
        .aggregate(total=Sum("amount"))["total"] or ZERO
    budget = BudgetLine.objects.for_user(user).filter(organisation__in=org_ids, year=year) \
        .aggregate(total=Sum("amount"))["total"]
    teams = BrokerTeam.objects.for_user(user).filter(organisation__in=org_ids)
    # The teams' own qualities and their members', in one query; a team row carries the team's pk.
    rows = teams.order_by().values_list("qualities", "pk").union(
        TeamMember.objects.for_user(user).filter(team__in=teams).order_by()
        .values_list("qualities", Value(None, output_field=BigIntegerField())), all=True)
    present, team_ids = set(), set()
    for qualities, pk in rows:
        present.update(qualities or [])
        if pk is not None:
            team_ids.add(pk)
    missing = [label for value, label in TeamQuality.choices if value not in present] if team_ids else []
    # The qualities are on the team's page (the list of teams does not show them).
    team_id = next(iter(team_ids)) if len(team_ids) == 1 else None
    qualities_url = (reverse_with_id("brokers:team-detail", team_id) + "#team-qualities" if team_id
                     else reverse("brokers:team-list"))
    return {
        "toolbox_answered": toolbox.answered, "toolbox_questions": toolbox.total,
        "toolbox_percentage": toolbox.percentage,
        **actions.counts(),
        "year": year, "spent": spent, "budget": budget,
        "remaining": None if budget is None else budget - spent,
        "missing_qualities": missing, "qualities_url": qualities_url,
    }
