"""An API update saves the fields it sends on the row as it is when locked, never a copy read
before its transaction: for every writable API detail of the matrix (``ScopedViewSetMixin.lock``).

The row DRF reads to check access and validate is a copy; saving it wrote every field back as it
was then. A PATCH of one field (or of none) undid what another client or a page saved in the
moment between that read and the save. Each route is probed here with that moment made real: a
colleague's change to a text field is committed right after the view has read the row."""

from __future__ import annotations

import datetime

import pytest
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.urls import reverse

from impactportal import access
from impactportal.api.viewsets import ScopedViewSetMixin
from tests.procurement import factories as pf

from .routes import (
    ADMIN,
    BROKER_HAARLEM,
    COORDINATOR_ZKIJ,
    INKOPER_HAARLEM,
    ONDERNEMER_1,
    PARTNER_HAARLEM,
)
from .test_matrix import client_for, declared, world  # noqa: F401  (world: a fixture)

CHANGERS = (ADMIN, BROKER_HAARLEM, ONDERNEMER_1, INKOPER_HAARLEM, PARTNER_HAARLEM, COORDINATOR_ZKIJ)
COLLEAGUE = "Intussen aangevuld door een collega"


def _takes_patch(route, info) -> bool:
    """An API detail route that takes PATCH, declared with its Haarlem object."""
    return (info.is_api and route.name.endswith("-detail") and (route.obj or "").endswith("_haarlem")
            and info.view_class is not None and "partial_update" in dir(info.view_class)
            and "patch" in getattr(info.callback, "actions", {}))


# The column to change where the first one is special: a realisation's justification belongs to some kinds
# of line only; an enterprise's admission reasons are its decision (kept on the locked row before).
FIELDS = {"Realisation": "description", "Enterprise": "description"}


def _text_field(model) -> models.Field:
    """A free-text column a colleague might fill in (a description, a note): no choices, no format."""
    plain = [f for f in model._meta.concrete_fields
             if isinstance(f, models.TextField | models.CharField) and not f.choices and not f.unique
             and f.editable and not f.primary_key and (f.max_length or 1000) >= 40
             and all(isinstance(v, MaxLengthValidator) for v in f.validators)
             and not isinstance(f, models.EmailField | models.URLField | models.SlugField)]
    assert plain, f"{model.__name__} has no free-text column to change"
    if model.__name__ in FIELDS:
        return model._meta.get_field(FIELDS[model.__name__])
    return sorted(plain, key=lambda f: (not isinstance(f, models.TextField), f.name))[0]


# A route whose fixture object refuses every change for a reason of its own gets one that takes it.
OBJECTS = {
    # ruleset_haarlem is pinned by a contract (409): a version no contract uses yet.
    "procurement-rule-sets-detail": lambda w: pf.rule_set(region=w["region"], name="Regeling ZKIJ 2027"),
}
# A route whose object refuses an empty change as it stands gets the smallest change it takes.
PAYLOADS = {
    # The world's outcome claims start before the contract's term: the term is widened to cover them.
    "financing-outcome-contracts-detail": lambda obj: {"start_date": "2024-01-01"},
    # A response's change names its quote (the page's form asks it too).
    "procurement-responses-detail": lambda obj: {"quote_amount": str(obj.quote_amount)},
}


def _after_the_read(monkeypatch, obj, field):
    """Commit the colleague's change once, right after the view read the row (DRF's ``get_object``
    or, for an update through a service action, ``access.get_object_or_404``)."""
    done = []

    def colleague_saves():
        if not done:
            done.append(True)
            with transaction.atomic():
                type(obj)._base_manager.filter(pk=obj.pk).update(**{field.attname: COLLEAGUE})

    read_scoped, read_404 = ScopedViewSetMixin.get_object, access.get_object_or_404

    def get_object(self):
        row = read_scoped(self)
        colleague_saves()
        return row

    def get_object_or_404(*args, **kwargs):
        row = read_404(*args, **kwargs)
        colleague_saves()
        return row

    monkeypatch.setattr(ScopedViewSetMixin, "get_object", get_object)
    monkeypatch.setattr(access, "get_object_or_404", get_object_or_404)
    return done


ROUTES_UNDER_TEST = declared(_takes_patch)


def test_the_probe_covers_the_writable_api():
    names = {route.name for route in ROUTES_UNDER_TEST}
    assert {"enterprise-detail", "certification-detail", "brokerteam-detail", "procurement-requests-detail",
            "bottleneck-detail", "procurement-contracts-detail", "ecosystem-space-request-detail",
            "procurement-rule-sets-detail", "budgetline-detail", "brokers-action-detail"} <= names, names


