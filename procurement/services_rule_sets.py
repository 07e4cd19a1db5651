"""Changing SROI rule sets: save, delete, edit blocks, publish a new version.

A rule set a contract pinned is published policy that contracts are valued by: it is never
changed or deleted again (``services.is_pinned``); the way forward is a new version, a copy with
its own validity. Each decision locks the rule set and checks the grant on the locked row."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from impactportal import access
from impactportal.text import short_date

from .constants import BlockKind
from .models import Block, RuleSet
from .services import is_pinned

# The parameters each kind of block needs, and those it may have besides; the rest are refused
# so a table never holds a number that silently counts for nothing.
BLOCK_PARAMETERS = ("value", "share", "max_years", "required_schemes", "reduction_percentage", "level")
KIND_PARAMETERS: dict[str, tuple[set[str], set[str]]] = {
    BlockKind.PLACEMENT: ({"value"}, {"max_years"}),
    BlockKind.WORK_EXPERIENCE: ({"value"}, set()),
    BlockKind.TRAINING: ({"value"}, {"level"}),
    BlockKind.PURCHASE: ({"share"}, {"required_schemes"}),
    BlockKind.HOURS: ({"value"}, set()),
    BlockKind.CERTIFICATE: ({"reduction_percentage", "required_schemes"}, set()),
    BlockKind.BONUS: ({"value"}, set()),
    BlockKind.OTHER: (set(), set()),
}


def block_errors(values: dict) -> dict[str, str]:
    """Field errors of a block's parameters for its kind (``values``: field name → value)."""
    required, optional = KIND_PARAMETERS.get(values.get("kind"), (set(), set()))
    kind = BlockKind(values["kind"]).label if values.get("kind") in BlockKind.values else values.get("kind")
    errors = {}
    for name in BLOCK_PARAMETERS:
        given = values.get(name) not in (None, "", [], ())
        if name in required and not given:
            errors[name] = _("Vul dit in bij een bouwblok van de soort '%(kind)s'.") % {"kind": kind}
        elif given and name not in required | optional:
            errors[name] = _("Dit hoort niet bij een bouwblok van de soort '%(kind)s'; laat het leeg.") % {"kind": kind}
    return errors


def pinned_message(rule_set: RuleSet) -> str:
    count = rule_set.contracts.count()
    return ngettext("Deze regeling is vastgelegd in %(count)s contract en verandert niet meer. "
                    "Maak een nieuwe versie om de regels aan te passen.",
                    "Deze regeling is vastgelegd in %(count)s contracten en verandert niet meer. "
                    "Maak een nieuwe versie om de regels aan te passen.", count) % {"count": count}


def lock_for_change(rule_set: RuleSet, *, by, action: str = access.CHANGE) -> RuleSet:
    """The rule set locked, after checking that ``by`` may change it and no contract pinned it."""
    locked = access.require_locked(by, action, rule_set)
    if is_pinned(locked):
        raise ValidationError(pinned_message(locked))
    return locked


def may_own(user, rule_set: RuleSet) -> bool:
    """Whether ``user`` may keep rule sets under the rule set's owner (organisation or region)."""
    path = "organisation" if rule_set.organisation_id else "region"
    owner_id = rule_set.organisation_id or rule_set.region_id
    return access.owner_choices(user, RuleSet, path=path).filter(pk=owner_id).exists()


@transaction.atomic
def rule_set_save(*, rule_set: RuleSet, by) -> RuleSet:
    """Create a rule set, or change one no contract pinned yet, under an owner ``by`` may use."""
    if rule_set.pk is not None:
        lock_for_change(rule_set, by=by)
    rule_set.full_clean()
    if not may_own(by, rule_set):
        raise PermissionDenied
    rule_set.save()
    return rule_set


DUPLICATE_CODE = _lazy("Elke code komt maar één keer voor in een regeling.")


@transaction.atomic
def blocks_replace(*, rule_set: RuleSet, blocks: list[dict], by) -> list[Block]:
    """Replace every block of a rule set no contract pinned (the API writes blocks as a whole)."""
    locked = lock_for_change(rule_set, by=by)
    locked.blocks.all().delete()
    created = []
    for order, values in enumerate(blocks):
        block = Block(rule_set=locked, **{"order": order, **values})
        block.full_clean()
        created.append(block)
    return Block.objects.bulk_create(created)


@transaction.atomic
def rule_set_delete(*, rule_set: RuleSet, by) -> None:
    lock_for_change(rule_set, by=by, action=access.DELETE).delete()


def _next_version(rule_set: RuleSet) -> int:
    same = RuleSet.objects.filter(name=rule_set.name, organisation=rule_set.organisation_id,
                                  region=rule_set.region_id)
    return (same.aggregate(highest=Max("version"))["highest"] or rule_set.version) + 1


@transaction.atomic
def rule_set_new_version(*, rule_set: RuleSet, by, valid_from: dt.date, valid_until: dt.date | None = None,
                         notes: str | None = None) -> RuleSet:
    """A copy of ``rule_set`` with every block, its own validity and the next version number.
    The previous version ends the day before if it had no end: that closes its period for new
    contracts and leaves what pinned contracts count untouched."""
    old = access.require_locked(by, access.CHANGE, rule_set)
    if valid_from <= old.valid_from:
        raise ValidationError({"valid_from": _("Een nieuwe versie gaat in na de ingangsdatum van de vorige (%(date)s).")
                               % {"date": short_date(old.valid_from)}})
    if old.valid_until is not None and valid_from <= old.valid_until:
        raise ValidationError({"valid_from": _("De vorige versie geldt tot en met %(date)s; laat de nieuwe daarna "
                                               "ingaan.") % {"date": short_date(old.valid_until)}})
    if RuleSet.objects.filter(previous=old).exists():
        raise ValidationError(_("Van deze versie bestaat al een nieuwere versie; maak een nieuwe versie van de "
                                "nieuwste."))
    new = RuleSet(
        organisation=old.organisation, region=old.region, name=old.name, version=_next_version(old),
        valid_from=valid_from, valid_until=valid_until, obligation_percentage=old.obligation_percentage,
        threshold=old.threshold, cap=old.cap, is_example=old.is_example, source=old.source,
        notes=old.notes if notes is None else notes, previous=old,
    )
    new.full_clean()
    new.save()
    Block.objects.bulk_create([
        Block(rule_set=new, **{f.name: getattr(block, f.name) for f in Block._meta.concrete_fields
                               if f.name not in ("id", "rule_set")})
        for block in old.blocks.all()
    ])
    if old.valid_until is None:
        old.valid_until = valid_from - dt.timedelta(days=1)
        old.save(update_fields=["valid_until", "updated_at"])
    return new


def versions_of(rule_set: RuleSet):
    """Every version of the same table (same owner and name), oldest first."""
    owner = Q(organisation=rule_set.organisation_id) if rule_set.organisation_id else Q(region=rule_set.region_id)
    return RuleSet.objects.filter(owner, name=rule_set.name).order_by("version", "id")
