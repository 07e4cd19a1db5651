"""Saving an MKBA analysis with its indicators, theory of change and assumptions in one
transaction (from the screens' formsets or from the API's nested lists). The figures are not
stored: ``financing.mkba`` calculates them from the saved indicators."""

from django.db import transaction
from django.db.models import Q

from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise
from impactportal import access

from .models import Assumption, ChangeStep, MkbaAnalysis, MkbaIndicator


def linkable_enterprises(user, current=None):
    """The enterprises an analysis may be attached to: those the user may change (the brokers of
    their own municipality's register, whatever the status) and admitted ones elsewhere. The
    shared register lets every broker read every registration, but an analysis of another
    municipality's rejected or never-admitted registrant is none of their business (review 6).
    ``current`` (the stored value) stays choosable, so editing an old analysis does not fail."""
    allowed = Q(pk__in=access.scope(user, Enterprise, access.CHANGE).values("pk")) | Q(
        admission_status=AdmissionStatus.ADMITTED)
    if current is not None:
        allowed |= Q(pk=current)
    return access.scope(user, Enterprise).filter(allowed)


def _lock(analysis, by):
    """The stored row locked, and the user's change grant checked on it (404/403)."""
    locked = access.require_locked(by, access.CHANGE, analysis)
    return locked


def save_from_forms(*, form, formsets, by) -> MkbaAnalysis:
    """Save the analysis form and its inline formsets; each row keeps the position it has on screen."""
    with transaction.atomic():
        analysis = form.instance
        if analysis.pk:
            _lock(analysis, by)
        else:
            analysis.created_by = by
        analysis = form.save()
        for formset in formsets:
            formset.instance = analysis
            formset.save(commit=False)
            for obj in formset.deleted_objects:
                obj.delete()
            deleted = set(map(id, formset.deleted_forms))
            for position, row in enumerate(formset.forms):
                if id(row) in deleted or (not row.instance.pk and not row.has_changed()):
                    continue
                obj = row.instance
                obj.analysis = analysis
                obj.order = position
                obj.save()
        return analysis


CHILDREN = {"indicators": MkbaIndicator, "change_steps": ChangeStep, "assumptions": Assumption}


def save_from_data(*, analysis: MkbaAnalysis, values: dict, children: dict, by) -> MkbaAnalysis:
    """Save an analysis from validated API data; a child list that is given replaces the stored one."""
    with transaction.atomic():
        if analysis.pk:
            analysis = _lock(analysis, by)
        else:
            analysis.created_by = by
        for name, value in values.items():
            setattr(analysis, name, value)
        analysis.save()
        for name, rows in children.items():
            if rows is None:
                continue
            model = CHILDREN[name]
            for old in model.objects.filter(analysis=analysis):
                old.delete()  # one by one, so the audit log records each removal
            for position, row in enumerate(rows):
                model.objects.create(analysis=analysis, order=position, **row)
        return analysis