@pytest.mark.parametrize("route", ROUTES_UNDER_TEST, ids=lambda route: route.name)
def test_a_patch_keeps_a_change_saved_since_the_row_was_read(route, world, monkeypatch):  # noqa: F811
    obj = OBJECTS[route.name](world) if route.name in OBJECTS else world[route.obj]
    field = _text_field(type(obj))
    url = reverse(route.name, kwargs={"pk": obj.pk})
    payload = PAYLOADS[route.name](obj) if route.name in PAYLOADS else {}
    answers = {}
    for actor in CHANGERS:  # whoever may change it: an empty PATCH (it sends no field) is a change
        answer = client_for(world, actor).patch(url, payload, format="json")
        answers[actor] = answer.status_code
        if answer.status_code == 200:
            break
    else:
        pytest.fail(f"{route.name}: nobody may change {route.obj}: {answers}")

    done = _after_the_read(monkeypatch, obj, field)
    answer = client_for(world, actor).patch(url, payload, format="json")
    assert done, f"{route.name}: the probe did not run"
    assert answer.status_code == 200, answer.content
    stored = type(obj)._base_manager.values_list(field.attname, flat=True).get(pk=obj.pk)
    assert stored == COLLEAGUE, f"{route.name} as {actor}: the stale copy's {field.name} was written back"


def test_the_models_checks_run_again_on_the_row_as_it_is_now(world, monkeypatch):  # noqa: F811
    """A mandate takes effect on or after its decision (``Mandate.clean``, no database constraint).
    A PATCH of ``valid_from`` checked against the decision date read before a colleague moved the
    decision later stored a mandate valid before its own decision."""
    mandate = world["mandate_haarlem"]
    type(mandate).objects.filter(pk=mandate.pk).update(decision_date=datetime.date(2024, 1, 1),
                                                        valid_from=datetime.date(2024, 2, 1))
    read = ScopedViewSetMixin.get_object

    def colleague_moves_the_decision(self):
        row = read(self)
        type(mandate).objects.filter(pk=mandate.pk).update(decision_date=datetime.date(2024, 3, 1),
                                                            valid_from=datetime.date(2024, 3, 1))
        return row

    monkeypatch.setattr(ScopedViewSetMixin, "get_object", colleague_moves_the_decision)
    answer = client_for(world, BROKER_HAARLEM).patch(reverse("mandate-detail", kwargs={"pk": mandate.pk}),
                                                     {"valid_from": "2024-01-15"}, format="json")
    assert answer.status_code == 400, answer.content
    assert "valid_from" in answer.json()
    mandate.refresh_from_db()
    assert mandate.valid_from == datetime.date(2024, 3, 1)


def test_a_row_deleted_since_it_was_read_answers_404(world, monkeypatch):  # noqa: F811
    """A row deleted between the view's read and the update's lock is 404, as if it never was
    (``access.require_locked``), through the viewsets' ``lock`` and the services alike: it was a 500
    for the MKBA analyses, purchase responses and realisation lines. Rows other rows protect
    cannot be deleted; the others are all probed."""
    probed, wrong = {}, []
    for route in ROUTES_UNDER_TEST:
        obj = OBJECTS[route.name](world) if route.name in OBJECTS else world[route.obj]
        url = reverse(route.name, kwargs={"pk": obj.pk})
        payload = PAYLOADS[route.name](obj) if route.name in PAYLOADS else {}
        deleted = []

        def delete_it(obj=obj, deleted=deleted):
            if not deleted:
                try:
                    with transaction.atomic():
                        type(obj)._base_manager.filter(pk=obj.pk).delete()
                    deleted.append(True)
                except (ProtectedError, RestrictedError):
                    deleted.append(False)

        read_scoped, read_404 = ScopedViewSetMixin.get_object, access.get_object_or_404
        monkeypatch.setattr(ScopedViewSetMixin, "get_object", lambda self, r=read_scoped, d=delete_it: (r(self), d())[0])
        monkeypatch.setattr(access, "get_object_or_404", lambda *a, r=read_404, d=delete_it, **k: (r(*a, **k), d())[0])
        with transaction.atomic():  # each route on the world as it was
            point = transaction.savepoint()
            answer = client_for(world, ADMIN).patch(url, payload, format="json")
            transaction.savepoint_rollback(point)
        monkeypatch.undo()
        if deleted == [True]:
            probed[route.name] = answer.status_code
            # 404, also where the body was judged against the stored row before the lock (an
            # action's due date in the past is kept only as it was stored): it was a 400 there.
            if answer.status_code != 404:
                wrong.append((route.name, answer.status_code, answer.content[:300]))
    assert len(probed) >= 10, probed
    assert not wrong, wrong
    for name in ("financing-analyses-detail", "procurement-responses-detail", "procurement-realisations-detail",
                 "brokers-action-detail", "ecosystem-space-request-detail"):
        assert probed[name] == 404, probed
