from .helpdesk import Case, CaseAttachment, CaseMessage, HelpdeskSettings
from .knowledge import KnowledgeInstrument, SelfServiceOutcome
from .referrals import ExternalReferral
from .signup import EnterpriseLinkRequest
from .teams import BrokerTeam, BudgetLine, Mandate

__all__ = [
    "BrokerTeam", "BudgetLine", "Case", "CaseAttachment", "CaseMessage", "EnterpriseLinkRequest", "ExternalReferral",
    "HelpdeskSettings", "KnowledgeInstrument", "Mandate", "SelfServiceOutcome",
]
