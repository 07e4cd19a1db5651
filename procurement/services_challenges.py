"""Impact challenges: phases, jurors, submissions, scores, the ranking and the awards.

Keyword-only, inside a transaction (views and the API wrap them). Decisions lock their row and
check the grant there; the awards lock the challenge, so two awards at the same moment cannot
together exceed the prize budget."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from impactportal import access
from impactportal.accounts.constants import Role
from impactportal.accounts.models import users_with_role
from impactportal.money import euro
from impactportal.text import short_date

from .constants import ChallengePhase, SubmissionStatus
from .models import Award, Challenge, ChallengeCriterion, Juror, Score, Submission

PHASES = list(ChallengePhase.values)  # in the order a challenge goes through them
SCORING_PHASES = {ChallengePhase.SELECTION, ChallengePhase.COACHING, ChallengePhase.FINAL}
AWARD_PHASES = {ChallengePhase.FINAL, ChallengePhase.AWARDED}


# --- phases and jury ----------------------------------------------------------------------------


def next_phase(phase: str) -> str | None:
    position = PHASES.index(phase)
    return PHASES[position + 1] if position + 1 < len(PHASES) else None


def challenge_advance(*, challenge: Challenge, by) -> Challenge:
    """Move the challenge one phase forward (a broker of its organisation). Awarded needs at
    least one award; there is no way back, so the public page never contradicts a decision."""
    challenge = access.require_locked(by, access.CHANGE, challenge)
    following = next_phase(challenge.phase)
    if following is None:
        raise ValidationError(_("De challenge is in de laatste fase."))
    if following == ChallengePhase.SUBMISSIONS and not challenge.criteria.exists():
        raise ValidationError(_("Leg eerst de beoordelingscriteria vast: inzenders moeten weten waarop ze "
                                "worden beoordeeld."))
    if following == ChallengePhase.AWARDED and not challenge.awards.exists():
        raise ValidationError(_("Ken eerst ten minste één prijs toe."))
    challenge.phase = following
    challenge.save(update_fields=["phase"])
    return challenge


def challenge_save(*, challenge: Challenge, by, criteria=()) -> Challenge:
    """Create a challenge (with its criteria, ``[(name, weight), …]``) or update one. The prize
    budget never drops below what is already awarded: checked on the locked row, like an award."""
    if challenge.pk is None:
        if not access.owner_choices(by, Challenge).filter(pk=challenge.organisation_id).exists():
            raise ValidationError({"organisation": _("U kunt geen challenge starten voor deze organisatie.")})
        challenge.created_by = challenge.created_by or by
        # As a purchase request's response term: a new challenge nobody can enter any more is a mistake.
        if challenge.submission_deadline and challenge.submission_deadline < timezone.localdate():
            raise ValidationError({"submission_deadline": _("De termijn om in te zenden ligt in het verleden.")})
    else:
        locked = access.require_locked(by, access.CHANGE, challenge)
        # The phase is the advance action's, never the edit's: the form's copy was read before a
        # phase change meanwhile, and saving it moved the challenge back a phase.
        challenge.phase = locked.phase
        awarded = awarded_total(challenge)
        if challenge.prize_budget is not None and challenge.prize_budget < awarded:
            raise ValidationError({"prize_budget": _(
                "Er is al %(awarded)s toegekend: het prijzengeld kan niet lager worden.") % {"awarded": euro(awarded)}})
    challenge.full_clean()
    challenge.save()
    for order, (name, weight) in enumerate(criteria):
        ChallengeCriterion.objects.create(challenge=challenge, name=name, weight=weight, order=order)
    return challenge


def juror_candidates(challenge: Challenge):
    """Brokers and colleagues of the challenge's organisation (the jury of a municipality)."""
    pks = [pk for role in (Role.BROKER, Role.COLLEAGUE)
           for pk in users_with_role(role, organisation=challenge.organisation_id).values_list("pk", flat=True)]
    return get_user_model().objects.filter(pk__in=pks).order_by("last_name", "first_name", "username")


def juror_choices(challenge: Challenge):
    """The candidates not in the jury yet: what "Benoemen" offers (it offered the jurors again)."""
    return juror_candidates(challenge).exclude(juries__challenge=challenge)


