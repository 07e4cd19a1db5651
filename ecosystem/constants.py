"""Choice lists of the ecosystem app."""

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
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


# --- dates ------------------------------------------------------------------------------------

# The floor of a date that records when something in the ecosystem began (an agreement, a
# coalition, an event, a property's availability): the oldest real ones are of 2019 (Rotterdam's
# coalition, the regional social return agreements), so anything before 1990 is a typo of the
# year ("1800", "0202"), not history. Model validators, so the forms, the admin and the API agree.
EARLIEST_DATE = dt.date(1990, 1, 1)
EARLIEST_DATE_MESSAGE = _("Vul een datum in vanaf 01-01-1990; controleer het jaar.")
NOT_BEFORE_1990 = MinValueValidator(EARLIEST_DATE, message=EARLIEST_DATE_MESSAGE)
NOT_BEFORE_1990_AT = MinValueValidator(dt.datetime(1990, 1, 1, tzinfo=dt.UTC), message=EARLIEST_DATE_MESSAGE)
# Something that has started ("gestart op") did so today at the latest.
STARTED_NOT_IN_FUTURE = MaxValueValidator(timezone.localdate, message=_(
    "Deze startdatum ligt in de toekomst. Kies vandaag of een eerdere datum."))
# Something that has been signed ("getekend op") was so today at the latest.
SIGNED_NOT_IN_FUTURE = MaxValueValidator(timezone.localdate, message=_(
    "Deze datum van ondertekening ligt in de toekomst. Kies vandaag of een eerdere datum."))

# The ceiling of a date planned ahead (an event, the desired start of a space request): "12-05-9999"
# or a year typed twenty years on was accepted and then led every list and every match. Like an
# action programme (``brokers.models.agenda``: at most ten years ahead), a plan has a horizon: an
# event or a tenancy is planned a few years ahead at most, so beyond five years it is a typo.
LATEST_YEARS_AHEAD = 5
LATEST_DATE_MESSAGE = _("Vul een datum in die hooguit vijf jaar vooruit ligt; controleer het jaar.")


def latest_date() -> dt.date:
    """The last day a planned date may fall on: today, ``LATEST_YEARS_AHEAD`` years on."""
    from enterprises.checks import add_years

    return add_years(timezone.localdate(), LATEST_YEARS_AHEAD)


def latest_moment() -> dt.datetime:
    """The end of ``latest_date()`` in the portal's time zone: the ceiling of a moment."""
    return timezone.make_aware(dt.datetime.combine(latest_date(), dt.time.max))


NOT_TOO_FAR_AHEAD = MaxValueValidator(latest_date, message=LATEST_DATE_MESSAGE)
NOT_TOO_FAR_AHEAD_AT = MaxValueValidator(latest_moment, message=LATEST_DATE_MESSAGE)

# The ceiling of the end of a property's availability ("beschikbaar tot en met"). Not the five years
# of a plan: a property can be on offer for a long lease, or until a redevelopment decades away,
# and an empty field means "no end". But "31-12-9999", or a year typed as 2250 for 2025, is a typo
# that made the property look available forever. Fifty years ahead (from today, so the limit never
# goes stale the way a fixed year such as 2100 would) is longer than any lease the portal records
# (a ground lease is the owner's business, not an offer of space) and still catches such a year.
LONG_TERM_YEARS_AHEAD = 50
LONG_TERM_DATE_MESSAGE = _("Vul een datum in die hooguit vijftig jaar vooruit ligt, of laat het veld leeg als er "
                           "geen einddatum is; controleer het jaar.")


def latest_long_term_date() -> dt.date:
    """The last day an availability may end on: today, ``LONG_TERM_YEARS_AHEAD`` years on."""
    from enterprises.checks import add_years

    return add_years(timezone.localdate(), LONG_TERM_YEARS_AHEAD)


NOT_ABSURDLY_FAR_AHEAD = MaxValueValidator(latest_long_term_date, message=LONG_TERM_DATE_MESSAGE)
