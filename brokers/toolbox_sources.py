"""Linked toolbox questions of the brokers app: module 2 (the team qualities the team workspace
records per team and team member) and module 4 (the knowledge base, instruments for impact
entrepreneurs)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from impactportal.contributions import ToolboxSource


@dataclass(frozen=True)
class Coverage:
    """One quality in one team: how many members bring it and in which roles (no names: the
    toolbox and its PDF say what the team covers; the team's page says who), and whether the team
    records it for the team as a whole."""

    label: str
    members: int
    roles: tuple[str, ...]
    team_wide: bool


def team_qualities_context(user, organisation):
    from impactportal import access

    from .constants import MemberRole, TeamQuality
    from .models import BrokerTeam, TeamMember

    teams = list(BrokerTeam.objects.for_user(user).filter(organisation=organisation).order_by("name"))
    members: dict[int, list] = {}
    for member in TeamMember.objects.for_user(user).filter(team__in=teams).only("team", "role", "qualities"):
        members.setdefault(member.team_id, []).append(member)
    rows = []
    for team in teams:
        present, missing = [], []
        for value, label in TeamQuality.choices:
            bringing = [m for m in members.get(team.pk, []) if value in (m.qualities or [])]
            roles = {m.role for m in bringing}
            coverage = Coverage(str(label), len(bringing),
                                tuple(str(name) for role, name in MemberRole.choices if role in roles),
                                value in (team.qualities or []))
            if coverage.members or coverage.team_wide:
                present.append(coverage)
            else:
                missing.append(str(label))
        rows.append({"team": team, "present": present, "missing": missing})
    may_change = access.owner_choices(user, BrokerTeam, access.CHANGE).filter(pk=organisation.pk).exists()
    return {"organisation": organisation, "rows": rows, "may_change": may_change,
            "source": _("Makelaarsteam in de werkruimte van het portaal: de kwaliteiten van het team en van "
                        "elk teamlid.")}


def team_qualities_has_data(context) -> bool:
    """Answered when a team of the organisation has at least one quality (of the team or a member)."""
    return any(row["present"] for row in context.get("rows", ()))


def team_qualities_answered(user, organisations) -> set[int]:
    """``team_qualities_has_data`` for many organisations in two queries (teams, members): an
    organisation counts when one of its teams the user sees records a known quality, for the team or
    for a member the user sees."""
    from .constants import TeamQuality
    from .models import BrokerTeam, TeamMember

    known = set(TeamQuality.values)  # a quality no longer offered is not shown, so it does not count
    teams = BrokerTeam.objects.for_user(user).filter(organisation__in=organisations)
    members = (TeamMember.objects.for_user(user).filter(team__in=teams.values("pk"))
               .values_list("team__organisation_id", "qualities"))
    return {organisation_id for rows in (teams.values_list("organisation_id", "qualities"), members)
            for organisation_id, qualities in rows if known.intersection(qualities or ())}


def knowledge_context(user, organisation):
    from impactportal.text import in_page_order

    from .models import KnowledgeInstrument

    instruments = in_page_order(KnowledgeInstrument.objects.for_user(user).filter(is_active=True), "kind")
    return {"rows": list(instruments[:50]), "total": instruments.count(),
            "source": _("Kennisbank van het portaal, bijgehouden door de makelaars.")}


def knowledge_answered(user, organisations) -> set[int]:
    """The knowledge base is the same for every organisation: one query for all of them."""
    from .models import KnowledgeInstrument

    if KnowledgeInstrument.objects.for_user(user).filter(is_active=True).exists():
        return {organisation.pk for organisation in organisations}
    return set()


SOURCES = [
    ToolboxSource(key="brokers.team_qualities", label=_("Teamkwaliteiten uit het makelaarsteam"),
                  template="toolbox_sources/brokers_team_qualities.html", context=team_qualities_context,
                  has_data=team_qualities_has_data, answered=team_qualities_answered),
    ToolboxSource(key="brokers.knowledge", label=_("Kennisbank"),
                  template="toolbox_sources/brokers_knowledge.html", context=knowledge_context,
                  answered=knowledge_answered),
]
