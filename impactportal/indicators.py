"""The shape of a monitoring indicator, shared by every app that contributes one.

An app declares its indicators on its AppConfig (``def indicators(self): return [...]``, the
module imported inside the method, see ``impactportal.contributions``); the ``monitoring`` app
collects them with ``contributions.indicators()``, stores their values in monthly snapshots and
puts them in reports. An app never imports ``monitoring``: adding an indicator is a few lines in
the app that owns the data.

Values are computed **set-based**: ``compute(period)`` returns the value for every organisation at
once (``{organisation id: value}``) in a few aggregate queries, never a loop over organisations.
Region and programme values are the sum over their member organisations unless the indicator
gives its own ``compute_region`` / ``compute_programme`` (needed for averages and shares)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Basis(models.TextChoices):
    """How firm a figure is. A gross value is never presented as net impact."""

    MEASURED = "measured", _("gemeten")
    ESTIMATED = "estimated", _("geschat")
    SELF_DECLARED = "self_declared", _("zelf opgegeven")


class Level(models.TextChoices):
    ORGANISATION = "organisation", _("organisatie")
    REGION = "region", _("regio")
    PROGRAMME = "programme", _("programma")


class Unit(models.TextChoices):
    COUNT = "count", _("aantal")
    MONEY = "money", _("euro")
    PERCENTAGE = "percentage", _("procent")
    DAYS = "days", _("dagen")
    HOURS = "hours", _("uren")
    SCORE = "score", _("score")


@dataclass(frozen=True)
class Period:
    """The period a value describes: ``start`` inclusive, ``end`` exclusive (aware datetimes).
    Stock figures (how many enterprises are admitted) are read as at ``end``; flow figures
    (cases opened) count what happened in ``[start, end)``."""

    start: dt.datetime
    end: dt.datetime
    label: str  # "2026-11" for a month, "2026" for a year


# {organisation id (or region id / programme id): value}; an absent key means "no value".
Values = dict[int, Decimal]


@dataclass(frozen=True)
class Indicator:
    code: str  # "<app>.<name>", stable: snapshots, targets and the API use it
    name: str
    unit: str  # a Unit value
    definition: str  # one or two sentences: what is counted and from which records
    source: str  # the app label whose data it reads
    basis: str  # a Basis value
    compute: Callable[[Period], Values]  # per organisation id
    levels: tuple[str, ...] = (Level.ORGANISATION, Level.REGION, Level.PROGRAMME)
    sdgs: tuple[int, ...] = ()  # UN Sustainable Development Goals, 1..17
    broad_welfare: tuple[str, ...] = ()  # brede welvaart themes, e.g. "arbeid en vrije tijd"
    compute_region: Callable[[Period], Values] | None = None  # default: sum over member organisations
    compute_programme: Callable[[Period], Values] | None = None  # default: sum over participants
    tags: tuple[str, ...] = field(default=())
    # "app_label.Model" the values are computed from, when its rows are kept to a department (supplier
    # payments: inkoop, a department grant with ``creates``): before publication a user reads the
    # values only where that model's access policy lets them hold its rows (``access.owner_choices``;
    # ``monitoring.registry.withheld``), so a colleague of another department reads "not available for
    # your department"; steering groups read them as every figure. Empty: every value reader's.
    department_rows: str = ""
