"""Impact challenges: the public list and page, the broker's set-up (criteria, jury, phases),
submissions by entrepreneurs, the jurors' scores, the finalists and the awards. Every queryset
comes from the access module; the rules live in ``services_challenges``."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from impactportal import access
from impactportal.ui import generic, once, versions
from impactportal.ui.actions import RoleRequiredMixin, ScopedActionView
from impactportal.ui.forms import add_validation_error
from impactportal.uploads import serve_private_file

from .. import services_challenges as services
from ..constants import ChallengePhase, SubmissionStatus
from ..filters.challenges import ChallengeFilter
from ..forms.challenges import (
    AwardForm,
    ChallengeForm,
    CriterionFormSet,
    JurorForm,
    JurorRemoveForm,
    ScoreForm,
    SelectForm,
    SubmissionForm,
)
from ..models import Award, Challenge, ChallengeCriterion, Juror, Score, Submission
from ..services_requests import represented_enterprises
from ..tables.challenges import ChallengeTable

CHALLENGES = Challenge.objects.select_related("organisation")


class ChallengeList(generic.ScopedListView):
    """Published challenges for everyone; staff and jurors also see their unpublished ones."""

    public = True
    queryset = CHALLENGES
    filterset_class = ChallengeFilter
    table_class = ChallengeTable
    create_url_name = "procurement:challenge-create"
    template_name = "procurement/challenges/list.html"


def challenge_detail(request, pk):
    user = request.user
    try:
        challenge = access.get_object_or_404(user, CHALLENGES, access.VIEW, pk=pk)
    except Http404:
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise
    criteria = list(ChallengeCriterion.objects.for_user(user).filter(challenge=challenge))
    awards = list(Award.objects.for_user(user).filter(challenge=challenge)
                  .select_related("submission__enterprise").order_by("-amount", "pk"))
    submissions = Submission.objects.for_user(user).filter(challenge=challenge).select_related("enterprise")
    is_juror = access.can(user, "score", challenge)
    may_award = access.can(user, "award", challenge)
    may_change = access.can(user, access.CHANGE, challenge)
    context = {
        "object": challenge,
        "criteria": criteria,
        "awards": awards,
        "awarded_total": sum((a.amount for a in awards), Decimal(0)),
        "phases": [(value, label, value == challenge.phase) for value, label in ChallengePhase.choices],
        "is_juror": is_juror,
        "may_change": may_change,
        "may_award": may_award and challenge.phase in services.AWARD_PHASES,
        "may_submit": access.can(user, "submit", challenge) and services.may_enter(challenge, user).exists(),
        "next_phase": services.next_phase(challenge.phase) if may_change else None,
        "scoring_open": challenge.phase in services.SCORING_PHASES,
    }
    # The ranking (with the jury's scores) is for the jury and the brokers who award; others see
    # the submissions they may see (colleagues all of them, an entrepreneur their own).
    if may_change or is_juror:
        context["ranking"] = services.ranking(challenge, list(submissions))
        context["jurors"] = list(Juror.objects.for_user(user).filter(challenge=challenge).select_related("user"))
    else:
        context["submissions"] = list(submissions)
    if may_change:
        context["juror_form"] = JurorForm(candidates=services.juror_choices(challenge))
        context["juror_choices_left"] = context["juror_form"].fields["user"].queryset.exists()
    if context["may_award"]:
        context["award_form"] = AwardForm(submissions=submissions)
        context["award_choices_left"] = context["award_form"].fields["submission"].queryset.exists()
    return render(request, "procurement/challenges/detail.html", context)


class ChallengeSaveMixin:
    """Create and update go through ``services.challenge_save`` (the prize budget never drops
    below what is awarded)."""

    def save(self, form):
        return services.challenge_save(challenge=form.instance, by=self.request.user)


class ChallengeCreate(ChallengeSaveMixin, generic.ScopedCreateView):
    model = Challenge
    form_class = ChallengeForm
    success_message = gettext_lazy("De challenge %(object)s is aangemaakt. Leg nu de beoordelingscriteria vast.")

    def get_success_url(self):
        return redirect("procurement:challenge-criteria", pk=self.object.pk).url


class ChallengeUpdate(ChallengeSaveMixin, generic.ScopedUpdateView):
    model = Challenge
    form_class = ChallengeForm
    success_message = gettext_lazy("De challenge %(object)s is bijgewerkt.")


class CriteriaEdit(RoleRequiredMixin, View):
    """The criteria and their weights, fixed before the jury scores."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.challenge = access.get_object_or_404(request.user, CHALLENGES, access.CHANGE, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def _page(self, formset, status=200, version_token=None):
        return render(self.request, "procurement/challenges/criteria.html",
                      {"form": formset, "object": self.challenge, "locked": self.locked,
                       "version_token": version_token}, status=status)

    @property
    def locked(self):
        # Fixed once submissions open (as opening them requires criteria, and the API says): the
        # entries were sent on these criteria, and deleting or reweighting them left the jury a
        # score form without fields.
        return self.challenge.phase != ChallengePhase.CALL

    def formset(self, data=None):
        return CriterionFormSet(data, instance=self.challenge, form_kwargs={"user": self.request.user})

    def get(self, request, pk):
        formset = self.formset()
        return self._page(formset, version_token=versions.token_for(request, versions.Version().form(formset)))

    def post(self, request, pk):
        formset = self.formset(request.POST)
        token = versions.token_for(request, versions.Version().form(formset))
        if self.locked:
            return self._page(formset, status=400, version_token=token)
        with versions.transaction_for(request):  # the challenge stays locked from the version check until the save
            refused = versions.refused(request, versions.Version().form(formset), self.formset)
            if refused:  # someone else changed the criteria: the saved ones, nothing saved
                return self._page(refused[0], status=versions.STALE_STATUS, version_token=refused[1])
            self.challenge.refresh_from_db(fields=["phase"])  # under the lock: submissions opened meanwhile
            if self.locked:
                return self._page(formset, status=400, version_token=token)
            if formset.is_valid():
                with transaction.atomic():
                    formset.save()
                messages.success(request, _("De beoordelingscriteria zijn opgeslagen."))
                return redirect(self.challenge.get_absolute_url())
        return self._page(formset, status=400, version_token=token)


