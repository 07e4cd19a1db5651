"""The steering group's programme data on the portal: meetings, spending, contributions, the
programme's targets and its themes with their coordinators, added, changed and deleted by the programme's steering group (``STEERING_CHANGE``: the
models' access policies; the participants' brokers read them, 403; everyone else 404). Before,
only the Django admin edited them. Each page returns to the programme's part of the steering page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impactportal import access
from impactportal.ui import generic

from .forms import ContributionForm, MeetingForm, ProgrammeThemeForm, SpendingForm, TargetForm
from .models import Contribution, Meeting, ProgrammeTheme, Spending, SteeringGroup, Target


def steering_url(programme_id) -> str:
    return f"{reverse('monitoring:steering')}#programme-{programme_id}"


class SteeringChildCreate(generic.ScopedChildCreateView):
    """A row under the programme of a steering group the user may change (the URL names the group)."""

    parent_queryset = SteeringGroup.objects.select_related("programme")
    parent_field = "programme"
    template_name = "ui/object_form.html"

    def form_kwargs(self):
        instance = self.form_class._meta.model(programme=self.parent.programme)
        return {"user": self.request.user, "instance": instance}

    def save(self, form):
        try:
            with transaction.atomic():
                # The group locked: two members adding a meeting at once see each other's (four a year).
                access.require_locked(self.request.user, access.CHANGE, self.parent)
                form.instance.programme_id = self.parent.programme_id
                form.instance.clean()
                return form.save()
        except IntegrityError:
            raise ValidationError(_("Deze gegevens staan er al.")) from None

    def success_url(self, obj):
        return steering_url(self.parent.programme_id)


class SteeringChildMixin:
    """Edit and delete: the object's own policy decides (404 outside the scope, 403 may read, not
    change); the page returns to the steering page."""

    def get_cancel_url(self):
        return steering_url(self.object.programme_id)

    def get_success_url(self):
        return steering_url(self.object.programme_id)


def _lock_group(programme_id) -> None:
    """Lock the row of the programme's steering group: the row adding a meeting locks
    (``SteeringChildCreate.save``, by ``access.require_locked``), so adding and editing wait for each
    other. A programme without a steering group (made in the admin) has no row to lock; the portal
    adds nothing under it either."""
    list(SteeringGroup.objects.filter(programme=programme_id).select_for_update().values_list("pk", flat=True))


class SteeringChildUpdate(SteeringChildMixin, generic.ScopedUpdateView):
    """Editing locks the programme's steering group, as adding does, and checks the model's rules
    again under that lock: two members moving a meeting into the same year at once each counted
    three there and both saved, five meetings in a year that has four."""

    def version_locks(self, pk) -> list:
        # The group before the row (``ScopedUpdateView.post``), in the order ``save`` locks them.
        model = self.model or self.queryset.model
        programme = model._base_manager.filter(pk=pk).values_list("programme_id", flat=True).first()
        group = SteeringGroup.objects.filter(programme=programme).values_list("pk", flat=True).first()
        return [(SteeringGroup, group)] if group else []

    def save(self, form):
        _lock_group(form.instance.programme_id)
        form.instance.clean()  # read again after the lock (a form sent without a version was checked before it)
        return form.save()


class SteeringChildDelete(SteeringChildMixin, generic.ScopedDeleteView):
    pass


# --- meetings -----------------------------------------------------------------------------------


class MeetingCreate(SteeringChildCreate):
    form_class = MeetingForm
    success_message = gettext_lazy("Het overleg is vastgelegd.")


class MeetingUpdate(SteeringChildUpdate):
    model = Meeting
    form_class = MeetingForm
    success_message = gettext_lazy("Het overleg is bijgewerkt.")


class MeetingDelete(SteeringChildDelete):
    model = Meeting


# --- spending -----------------------------------------------------------------------------------


class SpendingCreate(SteeringChildCreate):
    form_class = SpendingForm
    success_message = gettext_lazy("De uitgave is vastgelegd.")


class SpendingUpdate(SteeringChildUpdate):
    model = Spending
    form_class = SpendingForm
    success_message = gettext_lazy("De uitgave is bijgewerkt.")


class SpendingDelete(SteeringChildDelete):
    model = Spending


# --- contributions ------------------------------------------------------------------------------


class ContributionCreate(SteeringChildCreate):
    form_class = ContributionForm
    success_message = gettext_lazy("De bijdrage is vastgelegd.")


class ContributionUpdate(SteeringChildUpdate):
    queryset = Contribution.objects.select_related("party")
    form_class = ContributionForm
    success_message = gettext_lazy("De bijdrage is bijgewerkt.")


class ContributionDelete(SteeringChildDelete):
    queryset = Contribution.objects.select_related("party")


# --- targets ------------------------------------------------------------------------------------


class TargetCreate(SteeringChildCreate):
    form_class = TargetForm
    success_message = gettext_lazy("Het doel is vastgelegd.")


class TargetUpdate(SteeringChildUpdate):
    # The programme's targets only: an organisation's target has its own brokers (not on this page).
    queryset = Target.objects.filter(programme__isnull=False)
    form_class = TargetForm
    success_message = gettext_lazy("Het doel is bijgewerkt.")


class TargetDelete(SteeringChildDelete):
    queryset = Target.objects.filter(programme__isnull=False)


# --- themes -------------------------------------------------------------------------------------
# A current theme is public (``ProgrammeTheme.access``): everyone may read it, so its edit and delete
# pages answer 403 to all but the steering group; a former theme is the steering group's (404 outside).


class ThemeCreate(SteeringChildCreate):
    form_class = ProgrammeThemeForm
    success_message = gettext_lazy("Het thema is vastgelegd.")


class ThemeUpdate(SteeringChildUpdate):
    model = ProgrammeTheme
    form_class = ProgrammeThemeForm
    success_message = gettext_lazy("Het thema is bijgewerkt.")


class ThemeDelete(SteeringChildDelete):
    model = ProgrammeTheme
