from .helpdesk import Case, CaseAttachment, CaseMessage, HelpdeskSettings
from .knowledge import KnowledgeInstrument, SelfServiceOutcome
from .referrals import ExternalReferral
from .signup import EnterpriseLinkRequest
from .teams import BrokerTeam, BudgetLine, Mandate
from .team_members import TeamMember, TeamPartner
from .toolbox import Answer, AnswerComment, AnswerVersion, Edition, Module, Question, Theme
from .spending import Spending
from .agenda import Action, ActionLine, ActionLink, ActionProgramme

__all__ = [
    "Action", "ActionLine", "ActionLink", "ActionProgramme", "Answer", "AnswerComment", "AnswerVersion", "Edition",
    "Module", "Question", "Spending", "TeamMember", "TeamPartner", "Theme",
    "BrokerTeam", "BudgetLine", "Case", "CaseAttachment", "CaseMessage", "EnterpriseLinkRequest", "ExternalReferral",
    "HelpdeskSettings", "KnowledgeInstrument", "Mandate", "SelfServiceOutcome",
]
