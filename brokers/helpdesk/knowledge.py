"""Which knowledge-base instruments to suggest for a helpdesk category (self-service first)."""

from brokers.constants import CaseCategory, InstrumentKind
from brokers.models import KnowledgeInstrument

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


def suggestions_for(category, limit=MAX_SUGGESTIONS):
    """The most fitting instruments first: kinds in the order of the mapping, then by name."""
    kinds = SUGGESTED_KINDS.get(category)
    if not kinds:
        return []
    rank = {kind: index for index, kind in enumerate(kinds)}
    items = list(KnowledgeInstrument.objects.filter(kind__in=kinds, is_active=True))
    items.sort(key=lambda i: (rank[i.kind], i.name))
    return items[:limit]
