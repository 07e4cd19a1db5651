from django.db import models
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from impactportal.text import in_page_language


class AdmissionStatus(models.TextChoices):
    NOT_APPLIED = "not_applied", _("Niet aangevraagd")
    APPLIED = "applied", _("Aangevraagd")
    UNDER_REVIEW = "under_review", _("In behandeling")
    ADMITTED = "admitted", _("Toegelaten")
    REJECTED = "rejected", _("Afgewezen")


class LegalForm(models.TextChoices):
    EENMANSZAAK = "eenmanszaak", _("Eenmanszaak")
    VOF = "vof", _("Vennootschap onder firma")
    BV = "bv", _("Besloten vennootschap (bv)")
    NV = "nv", _("Naamloze vennootschap (nv)")
    STICHTING = "stichting", _("Stichting")
    VERENIGING = "vereniging", _("Vereniging")
    COOPERATIE = "cooperatie", _("Coöperatie")
    OTHER = "other", _("Anders")


class Stage(models.TextChoices):
    START = "start", _("Start")
    GROWTH = "growth", _("Groei")
    SCALE_UP = "scale_up", _("Opschaling")
    ESTABLISHED = "established", _("Gevestigd")


class EnterpriseType(models.TextChoices):
    # Short labels: they fill table columns and cards. Meaning: impact first = a social
    # enterprise (impact is the goal); impact second = a regular firm with substantial impact.
    IMPACT_FIRST = "impact_first", _("Impact first")
    IMPACT_SECOND = "impact_second", _("Impact second")
    REGULAR_SME = "regular_sme", _("Regulier mkb")
    # A sheltered-work company (sociale werkvoorziening): PSO counts purchases at these too.
    SHELTERED_WORK = "sheltered_work", _("SW-bedrijf")


class Scheme(models.TextChoices):
    PSO_BASIS = "pso_basis", _("PSO basistrede")
    PSO_1 = "pso_1", _("PSO trede 1")
    PSO_2 = "pso_2", _("PSO trede 2")
    PSO_3 = "pso_3", _("PSO trede 3")
    PSO_30 = "pso_30", _("PSO 30+")
    CSO = "cso", _("Code Sociale Ondernemingen")
    B_CORP = "b_corp", _("B Corp")
    SENL = "senl", _("Lidmaatschap Social Enterprise NL")
    CEDRIS = "cedris", _("Cedris-leerwerkbedrijf")
    SROI_BADGE = "sroi_badge", _("SROI-badge van het platform")
    OTHER = "other", _("Anders")


class CertificationStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Niet geverifieerd")
    VERIFIED = "verified", _("Geverifieerd")
    EXPIRING = "expiring", _("Verloopt binnenkort")
    EXPIRED = "expired", _("Verlopen")
    REVOKED = "revoked", _("Ingetrokken")
    DISPUTED = "disputed", _("Betwist")


class CertificationSource(models.TextChoices):
    MANUAL = "manual", _("Handmatig")
    IMPORT = "import", _("Registerimport")
    ADMISSION = "admission", _("Toelating")


class AdmissionMode(models.TextChoices):
    """How a platform admits enterprises to its showcase (``AdmissionRule.mode``)."""

    COMMITTEE = "committee", _("Een commissie besluit")
    LABEL = "label", _("Automatisch met een geldig erkend keurmerk")
    LABEL_OR_COMMITTEE = "label_or_committee", _("Automatisch met keurmerk, anders besluit de commissie")


class AdmissionRoute(models.TextChoices):
    """How an admitted enterprise got in: the committee's decision or automatically on a label."""

    COMMITTEE = "committee", _("Besluit van de commissie")
    LABEL = "label", _("Automatisch op keurmerk")


class ContactKind(models.TextChoices):
    INTAKE = "intake", _("Intakegesprek")
    CONVERSATION = "conversation", _("Gesprek")
    WORK_VISIT = "work_visit", _("Werkbezoek")
    MAIL = "mail", _("Mail")
    PHONE = "phone", _("Telefoon")


