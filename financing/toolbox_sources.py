"""Linked toolbox question of module 10: financing instruments, MKBA analyses and outcome
contracts of the organisation (read through the access module)."""

from django.utils.translation import gettext_lazy as _

from impactportal.contributions import ToolboxSource


def overview_context(user, organisation):
    from impactportal import access

    from .models import Instrument, MkbaAnalysis, OutcomeContract

    analyses = access.scope(user, MkbaAnalysis).filter(organisation=organisation)
    contracts = access.scope(user, OutcomeContract).filter(organisation=organisation)
    instruments = access.scope(user, Instrument).filter(is_active=True)
    rows = [
        {"label": _("Financieringsinstrumenten in de catalogus"), "count": instruments.count(),
         "url_name": "financing:instrument-list"},
        {"label": _("MKBA-analyses"), "count": analyses.count(), "url_name": "financing:mkba-list"},
        {"label": _("Resultaatcontracten"), "count": contracts.count(), "url_name": "financing:outcome-contract-list"},
    ]
    return {"rows": rows, "own": rows[1]["count"] + rows[2]["count"],
            "analyses": list(analyses.order_by("-pk")[:5]), "contracts": list(contracts.order_by("-pk")[:5])}


def has_own(context) -> bool:
    return bool(context.get("own"))


def overview_answered(user, organisations) -> set[int]:
    """``has_own`` for many organisations: those with an MKBA analysis or an outcome contract the
    user sees (two queries; the catalogue's instruments are not the organisation's own)."""
    from impactportal import access

    from .models import MkbaAnalysis, OutcomeContract

    return {pk for model in (MkbaAnalysis, OutcomeContract)
            for pk in access.scope(user, model).filter(organisation__in=organisations)
            .order_by().values_list("organisation_id", flat=True).distinct()}


SOURCES = [ToolboxSource(key="financing.overview", label=_("Financiering"),
                         template="toolbox_sources/financing_overview.html", context=overview_context,
                         has_data=has_own, answered=overview_answered)]