def juror_appoint(*, challenge: Challenge, user, by) -> Juror:
    challenge = access.require_locked(by, access.CHANGE, challenge)
    if not juror_candidates(challenge).filter(pk=user.pk).exists():
        raise ValidationError({"user": _("Kies een makelaar of collega van %(organisation)s.")
                                       % {"organisation": challenge.organisation}})
    if Juror.objects.filter(challenge=challenge, user=user).exists():
        raise ValidationError({"user": _("%(name)s zit al in de jury.") % {"name": user}})
    return Juror.objects.create(challenge=challenge, user=user)


def juror_remove(*, challenge: Challenge, juror: Juror, by) -> None:
    """Take a juror off the jury. One who has scored stays: removing them would silently change
    the ranking the other jurors see."""
    challenge = access.require_locked(by, access.CHANGE, challenge)
    if juror.challenge_id != challenge.pk:
        raise ValidationError({"juror": _("Dit jurylid hoort niet bij deze challenge.")})
    if Score.objects.filter(submission__challenge=challenge, juror=juror.user).exists():
        raise ValidationError({"juror": _("%(name)s heeft al gescoord en blijft in de jury, zodat de ranglijst "
                                          "niet ongemerkt verandert.") % {"name": juror.user}})
    juror.delete()


# --- submissions ----------------------------------------------------------------------------------


def may_enter(challenge: Challenge, user, today: dt.date | None = None):
    """The enterprises ``user`` represents that may still enter ``challenge``: none after the
    deadline, and none that entered already (one entry each). The page offers "Inzenden" only
    when there is one; it offered it to an entrepreneur who had entered, whose form then failed."""
    from .services_requests import represented_enterprises

    today = today or timezone.localdate()
    if challenge.submission_deadline and challenge.submission_deadline < today:
        return represented_enterprises(user).none()
    return represented_enterprises(user).exclude(challenge_submissions__challenge=challenge)


def submission_submit(*, challenge: Challenge, enterprise, by, title: str, summary: str, attachment=None,
                      today: dt.date | None = None) -> Submission:
    """An entrepreneur enters one of their enterprises, once, during the submissions phase."""
    today = today or timezone.localdate()
    challenge = access.require_locked(by, "submit", challenge)  # published and in the submissions phase
    if challenge.submission_deadline and challenge.submission_deadline < today:
        raise ValidationError(_("De inzendtermijn is verlopen (%(day)s).")
                              % {"day": short_date(challenge.submission_deadline)})
    if not access.can(by, "represent", enterprise):
        raise ValidationError({"enterprise": _("U kunt alleen inzenden namens een onderneming die u vertegenwoordigt.")})
    if Submission.objects.filter(challenge=challenge, enterprise=enterprise).exists():
        raise ValidationError({"enterprise": _("%(name)s heeft al een inzending voor deze challenge.")
                                             % {"name": enterprise.name}})
    submission = Submission(challenge=challenge, enterprise=enterprise, title=title, summary=summary,
                            submitted_by=by)
    if attachment:
        submission.attachment = attachment
    submission.full_clean()
    submission.save()
    return submission


def submission_select(*, submission: Submission, by, selected: bool) -> Submission:
    """A broker picks the finalists during the selection phase."""
    submission = access.require_locked(by, "select", submission)
    if submission.challenge.phase != ChallengePhase.SELECTION:
        raise ValidationError(_("Finalisten kiest u in de selectiefase."))
    submission.status = SubmissionStatus.SELECTED if selected else SubmissionStatus.NOT_SELECTED
    submission.save(update_fields=["status"])
    return submission


# --- scores and ranking ----------------------------------------------------------------------------


def score_record(*, submission: Submission, by, scores: dict[int, tuple[int, str]]) -> list[Score]:
    """A juror's own scores (0–10) for one submission, per criterion id: set or replaced. A
    juror never writes another juror's score: the rows are keyed on ``by``."""
    challenge = access.require_locked(by, "score", submission.challenge)
    if challenge.phase not in SCORING_PHASES:
        raise ValidationError(_("De jury beoordeelt in de fasen selectie, coaching en finale."))
    criteria = {c.pk: c for c in ChallengeCriterion.objects.filter(challenge=challenge)}
    unknown = set(scores) - set(criteria)
    if unknown:
        raise ValidationError({"scores": _("Onbekend criterium voor deze challenge.")})
    saved = []
    for criterion_id, (value, comment) in scores.items():
        if not 0 <= int(value) <= 10:
            raise ValidationError({f"criterion_{criterion_id}": _("Geef een score van 0 tot en met 10.")})
        score, _created = Score.objects.update_or_create(
            submission=submission, criterion=criteria[criterion_id], juror=by,
            defaults={"score": int(value), "comment": comment or ""})
        saved.append(score)
    return saved