class ChallengeAdvance(ScopedActionView):
    model = Challenge
    action = access.CHANGE

    def perform(self, obj, data):
        return services.challenge_advance(challenge=obj, by=self.request.user)

    def get_success_message(self, obj, data, result):
        return _("De challenge is nu in de fase %(phase)s.") % {"phase": result.get_phase_display().lower()}


class JurorAppoint(ScopedActionView):
    model = Challenge
    action = access.CHANGE
    form_class = JurorForm

    def get_form(self):
        return JurorForm(**self.get_form_kwargs(), candidates=services.juror_choices(self.object))

    def perform(self, obj, data):
        return services.juror_appoint(challenge=obj, user=data["user"], by=self.request.user)

    def get_success_message(self, obj, data, result):
        return _("%(name)s zit nu in de jury.") % {"name": result.user}


class JurorRemove(ScopedActionView):
    model = Challenge
    action = access.CHANGE
    form_class = JurorRemoveForm

    def get_form(self):
        return JurorRemoveForm(**self.get_form_kwargs(), challenge=self.object)

    def perform(self, obj, data):
        services.juror_remove(challenge=obj, juror=data["juror"], by=self.request.user)
        return data["juror"]

    def get_success_message(self, obj, data, result):
        return _("%(name)s zit niet meer in de jury.") % {"name": result.user}


class ChallengeAward(ScopedActionView):
    model = Challenge
    action = "award"
    form_class = AwardForm
    versioned_fields = ("title", "problem", "prize_budget")  # a budget changed since the page: look again

    def get_form(self):
        submissions = Submission.objects.for_user(self.request.user).filter(challenge=self.object)
        return AwardForm(**self.get_form_kwargs(), submissions=submissions)

    def perform(self, obj, data):
        return services.challenge_award(challenge=obj, submission=data["submission"], amount=data["amount"],
                                        by=self.request.user)

    def get_success_message(self, obj, data, result):
        return _("De prijs voor %(name)s is toegekend.") % {"name": result.submission.enterprise}


