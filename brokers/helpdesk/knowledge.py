"""Which knowledge-base instruments to suggest for a helpdesk category (self-service first)."""

import re

from brokers.constants import CaseCategory, InstrumentKind
from brokers.models import KnowledgeInstrument
from brokers.models.knowledge import NATIONWIDE

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


def suggestions_for(category, organisation=None, limit=MAX_SUGGESTIONS):
    """The most fitting instruments first: those working where the asker's municipality
    (``organisation``) is, then nationwide ones, then those of other places (a Haarlem question
    was offered networks in Eindhoven, Amersfoort and Utrecht before Haarlem's own); within each,
    kinds in the order of the mapping, then by name."""
    kinds = SUGGESTED_KINDS.get(category)
    if not kinds:
        return []
    rank = {kind: index for index, kind in enumerate(kinds)}
    local = local_names(organisation)
    items = list(KnowledgeInstrument.objects.filter(kind__in=kinds, is_active=True))
    items.sort(key=lambda i: (_place(i, local), rank[i.kind], i.page_name))  # the name as the page shows it
    return items[:limit]


def local_names(organisation) -> list[str]:
    """What an instrument's work area ("Haarlem en Kennemerland") may name to be local to
    ``organisation``: the municipality's own name without "Gemeente", and its regions' names."""
    if organisation is None:
        return []
    own = organisation.name.removeprefix("Gemeente ").strip()
    return [name.casefold() for name in (own, *organisation.regions.values_list("name", flat=True)) if name]


def _place(instrument, local: list[str]) -> int:
    area = instrument.region.casefold()
    # Whole words: "ede" is inside "noord-nederland", which is not Ede's.
    if any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", area) for name in local):
        return 0
    return 1 if instrument.region == NATIONWIDE else 2
