from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    PROVINCIE = "provincie", _("Provincie")
    REGIO = "regio", _("Regionaal samenwerkingsverband")
    OTHER = "other", _("Andere organisatie")


class Role(models.TextChoices):
    BROKER = "broker", _("Makelaar met mandaat")
    COLLEAGUE = "colleague", _("Collega")
    ENTREPRENEUR = "entrepreneur", _("Ondernemer")
    STEERING = "steering", _("Stuurgroeplid")
    PARTNER = "partner", _("Netwerkpartner (loket)")
    SROI_COORDINATOR = "sroi_coordinator", _("Regionaal SROI-coördinator")


class Department(models.TextChoices):
    INKOOP = "inkoop", _("Inkoop")
    VASTGOED = "vastgoed", _("Vastgoed")
    SOCIAAL_DOMEIN = "sociaal_domein", _("Sociaal domein")
    VERGUNNINGEN = "vergunningen", _("Vergunningen")
    SUBSIDIES = "subsidies", _("Subsidies")
    ECONOMIE = "economie", _("Economie")
    RUIMTE = "ruimte", _("Ruimte")


class PartyCategory(models.TextChoices):
    """Categories of City Deal parties, as listed in the deal text."""

    NATIONAL_GOVERNMENT = "rijk", _("Rijksoverheid")
    PROVINCE = "provincie", _("Provincie")
    MUNICIPALITY = "gemeente", _("Gemeente")
    NATIONAL_AGENCY = "uitvoeringsorganisatie", _("Landelijke uitvoeringsorganisatie")
    KNOWLEDGE = "kennisinstelling", _("Kennisinstelling")
    INTERMEDIARY = "intermediair", _("Intermediair")
    FUND = "fonds", _("Fonds of financier")
    CONSULTANCY = "adviesbureau", _("Adviesbureau")
    ENTREPRENEUR = "impactondernemer", _("Impactondernemer")
    # The wider local ecosystem (issue 12).
    REGULAR_BUSINESS = "bedrijf", _("Reguliere onderneming")
    EDUCATION = "onderwijs", _("Onderwijs")
    HOUSING = "woningcorporatie", _("Woningcorporatie")
    DEVELOPMENT_COMPANY = "ontwikkelingsmaatschappij", _("Regionale ontwikkelingsmaatschappij")
    SHELTERED_WORK = "sw_bedrijf", _("SW-bedrijf")
    CIVIL_SOCIETY = "maatschappelijk", _("Maatschappelijke organisatie")
    RESIDENTS = "bewonersinitiatief", _("Bewonersinitiatief")
