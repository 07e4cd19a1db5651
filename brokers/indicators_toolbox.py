"""Monitoring indicators of the toolbox and the action agenda: progress and actions completed.

Both are computed set-based, for every organisation at once (see ``impactportal.indicators``)."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.indicators import Basis, Indicator, Level, Period, Unit, Values

from .constants import ActionStatus, AnswerStatus, QuestionKind
from .toolbox.values import is_empty

SOURCE = "brokers"


def toolbox_progress(period: Period) -> Values:
    """The toolbox page's progress (``toolbox.progress.organisation_progress``), per organisation
    working on the current edition: saved questions whose last answer saved before the end of the
    period is not empty, plus linked questions whose source has data, out of all the edition's
    questions. Saved answers are counted set-based (two queries); linked questions are live data,
    as they stand when the snapshot is taken (right after the month), by the same test as the page
    (``ToolboxSource.answered_in``: each source once for all organisations), by a reader who may see
    all data."""
    from impactportal.accounts.models import Organisation, User

    from .models import Answer, AnswerVersion, Question
    from .toolbox.progress import linked_with_data_in

    questions = Question.objects.filter(module__edition__is_current=True)
    total = questions.count()
    if not total:
        return {}
    last_saved = (AnswerVersion.objects.filter(answer=OuterRef("pk"), status=AnswerStatus.SAVED,
                                               changed_at__lt=period.end)
                  .order_by("-changed_at", "-pk").values("value")[:1])
    rows = (Answer.objects.filter(question__in=questions.exclude(kind=QuestionKind.LINKED))
            .annotate(last=Subquery(last_saved)).values_list("organisation_id", "last"))
    answered: dict[int, int] = {}
    for organisation_id, value in rows:
        answered.setdefault(organisation_id, 0)
        if not is_empty(value):
            answered[organisation_id] += 1
    linked = list(questions.filter(kind=QuestionKind.LINKED))
    # A reader who sees every organisation's data (never saved, so it exists on every install): the
    # snapshot has no user, and the organisation's own brokers see at least their own area's data.
    reader = User(username="monitoring", is_superuser=True, is_active=True)
    if linked:
        # Each source once for all organisations: a context per organisation made the queries grow
        # with the country (354 organisations × every linked source).
        counts = linked_with_data_in(reader, Organisation.objects.filter(pk__in=answered), linked)
        for organisation_id, count in counts.items():
            answered[organisation_id] += count
    return {org: (Decimal(100) * count / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            for org, count in answered.items()}


def actions_completed(period: Period) -> Values:
    """Actions of the action agenda completed by the end of the period, per organisation: the
    count the action programme shows ("3 van 7 acties afgerond"). Counting only the month's
    completions left almost every month without a value, next to a programme that has done
    actions. One query."""
    from .models import Action

    rows = (Action.objects.filter(status=ActionStatus.DONE, completed_on__lt=timezone.localtime(period.end).date())
            .values("line__programme__organisation").annotate(n=Count("id"))
            .values_list("line__programme__organisation", "n"))
    return {org: Decimal(n) for org, n in rows}


def _no_sum(period: Period) -> Values:
    return {}  # a percentage per municipality: summing it over a region means nothing


INDICATORS = [
    Indicator(
        code="brokers.toolbox_progress", name=_("Voortgang toolbox"), unit=Unit.PERCENTAGE,
        definition=_("Percentage van de vragen van de huidige toolboxeditie dat beantwoord is, zoals de toolbox "
                     "het telt: een niet-leeg opgeslagen antwoord aan het eind van de periode, of bij een "
                     "gekoppelde vraag gegevens in het portaal."),
        source=SOURCE, basis=Basis.MEASURED, compute=toolbox_progress, levels=(Level.ORGANISATION,),
        compute_region=_no_sum, compute_programme=_no_sum, tags=("toolbox",)),
    Indicator(
        code="brokers.actions_completed", name=_("Afgeronde acties actieprogramma"), unit=Unit.COUNT,
        definition=_("Acties uit het actieprogramma met de status 'afgerond' en een datum afgerond vóór het eind "
                     "van de periode."),
        source=SOURCE, basis=Basis.MEASURED, compute=actions_completed, sdgs=(8, 17), tags=("agenda",)),
]
