"""Reading the team: who brings which quality and which are missing, and the team diagram (the
broker(s) in the centre, colleagues of other departments around them, external partners outside)
as data and as server-rendered SVG."""

import math
from dataclasses import dataclass

from django.utils.html import escape

from ..constants import MemberRole, TeamQuality

CENTRE_ROLES = (MemberRole.BROKER, MemberRole.ACCOUNT_MANAGER)


def qualities(team, members=None):
    """``(present, missing)``: present is ``[(quality label, [names])]`` in the listed order; a
    quality the team itself claims (``team.qualities``) without a member counts as present too."""
    members = list(team.members.all()) if members is None else members
    present, missing = [], []
    for value, label in TeamQuality.choices:
        names = [m.display_name for m in members if value in (m.qualities or [])]
        if names or value in (team.qualities or []):
            present.append((label, names))
        else:
            missing.append(label)
    return present, missing


@dataclass(frozen=True)
class Node:
    label: str
    detail: str
    ring: int  # 0 centre (brokers), 1 colleagues, 2 external partners
    x: float
    y: float


def diagram_data(team, members=None, partners=None, size=560):
    """The diagram's nodes and edges (every node is linked to the centre)."""
    members = list(team.members.all()) if members is None else members
    partners = list(team.partners.select_related("party")) if partners is None else partners
    centre = [m for m in members if m.role in CENTRE_ROLES] or []
    ring1 = [m for m in members if m.role not in CENTRE_ROLES]
    middle = size / 2
    nodes = []
    if not centre:
        nodes.append(Node(team.name, "", 0, middle, middle))
    for i, m in enumerate(centre):
        offset = (i - (len(centre) - 1) / 2) * 140
        nodes.append(Node(m.display_name, str(m.get_role_display()), 0, middle + offset, middle + (i % 2) * 24))
    for ring, items, radius in ((1, ring1, size * 0.28), (2, partners, size * 0.43)):
        for i, item in enumerate(items):
            step = 2 * math.pi / max(len(items), 1)
            angle = step * i - math.pi / 2 + step / 2 * (ring == 1) + (0.3 if ring == 2 else 0)
            if ring == 1:
                label, detail = item.display_name, item.get_department_display() or item.get_role_display()
            else:
                label, detail = item.party.name, item.get_relation_display()
            nodes.append(Node(label, str(detail), ring, round(middle + radius * math.cos(angle), 1),
                              round(middle + radius * math.sin(angle), 1)))
    centre_nodes = [n for n in nodes if n.ring == 0]
    hub = centre_nodes[0]
    edges = [(hub, n) for n in nodes if n.ring > 0]
    edges += [(a, b) for a, b in zip(centre_nodes, centre_nodes[1:], strict=False)]
    return {"size": size, "nodes": nodes, "edges": edges}


COLOURS = {0: "#01689b", 1: "#39870c", 2: "#e17000"}


def diagram_svg(data, title: str) -> str:
    size = data["size"]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="100%" '
             f'role="img" aria-labelledby="team-diagram-title"><title id="team-diagram-title">{escape(title)}</title>']
    for radius in (size * 0.28, size * 0.43):
        parts.append(f'<circle cx="{size / 2}" cy="{size / 2}" r="{radius:.1f}" fill="none" stroke="#ccc" '
                     f'stroke-dasharray="4 4"/>')
    for a, b in data["edges"]:
        parts.append(f'<line x1="{a.x}" y1="{a.y}" x2="{b.x}" y2="{b.y}" stroke="#999"/>')
    for i, n in enumerate(data["nodes"]):
        r = 30 if n.ring == 0 else 20
        # Centre labels alternate above and below their circle, so two brokers side by side stay readable.
        above = n.ring == 0 and i % 2 == 0 and len([m for m in data["nodes"] if m.ring == 0]) > 1
        y1, y2 = (n.y - r - 20, n.y - r - 7) if above else (n.y + r + 13, n.y + r + 26)
        parts.append(f'<circle cx="{n.x}" cy="{n.y}" r="{r}" fill="{COLOURS[n.ring]}"/>'
                     f'<text x="{n.x}" y="{y1}" text-anchor="middle" font-size="12">{escape(n.label)}</text>'
                     f'<text x="{n.x}" y="{y2}" text-anchor="middle" font-size="10" fill="#555">'
                     f'{escape(n.detail)}</text>')
    parts.append("</svg>")
    return "".join(parts)
