from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from impactportal.accounts.constants import PartyCategory


class SnapshotKind(models.TextChoices):
    MONTHLY = "monthly", _("Maandelijkse meting")
    BASELINE = "baseline", _("Nulmeting")
    # From 1 January to the end of a month: a report's figures of the year (``services.year_to_date``).
    YEAR_TO_DATE = "year_to_date", _("Meting van het jaar tot dan")


class ReportKind(models.TextChoices):
    ANNUAL = "annual", _("Jaarlijkse voortgangsrapportage")
    PROGRAMME = "programme", _("Programmarapportage")
    EVALUATION = "evaluation", _("Evaluatie (nulmeting, nu, doel)")
    IMPACT_STATEMENT = "impact_statement", _("Impactverklaring onderneming")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Concept")
    UNDER_REVIEW = "under_review", _("Ter beoordeling")
    CHANGES_REQUESTED = "changes_requested", _("Wijzigingen gevraagd")
    APPROVED = "approved", _("Vastgesteld")


class ReviewKind(models.TextChoices):
    COMMENT = "comment", _("Opmerking")
    DECISION = "decision", _("Besluit")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Vastgesteld")
    CHANGES_REQUESTED = "changes_requested", _("Wijzigingen gevraagd")


class Section(models.TextChoices):
    """The sections of a report members comment on."""

    SUMMARY = "summary", _("Samenvatting")
    INDICATORS = "indicators", _("Indicatoren")
    CHARTS = "charts", _("Grafieken")
    LEVELS = "levels", _("Per organisatie, initiatief en doel")
    APPENDIX = "appendix", _("Bijlage: bronnen en status")


# The sections a report's keepers write a text for (``models.ReportText``). Not the appendix: it is
# the registry's definitions and sources, generated, the same in every report; a comment on it is
# about a definition (changed in the registry), not about words a drafter could change in this report.
TEXT_SECTIONS = (Section.SUMMARY, Section.INDICATORS, Section.CHARTS, Section.LEVELS)


class UnderspendRule(models.TextChoices):
    CARRY_OVER = "carry_over", _("Naar het volgende jaar")
    REALLOCATE = "reallocate", _("Herbestemmen door de stuurgroep")
    RETURN = "return", _("Terug naar de partijen naar rato")


# City Deal Impact Ondernemen, part 4d: the yearly contribution by party category (excl. VAT).
# (money, in kind); impact entrepreneurs contribute in kind only (no fixed amount).
STANDARD_CONTRIBUTION = {
    PartyCategory.NATIONAL_GOVERNMENT: (Decimal("30000"), Decimal("0")),
    PartyCategory.PROVINCE: (Decimal("10000"), Decimal("0")),
    PartyCategory.MUNICIPALITY: (Decimal("10000"), Decimal("0")),
    PartyCategory.NATIONAL_AGENCY: (Decimal("10000"), Decimal("0")),
    PartyCategory.ENTREPRENEUR: (Decimal("0"), Decimal("0")),
}
OTHER_CONTRIBUTION = (Decimal("2000"), Decimal("3000"))
BZK_ONCE = Decimal("45000")
BUDGET_HOLDER = "Stichting Platform31"
MEETINGS_PER_YEAR = 4
OPEN_MEETINGS_PER_YEAR = 1

# The six current themes of the City Deal (seed 003), each with a coordinator: the official Dutch
# name and its English (``ProgrammeTheme.name_en``, shown on English pages).
CITY_DEAL_THEMES = {
    "Impact ondernemen zichtbaar maken": "Making impact entrepreneurship visible",
    "Impactfinanciering": "Impact financing",
    "Impactnetwerken en het brede mkb": "Impact networks and the broader SME sector",
    "Impactvol inkopen": "Impactful procurement",
    "Impactondernemen in onderwijs": "Impact entrepreneurship in education",
    "Beleid en ontwikkeling": "Policy and development",
}


def standard_contribution(category: str) -> tuple[Decimal, Decimal]:
    return STANDARD_CONTRIBUTION.get(category, OTHER_CONTRIBUTION)
