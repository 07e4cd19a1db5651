from django.db import models
from django.utils.translation import gettext_lazy as _


class BlockKind(models.TextChoices):
    """The ways a supplier can fulfil a social-return obligation (the building blocks)."""

    PLACEMENT = "placement", _("Plaatsing van een kandidaat")
    WORK_EXPERIENCE = "work_experience", _("Werkervaringsplek")
    TRAINING = "training", _("Leerwerktraject (BBL/BOL)")
    PURCHASE = "purchase", _("Inkoop bij een impactonderneming")
    HOURS = "hours", _("Kennis- of ondersteuningsuren")
    CERTIFICATE = "certificate", _("PSO-certificaat van de leverancier")
    BONUS = "bonus", _("Bonus bij een plaatsing")
    OTHER = "other", _("Anders, met onderbouwing")


# The fields a realisation line of each kind needs (True) or accepts (False); the rest are refused.
KIND_FIELDS: dict[str, dict[str, bool]] = {
    BlockKind.PLACEMENT: {"fte": True, "months": True, "candidate_ref": False, "bonuses": False},
    BlockKind.WORK_EXPERIENCE: {"months": True, "candidate_ref": False},
    BlockKind.TRAINING: {"months": True, "candidate_ref": False},
    BlockKind.PURCHASE: {"amount": True, "seller": True},
    BlockKind.HOURS: {"hours": True},
    BlockKind.OTHER: {"amount": True, "justification": True},
}
# Blocks that are never a line of their own: a certificate lowers the obligation, a bonus is
# added to a placement line.
NOT_A_LINE = frozenset({BlockKind.CERTIFICATE, BlockKind.BONUS})
LINE_FIELDS = ("fte", "months", "amount", "hours", "bonuses", "candidate_ref", "seller", "justification")


class ContractStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ON_TRACK = "on_track", _("Op schema")
    BEHIND = "behind", _("Achter op schema")
    FULFILLED = "fulfilled", _("Voldaan")
    CLOSED = "closed", _("Afgesloten")
    # Nothing is owed (the contract value lies below the rule set's threshold): not "fulfilled", and
    # not counted among the contracts with a social-return obligation.
    NO_OBLIGATION = "exempt", _("Geen verplichting")


# The statuses of a contract that owes social return (all but NO_OBLIGATION).
OWED_STATUSES = [s for s in ContractStatus.values if s != ContractStatus.NO_OBLIGATION]


class RealisationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Ingediend")
    VERIFIED = "verified", _("Geverifieerd")
    REJECTED = "rejected", _("Afgewezen")


class MeetingOutcome(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    FOLLOW_UP = "follow_up", _("Vervolggesprek nodig")
    AGREED = "agreed", _("Afspraak gemaakt")
    NO_MATCH = "no_match", _("Geen match")


class Procedure(models.TextChoices):
    SINGLE = "single", _("Enkelvoudig onderhands")
    MULTIPLE = "multiple", _("Meervoudig onderhands")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open voor reacties")
    CLOSED = "closed", _("Gesloten, in beoordeling")
    AWARDED = "awarded", _("Gegund")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class ResponseStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Ingediend")
    SHORTLISTED = "shortlisted", _("Op de shortlist")
    AWARDED = "awarded", _("Gegund")
    NOT_SELECTED = "not_selected", _("Niet gekozen")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class ChallengePhase(models.TextChoices):
    CALL = "call", _("Oproep")
    SUBMISSIONS = "submissions", _("Inzendingen")
    SELECTION = "selection", _("Selectie")
    COACHING = "coaching", _("Coaching")
    FINAL = "final", _("Finale")
    AWARDED = "awarded", _("Toegekend")
    PILOT = "pilot", _("Pilot")


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Ingediend")
    SELECTED = "selected", _("Geselecteerd")
    NOT_SELECTED = "not_selected", _("Niet geselecteerd")
    WINNER = "winner", _("Winnaar")
