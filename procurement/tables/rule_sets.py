"""Tables of SROI rule sets and their building blocks, and what a block means in plain words."""

import django_tables2 as tables
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from enterprises.constants import Scheme
from impactportal.ui.columns import MoneyColumn

from ..constants import BlockKind
from ..models import Block, RuleSet
from ..valuation import HUNDRED, money, number, percent

NUMERIC = {"td": {"class": "numeric"}, "th": {"class": "numeric"}}


def scheme_names(codes) -> str:
    labels = dict(Scheme.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes)


def block_meaning(block: Block) -> str:
    """What the block counts, e.g. "€ 30.000 per fte-jaar, ten hoogste 2 jaar per kandidaat"."""
    kind, value = block.kind, block.value
    if kind in (BlockKind.PLACEMENT, BlockKind.BONUS, BlockKind.WORK_EXPERIENCE, BlockKind.TRAINING,
                BlockKind.HOURS) and value is None:
        return _("Geen waarde ingevuld: telt niet.")
    if kind == BlockKind.PLACEMENT:
        text = _("%(value)s per fte-jaar, naar rato van fte en maanden") % {"value": money(value)}
        if block.max_years is not None:
            return text + "; " + _("ten hoogste %(years)s jaar per kandidaat") % {"years": number(block.max_years)}
        return text + "; " + _("geen maximum per kandidaat")
    if kind == BlockKind.BONUS:
        return _("%(value)s per fte-jaar extra bij een plaatsing") % {"value": money(value)}
    if kind == BlockKind.WORK_EXPERIENCE:
        return _("%(value)s per maand") % {"value": money(value)}
    if kind == BlockKind.TRAINING:
        return _("%(value)s per opleidingsjaar, naar rato van de maanden") % {"value": money(value)}
    if kind == BlockKind.HOURS:
        return _("%(value)s per uur") % {"value": money(value)}
    if kind == BlockKind.PURCHASE:
        if block.share is None:
            return _("Geen deel ingevuld: telt niet.")
        text = _("%(share)s van het factuurbedrag exclusief btw telt") % {"share": percent(block.share * HUNDRED)}
        if block.required_schemes:
            return text + "; " + _("de verkoper heeft op de factuurdatum een geldig certificaat: %(schemes)s") % {
                "schemes": scheme_names(block.required_schemes)}
        return text + "; " + _("bij elke toegelaten impactonderneming")
    if kind == BlockKind.CERTIFICATE:
        if not block.reduction_percentage:
            return _("Geen verlaging ingevuld: telt niet.")
        return _("Verlaagt de verplichting met %(percentage)s als de leverancier een certificaat heeft dat geldig "
                 "blijft tot het einde van het contract: %(schemes)s") % {
            "percentage": percent(block.reduction_percentage), "schemes": scheme_names(block.required_schemes)}
    return _("Het opgegeven bedrag, met onderbouwing; telt pas na goedkeuring door een makelaar")


class RuleSetTable(tables.Table):
    name = tables.LinkColumn("procurement:rule-set-detail", args=[tables.A("pk")])
    owner = tables.Column(accessor="owner", verbose_name=gettext_lazy("Eigenaar"),
                          order_by=("organisation__name", "region__name", "name"))
    obligation_percentage = tables.Column(attrs=NUMERIC, verbose_name=gettext_lazy("Verplichting (%)"))
    threshold = MoneyColumn(verbose_name=gettext_lazy("Drempel"))
    block_count = tables.Column(attrs=NUMERIC, verbose_name=gettext_lazy("Bouwblokken"))
    is_example = tables.BooleanColumn(verbose_name=gettext_lazy("Voorbeeld"),
                                      yesno=(gettext_lazy("ja"), gettext_lazy("nee")))

    class Meta:
        model = RuleSet
        fields = ["name", "version", "owner", "valid_from", "valid_until", "obligation_percentage", "threshold",
                  "block_count", "is_example"]
        order_by = ("name", "-version")


class BlockTable(tables.Table):
    code = tables.Column(verbose_name=gettext_lazy("Code"))
    meaning = tables.Column(accessor="pk", verbose_name=gettext_lazy("Wat telt"), orderable=False)

    class Meta:
        model = Block
        fields = ["name", "code", "kind", "meaning", "level", "notes"]
        orderable = False

    def render_meaning(self, record):
        return block_meaning(record)

    def value_meaning(self, record):
        return block_meaning(record)

    # Name and notes in the page's language (``Block.page_name``), on screen and in exports.
    def render_name(self, record):
        return record.page_name

    def value_name(self, record):
        return record.page_name

    def render_notes(self, record):
        return record.page_notes

    def value_notes(self, record):
        return record.page_notes
