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
