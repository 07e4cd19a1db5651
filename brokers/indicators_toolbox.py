"""Monitoring indicators of the toolbox and the action agenda: progress and actions completed.

Both are computed set-based, for every organisation at once (see ``impactportal.indicators``)."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.indicators import Basis, Indicator, Level, Period, Unit, Values

from .constants import ActionStatus, AnswerStatus, QuestionKind
from .toolbox.values import is_empty


def toolbox_progress(period: Period) -> Values:
    """Share of the current edition's questions (linked ones excepted: those are live data) whose
    last answer saved before the end of the period is not empty, per organisation. Two queries."""
    from .models import Answer, AnswerVersion, Question

    questions = Question.objects.filter(module__edition__is_current=True).exclude(kind=QuestionKind.LINKED)
    total = questions.count()
    if not total:
        return {}
    last_saved = (AnswerVersion.objects.filter(answer=OuterRef("pk"), status=AnswerStatus.SAVED,
                                               changed_at__lt=period.end)
                  .order_by("-changed_at", "-pk").values("value")[:1])
    rows = (Answer.objects.filter(question__in=questions)
            .annotate(last=Subquery(last_saved)).values_list("organisation_id", "last"))
    answered: dict[int, int] = {}
    for organisation_id, value in rows:
        answered.setdefault(organisation_id, 0)
        if not is_empty(value):
            answered[organisation_id] += 1
    return {org: (Decimal(100) * count / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            for org, count in answered.items()}


def actions_completed(period: Period) -> Values:
    """Actions of the action agenda completed within the period, per organisation. One query."""
    from .models import Action

    rows = (Action.objects.filter(status=ActionStatus.DONE, completed_on__gte=timezone.localtime(period.start).date(),
                                  completed_on__lt=timezone.localtime(period.end).date())
            .values("line__programme__organisation").annotate(n=Count("id"))
            .values_list("line__programme__organisation", "n"))
    return {org: Decimal(n) for org, n in rows}


def _no_sum(period: Period) -> Values:
    return {}  # a percentage per municipality: summing it over a region means nothing


INDICATORS = [
    Indicator(
        code="brokers.toolbox_progress", name=_("Voortgang toolbox"), unit=Unit.PERCENTAGE,
        definition=_("Percentage van de vragen van de huidige toolboxeditie (zonder gekoppelde vragen) waarop de "
                     "organisatie aan het eind van de periode een niet-leeg opgeslagen antwoord had."),
        source="brokers", basis=Basis.MEASURED, compute=toolbox_progress, levels=(Level.ORGANISATION,),
        compute_region=_no_sum, compute_programme=_no_sum, tags=("toolbox",)),
    Indicator(
        code="brokers.actions_completed", name=_("Afgeronde acties actieprogramma"), unit=Unit.COUNT,
        definition=_("Acties uit het actieprogramma die in de periode de status 'afgerond' kregen (datum afgerond)."),
        source="brokers", basis=Basis.MEASURED, compute=actions_completed, sdgs=(8, 17), tags=("agenda",)),
]
