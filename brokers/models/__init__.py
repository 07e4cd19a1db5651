from .agenda import Action, ActionLine, ActionLink, ActionProgramme
from .helpdesk import Case, CaseAttachment, CaseMessage, HelpdeskSettings
from .knowledge import KnowledgeInstrument, SelfServiceOutcome
from .referrals import ExternalReferral
from .signup import EnterpriseLinkRequest
from .spending import Spending
from .team_members import TeamMember, TeamPartner
from .teams import BrokerTeam, BudgetLine, Mandate
from .toolbox import Answer, AnswerComment, AnswerVersion, Edition, Module, Question, Theme

__all__ = [
    "Action", "ActionLine", "ActionLink", "ActionProgramme", "Answer", "AnswerComment", "AnswerVersion", "Edition",
    "Module", "Question", "Spending", "TeamMember", "TeamPartner", "Theme",
    "BrokerTeam", "BudgetLine", "Case", "CaseAttachment", "CaseMessage", "EnterpriseLinkRequest", "ExternalReferral",
    "HelpdeskSettings", "KnowledgeInstrument", "Mandate", "SelfServiceOutcome",
]