@dataclass(frozen=True)
class Ranked:
    submission: Submission
    average: Decimal | None  # weighted average over all jurors' scores, 0–10; None: not scored yet
    scored_weight: int


def weighted_average(numerator: int, denominator: int) -> Decimal | None:
    """Σ(score × weight) / Σ(weight), two decimals, half up; None without scores."""
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def ranking(challenge: Challenge, submissions) -> list[Ranked]:
    """``submissions`` (already scoped) ranked by weighted average, best first; unscored last.
    One aggregate query for the whole challenge."""
    sums = {row["submission"]: row for row in Score.objects.filter(submission__challenge=challenge)
            .values("submission").annotate(num=Sum(F("score") * F("criterion__weight")),
                                           den=Sum("criterion__weight"))}
    rows = [Ranked(s, weighted_average(sums.get(s.pk, {}).get("num") or 0, sums.get(s.pk, {}).get("den") or 0),
                   sums.get(s.pk, {}).get("den") or 0) for s in submissions]
    return sorted(rows, key=lambda r: (r.average is None, -(r.average or 0), r.submission.pk))


# --- awards ------------------------------------------------------------------------------------------


# The submissions the prize is divided among: the finalists chosen in the selection phase (a winner
# is one too, should its award have been taken back in the admin). One still "Ingediend" was never
# chosen, like one "Niet geselecteerd".
FINALIST_STATUSES = (SubmissionStatus.SELECTED, SubmissionStatus.WINNER)


def awardable(submissions):
    """The finalists among ``submissions`` without a prize yet: what "Prijs toekennen" offers."""
    return submissions.filter(status__in=FINALIST_STATUSES).exclude(awards__isnull=False)


def awarded_total(challenge: Challenge) -> Decimal:
    return challenge.awards.aggregate(total=Sum("amount"))["total"] or Decimal("0")


def challenge_award(*, challenge: Challenge, submission: Submission, amount: Decimal, by) -> Award:
    """Award part of the prize budget to a submission. The challenge row is locked first, so
    the sum of the awards is read and extended by one decision at a time: it never exceeds the
    budget (exactly the budget is fine)."""
    challenge = access.require_locked(by, "award", challenge)
    if challenge.phase not in AWARD_PHASES:
        raise ValidationError(_("Prijzen kent u toe in de finale."))
    if submission.challenge_id != challenge.pk:
        raise ValidationError({"submission": _("Deze inzending hoort niet bij deze challenge.")})
    # The status as stored now (the form's copy may predate the selection): the jury divides the
    # prize among the finalists only: not among the entries left out in the selection, nor among
    # those never chosen (still "Ingediend"; one of those won a prize in the final phase).
    if not Submission.objects.filter(pk=submission.pk, status__in=FINALIST_STATUSES).exists():
        raise ValidationError({"submission": _(
            "Deze inzending is in de selectie niet gekozen als finalist en kan geen prijs krijgen. Kies een "
            "finalist.")})
    amount = Decimal(amount)
    if amount <= 0:
        raise ValidationError({"amount": _("Het bedrag moet groter zijn dan nul.")})
    if Award.objects.filter(challenge=challenge, submission=submission).exists():
        raise ValidationError({"submission": _("Aan deze inzending is al een prijs toegekend.")})
    total = awarded_total(challenge)
    if total + amount > challenge.prize_budget:
        raise ValidationError({"amount": _(
            "Dit bedrag past niet in het prijzengeld: %(budget)s, waarvan al %(total)s is toegekend; er is nog "
            "%(left)s over.") % {"budget": euro(challenge.prize_budget), "total": euro(total),
                                 "left": euro(challenge.prize_budget - total)}})
    award = Award(challenge=challenge, submission=submission, amount=amount, decided_by=by)
    award.full_clean()
    award.save()
    Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.WINNER)
    return award