@method_decorator(once.once, name="post")  # Back and Insturen again: the entry, not a refusal
class SubmitView(RoleRequiredMixin, View):
    """An entrepreneur enters the challenge for one of their enterprises."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.challenge = access.get_object_or_404(request.user, CHALLENGES, "submit", pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def _page(self, form, status=200):
        return render(self.request, "procurement/challenges/submit.html",
                      {"form": once.with_token(self.request, form), "object": self.challenge,
                       "has_enterprise": represented_enterprises(self.request.user).exists(),
                       "may_enter": form.fields["enterprise"].queryset.exists()}, status=status)

    def form(self, *args):
        return SubmissionForm(*args, user=self.request.user,
                              enterprises=services.may_enter(self.challenge, self.request.user))

    def get(self, request, pk):
        return self._page(self.form())

    def post(self, request, pk):
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    services.submission_submit(challenge=self.challenge, enterprise=data["enterprise"],
                                               by=request.user, title=data["title"], summary=data["summary"],
                                               attachment=data.get("attachment"))
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("Uw inzending is ontvangen."))
                return redirect(self.challenge.get_absolute_url())
        return self._page(form, status=400)


SUBMISSIONS = Submission.objects.select_related("challenge__organisation", "enterprise")


class SubmissionDetail(generic.ScopedDetailView):
    queryset = SUBMISSIONS
    template_name = "procurement/challenges/submission.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission, user = self.object, self.request.user
        challenge = submission.challenge
        context["is_juror"] = access.can(user, "score", challenge)
        if context["is_juror"] and challenge.phase in services.SCORING_PHASES:
            context["score_form"] = score_form(submission, user)
        context["own_scores"] = Score.objects.for_user(user).filter(submission=submission, juror=user) \
            .select_related("criterion")
        context["may_select"] = access.can(user, "select", submission) and challenge.phase == ChallengePhase.SELECTION
        context["may_download"] = access.can(user, "attachment", submission)
        context["selected"] = submission.status == SubmissionStatus.SELECTED
        return context


def score_form(submission, user, data=None):
    criteria = ChallengeCriterion.objects.filter(challenge_id=submission.challenge_id)
    existing = {s.criterion_id: s for s in Score.objects.filter(submission=submission, juror=user)}
    return ScoreForm(data, criteria=criteria, existing=existing)


class SubmissionAction(ScopedActionView):
    """Actions on a submission go back to its page (submissions have no URL of their own on the model)."""

    model = Submission
    queryset = SUBMISSIONS

    def get_success_url(self, obj, result):
        return reverse("procurement:submission-detail", args=[obj.pk])

    def form_invalid(self, form):
        return render(self.request, self.template_name,
                      {"form": form, "object": self.object, "action_url": self.request.path,
                       "back_url": reverse("procurement:submission-detail", args=[self.object.pk])}, status=400)


class SubmissionScore(SubmissionAction):
    """A juror's own scores for one submission."""

    action = access.VIEW
    form_class = ScoreForm

    def get_object(self):
        submission = super().get_object()
        if not access.can(self.request.user, "score", submission.challenge):
            raise PermissionDenied
        return submission

    def get_form(self):
        return score_form(self.object, self.request.user, self.request.POST)

    def perform(self, obj, data):
        return services.score_record(submission=obj, by=self.request.user, scores=ScoreForm.scores_of(data))

    success_message = gettext_lazy("Uw scores zijn opgeslagen.")


class SubmissionSelect(SubmissionAction):
    action = "select"
    form_class = SelectForm
    versioned_fields = ("enterprise", "title", "summary", "attachment")  # what the broker selected on

    def perform(self, obj, data):
        return services.submission_select(submission=obj, by=self.request.user, selected=data["selected"])

    def get_success_url(self, obj, result):
        return obj.challenge.get_absolute_url()


@login_required
def submission_attachment(request, pk):
    submission = access.get_object_or_404(request.user, Submission, "attachment", pk=pk)
    return serve_private_file(request.user, submission, "attachment")

