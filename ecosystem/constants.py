"""Choice lists of the ecosystem app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# --- bottlenecks and best practices (knelpunten en best practices) ---------------------------


class BottleneckKind(models.TextChoices):
    BOTTLENECK = "bottleneck", _("Knelpunt")
    BEST_PRACTICE = "best_practice", _("Best practice")


class BottleneckTheme(models.TextChoices):
    """The themes of the City Deal's systemic barriers (deal text, section 2)."""

    LEGISLATION = "legislation", _("Wet- en regelgeving")
    FINANCING = "financing", _("Financiering")
    PROCUREMENT = "procurement", _("Inkoop en aanbesteden")
    REAL_ESTATE = "real_estate", _("Vastgoed en huisvesting")
    LABOUR = "labour", _("Arbeidsmarkt en uitkeringen")
    PERMITS = "permits", _("Vergunningen")
    DEFINITION = "definition", _("Definitie van impact")
    OTHER = "other", _("Overig")


class SolvingLevel(models.TextChoices):
    """The tier of government that can solve a bottleneck."""

    MUNICIPALITY = "municipality", _("Eigen gemeente")
    REGION = "region", _("Regio")
    PROVINCE = "province", _("Provincie")
    NATIONAL = "national", _("Rijksoverheid")


class Ministry(models.TextChoices):
    """The Dutch ministries (names since the 2024 cabinet; EZ was EZK until July 2024)."""

    AZ = "az", _("Algemene Zaken")
    AENM = "aenm", _("Asiel en Migratie")
    BZK = "bzk", _("Binnenlandse Zaken en Koninkrijksrelaties")
    BZ = "bz", _("Buitenlandse Zaken")
    DEFENSIE = "defensie", _("Defensie")
    EZ = "ez", _("Economische Zaken")
    FIN = "fin", _("Financiën")
    IENW = "ienw", _("Infrastructuur en Waterstaat")
    JENV = "jenv", _("Justitie en Veiligheid")
    KGG = "kgg", _("Klimaat en Groene Groei")
    LVVN = "lvvn", _("Landbouw, Visserij, Voedselzekerheid en Natuur")
    OCW = "ocw", _("Onderwijs, Cultuur en Wetenschap")
    SZW = "szw", _("Sociale Zaken en Werkgelegenheid")
    VWS = "vws", _("Volksgezondheid, Welzijn en Sport")
    VRO = "vro", _("Volkshuisvesting en Ruimtelijke Ordening")


class BottleneckStatus(models.TextChoices):
    SIGNALLED = "signalled", _("Gesignaleerd")
    ON_AGENDA = "on_agenda", _("Geagendeerd")
    IN_PROGRESS = "in_progress", _("In behandeling")
    SOLVED = "solved", _("Opgelost")
    UNSOLVABLE = "unsolvable", _("Niet op te lossen")


# --- ecosystem map, coalitions, collaboration, real estate, events (issue 12) -----------------


class Domain(models.TextChoices):
    """The six domains of a healthy impact ecosystem (toolbox module 8)."""

    NETWORK = "network", _("Netwerk")
    KNOWLEDGE = "knowledge", _("Onderzoek en kennis")
    SUPPORT = "support", _("Ondernemersondersteuning")
    FINANCING = "financing", _("Financiering")
    MARKET = "market", _("Markt en beleid")
    HUMAN_CAPITAL = "human_capital", _("Menselijk kapitaal")


class CoalitionFunction(models.TextChoices):
    """What an impact coalition needs filled (the Rotterdam model): functions, not particular parties."""

    POLICY = "policy", _("Beleid en middelen")
    BUILDER = "builder", _("Ecosysteembouwer / ondernemersondersteuning")
    FINANCING = "financing", _("Impactfinanciering")
    RESEARCH = "research", _("Onderzoek")
    ACTIVATION = "activation", _("Activering")
    MANDATE = "mandate", _("Mensen met mandaat")


# The Rotterdam advice: at most three focus areas. More is a warning, not a refusal.
FOCUS_AREA_ADVICE = 3


class MeetingKind(models.TextChoices):
    COALITION = "coalition", _("Coalitieoverleg")
    COUNCIL = "council", _("Adviesraad")


class CollaborationTheme(models.TextChoices):
    PROCUREMENT_PLATFORM = "procurement_platform", _("Inkoopplatform")
    SHARED_SERVICES = "shared_services", _("Gedeelde ondernemersdienstverlening")
    SROI_RULES = "sroi_rules", _("Eén set SROI-regels")
    KNOWLEDGE_SHARING = "knowledge_sharing", _("Kennisdeling")
    OTHER = "other", _("Overig")


class PropertyType(models.TextChoices):
    OFFICE = "office", _("Kantoor")
    WORKSHOP = "workshop", _("Werkplaats")
    RETAIL = "retail", _("Winkel of horeca")
    HALL = "hall", _("Bedrijfshal of opslag")
    COMMUNITY = "community", _("Maatschappelijke ruimte")
    STUDIO = "studio", _("Atelier")


class SpaceRequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ALLOCATED = "allocated", _("Toegewezen")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class Procedure(models.TextChoices):
    """Didam (Hoge Raad, 26 november 2021): letting or selling municipal property needs an open
    selection procedure, or a recorded justification why there is only one serious candidate."""

    OPEN = "open", _("Openbare selectieprocedure")
    EXCEPTION = "exception", _("Uitzondering (gemotiveerd)")


class TenantKind(models.TextChoices):
    COMMERCIAL = "commercial", _("Commercieel")
    SOCIAL = "social", _("Maatschappelijk")
    CULTURAL = "cultural", _("Cultureel")


class EventKind(models.TextChoices):
    WORK_VISIT = "work_visit", _("Werkbezoek")
    PITCH_DAY = "pitch_day", _("Pitchdag")
    NETWORK = "network", _("Netwerkbijeenkomst")
    INTERVISION = "intervision", _("Intervisie")


# The date bounds moved to ``impactportal.dates``; earlier migrations name these callables here.
from impactportal.dates import latest_date, latest_long_term_date, latest_moment  # noqa: E402, F401
