from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamForm(models.TextChoices):
    SINGLE = "single", _("Eén makelaar")
    TEAM = "team", _("Makelaarsteam")
    WITH_PARTNER = "with_partner", _("Team met externe netwerkpartner")


class TeamQuality(models.TextChoices):
    CONNECTOR = "connector", _("Verbinder")
    ECOSYSTEM_BUILDER = "ecosystem_builder", _("Ecosysteembouwer")
    AMBASSADOR = "ambassador", _("Ambassadeur")
    ACCOUNT_MANAGER = "account_manager", _("Accountmanager")
    CREATIVE = "creative", _("Creatief denker")
    ENTHUSING = "enthusing", _("Enthousiasmerend")
    PERSEVERING = "persevering", _("Volhouder")
    STRATEGIST = "strategist", _("Strateeg")
    COMMUNICATIVE = "communicative", _("Communicatief")
    AGILE = "agile", _("Wendbaar")
    ENTREPRENEURIAL = "entrepreneurial", _("Ondernemend")


class BudgetLineKind(models.TextChoices):
    GOVERNANCE = "governance", _("Bestuurlijke vernieuwing")
    REINTEGRATION = "reintegration", _("Re-integratie")
    ECONOMY = "economy", _("Economie")
    SERVICES = "services", _("Dienstverlening")
    NETWORK = "network", _("Netwerk")
    TRADE = "trade", _("Handel en inkoop")
    INVESTMENT = "investment", _("Investeren")
    COMMUNICATION = "communication", _("Communicatie")
    OTHER = "other", _("Overig")


# --- helpdesk ---------------------------------------------------------------------------------


class CaseCategory(models.TextChoices):
    REFERRAL = "referral", _("Doorverwijzing binnen de gemeente")
    STAFF = "staff", _("Personeel uit de doelgroep vinden")
    FINANCING = "financing", _("Financiering")
    PROPERTY = "property", _("Huisvesting en vergunningen")
    BUSINESS_CASE = "business_case", _("Businesscase")
    PROCUREMENT = "procurement", _("Inkoop en aanbestedingen")
    IMPACT = "impact", _("Impact meten")
    OTHER = "other", _("Overig")


class CaseStatus(models.TextChoices):
    NEW = "new", _("Nieuw")
    IN_PROGRESS = "in_progress", _("In behandeling")
    REFERRED = "referred", _("Doorverwezen")
    WAITING = "waiting", _("Wacht op ondernemer")
    RESOLVED = "resolved", _("Opgelost")
    CLOSED = "closed", _("Gesloten")


OPEN_STATUSES = (CaseStatus.NEW, CaseStatus.IN_PROGRESS, CaseStatus.REFERRED, CaseStatus.WAITING)
DONE_STATUSES = (CaseStatus.RESOLVED, CaseStatus.CLOSED)


class CasePriority(models.TextChoices):
    LOW = "low", _("Laag")
    NORMAL = "normal", _("Normaal")
    HIGH = "high", _("Hoog")


class LinkRequestStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op bevestiging")
    APPROVED = "approved", _("Bevestigd")
    REJECTED = "rejected", _("Afgewezen")


class InstrumentKind(models.TextChoices):
    KNOWLEDGE = "knowledge", _("Kennisinstelling")
    FINANCING = "financing", _("Financiering")
    NETWORK = "network", _("Impactnetwerk")
    MEASUREMENT = "measurement", _("Impact meten")
    TOOL = "tool", _("Overige tool")
    COURSE = "course", _("Cursus of opleiding")
    EVENT = "event", _("Evenement")


class ExternalReferralKind(models.TextChoices):
    """Parties outside the town hall a helpdesk case can be referred to; they have no account."""

    EMPLOYER_DESK = "employer_desk", _("Werkgeversservicepunt")
    UWV = "uwv", _("UWV")
    KVK = "kvk", _("Kamer van Koophandel")
    NETWORK_PARTNER = "network_partner", _("Netwerkpartner")
    KNOWLEDGE_INSTITUTION = "knowledge", _("Kennisinstelling")


# The knowledge-base kind a referral's chosen party must have (kinds not listed take no party
# from the knowledge base, only an optional name such as "WSP Zuid-Kennemerland").
REFERRAL_INSTRUMENT_KIND = {
    ExternalReferralKind.NETWORK_PARTNER: InstrumentKind.NETWORK,
    ExternalReferralKind.KNOWLEDGE_INSTITUTION: InstrumentKind.KNOWLEDGE,
}


# --- toolbox, team, spending and action agenda (issue 13) -------------------------------------


class QuestionKind(models.TextChoices):
    OPEN = "open", _("Open vraag")
    YES_NO = "yes_no", _("Ja/nee")
    CHOICE = "choice", _("Keuze uit een lijst")
    MULTIPLE = "multiple", _("Meerkeuze")
    CHECKLIST = "checklist", _("Checklist")
    TABLE = "table", _("Tabel")
    LINKED = "linked", _("Gekoppeld aan gegevens in het portaal")


class AnswerStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SAVED = "saved", _("Opgeslagen")


class MemberRole(models.TextChoices):
    BROKER = "broker", _("Makelaar")
    ACCOUNT_MANAGER = "account_manager", _("Accountmanager")
    CORE_TEAM = "core_team", _("Kernteam")
    MANAGER = "manager", _("Leidinggevende of opdrachtgever")
    ADMINISTRATOR = "administrator", _("Bestuurder")
    OTHER = "other", _("Anders")


class PartnerRelation(models.TextChoices):
    SUBSIDY = "subsidy", _("Subsidie")
    ASSIGNMENT = "assignment", _("Opdracht")
    SECONDMENT = "secondment", _("Detachering")
    COLLABORATION = "collaboration", _("Samenwerking")


class InnovationPath(models.TextChoices):
    VISION_FIRST = "vision_first", _("Visie → actieagenda → uitvoeren → organisatie meenemen")
    ACT_FIRST = "act_first", _("Eerst doen (dienstverlening, netwerk) → visie → strategisch werk → agenda")
    QUICK_WINS = "quick_wins", _("Laaghangend fruit → vieren → collega's betrekken → naar een programma")


class SpendingKind(models.TextChoices):
    COMMITMENT = "commitment", _("Verplichting")
    SPENDING = "spending", _("Uitgave")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    IN_PROGRESS = "in_progress", _("Bezig")
    DONE = "done", _("Afgerond")
    CANCELLED = "cancelled", _("Vervallen")


OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)

# Objects an action or a spending may point at: "app_label.model", with the field a broker finds
# one by (the link picker searches it). A model that does not exist (yet) is skipped, so
# coalitions and properties start working when their app lands.
LINKABLE_MODELS = {"procurement.contract": "title", "ecosystem.coalition": "name", "ecosystem.property": "name",
                   "enterprises.enterprise": "name", "financing.outcomecontract": "title"}
