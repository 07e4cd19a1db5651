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
