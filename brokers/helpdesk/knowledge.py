"""Which knowledge-base instruments to suggest for a helpdesk category (self-service first)."""

import re

from brokers.constants import CaseCategory, InstrumentKind
from brokers.models import KnowledgeInstrument
from brokers.models.knowledge import NATIONWIDE
from impactportal.accounts.provinces import province_of

K = InstrumentKind
SUGGESTED_KINDS = {
    CaseCategory.REFERRAL: [K.NETWORK, K.TOOL],
    CaseCategory.STAFF: [K.NETWORK, K.TOOL, K.COURSE],
    CaseCategory.FINANCING: [K.FINANCING, K.NETWORK],
    CaseCategory.PROPERTY: [K.NETWORK, K.TOOL],
    CaseCategory.BUSINESS_CASE: [K.TOOL, K.COURSE, K.KNOWLEDGE, K.FINANCING],
    CaseCategory.PROCUREMENT: [K.EVENT, K.NETWORK, K.TOOL],
    CaseCategory.IMPACT: [K.MEASUREMENT, K.KNOWLEDGE, K.COURSE],
    CaseCategory.OTHER: [K.NETWORK, K.TOOL],
}
MAX_SUGGESTIONS = 6

# The work areas ("werkgebied") of instruments that cover a province, by province (CBS spelling):
# its own name and the wider areas the toolbox uses ("Impact Noord" works in Noord-Nederland).
PROVINCE_AREAS = {
    "Groningen": ["Groningen", "Noord-Nederland"],
    "Fryslân": ["Fryslân", "Friesland", "Noord-Nederland"],
    "Drenthe": ["Drenthe", "Noord-Nederland"],
    "Overijssel": ["Overijssel", "Oost-Nederland"],
    "Gelderland": ["Gelderland", "Oost-Nederland"],
    "Flevoland": ["Flevoland"],
    "Utrecht": ["Utrecht"],
    "Noord-Holland": ["Noord-Holland"],
    "Zuid-Holland": ["Zuid-Holland"],
    "Zeeland": ["Zeeland", "Zuid-Nederland"],
    "Noord-Brabant": ["Noord-Brabant", "Brabant", "Zuid-Nederland"],
    "Limburg": ["Limburg", "Zuid-Nederland"],
}
# Places, best first: the municipality's own, its region or province, nationwide.
OWN, REGION, NATIONAL, ELSEWHERE = range(4)


def suggestions_for(category, organisation=None, limit=MAX_SUGGESTIONS):
    """The most fitting instruments first: those working in the asker's municipality
    (``organisation``), then in its region or province, then nationwide ones; within each, kinds in
    the order of the mapping, then by name. Instruments of other places are no help to the asker and
    are left out (a Haarlem question was offered networks in Eindhoven, Amersfoort, Utrecht and
    Amsterdam); without a known municipality every place is offered, nationwide ones first."""
    kinds = SUGGESTED_KINDS.get(category)
    if not kinds:
        return []
    rank = {kind: index for index, kind in enumerate(kinds)}
    own, wider = local_names(organisation)
    items = list(KnowledgeInstrument.objects.filter(kind__in=kinds, is_active=True))
    placed = [(_place(i, own, wider), i) for i in items]
    if organisation is not None:
        placed = [(place, i) for place, i in placed if place != ELSEWHERE]
    placed.sort(key=lambda p: (p[0], rank[p[1].kind], p[1].page_name))  # the name as the page shows it
    return [i for _, i in placed[:limit]]


def local_names(organisation) -> tuple[list[str], list[str]]:
    """What an instrument's work area ("Haarlem en Kennemerland") may name to be local to
    ``organisation``: the municipality's own name without "Gemeente" (or a province's without
    "Provincie"); and, wider, the names of its regions and of its province's areas."""
    if organisation is None:
        return [], []
    own = organisation.name.removeprefix("Gemeente ").removeprefix("Provincie ").strip()
    wider = [*organisation.regions.values_list("name", flat=True)]
    province = province_of(organisation)
    wider += PROVINCE_AREAS.get(province, [province] if province else [])
    return ([own.casefold()] if own else []), [name.casefold() for name in wider if name and name != own]


def _names(area: str, names: list[str]) -> bool:
    # Whole words: "ede" is inside "noord-nederland", which is not Ede's.
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", area) for name in names)


def _place(instrument, own: list[str], wider: list[str]) -> int:
    if instrument.region == NATIONWIDE:
        return NATIONAL
    area = instrument.region.casefold()
    if _names(area, own):
        return OWN
    if _names(area, wider):
        return REGION
    return ELSEWHERE