SDG_NAMES = {
    1: _("Geen armoede"),
    2: _("Geen honger"),
    3: _("Goede gezondheid en welzijn"),
    4: _("Kwaliteitsonderwijs"),
    5: _("Gendergelijkheid"),
    6: _("Schoon water en sanitair"),
    7: _("Betaalbare en duurzame energie"),
    8: _("Eerlijk werk en economische groei"),
    9: _("Industrie, innovatie en infrastructuur"),
    10: _("Ongelijkheid verminderen"),
    11: _("Duurzame steden en gemeenschappen"),
    12: _("Verantwoorde consumptie en productie"),
    13: _("Klimaatactie"),
    14: _("Leven in het water"),
    15: _("Leven op het land"),
    16: _("Vrede, justitie en sterke publieke diensten"),
    17: _("Partnerschap om doelstellingen te bereiken"),
}
SDG_CHOICES = [(number, format_lazy("{}. {}", number, name)) for number, name in SDG_NAMES.items()]

# Managed lists, seeded by a data migration; administrators may add to them in the admin.
IMPACT_THEMES = [
    ("arbeidsparticipatie", "Arbeidsparticipatie"),
    ("armoede-en-schulden", "Armoede en schulden"),
    ("circulaire-economie", "Circulaire economie"),
    ("energie-en-klimaat", "Energie en klimaat"),
    ("zorg-en-welzijn", "Zorg en welzijn"),
    ("onderwijs", "Onderwijs"),
    ("voedsel", "Voedsel"),
    ("mobiliteit", "Mobiliteit"),
    ("cultuur", "Cultuur"),
    ("sociale-cohesie", "Sociale cohesie"),
]
OFFERING_CATEGORIES = [
    ("catering", "Catering en horeca"),
    ("schoonmaak", "Schoonmaak"),
    ("groenonderhoud", "Groenonderhoud en hoveniers"),
    ("facilitair", "Facilitaire diensten"),
    ("drukwerk", "Drukwerk en grafisch"),
    ("ict", "ICT en digitale diensten"),
    ("logistiek", "Logistiek, koeriers en verhuizingen"),
    ("bouw", "Bouw, onderhoud en renovatie"),
    ("energie", "Energie en installatie"),
    ("textiel", "Textiel en bedrijfskleding"),
    ("meubilair", "Meubilair en inrichting"),
    ("recycling", "Recycling en hergebruik"),
    ("zorg", "Zorg en welzijn"),
    ("re-integratie", "Re-integratie en begeleiding"),
    ("opleiding", "Opleiding en training"),
    ("advies", "Advies en onderzoek"),
    ("evenementen", "Evenementen en cultuur"),
    ("voedsel", "Voedsel en dranken"),
    ("relatiegeschenken", "Relatiegeschenken"),
    ("overig", "Overig"),
]
# English names of the seeded entries (administrators fill in ``name_en`` for entries they add).
MANAGED_LIST_ENGLISH = {
    "arbeidsparticipatie": "Labour participation", "armoede-en-schulden": "Poverty and debt",
    "circulaire-economie": "Circular economy", "energie-en-klimaat": "Energy and climate",
    "zorg-en-welzijn": "Care and wellbeing", "onderwijs": "Education", "voedsel": "Food",
    "mobiliteit": "Mobility", "cultuur": "Culture", "sociale-cohesie": "Social cohesion",
    "catering": "Catering and hospitality", "schoonmaak": "Cleaning", "groenonderhoud": "Grounds maintenance and gardening",
    "facilitair": "Facility services", "drukwerk": "Printing and graphic design", "ict": "IT and digital services",
    "logistiek": "Logistics, couriers and removals", "bouw": "Construction, maintenance and renovation",
    "energie": "Energy and installation", "textiel": "Textiles and workwear", "meubilair": "Furniture and fittings",
    "recycling": "Recycling and reuse", "zorg": "Care and wellbeing", "re-integratie": "Re-integration and coaching",
    "opleiding": "Education and training", "advies": "Advice and research", "evenementen": "Events and culture",
    "relatiegeschenken": "Corporate gifts", "overig": "Other",
}


def _seeded_name(slug: str, dutch: str) -> str:
    return in_page_language(dutch, MANAGED_LIST_ENGLISH.get(slug, ""))


# A seeded entry's name where code names it without a database row (indicator names), in the
# page's language like the row's own ``str()``.
seeded_name = lazy(_seeded_name, str)
